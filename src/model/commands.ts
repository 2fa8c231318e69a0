// Edits of a design as pure functions (design, args) → design. They never mutate: unchanged
// nodes and edges keep their identity, so history snapshots and canvas diffs stay cheap.
import type { Design, DesignEdge, DesignNode, EdgeParams, NodeParams, Position } from './design';
import { GROUP_KIND } from './design';

export function rename(design: Design, name: string): Design {
  return name === design.name ? design : { ...design, name };
}

export function addNodes(design: Design, nodes: DesignNode[], edges: DesignEdge[] = []): Design {
  if (nodes.length === 0 && edges.length === 0) return design;
  // Frames go first so that their members render above them.
  const groups = nodes.filter((n) => n.kind === GROUP_KIND);
  const others = nodes.filter((n) => n.kind !== GROUP_KIND);
  return {
    ...design,
    nodes: [...groups, ...design.nodes, ...others],
    edges: [...design.edges, ...edges],
  };
}

export function connect(design: Design, edge: DesignEdge): Design {
  if (edge.source === edge.target) return design;
  const exists = design.edges.some((e) => e.source === edge.source && e.target === edge.target);
  return exists ? design : { ...design, edges: [...design.edges, edge] };
}

/** Removes nodes (a frame takes its members with it) and edges, and every edge left dangling. */
export function removeElements(design: Design, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): Design {
  const gone = new Set(nodeIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of design.nodes) {
      if (n.parentId && gone.has(n.parentId) && !gone.has(n.id)) {
        gone.add(n.id);
        grew = true;
      }
    }
  }
  const goneEdges = new Set(edgeIds);
  const nodes = design.nodes.filter((n) => !gone.has(n.id));
  const edges = design.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target));
  if (nodes.length === design.nodes.length && edges.length === design.edges.length) return design;
  return { ...design, nodes, edges };
}

function mapNodes(design: Design, ids: Set<string>, fn: (n: DesignNode) => DesignNode): Design {
  let changed = false;
  const nodes = design.nodes.map((n) => {
    if (!ids.has(n.id)) return n;
    const next = fn(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...design, nodes } : design;
}

export function moveNodes(design: Design, positions: ReadonlyMap<string, Position>): Design {
  return mapNodes(design, new Set(positions.keys()), (n) => {
    const p = positions.get(n.id)!;
    return p.x === n.position.x && p.y === n.position.y ? n : { ...n, position: { x: p.x, y: p.y } };
  });
}

export function nudge(design: Design, ids: Iterable<string>, dx: number, dy: number): Design {
  return mapNodes(design, new Set(ids), (n) => ({ ...n, position: { x: n.position.x + dx, y: n.position.y + dy } }));
}

export type NodePatch = Partial<Pick<DesignNode, 'label' | 'text' | 'size' | 'position'>> & { params?: NodeParams };

export function updateNode(design: Design, id: string, patch: NodePatch): Design {
  return mapNodes(design, new Set([id]), (n) => ({ ...n, ...patch }));
}

/** Sets the replica count of several components at once: a capacity plan is one undo step. */
export function setReplicas(design: Design, replicas: Readonly<Record<string, number>>): Design {
  const ids = new Set(Object.keys(replicas));
  return mapNodes(design, ids, (n) => (n.params.replicas === replicas[n.id] ? n : { ...n, params: { ...n.params, replicas: replicas[n.id] } }));
}

export function updateEdge(design: Design, id: string, patch: { params?: EdgeParams; label?: string }): Design {
  let changed = false;
  const edges = design.edges.map((e) => {
    if (e.id !== id) return e;
    changed = true;
    return { ...e, ...patch };
  });
  return changed ? { ...design, edges } : design;
}

export function setNotes(design: Design, step: string, text: string): Design {
  if ((design.notes[step] ?? '') === text) return design;
  return { ...design, notes: { ...design.notes, [step]: text } };
}

/** Absolute canvas position of a node (members of a frame are stored relative to it). */
export function absolutePosition(design: Design, node: DesignNode): Position {
  let { x, y } = node.position;
  let parentId = node.parentId;
  const seen = new Set<string>();
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = design.nodes.find((n) => n.id === parentId);
    if (!parent) break;
    x += parent.position.x;
    y += parent.position.y;
    parentId = parent.parentId;
  }
  return { x, y };
}

/**
 * Puts nodes into a frame (or takes them out with `groupId` undefined), keeping where they are
 * on the canvas.
 */
export function setParent(design: Design, ids: Iterable<string>, groupId: string | undefined): Design {
  const group = groupId ? design.nodes.find((n) => n.id === groupId) : undefined;
  const origin = group ? absolutePosition(design, group) : { x: 0, y: 0 };
  return mapNodes(design, new Set(ids), (n) => {
    if (n.parentId === groupId || n.id === groupId) return n;
    const abs = absolutePosition(design, n);
    const next: DesignNode = { ...n, position: { x: abs.x - origin.x, y: abs.y - origin.y } };
    if (groupId) next.parentId = groupId;
    else delete next.parentId;
    return next;
  });
}
