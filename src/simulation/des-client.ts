// Starts a discrete-event run in its own worker. A fresh worker per run makes cancelling
// simple and immediate: terminate it, whatever it is doing, and resolve with null.
import type { Design } from '../model/design';
import type { SimResult } from './report';
import type { DesJob, DesReply } from './des.worker';

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
    settle({ ok: false, error: `The simulator could not start: ${err instanceof Error ? err.message : String(err)}` });
    return { promise, cancel: () => {} };
  }
  worker.onmessage = (e) => {
    const reply = e.data;
    if (reply.type === 'progress') onProgress(reply.fraction);
    else finish(reply.result);
  };
  // A worker that cannot load (offline before it was cached, a blocked script) fails the run.
  worker.onerror = (e) => {
    e.preventDefault?.();
    finish({ ok: false, error: e.message || 'The discrete-event engine could not be loaded.' });
  };
  // Only what the engine reads: a Svelte state proxy cannot be cloned into a worker.
  worker.postMessage({ design: JSON.parse(JSON.stringify(design)) as Design, requests: opts.requests, seed: opts.seed });
  return { promise, cancel: () => finish(null) };
}
