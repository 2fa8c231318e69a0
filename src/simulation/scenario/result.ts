// One scenario run's raw buckets turned into the reported timeline and summary (timeline.ts).
import type { SimGraph } from '../graph';
import type { Nodes } from '../des-state';
import { byId } from '../report';
import type { Buckets } from './buckets';
import type { ScenarioPlan } from './plan';
import type { Marker, NodeTimeline, ScenarioResult, Series } from './timeline';

/** Within this share of the pre-event level, goodput and p99 count as recovered. */
export const RECOVERY_TOLERANCE = 0.1;
/** Buckets before an event that make its "before" level. */
const PRE_BUCKETS = 10;
/** Buckets averaged when judging a recovery: one bucket's p99 is too noisy for 10 %. */
const RECOVERED_RUN = 3;

export function buildResult(g: SimGraph, N: Nodes, plan: ScenarioPlan, raw: Buckets, events: number, wallMs: number): ScenarioResult {
  const nb = plan.buckets;
  const bucketS = plan.bucketMs / 1000;
  const done = raw.closed;
  const val = (x: number, b: number) => (b < done && Number.isFinite(x) ? x : null);
  const series = (a: Float64Array, off = 0): Series => ({ mean: Array.from({ length: nb }, (_, b) => val(a[off + b], b)) });
  const rate = (a: Float64Array): Series => ({ mean: Array.from({ length: nb }, (_, b) => val((a[b] * 1000) / raw.width[b], b)) });
  const nodes = byId<NodeTimeline>();
  g.nodes.forEach((n, u) => {
    if (n.isSource && n.meanMs <= 0) return;
    const off = u * nb;
    nodes[n.id] = { arrivalRps: series(raw.arrivalRps, off), utilization: series(raw.utilization, off), queue: series(raw.queue, off), replicas: series(raw.replicas, off) };
  });
  const markers: Marker[] = [];
  plan.events.forEach((ev, i) => {
    const type = ev.event.type;
    markers.push({ atS: ev.event.atS, label: ev.label, event: i + 1, type });
    const dur = (ev.event as { durationS?: number }).durationS;
    if (dur !== undefined && ev.event.atS + dur <= plan.scenario.durationS) markers.push({ atS: ev.event.atS + dur, label: `${ev.label}: over`, event: i + 1, type, end: true });
  });
  markers.sort((a, b) => a.atS - b.atS);
  const timeline = {
    bucketS,
    t: Array.from({ length: nb }, (_, b) => b * bucketS),
    offeredRps: rate(raw.offered),
    goodputRps: rate(raw.good),
    errors: { rejected: rate(raw.rejected), timedOut: rate(raw.timedOut), breakerOpen: rate(raw.breakerOpen), failed: rate(raw.failed) },
    lostRps: rate(raw.lost),
    p50Ms: series(raw.p50),
    p99Ms: series(raw.p99),
    meanMs: series(raw.mean),
    nodes,
    markers,
  };
  const requests = raw.offered.reduce((s, x) => s + x, 0);
  const finished = done === nb;
  const amplification = byId<{ mean: number | null }>();
  if (finished) for (let k = 0; k < raw.edgeEnd.length; k++) amplification[g.edges[N.edgeId[k]].id] = { mean: requests > 0 ? (raw.edgeEnd[k] - raw.edgeStart[k]) / requests : null };
  const slo = plan.sloP99Ms;
  let over = 0;
  for (let b = 0; b < done; b++) {
    const p = raw.p99[b];
    if (slo !== null && (p > slo || (!(p >= 0) && raw.offered[b] > 0))) over += raw.width[b] / 1000;
  }
  return {
    timeline,
    summary: {
      replications: 1,
      requests: { mean: requests },
      lost: { mean: finished ? requests - raw.ok : null },
      secondsOverSlo: slo === null ? null : { mean: over },
      recoveries: plan.events.map((ev) => ({ atS: ev.event.atS, label: ev.label, recoverS: { mean: finished ? recovery(plan, ev.event, timeline.goodputRps.mean, timeline.p99Ms.mean) : null } })),
      amplification,
      meanMs: { mean: raw.ok > 0 ? raw.okMs / raw.ok : null },
    },
    events,
    wallMs,
  };
}

/**
 * Seconds from the event until goodput and p99, averaged over three buckets, are back within
 * 10 % of their average over the ten buckets before it, counted from the first bucket after it
 * that was outside (0 when none was while the event lasted); null if they never are, or if no
 * bucket before the event gives a level.
 */
export function recovery(plan: ScenarioPlan, ev: { atS: number; durationS?: number; warmupS?: number }, goodput: (number | null)[], p99: (number | null)[]): number | null {
  const bs = plan.bucketMs / 1000;
  const nb = plan.buckets;
  const preEnd = Math.floor(ev.atS / bs + 1e-9);
  const pre = (s: (number | null)[]) => {
    const xs = s.slice(Math.max(0, preEnd - PRE_BUCKETS), preEnd).filter((x): x is number => x !== null);
    return xs.length > 0 ? xs.reduce((a, x) => a + x, 0) / xs.length : null;
  };
  const g0 = pre(goodput);
  const p0 = pre(p99);
  if (g0 === null || p0 === null) return null;
  const ok = (b: number) => goodput[b] !== null && goodput[b]! >= (1 - RECOVERY_TOLERANCE) * g0 && p99[b] !== null && p99[b]! <= (1 + RECOVERY_TOLERANCE) * p0;
  const mean = (s: (number | null)[], b: number) => {
    const xs = s.slice(b, Math.min(nb, b + RECOVERED_RUN));
    return xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x as number), 0) / xs.length;
  };
  const good = (b: number) => {
    const g = mean(goodput, b);
    const p = mean(p99, b);
    return g !== null && p !== null && g >= (1 - RECOVERY_TOLERANCE) * g0 && p <= (1 + RECOVERY_TOLERANCE) * p0;
  };
  const first = Math.ceil(ev.atS / bs - 1e-9);
  const lasts = ev.durationS ?? ev.warmupS ?? Infinity;
  let bad = -1;
  for (let b = first; b < nb && (b === first || b * bs < ev.atS + lasts); b++) {
    if (!ok(b)) {
      bad = b;
      break;
    }
  }
  if (bad < 0) return 0;
  for (let b = bad + 1; b < nb; b++) if (good(b)) return b * bs - ev.atS;
  return null;
}
