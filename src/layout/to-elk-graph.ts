// Design → ELK graph, and ELK's answer → positions. Frames become compound nodes, so their
// members are laid out inside them and ELK sizes the frame to fit. Plain JSON both ways: the
// graph crosses into the worker by structured clone, and this file never touches ELK itself.
import { GROUP_KIND, type Design, type DesignNode, type Position } from '../model/design';
import type { RoleOf } from '../model/connection-mode';
import { withMembers } from '../model/routes';
import { assignBands, BANDS } from './bands';
import { wrapsAt } from './chains';
import { BAND_GAP } from './cross-band-routes';

export type Direction = 'RIGHT' | 'DOWN';

/** The subset of ELK's JSON graph format we send and read back. */
export interface ElkNodeJson {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkNodeJson[];
  ports?: ElkNodeJson[];
  edges?: ElkEdgeJson[];
  layoutOptions?: Record<string, string>;
}

/** ELK's route of an edge, in the root's coordinates (`elk.json.edgeCoords: ROOT`). */
export interface ElkSectionJson {
  startPoint: Position;
  endPoint: Position;
  bendPoints?: Position[];
}

export interface ElkEdgeJson {
  id: string;
  sources: string[];
  targets: string[];
  sections?: ElkSectionJson[];
}

export interface GraphOptions {
  direction: Direction;
  /** Size of a component on the canvas (notes and frames carry their own). */
  nodeSize: { width: number; height: number };
  /** Lay out only these nodes (and the members of frames among them); all when absent. */
  only?: ReadonlySet<string>;
  /** Kinds' roles (the catalog): with it, the online, async and offline parts go in bands. */
  roleOf?: RoleOf;
  /** Width ÷ height of the view: long chains wrap to come near it. */
  aspectRatio?: number;
}

/** Where a node goes: position in its parent's coordinates; frames also get a new size. */
export interface Placement {
  position: Position;
  size?: { width: number; height: number };
}

/**
 * Above this many nodes ELK's greedy-switch pass costs more than it gains: on a 200-node,
 * 300-edge graph it took the layout from about 0.3 s to 1–3 s (bench/layout.bench.mjs).
 */
const GREEDY_SWITCH_LIMIT = 100;
/** Above this many nodes connections between bands get no ports (see toElkGraph). */
const PORTS_LIMIT = 300;
/** Room inside a frame: its title sits in the top band. */
const FRAME_PADDING = '[top=56,left=32,bottom=32,right=32]';

/** Port ids: a node's id and a suffix no saved id carries (text fields drop control characters). */
export const IN_PORT = '\u0000in';
export const OUT_PORT = '\u0000out';

function baseOptions(direction: Direction): Record<string, string> {
  return {
    // ELK routes every edge around the boxes: the canvas draws those routes.
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    // Thoroughness 1 is 4–8× faster than the default with layouts as readable for our sizes.
    // NETWORK_SIMPLEX node placement is never used: it took 35 s at 1,000 nodes.
    'elk.layered.thoroughness': '1',
    'elk.spacing.nodeNode': '40',
    'elk.layered.spacing.nodeNodeBetweenLayers': '90',
    'elk.spacing.componentComponent': '60',
  };
}

/** The nodes in scope: all, or the chosen ones plus everything inside chosen frames. */
function scopeOf(design: Design, only: ReadonlySet<string> | undefined): Set<string> {
  if (!only) return new Set(design.nodes.map((n) => n.id));
  return withMembers(design, design.nodes.filter((n) => only.has(n.id)).map((n) => n.id));
}

/** A component's two handles as fixed ports, so ELK's routes end where the canvas's pipes do. */
function leaf(id: string, width: number, height: number): ElkNodeJson {
  return {
    id, width, height,
    ports: [
      { id: id + IN_PORT, x: 0, y: height / 2, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST' } },
      { id: id + OUT_PORT, x: width, y: height / 2, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST' } },
    ],
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
  };
}

/** An id for a synthetic node that no node of the design has. */
function freshId(design: Design, base: string): string {
  const taken = new Set(design.nodes.map((n) => n.id));
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

export function toElkGraph(design: Design, opts: GraphOptions): ElkNodeJson {
  const scope = scopeOf(design, opts.only);
  const members = new Map<string | undefined, DesignNode[]>();
  for (const n of design.nodes) {
    if (!scope.has(n.id)) continue;
    // A node whose frame is out of scope (or missing) is laid out at the top level.
    const parent = n.parentId && scope.has(n.parentId) ? n.parentId : undefined;
    if (!members.has(parent)) members.set(parent, []);
    members.get(parent)!.push(n);
  }
  let compound = false;
  const seen = new Set<string>();
  /** Where each node of the layout sits: the top-level node it is inside. */
  const topOf = new Map<string, string>();
  /** The frame each node is laid out in (none at the top level), and each frame's compound. */
  const frameOf = new Map<string, string>();
  const frames = new Map<string, ElkNodeJson>();
  const build = (n: DesignNode, top: string, frame?: string): ElkNodeJson => {
    seen.add(n.id);
    topOf.set(n.id, top);
    if (frame) frameOf.set(n.id, frame);
    const inside = (members.get(n.id) ?? []).filter((c) => !seen.has(c.id));
    const size = n.kind === GROUP_KIND || n.size ? (n.size ?? { width: 480, height: 300 }) : opts.nodeSize;
    if (n.kind !== GROUP_KIND || inside.length === 0) return leaf(n.id, size.width, size.height);
    compound = true;
    const json: ElkNodeJson = {
      id: n.id,
      children: inside.map((c) => build(c, top, n.id)),
      layoutOptions: { ...baseOptions(opts.direction), 'elk.padding': FRAME_PADDING },
    };
    frames.set(n.id, json);
    return json;
  };
  const tops = members.get(undefined) ?? [];
  const children = tops.map((n) => build(n, n.id));
  const edges: ElkEdgeJson[] = design.edges
    .filter((e) => e.source !== e.target && seen.has(e.source) && seen.has(e.target))
    .map((e) => ({ id: e.id, sources: [e.source + OUT_PORT], targets: [e.target + IN_PORT] }));

  const layoutOptions: Record<string, string> = {
    ...baseOptions(opts.direction),
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.json.edgeCoords': 'ROOT',
  };
  if (seen.size > GREEDY_SWITCH_LIMIT) layoutOptions['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF';
  // Only a long chain wraps: a short one reads best in one row whatever the view's shape.
  const wrapping = !!opts.aspectRatio && opts.aspectRatio > 0 && wrapsAt(design, seen, opts.nodeSize, opts.aspectRatio);
  /** Wrap options on a compound and every frame inside it (ELK wraps each graph on its own). */
  const wrap = (n: ElkNodeJson, aspect: number): ElkNodeJson => {
    if (!wrapping) return n;
    const o = { ...n.layoutOptions, 'elk.aspectRatio': aspect.toFixed(2), 'elk.layered.wrapping.strategy': 'MULTI_EDGE' };
    return { ...n, layoutOptions: o, ...(n.children && { children: n.children.map((c) => (c.children ? wrap(c, aspect) : c)) }) };
  };
  // Edges in and out of frames are laid out as one graph, so a frame's members line up with
  // the flow around them; without frames the plain (faster) mode is enough.
  const hierarchy = (o: Record<string, string>) => (compound ? { ...o, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' } : o);

  const bandOf = opts.roleOf ? assignBands(design, opts.roleOf) : undefined;
  // Rows: a band each, but a band made only of frames, two or more, a row for each frame in the
  // order they are drawn top to bottom (frames side by side in one band drew the street-view
  // template 3.8 times as wide as high, with its connections between rows crossing).
  const rowOf = new Map<string, string>();
  const used: string[] = [];
  for (const b of BANDS) {
    const inBand = tops.filter((n) => (bandOf?.get(n.id) ?? 'online') === b);
    const framesOnly = inBand.length >= 2 && inBand.every((n) => frames.has(n.id));
    const ordered = framesOnly ? [...inBand].sort((p, q) => p.position.y - q.position.y || p.position.x - q.position.x) : inBand;
    for (const n of ordered) {
      const row = framesOnly ? `${b}:${n.id}` : b;
      rowOf.set(n.id, row);
      if (!used.includes(row)) used.push(row);
    }
  }
  if (!bandOf || used.length < 2) return wrap({ id: 'root', layoutOptions: hierarchy(layoutOptions), children, edges }, opts.aspectRatio ?? 1);

  // Bands: each a compound laid out in the chosen direction with the edges inside it, stacked
  // top to bottom (online, async, offline) by the worker (cross-band-routes.ts). A
  // connection between bands leaves its band through a port on the side facing the target's
  // band, and every frame on the way through a port on the same side: each piece joins a node
  // (or port) to a port of the compound it is in, so ELK orders and routes it with the rest of
  // that compound. The run through the gap between the bands is the worker's.
  const band = (id: string): string => rowOf.get(topOf.get(id)!)!;
  const ids = new Map(used.map((b) => [b, freshId(design, `band:${b}`)]));
  const leaves = (n: ElkNodeJson): number => (n.children ? n.children.reduce((sum, c) => sum + leaves(c), 0) : 1);
  const total = children.reduce((sum, c) => sum + leaves(c), 0);
  const rank = new Map(used.map((b, i) => [b, i]));
  const bandJson = new Map<string, ElkNodeJson>(used.map((b) => [b, { id: ids.get(b)! + PIECE, edges: [] }]));
  /** A port on the `side` of a compound, for connection `e`. */
  const portOn = (n: ElkNodeJson, e: ElkEdgeJson, side: 'NORTH' | 'SOUTH'): string => {
    const id = n.id + PIECE + e.id;
    (n.ports ??= []).push({ id, width: 0, height: 0, layoutOptions: { 'elk.port.side': side } });
    n.layoutOptions = { ...n.layoutOptions, 'elk.portConstraints': 'FIXED_SIDE' };
    return id;
  };
  /**
   * The compounds a connection leaves a node through, innermost first, each with a port on
   * `side`: the frames around it, or its band when it is in none. (ELK places a port of the
   * band next to the layer of the node it joins: for a frame, past all of its members.)
   */
  const wayOut = (e: ElkEdgeJson, node: string, side: 'NORTH' | 'SOUTH') => {
    const way: { home: ElkNodeJson; port: string }[] = [];
    for (let f = frameOf.get(node); f; f = frameOf.get(f)) way.push({ home: frames.get(f)!, port: portOn(frames.get(f)!, e, side) });
    if (way.length === 0) {
      const home = bandJson.get(band(node))!;
      way.push({ home, port: portOn(home, e, side) });
    }
    return way;
  };
  // Above a few hundred nodes the ports cost more than they gain (a 1,000-node design with 240
  // connections between bands took 0.7 s in ELK instead of 0.4 s): those connections are left
  // at the root, unrouted, and the worker draws them straight from their handles.
  const ported = seen.size <= PORTS_LIMIT;
  const direct: ElkEdgeJson[] = [];
  for (const e of edges) {
    const from = band(sourceOf(e));
    const to = band(targetOf(e));
    if (from === to) {
      bandJson.get(from)!.edges!.push(e);
      continue;
    }
    if (!ported) {
      direct.push(e);
      continue;
    }
    const down = rank.get(to)! > rank.get(from)!;
    const out = wayOut(e, sourceOf(e), down ? 'SOUTH' : 'NORTH');
    const into = wayOut(e, targetOf(e), down ? 'NORTH' : 'SOUTH').reverse();
    // Pieces 0… out to the source's band, then (after the gap's number) in to the target.
    out.forEach((w, i) => (w.home.edges ??= []).push({ id: e.id + PIECE + i, sources: [i === 0 ? e.sources[0] : out[i - 1].port], targets: [w.port] }));
    into.forEach((w, i) => (w.home.edges ??= []).push({ id: e.id + PIECE + (out.length + 1 + i), sources: [w.port], targets: [i === into.length - 1 ? e.targets[0] : into[i + 1].port] }));
  }
  const wrappers: ElkNodeJson[] = used.map((b) => {
    const inside = children.filter((c) => rowOf.get(c.id) === b);
    // A band holding a share f of the components gets about f of the height at the full
    // width: its own shape is the view's divided by f.
    const share = inside.reduce((sum, c) => sum + leaves(c), 0) / Math.max(1, total);
    const json = bandJson.get(b)!;
    const inner = wrap({ ...json, children: inside, layoutOptions: { ...layoutOptions, 'elk.direction': opts.direction, ...json.layoutOptions } }, (opts.aspectRatio ?? 1) * BAND_ASPECT_BOOST / Math.max(share, 0.05));
    // The band inside a plain compound laid out with it: ELK places a port on the side of a
    // nested compound next to the layer of the node it joins, but the ports of the compound it
    // was given at the very ends of that graph.
    return { id: ids.get(b)!, children: [inner], layoutOptions: { ...layoutOptions, 'elk.direction': opts.direction, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' } };
  });
  const order: ElkEdgeJson[] = used.slice(1).map((b, i) => ({ id: freshId(design, `band-order:${i}`), sources: [ids.get(used[i])!], targets: [ids.get(b)!] }));
  const rootOptions = { ...layoutOptions, 'elk.direction': 'DOWN', 'elk.layered.spacing.nodeNodeBetweenLayers': String(BAND_GAP) };
  return { id: 'root', layoutOptions: rootOptions, children: wrappers, edges: [...order, ...direct] };
}

/** Separates a connection's id from the piece of its route between bands (ids drop control characters). */
export const PIECE = '\u0001';

/**
 * ELK's wrapping lands each band taller than asked once bands are stacked and frames wrap on
 * their own: asking 1.3× the shape brought the ten templates nearest the view's (the mean
 * |log(aspect ÷ view)| was lowest at 1.3 of 1, 1.3 and 1.6; bench/layout.bench.mjs).
 */
const BAND_ASPECT_BOOST = 1.3;

export const sourceOf = (e: ElkEdgeJson) => e.sources[0].slice(0, -OUT_PORT.length);
export const targetOf = (e: ElkEdgeJson) => e.targets[0].slice(0, -IN_PORT.length);

/**
 * ELK's answer with the bands taken away: their children become top-level nodes (as they are
 * in the design), placed in the root's coordinates, and every edge is listed at the root.
 */
export function withoutBands(design: Design, laidOut: ElkNodeJson): ElkNodeJson {
  const known = new Set(design.nodes.map((n) => n.id));
  const children: ElkNodeJson[] = [];
  const edges: ElkEdgeJson[] = [...(laidOut.edges ?? [])];
  for (const c of laidOut.children ?? []) {
    if (known.has(c.id) || !c.children) {
      children.push(c);
      continue;
    }
    for (const k of c.children) children.push({ ...k, x: (c.x ?? 0) + (k.x ?? 0), y: (c.y ?? 0) + (k.y ?? 0) });
    edges.push(...(c.edges ?? []));
  }
  return { ...laidOut, children, edges };
}

/**
 * Reads positions from ELK's answer. The laid-out block keeps the top-left corner the nodes in
 * scope had before, so a layout tidies in place instead of jumping to the origin.
 */
export function fromElkGraph(design: Design, answer: ElkNodeJson): Map<string, Placement> {
  const laidOut = withoutBands(design, answer);
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const abs = (n: DesignNode) => absoluteIn(byId, n);
  const roots = (laidOut.children ?? []).filter((c) => byId.has(c.id));
  const origin = originOf(roots.map((c) => abs(byId.get(c.id)!)));
  const out = new Map<string, Placement>();
  const visit = (c: ElkNodeJson, nested: boolean) => {
    const node = byId.get(c.id);
    if (!node) return;
    const x = c.x ?? 0;
    const y = c.y ?? 0;
    let position: Position;
    // Members of a frame: ELK, like our model, gives them relative to the frame.
    if (nested) position = { x, y };
    else {
      // A top-level node of the layout may still sit in a frame outside the scope.
      const frame = node.parentId ? byId.get(node.parentId) : undefined;
      const frameAbs = frame ? abs(frame) : { x: 0, y: 0 };
      position = { x: origin.x + x - frameAbs.x, y: origin.y + y - frameAbs.y };
    }
    const placement: Placement = { position: { x: Math.round(position.x), y: Math.round(position.y) } };
    if (c.children?.length && c.width !== undefined && c.height !== undefined) {
      placement.size = { width: Math.round(c.width), height: Math.round(c.height) };
    }
    out.set(c.id, placement);
    for (const k of c.children ?? []) visit(k, true);
  };
  for (const c of roots) visit(c, false);
  return out;
}

/**
 * Where the laid-out block's top-left corner goes: where the top-left of the nodes it moved
 * was. A point of ELK's answer (root coordinates) is at `origin + point` on the canvas.
 */
function originOf(before: Position[]): Position {
  // A fold, not Math.min(...): a large design has more nodes than a call takes arguments.
  return before.length ? before.reduce((o, p) => ({ x: Math.min(o.x, p.x), y: Math.min(o.y, p.y) })) : { x: 0, y: 0 };
}

/**
 * The route of every connection ELK laid out, as bend points on the canvas: null for one drawn
 * straight (no bend). Connections not in the answer are not in the map.
 */
export function routesFromElk(design: Design, answer: ElkNodeJson, placements: ReadonlyMap<string, Placement>): Map<string, Position[] | null> {
  const laidOut = withoutBands(design, answer);
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  // The shift from ELK's coordinates to the canvas, read off any top-level node placed.
  const top = (laidOut.children ?? []).find((c) => byId.has(c.id) && placements.has(c.id));
  const out = new Map<string, Position[] | null>();
  if (!top) return out;
  const node = byId.get(top.id)!;
  const frame = node.parentId ? byId.get(node.parentId) : undefined;
  const frameAbs = frame ? absoluteIn(byId, frame) : { x: 0, y: 0 };
  const p = placements.get(top.id)!.position;
  const dx = p.x + frameAbs.x - (top.x ?? 0);
  const dy = p.y + frameAbs.y - (top.y ?? 0);
  const edgeIds = new Set(design.edges.map((e) => e.id));
  for (const e of laidOut.edges ?? []) {
    if (!edgeIds.has(e.id)) continue;
    const bends = e.sections?.length === 1 ? (e.sections[0].bendPoints ?? []) : [];
    out.set(e.id, bends.length ? bends.map((b) => ({ x: Math.round(b.x + dx), y: Math.round(b.y + dy) })) : null);
  }
  return out;
}

/** A node's place on the canvas (members of a frame are stored relative to it). */
function absoluteIn(byId: ReadonlyMap<string, DesignNode>, n: DesignNode): Position {
  let { x, y } = n.position;
  const seen = new Set([n.id]);
  for (let p = n.parentId ? byId.get(n.parentId) : undefined; p && !seen.has(p.id); p = p.parentId ? byId.get(p.parentId) : undefined) {
    seen.add(p.id);
    x += p.position.x;
    y += p.position.y;
  }
  return { x, y };
}
