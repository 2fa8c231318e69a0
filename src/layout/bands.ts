// Which horizontal band of a laid-out design a node belongs to, top to bottom: the online path
// (what a user's request waits on), the async streams it feeds (logs, queues, stream jobs), and
// the offline side (training, batch jobs, registries). Read from the connections' modes and the
// kinds' roles (model/connection-mode.ts); the catalog comes in as `roleOf`.
import { GROUP_KIND, NOTE_KIND, type Design } from '../model/design';
import type { RoleOf } from '../model/connection-mode';

export type Band = 'online' | 'async' | 'offline';
export const BANDS: readonly Band[] = ['online', 'async', 'offline'];

/** Categories that only ever run on a schedule (connection-mode.ts reads them the same way). */
const OFFLINE_CATEGORIES = new Set(['batch']);

/**
 * The band of every node:
 * - offline: its kind's role is offline (training, registry, offline store) or batch, or it is
 *   reached only through offline connections;
 * - online: reached from a source (a client; without one, from a node nothing points at)
 *   through sync connections only;
 * - async: reached from the online path through at least one async connection;
 * - anything else (a lone node, one fed only by nodes no request reaches) is online.
 * A frame takes the band most of its members have (ties go to the upper band); a note, the
 * band of its frame, else online.
 */
export function assignBands(design: Design, roleOf: RoleOf): Map<string, Band> {
  const band = new Map<string, Band>();
  const offlineKind = (kind: string) => {
    const r = roleOf(kind);
    return !!r && (r.role === 'offline' || OFFLINE_CATEGORIES.has(r.category));
  };
  const drawn = (kind: string) => kind === GROUP_KIND || kind === NOTE_KIND;
  const components = design.nodes.filter((n) => !drawn(n.kind));
  for (const n of components) if (offlineKind(n.kind)) band.set(n.id, 'offline');

  const out = new Map<string, { target: string; mode: string }[]>();
  const incoming = new Map<string, string[]>();
  for (const e of design.edges) {
    if (e.source === e.target) continue;
    if (!out.has(e.source)) out.set(e.source, []);
    out.get(e.source)!.push({ target: e.target, mode: e.params.mode });
    if (!incoming.has(e.target)) incoming.set(e.target, []);
    incoming.get(e.target)!.push(e.params.mode);
  }
  const sources = components.filter((n) => roleOf(n.kind)?.role === 'source');
  const roots = sources.length > 0 ? sources : components.filter((n) => !incoming.has(n.id));

  // Online: a breadth-first walk over sync connections from the roots.
  const spread = (start: string[], mark: Band, follows: (mode: string) => boolean) => {
    const queue = start.filter((id) => !band.has(id));
    for (const id of queue) band.set(id, mark);
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const { target, mode } of out.get(id) ?? []) {
        if (!follows(mode) || band.has(target)) continue;
        band.set(target, mark);
        queue.push(target);
      }
    }
  };
  spread(roots.map((n) => n.id), 'online', (m) => m === 'sync');
  // Async: one step over an async connection from anything online or async, then onwards over
  // sync and async ones.
  const asyncStarts: string[] = [];
  for (const [id, b] of band) {
    if (b !== 'online') continue;
    for (const { target, mode } of out.get(id) ?? []) if (mode === 'async' && !band.has(target)) asyncStarts.push(target);
  }
  spread([...new Set(asyncStarts)], 'async', (m) => m !== 'offline');

  for (const n of components) {
    if (band.has(n.id)) continue;
    const modes = incoming.get(n.id) ?? [];
    band.set(n.id, modes.length > 0 && modes.every((m) => m === 'offline') ? 'offline' : 'online');
  }
  assignFrames(design, band);
  return band;
}

/** Frames by the majority of their members (innermost first, so nested frames count as one member). */
function assignFrames(design: Design, band: Map<string, Band>): void {
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const depth = (id: string) => {
    let d = 0;
    const seen = new Set<string>();
    for (let p = byId.get(id)?.parentId; p && !seen.has(p); p = byId.get(p)?.parentId) {
      seen.add(p);
      d++;
    }
    return d;
  };
  const frames = design.nodes.filter((n) => n.kind === GROUP_KIND).sort((a, b) => depth(b.id) - depth(a.id));
  for (const f of frames) {
    const counts: Record<Band, number> = { online: 0, async: 0, offline: 0 };
    for (const n of design.nodes) {
      const b = n.parentId === f.id ? band.get(n.id) : undefined;
      if (b) counts[b]++;
    }
    band.set(f.id, BANDS.reduce((best, b) => (counts[b] > counts[best] ? b : best), 'online' as Band));
  }
  for (const n of design.nodes) {
    if (n.kind !== NOTE_KIND) continue;
    band.set(n.id, (n.parentId && band.get(n.parentId)) || 'online');
  }
}
