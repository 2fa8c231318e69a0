// Routes for the connections between bands, which ELK leaves unrouted (each band is laid out
// on its own). Orthogonal like ELK's: out of the source's right handle, along a free vertical
// line to the gap beside the target's band, across the gap, down or up a free vertical line to
// the target's row, into its left handle. "Free" means clear of every box by a margin, so no
// such route crosses a component. Pure JSON in, JSON out: it runs in the worker beside ELK.
import type { Position } from '../model/design';
import type { ElkEdgeJson, ElkNodeJson } from './to-elk-graph';

interface Box {
  x: number;
  y: number;
  right: number;
  bottom: number;
}

/** How far a route keeps from a box it passes. */
const MARGIN = 14;
/** The first step out of a handle, and the spacing of parallel runs in a gap. */
const STEP = 24;
const LANE = 8;

/** Every leaf box (a component, a note, an empty frame) in root coordinates, by id, and each root child's. */
function boxes(root: ElkNodeJson): { leaves: Map<string, Box>; bands: Box[]; bandOf: Map<string, number> } {
  const leaves = new Map<string, Box>();
  const bandOf = new Map<string, number>();
  const bands: Box[] = [];
  const visit = (n: ElkNodeJson, ox: number, oy: number, band: number) => {
    const x = ox + (n.x ?? 0);
    const y = oy + (n.y ?? 0);
    bandOf.set(n.id, band);
    if (n.children?.length) for (const c of n.children) visit(c, x, y, band);
    else leaves.set(n.id, { x, y, right: x + (n.width ?? 0), bottom: y + (n.height ?? 0) });
  };
  (root.children ?? []).forEach((b, i) => {
    const x = b.x ?? 0;
    const y = b.y ?? 0;
    bands.push({ x, y, right: x + (b.width ?? 0), bottom: y + (b.height ?? 0) });
    for (const c of b.children ?? []) visit(c, x, y, i);
  });
  return { leaves, bands, bandOf };
}

const crossesV = (b: Box, x: number, y0: number, y1: number) =>
  x > b.x - MARGIN && x < b.right + MARGIN && Math.max(y0, y1) > b.y - MARGIN && Math.min(y0, y1) < b.bottom + MARGIN;
const crossesH = (b: Box, y: number, x0: number, x1: number) =>
  y > b.y - MARGIN && y < b.bottom + MARGIN && Math.max(x0, x1) > b.x - MARGIN && Math.min(x0, x1) < b.right + MARGIN;

/**
 * The x nearest `want` (on the side `side` of `limit` when one is free there) for a vertical run
 * from y0 to y1 that, with the horizontal run at `hy` from `hx` to it, touches no box but `own`.
 */
function freeX(obstacles: Box[], own: Box | undefined, want: number, y0: number, y1: number, hx: number, hy: number, side: 1 | -1): number {
  const near = obstacles.filter((b) => b !== own && Math.max(y0, y1, hy) > b.y - MARGIN && Math.min(y0, y1, hy) < b.bottom + MARGIN);
  const candidates = [want, ...near.flatMap((b) => [b.right + MARGIN + 2, b.x - MARGIN - 2])];
  const onSide = (x: number) => (x - hx) * side >= STEP / 2;
  candidates.sort((a, b) => Number(onSide(b)) - Number(onSide(a)) || Math.abs(a - want) - Math.abs(b - want));
  for (const x of candidates) {
    if (near.every((b) => !crossesV(b, x, y0, y1) && !crossesH(b, hy, hx, x))) return x;
  }
  return want;
}

/** Fills in a route (one section) for each edge between two bands that ELK left without one. */
export function routeBetweenBands(root: ElkNodeJson, sourceOf: (e: ElkEdgeJson) => string, targetOf: (e: ElkEdgeJson) => string): void {
  const pending = (root.edges ?? []).filter((e) => !e.sections?.length);
  if (pending.length === 0) return;
  const { leaves, bands, bandOf } = boxes(root);
  const obstacles = [...leaves.values()];
  const lanes = new Map<number, number>();
  for (const e of pending) {
    const s = leaves.get(sourceOf(e));
    const t = leaves.get(targetOf(e));
    const bs = bandOf.get(sourceOf(e));
    const bt = bandOf.get(targetOf(e));
    if (!s || !t || bs === undefined || bt === undefined || bs === bt) continue;
    const down = bt > bs;
    const start: Position = { x: s.right, y: (s.y + s.bottom) / 2 };
    const end: Position = { x: t.x, y: (t.y + t.bottom) / 2 };
    // The gap next to the source's band and the one next to the target's, on the way.
    const gapY = (between: number) => {
      const upper = bands[between];
      const lower = bands[between + 1];
      const lane = lanes.get(between) ?? 0;
      lanes.set(between, lane + 1);
      const room = Math.max(LANE, lower.y - upper.bottom - 2 * MARGIN);
      return upper.bottom + MARGIN + ((lane * LANE) % room);
    };
    const y1 = gapY(down ? bs : bs - 1);
    const y2 = Math.abs(bt - bs) === 1 ? y1 : gapY(down ? bt - 1 : bt);
    const x1 = freeX(obstacles, s, start.x + STEP, start.y, y1, start.x, start.y, 1);
    const x3 = freeX(obstacles, t, end.x - STEP, y2, end.y, end.x, end.y, -1);
    const points: Position[] = [{ x: x1, y: start.y }, { x: x1, y: y1 }];
    if (y2 !== y1) {
      const x2 = freeX(obstacles, undefined, x1, y1, y2, x1, y1, x3 >= x1 ? 1 : -1);
      points.push({ x: x2, y: y1 }, { x: x2, y: y2 });
    }
    points.push({ x: x3, y: y2 }, { x: x3, y: end.y });
    e.sections = [{ startPoint: start, endPoint: end, bendPoints: points }];
  }
}
