// A scenario result whose figures follow a closed form: a component with c replicas of rate μ
// each, offered λ(t), is busy λ/(cμ) of the time while λ < cμ (the utilization law), and serves
// nothing with no replica up.
import type { ScenarioResult, Series } from '../../../src/simulation/scenario/timeline';

const BUCKET_S = 1;
export const DURATION_S = 60;
const MU = 100; // each replica serves 100 rps (10 ms)

/** λ(t): 100 rps, a step to 190 rps at 30 s; replicas: 2, one of them failing from 45 s to 50 s, both from 50 s to 52 s. */
const lambda = (t: number) => (t < 30 ? 100 : 190);
const replicas = (t: number) => (t >= 50 && t < 52 ? 0 : t >= 45 && t < 50 ? 1 : 2);

function series(f: (t: number) => number | null): Series {
  return { mean: Array.from({ length: DURATION_S / BUCKET_S }, (_, i) => f(i * BUCKET_S)) };
}

export function run(): ScenarioResult {
  const t = Array.from({ length: DURATION_S / BUCKET_S }, (_, i) => i * BUCKET_S);
  const util = (x: number) => (replicas(x) === 0 ? 0 : Math.min(1, lambda(x) / (replicas(x) * MU)));
  const zero = series(() => 0);
  return {
    timeline: {
      bucketS: BUCKET_S,
      t,
      offeredRps: series(lambda),
      goodputRps: series(lambda),
      errors: { rejected: zero, timedOut: zero, breakerOpen: zero, failed: zero },
      p50Ms: series(() => 10),
      p99Ms: series(() => 50),
      nodes: {
        api: { arrivalRps: series(lambda), utilization: series(util), queue: zero, replicas: series(replicas) },
        // Nothing reaches it: no figures on the canvas.
        batch: { arrivalRps: zero, utilization: zero, queue: zero, replicas: series(() => 1) },
      },
      markers: [{ atS: 45, label: 'API: 1 replica fails' }],
    },
    summary: {
      replications: 2,
      requests: { mean: 8000, lo: 7900, hi: 8100 },
      lost: { mean: 380, lo: 350, hi: 410 },
      secondsOverSlo: { mean: 7, lo: 6, hi: 8 },
      recoveries: [{ atS: 45, label: 'API: 1 replica fails', recoverS: { mean: null } }],
      amplification: {},
    },
    events: 0,
    wallMs: 0,
  };
}
