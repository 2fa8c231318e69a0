// What the canvas draws from a simulation report: a small record per component and a rate per
// connection. Records whose numbers did not change keep their identity, so an edit that moves
// one component's figures re-renders that component, not every node on the canvas.
import type { Design } from '../model/design';
import type { Report } from '../simulation/report';

export interface NodeMetrics {
  utilization: number;
  /** Offered load against capacity where it differs from utilization (batching servers); colours read it. */
  load?: number;
  p99Ms: number | null;
  /** No steady state: the queue grows without limit. */
  overloaded: boolean;
  /** Past capacity, kept finite by rejecting the excess at its queue limit. */
  saturated: boolean;
  /** Share of its arrivals rejected by its queue limit (0 when too few to show). */
  rejected: number;
  bottleneck: boolean;
  /** Refined figures: half-width of the p99's 95 % interval over the replications. */
  p99HalfMs?: number | null;
}

/**
 * The bottleneck tag marks the component that limits the design's maximum load only once it
 * is busy enough for that to matter: at 10 % it is the first to saturate, but far from it.
 */
export const BOTTLENECK_TAG_UTILIZATION = 0.5;

/** Rejections below this share round to "0.0 %": not shown. */
export const VISIBLE_REJECTION = 0.0005;

export type MetricsMap = ReadonlyMap<string, NodeMetrics>;
export type TrafficMap = ReadonlyMap<string, number>;

/** Utilization bands of the canvas colours; an overloaded component is red whatever its number. */
export type Level = 'green' | 'amber' | 'red';

export function levelOf(m: NodeMetrics): Level {
  const load = m.load ?? m.utilization;
  if (m.overloaded || m.saturated || load >= 0.9) return 'red';
  return load >= 0.7 ? 'amber' : 'green';
}

function sameMetrics(a: NodeMetrics, b: NodeMetrics): boolean {
  return (
    a.utilization === b.utilization &&
    a.load === b.load &&
    a.p99Ms === b.p99Ms &&
    a.overloaded === b.overloaded &&
    a.saturated === b.saturated &&
    a.rejected === b.rejected &&
    a.bottleneck === b.bottleneck &&
    a.p99HalfMs === b.p99HalfMs
  );
}

export function toMetrics(report: Report | null, prev?: MetricsMap): MetricsMap | undefined {
  if (!report) return undefined;
  const overloaded = new Set(report.overloaded);
  const saturated = new Set(report.saturated ?? []);
  const out = new Map<string, NodeMetrics>();
  let changed = !prev;
  for (const [id, n] of Object.entries(report.nodes)) {
    // A component no request reaches (an offline pipeline, a dangling service) has no figures
    // worth a badge: "0 %, p99 0 ms" would read as a measurement.
    if (!(n.arrivalRps > 0) && !overloaded.has(id)) continue;
    const over = overloaded.has(id);
    const sat = saturated.has(id);
    const next: NodeMetrics = {
      utilization: n.utilization,
      // No steady state, no percentile: an overloaded component never shows a finite p99.
      p99Ms: over ? null : n.p99Ms,
      overloaded: over,
      saturated: sat,
      rejected: n.errorRate >= VISIBLE_REJECTION ? n.errorRate : 0,
      bottleneck: report.bottleneck === id && (over || sat || (n.load ?? n.utilization) >= BOTTLENECK_TAG_UTILIZATION),
    };
    if (n.load !== undefined) next.load = n.load;
    const half = report.confidence?.nodes[id]?.p99Ms;
    if (half !== undefined && !over) next.p99HalfMs = half;
    const old = prev?.get(id);
    if (old && sameMetrics(old, next)) out.set(id, old);
    else {
      out.set(id, next);
      changed = true;
    }
  }
  if (prev && !changed && prev.size === out.size) return prev;
  return out;
}

/** Requests per second over each drawn connection (offline ones carry nothing and get none). */
export function toTraffic(design: Design, report: Report | null, prev?: TrafficMap): TrafficMap | undefined {
  if (!report) return undefined;
  const out = new Map<string, number>();
  for (const e of design.edges) {
    // Own keys only: an id such as "toString" must not read a property every object has.
    const r = Object.hasOwn(report.edges, e.id) ? report.edges[e.id] : undefined;
    if (r && Number.isFinite(r.rps)) out.set(e.id, r.rps);
  }
  if (prev && prev.size === out.size && [...out].every(([id, v]) => prev.get(id) === v)) return prev;
  return out;
}

/**
 * From this utilization on, queueing times swing widely from one run to the next: the
 * refinement's own replications know an M/M/16's p99 within 2 % at ρ 0.75, no better than
 * ±10 % at ρ 0.975 (tests/unit/app/near-capacity.test.ts). Figures there are uncertain,
 * whatever the engine.
 */
export const NEAR_CAPACITY = 0.95;

/** Components at or past NEAR_CAPACITY that still have a steady state (ids, busiest first). */
export function nearCapacity(report: Report): string[] {
  const overloaded = new Set(report.overloaded);
  return Object.entries(report.nodes)
    .filter(([id, n]) => n.utilization >= NEAR_CAPACITY && !overloaded.has(id))
    .sort((a, b) => b[1].utilization - a[1].utilization)
    .map(([id]) => id);
}

/** True when no source sends anything: there are no waits, latencies or maximum to show. */
export function noLoad(report: Report): boolean {
  return !Object.values(report.sources).some((s) => s.rps > 0);
}
