// A second look at a layout in bands. ELK orders the nodes of each layer of a band knowing
// nothing of where its connections to other bands go: it may put a node whose connections lead
// down to the offline band at the top of its layer, so they cross the whole band on the way out.
// From ELK's first answer this file reorders each layer of every band and frame by the
// barycentre of the nodes' neighbours, a connection to a band below counting as the band's bottom
// edge and one to a band above as its top; ELK lays the design out again keeping that order
// (`semiInteractive`), and the answer with fewer crossings is kept. Pure: ELK comes in as a
// function, so the worker, the tests and the bench run the very same steps.
import type { Point, Rect } from '../model/pipe-geometry';
import { countCrossings, polylineHitsRect } from './crossings';
import { answerOf } from './elk-answer';
import { IN_PORT, OUT_PORT, PIECE, type ElkEdgeJson, type ElkNodeJson } from './to-elk-graph';

/** ELK's layout of a graph. */
export type ElkLayout = (graph: ElkNodeJson) => Promise<ElkNodeJson>;

/**
 * Above this many nodes the second layout costs more than it gains: a 50-component design in
 * bands takes about 0.25 s laid out twice, against 0.1 s once (bench/layout-quality-run.ts).
 */
const SECOND_LOOK_LIMIT = 60;
/** Rounds of reordering, each over every layer. */
const SWEEPS = 4;

/**
 * The design's layout as the worker answers it. A small design in bands is laid out twice (as
 * ELK orders it, and in the facing order), each answer read both ways (the routes out of a band
 * as ELK draws them, and from the channel next to their node: cross-band-routes.ts), and the
 * answer with the fewest flaws is kept; any other graph once.
 */
export async function layOut(layout: ElkLayout, graph: ElkNodeJson): Promise<ElkNodeJson> {
  if (!inBands(graph)) return answerOf(await layout(graph));
  let first: ElkNodeJson;
  try {
    first = await layout(structuredClone(graph));
  } catch {
    // ELK fails on some graphs of ports on frames that other connections also cross
    // ("Expected 1 hierarchical ports, but found only 0"): without the ports, the worker draws
    // the connections between bands straight from their handles.
    return answerOf(await layout(withoutPorts(graph)));
  }
  if (leavesOf(graph) > SECOND_LOOK_LIMIT) return answerOf(first);
  const hinted = facingOrder(graph, first);
  let best = answerOf(structuredClone(first));
  let flaws = flawsOf(best);
  if (!hinted || flaws === 0) return best;
  let second: ElkNodeJson;
  try {
    second = await layout(hinted);
  } catch {
    return best;
  }
  for (const answer of [answerOf(first, true), answerOf(structuredClone(second)), answerOf(second, true)]) {
    const f = flawsOf(answer);
    if (f < flaws) [best, flaws] = [answer, f];
  }
  return best;
}

/**
 * The graph with the connections between bands whole again, at the root, and without the ports
 * their pieces ran through (to-elk-graph.ts): ELK leaves them unrouted, the worker routes them.
 */
export function withoutPorts(graph: ElkNodeJson): ElkNodeJson {
  const out = structuredClone(graph);
  const pieces = new Map<string, ElkEdgeJson[]>();
  const visit = (n: ElkNodeJson) => {
    if (n.ports?.some((p) => p.id.includes(PIECE))) {
      n.ports = n.ports.filter((p) => !p.id.includes(PIECE));
      const { ['elk.portConstraints']: _, ...rest } = n.layoutOptions ?? {};
      n.layoutOptions = rest;
    }
    n.edges = n.edges?.filter((e) => {
      const at = e.id.indexOf(PIECE);
      if (at < 0) return true;
      const id = e.id.slice(0, at);
      if (!pieces.has(id)) pieces.set(id, []);
      pieces.get(id)![Number(e.id.slice(at + PIECE.length))] = e;
      return false;
    });
    for (const c of n.children ?? []) visit(c);
  };
  visit(out);
  for (const [id, parts] of pieces) {
    const ends = parts.filter((p) => p);
    out.edges = [...(out.edges ?? []), { id, sources: ends[0].sources, targets: ends[ends.length - 1].targets }];
  }
  return out;
}

/** Whether a graph is laid out in bands: each band inside a compound of its own (to-elk-graph.ts). */
const inBands = (graph: ElkNodeJson) => {
  const wrappers = graph.children ?? [];
  return wrappers.length >= 2 && wrappers.every((w) => w.children?.length === 1 && w.children[0].id === w.id + PIECE);
};

const leavesOf = (n: ElkNodeJson): number => (n.children?.length ? n.children.reduce((sum, c) => sum + leavesOf(c), 0) : 1);

interface Placed {
  /** The compound it is laid out in, and its place there. */
  parent: string;
  x: number;
  /** Centre, in the root's coordinates. */
  y: number;
  /** Centre across the flow, in the root's coordinates. */
  across: number;
  band: number;
  leaf: boolean;
}

const strip = (port: string, suffix: string) => (port.endsWith(suffix) ? port.slice(0, -suffix.length) : undefined);

/**
 * The graph again with every node's place in its layer as ELK should keep it, or null when
 * there is nothing to reorder (no bands, no connection between them, or too many nodes).
 */
export function facingOrder(graph: ElkNodeJson, laidOut: ElkNodeJson): ElkNodeJson | null {
  if (!inBands(laidOut)) return null;
  const wrappers = laidOut.children!;
  const placed = new Map<string, Placed>();
  const edges: { source: string; target: string }[] = [];
  /** A connection between bands: its two ends, from its first and last pieces. */
  const pieces = new Map<string, { source?: string; target?: string }>();
  const bands: { top: number; bottom: number; left: number; width: number }[] = [];
  const visit = (n: ElkNodeJson, ox: number, oy: number, band: number) => {
    const [x, y] = [ox + (n.x ?? 0), oy + (n.y ?? 0)];
    for (const e of n.edges ?? []) {
      const at = e.id.indexOf(PIECE);
      const source = strip(e.sources[0], OUT_PORT);
      const target = strip(e.targets[0], IN_PORT);
      if (at < 0) {
        if (source && target) edges.push({ source, target });
        continue;
      }
      const id = e.id.slice(0, at);
      const ends = pieces.get(id) ?? {};
      if (source) ends.source = source;
      if (target) ends.target = target;
      pieces.set(id, ends);
    }
    for (const c of n.children ?? []) {
      placed.set(c.id, { parent: n.id, x: c.x ?? 0, y: y + (c.y ?? 0) + (c.height ?? 0) / 2, across: x + (c.x ?? 0) + (c.width ?? 0) / 2, band, leaf: !c.children?.length });
      visit(c, x, y, band);
    }
  };
  wrappers.forEach((w, i) => {
    const top = w.y ?? 0;
    bands.push({ top, bottom: top + (w.height ?? 0), left: w.x ?? 0, width: w.width ?? 1 });
    visit(w, 0, 0, i);
  });
  if (placed.size > SECOND_LOOK_LIMIT || pieces.size === 0) return null;

  // What pulls each node: its neighbours in its band, and the edge of the band facing the
  // band its other connections go to.
  const pulls = new Map<string, (string | number)[]>();
  const pull = (id: string, by: string | number) => {
    if (!pulls.has(id)) pulls.set(id, []);
    pulls.get(id)!.push(by);
  };
  for (const { source, target } of edges) {
    pull(source, target);
    pull(target, source);
  }
  /** For nodes joined only to other bands: where their neighbours are across their bands (0 to 1). */
  const along = new Map<string, number[]>();
  const alongOf = (p: Placed) => (p.across - bands[p.band].left) / Math.max(1, bands[p.band].width);
  for (const { source, target } of pieces.values()) {
    const [s, t] = [source && placed.get(source), target && placed.get(target)];
    if (!s || !t) continue;
    pull(source!, t.band > s.band ? bands[s.band].bottom : bands[s.band].top);
    pull(target!, s.band > t.band ? bands[t.band].bottom : bands[t.band].top);
    for (const [id, other] of [[source!, t], [target!, s]] as const) {
      if (!along.has(id)) along.set(id, []);
      along.get(id)!.push(alongOf(other));
    }
  }
  // ELK puts a node with no connection in its band in the first layer; one whose neighbours in
  // other bands are mostly past the middle goes in the last layer, nearer them.
  const last = new Set<string>();
  for (const [id, xs] of along) {
    if (!pulls.has(id) || edges.some((e) => e.source === id || e.target === id)) continue;
    if (xs.reduce((a, b) => a + b, 0) / xs.length > 0.5) last.add(id);
  }
  // Layers: the leaves of one compound at one x.
  const layers = new Map<string, string[]>();
  for (const [id, p] of placed) {
    if (!p.leaf) continue;
    const key = `${p.parent}|${Math.round(p.x)}`;
    if (!layers.has(key)) layers.set(key, []);
    layers.get(key)!.push(id);
  }
  const yOf = (by: string | number) => (typeof by === 'number' ? by : placed.get(by)?.y);
  for (let round = 0; round < SWEEPS; round++) {
    for (const ids of layers.values()) {
      if (ids.length < 2) continue;
      const slots = ids.map((id) => placed.get(id)!.y).sort((a, b) => a - b);
      const key = (id: string) => {
        const ys = (pulls.get(id) ?? []).map(yOf).filter((y): y is number => y !== undefined);
        return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : placed.get(id)!.y;
      };
      const keys = new Map(ids.map((id) => [id, key(id)]));
      const order = [...ids].sort((a, b) => keys.get(a)! - keys.get(b)! || placed.get(a)!.y - placed.get(b)!.y);
      order.forEach((id, k) => (placed.get(id)!.y = slots[k]));
    }
  }

  const hinted = structuredClone(graph);
  const hint = (n: ElkNodeJson) => {
    const p = placed.get(n.id);
    if (p) n.layoutOptions = { ...n.layoutOptions, 'elk.position': `(${Math.round(p.x)},${Math.round(p.y)})` };
    if (last.has(n.id)) n.layoutOptions = { ...n.layoutOptions, 'elk.layered.layering.layerConstraint': 'LAST' };
    if (n.children?.length) {
      n.layoutOptions = { ...n.layoutOptions, 'elk.layered.crossingMinimization.semiInteractive': 'true' };
      for (const c of n.children) hint(c);
    }
  };
  hint(hinted);
  return hinted;
}

/** A line must go this far into a box to count as through it (as quality.ts measures). */
const INSET = 4;

/**
 * How bad an answer reads: connections drawn through a component that is not one of their
 * ends, each worse than any number of crossings, then crossings among the connections (their
 * routes, in the root's coordinates).
 */
export function flawsOf(answer: ElkNodeJson): number {
  const lines: { source: string; target: string; points: Point[] }[] = [];
  const boxes = new Map<string, Rect>();
  const visit = (n: ElkNodeJson, ox: number, oy: number) => {
    const [x, y] = [ox + (n.x ?? 0), oy + (n.y ?? 0)];
    if (!n.children?.length && n !== answer) boxes.set(n.id, { x: x + INSET, y: y + INSET, width: (n.width ?? 0) - 2 * INSET, height: (n.height ?? 0) - 2 * INSET });
    for (const e of n.edges ?? []) {
      const s = e.sections?.[0];
      const [source, target] = [strip(e.sources[0], OUT_PORT), strip(e.targets[0], IN_PORT)];
      if (!s || !source || !target) continue;
      lines.push({ source, target, points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p): Point => [p.x, p.y]) });
    }
    for (const c of n.children ?? []) visit(c, x, y);
  };
  visit(answer, 0, 0);
  let through = 0;
  for (const l of lines) {
    for (const [id, box] of boxes) {
      if (id !== l.source && id !== l.target && polylineHitsRect(l.points, box)) {
        through++;
        break;
      }
    }
  }
  return through * 1e6 + countCrossings(lines.map((l) => l.points));
}
