// What the canvas draws from a simulation report: a small record per component and a rate per
// connection. Records whose numbers did not change keep their identity, so an edit that moves
// one component's figures re-renders that component, not every node on the canvas.
import type { Design } from '../model/design';
import type { Report } from '../simulation/report';

export interface NodeMetrics {
  utilization: number;
  p99Ms: number | null;
  overloaded: boolean;
  bottleneck: boolean;
}

export type MetricsMap = ReadonlyMap<string, NodeMetrics>;
export type TrafficMap = ReadonlyMap<string, number>;

/** Utilization bands of the canvas colours; an overloaded component is red whatever its number. */
export type Level = 'green' | 'amber' | 'red';

export function levelOf(m: NodeMetrics): Level {
  if (m.overloaded || m.utilization >= 0.9) return 'red';
  return m.utilization >= 0.7 ? 'amber' : 'green';
}

function sameMetrics(a: NodeMetrics, b: NodeMetrics): boolean {
  return a.utilization === b.utilization && a.p99Ms === b.p99Ms && a.overloaded === b.overloaded && a.bottleneck === b.bottleneck;
}

export function toMetrics(report: Report | null, prev?: MetricsMap): MetricsMap | undefined {
  if (!report) return undefined;
  const overloaded = new Set(report.overloaded);
  const out = new Map<string, NodeMetrics>();
  let changed = !prev;
  for (const [id, n] of Object.entries(report.nodes)) {
    // A component no request reaches (an offline pipeline, a dangling service) has no figures
    // worth a badge: "0 %, p99 0 ms" would read as a measurement.
    if (!(n.arrivalRps > 0) && !overloaded.has(id)) continue;
    const next: NodeMetrics = {
      utilization: n.utilization,
      // No steady state, no percentile: an overloaded component never shows a finite p99.
      p99Ms: overloaded.has(id) ? null : n.p99Ms,
      overloaded: overloaded.has(id),
      bottleneck: report.bottleneck === id,
    };
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
    const r = report.edges[e.id];
    if (r) out.set(e.id, r.rps);
  }
  if (prev && prev.size === out.size && [...out].every(([id, v]) => prev.get(id) === v)) return prev;
  return out;
}
