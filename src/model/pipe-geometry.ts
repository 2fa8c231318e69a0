// The one drawing of a connection, read by the canvas (ui/canvas/PipeEdge.svelte), the SVG/PNG
// picture (persistence/svg-pipes.ts) and the layout's quality figures (layout/quality.ts): a
// bezier from the source's right handle to the target's left handle, curved as xyflow's
// getBezierPath curves it, or, when the connection carries a route, a polyline with rounded
// corners from handle to handle through the route's bend points.
import type { DesignEdge, Position } from './design';
import { COMPONENT_SIZE } from './geometry';

export type Point = [number, number];

/** xyflow's handles sit on the border and stick out by this much; pipes start at their tip. */
export const HANDLE_OUT = 2.5;
/** The arrowhead's length and half-width: the line stops at its base. The same on every pipe. */
export const ARROW_LENGTH = 10;
export const ARROW_HALF_WIDTH = 5;
/** Corners of a routed pipe are rounded with at most this radius. */
const CORNER_RADIUS = 10;

/** A piece of a pipe's path: a straight line, or a quadratic corner (control point, end). */
type Piece = { line: Point } | { corner: Point; to: Point };

export interface PipePath {
  /** SVG path data. */
  d: string;
  /** Where the label sits: the curve at t = 0.5, or half way along a route. */
  mid: Point;
  /** The length along the pipe (a route's exactly; a curve's as the chord), for fitting the label. */
  length: number;
  start: Point;
  /** A curve's control points and end; absent for a route. */
  cubic?: [Point, Point, Point];
  /** A route's pieces after the start; empty for a curve. */
  pieces: Piece[];
}

/** xyflow's control offset: half the distance forwards, a curvature-scaled bulge backwards. */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

/** The bend points of a connection's route, when it has a usable one. */
export function routeOf(edge: DesignEdge): readonly Position[] | undefined {
  const r = edge.route;
  return Array.isArray(r) && r.length > 0 ? (r as Position[]) : undefined;
}

const num = (v: number) => String(Math.round(v * 10) / 10);
const pt = ([x, y]: Point) => `${num(x)},${num(y)}`;

/**
 * The pipe from the source handle (sx, sy) to the arrow's base (ex, ey), through `route`'s bend
 * points when given. A repeated or collinear bend point draws no corner.
 */
export function pipePath(sx: number, sy: number, ex: number, ey: number, route?: readonly Position[]): PipePath {
  const start: Point = [sx, sy];
  if (!route || route.length === 0) {
    const off = controlOffset(ex - sx);
    const c1: Point = [sx + off, sy];
    const c2: Point = [ex - off, ey];
    return {
      d: `M${pt(start)}C${pt(c1)} ${pt(c2)} ${num(ex)},${num(ey)}`,
      mid: [0.5 * (sx + ex), 0.5 * (sy + ey)],
      length: Math.hypot(ex - sx, ey - sy),
      start,
      cubic: [c1, c2, [ex, ey]],
      pieces: [],
    };
  }
  const pts: Point[] = [start, ...route.map((p): Point => [p.x, p.y]), [ex, ey]];
  const clean = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]);
  const pieces: Piece[] = [];
  let d = `M${pt(start)}`;
  for (let i = 1; i < clean.length - 1; i++) {
    const [a, b, c] = [clean[i - 1], clean[i], clean[i + 1]];
    const inLen = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const outLen = Math.hypot(c[0] - b[0], c[1] - b[1]);
    const r = Math.min(CORNER_RADIUS, inLen / 2, outLen / 2);
    const before: Point = [b[0] - ((b[0] - a[0]) / inLen) * r, b[1] - ((b[1] - a[1]) / inLen) * r];
    const after: Point = [b[0] + ((c[0] - b[0]) / outLen) * r, b[1] + ((c[1] - b[1]) / outLen) * r];
    pieces.push({ line: before }, { corner: b, to: after });
    d += `L${pt(before)}Q${pt(b)} ${pt(after)}`;
  }
  const end = clean[clean.length - 1];
  pieces.push({ line: end });
  d += `L${pt(end)}`;
  let length = 0;
  for (let i = 1; i < clean.length; i++) length += Math.hypot(clean[i][0] - clean[i - 1][0], clean[i][1] - clean[i - 1][1]);
  return { d, mid: pointAlong(clean, length / 2), length, start, pieces };
}

/** The point `at` along a polyline. */
function pointAlong(pts: Point[], at: number): Point {
  let left = at;
  for (let i = 1; i < pts.length; i++) {
    const seg = Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]);
    if (seg >= left && seg > 0) {
      const t = left / seg;
      return [pts[i - 1][0] + (pts[i][0] - pts[i - 1][0]) * t, pts[i - 1][1] + (pts[i][1] - pts[i - 1][1]) * t];
    }
    left -= seg;
  }
  return pts[pts.length - 1];
}

/** Points along the drawn pipe, about `step` apart, start and end included. */
export function samplePipe(p: PipePath, step = 8): Point[] {
  const out: Point[] = [p.start];
  let at = p.start;
  const line = (to: Point) => {
    const n = Math.max(1, Math.ceil(Math.hypot(to[0] - at[0], to[1] - at[1]) / step));
    for (let i = 1; i <= n; i++) out.push([at[0] + ((to[0] - at[0]) * i) / n, at[1] + ((to[1] - at[1]) * i) / n]);
    at = to;
  };
  if (p.cubic) {
    const [c1, c2, end] = p.cubic;
    const n = Math.max(8, Math.ceil(p.length / step) * 2);
    for (let i = 1; i <= n; i++) out.push(cubicAt(p.start, c1, c2, end, i / n));
    return out;
  }
  for (const piece of p.pieces) {
    if ('line' in piece) line(piece.line);
    else {
      const from = at;
      for (let i = 1; i <= 4; i++) out.push(quadAt(from, piece.corner, piece.to, i / 4));
      at = piece.to;
    }
  }
  return out;
}

function cubicAt(a: Point, b: Point, c: Point, d: Point, t: number): Point {
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return [w[0] * a[0] + w[1] * b[0] + w[2] * c[0] + w[3] * d[0], w[0] * a[1] + w[1] * b[1] + w[2] * c[1] + w[3] * d[1]];
}

function quadAt(a: Point, b: Point, c: Point, t: number): Point {
  const u = 1 - t;
  return [u * u * a[0] + 2 * u * t * b[0] + t * t * c[0], u * u * a[1] + 2 * u * t * b[1] + t * t * c[1]];
}

/** A box on the canvas, in absolute coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a pipe between two boxes starts (source handle), ends (arrow tip) and stops (arrow base). */
export function pipeEnds(from: Rect, to: Rect): { start: Point; tip: Point; end: Point } {
  const tip: Point = [to.x - HANDLE_OUT, to.y + to.height / 2];
  return { start: [from.x + from.width + HANDLE_OUT, from.y + from.height / 2], tip, end: [tip[0] - ARROW_LENGTH, tip[1]] };
}

/**
 * Where a pipe's label `width` px wide goes, on the canvas and in a picture alike: at the
 * middle of the pipe when it fits along it; above two components side by side when it does
 * not (a pair just connected), clear of both; null otherwise — it would cover the components
 * at the ends, so the canvas shows it only while the pipe is selected, as its tooltip.
 */
export function labelSpot(path: PipePath, width: number, startY: number, endY: number): Point | null {
  if (width + 8 <= path.length) return path.mid;
  if (Math.abs(endY - startY) < COMPONENT_SIZE.height) return [path.mid[0], Math.min(startY, endY) - (COMPONENT_SIZE.height / 2 + 12)];
  return null;
}
