// The catalog as the app uses it: look up a kind, its defaults, and filter by typing.
import type { NodeParams } from '../model/design';
import type { Category, CategoryId, ComponentKind } from './types';

export const CATEGORIES: Category[] = [
  { id: 'clients-edge', name: 'Clients & edge' },
  { id: 'online-serving', name: 'Online serving' },
  { id: 'storage', name: 'Storage & retrieval' },
  { id: 'streaming', name: 'Streaming' },
  { id: 'batch', name: 'Batch & offline data' },
  { id: 'ml-lifecycle', name: 'ML lifecycle' },
  { id: 'genai', name: 'GenAI & LLM serving' },
];

export interface Catalog {
  kinds: ComponentKind[];
  categories: Category[];
  get(kind: string): ComponentKind | undefined;
  /** A fresh copy of the kind's default parameters, or undefined for an unknown kind. */
  defaultsFor(kind: string): NodeParams | undefined;
  /** Kinds matching typed text, best first: name prefix, word prefix, then anywhere. */
  search(text: string): ComponentKind[];
}

export function buildCatalog(defs: ComponentKind[]): Catalog {
  const order = new Map<CategoryId, number>(CATEGORIES.map((c, i) => [c.id, i]));
  const kinds = [...defs].sort((a, b) => (order.get(a.category)! - order.get(b.category)!) || a.name.localeCompare(b.name));
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  return {
    kinds,
    categories: CATEGORIES,
    get: (kind) => byKind.get(kind),
    defaultsFor: (kind) => {
      const def = byKind.get(kind);
      return def ? structuredClone(def.defaults) : undefined;
    },
    search: (text) => search(kinds, text),
  };
}

function search(kinds: ComponentKind[], text: string): ComponentKind[] {
  const q = text.trim().toLowerCase();
  if (!q) return kinds;
  const scored: [number, ComponentKind][] = [];
  for (const k of kinds) {
    const name = k.name.toLowerCase();
    const words = `${name} ${k.kind.replace(/-/g, ' ')}`.split(/[\s()/,&]+/);
    let score = -1;
    if (name.startsWith(q) || k.kind.startsWith(q)) score = 0;
    else if (words.some((w) => w.startsWith(q))) score = 1;
    else if (name.includes(q) || k.kind.includes(q)) score = 2;
    else if (k.description.toLowerCase().includes(q) || k.category.includes(q)) score = 3;
    if (score >= 0) scored.push([score, k]);
  }
  return scored.sort((a, b) => a[0] - b[0]).map(([, k]) => k);
}
