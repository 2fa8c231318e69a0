// The designs list is a small index kept beside the design records. The records are the truth:
// an index that is damaged (not a list, a null or malformed entry, a design it misses) is
// rebuilt from them, so one bad entry never hides the designs or stops saving.

export interface DesignMeta {
  id: string;
  name: string;
  updatedAt: number;
  nodeCount: number;
}

export const INDEX_KEY = 'index';
const DESIGN_PREFIX = 'design:';
export const designKey = (id: string) => `${DESIGN_PREFIX}${id}`;

/** The design id a storage key holds, or undefined for the index and other keys. */
export function designIdOf(key: string): string | undefined {
  return key.startsWith(DESIGN_PREFIX) ? key.slice(DESIGN_PREFIX.length) : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export function isMeta(m: unknown): m is DesignMeta {
  return isObject(m) && typeof m.id === 'string' && typeof m.name === 'string' && isCount(m.updatedAt) && isCount(m.nodeCount);
}

/** The usable entries of whatever is stored under the index key (nothing usable: []). */
export function usableEntries(index: unknown): DesignMeta[] {
  return Array.isArray(index) ? index.filter(isMeta) : [];
}

/** True when `index` lists exactly the designs stored under `keys`, each once and well formed. */
export function indexMatches(index: unknown, keys: readonly string[]): index is DesignMeta[] {
  if (!Array.isArray(index) || !index.every(isMeta)) return false;
  const ids = new Set(index.map((m) => m.id));
  const stored = keys.map(designIdOf).filter((id) => id !== undefined);
  return ids.size === index.length && stored.length === ids.size && stored.every((id) => ids.has(id));
}

/** The list entry for a stored record, as far as the record can tell (a damaged one too). */
export function metaOf(id: string, record: unknown): DesignMeta {
  const design = isObject(record) && isObject(record.design) ? record.design : {};
  const name = typeof design.name === 'string' && design.name.trim() ? design.name : `Design ${id}`;
  const updatedAt = isObject(record) && isCount(record.updatedAt) ? record.updatedAt : 0;
  return { id, name, updatedAt, nodeCount: Array.isArray(design.nodes) ? design.nodes.length : 0 };
}

/** The index rebuilt from every stored record. */
export function rebuildIndex(all: ReadonlyMap<string, unknown>): DesignMeta[] {
  const index: DesignMeta[] = [];
  for (const [key, record] of all) {
    const id = designIdOf(key);
    if (id !== undefined) index.push(metaOf(id, record));
  }
  return index;
}

/** The revision a stored record carries; a record without one (or none at all) counts as 0. */
export function revisionOf(record: unknown): number {
  return isObject(record) && isCount(record.rev) ? record.rev : 0;
}

export const newestFirst = (index: DesignMeta[]) => [...index].sort((a, b) => b.updatedAt - a.updatedAt);
