// The timeline pane's state as a person drives it: Run fills the timeline in as the run reports,
// the canvas takes the colours of the moment scrubbed to, "Fail this" adds an event there, and
// an edit after the run marks the result as run on an earlier version.
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { Editor } from '../../../src/app/editor.svelte';
import { OWN, ScenarioPane, replicationsFor, type ScenarioRunner } from '../../../src/app/scenario.svelte';
import { scenarioPresets } from '../../../src/app/scenario-presets';
import { EDGE_RESILIENCE_RULES } from '../../../src/model/rules';
import type { ScenarioResult } from '../../../src/simulation/scenario/timeline';
import { run, DURATION_S } from './scenario-fixture';

/** A result part-way, as a run reports it: the whole time axis, the buckets after the first `n` null. */
function firstBuckets(r: ScenarioResult, n: number): ScenarioResult {
  const tl = r.timeline;
  const s = (x: { mean: (number | null)[] }) => ({ mean: x.mean.map((v, i) => (i < n ? v : null)) });
  const nodes = Object.fromEntries(Object.entries(tl.nodes).map(([id, v]) => [id, { arrivalRps: s(v.arrivalRps), utilization: s(v.utilization), queue: s(v.queue), replicas: s(v.replicas) }]));
  return { ...r, timeline: { ...tl, offeredRps: s(tl.offeredRps), goodputRps: s(tl.goodputRps), p50Ms: s(tl.p50Ms), p99Ms: s(tl.p99Ms), nodes } };
}

function setup() {
  const editor = new Editor();
  const client = editor.addComponent('client', { x: 0, y: 0 });
  const api = editor.addComponent('app-service', { x: 300, y: 0 }, client);
  const seen: { design: unknown; replications: number }[] = [];
  let finish: () => void = () => {};
  const runner: ScenarioRunner = (design, opts) => {
    seen.push({ design, replications: opts.replications });
    opts.onProgress(firstBuckets(run(), 15));
    return new Promise((resolve, reject) => {
      finish = () => resolve(run());
      opts.signal?.addEventListener('abort', () => reject(new Error('stopped')));
    });
  };
  const pane = new ScenarioPane(editor, runner, undefined, 2);
  return { editor, pane, client, api, seen, finish: () => finish() };
}

describe('the scenario pane', () => {
  it('runs the design with a steady minute when it has no scenario, on one replication per core', async () => {
    const { pane, seen, finish } = setup();
    const done = pane.run();
    expect(pane.open).toBe(true);
    expect(pane.running).toBe(true);
    expect(seen[0].replications).toBe(2);
    expect((seen[0].design as { scenario: { durationS: number } }).scenario.durationS).toBe(60);
    // A quarter of the minute has run: the canvas shows its latest moment.
    expect(pane.progress).toBeCloseTo(15 / DURATION_S, 12);
    expect(pane.t).toBe(14.5);
    expect(pane.metrics?.get('api')?.utilization).toBeCloseTo(0.5, 12);
    finish();
    await done;
    expect(pane.running).toBe(false);
    expect(pane.progress).toBe(1);
    expect(pane.findings[0].text).toMatch(/overloaded or down from 30 s/);
  });

  it('shows the canvas at the moment scrubbed to, and nothing of the run once closed', async () => {
    const { pane, finish } = setup();
    const done = pane.run();
    finish();
    await done;
    pane.scrub(35);
    expect(pane.metrics?.get('api')?.utilization).toBeCloseTo(190 / 200, 12);
    pane.scrub(-10);
    expect(pane.t).toBe(0);
    pane.setOpen(false);
    expect(pane.metrics).toBeUndefined();
  });

  it('"Fail this" adds an event at the scrubbed moment (else 30 % in), one undo step, and marks the run as earlier', async () => {
    const { editor, pane, api, finish } = setup();
    pane.addEvent('fail', api);
    expect(editor.design.scenario).toMatchObject({ events: [{ type: 'fail', node: api, atS: 18 }] });
    const done = pane.run();
    finish();
    await done;
    expect(pane.stale).toBe(false);
    pane.scrub(42);
    pane.addEvent('slow', api);
    flushSync();
    expect((editor.design.scenario as { events: { type: string; atS: number }[] }).events.map((e) => [e.type, e.atS])).toEqual([['fail', 18], ['slow', 42]]);
    expect(pane.stale).toBe(true);
    // The canvas shows the design as it is, not a run of an earlier version.
    expect(pane.metrics).toBeUndefined();
    editor.undo();
    expect((editor.design.scenario as { events: unknown[] }).events).toHaveLength(1);
  });

  it("picking a named scenario makes it the design's, one undo step; undone, the picker shows the design's own again", () => {
    const editor = new Editor();
    const client = editor.addComponent('client', { x: 0, y: 0 });
    const cache = editor.addComponent('cache', { x: 300, y: 0 }, client);
    editor.addComponent('app-service', { x: 600, y: 0 }, cache);
    const pane = new ScenarioPane(editor, () => Promise.reject(new Error('not run')), scenarioPresets);
    expect(pane.picked).toBe(OWN);
    expect(pane.choices.map((c) => c.name)).toContain('Cache flush at peak');
    pane.pick('cache-flush');
    expect(pane.picked).toBe('cache-flush');
    expect(pane.scenario.name).toBe('Cache flush at peak');
    expect(pane.scenario.events).toEqual([expect.objectContaining({ type: 'flush', node: cache })]);
    editor.undo();
    expect(pane.picked).toBe(OWN);
    expect(editor.design.scenario).toBeUndefined();
  });

  it('stops a run on request, keeping what it had reported', async () => {
    const { pane } = setup();
    const done = pane.run();
    pane.stop();
    await done;
    expect(pane.running).toBe(false);
    expect(pane.error).toBeNull();
    expect(pane.progress).toBeCloseTo(15 / DURATION_S, 12);
    expect(pane.stoppedAt).toBe(15);
    expect(pane.stoppedAt).toBe(15);
    expect(pane.metrics?.get('api')?.utilization).toBeCloseTo(0.5, 12);
  });

  it("sets a connection's retries and a component's autoscaling through the commands, clamped to the rules", () => {
    const { editor, pane, api } = setup();
    const edge = editor.design.edges[0].id;
    pane.setResilience(edge, 'retry', { maxAttempts: 3, baseMs: 100, jitter: 'full' });
    pane.setResilience(edge, 'retry.maxAttempts', 50);
    expect(editor.design.edges[0].params.retry).toMatchObject({ maxAttempts: EDGE_RESILIENCE_RULES['retry.maxAttempts'].max, baseMs: 100, jitter: 'full' });
    pane.setResilience(edge, 'timeoutMs', 250);
    pane.setResilience(edge, 'retry', undefined);
    expect(editor.design.edges[0].params).toMatchObject({ timeoutMs: 250 });
    expect(editor.design.edges[0].params.retry).toBeUndefined();
    pane.setAutoscale(api, 'autoscale', { min: 1, max: 10, target: 0.5, periodS: 15, delayS: 30 });
    pane.setAutoscale(api, 'autoscale.max', 20);
    expect(editor.design.nodes.find((n) => n.id === api)!.params.autoscale).toMatchObject({ min: 1, max: 20, target: 0.5 });
    pane.setAutoscale(api, 'autoscale', undefined);
    expect(editor.design.nodes.find((n) => n.id === api)!.params.autoscale).toBeUndefined();
  });

  it('a run that fails says so in a sentence', async () => {
    const editor = new Editor();
    const pane = new ScenarioPane(editor, () => Promise.reject(new Error('The design has no source.')));
    await pane.run();
    expect(pane.error).toBe('The scenario could not run: The design has no source.');
    expect(pane.running).toBe(false);
  });

  it('asks for at least two replications, so every figure has an interval', () => {
    expect(replicationsFor(undefined)).toBe(2);
    expect(replicationsFor(1)).toBe(2);
    expect(replicationsFor(4)).toBe(4);
  });
});

describe('opening another design', () => {
  it('forgets the run: no timeline, findings or colours of the design before, and a run under way stops', async () => {
    const { editor, pane, finish } = setup();
    const done = pane.run();
    finish();
    await done;
    expect(pane.findings.length).toBeGreaterThan(0);
    editor.load({ ...editor.design, name: 'Another design', nodes: [], edges: [] });
    flushSync();
    expect(pane.result).toBeNull();
    expect(pane.findings).toEqual([]);
    expect(pane.metrics).toBeUndefined();

    const running = pane.run();
    expect(pane.running).toBe(true);
    editor.load({ ...editor.design, name: 'A third design' });
    expect(pane.running).toBe(false);
    await running;
    expect(pane.result).toBeNull();
    expect(pane.error).toBeNull();
  });
});
