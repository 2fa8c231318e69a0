// Runs the discrete-event engine off the main thread: one run per message, progress a few
// times per second, the report at the end. A worker takes one replication after another until
// the client has no more; cancelling terminates it. A job marked `scenario` runs the design's
// scenario instead (scenario/run.ts), posting its timeline so far as it goes.
import type { Design } from '../model/design';
import { simulateDes } from './des';
import type { SimResult } from './report';
import type { ScenarioRun } from './scenario/run';
import type { ScenarioResult } from './scenario/timeline';
import { scenarioJob } from './scenario/worker-job';

export interface DesJob {
  design: Design;
  requests: number;
  seed: number;
  /** Share of the first requests left out (the engine's default when absent). */
  warmupFraction?: number;
  /** Run the design's scenario (seeded `seed`; `requests` is not used). */
  scenario?: boolean;
}

export type DesReply =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: SimResult }
  | { type: 'partial'; partial: ScenarioResult }
  | { type: 'scenario'; result: ScenarioRun };

const PROGRESS_EVERY_MS = 200;

self.onmessage = (e: MessageEvent<DesJob>) => {
  const { design, requests, seed, warmupFraction } = e.data;
  let last = 0;
  const post = (reply: DesReply) => (self as unknown as Worker).postMessage(reply);
  if (e.data.scenario) return scenarioJob(e.data, PROGRESS_EVERY_MS, post);
  let result: SimResult;
  try {
    result = simulateDes(design, {
      requests,
      seed,
      warmupFraction,
      onProgress: (fraction) => {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS && fraction < 1) return;
        last = now;
        post({ type: 'progress', fraction });
      },
    });
  } catch (err) {
    result = { ok: false, error: `The discrete-event run failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  post({ type: 'done', result });
};
