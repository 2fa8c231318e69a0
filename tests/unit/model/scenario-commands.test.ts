// The scenario's commands: each value fitted to the rules on the way in, one undo step each, the
// same design back when nothing changes, and whatever they make reopens through restore()
// unchanged and without a warning.
import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import type { Design } from '../../../src/model/design';
import {
  addScenarioEvent, removeElements, removeScenarioEvent, setAutoscale, setConnectionResilience, setEdgeParams,
  setNodeParam, setScenario, setSourceProfile, updateScenarioEvent,
} from '../../../src/model/commands';
import type { Scenario } from '../../../src/model/scenario';
import { EDGE_RULES, PARAM_RULES, RESILIENCE_DEFAULTS, SCENARIO_RULES } from '../../../src/model/rules';
import { restore } from '../../../src/persistence/restore';
import { opts, scenarioDesign } from '../persistence/scenario-fixture';

const scenarioOf = (d: Design) => d.scenario as Scenario;

function reopensUnchanged(d: Design): void {
  const saved = JSON.stringify(d);
  const r = restore(saved, opts);
  if (!r.ok) throw new Error(r.error);
  expect(r.warnings).toEqual([]);
  expect(JSON.stringify(r.design)).toBe(saved);
}

describe('scenario commands', () => {
  it('an event is added in time order, clamped to the limits, and reopens unchanged', () => {
    const d = addScenarioEvent(scenarioDesign(), { type: 'slow', atS: 1e9, node: 'cache', factor: -3, durationS: 5 });
    const events = scenarioOf(d).events!;
    // Past the run's end it happens at the end; a slowdown is at least ×1.
    expect(events.at(-1)).toEqual({ type: 'slow', atS: scenarioOf(d).durationS, node: 'cache', factor: SCENARIO_RULES.slowFactor.min, durationS: 5 });
    const early = addScenarioEvent(d, { type: 'flush', atS: 1, node: 'cache', warmupS: 10 });
    expect(scenarioOf(early).events![0]).toEqual({ type: 'flush', atS: 1, node: 'cache', warmupS: 10 });
    reopensUnchanged(early);
  });

  it('a design without a scenario gets one when an event or a profile is added', () => {
    const { scenario: _s, ...plain } = scenarioDesign();
    const d = addScenarioEvent(plain as Design, { type: 'fail', atS: 5, node: 'api', replicas: 1 });
    expect(scenarioOf(d)).toEqual({ name: 'Scenario', durationS: 60, events: [{ type: 'fail', atS: 5, node: 'api', replicas: 1 }] });
    expect(scenarioOf(setSourceProfile(plain as Design, 'users', { shape: 'step', atS: 3, factor: 2 })).profiles).toEqual({ users: { shape: 'step', atS: 3, factor: 2 } });
    reopensUnchanged(d);
  });

  it('an edit whose number is not a number changes nothing; one out of range is clamped', () => {
    const d = scenarioDesign();
    expect(updateScenarioEvent(d, 1, { factor: Number.NaN } as never)).toBe(d);
    expect(updateScenarioEvent(d, 1, { factor: 'x' } as never)).toBe(d);
    expect(updateScenarioEvent(d, 9, { atS: 1 })).toBe(d);
    const e = updateScenarioEvent(d, 1, { factor: 5e6, type: 'flush' } as never);
    expect(scenarioOf(e).events![1]).toEqual({ type: 'slow', atS: 60, node: 'features', factor: SCENARIO_RULES.factor.max, durationS: 20 });
    expect(setScenario(d, { ...scenarioOf(d), events: [{ type: 'fail', atS: 1, node: 'ghost', replicas: 1 }] })).toBe(d);
    expect(setScenario(d, { ...scenarioOf(d) })).toBe(d);
  });

  it('removing an event, a profile and the scenario', () => {
    const d = scenarioDesign();
    expect(scenarioOf(removeScenarioEvent(d, 0)).events!.map((e) => e.type)).toEqual(['slow', 'fail', 'frame-down']);
    expect(removeScenarioEvent(d, 7)).toBe(d);
    expect(scenarioOf(setSourceProfile(d, 'users', { shape: 'flat' })).profiles).toEqual({});
    expect(setSourceProfile(d, 'cache', null)).toBe(d);
    expect('scenario' in setScenario(d, null)).toBe(false);
  });

  it('deleting a component takes its events and its profile; deleting a frame, its frame-down event', () => {
    const d = scenarioDesign();
    const noFeatures = removeElements(d, ['features']);
    expect(scenarioOf(noFeatures).events!.map((e) => e.type)).toEqual(['flush', 'fail', 'frame-down']);
    const noUsers = removeElements(d, ['users']);
    expect(scenarioOf(noUsers).profiles).toEqual({});
    // A frame takes its members with it: api's failure and the zone's outage both go.
    expect(scenarioOf(removeElements(d, ['zone-a'])).events!.map((e) => e.type)).toEqual(['flush', 'slow']);
    reopensUnchanged(noFeatures);
  });

  it("a connection's resilience: clamped, completed with the defaults, replaced as a whole", () => {
    const d = scenarioDesign();
    const r = setConnectionResilience(d, 'e2', { timeoutMs: 0, retry: { maxAttempts: 99, baseMs: Number.NaN }, breaker: { errorRate: 3 } as never, hedgeMs: 1e12 });
    expect(r.edges[1].params).toEqual({
      mode: 'sync',
      timeoutMs: EDGE_RULES.timeoutMs.min,
      retry: { maxAttempts: 10, baseMs: RESILIENCE_DEFAULTS.retry.baseMs },
      breaker: { errorRate: 1, openMs: RESILIENCE_DEFAULTS.breaker.openMs },
      hedgeMs: EDGE_RULES.hedgeMs.max,
    });
    reopensUnchanged(r);
    expect(setConnectionResilience(r, 'e2', null).edges[1].params).toEqual({ mode: 'sync' });
    expect(setConnectionResilience(d, 'e2', { hedgeMs: 20 })).toBe(d);
    // A jitter the rules do not know keeps the one that was there.
    const j = setEdgeParams(d, 'e1', { retry: { maxAttempts: 3, baseMs: 50, jitter: 'sometimes' } as never });
    expect(j.edges[0].params.retry).toEqual({ maxAttempts: 3, baseMs: 50, jitter: 'full' });
  });

  it('autoscaling: completed, min never above max (the bound just set wins)', () => {
    const d = scenarioDesign();
    const a = setAutoscale(d, 'api', { min: 3 } as never);
    expect(a.nodes[2].params.autoscale).toEqual({ ...RESILIENCE_DEFAULTS.autoscale, min: 3 });
    const lowMax = setNodeParam(a, 'api', 'autoscale.max', 2);
    expect(lowMax.nodes[2].params.autoscale).toMatchObject({ min: 2, max: 2 });
    const highMin = setNodeParam(a, 'api', 'autoscale.min', 50);
    expect(highMin.nodes[2].params.autoscale).toMatchObject({ min: 50, max: 50 });
    expect(setNodeParam(d, 'api', 'autoscale.min', Number.NaN)).toBe(d);
    expect(setNodeParam(d, 'api', 'failureRate', 7).nodes[2].params.failureRate).toBe(PARAM_RULES.failureRate.max);
    expect(setAutoscale(a, 'api', null).nodes[2].params.autoscale).toBeUndefined();
    reopensUnchanged(highMin);
  });

  it('each command is one undo step', () => {
    const editor = new Editor();
    editor.load(scenarioDesign());
    const before = editor.design;
    editor.dispatch((d) => addScenarioEvent(d, { type: 'fail', atS: 5, node: 'api', replicas: 1 }));
    editor.dispatch((d) => setConnectionResilience(d, 'e2', { timeoutMs: 30 }));
    editor.undo();
    expect(editor.design.edges[1].params).toEqual({ mode: 'sync', hedgeMs: 20 });
    expect(scenarioOf(editor.design).events).toHaveLength(5);
    editor.undo();
    expect(editor.design).toBe(before);
  });
});
