import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { catalog } from '../../../src/catalog';
import { assignBands } from '../../../src/layout/bands';
import { layOut as layOutWith } from '../../../src/layout/facing-order';
import { fromElkGraph, routesFromElk, toElkGraph, type ElkNodeJson, type GraphOptions } from '../../../src/layout/to-elk-graph';
import { applyPlacements } from '../../../src/layout/placements';
import { layoutQuality } from '../../../src/layout/quality';
import { absolutePosition } from '../../../src/model/commands';
import type { Design, DesignNode, EdgeMode } from '../../../src/model/design';
import { COMPONENT_SIZE } from '../../../src/model/geometry';
import { restore } from '../../../src/persistence/restore';
import { loadTemplate, TEMPLATES } from '../../../src/templates';

const roleOf = (kind: string) => catalog.get(kind);

/** A design of the given kinds joined by connections of the given modes. */
function build(kinds: Record<string, string>, links: [string, string, EdgeMode][]): Design {
  const nodes: DesignNode[] = Object.entries(kinds).map(([id, kind], i) => ({ id, kind, position: { x: i * 37, y: (i % 3) * 50 }, params: {} }));
  const edges = links.map(([source, target, mode], i) => ({ id: `e${i}`, source, target, params: { mode } }));
  return { format: 'mlsd-design', version: 1, name: 't', notes: {}, nodes, edges };
}

async function template(id: string): Promise<Design> {
  const r = restore(await loadTemplate(id), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  return r.design;
}

/** The design laid out as the app does it: graph, ELK, the worker's answer, positions and routes. */
async function layOut(d: Design, extra: Partial<GraphOptions> = {}): Promise<Design> {
  const graph = toElkGraph(d, { direction: 'RIGHT', nodeSize: COMPONENT_SIZE, roleOf, ...extra });
  const elk = new ELK();
  const answer = await layOutWith((g) => elk.layout(g as never) as unknown as Promise<ElkNodeJson>, graph);
  const placements = fromElkGraph(d, answer);
  return applyPlacements(d, placements, routesFromElk(d, answer, placements));
}

const box = (d: Design, id: string) => {
  const n = d.nodes.find((x) => x.id === id)!;
  return { ...absolutePosition(d, n), bottom: absolutePosition(d, n).y + COMPONENT_SIZE.height };
};

/** client → gateway → ranker (sync); ranker → kafka (async) → stream job (async); kafka → training (offline) → registry (offline). */
const mixed = () =>
  build(
    { users: 'client', api: 'app-service', rank: 'ranking-service', log: 'kafka', job: 'stream-processor', train: 'training-cluster', reg: 'model-registry', lone: 'cache' },
    [['users', 'api', 'sync'], ['api', 'rank', 'sync'], ['rank', 'log', 'async'], ['log', 'job', 'async'], ['log', 'train', 'offline'], ['train', 'reg', 'offline'], ['reg', 'rank', 'offline']],
  );

describe('band assignment', () => {
  it('puts the sync path online, what the online path feeds through async connections async, training and registries offline', () => {
    const bands = assignBands(mixed(), roleOf);
    expect(Object.fromEntries(bands)).toEqual({
      users: 'online', api: 'online', rank: 'online', log: 'async', job: 'async', train: 'offline', reg: 'offline', lone: 'online',
    });
  });

  it('puts a component reached only through offline connections offline, whatever its kind', () => {
    const d = build({ users: 'client', api: 'app-service', train: 'training-cluster', store: 'kv-store' }, [['users', 'api', 'sync'], ['train', 'store', 'offline']]);
    expect(assignBands(d, roleOf).get('store')).toBe('offline');
    // The same store called by the online path is online.
    const called = build({ users: 'client', api: 'app-service', train: 'training-cluster', store: 'kv-store' }, [['users', 'api', 'sync'], ['api', 'store', 'sync'], ['train', 'store', 'offline']]);
    expect(assignBands(called, roleOf).get('store')).toBe('online');
  });

  it('gives a frame the band of most of its members (video recommendation: serving online, the training loop offline)', async () => {
    const d = await template('video-recommendation');
    const bands = assignBands(d, roleOf);
    expect(bands.get('on')).toBe('online');
    expect(bands.get('off')).toBe('offline');
    expect(bands.get('log')).toBe('async');
    expect(bands.get('bus')).toBe('async');
    expect([bands.get('train'), bands.get('idx')]).toEqual(['offline', 'offline']);
  });
});

describe('a layout in bands', () => {
  it('stacks online above async above offline, each band laid out left to right', async () => {
    const d = await layOut(mixed());
    const bottom = (ids: string[]) => Math.max(...ids.map((id) => box(d, id).bottom));
    const top = (ids: string[]) => Math.min(...ids.map((id) => box(d, id).y));
    expect(bottom(['users', 'api', 'rank', 'lone'])).toBeLessThan(top(['log', 'job']));
    expect(bottom(['log', 'job'])).toBeLessThan(top(['train', 'reg']));
    expect(box(d, 'users').x).toBeLessThan(box(d, 'api').x);
    expect(box(d, 'api').x).toBeLessThan(box(d, 'rank').x);
    expect(box(d, 'log').x).toBeLessThan(box(d, 'job').x);
  });

  it('keeps a frame a compound node in its band: its members stay inside it', async () => {
    const d = await layOut(await template('video-recommendation'));
    const frame = d.nodes.find((n) => n.id === 'off')!;
    const f = absolutePosition(d, frame);
    for (const id of ['bus', 'train', 'idx']) {
      const b = box(d, id);
      expect(b.x).toBeGreaterThanOrEqual(f.x);
      expect(b.bottom).toBeLessThanOrEqual(f.y + frame.size!.height);
    }
    expect(box(d, 'rr').bottom).toBeLessThan(f.y);
  });

  it('lays out a selection in bands too, leaving the rest where it was', async () => {
    const d = mixed();
    const only = new Set(['users', 'api', 'train', 'reg']);
    const out = await layOut(d, { only });
    expect(Math.max(box(out, 'users').bottom, box(out, 'api').bottom)).toBeLessThan(Math.min(box(out, 'train').y, box(out, 'reg').y));
    for (const id of ['rank', 'log', 'job', 'lone']) expect(box(out, id)).toEqual(box(d, id));
  });
});

describe('wrapping to the view', () => {
  const chain = (n: number) =>
    build(Object.fromEntries(Array.from({ length: n }, (_, i) => [`n${i}`, i === 0 ? 'client' : 'app-service'])), Array.from({ length: n - 1 }, (_, i): [string, string, EdgeMode] => [`n${i}`, `n${i + 1}`, 'sync']));

  it('wraps a 20-component chain near a 16:10 view instead of one row', async () => {
    const row = layoutQuality(await layOut(chain(20))).aspectRatio;
    const wrapped = layoutQuality(await layOut(chain(20), { aspectRatio: 1.6 })).aspectRatio;
    // One row: 20 boxes of 184 and 19 gaps of 90 against one box's height, 64.
    expect(row).toBeCloseTo((20 * 184 + 19 * 90) / 64, 0);
    expect(wrapped).toBeGreaterThan(1.6 / 2);
    expect(wrapped).toBeLessThan(1.6 * 2);
  });

  it('leaves a short chain in one row', async () => {
    const d = await layOut(chain(4), { aspectRatio: 1.6 });
    expect(new Set(d.nodes.map((n) => box(d, n.id).y)).size).toBe(1);
  });
});

describe('routes around components', () => {
  it.each(TEMPLATES.map((t) => t.id))('no connection of %s is drawn through a component after auto-layout', async (id) => {
    const before = await template(id);
    const after = await layOut(before, { aspectRatio: 1.6 });
    expect(layoutQuality(after).edgesThroughComponents).toBe(0);
    // Every connection that bends carries its route; each route is orthogonal from handle to handle.
    for (const e of after.edges.filter((x) => x.route)) {
      const pts = e.route as { x: number; y: number }[];
      for (let i = 1; i < pts.length; i++) expect(pts[i].x === pts[i - 1].x || pts[i].y === pts[i - 1].y).toBe(true);
      expect(pts[0].y).toBe(box(after, e.source).y + COMPONENT_SIZE.height / 2);
      expect(pts[pts.length - 1].y).toBe(box(after, e.target).y + COMPONENT_SIZE.height / 2);
    }
  });
});
