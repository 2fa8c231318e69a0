import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { fromElkGraph, sourceOf, targetOf, toElkGraph, type ElkNodeJson, type GraphOptions } from '../../../src/layout/to-elk-graph';
import { applyPlacements } from '../../../src/layout/placements';
import { absolutePosition } from '../../../src/model/commands';
import type { Design } from '../../../src/model/design';
import { design, node, reversedChain } from './helpers';

const SIZE = { width: 184, height: 64 };
const opts = (extra: Partial<GraphOptions> = {}): GraphOptions => ({ direction: 'RIGHT', nodeSize: SIZE, ...extra });

async function layOut(d: Design, o: GraphOptions): Promise<Design> {
  const laidOut = (await new ELK().layout(toElkGraph(d, o) as never)) as unknown as ElkNodeJson;
  return applyPlacements(d, fromElkGraph(d, laidOut));
}

const abs = (d: Design, id: string) => absolutePosition(d, d.nodes.find((n) => n.id === id)!);

/** A frame `g` holding b and c, between a and d: a → b → c → d. */
function framed(): Design {
  return design(
    [
      node('g', 700, 500, { kind: 'group', size: { width: 200, height: 120 } }),
      node('a', 0, 0), node('b', 10, 10, { parentId: 'g' }), node('c', 30, 30, { parentId: 'g' }), node('d', 0, 400),
    ],
    [['a', 'b'], ['b', 'c'], ['c', 'd']],
  );
}

describe('toElkGraph', () => {
  it('sends components with the canvas size, notes and frames with their own', () => {
    const d = design([node('a', 0, 0), node('n', 0, 0, { kind: 'note', size: { width: 200, height: 90 } }), node('g', 0, 0, { kind: 'group', size: { width: 300, height: 200 } })], []);
    const g = toElkGraph(d, opts());
    expect(g.children!.map((c) => [c.id, c.width, c.height])).toEqual([['a', 184, 64], ['n', 200, 90], ['g', 300, 200]]);
    expect(g.layoutOptions!['elk.direction']).toBe('RIGHT');
    expect(g.layoutOptions!['elk.layered.thoroughness']).toBe('1');
    expect(JSON.stringify(g)).not.toContain('NETWORK_SIMPLEX');
  });

  it('makes a frame with members a compound node, and lays out across it', () => {
    const g = toElkGraph(framed(), opts());
    const frame = g.children!.find((c) => c.id === 'g')!;
    expect(frame.children!.map((c) => c.id)).toEqual(['b', 'c']);
    expect(g.layoutOptions!['elk.hierarchyHandling']).toBe('INCLUDE_CHILDREN');
    expect(g.edges!.map((e) => [sourceOf(e), targetOf(e)])).toEqual([['a', 'b'], ['b', 'c'], ['c', 'd']]);
  });

  it('turns the greedy switch off only for big graphs', () => {
    const small = design(Array.from({ length: 60 }, (_, i) => node(`n${i}`, 0, 0)), []);
    const big = design(Array.from({ length: 150 }, (_, i) => node(`n${i}`, 0, 0)), []);
    expect(toElkGraph(small, opts()).layoutOptions!['elk.layered.crossingMinimization.greedySwitch.type']).toBeUndefined();
    expect(toElkGraph(big, opts()).layoutOptions!['elk.layered.crossingMinimization.greedySwitch.type']).toBe('OFF');
  });

  it('with a selection, sends only it, its frames\' members and the edges among them', () => {
    const g = toElkGraph(framed(), opts({ only: new Set(['g', 'd']) }));
    const ids = (n: ElkNodeJson): string[] => [n.id, ...(n.children ?? []).flatMap(ids)];
    expect(ids(g).slice(1).sort()).toEqual(['b', 'c', 'd', 'g']);
    expect(g.edges!.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('ignores edges to missing nodes, and lays out a node whose frame is missing at the top level', () => {
    const d = design([node('a', 0, 0, { parentId: 'zz' }), node('b', 0, 0)], [['a', 'b'], ['a', 'ghost']]);
    const g = toElkGraph(d, opts());
    expect(g.children!.map((c) => c.id)).toEqual(['a', 'b']);
    expect(g.edges!.length).toBe(1);
  });
});

describe('a layout through ELK', () => {
  it('orders a chain left to right and keeps the block where it was', async () => {
    const d = await layOut(reversedChain(), opts());
    const xs = ['a', 'b', 'c', 'd'].map((id) => abs(d, id).x);
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
    expect(new Set(xs).size).toBe(4);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.min(...d.nodes.map((n) => n.position.y))).toBe(0);
  });

  it('orders it top to bottom as an option', async () => {
    const d = await layOut(reversedChain(), opts({ direction: 'DOWN' }));
    const ys = ['a', 'b', 'c', 'd'].map((id) => abs(d, id).y);
    expect(ys).toEqual([...ys].sort((p, q) => p - q));
    expect(new Set(ys).size).toBe(4);
  });

  it('lays members out inside their frame and resizes the frame to fit', async () => {
    const d = await layOut(framed(), opts());
    const g = d.nodes.find((n) => n.id === 'g')!;
    const gp = abs(d, 'g');
    for (const id of ['b', 'c']) {
      const m = d.nodes.find((n) => n.id === id)!;
      expect(m.parentId).toBe('g');
      expect(m.position.x).toBeGreaterThan(0);
      expect(m.position.y).toBeGreaterThanOrEqual(40); // below the frame's title
      expect(m.position.x + SIZE.width).toBeLessThan(g.size!.width);
      expect(m.position.y + SIZE.height).toBeLessThan(g.size!.height);
    }
    expect(g.size!.width).toBeGreaterThan(2 * SIZE.width);
    // The flow runs through the frame: a, then the frame, then d.
    expect(abs(d, 'a').x + SIZE.width).toBeLessThan(gp.x);
    expect(gp.x + g.size!.width).toBeLessThan(abs(d, 'd').x);
  });

  it('lays out a selection in place and leaves the rest alone', async () => {
    const base = design(
      [node('x', 5000, 5000), node('a', 400, 300), node('b', 100, 330), node('c', 250, 600)],
      [['a', 'b'], ['b', 'c'], ['x', 'a']],
    );
    const d = await layOut(base, opts({ only: new Set(['a', 'b', 'c']) }));
    expect(d.nodes.find((n) => n.id === 'x')).toBe(base.nodes[0]);
    expect(abs(d, 'a').x).toBeLessThan(abs(d, 'b').x);
    expect(abs(d, 'b').x).toBeLessThan(abs(d, 'c').x);
    expect(Math.min(...['a', 'b', 'c'].map((id) => abs(d, id).x))).toBe(100);
    expect(Math.min(...['a', 'b', 'c'].map((id) => abs(d, id).y))).toBe(300);
  });

  it('keeps a selected member of an unselected frame in that frame\'s coordinates', async () => {
    const base = design(
      [node('g', 1000, 1000, { kind: 'group', size: { width: 900, height: 400 } }), node('a', 400, 100, { parentId: 'g' }), node('b', 50, 100, { parentId: 'g' })],
      [['a', 'b']],
    );
    const d = await layOut(base, opts({ only: new Set(['a', 'b']) }));
    expect(d.nodes.find((n) => n.id === 'g')).toBe(base.nodes[0]);
    expect(d.nodes.find((n) => n.id === 'b')!.position.x).toBeGreaterThan(d.nodes.find((n) => n.id === 'a')!.position.x);
    expect(Math.min(...['a', 'b'].map((id) => d.nodes.find((n) => n.id === id)!.position.x))).toBe(50);
  });
});
