// Named scenarios built from any design: each picks what it acts on by the analytic flow (checked
// here against flows and an M/M/1 percentile worked by hand), is offered only when the design has
// something to act on, and builds a design that restore() reopens unchanged — on every template.
import { describe, expect, it } from 'vitest';
import { scenarioPresets, PRESET_EVENT_S, type ScenarioPreset } from '../../../src/app/scenario-presets';
import { Editor } from '../../../src/app/editor.svelte';
import { TEMPLATES, loadTemplate } from '../../../src/templates';
import type { Design } from '../../../src/model/design';
import type { Scenario } from '../../../src/model/scenario';
import { restore } from '../../../src/persistence/restore';
import { opts } from '../persistence/scenario-fixture';
import { compileGraph } from '../../../src/simulation/graph';
import { planScenario } from '../../../src/simulation/scenario/plan';

function open(raw: unknown): Design {
  const r = restore(raw, opts);
  if (!r.ok) throw new Error(r.error);
  expect(r.warnings).toEqual([]);
  return r.design;
}

const node = (id: string, kind: string, params: object = {}, parentId?: string) => ({ id, kind, position: { x: 0, y: 0 }, params, ...(parentId ? { parentId } : {}) });
const edge = (source: string, target: string, params: object = {}) => ({ id: `${source}-${target}`, source, target, params: { mode: 'sync', ...params } });
const MM1 = { replicas: 1, concurrency: 1, service: { dist: 'exponential', meanMs: 10 } };

/** 1,000 rps into an app that calls cache B with probability 0.2 and cache A with 0.8 (listed second); A's misses go to a database. */
function twoCaches(): Design {
  return open({
    name: 'two caches',
    nodes: [node('users', 'client'), node('app', 'app-service'), node('cacheB', 'cache', { hitRatio: 0.9 }), node('cacheA', 'cache', { hitRatio: 0.8 }), node('db', 'kv-store')],
    edges: [edge('users', 'app'), edge('app', 'cacheB', { probability: 0.2 }), edge('app', 'cacheA', { probability: 0.8 }), edge('cacheA', 'db')],
  });
}

/** 50 rps through an app to one M/M/1 store (10 ms mean service): ρ = 0.5. */
function oneStore(framed: boolean): Design {
  const frame = framed ? [{ id: 'zone', kind: 'group', position: { x: 0, y: 0 }, size: { width: 600, height: 300 }, params: {} }] : [];
  return open({
    name: 'one store',
    nodes: [...frame, node('users', 'client', { rps: 50 }), node('app', 'app-service', { replicas: 4 }, framed ? 'zone' : undefined), node('kv', 'kv-store', MM1, framed ? 'zone' : undefined)],
    edges: [edge('users', 'app'), edge('app', 'kv')],
  });
}

const byId = (d: Design) => Object.fromEntries(scenarioPresets(d).map((p) => [p.id, p])) as Record<string, ScenarioPreset>;
const scenarioOf = (d: Design) => d.scenario as Scenario;

function reopensUnchanged(d: Design): void {
  const saved = JSON.stringify(d);
  expect(JSON.stringify(open(JSON.parse(saved)))).toBe(saved);
}

describe('named scenarios', () => {
  it('cache flush at peak flushes the cache with the largest arrival rate (800 rps against 200), 30 % into a 120 s run', () => {
    const built = byId(twoCaches())['cache-flush'].build(twoCaches());
    expect(scenarioOf(built)).toEqual({ name: 'Cache flush at peak', durationS: 120, events: [{ type: 'flush', atS: 36, node: 'cacheA', warmupS: 60 }] });
    reopensUnchanged(built);
  });

  it('never flushes a cache whose misses go nowhere, however busy, and is not offered when only such caches exist', () => {
    // B now receives the most (800 rps), but nothing is behind it: flushing it would change nothing.
    const swapped = twoCaches();
    swapped.edges = swapped.edges.map((e) => (e.target === 'cacheB' ? { ...e, params: { ...e.params, probability: 0.8 } } : e.target === 'cacheA' ? { ...e, params: { ...e.params, probability: 0.2 } } : e));
    expect(scenarioOf(byId(swapped)['cache-flush'].build(swapped)).events).toEqual([{ type: 'flush', atS: 36, node: 'cacheA', warmupS: 60 }]);
    const bare = { ...twoCaches(), edges: twoCaches().edges.filter((e) => e.source !== 'cacheA') };
    expect(scenarioPresets(bare).map((p) => p.id)).not.toContain('cache-flush');
  });

  it('is not offered to a design without a cache', () => {
    expect(scenarioPresets(oneStore(false)).map((p) => p.id)).toEqual(['traffic-x3', 'zone-down', 'slow-dependency']);
  });

  it('traffic ×3 steps every source to three times its rate at 36 s', () => {
    const built = byId(twoCaches())['traffic-x3'].build(twoCaches());
    expect(scenarioOf(built).profiles).toEqual({ users: { shape: 'step', atS: PRESET_EVENT_S, factor: 3 } });
    reopensUnchanged(built);
  });

  it('zone down takes down the frame; without frames, half the replicas of the busiest replicated component', () => {
    expect(scenarioOf(byId(oneStore(true))['zone-down'].build(oneStore(true))).events).toEqual([{ type: 'frame-down', atS: 36, frame: 'zone', durationS: 30 }]);
    // The app (4 replicas, 50 rps) is the one replicated component here.
    expect(scenarioOf(byId(oneStore(false))['zone-down'].build(oneStore(false))).events).toEqual([{ type: 'fail', atS: 36, node: 'app', replicas: 2, durationS: 30 }]);
  });

  it("slow dependency: ×5 for 20 s, its callers time out at 3× its p99 (M/M/1: ln 100 / (μ − λ) = 92.1 ms) and retry 3 times with full jitter", () => {
    const d = oneStore(false);
    const built = byId(d)['slow-dependency'].build(d);
    expect(scenarioOf(built).events).toEqual([{ type: 'slow', atS: 36, node: 'kv', factor: 5, durationS: 20 }]);
    const p99 = (Math.log(100) / (100 - 50)) * 1000;
    const params = built.edges.find((e) => e.target === 'kv')!.params;
    expect(params.timeoutMs).toBeCloseTo(3 * p99, -0.5);
    expect(params.retry).toMatchObject({ maxAttempts: 3, jitter: 'full' });
    // The source's own connection is not a dependency's and is left alone.
    expect(built.edges.find((e) => e.target === 'app')!.params).toEqual({ mode: 'sync' });
    reopensUnchanged(built);
  });

  it('applying a preset in the editor is one undo step', () => {
    const editor = new Editor();
    editor.load(twoCaches());
    const before = editor.design;
    editor.dispatch((d) => byId(d)['slow-dependency'].apply(d));
    expect(editor.design.scenario).toBeDefined();
    editor.undo();
    expect(editor.design).toBe(before);
  });

  it.each(TEMPLATES.map((t) => [t.id]))('%s: every preset offered builds a design restore() reopens unchanged and a scenario run accepts', async (id) => {
    const d = open(await loadTemplate(id));
    const presets = scenarioPresets(d);
    expect(presets.length).toBeGreaterThanOrEqual(3);
    for (const p of presets) {
      const built = p.build(d);
      expect(built.scenario, `${id}: ${p.id}`).toBeDefined();
      expect(built.scenario, `${id}: ${p.id}`).not.toEqual(d.scenario);
      reopensUnchanged(built);
      const g = compileGraph(built);
      const planned = g.ok ? planScenario(built, g.graph) : g;
      expect(planned.ok ? 'ok' : planned.error, `${id}: ${p.id}`).toBe('ok');
    }
  });
});
