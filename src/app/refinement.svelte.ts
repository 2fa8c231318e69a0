// Refinement in the background: once an edit has settled, the discrete-event engine runs short
// seeded replications in workers (one per core) and the figures move from the instant analytic
// ones to discrete-event ones with 95 % confidence intervals, growing more certain as
// replications finish. Any new edit cancels the run: its workers are ended and an answer
// that still arrives is dropped.
import type { Design } from '../model/design';
import type { SimResult } from '../simulation/report';
import type { DesHandle, DesWorkerLike, ReplicationPlan, ReplicationUpdate } from '../simulation/des-client';
import { planRefinement, REFINE_AFTER_MS, REFINE_SEED, REFINE_WARMUP } from './refinement-plan';
import { isLoadFailure, loadFailureText } from './load-failure';

/** Refined figures for one design: all replications so far, combined. */
export interface RefinedRun {
  design: Design;
  result: SimResult & { ok: true };
  done: number;
  total: number;
}

export type RefineStatus =
  /** Nothing to refine; reason: a sentence for the person, or null when none is needed. */
  | { phase: 'off'; reason: string | null }
  | { phase: 'waiting' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done' }
  | { phase: 'failed'; error: string };

export interface RefineOptions {
  delayMs?: number;
  cores?: number;
  /** Workers for the replications (tests pass fakes); the browser's by default. */
  spawn?: () => DesWorkerLike;
}

const defaultCores = () => (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2;

export class Refinement {
  status = $state.raw<RefineStatus>({ phase: 'off', reason: null });
  run = $state.raw<RefinedRun | null>(null);
  private readonly opts: RefineOptions;
  private token = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private handle: DesHandle | null = null;

  constructor(opts: RefineOptions = {}) {
    this.opts = opts;
  }

  /** The simulation input changed: drop what was refined and start again once edits pause. */
  schedule(design: Design, analytic: SimResult): void {
    this.cancel();
    this.run = null;
    const plan = analytic.ok ? planRefinement(analytic.report, this.opts.cores ?? defaultCores()) : ({ ok: false, reason: null } as const);
    if (!plan.ok) {
      this.status = { phase: 'off', reason: plan.reason };
      return;
    }
    const token = this.token;
    this.status = { phase: 'waiting' };
    const { replications, requests, workers } = plan;
    this.timer = setTimeout(() => void this.start(token, design, { replications, requests, workers, seed: REFINE_SEED, warmupFraction: REFINE_WARMUP }), this.opts.delayMs ?? REFINE_AFTER_MS);
  }

  private async start(token: number, design: Design, plan: ReplicationPlan): Promise<void> {
    let runReplications: typeof import('../simulation/des-client').runReplications;
    try {
      // The engine loads on first use, after the first figures are already on screen.
      ({ runReplications } = await import('../simulation/des-client'));
    } catch (err) {
      if (token === this.token) this.status = { phase: 'failed', error: isLoadFailure(err) ? loadFailureText('The discrete-event engine') : String(err) };
      return;
    }
    if (token !== this.token) return;
    this.status = { phase: 'running', done: 0, total: plan.replications };
    const show = (u: ReplicationUpdate) => {
      if (token !== this.token) return;
      this.run = { design, result: { ok: true, report: u.report }, done: u.done, total: u.total };
      this.status = { phase: 'running', done: u.done, total: u.total };
    };
    const handle = runReplications(design, plan, show, this.opts.spawn);
    this.handle = handle;
    const result = await handle.promise;
    if (token !== this.token || result === null) return;
    this.handle = null;
    if (!result.ok) {
      this.status = { phase: 'failed', error: result.error };
      return;
    }
    this.run = { design, result, done: plan.replications, total: plan.replications };
    this.status = { phase: 'done' };
  }

  /** Stops waiting or running; whatever the stopped run still sends is dropped. */
  cancel(): void {
    this.token++;
    clearTimeout(this.timer);
    this.handle?.cancel();
    this.handle = null;
    if (this.status.phase === 'waiting' || this.status.phase === 'running') this.status = { phase: 'off', reason: null };
  }
}
