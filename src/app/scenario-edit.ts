// Building a design's scenario by hand: the scenario a design without one starts from, the event
// "Fail this" / "Slow this" / "Flush" adds, and the small edits of the scenario editor. Pure
// functions from a scenario to the next one; the document changes only through model/commands.ts.
import type { Design, DesignNode } from '../model/design';
import type { LoadProfile, Scenario, ScenarioEvent } from '../model/scenario';
import { isDrawingOnly } from '../model/design';

/** A minute: long enough to see an event and the recovery after it at a few hundred rps. */
export const DEFAULT_DURATION_S = 60;

/** The scenario a design without one runs: its steady load for a minute, nothing happening. */
export function defaultScenario(): Scenario {
  return { name: 'Steady load', durationS: DEFAULT_DURATION_S };
}

export const scenarioOf = (design: Design): Scenario => design.scenario ?? defaultScenario();

/** Where an event added without a scrubbed moment goes: 30 % into the run, after a steady start. */
export const DEFAULT_EVENT_SHARE = 0.3;

export type EventKind = 'fail' | 'slow' | 'flush' | 'frame-down';

/** A component reads as a cache when it has a hit ratio: only those can be flushed. */
export const isCache = (node: DesignNode): boolean => typeof node.params.hitRatio === 'number' && !isDrawingOnly(node);

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * The event an action adds at `atS`: half the replicas (at least one) fail, or the component
 * serves 5× slower, or a frame (a zone) is down, for a fifth of the run; a flushed cache refills
 * over a fifth of the run.
 */
export function eventFor(kind: EventKind, node: DesignNode, atS: number, durationS: number): ScenarioEvent {
  const at = round(Math.max(0, Math.min(atS, durationS)));
  const lasting = round(durationS / 5);
  if (kind === 'fail') {
    const replicas = Math.max(1, Math.floor((typeof node.params.replicas === 'number' ? node.params.replicas : 1) / 2));
    return { type: 'fail', atS: at, node: node.id, replicas, durationS: lasting };
  }
  if (kind === 'frame-down') return { type: 'frame-down', atS: at, frame: node.id, durationS: lasting };
  if (kind === 'slow') return { type: 'slow', atS: at, node: node.id, factor: 5, durationS: lasting };
  return { type: 'flush', atS: at, node: node.id, warmupS: lasting };
}

export function withEvent(s: Scenario, event: ScenarioEvent): Scenario {
  const events = [...(s.events ?? []), event].sort((a, b) => a.atS - b.atS);
  return { ...s, events };
}

export function withoutEvent(s: Scenario, index: number): Scenario {
  const events = (s.events ?? []).filter((_, i) => i !== index);
  return { ...s, events };
}

export function withEventPatch(s: Scenario, index: number, patch: Partial<ScenarioEvent>): Scenario {
  const events = (s.events ?? []).map((e, i) => (i === index ? ({ ...e, ...patch } as ScenarioEvent) : e));
  return { ...s, events };
}

export function withProfile(s: Scenario, source: string, profile: LoadProfile): Scenario {
  const profiles = { ...(s.profiles ?? {}) };
  if (profile.shape === 'flat') delete profiles[source];
  else profiles[source] = profile;
  return { ...s, profiles };
}

/** A new profile of a shape, placed in the run as a person would first try it. */
export function profileOfShape(shape: LoadProfile['shape'], durationS: number): LoadProfile {
  const d = durationS;
  switch (shape) {
    case 'flat':
      return { shape };
    case 'step':
      return { shape, atS: round(d * 0.3), factor: 2 };
    case 'ramp':
      return { shape, fromS: round(d * 0.2), toS: round(d * 0.6), factor: 3 };
    case 'spike':
      return { shape, atS: round(d * 0.3), durationS: round(d * 0.2), factor: 3 };
    case 'diurnal':
      return { shape, periodS: d, amplitude: 0.5 };
    case 'points':
      return { shape, points: [[0, 1], [round(d / 2), 2], [d, 1]] };
  }
}

/** An event in plain words, as the editor lists it. */
export function eventText(e: ScenarioEvent, nameOf: (id: string) => string): string {
  const until = 'durationS' in e && e.durationS !== undefined ? ` for ${e.durationS} s` : '';
  switch (e.type) {
    case 'fail':
      return `${nameOf(e.node)}: ${e.replicas} ${e.replicas === 1 ? 'replica fails' : 'replicas fail'}${until}`;
    case 'slow':
      return `${nameOf(e.node)}: ${e.factor}× slower${until}`;
    case 'flush':
      return `${nameOf(e.node)}: flushed, refills over ${e.warmupS} s`;
    case 'frame-down':
      return `${nameOf(e.frame)}: zone down${until}`;
  }
}
