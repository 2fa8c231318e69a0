// Short readable ids: a prefix from the kind and a counter unique within the design.
import type { Design } from './design';

export function nextId(taken: ReadonlySet<string>, prefix: string): string {
  const base = prefix.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 24) || 'n';
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}

export function takenIds(design: Design): Set<string> {
  const ids = new Set<string>();
  for (const n of design.nodes) ids.add(n.id);
  for (const e of design.edges) ids.add(e.id);
  return ids;
}
