// A connection's route: the bend points auto-layout found for it (`edge.route`, absolute canvas
// coordinates), drawn as a polyline from the source's handle to the target's. A route is only
// true for the places its ends had when it was made, so moving either end drops it and the
// pipe is drawn as the default curve again.
import type { Design, DesignEdge, Position } from './design';
import { COORD_LIMIT } from './rules';

/** More bend points than this is not a route a layout makes: the file is refused that route. */
export const ROUTE_MAX_POINTS = 200;

/** What is wrong with a saved route, or null when it is absent or usable. */
export function routeProblem(route: unknown): string | null {
  if (route === undefined) return null;
  if (!Array.isArray(route)) return 'its route must be a list of points';
  if (route.length > ROUTE_MAX_POINTS) return `its route has more than ${ROUTE_MAX_POINTS} points`;
  for (const p of route) {
    const ok = p !== null && typeof p === 'object' && [(p as Position).x, (p as Position).y].every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= COORD_LIMIT);
    if (!ok) return `its route has a point that is not {x, y} within ±${COORD_LIMIT}`;
  }
  return null;
}

/** The edge with only `{x, y}` in each bend point, or without its route when that is unusable. */
export function fitRoute(edge: DesignEdge): DesignEdge {
  if (edge.route === undefined) return edge;
  if (routeProblem(edge.route) !== null || (edge.route as unknown[]).length === 0) return withoutRoute(edge);
  return { ...edge, route: (edge.route as Position[]).map((p) => ({ x: p.x, y: p.y })) };
}

export function withoutRoute(edge: DesignEdge): DesignEdge {
  const { route: _drop, ...rest } = edge;
  return rest as DesignEdge;
}

/**
 * Drops the routes of every connection at a moved node or at anything inside a moved frame
 * (members are stored relative to their frame, so they move with it). The same design back
 * when no route is touched.
 */
export function dropRoutesAt(design: Design, moved: Iterable<string>): Design {
  if (!design.edges.some((e) => e.route !== undefined)) return design;
  const ids = withMembers(design, moved);
  if (ids.size === 0) return design;
  let changed = false;
  const edges = design.edges.map((e) => {
    if (e.route === undefined || (!ids.has(e.source) && !ids.has(e.target))) return e;
    changed = true;
    return withoutRoute(e);
  });
  return changed ? { ...design, edges } : design;
}

/** The given nodes and everything inside those that are frames, at any depth. */
export function withMembers(design: Design, ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of design.nodes) {
      if (n.parentId && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Sets (or with null, removes) the routes of the given connections; the same design when nothing changes. */
export function setRoutes(design: Design, routes: ReadonlyMap<string, readonly Position[] | null>): Design {
  let changed = false;
  const edges = design.edges.map((e) => {
    if (!routes.has(e.id)) return e;
    const r = routes.get(e.id);
    if (!r || r.length === 0) {
      if (e.route === undefined) return e;
      changed = true;
      return withoutRoute(e);
    }
    changed = true;
    return fitRoute({ ...e, route: r.map((p) => ({ x: p.x, y: p.y })) });
  });
  return changed ? { ...design, edges } : design;
}
