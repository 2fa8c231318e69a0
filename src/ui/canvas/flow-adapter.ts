// Our design → xyflow nodes and edges. The only translation between the two models: saved
// files never see xyflow's shapes. Objects are cached per design node, so an edit that touches
// one component hands xyflow one new object, not a thousand.
import type { Edge, Node } from '@xyflow/svelte';
import { GROUP_KIND, NOTE_KIND, type Design, type DesignEdge, type DesignNode } from '../../model/design';
import { catalog } from '../../catalog';
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

const typeOf = (n: DesignNode) => (n.kind === GROUP_KIND ? 'frame' : n.kind === NOTE_KIND ? 'note' : 'component');

export class FlowAdapter {
  private nodeCache = new Map<string, FlowNode>();
  private edgeCache = new Map<string, FlowEdge>();
  private lastNodes: FlowNode[] = [];
  private lastEdges: FlowEdge[] = [];

  nodes(design: Design, selected: ReadonlySet<string>, metrics: ReadonlyMap<string, NodeMetrics> | undefined): FlowNode[] {
    const next = new Map<string, FlowNode>();
    const out = design.nodes.map((n) => {
      const m = metrics?.get(n.id);
      const sel = selected.has(n.id);
      const prev = this.nodeCache.get(n.id);
      const flow =
        prev && prev.data.node === n && prev.data.metrics === m && !!prev.selected === sel
          ? prev
          : toFlowNode(n, sel, m);
      next.set(n.id, flow);
      return flow;
    });
    this.nodeCache = next;
    // Unchanged content keeps the same array, so the canvas skips its update entirely.
    if (sameItems(out, this.lastNodes)) return this.lastNodes;
    this.lastNodes = out;
    return out;
  }

  edges(design: Design, selected: ReadonlySet<string>, traffic: ReadonlyMap<string, number> | undefined): FlowEdge[] {
    let maxTrafficRps = 0;
    if (traffic) for (const v of traffic.values()) maxTrafficRps = Math.max(maxTrafficRps, v);
    const next = new Map<string, FlowEdge>();
    const out = design.edges.map((e) => {
      const t = traffic?.get(e.id);
      const sel = selected.has(e.id);
      const prev = this.edgeCache.get(e.id);
      const flow =
        prev && prev.data!.edge === e && prev.data!.trafficRps === t && prev.data!.maxTrafficRps === maxTrafficRps && !!prev.selected === sel
          ? prev
          : toFlowEdge(e, sel, t, maxTrafficRps);
      next.set(e.id, flow);
      return flow;
    });
    this.edgeCache = next;
    if (sameItems(out, this.lastEdges)) return this.lastEdges;
    this.lastEdges = out;
    return out;
  }
}

function sameItems<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toFlowNode(n: DesignNode, selected: boolean, metrics: NodeMetrics | undefined): FlowNode {
  const type = typeOf(n);
  const flow: FlowNode = {
    id: n.id,
    type,
    position: n.position,
    data: { node: n, metrics },
    selected,
    ariaLabel: ariaLabelFor(n, metrics),
  };
  if (n.parentId) flow.parentId = n.parentId;
  if (type !== 'component') {
    flow.width = n.size?.width ?? 200;
    flow.height = n.size?.height ?? 90;
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
  const label = n.label ?? n.text ?? kindName;
  const name = label === kindName ? label : `${label} (${kindName})`;
  if (!m) return name;
  const util = `utilization ${Math.round(m.utilization * 100)} %`;
  const p99 = m.p99Ms === null ? '' : `, p99 ${m.p99Ms < 10 ? m.p99Ms.toFixed(1) : Math.round(m.p99Ms)} ms`;
  return `${name}, ${m.overloaded ? 'overloaded, ' : ''}${util}${p99}${m.bottleneck ? ', bottleneck' : ''}`;
}

function toFlowEdge(e: DesignEdge, selected: boolean, trafficRps: number | undefined, maxTrafficRps: number): FlowEdge {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    type: 'pipe',
    selected,
    data: { edge: e, trafficRps, maxTrafficRps },
    class: `mode-${e.params.mode}`,
  };
}
