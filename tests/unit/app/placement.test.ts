import { describe, expect, it } from 'vitest';
import { freeSpot } from '../../../src/app/placement';
import { emptyDesign, type Design } from '../../../src/model/design';

const SIZE = { width: 184, height: 64 };

function withNodes(...at: [number, number][]): Design {
  const d = emptyDesign();
  d.nodes = at.map(([x, y], i) => ({ id: `n${i}`, kind: 'cache', position: { x, y }, params: {} }));
  return d;
}

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  a.x < b.x + SIZE.width && b.x < a.x + SIZE.width && a.y < b.y + SIZE.height && b.y < a.y + SIZE.height;

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpot(withNodes([500, 500]), { x: 0, y: 0 }, SIZE, SIZE)).toEqual({ x: 0, y: 0 });
  });

  it('moves to the nearest spot that overlaps nothing', () => {
    const d = withNodes([0, 0], [10, 100]);
    const p = freeSpot(d, { x: 5, y: 5 }, SIZE, SIZE);
    for (const n of d.nodes) expect(overlaps(p, n.position)).toBe(false);
    expect(Math.hypot(p.x - 5, p.y - 5)).toBeLessThan(500);
  });

  it('never stacks ten quick adds at one spot', () => {
    let d = withNodes();
    for (let i = 0; i < 10; i++) {
      const p = freeSpot(d, { x: 0, y: 0 }, SIZE, SIZE);
      d = { ...d, nodes: [...d.nodes, { id: `a${i}`, kind: 'cache', position: p, params: {} }] };
    }
    for (const a of d.nodes) for (const b of d.nodes) if (a !== b) expect(overlaps(a.position, b.position)).toBe(false);
  });

  it('counts members of a frame at their absolute place', () => {
    const d = withNodes();
    d.nodes = [
      { id: 'f', kind: 'group', position: { x: 1000, y: 1000 }, size: { width: 600, height: 400 }, params: {} },
      { id: 'm', kind: 'cache', position: { x: 20, y: 40 }, parentId: 'f', params: {} },
    ];
    const p = freeSpot(d, { x: 1020, y: 1040 }, SIZE, SIZE);
    expect(overlaps(p, { x: 1020, y: 1040 })).toBe(false);
    // A frame itself is a place to put things, not an obstacle.
    expect(freeSpot(d, { x: 1300, y: 1200 }, SIZE, SIZE)).toEqual({ x: 1300, y: 1200 });
  });
});
