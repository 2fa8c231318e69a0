// The bands' places and the routes between them. ELK lays each band out on its own, each inside
// a plain compound (to-elk-graph.ts); a connection between bands reaches it in pieces: from its
// source out through a port on the side of every frame around it and of its band, and from a
// port of the target's band in to the target (a large design's come whole, without ports).
// Here, in the worker: a piece ELK starts backwards or draws through a component is turned
// straight from its handle, and the runs of one channel to the band's side are reordered so
// none crosses another (band-exits.ts); the bands are stacked top to bottom, each shifted sideways so its ports
// sit above or below the ports they join, with a gap tall enough for the runs between them;
// each run goes straight from the band's edge to a lane of the gap, along it and on to the
// other band, the lanes ordered so that runs cross only where their ports' order makes them
// (gap-lanes.ts); and the pieces and the run are joined into one route under the connection's
// own id. Pure JSON in, JSON out.
import type { Position } from '../model/design';
import { assignLanes, type Run } from './gap-lanes';
import type { ElkEdgeJson, ElkNodeJson } from './to-elk-graph';
import { STEP, direct, near, nodeOf, pointsOf, settleChannels, unfold, type Crossing } from './band-exits';

/** The least gap between two bands, and the most (a large design's many runs are packed closer). */
export const BAND_GAP = 120;
const MAX_GAP = 360;
/** How far a run keeps from a band it passes, and the spacing of the lanes in a gap. */
const MARGIN = 16;
const LANE = 10;

/** Drops repeated points and points in the middle of a straight run. */
export function simplify(points: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && near(last.x, p.x) && near(last.y, p.y)) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2];
      if ((near(a.x, last.x) && near(last.x, p.x)) || (near(a.y, last.y) && near(last.y, p.y))) out.pop();
    }
    out.push(p);
  }
  return out;
}

/** Moves a laid-out compound and every route inside it (routes are in the root's coordinates). */
function shift(n: ElkNodeJson, dx: number, dy: number): void {
  n.x = (n.x ?? 0) + dx;
  n.y = (n.y ?? 0) + dy;
  const move = (p: Position) => ({ x: p.x + dx, y: p.y + dy });
  const visit = (c: ElkNodeJson) => {
    for (const e of c.edges ?? []) {
      e.sections = e.sections?.map((s) => ({ startPoint: move(s.startPoint), endPoint: move(s.endPoint), bendPoints: s.bendPoints?.map(move) }));
    }
    for (const k of c.children ?? []) visit(k);
  };
  visit(n);
}

interface Box {
  x: number;
  y: number;
  right: number;
  bottom: number;
}

/**
 * Connections between bands that came without ports (a large design: to-elk-graph.ts), taken
 * from the root: each leaves its source's handle a step forwards and enters its target's from
 * a step before, the rest drawn like any other (toEdge, then the gap).
 */
function takeDirect(root: ElkNodeJson, bands: ElkNodeJson[]): Crossing[] {
  const at = new Map<string, { box: Box; band: number }>();
  const visit = (n: ElkNodeJson, ox: number, oy: number, band: number) => {
    const [x, y] = [ox + (n.x ?? 0), oy + (n.y ?? 0)];
    if (!n.children?.length) at.set(n.id, { box: { x, y, right: x + (n.width ?? 0), bottom: y + (n.height ?? 0) }, band });
    for (const c of n.children ?? []) visit(c, x, y, band);
  };
  bands.forEach((b, i) => {
    for (const c of b.children ?? []) visit(c, b.x ?? 0, b.y ?? 0, i);
  });
  const out: Crossing[] = [];
  root.edges = (root.edges ?? []).filter((e) => {
    const [s, t] = [at.get(nodeOf(e.sources[0])), at.get(nodeOf(e.targets[0]))];
    if (!s || !t || s.band === t.band) return true;
    const from: Position = { x: s.box.right, y: (s.box.y + s.box.bottom) / 2 };
    const to: Position = { x: t.box.x, y: (t.box.y + t.box.bottom) / 2 };
    const before = [{ id: e.id, sources: e.sources, targets: [], sections: [{ startPoint: from, endPoint: { x: from.x + STEP, y: from.y } }] }];
    const after = [{ id: e.id, sources: [], targets: e.targets, sections: [{ startPoint: { x: to.x - STEP, y: to.y }, endPoint: to }] }];
    out.push({ id: e.id, homes: [bands[s.band].id, bands[t.band].id], sources: e.sources, targets: e.targets, before, after, from: s.band, to: t.band });
    return false;
  });
  return out;
}

/** The pieces of connections between bands, taken out of the graph, by connection. */
function takePieces(bands: ElkNodeJson[], sep: string): Crossing[] {
  const byId = new Map<string, { parts: ElkEdgeJson[]; bands: number[]; homes: string[] }>();
  const take = (n: ElkNodeJson, band: number) => {
    if (n.edges) {
      n.edges = n.edges.filter((e) => {
        const at = e.id.indexOf(sep);
        if (at < 0) return true;
        const id = e.id.slice(0, at);
        if (!byId.has(id)) byId.set(id, { parts: [], bands: [], homes: [] });
        const i = Number(e.id.slice(at + sep.length));
        byId.get(id)!.parts[i] = e;
        byId.get(id)!.bands[i] = band;
        byId.get(id)!.homes[i] = n.id;
        return false;
      });
    }
    for (const c of n.children ?? []) take(c, band);
  };
  bands.forEach((b, i) => take(b, i));
  const out: Crossing[] = [];
  for (const [id, { parts, bands: at, homes }] of byId) {
    // Pieces 0 … g-1 lead out of the source's band; g is the gap; the rest lead in.
    const gap = parts.findIndex((p) => !p);
    if (gap <= 0 || gap >= parts.length - 1 || parts.some((p, i) => i !== gap && !p?.sections?.length)) continue;
    const before = parts.slice(0, gap);
    const after = parts.slice(gap + 1);
    out.push({ id, homes: [homes[gap - 1], homes[gap + 1]], sources: before[0].sources, targets: after[after.length - 1].targets, before, after, from: at[0], to: at[parts.length - 1] });
  }
  return out;
}

/** Where a connection leaves its source's band (the last piece's end) and enters its target's. */
const exitOf = (c: Crossing) => c.before[c.before.length - 1].sections![0].endPoint;
const entryOf = (c: Crossing) => c.after[0].sections![0].startPoint;

/**
 * From a port on the side of a frame (or of the band), or a step out of a handle, to the band's
 * top (`up`) or bottom edge: straight on when no component of the band is in the way, else
 * along its own line (or a step further) to the nearest free line and on along that; frames
 * may be crossed. The points after `p`, none when it is on the band's edge.
 */
function toEdge(p: Position, band: ElkNodeJson, up: boolean): Position[] {
  const edge = up ? band.y ?? 0 : (band.y ?? 0) + (band.height ?? 0);
  if (near(p.y, edge)) return [];
  const boxes: Box[] = [];
  const visit = (n: ElkNodeJson, ox: number, oy: number) => {
    const [x, y] = [ox + (n.x ?? 0), oy + (n.y ?? 0)];
    if (!n.children?.length) boxes.push({ x, y, right: x + (n.width ?? 0), bottom: y + (n.height ?? 0) });
    for (const c of n.children ?? []) visit(c, x, y);
  };
  for (const c of band.children ?? []) visit(c, band.x ?? 0, band.y ?? 0);
  const clearV = (x: number, y0: number, y1: number) => boxes.every((b) => !(x > b.x - MARGIN && x < b.right + MARGIN && Math.max(y0, y1) > b.y && Math.min(y0, y1) < b.bottom));
  const clearH = (y: number, x0: number, x1: number) => boxes.every((b) => !(y > b.y - MARGIN && y < b.bottom + MARGIN && Math.max(x0, x1) > b.x && Math.min(x0, x1) < b.right));
  if (clearV(p.x, p.y, edge)) return [{ x: p.x, y: edge }];
  const xs = boxes.flatMap((b) => [b.x - MARGIN - 1, b.right + MARGIN + 1]).sort((a, b) => Math.abs(a - p.x) - Math.abs(b - p.x));
  for (const y of [p.y, p.y + (up ? -STEP : STEP)]) {
    if (!clearV(p.x, p.y, y)) continue;
    const x = xs.find((x) => clearH(y, p.x, x) && clearV(x, y, edge));
    if (x !== undefined) return [{ x: p.x, y }, { x, y }, { x, y: edge }];
  }
  return [{ x: p.x, y: edge }];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/**
 * Places the bands: the first where ELK put it, each next one below the one before with a gap
 * for the runs that cross it, and shifted sideways by the median distance between its ports and
 * those they join above, kept within the width of the bands above when it is narrower.
 */
function placeBands(bands: ElkNodeJson[], crossings: Crossing[]): void {
  const lanes = bands.map(() => 0);
  for (const c of crossings) {
    const [u, l] = [Math.min(c.from, c.to), Math.max(c.from, c.to)];
    lanes[u]++;
    if (l - u > 1) lanes[l - 1]++;
  }
  const dx = bands.map(() => 0);
  let left = bands[0].x ?? 0;
  let right = left + (bands[0].width ?? 0);
  for (let i = 1; i < bands.length; i++) {
    const x = bands[i].x ?? 0;
    const w = bands[i].width ?? 0;
    const offsets: number[] = [];
    for (const c of crossings) {
      const [a, b] = [exitOf(c), entryOf(c)];
      if (!a || !b) continue;
      if (c.to === i && c.from < i) offsets.push(a.x + dx[c.from] - b.x);
      if (c.from === i && c.to < i) offsets.push(b.x + dx[c.to] - a.x);
    }
    const lo = Math.min(left - x, right - (x + w));
    const hi = Math.max(left - x, right - (x + w));
    dx[i] = offsets.length ? Math.min(hi, Math.max(lo, median(offsets))) : left - x;
    left = Math.min(left, x + dx[i]);
    right = Math.max(right, x + w + dx[i]);
  }
  const minX = Math.min(...bands.map((b, i) => (b.x ?? 0) + dx[i]));
  let y = bands[0].y ?? 0;
  const moves = bands.map((b, i) => {
    const move = { x: dx[i] - minX, y: y - (b.y ?? 0) };
    y += (b.height ?? 0) + Math.min(MAX_GAP, Math.max(BAND_GAP, 2 * MARGIN + (lanes[i] - 1) * LANE));
    return move;
  });
  bands.forEach((b, i) => shift(b, moves[i].x, moves[i].y));
  // The pieces of connections between bands, already taken out of the bands, move with them.
  for (const c of crossings) {
    const holder = (pieces: ElkEdgeJson[]): ElkNodeJson => ({ id: '', edges: pieces });
    shift(holder(c.before), moves[c.from].x, moves[c.from].y);
    shift(holder(c.after), moves[c.to].x, moves[c.to].y);
  }
}

/** Stacks the bands of a laid-out graph and joins every connection between them into one route. */
export function routeBetweenBands(root: ElkNodeJson, sep: string, near = false): void {
  // The bands come each inside a compound of its own (to-elk-graph.ts): take them out.
  const wrapped = (root.children ?? []).filter((w) => w.children?.length === 1 && w.children[0].id === w.id + sep);
  if (wrapped.length === 0) return;
  root.children = (root.children ?? []).map((w) => (wrapped.includes(w) ? { ...w.children![0], x: (w.x ?? 0) + (w.children![0].x ?? 0), y: (w.y ?? 0) + (w.children![0].y ?? 0) } : w));
  const bands = root.children;
  const crossings = [...takePieces(bands, sep), ...takeDirect(root, bands)];
  unfold(crossings);
  direct(crossings, bands, near);
  settleChannels(crossings);
  placeBands(bands, crossings);

  const gaps = bands.slice(0, -1).map(() => [] as Run[]);
  const paths: { c: Crossing; runs: Run[]; side?: number }[] = [];
  const sides = { left: Math.min(...bands.map((b) => b.x ?? 0)) - MARGIN, right: Math.max(...bands.map((b) => (b.x ?? 0) + (b.width ?? 0))) + MARGIN };
  const ends = new Map<Crossing, { out: Position[]; into: Position[] }>();
  for (const c of crossings) {
    const [a, b] = [exitOf(c), entryOf(c)];
    if (!a || !b) continue;
    const down = c.to > c.from;
    const out = toEdge(a, bands[c.from], !down);
    const into = toEdge(b, bands[c.to], down).reverse();
    ends.set(c, { out, into });
    const [x0, x1] = [(out[out.length - 1] ?? a).x, (into[0] ?? b).x];
    const [top, bottom] = down ? [x0, x1] : [x1, x0];
    const [u, l] = [Math.min(c.from, c.to), Math.max(c.from, c.to)];
    if (l - u === 1) {
      const run = { top, bottom };
      gaps[u].push(run);
      paths.push({ c, runs: [run] });
      continue;
    }
    // Past a band between: down the nearer side of the drawing.
    const goLeft = top + bottom - 2 * sides.left < 2 * sides.right - top - bottom;
    const side = goLeft ? (sides.left -= LANE) + LANE : (sides.right += LANE) - LANE;
    const runs = [{ top, bottom: side }, { top: side, bottom }];
    gaps[u].push(runs[0]);
    gaps[l - 1].push(runs[1]);
    paths.push({ c, runs, side });
  }
  for (const runs of gaps) assignLanes(runs);
  const laneY = (gap: number, lane: number) => {
    const [upper, lower] = [bands[gap], bands[gap + 1]];
    const from = (upper.y ?? 0) + (upper.height ?? 0);
    const room = (lower.y ?? 0) - from;
    const n = gaps[gap].length;
    // Lanes LANE apart, or closer when that many do not fit.
    const spacing = n > 1 ? Math.min(LANE, (room - 2 * MARGIN) / (n - 1)) : 0;
    return from + room / 2 + (lane - (n - 1) / 2) * spacing;
  };

  for (const { c, runs } of paths) {
    const down = c.to > c.from;
    const [u, l] = [Math.min(c.from, c.to), Math.max(c.from, c.to)];
    // Along the lanes from the upper band to the lower one.
    const across: Position[] = [];
    runs.forEach((r, k) => {
      const y = laneY(k === 0 ? u : l - 1, r.lane!);
      across.push({ x: r.top, y }, { x: r.bottom, y });
    });
    if (!down) across.reverse();
    const { out, into } = ends.get(c)!;
    const joined: ElkEdgeJson = { id: c.id, sources: c.sources, targets: c.targets };
    const points = simplify([...c.before.flatMap((p) => pointsOf(p.sections![0])), ...out, ...across, ...into, ...c.after.flatMap((p) => pointsOf(p.sections![0]))]);
    joined.sections = [{ startPoint: points[0], endPoint: points[points.length - 1], bendPoints: points.slice(1, -1) }];
    (root.edges ??= []).push(joined);
  }
  const last = bands[bands.length - 1];
  root.width = Math.max(...bands.map((b) => (b.x ?? 0) + (b.width ?? 0)));
  root.height = (last.y ?? 0) + (last.height ?? 0);
}
