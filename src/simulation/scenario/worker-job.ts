// A scenario job as a worker runs it (des.worker.ts in the browser, a worker thread of the
// command line): partial timelines while it runs, then the result.
import type { DesJob, DesReply } from '../des.worker';
import { simulateScenario, type ScenarioRun } from './run';

export function scenarioJob(job: DesJob, progressEveryMs: number, post: (reply: DesReply) => void): void {
  let result: ScenarioRun;
  try {
    result = simulateScenario(job.design, { seed: job.seed, progressEveryMs, onProgress: (partial) => post({ type: 'partial', partial }) });
  } catch (err) {
    result = { ok: false, error: `The scenario run failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  post({ type: 'scenario', result });
}
