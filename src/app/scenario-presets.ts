// Named scenarios to start from, built from any design: a traffic surge, a cache flush at peak,
// a zone going down, a slow dependency whose callers retry. Each picks its component by the
// analytic flow (the busiest cache, the busiest dependency), so the scenario hits where the load
// is; a preset that has nothing to act on (no cache, no frame and no replicated component) is
// not offered. Building goes through the model's commands, so the result is clamped like any edit.
import type { Design, DesignNode } from '../model/design';
import { GROUP_KIND, isDrawingOnly } from '../model/design';
import type { Scenario } from '../model/scenario';
import { setConnectionResilience, setScenario } from '../model/commands';
import { isSource } from '../model/source';
import { analyze } from '../simulation/analytic';
import type { NodeReport } from '../simulation/report';

export interface ScenarioPreset {
  id: string;
  name: string;
  description: string;
  /** The design with this scenario (and the settings it needs); one undo step when dispatched. */
  build(design: Design): Design;
  /** The same as build: the name the scenario picker calls. */
  apply(design: Design): Design;
}

/** A run of two minutes with the event at 30 %: a steady start to compare with, time to recover after. */
export const PRESET_DURATION_S = 120;
export const PRESET_EVENT_S = 0.3 * PRESET_DURATION_S;

const round = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);

/** Per component, what the analytic engine finds at the design's load (none when it cannot analyse the design). */
function flows(design: Design): Record<string, NodeReport> {
  const r = analyze(design);
  return r.ok ? r.report.nodes : {};
}

/** The component with the largest analytic arrival rate; ties (and no analysis) keep the design's order. */
function busiest(design: Design, candidates: DesignNode[]): DesignNode | undefined {
  const nodes = flows(design);
  let best: DesignNode | undefined;
  let bestRps = -1;
  for (const n of candidates) {
    const rps = nodes[n.id]?.arrivalRps ?? 0;
    if (rps > bestRps) [best, bestRps] = [n, rps];
  }
  return best;
}

const components = (d: Design) => d.nodes.filter((n) => !isDrawingOnly(n));
/** Sources that send: at a rate, or a closed loop of users (whose profile scales the users). */
const rateSources = (d: Design) => components(d).filter((n) => isSource(n) && ((n.params.rps as number) > 0 || (n.params.users as number) > 0));
/** Caches with something behind them: flushing one whose misses go nowhere changes nothing. */
const caches = (d: Design) => {
  const behind = new Set(d.edges.filter((e) => e.params.mode !== 'offline').map((e) => e.source));
  return components(d).filter((n) => typeof n.params.hitRatio === 'number' && n.params.hitRatio > 0 && behind.has(n.id));
};
const replicated = (d: Design) => components(d).filter((n) => !isSource(n) && typeof n.params.replicas === 'number' && n.params.replicas >= 2);

/** Frames that hold serving components and no source (a zone whose loss the users notice), with what is inside each. */
function zones(d: Design): { frame: DesignNode; inside: DesignNode[] }[] {
  const parent = new Map(d.nodes.map((n) => [n.id, n.parentId]));
  const within = (id: string, frame: string) => {
    for (let p = parent.get(id), hops = 0; p !== undefined && hops < d.nodes.length; p = parent.get(p), hops++) if (p === frame) return true;
    return false;
  };
  return d.nodes
    .filter((f) => f.kind === GROUP_KIND)
    .map((frame) => ({ frame, inside: components(d).filter((n) => within(n.id, frame.id)) }))
    .filter((z) => z.inside.length > 0 && !z.inside.some(isSource));
}

/** Components a service calls synchronously (not a source's first hop): the dependencies. */
function dependencies(d: Design): DesignNode[] {
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const called = new Set(d.edges.filter((e) => e.params.mode === 'sync' && !isSource(byId.get(e.source) ?? ({ params: {} } as DesignNode))).map((e) => e.target));
  return components(d).filter((n) => called.has(n.id) && !isSource(n));
}

const scenario = (name: string, rest: Partial<Scenario>): Scenario => ({ name, durationS: PRESET_DURATION_S, ...rest });

function preset(id: string, name: string, description: string, build: (d: Design) => Design): ScenarioPreset {
  return { id, name, description, build, apply: build };
}

const traffic = preset('traffic-x3', 'Traffic ×3 at peak', `Every source sends three times its rate from ${PRESET_EVENT_S} s of a ${PRESET_DURATION_S} s run: what saturates first, and what queues behind it.`, (d) =>
  setScenario(d, scenario('Traffic ×3 at peak', { profiles: Object.fromEntries(rateSources(d).map((s) => [s.id, { shape: 'step', atS: PRESET_EVENT_S, factor: 3 }])) })),
);

const FLUSH_WARMUP_S = 60;
const cacheFlush = preset('cache-flush', 'Cache flush at peak', `The cache that receives the most requests loses its content at ${PRESET_EVENT_S} s and refills over ${FLUSH_WARMUP_S} s: every miss reaches what is behind it.`, (d) => {
  const cache = busiest(d, caches(d));
  if (!cache) return d;
  return setScenario(d, scenario('Cache flush at peak', { events: [{ type: 'flush', atS: PRESET_EVENT_S, node: cache.id, warmupS: FLUSH_WARMUP_S }] }));
});

const OUTAGE_S = 30;
const zoneDown = preset('zone-down', 'Zone down', `A zone (the frame carrying the most requests) is down for ${OUTAGE_S} s from ${PRESET_EVENT_S} s; in a design without frames, the busiest replicated component loses half its replicas.`, (d) => {
  const zoneList = zones(d);
  if (zoneList.length > 0) {
    const nodes = flows(d);
    const load = (z: { inside: DesignNode[] }) => z.inside.reduce((sum, n) => sum + (nodes[n.id]?.arrivalRps ?? 0), 0);
    const { frame } = zoneList.reduce((a, b) => (load(b) > load(a) ? b : a));
    return setScenario(d, scenario('Zone down', { events: [{ type: 'frame-down', atS: PRESET_EVENT_S, frame: frame.id, durationS: OUTAGE_S }] }));
  }
  const target = busiest(d, replicated(d));
  if (!target) return d;
  const replicas = Math.floor((target.params.replicas as number) / 2);
  return setScenario(d, scenario('Zone down', { events: [{ type: 'fail', atS: PRESET_EVENT_S, node: target.id, replicas, durationS: OUTAGE_S }] }));
});

const SLOW_FACTOR = 5;
const SLOW_S = 20;
/** A timeout of about 3× the dependency's p99: its slow tail passes, a 5× slowdown does not. */
const TIMEOUT_OVER_P99 = 3;
const slowDependency = preset('slow-dependency', 'Slow dependency + retries', `The busiest dependency serves ${SLOW_FACTOR}× slower for ${SLOW_S} s from ${PRESET_EVENT_S} s; its callers time out after about 3× its p99 and retry up to 3 attempts with full jitter — does the system recover when the slowdown ends?`, (d) => {
  const report = flows(d);
  const dep = busiest(d, dependencies(d));
  if (!dep) return d;
  // Without a steady-state p99 (the design is overloaded), the mean service time stands in.
  const p99 = report[dep.id]?.p99Ms ?? ((dep.params.service as { meanMs?: number } | undefined)?.meanMs ?? 10) * 3;
  const timeoutMs = round(TIMEOUT_OVER_P99 * p99, 1);
  let out = setScenario(d, scenario('Slow dependency + retries', { events: [{ type: 'slow', atS: PRESET_EVENT_S, node: dep.id, factor: SLOW_FACTOR, durationS: SLOW_S }] }));
  for (const e of d.edges) {
    if (e.target !== dep.id || e.params.mode !== 'sync') continue;
    out = setConnectionResilience(out, e.id, { timeoutMs, retry: { maxAttempts: 3, baseMs: round(p99, 1), jitter: 'full' } });
  }
  return out;
});

/** The presets that have something to act on in this design, in the order the picker lists them. */
export function scenarioPresets(design: Design): ScenarioPreset[] {
  const out: ScenarioPreset[] = [];
  if (rateSources(design).length > 0) out.push(traffic);
  if (caches(design).length > 0) out.push(cacheFlush);
  if (zones(design).length > 0 || replicated(design).length > 0) out.push(zoneDown);
  if (dependencies(design).length > 0) out.push(slowDependency);
  return out;
}
