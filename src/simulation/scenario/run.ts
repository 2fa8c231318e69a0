// A scenario run: the discrete-event engine (the same one, same seed ⇒ same result) driven for
// the scenario's duration instead of a number of requests, with its load profiles, events and
// autoscaling (hooks.ts), reporting a timeline and a summary (timeline.ts). Before t = 0 the
// design runs at the profiles' starting load for a short warm-up (plan.ts), so the scenario
// starts from the steady state, not empty; after the end the sources stop and the run drains,
// so every request sent during the scenario has an outcome.
import type { Design } from '../../model/design';
import { compileGraph } from '../graph';
import { DesEngine } from '../des-engine';
import { ScenarioHooks } from './hooks';
import { planScenario } from './plan';
import { buildResult } from './result';
import { combineScenarioResults } from './combine';
import { replicationSeed } from '../replications';
import type { ScenarioResult } from './timeline';

export interface ScenarioOptions {
  seed?: number;
  /** Polled every few hundred thousand events: true stops the run. */
  shouldStop?: () => boolean;
  /** The timeline so far (buckets not reached yet are null), a few times a second. */
  onProgress?: (partial: ScenarioResult) => void;
  /** Milliseconds of wall time between progress reports (default 200). */
  progressEveryMs?: number;
  /** At most this many of an LLM replica's decode steps in one event (des.ts, DesOptions). */
  llmStepsPerEvent?: number;
  /** false: every component event by event (des.ts, DesOptions). */
  serveAhead?: boolean;
  /** The served-ahead logs list every call, not only those crossing the next bucket's end: the same timeline, slower (a check). */
  listEveryCall?: boolean;
}

export type ScenarioRun = { ok: true; result: ScenarioResult } | { ok: false; error: string };

const STEP = 1 << 17;

export function simulateScenario(design: Design, opts: ScenarioOptions = {}): ScenarioRun {
  const t0 = performance.now();
  const compiled = compileGraph(design);
  if (!compiled.ok) return compiled;
  const g = compiled.graph;
  const planned = planScenario(design, g);
  if (!planned.ok) return planned;
  const plan = planned.plan;
  if (!g.sources.some((s) => g.nodes[s].rps > 0 || plan.closed[s])) return { ok: false, error: 'Nothing to simulate: no source has a request rate (rps) above 0.' };
  // One request and no warm-up share: the engine's own request count and milestones are not
  // used, the scenario's sources send until its end.
  const engine = new DesEngine(g, 1, opts.seed ?? 1, 0, 1, opts);
  // The engine's own per-component histograms measure a steady state after its warm-up; a
  // scenario keeps its own per bucket, so the engine's warm-up never ends.
  engine.tWarm = Infinity;
  const hooks = new ScenarioHooks(engine, plan);
  engine.tl = hooks;
  const every = opts.progressEveryMs ?? 200;
  let last = performance.now();
  for (;;) {
    if (engine.step(STEP)) break;
    if (opts.shouldStop?.()) return { ok: false, error: 'The scenario run was stopped.' };
    if (opts.onProgress && performance.now() - last >= every) {
      last = performance.now();
      opts.onProgress(buildResult(g, engine.nodes, plan, hooks.out, engine.events, last - t0));
    }
  }
  return { ok: true, result: buildResult(g, engine.nodes, plan, hooks.out, engine.events, performance.now() - t0) };
}

export interface ReplicationOptions extends Omit<ScenarioOptions, 'onProgress'> {
  replications: number;
  /** The replications finished so far, combined. */
  onProgress?: (partial: ScenarioResult, done: number) => void;
}

/**
 * N independent replications one after another in this thread, replication i seeded
 * replicationSeed(seed, i) (des-client.ts and the CLI spread the same runs over workers).
 */
export function runScenarioReplications(design: Design, opts: ReplicationOptions): ScenarioRun {
  const n = Math.max(1, Math.floor(opts.replications));
  const seed = opts.seed ?? 1;
  const results: ScenarioResult[] = [];
  for (let i = 0; i < n; i++) {
    const r = simulateScenario(design, { seed: replicationSeed(seed, i), shouldStop: opts.shouldStop });
    if (!r.ok) return r;
    results.push(r.result);
    opts.onProgress?.(combineScenarioResults(results), i + 1);
  }
  return { ok: true, result: combineScenarioResults(results) };
}
