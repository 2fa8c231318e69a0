import { describe, expect, it } from 'vitest';
import { layoutQuality } from '../../../src/layout/quality';
import { pipeEnds, pipePath, samplePipe, HANDLE_OUT, ARROW_LENGTH } from '../../../src/model/pipe-geometry';
import type { Design, DesignEdge } from '../../../src/model/design';
import { COMPONENT_SIZE } from '../../../src/model/geometry';
import { design, node } from './helpers';

const W = COMPONENT_SIZE.width;
const H = COMPONENT_SIZE.height;

describe('the pipe drawing shared by the canvas, the picture and the figures', () => {
  it('curves as xyflow does: control points half the run forwards, the label at t = 0.5', () => {
    const p = pipePath(0, 0, 200, 100);
    expect(p.d).toBe('M0,0C100,0 100,100 200,100');
    expect(p.mid).toEqual([100, 50]);
  });

  it('draws a route as straight runs with rounded corners through its bend points', () => {
    const p = pipePath(0, 0, 200, 100, [{ x: 100, y: 0 }, { x: 100, y: 100 }]);
    expect(p.d).toBe('M0,0L90,0Q100,0 100,10L100,90Q100,100 110,100L200,100');
    expect(p.length).toBe(300);
    expect(p.mid).toEqual([100, 50]);
    const pts = samplePipe(p, 10);
    expect(pts[0]).toEqual([0, 0]);
    expect(pts[pts.length - 1]).toEqual([200, 100]);
    // Never further from the polyline than the corner's rounding.
    for (const [x, y] of pts) expect(Math.min(Math.abs(y), Math.abs(x - 100), Math.abs(y - 100))).toBeLessThanOrEqual(10 * (1 - Math.SQRT1_2) + 1e-9);
  });

  it('starts at the source handle and stops at the arrow\'s base', () => {
    const ends = pipeEnds({ x: 0, y: 0, width: W, height: H }, { x: 400, y: 100, width: W, height: H });
    expect(ends.start).toEqual([W + HANDLE_OUT, H / 2]);
    expect(ends.tip).toEqual([400 - HANDLE_OUT, 100 + H / 2]);
    expect(ends.end).toEqual([400 - HANDLE_OUT - ARROW_LENGTH, 100 + H / 2]);
  });
});

describe('layout quality', () => {
  /** a and b on the left, c and d on the right, a → d and b → c crossing once. */
  const crossing = (): Design => design([node('a', 0, 0), node('b', 0, 200), node('c', 600, 0), node('d', 600, 200)], [['a', 'd'], ['b', 'c']]);

  it('counts two pipes that cross as one crossing, and none for pipes side by side', () => {
    expect(layoutQuality(crossing()).crossings).toBe(1);
    const side = design([node('a', 0, 0), node('b', 0, 200), node('c', 600, 0), node('d', 600, 200)], [['a', 'c'], ['b', 'd'], ['a', 'd']]);
    // a → d leaves a's handle with a → c (a shared end is no crossing) and crosses nothing else.
    expect(layoutQuality(side).crossings).toBe(0);
  });

  it('counts a pipe drawn through a component, but not one whose route goes round it', () => {
    const d = design([node('a', 0, 0), node('m', 300, 0), node('b', 600, 0)], [['a', 'b']]);
    expect(layoutQuality(d).edgesThroughComponents).toBe(1);
    const around: DesignEdge = { ...d.edges[0], route: [{ x: 240, y: 32 }, { x: 240, y: 120 }, { x: 560, y: 120 }, { x: 560, y: 32 }] };
    expect(layoutQuality({ ...d, edges: [around] }).edgesThroughComponents).toBe(0);
    // Its route now crosses nothing either, and the box holds three components in a row.
    expect(layoutQuality({ ...d, edges: [around] }).crossings).toBe(0);
    expect(layoutQuality(d).aspectRatio).toBeCloseTo((600 + W) / H, 6);
  });

  it('reads the route, not the curve, when a connection has one', () => {
    const d = crossing();
    // b → c routed below and up just before c: it still crosses a → d's curve.
    const routed = { ...d, edges: [d.edges[0], { ...d.edges[1], route: [{ x: 220, y: 232 }, { x: 220, y: 300 }, { x: 560, y: 300 }, { x: 560, y: 32 }] }] };
    expect(layoutQuality(routed).crossings).toBeGreaterThanOrEqual(1);
    // Round the far side of d and c instead: clear of a → d.
    const clear = { ...d, edges: [d.edges[0], { ...d.edges[1], route: [{ x: 220, y: 232 }, { x: 220, y: 300 }, { x: 850, y: 300 }, { x: 850, y: -60 }, { x: 560, y: -60 }, { x: 560, y: 32 }] }] };
    expect(layoutQuality(clear).crossings).toBe(0);
  });
});
