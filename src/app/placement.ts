// Where a component added by click or by keyboard goes: the spot asked for, or the nearest one
// that overlaps nothing, so quick adds never stack components on top of each other.
import { absolutePosition } from '../model/commands';
import type { Design, Position } from '../model/design';

const GAP = 16;
const MAX_RINGS = 12;

export function freeSpot(design: Design, wanted: Position, size: { width: number; height: number }, nodeSize: { width: number; height: number }): Position {
  const rects = design.nodes
    .filter((n) => n.kind !== 'group')
    .map((n) => {
      const p = absolutePosition(design, n);
      return { x: p.x, y: p.y, w: n.size?.width ?? nodeSize.width, h: n.size?.height ?? nodeSize.height };
    });
  const free = (x: number, y: number) =>
    rects.every((r) => x + size.width + GAP <= r.x || r.x + r.w + GAP <= x || y + size.height + GAP <= r.y || r.y + r.h + GAP <= y);
  const stepX = size.width + GAP * 2;
  const stepY = size.height + GAP * 2;
  // Rings of grid cells around the wanted spot, nearest first; below before beside, as a
  // column of callees reads best.
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    const cells: [number, number][] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) cells.push([i, j]);
    }
    cells.sort((a, b) => Math.hypot(a[0] * stepX, a[1] * stepY) - Math.hypot(b[0] * stepX, b[1] * stepY) || a[0] - b[0] || b[1] - a[1]);
    for (const [i, j] of cells) {
      const x = Math.round(wanted.x + i * stepX);
      const y = Math.round(wanted.y + j * stepY);
      if (free(x, y)) return { x, y };
    }
  }
  return wanted;
}
