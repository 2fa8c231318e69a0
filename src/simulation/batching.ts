// Dynamic batching (model servers), analytically: an approximation — the discrete-event engine
// is the reference. With c servers (batches in flight) one frees every S(n)/c on average under
// load, and a batch is what it finds:
//  (a) what arrived since the last batch started, with probability a = P(≥ 1 arrival in
//      S(n)/c): of mean size (λS(n)/c)/a (at most maxSize);
//  (b) otherwise the first arrival is held up to timeoutMs to gather more: size 1 + λτ (at
//      most maxSize) — and no batch is smaller than that, since the hold runs from the first
//      request's arrival whichever way the batch starts.
// The mean batch size n = max(n_b, a·n_a + (1 − a)·n_b) is a fixed point, since S(n) grows with
// n. A server is then busy a share ρ = λS(n)/(cn) of the time, and saturates only when full
// batches cannot keep up: stability is λ·S(maxSize)/(c·maxSize) < 1, not ρ < 1 (ρ → 1 under
// heavy load is the servers batching more, not a queue growing without bound).
// A request arriving while every server is busy (Erlang C at the busy share) waits until the
// first frees, then rides in the next batch; otherwise it is held while a batch gathers. Near
// capacity the batch size comes out low: with two servers evenly spaced batches are
// unstable and the servers drift into alternating short and full batches with idle time
// between, so latencies are 10–20 % low and the busy share high (docs/accuracy.md).
import type { SimNode } from './graph';
import { erlangC, type QueueResult } from './queue';
import { fitted, point } from './dist';

export function batchTimeMs(node: SimNode, n: number): number {
  const b = node.batch!;
  return node.meanMs + (n - 1) * b.perItemMs;
}

/** Requests per ms the server completes with full batches. */
export function batchCapacityPerMs(node: SimNode): number {
  const B = node.batch!.maxSize;
  return (node.servers * B) / batchTimeMs(node, B);
}

/**
 * Mean batch size and busy share of one server, with `lambda` the component's whole arrival
 * rate (per ms): a gathering batch collects from all arrivals, and servers free up every S/c.
 */
export function batchSize(node: SimNode, lambda: number): { n: number; busy: number; gathered: number } {
  const { maxSize: B, timeoutMs: tau } = node.batch!;
  const c = node.servers;
  const gathered = Math.min(B, 1 + lambda * tau);
  let n = gathered;
  for (let i = 0; i < 100; i++) {
    const during = (lambda * batchTimeMs(node, n)) / c;
    const a = -Math.expm1(-during);
    const next = Math.max(gathered, a * Math.min(B, during / a) + (1 - a) * gathered);
    if (Math.abs(next - n) < 1e-9 * n) break;
    n = next;
  }
  return { n, busy: Math.min(1, (lambda * batchTimeMs(node, n)) / (c * n)), gathered };
}

export function analyzeBatchQueue(node: SimNode, lambdaPerMs: number, ca2: number): QueueResult {
  const { maxSize: B, timeoutMs: tau } = node.batch!;
  const c = node.servers;
  if (lambdaPerMs <= 0) return { rho: 0, utilization: 0, stable: true, waitMs: 0, responseMs: node.meanMs, response: point(node.meanMs), blockProb: 0, cd2: ca2 };
  const lambda = lambdaPerMs;
  const saturation = (lambda * batchTimeMs(node, B)) / (c * B);
  if (saturation >= 1) return { rho: saturation, utilization: 1, stable: false, waitMs: Infinity, responseMs: Infinity, response: point(Infinity), blockProb: 0, cd2: 1 };

  const { n, busy, gathered } = batchSize(node, lambda);
  const cs2 = node.cv * node.cv;
  // Every server busy on arrival: until the first of them frees (the least of c residuals),
  // then the next batch.
  const allBusy = c === 1 ? busy : erlangC(c, c * busy);
  const s = batchTimeMs(node, n);
  const residual = (s * (1 + cs2)) / (c + 1);
  const busyMean = residual + s;
  const busyVar = residual * residual / 3 + cs2 * s * s;
  // Idle on arrival: held while the batch gathers (the first the whole hold, later ones on
  // average half of it), then served.
  const hold = Math.min(tau, (B - 1) / lambda);
  const first = 1 / gathered;
  const gatherMean = first * hold + (1 - first) * (hold / 2);
  const gather2 = first * hold * hold + ((1 - first) * hold * hold) / 3;
  const sIdle = batchTimeMs(node, gathered);
  const idleMean = gatherMean + sIdle;
  const idleVar = gather2 - gatherMean * gatherMean + cs2 * sIdle * sIdle;

  const mean = allBusy * busyMean + (1 - allBusy) * idleMean;
  const second = allBusy * (busyVar + busyMean ** 2) + (1 - allBusy) * (idleVar + idleMean ** 2);
  const shift = node.cv === 0 ? node.meanMs : 0;
  const response = fitted(shift, mean - shift, Math.max(0, second - mean * mean), node.cv > 1.5);
  const served = allBusy * s + (1 - allBusy) * sIdle;
  return { rho: busy, utilization: busy, stable: true, waitMs: Math.max(0, mean - served), responseMs: mean, response, blockProb: 0, cd2: 1 };
}
