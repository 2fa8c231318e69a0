import { describe, expect, it } from 'vitest';
import { applyPlacements, currentPlacements, easeInOut, interpolate, movedCount, readyRoutes } from '../../../src/layout/placements';
import { design, node } from './helpers';

describe('placements', () => {
  const d = design([node('a', 0, 0), node('g', 100, 100, { kind: 'group', size: { width: 300, height: 200 } })], []);

  it('moves and resizes in one pass, keeping untouched nodes', () => {
    const next = applyPlacements(d, new Map([['g', { position: { x: 10, y: 20 }, size: { width: 500, height: 250 } }]]));
    expect(next.nodes[0]).toBe(d.nodes[0]);
    expect(next.nodes[1].position).toEqual({ x: 10, y: 20 });
    expect(next.nodes[1].size).toEqual({ width: 500, height: 250 });
  });

  it('returns the same design when nothing moves', () => {
    expect(applyPlacements(d, currentPlacements(d, ['a', 'g']))).toBe(d);
    expect(movedCount(currentPlacements(d, ['a', 'g']), currentPlacements(d, ['a', 'g']))).toBe(0);
  });

  it('interpolates positions and sizes, from start to end', () => {
    const from = currentPlacements(d, ['a', 'g']);
    const to = new Map([
      ['a', { position: { x: 100, y: 50 } }],
      ['g', { position: { x: 100, y: 100 }, size: { width: 500, height: 200 } }],
    ]);
    expect(movedCount(from, to)).toBe(2);
    expect(interpolate(from, to, 0).get('a')!.position).toEqual({ x: 0, y: 0 });
    expect(interpolate(from, to, 0.5).get('a')!.position).toEqual({ x: 50, y: 25 });
    expect(interpolate(from, to, 0.5).get('g')!.size).toEqual({ width: 400, height: 200 });
    expect(interpolate(from, to, 1).get('g')).toEqual(to.get('g'));
  });

  it('eases from 0 to 1 without overshoot', () => {
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    const ts = Array.from({ length: 11 }, (_, i) => easeInOut(i / 10));
    expect(ts).toEqual([...ts].sort((p, q) => p - q));
  });
});

describe('readyRoutes', () => {
  it('gives a route once both ends and the frames around them are placed, and only once', () => {
    const d = design(
      [node('g', 0, 0, { kind: 'group', size: { width: 400, height: 200 } }), node('a', 0, 0), node('b', 10, 10, { parentId: 'g' }), node('c', 500, 0)],
      [['a', 'b'], ['a', 'c']],
    );
    const routes = new Map<string, { x: number; y: number }[] | null>([['e0', [{ x: 1, y: 2 }]], ['e1', null]]);
    const set = new Set<string>();
    // g (b's frame) still to move: only a → c is ready.
    expect([...readyRoutes(d, routes, new Set(['g']), set).keys()]).toEqual(['e1']);
    expect([...readyRoutes(d, routes, new Set(), set).keys()]).toEqual(['e0']);
    expect(readyRoutes(d, routes, new Set(), set).size).toBe(0);
  });
});
