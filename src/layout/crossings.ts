// How drawn lines cross each other and pass through boxes: the counts behind the layout's
// quality figures (quality.ts) and the worker's choice between layouts (facing-order.ts). Pure
// geometry on polylines.
import type { Point, Rect } from '../model/pipe-geometry';

/** The side of a grid cell when finding segments near each other: about a component's width. */
const CELL = 200;

/**
 * How many times the polylines cross each other: where a line passes from one side of another
 * to the other side, each point counted once. Lines that only touch — two pipes out of one
 * handle, a route leaving another at a shared bend, running along each other — do not cross.
 * Segments are bucketed in a grid so a thousand-pipe design is not a million pairs of lines.
 */
export function countCrossings(lines: Point[][]): number {
  const segs: { line: number; i: number }[] = [];
  const grid = new Map<string, number[]>();
  lines.forEach((pts, line) => {
    for (let i = 1; i < pts.length; i++) {
      const id = segs.push({ line, i }) - 1;
      const [x0, x1] = [Math.floor(Math.min(pts[i - 1][0], pts[i][0]) / CELL), Math.floor(Math.max(pts[i - 1][0], pts[i][0]) / CELL)];
      const [y0, y1] = [Math.floor(Math.min(pts[i - 1][1], pts[i][1]) / CELL), Math.floor(Math.max(pts[i - 1][1], pts[i][1]) / CELL)];
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const key = `${x},${y}`;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key)!.push(id);
        }
      }
    }
  });
  const found = new Set<string>();
  for (const ids of grid.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [p, q] = segs[ids[i]].line < segs[ids[j]].line ? [segs[ids[i]], segs[ids[j]]] : [segs[ids[j]], segs[ids[i]]];
        if (p.line === q.line) continue;
        const at = crossingAt(lines[p.line], p.i, lines[q.line], q.i);
        if (at) found.add(`${p.line}:${q.line}:${Math.round(at[0])},${Math.round(at[1])}`);
      }
    }
  }
  return found.size;
}

const cross = (o: Point, p: Point, q: Point) => (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
/**
 * Below this a point counts as on the line: a curve sampled along a straight line lands a
 * rounding error off it, which must not read as passing from one side to the other.
 */
const ON_LINE = 1e-6;
const sign = (v: number) => (v > ON_LINE ? 1 : v < -ON_LINE ? -1 : 0);

/**
 * Where segment i of line a (a[i-1]→a[i]) crosses segment j of line b, or null. A meeting in
 * both segments' interiors is a crossing. A meeting at a bend of one line, inside the other's
 * segment, is one when that line's points before and after the bend lie on opposite sides of
 * the other (a curve sampled exactly at its crossing); it is claimed by the segment that
 * starts at the bend, so it is seen once. At a bend of both, the same test on both lines.
 */
function crossingAt(a: Point[], i: number, b: Point[], j: number): Point | null {
  const [p1, p2, q1, q2] = [a[i - 1], a[i], b[j - 1], b[j]];
  const d1 = sign(cross(q1, q2, p1));
  const d2 = sign(cross(q1, q2, p2));
  const d3 = sign(cross(p1, p2, q1));
  const d4 = sign(cross(p1, p2, q2));
  if (d1 * d2 < 0 && d3 * d4 < 0) {
    const t = cross(q1, q2, p1) / (cross(q1, q2, p1) - cross(q1, q2, p2));
    return [p1[0] + (p2[0] - p1[0]) * t, p1[1] + (p2[1] - p1[1]) * t];
  }
  // a's bend p1 on b's segment interior: a passes through when a[i-2] and p2 are on opposite sides.
  if (d1 === 0 && d2 !== 0 && d3 * d4 < 0 && i >= 2 && sign(cross(q1, q2, a[i - 2])) === -d2) return p1;
  if (d3 === 0 && d4 !== 0 && d1 * d2 < 0 && j >= 2 && sign(cross(p1, p2, b[j - 2])) === -d4) return q1;
  // A bend of both at one point: they cross when each passes from one side of the other to the other.
  if (p1[0] === q1[0] && p1[1] === q1[1] && i >= 2 && j >= 2) {
    const [a0, b0] = [a[i - 2], b[j - 2]];
    const across = (o: Point, e: Point, u: Point, v: Point) => sign(cross(o, e, u)) * sign(cross(o, e, v)) < 0;
    if (across(b0, q2, a0, p2) && across(a0, p2, b0, q2)) return p1;
  }
  return null;
}

/** Whether any segment of the polyline enters the rectangle. */
export function polylineHitsRect(points: Point[], r: Rect): boolean {
  if (r.width <= 0 || r.height <= 0) return false;
  for (let i = 1; i < points.length; i++) if (segmentHitsRect(points[i - 1], points[i], r)) return true;
  return false;
}

/** Liang–Barsky clipping: does the segment a→b meet the rectangle's interior? */
function segmentHitsRect(a: Point, b: Point, r: Rect): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [[-dx, a[0] - r.x], [dx, r.x + r.width - a[0]], [-dy, a[1] - r.y], [dy, r.y + r.height - a[1]]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}
