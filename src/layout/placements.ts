// Applying a layout to a design, and the in-between states of its animation. Pure: the app
// decides which of these states are recorded in the history.
import type { Design, Position } from '../model/design';
import { fitPosition, fitSize } from '../model/fit';
import { dropRoutesAt, setRoutes } from '../model/routes';
import type { Placement } from './to-elk-graph';

export type Placements = ReadonlyMap<string, Placement>;
/** New routes by connection id; null: drawn as the default curve. */
export type Routes = ReadonlyMap<string, readonly Position[] | null>;

/**
 * Sets positions (and frame sizes) in one pass, and the routes given; the routes of other
 * connections at a moved node are dropped. The same design back when nothing changes.
 */
export function applyPlacements(design: Design, placements: Placements, routes?: Routes): Design {
  const moved: string[] = [];
  const nodes = design.nodes.map((n) => {
    const p = placements.get(n.id);
    if (!p) return n;
    const shifted = p.position.x !== n.position.x || p.position.y !== n.position.y;
    const resized = !!p.size && (p.size.width !== n.size?.width || p.size.height !== n.size?.height);
    if (!shifted && !resized) return n;
    moved.push(n.id);
    // Through the model's rules, like any edit: a layout never places what cannot be saved.
    const next = { ...n, position: fitPosition(p.position, n.position) };
    if (resized) next.size = fitSize(p.size!, n.size);
    return next;
  });
  const placed = moved.length > 0 ? dropRoutesAt({ ...design, nodes }, moved) : design;
  return routes ? setRoutes(placed, routes) : placed;
}

/**
 * The routes, among those not yet `set`, whose connections have both ends (and the frames
 * around them) at their final places, none still `pending`: a chunked apply sets each route
 * in the step that places the last of its ends, where its pipe is drawn anew anyway.
 */
export function readyRoutes(design: Design, routes: Routes, pending: ReadonlySet<string>, set: Set<string>): Map<string, readonly Position[] | null> {
  const parent = new Map(design.nodes.map((n) => [n.id, n.parentId]));
  const settled = (id: string) => {
    const seen = new Set<string>();
    for (let at: string | undefined = id; at && !seen.has(at); at = parent.get(at)) {
      if (pending.has(at)) return false;
      seen.add(at);
    }
    return true;
  };
  const out = new Map<string, readonly Position[] | null>();
  for (const e of design.edges) {
    if (!routes.has(e.id) || set.has(e.id) || !settled(e.source) || !settled(e.target)) continue;
    out.set(e.id, routes.get(e.id)!);
    set.add(e.id);
  }
  return out;
}

/** Whether applying `routes` would change any connection's route. */
export function routesDiffer(design: Design, routes: Routes): boolean {
  return design.edges.some((e) => routes.has(e.id) && JSON.stringify(routes.get(e.id) ?? undefined) !== JSON.stringify(e.route));
}

/** Where the nodes a layout will move are now: the start of the animation. */
export function currentPlacements(design: Design, ids: Iterable<string>): Map<string, Placement> {
  const wanted = new Set(ids);
  const out = new Map<string, Placement>();
  for (const n of design.nodes) {
    if (!wanted.has(n.id)) continue;
    const p: Placement = { position: { ...n.position } };
    if (n.size) p.size = { ...n.size };
    out.set(n.id, p);
  }
  return out;
}

/** How many nodes a layout actually moves or resizes. */
export function movedCount(from: Placements, to: Placements): number {
  let count = 0;
  for (const [id, b] of to) {
    const a = from.get(id);
    if (!a || a.position.x !== b.position.x || a.position.y !== b.position.y || (b.size && (a.size?.width !== b.size.width || a.size?.height !== b.size.height))) count++;
  }
  return count;
}

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/** The state a fraction `t` (0…1) of the way from `from` to `to`. */
export function interpolate(from: Placements, to: Placements, t: number): Map<string, Placement> {
  const out = new Map<string, Placement>();
  for (const [id, b] of to) {
    const a = from.get(id) ?? b;
    const p: Placement = { position: { x: mix(a.position.x, b.position.x, t), y: mix(a.position.y, b.position.y, t) } };
    if (b.size) {
      const s = a.size ?? b.size;
      p.size = { width: mix(s.width, b.size.width, t), height: mix(s.height, b.size.height, t) };
    }
    out.set(id, p);
  }
  return out;
}

/** Ease in and out, so the motion starts and lands softly. */
export const easeInOut = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2);
