// Every case-study template laid out as the app lays it out (graph, ELK in this process, the
// worker's steps, positions and routes) reads at least as well as its hand-drawn saved layout:
// no more crossings, no connection through a component, near the view's shape.
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
