// Our design → xyflow nodes and edges. The only translation between the two models: saved
// files never see xyflow's shapes. An edit that touches one component hands xyflow one new
// object, not a thousand.
import type { Edge, Node, NodeHandle, Position } from '@xyflow/svelte';
import type { Design, DesignEdge, DesignNode } from '../../model/design';
import { catalog, nodeName } from '../../app/catalog-view';
import { COMPONENT_SIZE, GROUP_KIND, NOTE_KIND, nodeSize } from '../../app/design-view';
import type { NodeMetrics } from '../../app/sim-view';

export type { NodeMetrics };

export interface ComponentData extends Record<string, unknown> {
  node: DesignNode;
  metrics: NodeMetrics | undefined;
}

export interface PipeData extends Record<string, unknown> {
  edge: DesignEdge;
  trafficRps: number | undefined;
  maxTrafficRps: number;
}

export type FlowNode = Node<ComponentData>;
export type FlowEdge = Edge<PipeData>;

/*
 * xyflow puts node ids into CSS selectors of its own (`[data-id="${id}"]`, unescaped), so an id
 * holding `"`, `]` or a backslash makes connecting to it throw. Ids cross to xyflow in a form made of
 * `A-Z a-z 0-9 _ -` only: other characters become `~<hex code point>~`. The ids the app makes are
 * already of that form and stay as they are; `~` never appears raw, so the way back is exact.
 */
const PLAIN = /^[A-Za-z0-9_-]*$/;

/** Our id → the id xyflow sees. */
export function flowId(id: string): string {
  if (PLAIN.test(id)) return id;
  let out = '';
  for (const ch of id) out += /[A-Za-z0-9_-]/.test(ch) ? ch : `~${ch.codePointAt(0)!.toString(16)}~`;
  return out;
}

/** The id xyflow reports → ours. */
export function designId(id: string): string {
  return id.includes('~') ? id.replace(/~([0-9a-f]{1,6})~/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))) : id;
}

/** From this many components on, the canvas mounts only what is in view (Canvas.svelte). */
export const DRAW_VISIBLE_FROM = 1500;

/*
 * A node xyflow has never measured is mounted whatever the view, to be measured. A component's
 * box is known (COMPONENT_SIZE), so in a design drawn only where visible it comes with its size
 * and handles declared, as xyflow would measure them: the 8 px handles straddle the 1.5 px
 * border, centred on the height (checked against the DOM in tests/e2e/canvas.spec.ts).
 */
const HANDLE = 8;
const DECLARED_HANDLES: NodeHandle[] = [
  { type: 'target', position: 'left' as Position, x: -3, y: COMPONENT_SIZE.height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
  { type: 'source', position: 'right' as Position, x: COMPONENT_SIZE.width - 5, y: COMPONENT_SIZE.height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
];

const typeOf = (n: DesignNode) => (n.kind === GROUP_KIND ? 'frame' : n.kind === NOTE_KIND ? 'note' : 'component');

/*
 * Both build on the arrays the canvas holds now, not on ones we made earlier: xyflow replaces a node
 * once it has measured it (adding `measured`), and a node handed back without that is treated as
 * new, forgetting its size and handles, so every edge on it is dropped and laid out again. Taking
 * xyflow's own object whenever our inputs for it are unchanged means a selection or a drop hands
 * xyflow the one or two objects that did change, not a thousand unmeasured ones. With
 * `declareSize` (a design drawn only where visible), new components carry their size and handles.
 */
export function flowNodes(
  design: Design,
  selected: ReadonlySet<string>,
  metrics: ReadonlyMap<string, NodeMetrics> | undefined,
  held: readonly FlowNode[],
  declareSize = false,
): FlowNode[] {
  const find = heldFinder(held, (n) => n.data?.node.id);
  const out = design.nodes.map((n, i) => {
    const m = metrics?.get(n.id);
    const sel = selected.has(n.id);
    const prev = find(n.id, i);
    if (prev && prev.data.node === n && prev.data.metrics === m && !!prev.selected === sel) return prev;
    const flow = toFlowNode(n, sel, m);
    // Same box, new content (a label, a colour): xyflow keeps its measurement and handles.
    if (prev?.measured && prev.type === flow.type && sameSize(prev.data.node, n)) flow.measured = prev.measured;
    else if (declareSize && flow.type === 'component') flow.measured = { ...COMPONENT_SIZE };
    // Handles declared hold only for the plain box (presentation draws components taller).
    if (declareSize && flow.type === 'component' && isPlainBox(flow.measured)) flow.handles = DECLARED_HANDLES;
    return flow;
  });
  // Unchanged content keeps the same array, so the canvas skips its update entirely.
  return sameItems(out, held) ? (held as FlowNode[]) : out;
}

export function flowEdges(
  design: Design,
  selected: ReadonlySet<string>,
  traffic: ReadonlyMap<string, number> | undefined,
  held: readonly FlowEdge[],
): FlowEdge[] {
  let maxTrafficRps = 0;
  if (traffic) for (const v of traffic.values()) maxTrafficRps = Math.max(maxTrafficRps, v);
  // By our ids, which the data carries. An edge xyflow added itself on a connection has no data
  // and matches none: the design's own edge replaces it.
  const find = heldFinder(held, (e) => e.data?.edge.id);
  const out = design.edges.map((e, i) => {
    const t = traffic?.get(e.id);
    const sel = selected.has(e.id);
    const prev = find(e.id, i);
    return prev && prev.data!.edge === e && prev.data!.trafficRps === t && prev.data!.maxTrafficRps === maxTrafficRps && !!prev.selected === sel
      ? prev
      : toFlowEdge(e, sel, t, maxTrafficRps);
  });
  return sameItems(out, held) ? (held as FlowEdge[]) : out;
}

/*
 * The held item for one of ours: most edits keep the order (an addition goes at the end), so the
 * item at the same index is tried first, and the map by id is built only on the first miss: an
 * edit of a large design does not build a map of thousands each time.
 */
function heldFinder<T>(held: readonly T[], idOf: (item: T) => string | undefined): (id: string, index: number) => T | undefined {
  let byId: Map<string | undefined, T> | null = null;
  return (id, index) => {
    const same = held[index];
    if (same !== undefined && idOf(same) === id) return same;
    byId ??= new Map(held.map((x) => [idOf(x), x]));
    return byId.get(id);
  };
}

function isPlainBox(m: FlowNode['measured']): boolean {
  return m?.width === COMPONENT_SIZE.width && m.height === COMPONENT_SIZE.height;
}

function sameSize(a: DesignNode, b: DesignNode): boolean {
  return a.size?.width === b.size?.width && a.size?.height === b.size?.height;
}

/** The same items in the same order (by identity). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toFlowNode(n: DesignNode, selected: boolean, metrics: NodeMetrics | undefined): FlowNode {
  const type = typeOf(n);
  const flow: FlowNode = {
    id: flowId(n.id),
    type,
    position: n.position,
    data: { node: n, metrics },
    selected,
    ariaLabel: ariaLabelFor(n, metrics),
  };
  if (n.parentId) flow.parentId = flowId(n.parentId);
  if (type !== 'component') {
    ({ width: flow.width, height: flow.height } = nodeSize(n));
  }
  if (type === 'frame') {
    flow.zIndex = -1;
    flow.class = 'frame-node';
  }
  return flow;
}

/** What a screen reader says on Tab: "Ranker (Ranking service), utilization 62 %, p99 48 ms". */
function ariaLabelFor(n: DesignNode, m: NodeMetrics | undefined): string {
  const kindName = catalog.get(n.kind)?.name ?? n.kind;
  const label = nodeName(n);
  const name = label === kindName ? label : `${label} (${kindName})`;
  if (!m) return name;
  const util = `utilization ${Math.round(m.utilization * 100)} %`;
  const p99 = m.p99Ms === null ? '' : `, p99 ${m.p99Ms < 10 ? m.p99Ms.toFixed(1) : Math.round(m.p99Ms)} ms`;
  const state = m.overloaded ? 'overloaded, ' : m.saturated ? `past capacity, ${Math.round(m.rejected * 100)} % rejected, ` : '';
  return `${name}, ${state}${util}${p99}${m.bottleneck ? ', bottleneck' : ''}`;
}

function toFlowEdge(e: DesignEdge, selected: boolean, trafficRps: number | undefined, maxTrafficRps: number): FlowEdge {
  return {
    id: flowId(e.id),
    source: flowId(e.source),
    target: flowId(e.target),
    type: 'pipe',
    selected,
    data: { edge: e, trafficRps, maxTrafficRps },
    class: `mode-${e.params.mode}`,
  };
}
