// Retries, timeouts and hedging in the analytic engine: what they do to the flow over a
// connection and to the share of its calls that fail, with attempts taken as independent
// (docs/simulation.md, "Resilience"). Breakers are not modelled here (they act on a run's
// history): the discrete-event engine is the reference for them.
import type { SimEdge } from './graph';
import type { Dist } from './dist';

/**
 * The probability that one attempt over `edge` fails: the callee's own failure probability,
 * or a timeout — the callee's response outlasting timeoutMs, read from its response CDF when
 * it is known (`response`: a callee without synchronous calls of its own).
 */
export function attemptFailure(edge: SimEdge, calleeFail: number, response: Dist | undefined): number {
  const r = edge.resilience;
  if (!r || r.timeoutMs === Infinity || !response) return calleeFail;
  const late = 1 - response.cdf(r.timeoutMs);
  return 1 - (1 - calleeFail) * (1 - late);
}

/**
 * Calls over the connection per call made (`amp`) and the share of calls that fail after their
 * retries (`fail`), for per-attempt failure probability p: with up to n attempts a call makes
 * 1 + p + … + p^(n−1) attempts and fails with p^n. A retry budget b allows b retries per call
 * at most: when the attempts would need more, a share b / (p + … + p^(n−1)) of the calls get
 * their retries and the rest fail with p (an approximation: the token bucket decides call by
 * call). A hedge adds a copy for the calls still unanswered after hedgeMs.
 */
export function retryFlow(edge: SimEdge, p: number, response: Dist | undefined): { amp: number; fail: number } {
  const r = edge.resilience;
  if (!r) return { amp: 1, fail: p };
  let retries = 0;
  for (let i = 1, pi = p; i < r.maxAttempts; i++, pi *= p) retries += pi;
  const pn = p ** r.maxAttempts;
  let amp = 1 + retries;
  let fail = pn;
  if (r.budget >= 0 && retries > r.budget) {
    const q = r.budget / retries;
    amp = 1 + r.budget;
    fail = q * pn + (1 - q) * p;
  }
  if (r.hedgeMs < Infinity && response) amp += 1 - response.cdf(r.hedgeMs);
  return { amp, fail };
}
