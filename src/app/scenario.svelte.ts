// The scenario on the canvas: the timeline pane (open or closed, remembered like the minimap),
// the run under way and its partial timeline, the result, and the moment scrubbed to — whose
// component colours the canvas shows while the pane is open. Running takes the design as it is;
// a result stays on show after an edit, marked as run on an earlier version.
import type { Design } from '../model/design';
import type { Autoscale, EdgeResilience, Scenario } from '../model/scenario';
import { edgePatch } from './resilience-specs';
import type { ScenarioResult } from '../simulation/scenario/timeline';
import * as cmd from '../model/commands';
import type { Editor } from './editor.svelte';
import { bucketsReached, colorsAt, findings, type Finding } from './scenario-view';
import { DEFAULT_EVENT_SHARE, eventFor, scenarioOf, withEvent, type EventKind } from './scenario-edit';
import { simulationInputChanged } from './simulation.svelte';
import { displayNames } from './catalog-view';
import type { MetricsMap } from './sim-view';
import type { Session } from './session.svelte';
import { scenarioPresets } from './scenario-presets';

/** Runs a scenario: N replications, calling back with the timeline so far. */
export type ScenarioRunner = (
  design: Design,
  /** `signal` aborts the run: a new run, or the pane's owner gone. */
  opts: { replications: number; onProgress: (partial: ScenarioResult) => void; signal?: AbortSignal },
) => Promise<ScenarioResult>;

/** A named scenario to start from: applying it sets the design's scenario (and what it needs). */
export interface ScenarioChoice {
  id: string;
  name: string;
  description: string;
  apply(design: Design): Design;
}

/** The picker's entry for the scenario the design holds. */
export const OWN = 'own';

const KEY = 'mlsd.timeline';

/** The timeline pane was left open: it opens with the page. */
export function timelineRemembered(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'open';
  } catch {
    return false; // storage refused: closed, as by default
  }
}

/** One replication per core, at least two so every figure gets its 95 % interval. */
export function replicationsFor(cores: number | undefined): number {
  return Math.max(2, Math.min(8, cores ?? 2));
}

export class ScenarioPane {
  open = $state(timelineRemembered());
  running = $state(false);
  /** The timeline so far while running, then the finished result. */
  result = $state.raw<ScenarioResult | null>(null);
  error = $state<string | null>(null);
  /** The design the shown result was run on. */
  ranOn = $state.raw<Design | null>(null);
  /** Where a run stopped on request got to (seconds); null when it ran to its end. */
  stoppedAt = $state<number | null>(null);
  /** The scrubbed moment (seconds); null: the latest moment of the run. */
  scrubbed = $state<number | null>(null);

  /** The scenario that Run runs: the design's own, or a steady minute. */
  readonly scenario: Scenario;
  /** The moment on show: the scrubbed one, else the end of what has run. */
  readonly t: number | null;
  /** 0…1 of the run's duration covered so far. */
  readonly progress: number;
  /** The canvas colours at the moment on show, while the pane is open with a result. */
  readonly metrics: MetricsMap | undefined;
  readonly findings: Finding[];
  /** The design has changed since the shown result was run. */
  readonly stale: boolean;

  /** The picker's entry on show: a named scenario while the design holds what picking it made, else its own. */
  readonly picked: string;
  private pickedAs = $state.raw<{ id: string; scenario: unknown } | null>(null);
  readonly choices: ScenarioChoice[];

  private token = 0;
  private abort: AbortController | null = null;

  constructor(
    private readonly editor: Editor,
    private readonly runner: ScenarioRunner,
    presets: (design: Design) => ScenarioChoice[] = () => [],
    private readonly cores: number | undefined = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency,
  ) {
    this.scenario = $derived(scenarioOf(this.editor.design));
    // Another design opened: the run, its timeline and findings were of the one before.
    editor.onLoad(() => this.reset());
    this.picked = $derived(this.pickedAs && this.pickedAs.scenario === this.editor.design.scenario ? this.pickedAs.id : OWN);
    // The presets read the analytic flow: worked out again only when the simulation input changed.
    let last: { design: Design; choices: ScenarioChoice[] } | null = null;
    this.choices = $derived.by(() => {
      const design = this.editor.design;
      if (!last || simulationInputChanged(last.design, design)) last = { design, choices: presets(design) };
      return last.choices;
    });
    this.t = $derived.by(() => {
      const r = this.result;
      const reached = r ? bucketsReached(r.timeline) : 0;
      if (!r || reached === 0) return null;
      if (this.scrubbed !== null) return this.scrubbed;
      return r.timeline.t[reached - 1] + r.timeline.bucketS / 2;
    });
    this.progress = $derived.by(() => {
      const r = this.result;
      const duration = (this.ranOn ? scenarioOf(this.ranOn) : this.scenario).durationS;
      if (!r || !(duration > 0)) return 0;
      return Math.min(1, (bucketsReached(r.timeline) * r.timeline.bucketS) / duration);
    });
    this.stale = $derived(
      !!this.ranOn && (simulationInputChanged(this.ranOn, this.editor.design) || this.ranOn.scenario !== this.editor.design.scenario),
    );
    // A run of an earlier version colours nothing: the canvas shows the design as it is.
    let shown: MetricsMap | undefined;
    this.metrics = $derived.by(() => {
      shown = this.open && this.result && this.t !== null && !this.stale ? colorsAt(this.result, this.t, shown) : undefined;
      return shown;
    });
    this.findings = $derived.by(() => {
      if (!this.result || this.running || !this.ranOn) return [];
      const names = displayNames(this.ranOn);
      return findings(this.result, this.ranOn, (id) => names.get(id) ?? id);
    });
  }

  toggle(): void {
    this.setOpen(!this.open);
  }

  setOpen(open: boolean): void {
    this.open = open;
    try {
      localStorage.setItem(KEY, open ? 'open' : 'closed');
    } catch {
      // Not remembered across reloads; it still opens and closes now.
    }
  }

  /** Runs the scenario on the design as it is now; a run already under way is stopped. */
  async run(): Promise<void> {
    const token = ++this.token;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const design = this.editor.design;
    const runnable: Design = design.scenario ? design : { ...design, scenario: this.scenario };
    this.setOpen(true);
    this.running = true;
    this.error = null;
    this.result = null;
    this.scrubbed = null;
    this.stoppedAt = null;
    this.ranOn = design;
    try {
      const result = await this.runner(runnable, {
        replications: replicationsFor(this.cores),
        signal: abort.signal,
        onProgress: (partial) => {
          if (token === this.token) this.result = partial;
        },
      });
      if (token === this.token) this.result = result;
    } catch (err) {
      if (token === this.token) this.error = `The scenario could not run: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      if (token === this.token) this.running = false;
    }
  }

  /** Makes a named scenario the design's (one undo step); OWN keeps the design's own. */
  pick(id: string): void {
    const choice = this.choices.find((c) => c.id === id);
    if (!choice) return;
    this.editor.dispatch((d) => choice.apply(d));
    this.pickedAs = { id, scenario: this.editor.design.scenario };
  }

  /** Forgets the run (stopping it if under way): a different design is open. */
  private reset(): void {
    this.token++;
    this.abort?.abort();
    this.running = false;
    this.result = null;
    this.error = null;
    this.ranOn = null;
    this.stoppedAt = null;
    this.scrubbed = null;
    this.pickedAs = null;
  }

  /** Stops the run under way; what it had reported stays on show. */
  stop(): void {
    if (!this.running) return;
    this.token++;
    this.abort?.abort();
    this.running = false;
    this.stoppedAt = this.result ? bucketsReached(this.result.timeline) * this.result.timeline.bucketS : 0;
  }

  /** Shows the canvas at moment `t` (seconds), kept within the run. */
  scrub(t: number): void {
    const r = this.result;
    if (!r) return;
    const end = r.timeline.t.length * r.timeline.bucketS;
    this.scrubbed = Math.max(0, Math.min(end, t));
  }

  /** The scenario changed by `edit` becomes the design's (one undo step). */
  edit(edit: (s: Scenario) => Scenario): void {
    this.editor.dispatch((d) => cmd.setScenario(d, edit(scenarioOf(d))));
  }

  /** Sets one field of a connection's resilience settings (`retry.jitter`), or a whole setting (`retry`, undefined: off). */
  setResilience(edgeId: string, key: string, value: unknown): void {
    const edge = this.editor.design.edges.find((e) => e.id === edgeId);
    if (!edge) return;
    const next = { ...edge.params, ...edgePatch(edge.params, key, value) } as EdgeResilience;
    this.editor.dispatch((d) => cmd.setConnectionResilience(d, edgeId, next));
  }

  /** Sets one field of a component's autoscaling (`autoscale.max`), or the whole of it (`autoscale`, undefined: off). */
  setAutoscale(nodeId: string, key: string, value: unknown): void {
    const node = this.editor.design.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const next = edgePatch(node.params, key, value).autoscale as Autoscale | undefined;
    this.editor.dispatch((d) => cmd.setAutoscale(d, nodeId, next ?? null));
  }

  /** "Fail this", "Slow this", "Flush": an event on the component at the scrubbed moment, else 30 % into the run. */
  addEvent(kind: EventKind, nodeId: string): void {
    const node = this.editor.design.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const duration = this.scenario.durationS;
    const atS = this.scrubbed ?? duration * DEFAULT_EVENT_SHARE;
    this.edit((s) => withEvent(s, eventFor(kind, node, atS, s.durationS)));
    this.setOpen(true);
  }
}

/** The replications run in Web Workers, one per core (simulation/des-client.ts). */
const inWorkers: ScenarioRunner = async (design, opts) => (await import('../simulation/des-client')).runScenario(design, opts);

const panes = new WeakMap<Pick<Session, 'editor'>, ScenarioPane>();

/** The timeline pane of a session: one per open app. */
export function scenarioPaneOf(session: Pick<Session, 'editor'>): ScenarioPane {
  let pane = panes.get(session);
  if (!pane) panes.set(session, (pane = new ScenarioPane(session.editor, inWorkers, scenarioPresets)));
  return pane;
}
