// Independent replications of one scenario combined: every series point and summary figure is
// the average of the replications' values with its 95 % Student-t interval (replications.ts),
// as the steady-state replications are combined.
import { meanInterval } from '../replications';
import { byId } from '../report';
import type { Estimate, NodeTimeline, ScenarioResult, Series, Timeline } from './timeline';

/** Average and interval of the values present (a bucket a replication has not reached yet is absent). */
function estimate(values: readonly (number | null | undefined)[], strict = false): Estimate {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0 || (strict && xs.length < values.length)) return { mean: null };
  const { mean, half } = meanInterval(xs);
  return half === null ? { mean } : { mean, lo: mean! - half, hi: mean! + half };
}

function series(list: Series[]): Series {
  const n = list[0].mean.length;
  const out: Series = { mean: new Array(n), lo: new Array(n), hi: new Array(n) };
  for (let i = 0; i < n; i++) {
    const e = estimate(list.map((s) => s.mean[i]));
    out.mean[i] = e.mean;
    out.lo![i] = e.lo ?? null;
    out.hi![i] = e.hi ?? null;
  }
  if (list.length < 2) return { mean: out.mean };
  return out;
}

const optional = (list: (Series | undefined)[]): Series | undefined => (list.every((s) => s) ? series(list as Series[]) : undefined);

function timeline(list: Timeline[]): Timeline {
  const first = list[0];
  const nodes = byId<NodeTimeline>();
  for (const id of Object.keys(first.nodes)) {
    const ns = list.map((t) => t.nodes[id]);
    nodes[id] = { arrivalRps: series(ns.map((x) => x.arrivalRps)), utilization: series(ns.map((x) => x.utilization)), queue: series(ns.map((x) => x.queue)), replicas: series(ns.map((x) => x.replicas)) };
  }
  const errs = (k: keyof Timeline['errors']) => series(list.map((t) => t.errors[k]));
  return {
    bucketS: first.bucketS,
    t: first.t,
    offeredRps: series(list.map((t) => t.offeredRps)),
    goodputRps: series(list.map((t) => t.goodputRps)),
    errors: { rejected: errs('rejected'), timedOut: errs('timedOut'), breakerOpen: errs('breakerOpen'), failed: errs('failed') },
    lostRps: optional(list.map((t) => t.lostRps)),
    p50Ms: series(list.map((t) => t.p50Ms)),
    p99Ms: series(list.map((t) => t.p99Ms)),
    meanMs: optional(list.map((t) => t.meanMs)),
    nodes,
    markers: first.markers,
  };
}

/** One result from replications of one scenario (at least one), in replication order. */
export function combineScenarioResults(results: readonly ScenarioResult[]): ScenarioResult {
  const first = results[0];
  const sums = results.map((r) => r.summary);
  const amplification = byId<Estimate>();
  for (const id of Object.keys(first.summary.amplification)) amplification[id] = estimate(sums.map((s) => s.amplification[id]?.mean));
  const slo = first.summary.secondsOverSlo;
  return {
    timeline: timeline(results.map((r) => r.timeline)),
    summary: {
      replications: results.length,
      requests: estimate(sums.map((s) => s.requests.mean)),
      lost: estimate(sums.map((s) => s.lost.mean)),
      secondsOverSlo: slo === null ? null : estimate(sums.map((s) => s.secondsOverSlo?.mean)),
      // A replication that never recovered makes the figure "never": an average of the others would hide it.
      recoveries: first.summary.recoveries.map((r, i) => ({ ...r, recoverS: estimate(sums.map((s) => s.recoveries[i].recoverS.mean), true) })),
      amplification,
      meanMs: estimate(sums.map((s) => s.meanMs?.mean)),
    },
    events: results.reduce((s, r) => s + r.events, 0),
    wallMs: Math.max(...results.map((r) => r.wallMs)),
  };
}
