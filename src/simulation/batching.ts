// Dynamic batching (model servers), analytically: an approximation — the discrete-event
// engine is the reference. The server runs batches of an effective size n: at light load the
// requests that arrive while the first one waits out the batch timeout (1 + λτ), at heavy
// load as large as needed to keep up; batches then queue as an M/G/c queue of their own.
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

export function analyzeBatchQueue(node: SimNode, lambda: number, ca2: number): QueueResult {
  const { maxSize: B, timeoutMs: tau } = node.batch!;
  const c = node.servers;
  if (lambda <= 0) return { rho: 0, utilization: 0, stable: true, waitMs: 0, responseMs: node.meanMs, response: point(node.meanMs), blockProb: 0, cd2: ca2 };
  let n = Math.min(B, 1 + lambda * tau);
  for (let k = Math.ceil(n); k <= B && (lambda * batchTimeMs(node, k)) / (c * k) >= 0.85; k++) n = Math.min(B, k + 1);
  const b = batchTimeMs(node, n);
  const rho = (lambda * b) / (c * n);
  if (rho >= 1) return { rho, utilization: 1, stable: false, waitMs: Infinity, responseMs: Infinity, response: point(Infinity), blockProb: 0, cd2: 1 };
  const batchRate = lambda / n;
  const C = erlangC(c, batchRate * b);
  const cs2 = node.cv * node.cv;
  const queueWait = (C / (c / b - batchRate)) * ((1 + cs2) / 2);
  const gather = Math.min(tau, (n - 1) / (2 * lambda));
  const waitMs = gather + queueWait;
  const pw = Math.max(1e-9, Math.min(1, C));
  const variance = queueWait * queueWait * (2 / pw - 1) + (node.cv * b) ** 2 + (gather * gather) / 3;
  return { rho, utilization: rho, stable: true, waitMs, responseMs: waitMs + b, response: fitted(0, waitMs + b, variance, node.cv > 1.5), blockProb: 0, cd2: 1 };
}
