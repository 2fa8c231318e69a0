// What the worker sends back of ELK's answer: positions, sizes and each edge's route (routes
// between bands filled in here, since ELK lays each band out on its own), without ELK's
// internal fields. Pure, so the tests' in-process worker answers exactly as the real one.
import { routeBetweenBands } from './cross-band-routes';
import { PIECE, type ElkEdgeJson, type ElkNodeJson } from './to-elk-graph';

export function answerOf(laidOut: ElkNodeJson, near = false): ElkNodeJson {
  routeBetweenBands(laidOut, PIECE, near);
  return positions(laidOut);
}

function positions(n: ElkNodeJson): ElkNodeJson {
  const out: ElkNodeJson = { id: n.id, x: n.x, y: n.y, width: n.width, height: n.height };
  if (n.children?.length) out.children = n.children.map(positions);
  if (n.edges?.length) out.edges = n.edges.map(route);
  return out;
}

function route(e: ElkEdgeJson): ElkEdgeJson {
  const out: ElkEdgeJson = { id: e.id, sources: e.sources, targets: e.targets };
  if (e.sections?.length) out.sections = e.sections.map((s) => ({ startPoint: s.startPoint, endPoint: s.endPoint, bendPoints: s.bendPoints }));
  return out;
}
