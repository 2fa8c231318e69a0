// Simulation results for the open design. The analytic engine reruns on every edit that can
// change the numbers (moving a component cannot); once edits pause, the background refinement
// replaces its figures with discrete-event ones with confidence intervals; the discrete-event
// engine also runs on request in a worker. Both results are dropped once the design changes
// under them.
import { untrack } from 'svelte';
import type { Design } from '../model/design';
import { analyze } from '../simulation/analytic';
import type { Report, SimResult } from '../simulation/report';
import { nearCapacity, toMetrics, toTraffic, type MetricsMap, type TrafficMap } from './sim-view';
import { evaluateSlo, readSlo, totalSourceRps, verdictOf, type Slo, type SloVerdict } from './slo';
import { Refinement, type RefinedRun, type RefineOptions } from './refinement.svelte';
import { LARGE_DESIGN, OffThreadAnalytic, spawnAnalyticWorker, type AnalyticWorkerLike } from './analytic-off-thread.svelte';

/** What a large design shows until its first figures come back from the analytic worker. */
const WORKING: SimResult = { ok: false, error: 'Working out the figures of a large design…' };
import type { Editor } from './editor.svelte';
import { isLoadFailure, loadFailureText } from './load-failure';

/**
 * True when two designs differ in anything the simulator reads: a node's id, kind and
 * parameters, a connection's ends and parameters. Places, sizes, labels and a pipe's drawn
 * route are not read (a layout applied chunk by chunk changes only those, and asks nothing).
 */
export function simulationInputChanged(a: Design, b: Design): boolean {
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return true;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i];
    const y = b.nodes[i];
    if (x !== y && (x.id !== y.id || x.kind !== y.kind || x.params !== y.params)) return true;
  }
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i];
    const y = b.edges[i];
    if (x !== y && (x.id !== y.id || x.source !== y.source || x.target !== y.target || x.params !== y.params)) return true;
  }
  return false;
}

export interface DesRun {
  requests: number;
  seed: number;
  /** 0…1 */
  progress: number;
}

/** An SLO verdict; `refined` when it comes from the background refinement's replications. */
export type ShownSloVerdict = SloVerdict & { refined?: { p99HalfMs: number | null } };

export class Simulation {
  private readonly editor: Editor;
  private lastInput: Design | null = null;
  private lastResult: SimResult | null = null;
  private lastSlo: { design: Design; slo: Slo; verdict: SloVerdict } | null = null;
  private cancelJob: (() => void) | null = null;
  private runToken = 0;
  private prevMetrics: MetricsMap | undefined;
  private prevTraffic: TrafficMap | undefined;

  /** The analytic result, recomputed only when the simulation input changed. */
  readonly analytic: SimResult;
  des = $state.raw<{ design: Design; result: SimResult; requests: number; seed: number } | null>(null);
  desRun = $state.raw<DesRun | null>(null);
  desError = $state<string | null>(null);
  /** The current discrete-event result, or null once the design has changed since the run. */
  readonly currentDes: SimResult | null;
  /** Background refinement; null where workers do not exist (tests, the command line). */
  readonly refinement: Refinement | null;
  /** The refinement's figures for the design as it is now, else null. */
  readonly currentRefined: RefinedRun | null;
  /**
   * What the canvas and panel show: a current discrete-event run asked for, else the refined
   * figures, else the analytic ones.
   */
  readonly shown: SimResult;
  /** Components busy enough (ρ ≥ 0.95) that queueing times vary widely from run to run. */
  readonly nearCapacity: string[];
  readonly report: Report | null;
  readonly metrics: MetricsMap | undefined;
  readonly traffic: TrafficMap | undefined;
  readonly slo: Slo | null;
  /** The SLO checked at its own load (refined when that is the design's load), or null without an SLO. */
  readonly sloVerdict: ShownSloVerdict | null;
  private readonly stopEffects: () => void = () => {};
  /** The analytic result the refinement last started from. */
  private refinedFor: SimResult | null = null;
  /** Large designs: the analytic engine in its worker. */
  private readonly offThread: OffThreadAnalytic | null;
  private askedFor: { design: Design; slo: Slo | null } | null = null;
  /** A large design's figures are being worked out off the main thread (those shown are older). */
  readonly analyticPending: boolean;

  /** refine: false turns the background refinement off; it is on wherever Web Workers exist. */
  constructor(editor: Editor, opts: { refine?: RefineOptions | false; analyticWorker?: (() => AnalyticWorkerLike) | false } = {}) {
    this.editor = editor;
    const analyticWorker = opts.analyticWorker ?? (typeof Worker === 'undefined' ? false : spawnAnalyticWorker);
    this.offThread = analyticWorker ? new OffThreadAnalytic(analyticWorker) : null;
    this.analyticPending = $derived.by(() => {
      const answer = this.offThread?.answer;
      return this.isLarge(this.editor.design) && (!answer || simulationInputChanged(answer.design, this.editor.design));
    });
    this.analytic = $derived.by(() => this.analyze(this.editor.design));
    this.currentDes = $derived(this.des && !simulationInputChanged(this.des.design, this.editor.design) ? this.des.result : null);
    const refine = opts.refine ?? (typeof Worker === 'undefined' ? false : {});
    this.refinement = refine ? new Refinement(refine) : null;
    this.currentRefined = $derived.by(() => {
      const run = this.refinement?.run;
      return run && !simulationInputChanged(run.design, this.editor.design) ? run : null;
    });
    this.shown = $derived(this.currentDes ?? this.currentRefined?.result ?? this.analytic);
    this.nearCapacity = $derived(this.analytic.ok && this.analytic.report.stable ? nearCapacity(this.analytic.report) : []);
    this.report = $derived(this.shown.ok ? this.shown.report : null);
    this.metrics = $derived.by(() => (this.prevMetrics = toMetrics(this.report, this.prevMetrics)));
    this.traffic = $derived.by(() => (this.prevTraffic = toTraffic(this.editor.design, this.report, this.prevTraffic)));
    this.slo = $derived(readSlo(this.editor.design));
    this.sloVerdict = $derived.by(() => (this.slo ? (this.refinedVerdict(this.slo) ?? this.checkSlo(this.editor.design, this.slo)) : null));
    if (this.refinement) {
      this.stopEffects = $effect.root(() => {
        $effect(() => {
          void this.analytic;
          untrack(() => this.designChanged());
        });
      });
    }
  }

  /**
   * Restarts the refinement if the simulation input changed since it last started. Runs on
   * every change of the analytic result (an effect); the analytic result keeps its identity
   * until the input changes, so a moved component or a renamed label restarts nothing.
   */
  designChanged(): void {
    const analytic = this.analytic;
    if (!this.refinement || analytic === this.refinedFor) return;
    this.refinedFor = analytic;
    this.refinement.schedule(this.editor.design, analytic);
  }

  /** Ends the background work (refinement, discrete-event run) for good. */
  destroy(): void {
    this.cancelDes();
    this.stopEffects();
    this.refinement?.cancel();
    this.offThread?.destroy();
  }

  /** The refined report answers the SLO only when it was made at the SLO's own load. */
  private refinedVerdict(slo: Slo): ShownSloVerdict | null {
    const run = this.currentRefined;
    const rps = totalSourceRps(this.editor.design);
    if (!run || Math.abs(rps - slo.rps) > 1e-9 * slo.rps) return null;
    const report = run.result.report;
    return { ...verdictOf(report, slo), refined: { p99HalfMs: report.confidence?.latencyMs.p99 ?? null } };
  }

  private isLarge(design: Design): boolean {
    return !!this.offThread && design.nodes.length > LARGE_DESIGN;
  }

  /** Asks the worker about this design and SLO unless it was just asked. */
  private ask(design: Design, slo: Slo | null): void {
    const a = this.askedFor;
    if (a && !simulationInputChanged(a.design, design) && a.slo?.p99Ms === slo?.p99Ms && a.slo?.rps === slo?.rps) return;
    this.askedFor = { design, slo };
    this.offThread!.request(design, slo);
  }

  /** A large design's answer from the worker; until it comes, the last one (or WORKING). */
  private analyzeOffThread(design: Design): SimResult {
    const answer = this.offThread!.answer;
    if (answer && !simulationInputChanged(answer.design, design)) {
      this.lastInput = design;
      this.lastResult = answer.reply.result;
      return this.lastResult;
    }
    this.ask(design, readSlo(design));
    return answer?.reply.result ?? WORKING;
  }

  private analyze(design: Design): SimResult {
    if (this.lastInput && this.lastResult && !simulationInputChanged(this.lastInput, design)) return this.lastResult;
    if (this.isLarge(design)) return this.analyzeOffThread(design);
    this.lastInput = design;
    this.lastResult = analyze(design);
    return this.lastResult;
  }

  private checkSlo(design: Design, slo: Slo): SloVerdict | null {
    if (this.isLarge(design)) {
      const answer = this.offThread!.answer;
      if (answer && answer.slo?.p99Ms === slo.p99Ms && answer.slo?.rps === slo.rps && !simulationInputChanged(answer.design, design)) return answer.reply.verdict;
      this.ask(design, slo);
      return answer?.reply.verdict ?? null;
    }
    const last = this.lastSlo;
    if (last && last.slo.p99Ms === slo.p99Ms && last.slo.rps === slo.rps && !simulationInputChanged(last.design, design)) return last.verdict;
    const verdict = evaluateSlo(design, slo);
    this.lastSlo = { design, slo, verdict };
    return verdict;
  }

  /** Runs the discrete-event engine in its worker on the design as it is now. */
  async runDes(requests: number, seed: number): Promise<void> {
    this.cancelDes();
    // The run asked for takes the cores; its result replaces the refined figures anyway.
    this.refinement?.cancel();
    const token = ++this.runToken;
    const design = this.editor.design;
    this.desError = null;
    this.desRun = { requests, seed, progress: 0 };
    try {
      // The engine and its worker load on first use: most sessions never run one.
      const { runDes } = await import('../simulation/des-client');
      if (token !== this.runToken) return;
      const job = runDes(design, { requests, seed }, (fraction: number) => {
        if (token === this.runToken && this.desRun) this.desRun = { ...this.desRun, progress: fraction };
      });
      this.cancelJob = () => job.cancel();
      const result = await job.promise;
      if (token !== this.runToken) return;
      if (result && !result.ok) this.desError = result.error;
      else if (result) this.des = { design, result, requests, seed };
    } catch (err) {
      if (token !== this.runToken) return;
      this.desError = isLoadFailure(err) ? loadFailureText('The discrete-event engine') : `The discrete-event run failed: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      if (token === this.runToken) {
        this.desRun = null;
        this.cancelJob = null;
      }
    }
  }

  cancelDes(): void {
    this.runToken++;
    this.cancelJob?.();
    this.cancelJob = null;
    this.desRun = null;
  }
}
