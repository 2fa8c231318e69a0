// The worker protocol of discrete-event runs, with a fake worker that runs the engine in-process.
import { describe, expect, it } from 'vitest';
import { runDes, runReplications, type ReplicationUpdate } from '../../../src/simulation/des-client';
import { combineReplications, replicationSeed } from '../../../src/simulation/replications';
import { simulateDes } from '../../../src/simulation/des';
import { FakeWorker } from './fake-des-worker';
import { loadOracles } from './oracle-helpers';

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

describe('runReplications', () => {
  const plan = { replications: 5, requests: 4000, seed: 11, workers: 2, warmupFraction: 0.05 };
  /** A run on fake workers, with every worker and update kept. */
  const start = () => {
    const workers: FakeWorker[] = [];
    const updates: ReplicationUpdate[] = [];
    const spawn = () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    };
    return { workers, updates, job: runReplications(design, plan, (u) => updates.push(u), spawn) };
  };
  const direct = (i: number) => {
    const r = simulateDes(design, { requests: 4000, seed: replicationSeed(11, i), warmupFraction: 0.05 });
    if (!r.ok) throw new Error(r.error);
    return r.report;
  };

  it('spreads the replications over the workers, reports as they finish and ends with all of them in order', async () => {
    const { workers, updates, job } = start();
    expect(workers).toHaveLength(2);
    expect(workers.map((w) => w.job!.seed)).toEqual([replicationSeed(11, 0), replicationSeed(11, 1)]);
    // The second worker is faster: it finishes replications 1, 2 and 3 (and takes 4) before the first one ends 0.
    workers[1].work();
    expect(updates).toHaveLength(0); // one run has no interval
    workers[1].work();
    expect(updates.at(-1)).toMatchObject({ done: 2, total: 5 });
    expect(updates.at(-1)!.report.confidence!.replications).toBe(2);
    workers[1].work();
    expect(workers[1].job!.seed).toBe(replicationSeed(11, 4));
    workers[0].work();
    expect(updates.map((u) => u.done)).toEqual([2, 3, 4]);
    workers[1].work();
    const result = await job.promise;
    expect(result?.ok).toBe(true);
    // Whichever worker ran which replication, the result is that of the runs in order.
    const expected = combineReplications([0, 1, 2, 3, 4].map(direct), { requestsPerReplication: 4000, seed: 11 });
    expect(result?.ok && { ...result.report, wallMs: 0 }).toEqual({ ...expected, wallMs: 0 });
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('cancelled: every worker ends, the run resolves null and a late answer is dropped', async () => {
    const { workers, updates, job } = start();
    workers[0].work();
    job.cancel();
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(await job.promise).toBeNull();
    workers[1].deliver({ type: 'done', result: { ok: true, report: direct(1) } });
    expect(updates).toHaveLength(0);
  });

  it('fails as a whole when one replication fails or a worker cannot start', async () => {
    const w = new FakeWorker();
    const job = runReplications(design, plan, () => {}, () => w);
    w.deliver({ type: 'done', result: { ok: false, error: 'The discrete-event run failed: out of memory' } });
    expect(await job.promise).toEqual({ ok: false, error: 'The discrete-event run failed: out of memory' });
    expect(w.terminated).toBe(true);
    const refused = runReplications(design, plan, () => {}, () => {
      throw new Error('too many workers');
    });
    expect(await refused.promise).toEqual({ ok: false, error: 'The simulator could not start: too many workers' });
  });
});
