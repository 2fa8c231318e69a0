// The routes of connections between bands inside their bands, before the bands are stacked
// (cross-band-routes.ts): a piece ELK starts backwards is turned to leave its handle forwards,
// a piece through a component is drawn straight from its handle to the band's edge, and the runs
// of one channel to the band's side are reordered so none crosses another. Pure JSON in place.
import type { Position } from '../model/design';
import type { Point, Rect } from '../model/pipe-geometry';
import { polylineHitsRect } from './crossings';
import type { ElkEdgeJson, ElkNodeJson, ElkSectionJson } from './to-elk-graph';

export const near = (a: number, b: number) => Math.abs(a - b) < 0.5;

export const pointsOf = (s: ElkSectionJson): Position[] => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];

/** One connection between bands: its pieces before and after the gap, and its bands' numbers. */
export interface Crossing {
  id: string;
  /** The compounds the piece out of the source's band and the piece into the target's are in. */
  homes: [string, string];
  sources: string[];
  targets: string[];
  before: ElkEdgeJson[];
  after: ElkEdgeJson[];
  from: number;
  to: number;
}

/** The node a handle's port belongs to (ports are a node's id and a suffix after a control character). */
export const nodeOf = (port: string) => port.slice(0, port.lastIndexOf('\u0000'));

/** The first step out of a frame's port before a run turns aside. */
export const STEP = 20;

/**
 * A route out of a band that ELK starts backwards, through its own source (the port's place
 * fell in the source's layer), leaves the handle forwards instead and turns straight to the
 * port's side; the mirror for a route in. Only where the piece joins the node itself to the
 * port its run across the gap starts from.
 */
export function unfold(crossings: Crossing[]): void {
  for (const c of crossings) {
    if (c.before.length === 1) {
      const s = c.before[0].sections![0];
      const first = s.bendPoints?.[0] ?? s.endPoint;
      if (near(first.y, s.startPoint.y) && first.x < s.startPoint.x - 0.5) {
        const x = s.startPoint.x + STEP;
        s.bendPoints = [{ x, y: s.startPoint.y }];
        s.endPoint = { x, y: s.endPoint.y };
      }
    }
    if (c.after.length === 1) {
      const s = c.after[0].sections![0];
      const last = s.bendPoints?.[s.bendPoints.length - 1] ?? s.startPoint;
      if (near(last.y, s.endPoint.y) && last.x > s.endPoint.x + 0.5) {
        const x = s.endPoint.x - STEP;
        s.bendPoints = [{ x, y: s.endPoint.y }];
        s.startPoint = { x, y: s.startPoint.y };
      }
    }
  }
}

/** A line must go this far into a box to count as through it (as quality.ts measures). */
const INSET = 4;
/**
 * A route straight out of a handle turns this soon, before ELK's connections from the same
 * handle turn (10 px out), so it crosses none of them; routes from one handle lie this far apart.
 */
const OUT_STEP = 4;
const BESIDE = 6;

/**
 * Where ELK's pieces inside a band still pass through a component that is not one of the
 * connection's ends (or, `always`, wherever the line is clear), the route leaves the source's
 * handle a step forwards and runs straight to the band's edge (and, in, straight from the edge
 * to a step before the target's handle): the lines between two layers hold no component, and
 * the run stays in the channel next to its node instead of one ELK chose a layer further on.
 */
export function direct(crossings: Crossing[], bands: ElkNodeJson[], always: boolean): void {
  const boxes: { id: string; r: Rect }[] = [];
  const visit = (n: ElkNodeJson, ox: number, oy: number) => {
    const [x, y] = [ox + (n.x ?? 0), oy + (n.y ?? 0)];
    if (!n.children?.length) boxes.push({ id: n.id, r: { x: x + INSET, y: y + INSET, width: (n.width ?? 0) - 2 * INSET, height: (n.height ?? 0) - 2 * INSET } });
    for (const c of n.children ?? []) visit(c, x, y);
  };
  for (const b of bands) for (const c of b.children ?? []) visit(c, b.x ?? 0, b.y ?? 0);
  const ends = (c: Crossing) => [c.sources[0], c.targets[0]].map(nodeOf);
  const hits = (c: Crossing, pieces: ElkEdgeJson[]) => {
    const line = pieces.flatMap((p) => pointsOf(p.sections![0])).map((p): Point => [p.x, p.y]);
    const own = ends(c);
    return boxes.some((b) => !own.includes(b.id) && polylineHitsRect(line, b.r));
  };
  const edgeOf = (band: ElkNodeJson, bottom: boolean) => (band.y ?? 0) + (bottom ? band.height ?? 0 : 0);
  /** Lines taken next to each handle, so two routes from one handle do not run on one line. */
  const taken = new Map<string, number>();
  const nextTo = (p: Position, first: number, dir: 1 | -1) => {
    const key = `${p.x},${p.y}`;
    const k = taken.get(key) ?? 0;
    taken.set(key, k + 1);
    return p.x + dir * (first + k * BESIDE);
  };
  for (const c of crossings) {
    const down = c.to > c.from;
    if (always && c.before.length === 1) {
      const s = c.before[0].sections![0];
      const x = nextTo(s.startPoint, OUT_STEP, 1);
      const tried = [{ ...c.before[0], sections: [{ startPoint: s.startPoint, bendPoints: [{ x, y: s.startPoint.y }], endPoint: { x, y: s.endPoint.y } }] }];
      if (!hits(c, tried)) c.before = tried;
    }
    if (always && c.after.length === 1) {
      const s = c.after[0].sections![0];
      const x = nextTo(s.endPoint, STEP, -1);
      const tried = [{ ...c.after[0], sections: [{ startPoint: { x, y: s.startPoint.y }, bendPoints: [{ x, y: s.endPoint.y }], endPoint: s.endPoint }] }];
      if (!hits(c, tried)) c.after = tried;
    }
    if (hits(c, c.before)) {
      const from = c.before[0].sections![0].startPoint;
      const x = from.x + STEP;
      c.before = [{ ...c.before[0], sections: [{ startPoint: from, bendPoints: [{ x, y: from.y }], endPoint: { x, y: edgeOf(bands[c.from], down) } }] }];
      c.homes[0] = bands[c.from].id;
    }
    if (hits(c, c.after)) {
      const last = c.after[c.after.length - 1];
      const to = last.sections![0].endPoint;
      const x = to.x - STEP;
      c.after = [{ ...last, sections: [{ startPoint: { x, y: edgeOf(bands[c.to], !down) }, bendPoints: [{ x, y: to.y }], endPoint: to }] }];
      c.homes[1] = bands[c.to].id;
    }
  }
}

/** Verticals of routes this near each other run in one channel between two layers. */
const CHANNEL = 30;

/**
 * Reorders the last runs of routes out of a band and the first runs in, where ELK drew them
 * simply (along from a handle, then straight to the port; or from the port, then along to a
 * handle): among the runs of one channel on one side, a route out of a node lower in the
 * channel takes a line nearer the nodes it leaves when the port is below, and routes in take
 * the lines beyond those out, so none of them crosses another inside the band.
 */
export function settleChannels(crossings: Crossing[]): void {
  /** A route's run at a port: `pts[at]` and the port share its x; `pts[far]` ends the level part before it. */
  interface End { pts: Position[]; piece: ElkEdgeJson; out: boolean; bottom: boolean; home: string; at: number; port: number; far: number }
  const ends: End[] = [];
  for (const c of crossings) {
    const down = c.to > c.from;
    for (const out of [true, false]) {
      const piece = out ? c.before[c.before.length - 1] : c.after[0];
      const pts = pointsOf(piece.sections![0]);
      const n = pts.length;
      if (n < 3) continue;
      const [port, at, far] = out ? [n - 1, n - 2, n - 3] : [0, 1, 2];
      if (!near(pts[port].x, pts[at].x) || !near(pts[at].y, pts[far].y)) continue;
      ends.push({ pts, piece, out, bottom: out ? down : !down, home: out ? c.homes[0] : c.homes[1], at, port, far });
    }
  }
  const groups = new Map<string, End[]>();
  for (const e of ends) {
    const key = `${e.home}|${e.bottom}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(e);
  }
  const xOf = (e: End) => e.pts[e.at].x;
  const yOf = (e: End) => e.pts[e.at].y;
  for (const group of groups.values()) {
    group.sort((a, b) => xOf(a) - xOf(b));
    for (let start = 0; start < group.length; ) {
      let end = start + 1;
      while (end < group.length && xOf(group[end]) - xOf(group[end - 1]) <= CHANNEL) end++;
      const channel = group.slice(start, end);
      start = end;
      const xs = channel.map(xOf);
      // Only where every level part still reaches its new line from the same side.
      const [lo, hi] = [xs[0], xs[xs.length - 1]];
      if (channel.length < 2 || channel.some((e) => (e.out ? e.pts[e.far].x >= lo : e.pts[e.far].x <= hi))) continue;
      // Ports below: out from the lowest first, in to the highest first; above, the mirror.
      const dir = (e: End) => (e.out === e.bottom ? -1 : 1);
      channel.sort((a, b) => Number(!a.out) - Number(!b.out) || dir(a) * (yOf(a) - yOf(b)));
      channel.forEach((e, k) => {
        e.pts[e.at] = { ...e.pts[e.at], x: xs[k] };
        e.pts[e.port] = { ...e.pts[e.port], x: xs[k] };
        e.piece.sections = [{ startPoint: e.pts[0], endPoint: e.pts[e.pts.length - 1], bendPoints: e.pts.slice(1, -1) }];
      });
    }
  }
}
