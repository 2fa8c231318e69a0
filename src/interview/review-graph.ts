// The design's graph as the review reads it: which components the online path reaches, what
// feeds what. Plain functions of the document, so a review never depends on the canvas.
import type { Design, DesignNode, EdgeMode } from '../model/design';
import { isDrawingOnly } from '../model/design';
import { isSource } from '../model/source';

export interface ReviewGraph {
  nodes: Map<string, DesignNode>;
  components: DesignNode[];
  sources: DesignNode[];
  /** Components reached from a source over sync connections only: the path a user waits on. */
  syncPath: Set<string>;
  /** Everything downstream of `from` over any connection (`from` included). */
  downstream(from: Iterable<string>, modes?: readonly EdgeMode[]): Set<string>;
  incoming(id: string): Design['edges'];
  outgoing(id: string): Design['edges'];
}

export function reviewGraph(design: Design): ReviewGraph {
  const nodes = new Map(design.nodes.map((n) => [n.id, n]));
  const components = design.nodes.filter((n) => !isDrawingOnly(n));
  const sources = components.filter((n) => isSource(n) && n.params.rps > 0);
  const out = new Map<string, Design['edges']>();
  const inc = new Map<string, Design['edges']>();
  for (const e of design.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e);
    (inc.get(e.target) ?? inc.set(e.target, []).get(e.target)!).push(e);
  }
  function downstream(from: Iterable<string>, modes?: readonly EdgeMode[]): Set<string> {
    const seen = new Set(from);
    const todo = [...seen];
    while (todo.length) {
      for (const e of out.get(todo.pop()!) ?? []) {
        if (modes && !modes.includes(e.params.mode)) continue;
        if (!seen.has(e.target)) (seen.add(e.target), todo.push(e.target));
      }
    }
    return seen;
  }
  const syncPath = downstream(sources.map((s) => s.id), ['sync']);
  for (const s of sources) syncPath.delete(s.id);
  return {
    nodes,
    components,
    sources,
    syncPath,
    downstream,
    incoming: (id) => inc.get(id) ?? [],
    outgoing: (id) => out.get(id) ?? [],
  };
}
