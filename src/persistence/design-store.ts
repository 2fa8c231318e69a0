// Designs in the browser: one record per design plus a small index for the designs list.
// The key-value backend is injected (IndexedDB in the app, a Map in unit tests), and every
// failure comes back as a message — the caller keeps the design in memory and can still export.
import type { Design } from '../model/design';

export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export interface DesignMeta {
  id: string;
  name: string;
  updatedAt: number;
  nodeCount: number;
  /** The revision of the last save, kept here so a save need not read the design back. */
  rev?: number;
}

export interface StoredDesign {
  id: string;
  /** Raw as stored: it goes through restore() when opened. */
  design: unknown;
  updatedAt: number;
  /** Increases with each save; another tab uses it to notice it is behind. */
  rev: number;
}

/** `conflict`: the record was saved by someone else (another tab) since the caller read it. */
export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: string; conflict?: boolean };

export const CONFLICT_MESSAGE = 'This design was changed in another tab.';

const INDEX_KEY = 'index';
const LAST_KEY = 'last';
const designKey = (id: string) => `design:${id}`;

export function storageMessage(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  if (name === 'QuotaExceededError') return 'The browser\'s storage is full: this design is not saved. Export it to a file, or delete old designs.';
  return `Saving in the browser is not available (${(e as Error)?.message ?? String(e)}). Your work stays open here; export it to a file to keep it.`;
}

async function attempt<T>(fn: () => Promise<T>): Promise<StoreResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, error: storageMessage(e) };
  }
}

export class DesignStore {
  constructor(private kv: KeyValue) {}

  list(): Promise<StoreResult<DesignMeta[]>> {
    return attempt(async () => {
      const index = (await this.kv.get<DesignMeta[]>(INDEX_KEY)) ?? [];
      return Array.isArray(index) ? [...index].sort((a, b) => b.updatedAt - a.updatedAt) : [];
    });
  }

  load(id: string): Promise<StoreResult<StoredDesign | undefined>> {
    return attempt(() => this.kv.get<StoredDesign>(designKey(id)));
  }

  /**
   * Saves and returns the new revision. With `expectedRev`, refuses (conflict) when the stored
   * revision is not that one: another tab saved meanwhile, and writing would lose its work.
   */
  async save(id: string, design: Design, now = Date.now(), expectedRev?: number): Promise<StoreResult<number>> {
    let conflict = false;
    const r = await attempt(async () => {
      const all = (await this.kv.get<DesignMeta[]>(INDEX_KEY)) ?? [];
      const stored = all.find((m) => m.id === id)?.rev;
      // An index entry from before revisions were kept (no rev) cannot be checked.
      if (expectedRev !== undefined && stored !== undefined && stored !== expectedRev) {
        conflict = true;
        return 0;
      }
      const rev = (stored ?? 0) + 1;
      await this.kv.set(designKey(id), { id, design, updatedAt: now, rev } satisfies StoredDesign);
      const meta: DesignMeta = { id, name: design.name, updatedAt: now, nodeCount: design.nodes.length, rev };
      await this.kv.set(INDEX_KEY, [...all.filter((m) => m.id !== id), meta]);
      return rev;
    });
    return conflict ? { ok: false, error: CONFLICT_MESSAGE, conflict } : r;
  }

  remove(id: string): Promise<StoreResult<void>> {
    return attempt(async () => {
      await this.kv.del(designKey(id));
      const index = ((await this.kv.get<DesignMeta[]>(INDEX_KEY)) ?? []).filter((m) => m.id !== id);
      await this.kv.set(INDEX_KEY, index);
      if ((await this.kv.get<string>(LAST_KEY)) === id) await this.kv.del(LAST_KEY);
    });
  }

  lastOpened(): Promise<StoreResult<string | undefined>> {
    return attempt(() => this.kv.get<string>(LAST_KEY));
  }

  setLastOpened(id: string): Promise<StoreResult<void>> {
    return attempt(() => this.kv.set(LAST_KEY, id));
  }
}

export function newDesignId(): string {
  const rnd = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return rnd.replace(/-/g, '').slice(0, 16);
}

export function memoryKeyValue(): KeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(k: string) => structuredClone(data.get(k)) as T | undefined,
    set: async (k, v) => void data.set(k, structuredClone(v)),
    del: async (k) => void data.delete(k),
  };
}
