// Where the analytic figures are approximations outside the accuracy goal (mean within 5 %,
// percentiles within 10 % of the discrete-event engine), and by how much: the classes of
// docs/accuracy.md, each with the largest error measured on its reference designs
// (tests/unit/simulation/analytic-accuracy.test.ts checks that these cover what it measures).
import type { SimGraph } from './graph';
import type { Flow } from './analytic';
import type { Approximate } from './report';
import { MAX_H2_SERVERS } from './queue';
import { regularFeeders } from './tandem';

type Errors = Approximate['expectedErrorPct'];

/** Largest measured |error| in percent, per class (docs/accuracy.md, rounded up). */
export const EXPECTED_ERROR: Record<string, Errors> = {
  batching: { mean: 19, p50: 19, p95: 27, p99: 31 },
  'smoothed-arrivals': { mean: 7, p50: 6, p95: 15, p99: 14 },
  // Lognormal services on several servers past 16 servers (Allen–Cunneen's wait) or with
  // arrivals other than Poisson (M/H2/c scaled by Allen–Cunneen's ratio): queue.ts.
  'heavy-tail-multi-server': { mean: 7, p50: 10, p95: 7, p99: 9 },
  'queue-limits-sequential': { mean: 2, p50: 3, p95: 9, p99: 13 },
};

/** A queue with arrivals this far from Poisson (c_a² off 1) counts as smoothed or bunched. */
const NON_POISSON = 0.05;
/** Retries, hedges or timeouts acting on more than this share of a connection's calls mark the latencies approximate. */
const RESILIENCE_ACTS = 0.01;

/**
 * Whether a connection's resilience settings change what a request goes through: retries or
 * hedges adding more than 1 % of attempts, a timeout failing more than 1 % of calls beyond what
 * fails anyway, or a breaker in front of a callee failing as often as its threshold. The
 * analytic latencies are then a single attempt's, off by what backoffs, cut-off waits and
 * hedged answers do — with no bound the formulas could state.
 */
function resilienceActs(g: SimGraph, flow: Flow): boolean {
  const o = flow.outcomes;
  return g.edges.some((e, k) => {
    const r = e.resilience;
    if (!r || e.mode !== 'sync' || !(flow.edgeRps[k] > 0)) return false;
    const calleeFail = o.fail[e.to];
    return o.amp[k] > 1 + RESILIENCE_ACTS || o.callFail[k] > calleeFail + RESILIENCE_ACTS || (r.breaker !== null && calleeFail >= r.breaker.errorRate);
  });
}

/** The classes of the design whose figures are approximate, or undefined when none is. */
export function approximation(g: SimGraph, flow: Flow): Approximate | undefined {
  const found = new Set<string>();
  const feeders = regularFeeders(g);
  for (const u of g.order) {
    const node = g.nodes[u];
    const q = flow.queues[u];
    if (flow.lambda[u] <= 0 || node.meanMs <= 0) continue;
    if (node.batch) found.add('batching');
    else if (node.dist === 'lognormal' && node.cv >= 1.5 && node.servers > 1) {
      const poisson = Math.abs(flow.ca2[u] - 1) <= NON_POISSON;
      if (q.rho > 0.3 && (node.servers > MAX_H2_SERVERS || !poisson)) found.add('heavy-tail-multi-server');
    } else if (Math.abs(flow.ca2[u] - 1) > NON_POISSON && node.dist !== 'exponential' && q.rho > 0.3 && feeders[u] < 0) found.add('smoothed-arrivals');
    if (node.fanout === 'sequential' && node.out.some((e) => g.edges[e].mode === 'sync' && flow.queues[g.edges[e].to].blockProb > 1e-3)) found.add('queue-limits-sequential');
  }
  const unbounded = resilienceActs(g, flow) ? ['resilience'] : [];
  if (found.size === 0 && unbounded.length === 0) return undefined;
  const expectedErrorPct: Errors = { mean: 0, p50: 0, p95: 0, p99: 0 };
  for (const c of found) for (const f of ['mean', 'p50', 'p95', 'p99'] as const) expectedErrorPct[f] = Math.max(expectedErrorPct[f], EXPECTED_ERROR[c][f]);
  return { classes: [...found, ...unbounded].sort(), expectedErrorPct, ...(unbounded.length ? { unbounded } : {}) };
}
