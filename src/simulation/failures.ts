// Which calls fail and which requests complete, from the callees up. A call fails when its
// component rejects it (queue limit) or when one of the synchronous calls made for it fails; a
// sequential fan-out makes no further calls after a failed one, so its later callees see less
// traffic (computeFlow reads `fail` for that). Past capacity without a queue limit, a component
// completes only servers / E[S] of what it is sent: what completes end to end is then less
// than what is offered.
import type { SimGraph } from './graph';
import type { QueueResult } from './queue';
import type { Dist } from './dist';
import { attemptFailure, retryFlow } from './resilience-analytic';

export interface Outcomes {
  /** Probability that a call to the node fails (rejected there or below). */
  fail: Float64Array;
  /** Share of the calls to the node that complete (rejections and overload both counted). */
  complete: Float64Array;
  /** The same for a source's own requests (they start with its calls, not at its queue). */
  sourceFail: Float64Array;
  sourceComplete: Float64Array;
  /** Per connection: the probability a call over it fails (after its retries), and attempts per call (retries, hedges). */
  callFail: Float64Array;
  amp: Float64Array;
}

/** `served[u]`: the share of node u's admitted arrivals it completes (1 when stable); of each queue only whether it is stable and what it rejects is read. */
export function outcomes(g: SimGraph, queues: (Pick<QueueResult, 'stable' | 'blockProb'> & { response?: Dist })[], served: Float64Array): Outcomes {
  const n = g.nodes.length;
  const fail = new Float64Array(n);
  const complete = new Float64Array(n);
  const sourceFail = new Float64Array(n);
  const sourceComplete = new Float64Array(n);
  const callFail = new Float64Array(g.edges.length);
  const amp = new Float64Array(g.edges.length);
  for (let i = g.order.length - 1; i >= 0; i--) {
    const u = g.order[i];
    const node = g.nodes[u];
    let callsFail = node.dispatch === 'one' ? 0 : 1; // 'all': the product of successes first
    let callsComplete = 1;
    for (const e of node.out) {
      const edge = g.edges[e];
      amp[e] = 1;
      callFail[e] = fail[edge.to];
      if (edge.mode !== 'sync') continue;
      if (edge.resilience) {
        // Its response is known only when it makes no synchronous calls of its own.
        const own = g.nodes[edge.to].out.every((o) => g.edges[o].mode !== 'sync') ? queues[edge.to].response : undefined;
        ({ amp: amp[e], fail: callFail[e] } = retryFlow(edge, attemptFailure(edge, fail[edge.to], own), own));
      }
      if (node.dispatch === 'one') {
        callsFail += edge.share * callFail[e];
        callsComplete -= edge.share * (1 - complete[edge.to]);
      } else {
        callsFail *= 1 - edge.probability * callFail[e];
        const c = 1 - edge.probability * (1 - complete[edge.to]);
        // One after another, each completes only what the one before passed on; in parallel
        // the slowest call holds the request back.
        callsComplete = node.fanout === 'sequential' ? callsComplete * c : Math.min(callsComplete, c);
      }
    }
    if (node.dispatch !== 'one') callsFail = 1 - callsFail;
    const h = node.hitRatio;
    const ownFail = (1 - h) * callsFail;
    const ownComplete = h + (1 - h) * callsComplete;
    const b = queues[u].stable ? queues[u].blockProb : 0;
    // A served request fails with failureRate, and then makes no calls.
    const f = node.faults?.failureRate ?? 0;
    fail[u] = b + (1 - b) * (f + (1 - f) * ownFail);
    complete[u] = (1 - b) * served[u] * (1 - f) * ownComplete;
    sourceFail[u] = ownFail;
    sourceComplete[u] = ownComplete;
  }
  return { fail, complete, sourceFail, sourceComplete, callFail, amp };
}
