// A fragment: some nodes and the edges between them, as copied, duplicated or pasted.
import type { Design, DesignEdge, DesignNode } from './design';
import { absolutePosition } from './commands';
import { nextId, takenIds } from './ids';
import { withoutRoute } from './routes';

export interface Fragment {
  nodes: DesignNode[];
  edges: DesignEdge[];
}

/** The selected nodes (with the members of selected frames) and the edges among them. */
export function extractFragment(design: Design, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  for (let grew = true; grew; ) {
    grew = false;
    for (const n of design.nodes) {
      if (n.parentId && ids.has(n.parentId) && !ids.has(n.id)) {
        ids.add(n.id);
        grew = true;
      }
    }
  }
  const nodes = design.nodes
    .filter((n) => ids.has(n.id))
    .map((n) => {
      // A member copied without its frame keeps its place on the canvas, outside any frame.
      if (n.parentId && !ids.has(n.parentId)) {
        const { parentId: _drop, ...rest } = n;
        return { ...rest, position: absolutePosition(design, n) };
      }
      return n;
    });
  const edges = design.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { nodes, edges };
}

/** Copies a fragment with fresh ids (unique in `design`), moved by `offset`. */
export function cloneFragment(design: Design, fragment: Fragment, offset = { x: 40, y: 40 }): Fragment {
  const taken = takenIds(design);
  const idMap = new Map<string, string>();
  for (const n of fragment.nodes) {
    const id = nextId(taken, n.kind);
    taken.add(id);
    idMap.set(n.id, id);
  }
  const nodes = fragment.nodes.map((n) => {
    const parentId = n.parentId ? idMap.get(n.parentId) : undefined;
    const copy: DesignNode = structuredClone(n);
    copy.id = idMap.get(n.id)!;
    if (parentId) {
      copy.parentId = parentId;
    } else {
      delete copy.parentId;
      copy.position = { x: n.position.x + offset.x, y: n.position.y + offset.y };
    }
    return copy;
  });
  const edges = fragment.edges
    .filter((e) => idMap.has(e.source) && idMap.has(e.target))
    .map((e) => {
      const id = nextId(taken, 'e');
      taken.add(id);
      // A copy lands elsewhere: its route was made for the original's place.
      return withoutRoute({ ...structuredClone(e), id, source: idMap.get(e.source)!, target: idMap.get(e.target)! });
    });
  return { nodes, edges };
}
