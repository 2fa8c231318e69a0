// The design's maximum load, `maxRps`: the total source rate (all sources scaled together) at
// which the first component is offered its capacity — a component without a queue limit reaches
// utilization 1 (no steady state past it), one with a queue limit starts rejecting the excess
// of a full queue — every flow taken as the analytic engine takes it at that load. That
// component is the bottleneck. A property of the design: the same at any offered load.
//
// Without a queue limit whose rejections reach other components, every flow below that load is
// the full offered flow scaled, and the answer is closed-form. A queue limit rejects some
// arrivals at any load (M/M/c/K), so its callees — and the later calls of a sequential fan-out
// whose earlier call it fails — see less than the full flow and reach their capacity later:
// the load is then found by bisection, on the rates and failures computeFlow uses (flowPass
// and failures.ts), without the latency figures it does not need.
import { batchTimeMs } from './batching';
import { mmck } from './erlang';
import { outcomes } from './failures';
import { capacityRps, offeredPerUnit, type SimGraph, type SimNode } from './graph';

export interface DesignCapacity {
  maxRps: number;
  bottleneck: string | null;
}

export function designCapacity(g: SimGraph): DesignCapacity {
  const { lambda, total } = offeredPerUnit(g);
  let best = Infinity;
  let first = -1;
  for (const u of g.order) {
    const node = g.nodes[u];
    if (lambda[u] <= 0 || node.meanMs <= 0) continue;
    const scale = capacityRps(node) / lambda[u];
    if (scale < best * (1 - 1e-12)) {
      best = scale;
      first = u;
    }
  }
  if (first < 0) return { maxRps: 0, bottleneck: null };
  const closed = { maxRps: total * best, bottleneck: g.nodes[first].id };
  // A rejection changes another component's flow through the rejecting component's callees or
  // through a sequential fan-out that stops at it (computeFlow's test for the latter).
  if (!g.nodes.some((n) => n.queueLimit !== null)) return closed;
  const stops = g.nodes.some(stopsAfter);
  if (!stops && !g.nodes.some((n) => limited(n) && n.out.length > 0)) return closed;
  const at = (scale: number, full = 1) => bottleneckAt(g, scale, stops, full);
  // Real flows are never above the full ones, so nothing reaches capacity below the closed
  // form; if something does at it (up to rounding), that is the answer.
  if (at(best, 1 - 1e-12) >= 0) return closed;
  let lo = best;
  let hi = 2 * best;
  for (let i = 0; at(hi) < 0; i++) {
    if (i === 64) return closed; // a guard: the first component a source calls sees its full flow and gets there long before
    lo = hi;
    hi *= 2;
  }
  // Every flow grows with the load up to the first component at capacity, so the predicate
  // switches once there (a sequential fan-out behind several queue limits is the exception:
  // the bisection then finds one load where a component reaches capacity, not surely the least).
  while (hi - lo > 1e-13 * hi) {
    const mid = (lo + hi) / 2;
    if (at(mid) >= 0) hi = mid;
    else lo = mid;
  }
  return { maxRps: total * hi, bottleneck: g.nodes[at(hi)].id };
}

const limited = (n: SimNode) => n.queueLimit !== null && !n.batch && n.meanMs > 0;

const stopsAfter = (n: SimNode) => n.fanout === 'sequential' && n.out.length > 1;

/** Offered utilization λ·E[S]/c, computed as queue.ts and batching.ts compute it (λ per ms). */
function offeredUtilization(node: SimNode, lambdaPerMs: number): number {
  if (!node.batch) return (lambdaPerMs * node.meanMs) / node.servers;
  const B = node.batch.maxSize;
  return (lambdaPerMs * batchTimeMs(node, B)) / (node.servers * B);
}

/**
 * At this load scale, the component offered the most of its capacity if that is at least
 * `full` of it, else −1. The flows are computeFlow's: with sequential fan-outs, passes until the
 * failures that stop them agree with the loads they come from.
 */
function bottleneckAt(g: SimGraph, loadScale: number, stops: boolean, full: number): number {
  let pass = ratesPass(g, loadScale, undefined);
  for (let i = 0; stops && i < 50; i++) {
    const next = ratesPass(g, loadScale, pass.fail);
    let change = 0;
    for (let u = 0; u < g.nodes.length; u++) change = Math.max(change, Math.abs(next.fail[u] - pass.fail[u]));
    pass = next;
    if (change < 1e-12) break;
  }
  let top = -1;
  for (const u of g.order) if (pass.rho[u] >= full && (top < 0 || pass.rho[u] > pass.rho[top])) top = u;
  return top;
}

/** One pass of flowPass (analytic.ts) for the rates and failures only. */
function ratesPass(g: SimGraph, loadScale: number, fail: Float64Array | undefined) {
  const n = g.nodes.length;
  const lambda = new Float64Array(n);
  const rho = new Float64Array(n);
  const servedShare = new Float64Array(n);
  const queues: { stable: boolean; blockProb: number }[] = new Array(n);
  for (const u of g.order) {
    const node = g.nodes[u];
    const own = node.isSource ? node.rps * loadScale : 0;
    const inRate = lambda[u];
    const busy = node.meanMs > 0 && inRate > 0;
    rho[u] = busy ? offeredUtilization(node, inRate / 1000) : 0;
    const blockProb = busy && limited(node) ? mmck(node.servers, (inRate / 1000) * node.meanMs, node.queueLimit!).block : 0;
    const stable = !busy || limited(node) || rho[u] < 1;
    queues[u] = { stable, blockProb };
    const served = stable ? inRate * (1 - blockProb) : Math.min(inRate, capacityRps(node));
    servedShare[u] = stable || inRate <= 0 ? 1 : served / inRate;
    const forward = (served + own) * (1 - node.hitRatio);
    let reached = 1;
    for (const e of node.out) {
      const edge = g.edges[e];
      const share = edge.share * (edge.mode === 'sync' ? reached : 1);
      if (fail && node.fanout === 'sequential' && node.dispatch === 'all' && edge.mode === 'sync') reached *= 1 - edge.probability * fail[edge.to];
      lambda[edge.to] += forward * share;
    }
  }
  return { rho, fail: outcomes(g, queues, servedShare).fail };
}
