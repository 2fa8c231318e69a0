// Every case-study template laid out as the app lays it out (graph, ELK in this process, the
// worker's steps, positions and routes) reads at least as well as its hand-drawn saved layout:
// no more crossings, no connection through a component, near the view's shape. And random
// designs in bands are laid out at all, with no connection through a component.
import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { catalog } from '../../../src/catalog';
import { layOut } from '../../../src/layout/facing-order';
import { applyPlacements } from '../../../src/layout/placements';
import { layoutQuality } from '../../../src/layout/quality';
import { fromElkGraph, routesFromElk, toElkGraph, type ElkNodeJson } from '../../../src/layout/to-elk-graph';
import type { Design } from '../../../src/model/design';
import { COMPONENT_SIZE } from '../../../src/model/geometry';
import { restore } from '../../../src/persistence/restore';
import { loadTemplate, TEMPLATES } from '../../../src/templates';

/** The canvas's shape on a laptop (bench/layout-quality-run.ts lays the templates out at it too). */
const VIEW_ASPECT = 1.6;
const elk = new ELK();
const roleOf = (kind: string) => catalog.get(kind);

async function template(id: string): Promise<Design> {
  const r = restore(await loadTemplate(id), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  return r.design;
}

async function laidOut(d: Design): Promise<Design> {
  const graph = toElkGraph(d, { direction: 'RIGHT', nodeSize: COMPONENT_SIZE, roleOf, aspectRatio: VIEW_ASPECT });
  const answer = await layOut((g) => elk.layout(g as never) as unknown as Promise<ElkNodeJson>, graph);
  const placements = fromElkGraph(d, answer);
  return applyPlacements(d, placements, routesFromElk(d, answer, placements));
}

describe('templates after auto-layout', () => {
  it.each(TEMPLATES.map((t) => t.id))('%s: no more crossings than as saved, none through a component, near the view', async (id) => {
    const saved = await template(id);
    const before = layoutQuality(saved);
    const after = layoutQuality(await laidOut(saved));
    expect(after.edgesThroughComponents).toBe(0);
    expect(after.crossings).toBeLessThanOrEqual(before.crossings);
    expect(after.aspectRatio).toBeGreaterThan(VIEW_ASPECT / 2);
    expect(after.aspectRatio).toBeLessThan(VIEW_ASPECT * 2.5);
  });

  it('draws most templates with 0 to 2 crossings and none with more than 3', async () => {
    const crossings = await Promise.all(TEMPLATES.map(async (t) => layoutQuality(await laidOut(await template(t.id))).crossings));
    expect(crossings.filter((c) => c <= 2).length).toBeGreaterThanOrEqual(crossings.length - 3);
    expect(Math.max(...crossings)).toBeLessThanOrEqual(3);
  });
});

/**
 * Seeded random designs of 4 to 23 components of every band, in up to three frames (one maybe
 * inside another), joined at random by sync, async and offline connections.
 */
function randomDesign(rand: () => number): Design {
  const kinds = ['client', 'app-service', 'cache', 'kafka', 'training-cluster', 'model-registry', 'kv-store', 'batch-processor'];
  const modes = ['sync', 'sync', 'async', 'offline'] as const;
  const n = 4 + Math.floor(rand() * 20);
  const nodes: Design['nodes'] = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: kinds[Math.floor(rand() * kinds.length)], position: { x: Math.round(rand() * 1500), y: Math.round(rand() * 900) }, params: {} }));
  const frames = Math.floor(rand() * 4);
  for (let f = 0; f < frames; f++) nodes.push({ id: `f${f}`, kind: 'group', label: `F${f}`, position: { x: f * 500, y: f * 300 }, size: { width: 480, height: 300 }, params: {} });
  for (const node of nodes) {
    if (node.kind === 'group' || !frames || rand() >= 0.6) continue;
    node.parentId = `f${Math.floor(rand() * frames)}`;
    node.position = { x: 20 + Math.round(rand() * 200), y: 60 + Math.round(rand() * 150) };
  }
  if (frames >= 2 && rand() < 0.5) nodes.find((x) => x.id === 'f1')!.parentId = 'f0';
  const edges: Design['edges'] = [];
  const m = Math.floor(n * (1 + rand()));
  for (let i = 0; i < m; i++) {
    const [a, b] = [Math.floor(rand() * n), Math.floor(rand() * n)];
    if (a !== b) edges.push({ id: `e${i}`, source: `n${a}`, target: `n${b}`, params: { mode: modes[Math.floor(rand() * modes.length)] } });
  }
  return { format: 'mlsd-design', version: 1, name: 'random', notes: {}, nodes, edges };
}

describe('random designs in bands after auto-layout', () => {
  it('are laid out (ELK never fails on them) with no connection through a component', async () => {
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const through: number[] = [];
    for (let i = 0; i < 60; i++) through.push(layoutQuality(await laidOut(randomDesign(rand))).edgesThroughComponents);
    expect(through.filter((t) => t > 0)).toEqual([]);
  }, 60_000);
});
