// Edits of a design as pure functions (design, args) → design. They never mutate: unchanged
// nodes and edges keep their identity, so history snapshots and canvas diffs stay cheap.
// Every value passes through fit.ts on the way in: out of range is clamped, not-a-number is
// refused, text is cleaned and cut — so whatever is edited saves and reopens the same.
import type { Design, DesignEdge, DesignNode, EdgeParams, NodeParams, Position, Slo } from './design';
import { GROUP_KIND } from './design';
import { clampNumber, FORBIDDEN_KEYS, fitEdge, fitEdgeParams, fitName, fitNode, fitNodeParams, fitPosition, fitSize, fitSlo } from './fit';
import { PARAM_RULES, TEXT_LIMITS } from './rules';
import { fitText } from './text';
import { nextId, takenIds } from './ids';
import { nodeSize } from './geometry';
import { setParam } from './param-path';
import { modeBetween, type RoleOf } from './connection-mode';
import { withoutScenarioOf } from './scenario-commands';

export { addScenarioEvent, removeScenarioEvent, setAutoscale, setConnectionResilience, setScenario, setSourceProfile, updateScenarioEvent } from './scenario-commands';
import { dropRoutesAt, withMembers, withoutRoute } from './routes';

const noRoles: RoleOf = () => undefined;

export function rename(design: Design, name: string): Design {
  const fitted = fitName(name);
  return fitted === design.name ? design : { ...design, name: fitted };
}

export function addNodes(design: Design, nodes: DesignNode[], edges: DesignEdge[] = []): Design {
  if (nodes.length === 0 && edges.length === 0) return design;
  // Frames go first so that their members render above them.
  const fitted = nodes.map(fitNode);
  const groups = fitted.filter((n) => n.kind === GROUP_KIND);
  const others = fitted.filter((n) => n.kind !== GROUP_KIND);
  return {
    ...design,
    nodes: [...groups, ...design.nodes, ...others],
    edges: [...design.edges, ...edges.map(fitEdge)],
  };
}

export function connect(design: Design, edge: DesignEdge): Design {
  if (edge.source === edge.target) return design;
  const exists = design.edges.some((e) => e.source === edge.source && e.target === edge.target);
  return exists ? design : { ...design, edges: [...design.edges, fitEdge(edge)] };
}

/** Removes nodes (a frame takes its members with it) and edges, and every edge left dangling. */
export function removeElements(design: Design, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): Design {
  const gone = withMembers(design, nodeIds);
  const goneEdges = new Set(edgeIds);
  const nodes = design.nodes.filter((n) => !gone.has(n.id));
  const edges = design.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target));
  if (nodes.length === design.nodes.length && edges.length === design.edges.length) return design;
  // A removed component takes its scenario events and load profile with it.
  return withoutScenarioOf({ ...design, nodes, edges }, nodes);
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
  const moved: string[] = [];
  const next = mapNodes(design, new Set(positions.keys()), (n) => {
    const p = fitPosition(positions.get(n.id)!, n.position);
    if (p.x === n.position.x && p.y === n.position.y) return n;
    moved.push(n.id);
    return { ...n, position: { x: p.x, y: p.y } };
  });
  // A route was made for where its ends were: a hand-moved end never drags a stale one.
  return dropRoutesAt(next, moved);
}

export function nudge(design: Design, ids: Iterable<string>, dx: number, dy: number): Design {
  const moving = new Set(ids);
  const positions = new Map<string, Position>();
  for (const n of design.nodes) if (moving.has(n.id)) positions.set(n.id, { x: n.position.x + dx, y: n.position.y + dy });
  return moveNodes(design, positions);
}

export type NodePatch = Partial<Pick<DesignNode, 'label' | 'text' | 'size' | 'position'>> & { params?: NodeParams };

export function updateNode(design: Design, id: string, patch: NodePatch): Design {
  const updated = mapNodes(design, new Set([id]), (n) => {
    const next: DesignNode = { ...n };
    if (patch.label !== undefined) next.label = fitText(patch.label, TEXT_LIMITS.label);
    if (patch.text !== undefined) next.text = fitText(patch.text, TEXT_LIMITS.note);
    if (patch.position) next.position = fitPosition(patch.position, n.position);
    if (patch.size) next.size = fitSize(patch.size, n.size);
    if (patch.params) next.params = fitNodeParams(n.params, patch.params);
    const same = (Object.keys(next) as (keyof DesignNode)[]).every((k) => next[k] === n[k] || sameJson(next[k], n[k]));
    return same ? n : next;
  });
  return patch.position && updated !== design ? dropRoutesAt(updated, [id]) : updated;
}

const sameJson = (a: unknown, b: unknown) => typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);

/**
 * Sets the replica count of several components at once: a capacity plan is one undo step.
 * Counts are clamped to the replicas rule; one that is not a number leaves its component as it is.
 */
export function setReplicas(design: Design, replicas: Readonly<Record<string, number>>): Design {
  const ids = new Set(Object.keys(replicas));
  return mapNodes(design, ids, (n) => {
    const r = clampNumber(replicas[n.id], PARAM_RULES.replicas);
    return r === undefined || n.params.replicas === r ? n : { ...n, params: { ...n.params, replicas: r } };
  });
}

/** Sets the design's SLO (clamped to its rules), or removes it with null. Not a number: no change. */
export function setSlo(design: Design, slo: Slo | null): Design {
  if (slo === null) {
    if (design.slo === undefined) return design;
    const { slo: _drop, ...rest } = design;
    return rest as Design;
  }
  const fitted = fitSlo(slo);
  if (!fitted || sameJson(fitted, design.slo)) return design;
  return { ...design, slo: fitted };
}

export function updateEdge(design: Design, id: string, patch: { params?: EdgeParams; label?: string }): Design {
  let changed = false;
  const edges = design.edges.map((e) => {
    if (e.id !== id) return e;
    const next: DesignEdge = { ...e };
    if (patch.params) next.params = fitEdgeParams(e.params, patch.params);
    if (patch.label !== undefined) next.label = fitText(patch.label, TEXT_LIMITS.label);
    if (sameJson(next.params, e.params) && next.label === e.label) return e;
    changed = true;
    return next;
  });
  return changed ? { ...design, edges } : design;
}

export function setNotes(design: Design, step: string, text: string): Design {
  const key = fitText(step, TEXT_LIMITS.id);
  const note = fitText(text, TEXT_LIMITS.note);
  if (FORBIDDEN_KEYS.has(key)) return design;
  if (design.notes[key] === note || (!Object.hasOwn(design.notes, key) && note === '')) return design;
  return { ...design, notes: { ...design.notes, [key]: note } };
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
    const next: DesignNode = { ...n, position: fitPosition({ x: abs.x - origin.x, y: abs.y - origin.y }, n.position) };
    if (groupId) next.parentId = groupId;
    else delete next.parentId;
    return next;
  });
}

// Named edits the editor's verbs dispatch: each is the whole change of one user action, so a
// component never composes edits itself, and each returns the same design when nothing changes.

/**
 * Adds a component; with `from` (an existing node) also a connection from it to the new one, in
 * the mode the kinds it joins call for (connection-mode.ts; `roleOf` reads the catalog).
 */
export function addComponent(design: Design, node: DesignNode, from?: string, roleOf: RoleOf = noRoles): Design {
  const next = addNodes(design, [node]);
  if (!from || !design.nodes.some((n) => n.id === from)) return next;
  return connectNodes(next, from, node.id, undefined, roleOf);
}

/**
 * Connects two nodes with a new connection named after the ones already there; without
 * `params`, in the mode the kinds it joins call for.
 */
export function connectNodes(design: Design, source: string, target: string, params?: EdgeParams, roleOf: RoleOf = noRoles): Design {
  const fitted = params ?? { mode: modeBetween(design, source, target, roleOf) };
  return connect(design, { id: nextId(takenIds(design), 'e'), source, target, params: fitted });
}

/** Adds a frame and puts the given top-level nodes in it, keeping where they are on the canvas. */
export function frameNodes(design: Design, frame: DesignNode, memberIds: string[]): Design {
  if (memberIds.length === 0) return design;
  return setParent(addNodes(design, [frame]), memberIds, frame.id);
}

/** Moves a connection's ends; refused (no change) for a loop, a missing node or a second same pipe. */
export function reconnect(design: Design, edgeId: string, source: string, target: string): Design {
  const edge = design.edges.find((e) => e.id === edgeId);
  if (!edge || source === target || (edge.source === source && edge.target === target)) return design;
  if (!design.nodes.some((n) => n.id === source) || !design.nodes.some((n) => n.id === target)) return design;
  if (design.edges.some((e) => e.id !== edgeId && e.source === source && e.target === target)) return design;
  return { ...design, edges: design.edges.map((e) => (e.id === edgeId ? withoutRoute({ ...e, source, target }) : e)) };
}

/** Sets one parameter of a node by its dotted key (e.g. `service.meanMs`); `undefined` removes it. */
export function setNodeParam(design: Design, id: string, key: string, value: unknown): Design {
  const node = design.nodes.find((n) => n.id === id);
  return node ? updateNode(design, id, { params: setParam(node.params, key, value) }) : design;
}

/** Changes some parameters of a connection, keeping the others. */
export function setEdgeParams(design: Design, id: string, patch: Partial<EdgeParams>): Design {
  const edge = design.edges.find((e) => e.id === id);
  return edge ? updateEdge(design, id, { params: { ...edge.params, ...patch } }) : design;
}

/**
 * Where dragged nodes were let go: they take their new positions, and a component whose centre
 * lands inside a frame joins it (the topmost such frame); dragged out of its frame, it leaves.
 */
export function dropNodes(design: Design, positions: ReadonlyMap<string, Position>): Design {
  let d = moveNodes(design, positions);
  const frames = d.nodes.filter((n) => n.kind === GROUP_KIND);
  for (const id of positions.keys()) {
    const node = d.nodes.find((n) => n.id === id);
    if (!node || node.kind === GROUP_KIND) continue;
    const p = absolutePosition(d, node);
    const size = nodeSize(node);
    const cx = p.x + size.width / 2;
    const cy = p.y + size.height / 2;
    const inside = frames.findLast((f) => {
      const fp = absolutePosition(d, f);
      return cx >= fp.x && cy >= fp.y && cx <= fp.x + (f.size?.width ?? 0) && cy <= fp.y + (f.size?.height ?? 0);
    });
    if (inside?.id !== node.parentId) d = setParent(d, [id], inside?.id);
  }
  return d;
}
