// A design's scenario checked and resolved against its compiled graph: node ids to indexes,
// frames to the components inside them, autoscaling settings read, the timeline's buckets and
// the warm-up laid out. Every problem is one sentence for a person.
import type { Design } from '../../model/design';
import type { Autoscale, LoadProfile, Scenario, ScenarioEvent } from '../../model/scenario';
import type { SimGraph } from '../graph';
import { simulatedUsers } from '../closed-loop';
import { profileProblem } from './profile';

/** At most this many timeline buckets: a chart has no use for more, and each costs a little. */
export const MAX_BUCKETS = 10_000;
/**
 * At most this many components × buckets: the timeline keeps four series per component (what
 * arrives, utilization, queue, replicas), so 5,000 components over 120 buckets fit, and 100 over
 * 10,000, but not 5,000 over 10,000 (200 million figures).
 */
export const MAX_TIMELINE_CELLS = 1_000_000;
/** At most a day of simulated time. */
export const MAX_DURATION_S = 86_400;
/** Source requests of the flat load run before t = 0, so the scenario starts from the steady state. */
const WARMUP_REQUESTS = 2000;

export interface PlannedEvent {
  event: ScenarioEvent;
  label: string;
  /** Components it acts on (a frame: every component inside it). */
  nodes: number[];
}

export interface ScenarioPlan {
  scenario: Scenario;
  durationMs: number;
  bucketMs: number;
  buckets: number;
  /** Simulated time before t = 0 at the profiles' starting load; engine time = warmMs + scenario time. */
  warmMs: number;
  /** Per node index: its load profile (sources only). */
  profiles: (LoadProfile | undefined)[];
  /** Per node index: closed-loop sources (users) send as users do; a profile scales their users (users.ts). */
  closed: boolean[];
  /** Per node index: a closed-loop source's users as the engine starts them, 0 for the others. */
  users: number[];
  events: PlannedEvent[];
  autoscale: (Autoscale | null)[];
  /** Servers per replica (concurrency). */
  concurrency: number[];
  sloP99Ms: number | null;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A bucket width of at least x seconds, to two significant figures rounded up: one that is enough when taken at its word. */
function atLeast(x: number): string {
  const step = 10 ** (Math.floor(Math.log10(x)) - 1);
  return (Math.ceil(x / step - 1e-9) * step).toPrecision(2);
}

export function planScenario(design: Design, g: SimGraph): { ok: true; plan: ScenarioPlan } | { ok: false; error: string } {
  const sc = design.scenario;
  if (!sc || typeof sc !== 'object') return { ok: false, error: 'This design has no scenario: add one (a duration, load profiles and events) to run it over time.' };
  if (!finite(sc.durationS) || sc.durationS <= 0 || sc.durationS > MAX_DURATION_S) return { ok: false, error: `The scenario's duration must be from 0 to ${MAX_DURATION_S} seconds (got ${String(sc.durationS)}).` };
  const bucketS = sc.bucketS ?? Math.max(0.1, sc.durationS / 120);
  if (!finite(bucketS) || bucketS <= 0) return { ok: false, error: `The scenario's bucket width must be above 0 seconds (got ${String(sc.bucketS)}).` };
  const buckets = Math.ceil(sc.durationS / bucketS - 1e-9);
  if (buckets > MAX_BUCKETS) return { ok: false, error: `The scenario has ${buckets} timeline buckets; at most ${MAX_BUCKETS} — make bucketS at least ${atLeast(sc.durationS / MAX_BUCKETS)} s.` };
  const n = g.nodes.length;
  if (n * buckets > MAX_TIMELINE_CELLS) {
    const most = Math.max(1, Math.floor(MAX_TIMELINE_CELLS / n));
    return { ok: false, error: `The scenario's timeline would follow ${n.toLocaleString('en-US')} components over ${buckets.toLocaleString('en-US')} buckets; at most ${most.toLocaleString('en-US')} buckets for this design — make bucketS at least ${atLeast(sc.durationS / most)} s.` };
  }

  const index = new Map(g.nodes.map((n, i) => [n.id, i]));
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const name = (u: number) => g.nodes[u].label;
  const profiles: (LoadProfile | undefined)[] = new Array(g.nodes.length).fill(undefined);
  for (const [id, p] of Object.entries(sc.profiles ?? {})) {
    const u = index.get(id);
    if (u === undefined || !g.nodes[u].isSource) return { ok: false, error: `The scenario gives a load profile to "${id}", which is not a source of this design.` };
    const problem = profileProblem(p, name(u));
    if (problem) return { ok: false, error: problem };
    profiles[u] = p;
  }
  const closed = g.nodes.map((n) => n.isSource && ((byId.get(n.id)?.params.users as number | undefined) ?? 0) > 0);
  const users = g.nodes.map((n, u) => (closed[u] ? simulatedUsers(n, 1) : 0));

  const events: PlannedEvent[] = [];
  for (const ev of sc.events ?? []) {
    const planned = planEvent(ev, index, design, g, sc.durationS);
    if (typeof planned === 'string') return { ok: false, error: planned };
    events.push(planned);
  }

  const autoscale: (Autoscale | null)[] = [];
  const concurrency: number[] = [];
  for (const n of g.nodes) {
    concurrency.push(Math.max(1, Math.round(n.servers / n.replicas)));
    const a = byId.get(n.id)?.params.autoscale as Autoscale | undefined;
    if (!a) {
      autoscale.push(null);
      continue;
    }
    if (n.llm) return { ok: false, error: `${n.label}: autoscaling an LLM server is not simulated — its replicas are busy at any load, so the rule would only ever scale up. Set its replicas with the GPU planner instead.` };
    const ok = finite(a.min) && finite(a.max) && a.min >= 1 && a.max >= a.min && finite(a.target) && a.target > 0 && a.target <= 1 && finite(a.periodS) && a.periodS > 0 && finite(a.delayS) && a.delayS >= 0;
    if (!ok) return { ok: false, error: `${n.label}: autoscaling needs 1 ≤ min ≤ max replicas, a target utilization above 0 and at most 1, a period above 0 s and a delay ≥ 0 s.` };
    autoscale.push(a);
  }

  const baseRps = g.sources.reduce((s, u) => s + g.nodes[u].rps, 0);
  const warmS = Math.min(sc.durationS / 4, Math.max(WARMUP_REQUESTS / Math.max(baseRps, 1e-9), sc.durationS / 100));
  const slo = design.slo?.p99Ms;
  return {
    ok: true,
    plan: {
      scenario: sc,
      durationMs: sc.durationS * 1000,
      bucketMs: bucketS * 1000,
      buckets,
      warmMs: warmS * 1000,
      profiles,
      closed,
      users,
      events,
      autoscale,
      concurrency,
      sloP99Ms: finite(slo) && slo > 0 ? slo : null,
    },
  };
}

function planEvent(ev: ScenarioEvent, index: Map<string, number>, design: Design, g: SimGraph, durationS: number): PlannedEvent | string {
  if (!ev || !finite(ev.atS) || ev.atS < 0 || ev.atS > durationS) return `A scenario event must happen between 0 and ${durationS} s (got ${String(ev?.atS)}).`;
  const dur = (ev as { durationS?: number }).durationS;
  if (dur !== undefined && !(finite(dur) && dur >= 0)) return `A scenario event's durationS must be a number ≥ 0 (got ${String(dur)}).`;
  const For = dur !== undefined ? ` for ${dur} s` : '';
  if (ev.type === 'frame-down') {
    const frame = design.nodes.find((n) => n.id === ev.frame);
    if (!frame) return `The scenario takes down frame "${ev.frame}", which is not in this design.`;
    const parent = new Map(design.nodes.map((n) => [n.id, n.parentId]));
    const inside = (id: string): boolean => {
      const seen = new Set<string>();
      for (let p = parent.get(id); p !== undefined && !seen.has(p); p = parent.get(p)) {
        if (p === ev.frame) return true;
        seen.add(p);
      }
      return false;
    };
    const nodes = g.nodes.flatMap((n, u) => (inside(n.id) ? [u] : []));
    return { event: ev, nodes, label: `${frame.label || frame.id} down${For}` };
  }
  const u = index.get(ev.node);
  if (u === undefined) return `The scenario's ${ev.type} event names "${ev.node}", which is not a simulated component of this design.`;
  const n = g.nodes[u];
  switch (ev.type) {
    case 'fail':
      if (!finite(ev.replicas) || ev.replicas < 1 || !Number.isInteger(ev.replicas)) return `${n.label}: a failure takes a whole number ≥ 1 of replicas (got ${String(ev.replicas)}).`;
      return { event: ev, nodes: [u], label: `${n.label} loses ${ev.replicas} replica${ev.replicas === 1 ? '' : 's'}${For}` };
    case 'slow':
      if (!finite(ev.factor) || ev.factor <= 0) return `${n.label}: a slowdown needs a factor above 0 (got ${String(ev.factor)}).`;
      return { event: ev, nodes: [u], label: `${n.label} ${ev.factor}× slower${For}` };
    case 'flush':
      if (!finite(ev.warmupS) || ev.warmupS < 0) return `${n.label}: a cache flush needs a warmupS ≥ 0 (got ${String(ev.warmupS)}).`;
      if (!(n.hitRatio > 0)) return `${n.label} has no hit ratio: only a cache (hitRatio above 0) can be flushed.`;
      return { event: ev, nodes: [u], label: `${n.label} flushed (refills over ${ev.warmupS} s)` };
    default:
      return `Unknown scenario event type "${String((ev as { type?: unknown }).type)}" (fail, slow, flush or frame-down).`;
  }
}
