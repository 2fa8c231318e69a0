// Constant-service single servers in tandem (Avi-Itzhak 1965, "A sequence of service stations
// with arbitrary input and regular service times", Management Science 11(5)): for any arrival
// process, the time through the pair is that of the slower station alone plus the faster
// one's service. A station behind a faster-or-equal one never queues (its arrivals are at
// least its own service time apart); behind a slower one it takes the rest of the wait. Exact,
// where the stationary-interval departure variability (QNA) of the first station is not: the
// second sees the first's busy periods whole.
import type { SimGraph, SimNode } from './graph';
import { analyzeQueue, type QueueResult } from './queue';
import { delay, fitted, point, type Dist } from './dist';

const cache = new WeakMap<SimGraph, Int32Array>();

const regular = (n: SimNode) => n.dist === 'constant' && n.servers === 1 && !n.batch && n.queueLimit === null && n.meanMs > 0 && !n.isSource;

/**
 * For each node, the constant single server whose every departure it receives and nothing
 * else (one inbound connection, taken with probability 1, no cache hits), or −1.
 */
export function regularFeeders(g: SimGraph): Int32Array {
  const hit = cache.get(g);
  if (hit) return hit;
  const inbound = new Int32Array(g.nodes.length);
  const from = new Int32Array(g.nodes.length).fill(-1);
  g.edges.forEach((e, i) => {
    inbound[e.to]++;
    from[e.to] = i;
  });
  const feeder = new Int32Array(g.nodes.length).fill(-1);
  for (let v = 0; v < g.nodes.length; v++) {
    if (inbound[v] !== 1 || !regular(g.nodes[v])) continue;
    const e = g.edges[from[v]];
    const u = g.nodes[e.from];
    // Every departure of u, and in the order it leaves (a sequential fan-out may stop before it).
    const whole = e.share >= 1 && (u.fanout === 'parallel' || u.out.length === 1);
    if (regular(u) && whole && u.hitRatio === 0) feeder[v] = e.from;
  }
  cache.set(g, feeder);
  return feeder;
}

/**
 * The second station of a regular pair (first → second, both constant single servers) and the
 * response through both, from the arrivals of the first (rate per ms, ca²).
 */
export function throughRegularPair(first: SimNode, q1: QueueResult, second: SimNode, q2: QueueResult, lambda: number, ca2: number): { second: QueueResult; both: Dist } {
  const slow = first.meanMs >= second.meanMs ? first : second;
  const alone = slow === first ? q1 : analyzeQueue(second, lambda, ca2);
  const fast = Math.min(first.meanMs, second.meanMs);
  const both = delay(alone.response, fast);
  if (slow === first) {
    const D = second.meanMs;
    return { second: { ...q2, waitMs: 0, responseMs: D, response: point(D), cd2: q1.cd2 }, both };
  }
  const waitMs = Math.max(0, alone.waitMs - q1.waitMs);
  const response = fitted(second.meanMs, waitMs, Math.max(0, alone.response.variance - q1.response.variance), false);
  return { second: { ...q2, waitMs, responseMs: waitMs + second.meanMs, response, cd2: alone.cd2 }, both };
}
