// Edits of a design's scenario and of the resilience settings a scenario exercises, as pure
// functions (design, args) → design like commands.ts (which re-exports them): each is one user
// action, so one undo step, and returns the same design when nothing changes. Every value is
// fitted to the rules (scenario-fit.ts, fit.ts) on the way in.
import type { Design, DesignNode, EdgeParams } from './design';
import type { Autoscale, EdgeResilience, LoadProfile, Scenario, ScenarioEvent } from './scenario';
import { fitEdgeParams, fitNodeParams, jsonSafe } from './fit';
import { fitScenario } from './scenario-fit';
import { SCENARIO_LIMITS } from './rules';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const RESILIENCE_KEYS = ['timeoutMs', 'retry', 'breaker', 'hedgeMs'] as const;

export const scenarioOf = (design: Design): Scenario | undefined => design.scenario;

/** A design without a scenario starts from this one when an event or a profile is added. */
export function newScenario(): Scenario {
  return { name: 'Scenario', durationS: SCENARIO_LIMITS.defaultDurationS };
}

const count = (s: Scenario) => (s.events?.length ?? 0) + Object.keys(s.profiles ?? {}).length;

/**
 * Sets the scenario (fitted to its limits and to the design's components), or removes it with
 * null. An edit that would lose an event or a profile (it names no component, a number it needs
 * is not a number) is refused whole: the scenario keeps what it had.
 */
export function setScenario(design: Design, scenario: Scenario | null): Design {
  if (scenario === null) {
    if (design.scenario === undefined) return design;
    const { scenario: _drop, ...rest } = design;
    return rest as Design;
  }
  const given = jsonSafe(scenario);
  const fitted = fitScenario(given, design.nodes);
  if (!fitted || count(fitted) < count(given) || same(fitted, design.scenario)) return design;
  return { ...design, scenario: fitted };
}

/** Adds an event, kept in time order (a design without a scenario gets a new one). */
export function addScenarioEvent(design: Design, event: ScenarioEvent): Design {
  const s = scenarioOf(design) ?? newScenario();
  const events = [...(s.events ?? []), event];
  // Stable: an event added at the same time as others comes after them.
  events.sort((a, b) => a.atS - b.atS);
  return setScenario(design, { ...s, events });
}

export function removeScenarioEvent(design: Design, index: number): Design {
  const s = scenarioOf(design);
  if (!s?.events || index < 0 || index >= s.events.length) return design;
  return setScenario(design, { ...s, events: s.events.filter((_, i) => i !== index) });
}

/** Changes some fields of an event (its type stays); a value that is not a number changes nothing. */
export function updateScenarioEvent(design: Design, index: number, patch: Partial<ScenarioEvent>): Design {
  const s = scenarioOf(design);
  const old = s?.events?.[index];
  if (!s || !old) return design;
  const event = { ...old, ...patch, type: old.type } as ScenarioEvent;
  return setScenario(design, { ...s, events: s.events!.map((e, i) => (i === index ? event : e)) });
}

/** A source's load profile; null or a flat profile removes it (the source keeps its rate). */
export function setSourceProfile(design: Design, sourceId: string, profile: LoadProfile | null): Design {
  const s = scenarioOf(design) ?? newScenario();
  const profiles = { ...(s.profiles ?? {}) };
  if (profile === null || profile.shape === 'flat') {
    if (!Object.hasOwn(profiles, sourceId)) return design;
    delete profiles[sourceId];
  } else {
    profiles[sourceId] = profile;
  }
  return setScenario(design, { ...s, profiles });
}

/** Replaces a connection's resilience settings (timeout, retries, breaker, hedging) as a whole; null removes them. */
export function setConnectionResilience(design: Design, edgeId: string, resilience: EdgeResilience | null): Design {
  const edge = design.edges.find((e) => e.id === edgeId);
  if (!edge) return design;
  const next: EdgeParams = { ...edge.params };
  for (const k of RESILIENCE_KEYS) delete next[k];
  if (resilience) for (const k of RESILIENCE_KEYS) if (resilience[k] !== undefined) next[k] = resilience[k];
  const params = fitEdgeParams(edge.params, next);
  if (same(params, edge.params)) return design;
  return { ...design, edges: design.edges.map((e) => (e === edge ? { ...e, params } : e)) };
}

/** A component's autoscaling (completed and put in order by fit.ts); null removes it. */
export function setAutoscale(design: Design, nodeId: string, autoscale: Autoscale | null): Design {
  const node = design.nodes.find((n) => n.id === nodeId);
  if (!node) return design;
  const { autoscale: _old, ...rest } = node.params;
  const params = fitNodeParams(node.params, autoscale ? { ...node.params, autoscale } : rest);
  if (same(params, node.params)) return design;
  return { ...design, nodes: design.nodes.map((n) => (n === node ? { ...n, params } : n)) };
}

/** The scenario without the events and profiles of components (and frames) that are gone. */
export function withoutScenarioOf(design: Design, nodes: readonly DesignNode[]): Design {
  const s = scenarioOf(design);
  if (!s) return design;
  const fitted = fitScenario(s, nodes);
  return fitted === s ? design : fitted ? { ...design, scenario: fitted } : design;
}
