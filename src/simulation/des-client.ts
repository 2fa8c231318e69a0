// Starts discrete-event runs in workers. A fresh worker per run makes cancelling simple and
// immediate: terminate it, whatever it is doing, and resolve with null.
import type { Design } from '../model/design';
import type { Report, SimResult } from './report';
import type { DesJob, DesReply } from './des.worker';
import { combineReplications, replicationSeed } from './replications';
import { combineScenarioResults } from './scenario/combine';
import type { ScenarioResult } from './scenario/timeline';

export interface DesHandle {
  /** The result, or null when cancelled. */
  promise: Promise<SimResult | null>;
  cancel(): void;
}

/** What runDes needs of a Worker; tests pass a fake. */
export interface DesWorkerLike {
  postMessage(job: DesJob): void;
  onmessage: ((e: MessageEvent<DesReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

const spawnWorker = (): DesWorkerLike =>
  new Worker(new URL('./des.worker.ts', import.meta.url), { type: 'module', name: 'des' }) as unknown as DesWorkerLike;

const startFailure = (err: unknown): SimResult => ({ ok: false, error: `The simulator could not start: ${err instanceof Error ? err.message : String(err)}` });

/** Only what the engine reads: a Svelte state proxy cannot be cloned into a worker. */
const plain = (design: Design) => JSON.parse(JSON.stringify(design)) as Design;

/**
 * Calls back with each worker's replies; a worker that cannot load (offline before it was
 * cached, a blocked script) fails the run.
 */
function listen(worker: DesWorkerLike, onReply: (r: DesReply) => void, fail: (r: SimResult) => void): void {
  worker.onmessage = (e) => onReply(e.data);
  worker.onerror = (e) => {
    e.preventDefault?.();
    fail({ ok: false, error: e.message || 'The discrete-event engine could not be loaded.' });
  };
}

export function runDes(
  design: Design,
  opts: { requests: number; seed: number },
  onProgress: (fraction: number) => void,
  spawn: () => DesWorkerLike = spawnWorker,
): DesHandle {
  let settle: (r: SimResult | null) => void = () => {};
  let worker: DesWorkerLike | null = null;
  const promise = new Promise<SimResult | null>((resolve) => (settle = resolve));
  const finish = (r: SimResult | null) => {
    worker?.terminate();
    worker = null;
    settle(r);
  };
  try {
    worker = spawn();
  } catch (err) {
    settle(startFailure(err));
    return { promise, cancel: () => {} };
  }
  listen(
    worker,
    (reply) => {
      if (reply.type === 'progress') onProgress(reply.fraction);
      else if (reply.type === 'done') finish(reply.result);
    },
    finish,
  );
  worker.postMessage({ design: plain(design), requests: opts.requests, seed: opts.seed });
  return { promise, cancel: () => finish(null) };
}

export interface ReplicationPlan {
  replications: number;
  requests: number;
  /** Replication i runs with replicationSeed(seed, i), whichever worker takes it. */
  seed: number;
  /** Workers running at once (one per core). */
  workers: number;
  warmupFraction?: number;
}

/** The replications finished so far, combined; called from the second one on. */
export type ReplicationUpdate = { report: Report; done: number; total: number };

/**
 * Runs independent replications on `workers` workers, each taking the next replication as it
 * finishes one. The combined report grows as replications finish; the final one combines them
 * in replication order, so it does not depend on which worker was faster.
 */
export function runReplications(
  design: Design,
  plan: ReplicationPlan,
  onUpdate: (u: ReplicationUpdate) => void,
  spawn: () => DesWorkerLike = spawnWorker,
): DesHandle {
  const total = Math.max(1, Math.floor(plan.replications));
  const job = plain(design);
  const reports: (Report | undefined)[] = new Array(total);
  const workers: DesWorkerLike[] = [];
  let next = 0;
  let done = 0;
  let settled = false;
  let settle: (r: SimResult | null) => void = () => {};
  const promise = new Promise<SimResult | null>((resolve) => (settle = resolve));
  const finish = (r: SimResult | null) => {
    if (settled) return;
    settled = true;
    for (const w of workers.splice(0)) w.terminate();
    settle(r);
  };
  const combined = () => combineReplications(reports.filter((r): r is Report => !!r), { requestsPerReplication: plan.requests, seed: plan.seed });
  const give = (w: DesWorkerLike) => {
    if (next >= total) return;
    const i = next++;
    listen(
      w,
      (reply) => {
        if (settled || reply.type !== 'done') return;
        if (!reply.result.ok) return finish(reply.result);
        reports[i] = reply.result.report;
        done++;
        if (done === total) return finish({ ok: true, report: combined() });
        if (done >= 2) onUpdate({ report: combined(), done, total });
        give(w);
      },
      finish,
    );
    w.postMessage({ design: job, requests: plan.requests, seed: replicationSeed(plan.seed, i), warmupFraction: plan.warmupFraction });
  };
  try {
    for (let k = 0; k < Math.min(total, Math.max(1, plan.workers)); k++) workers.push(spawn());
  } catch (err) {
    finish(startFailure(err));
    return { promise, cancel: () => {} };
  }
  for (const w of workers) give(w);
  return { promise, cancel: () => finish(null) };
}

export interface ScenarioRunOptions {
  replications: number;
  /** The replications so far combined, partial timelines included, as they stream in. */
  onProgress?: (partial: ScenarioResult) => void;
  /** Replication i runs with replicationSeed(seed, i) (default 1). */
  seed?: number;
  /** Workers at once (default one per core, navigator.hardwareConcurrency). */
  workers?: number;
  /** Aborting ends every worker and rejects the promise. */
  signal?: AbortSignal;
}

/**
 * Runs the design's scenario `replications` times on Web Workers, one per core, each worker
 * taking the next replication when it finishes one. Rejects with the engine's sentence when the
 * scenario cannot run. The final result combines the replications in replication order.
 */
export function runScenario(design: Design, opts: ScenarioRunOptions, spawn: () => DesWorkerLike = spawnWorker): Promise<ScenarioResult> {
  const total = Math.max(1, Math.floor(opts.replications));
  const cores = opts.workers ?? (typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1);
  const job = plain(design);
  const seed = opts.seed ?? 1;
  const latest: (ScenarioResult | undefined)[] = new Array(total);
  const workers: DesWorkerLike[] = [];
  let next = 0;
  let done = 0;
  let settled = false;
  return new Promise<ScenarioResult>((resolve, reject) => {
    const end = (fn: () => void) => {
      if (settled) return;
      settled = true;
      for (const w of workers.splice(0)) w.terminate();
      fn();
    };
    const fail = (error: string) => end(() => reject(new Error(error)));
    const present = () => latest.filter((r): r is ScenarioResult => !!r);
    const give = (w: DesWorkerLike) => {
      if (next >= total) return;
      const i = next++;
      listen(
        w,
        (reply) => {
          if (settled) return;
          if (reply.type === 'partial') {
            latest[i] = reply.partial;
            opts.onProgress?.(combineScenarioResults(present()));
          } else if (reply.type === 'scenario') {
            if (!reply.result.ok) return fail(reply.result.error);
            latest[i] = reply.result.result;
            if (++done === total) return end(() => resolve(combineScenarioResults(latest as ScenarioResult[])));
            opts.onProgress?.(combineScenarioResults(present()));
            give(w);
          }
        },
        (r) => fail(r.ok ? 'The scenario run failed.' : r.error),
      );
      w.postMessage({ design: job, requests: 0, seed: replicationSeed(seed, i), scenario: true });
    };
    opts.signal?.addEventListener('abort', () => fail('The scenario run was stopped.'));
    try {
      for (let k = 0; k < Math.min(total, Math.max(1, cores)); k++) workers.push(spawn());
    } catch (err) {
      const r = startFailure(err);
      return fail(r.ok ? '' : r.error);
    }
    for (const w of workers) give(w);
  });
}
