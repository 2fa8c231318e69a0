// The worker protocol of discrete-event runs, with a fake worker that runs the engine in-process.
import { describe, expect, it } from 'vitest';
import { runDes, type DesWorkerLike } from '../../../src/simulation/des-client';
import { simulateDes } from '../../../src/simulation/des';
import type { DesJob, DesReply } from '../../../src/simulation/des.worker';
import { loadOracles } from './oracle-helpers';

class FakeWorker implements DesWorkerLike {
  onmessage: ((e: MessageEvent<DesReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  job: DesJob | null = null;
  postMessage(job: DesJob): void {
    this.job = job;
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(r: DesReply): void {
    if (!this.terminated) this.onmessage?.({ data: r } as MessageEvent<DesReply>);
  }
  /** Does what des.worker.ts does, synchronously. */
  work(): void {
    const { design, requests, seed } = this.job!;
    const result = simulateDes(design, { requests, seed, onProgress: (fraction) => this.reply({ type: 'progress', fraction }) });
    this.reply({ type: 'done', result });
  }
}

const design = loadOracles().get('O2')!.design as never;

describe('runDes', () => {
  it('posts the design, reports progress and resolves with the report, then ends the worker', async () => {
    const w = new FakeWorker();
    const progress: number[] = [];
    const job = runDes(design, { requests: 300_000, seed: 4 }, (f) => progress.push(f), () => w);
    expect(w.job).toMatchObject({ requests: 300_000, seed: 4 });
    w.work();
    const result = await job.promise;
    expect(result?.ok && result.report.mode).toBe('des');
    expect(progress.at(-1)).toBe(1);
    expect(w.terminated).toBe(true);
    // The same as running the engine directly with that seed.
    const direct = simulateDes(design, { requests: 300_000, seed: 4 });
    expect(result?.ok && result.report.latencyMs).toEqual(direct.ok && direct.report.latencyMs);
  });

  it('resolves with null when cancelled, terminating the worker', async () => {
    const w = new FakeWorker();
    const job = runDes(design, { requests: 1000, seed: 1 }, () => {}, () => w);
    job.cancel();
    expect(await job.promise).toBeNull();
    expect(w.terminated).toBe(true);
  });

  it('fails the run plainly when the worker cannot load', async () => {
    const w = new FakeWorker();
    const job = runDes(design, { requests: 1000, seed: 1 }, () => {}, () => w);
    w.onerror?.({ message: 'network error', preventDefault() {} } as ErrorEvent);
    const result = await job.promise;
    expect(result).toEqual({ ok: false, error: 'network error' });
  });
});
