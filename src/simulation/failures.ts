// Which calls fail and which requests complete, from the callees up. A call fails when its
// component rejects it (queue limit) or when one of the synchronous calls made for it fails; a
// sequential fan-out makes no further calls after a failed one, so its later callees see less
// traffic (computeFlow reads `fail` for that). Past capacity without a queue limit, a component
// completes only servers / E[S] of what it is sent: what completes end to end is then less
// than what is offered.
import type { SimGraph } from './graph';
import type { QueueResult } from './queue';

export interface Outcomes {
  /** Probability that a call to the node fails (rejected there or below). */
  fail: Float64Array;
  /** Share of the calls to the node that complete (rejections and overload both counted). */
  complete: Float64Array;
  /** The same for a source's own requests (they start with its calls, not at its queue). */
  sourceFail: Float64Array;
  sourceComplete: Float64Array;
}

/** `served[u]`: the share of node u's admitted arrivals it completes (1 when stable); of each queue only whether it is stable and what it rejects is read. */
export function outcomes(g: SimGraph, queues: Pick<QueueResult, 'stable' | 'blockProb'>[], served: Float64Array): Outcomes {
  const n = g.nodes.length;
  const fail = new Float64Array(n);
  const complete = new Float64Array(n);
  const sourceFail = new Float64Array(n);
  const sourceComplete = new Float64Array(n);
  for (let i = g.order.length - 1; i >= 0; i--) {
    const u = g.order[i];
    const node = g.nodes[u];
    let callsFail = node.dispatch === 'one' ? 0 : 1; // 'all': the product of successes first
    let callsComplete = 1;
    for (const e of node.out) {
      const edge = g.edges[e];
      if (edge.mode !== 'sync') continue;
      if (node.dispatch === 'one') {
        callsFail += edge.share * fail[edge.to];
        callsComplete -= edge.share * (1 - complete[edge.to]);
      } else {
        callsFail *= 1 - edge.probability * fail[edge.to];
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
    fail[u] = b + (1 - b) * ownFail;
    complete[u] = (1 - b) * served[u] * ownComplete;
    sourceFail[u] = ownFail;
    sourceComplete[u] = ownComplete;
  }
  return { fail, complete, sourceFail, sourceComplete };
}
