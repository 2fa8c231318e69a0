import { describe, expect, it } from 'vitest';
import { fitZoom, READABLE_ZOOM, readableView } from '../../../src/ui/canvas/opening-view';
import { emptyDesign, type Design, type DesignNode } from '../../../src/model/design';

const pane = { width: 1000, height: 700 };

function grid(n: number, extra: DesignNode[] = []): Design {
  const nodes: DesignNode[] = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: 'cache', position: { x: 500 + (i % 40) * 240, y: 300 + Math.floor(i / 40) * 110 }, params: {} }));
  return { ...emptyDesign(), nodes: [...nodes, ...extra] };
}

/** Where a canvas point lands in the pane under a view. */
const onScreen = (v: { x: number; y: number; zoom: number }, p: { x: number; y: number }) => ({ x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y });

describe('the view a design opens at', () => {
  it('puts a large design’s source at the left of the pane, halfway down, at a readable zoom', () => {
    const source: DesignNode = { id: 'c', kind: 'client', position: { x: 100, y: 2000 }, params: { rps: 10 } };
    const v = readableView(grid(1600, [source]), pane);
    expect(v.zoom).toBe(READABLE_ZOOM);
    const at = onScreen(v, source.position);
    expect(at.x).toBe(40);
    expect(at.y + (64 * v.zoom) / 2).toBeCloseTo(pane.height / 2);
  });

  it('finds a source inside a frame by its place on the canvas', () => {
    const frame: DesignNode = { id: 'f', kind: 'group', position: { x: 3000, y: 1000 }, params: {}, size: { width: 400, height: 300 } };
    const source: DesignNode = { id: 'c', kind: 'client', parentId: 'f', position: { x: 20, y: 40 }, params: { rps: 10 } };
    const v = readableView(grid(10, [frame, source]), pane);
    expect(onScreen(v, { x: 3020, y: 1040 }).x).toBe(40);
  });

  it('opens a design without sources at its top-left corner', () => {
    const v = readableView(grid(1600), pane);
    expect(onScreen(v, { x: 500, y: 300 })).toEqual({ x: 40, y: 40 });
  });

  it('estimates the zoom a whole fit takes: far out for a large design, never past life size', () => {
    expect(fitZoom(grid(1600), pane)).toBeLessThan(0.1);
    expect(fitZoom(grid(1), pane)).toBe(1);
  });
});
