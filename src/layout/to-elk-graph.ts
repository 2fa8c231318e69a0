// Design → ELK graph, and ELK's answer → positions. Frames become compound nodes, so their
// members are laid out inside them and ELK sizes the frame to fit. Plain JSON both ways: the
// graph crosses into the worker by structured clone, and this file never touches ELK itself.
import { GROUP_KIND, type Design, type DesignNode, type Position } from '../model/design';

export type Direction = 'RIGHT' | 'DOWN';

/** The subset of ELK's JSON graph format we send and read back. */
export interface ElkNodeJson {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkNodeJson[];
  edges?: ElkEdgeJson[];
  layoutOptions?: Record<string, string>;
}

export interface ElkEdgeJson {
  id: string;
  sources: string[];
  targets: string[];
}

export interface GraphOptions {
  direction: Direction;
  /** Size of a component on the canvas (notes and frames carry their own). */
  nodeSize: { width: number; height: number };
  /** Lay out only these nodes (and the members of frames among them); all when absent. */
  only?: ReadonlySet<string>;
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
/** Room inside a frame: its title sits in the top band. */
const FRAME_PADDING = '[top=56,left=32,bottom=32,right=32]';

function baseOptions(direction: Direction): Record<string, string> {
  return {
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
  const scope = new Set(design.nodes.filter((n) => only.has(n.id)).map((n) => n.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of design.nodes) {
      if (n.parentId && scope.has(n.parentId) && !scope.has(n.id)) {
        scope.add(n.id);
        grew = true;
      }
    }
  }
  return scope;
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
  const build = (n: DesignNode): ElkNodeJson => {
    seen.add(n.id);
    const inside = (members.get(n.id) ?? []).filter((c) => !seen.has(c.id));
    const size = n.kind === GROUP_KIND || n.size ? (n.size ?? { width: 480, height: 300 }) : opts.nodeSize;
    if (n.kind !== GROUP_KIND || inside.length === 0) return { id: n.id, width: size.width, height: size.height };
    compound = true;
    return {
      id: n.id,
      children: inside.map(build),
      layoutOptions: { ...baseOptions(opts.direction), 'elk.padding': FRAME_PADDING },
    };
  };
  const children = (members.get(undefined) ?? []).map(build);
  const edges: ElkEdgeJson[] = design.edges
    .filter((e) => e.source !== e.target && seen.has(e.source) && seen.has(e.target))
    .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));

  const layoutOptions: Record<string, string> = { ...baseOptions(opts.direction), 'elk.padding': '[top=0,left=0,bottom=0,right=0]' };
  if (seen.size > GREEDY_SWITCH_LIMIT) layoutOptions['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF';
  // Edges in and out of frames are laid out as one graph, so a frame's members line up with
  // the flow around them; without frames the plain (faster) mode is enough.
  if (compound) layoutOptions['elk.hierarchyHandling'] = 'INCLUDE_CHILDREN';
  return { id: 'root', layoutOptions, children, edges };
}

/**
 * Reads positions from ELK's answer. The laid-out block keeps the top-left corner the nodes in
 * scope had before, so a layout tidies in place instead of jumping to the origin.
 */
export function fromElkGraph(design: Design, laidOut: ElkNodeJson): Map<string, Placement> {
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const abs = (n: DesignNode): Position => {
    let { x, y } = n.position;
    const seen = new Set([n.id]);
    for (let p = n.parentId ? byId.get(n.parentId) : undefined; p && !seen.has(p.id); p = p.parentId ? byId.get(p.parentId) : undefined) {
      seen.add(p.id);
      x += p.position.x;
      y += p.position.y;
    }
    return { x, y };
  };
  const roots = (laidOut.children ?? []).filter((c) => byId.has(c.id));
  const before = roots.map((c) => abs(byId.get(c.id)!));
  const origin = before.length
    ? { x: Math.min(...before.map((p) => p.x)), y: Math.min(...before.map((p) => p.y)) }
    : { x: 0, y: 0 };
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
