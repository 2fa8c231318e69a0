// The app's scenario runs: replications spread over workers give the same combined result as
// running them one after another, partial timelines stream in, errors and aborts reject.
import { describe, expect, it } from 'vitest';
import { runScenario, type DesWorkerLike } from '../../../src/simulation/des-client';
import type { DesJob, DesReply } from '../../../src/simulation/des.worker';
import { runScenarioReplications } from '../../../src/simulation/scenario/run';
import { scenarioJob } from '../../../src/simulation/scenario/worker-job';
import type { ScenarioResult } from '../../../src/simulation/scenario/timeline';
import { design, node, sync } from './scenario-helpers';

/** Does what des.worker.ts does with a scenario job, a task later. */
class ScenarioWorker implements DesWorkerLike {
  onmessage: ((e: MessageEvent<DesReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  jobs = 0;
  postMessage(job: DesJob): void {
    this.jobs++;
    setTimeout(() => scenarioJob(job, 0, (r) => !this.terminated && this.onmessage?.({ data: r } as MessageEvent<DesReply>)));
  }
  terminate(): void {
    this.terminated = true;
  }
}

const d = design([node('src', { rps: 500 }), node('q', { replicas: 2, service: { dist: 'exponential', meanMs: 3 } })], [sync('a', 'src', 'q')], {
  name: 'spike',
  durationS: 20,
  bucketS: 1,
  profiles: { src: { shape: 'spike', atS: 5, durationS: 5, factor: 1.2 } },
});

describe('runScenario', () => {
  it('spreads replications over workers and combines them as one thread would', async () => {
    const workers: ScenarioWorker[] = [];
    const partials: ScenarioResult[] = [];
    const result = await runScenario(d, { replications: 3, seed: 9, workers: 2, onProgress: (p) => partials.push(p) }, () => {
      const w = new ScenarioWorker();
      workers.push(w);
      return w;
    });
    const alone = runScenarioReplications(d, { replications: 3, seed: 9 });
    if (!alone.ok) throw new Error(alone.error);
    const strip = (r: ScenarioResult) => ({ ...r, wallMs: 0 });
    expect(strip(result)).toEqual(strip(alone.result));
    expect(result.summary.replications).toBe(3);
    expect(result.timeline.goodputRps.lo).toHaveLength(20);
    expect(workers.map((w) => w.jobs).sort()).toEqual([1, 2]);
    expect(workers.every((w) => w.terminated)).toBe(true);
    // One after each of the first two replications (the runs are too short for partial timelines).
    expect(partials.map((p) => p.summary.replications)).toEqual([1, 2]);
  });

  it('rejects with the engine’s sentence when the design has no scenario', async () => {
    const plain = design([node('src', { rps: 5 }), node('q', {})], [sync('a', 'src', 'q')]);
    await expect(runScenario(plain, { replications: 2, workers: 2 }, () => new ScenarioWorker())).rejects.toThrow(/no scenario/);
  });

  it('stops every worker when aborted', async () => {
    const workers: ScenarioWorker[] = [];
    const abort = new AbortController();
    const run = runScenario(d, { replications: 4, workers: 2, signal: abort.signal }, () => {
      const w = new ScenarioWorker();
      workers.push(w);
      return w;
    });
    abort.abort();
    await expect(run).rejects.toThrow(/stopped/);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});
