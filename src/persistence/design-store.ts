// Designs in the browser: one record per design plus a small index for the designs list.
// The key-value backend is injected (IndexedDB in the app, a Map in unit tests), and every
// failure comes back as a message — the caller keeps the design in memory and can still export.
// A save writes the record and the index in one transaction that also checks the record's own
// revision, so a tab closed mid-save leaves both as they were, and two tabs saving different
// designs never get in each other's way.
import type { Design } from '../model/design';
import { designKey, INDEX_KEY, indexMatches, newestFirst, rebuildIndex, revisionOf, usableEntries, type DesignMeta } from './design-index';

export type { DesignMeta } from './design-index';

/** Writes of one transaction: key → new value; `undefined` deletes the key. */
export type Writes = Map<string, unknown>;

export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  keys(): Promise<string[]>;
  /**
   * One read-write transaction: reads `keys` (`'all'`: every key), hands the values to
   * `change`, and writes what it returns. Nothing else writes in between, and either every
   * write lands or none does. `change` is synchronous; if it throws, nothing is written and
   * the promise rejects with what it threw.
   */
  update(keys: readonly string[] | 'all', change: (values: ReadonlyMap<string, unknown>) => Writes | void): Promise<void>;
}

export interface StoredDesign {
  id: string;
  /** Raw as stored: it goes through restore() when opened. */
  design: unknown;
  updatedAt: number;
  /** Increases with each save; another tab uses it to notice it is behind. */
  rev: number;
}

/** A record as read back: `raw` is whatever is stored, which may be damaged. */
export interface LoadedRecord {
  raw: unknown;
  design: unknown;
  rev: number;
}

/**
 * `conflict`: the record was saved by someone else (another tab) since the caller read it.
 * `late`: the store did not answer in time; this settles if it ever does.
 */
export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: string; conflict?: boolean; late?: Promise<StoreResult<T>> };

export const CONFLICT_MESSAGE = 'This design was changed in another tab.';
/** IndexedDB can hang without an error (an open that never answers): waiting longer helps nobody. */
export const STORAGE_TIMEOUT_MS = 5000;

const LAST_KEY = 'last';

class Conflict extends Error {}
const NOT_ANSWERING = new Error('the browser\'s storage did not answer');

export function storageMessage(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  if (name === 'QuotaExceededError') return 'The browser\'s storage is full: this design is not saved. Export it to a file, or delete old designs.';
  return `Saving in the browser is not available (${(e as Error)?.message ?? String(e)}). Your work stays open here; export it to a file to keep it.`;
}

async function settle<T>(fn: () => Promise<T>): Promise<StoreResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return e instanceof Conflict ? { ok: false, error: CONFLICT_MESSAGE, conflict: true } : { ok: false, error: storageMessage(e) };
  }
}

export class DesignStore {
  /** A call that timed out and has not answered yet: until it does, the store is not answering. */
  private stuck: Promise<unknown> | null = null;

  constructor(private kv: KeyValue, private timeoutMs = STORAGE_TIMEOUT_MS) {}

  private async attempt<T>(fn: () => Promise<T>): Promise<StoreResult<T>> {
    if (this.stuck) return { ok: false, error: storageMessage(NOT_ANSWERING) };
    const run = settle(fn);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.timeoutMs)));
    const first = await Promise.race([run, timeout]);
    clearTimeout(timer);
    if (first) return first;
    this.stuck = run;
    void run.then(() => this.stuck === run && (this.stuck = null));
    return { ok: false, error: storageMessage(NOT_ANSWERING), late: run };
  }

  list(): Promise<StoreResult<DesignMeta[]>> {
    return this.attempt(async () => {
      const [index, keys] = await Promise.all([this.kv.get(INDEX_KEY), this.kv.keys()]);
      if (indexMatches(index, keys)) return newestFirst(index);
      // Rebuilt inside one transaction, so a save in another tab cannot slip between read and write.
      let rebuilt: DesignMeta[] = [];
      await this.kv.update('all', (all) => {
        rebuilt = rebuildIndex(all);
        return new Map([[INDEX_KEY, rebuilt]]);
      });
      return newestFirst(rebuilt);
    });
  }

  load(id: string): Promise<StoreResult<LoadedRecord | undefined>> {
    return this.attempt(async () => {
      const raw = await this.kv.get<unknown>(designKey(id));
      if (raw === undefined) return undefined;
      const design = typeof raw === 'object' && raw !== null ? (raw as { design?: unknown }).design : undefined;
      return { raw, design, rev: revisionOf(raw) };
    });
  }

  /**
   * Saves and returns the new revision. With `expectedRev`, refuses (conflict) when the stored
   * record's revision is not that one: another tab saved meanwhile, and writing would lose its work.
   */
  save(id: string, design: Design, now = Date.now(), expectedRev?: number): Promise<StoreResult<number>> {
    return this.attempt(async () => {
      let rev = 0;
      await this.kv.update([designKey(id), INDEX_KEY], (values) => {
        const stored = revisionOf(values.get(designKey(id)));
        if (expectedRev !== undefined && stored !== expectedRev) throw new Conflict(CONFLICT_MESSAGE);
        rev = stored + 1;
        const meta: DesignMeta = { id, name: design.name, updatedAt: now, nodeCount: design.nodes.length };
        // Unusable entries are dropped here; list() notices the designs they stood for and rebuilds.
        const index = usableEntries(values.get(INDEX_KEY)).filter((m) => m.id !== id);
        return new Map<string, unknown>([
          [designKey(id), { id, design, updatedAt: now, rev } satisfies StoredDesign],
          [INDEX_KEY, [...index, meta]],
        ]);
      });
      return rev;
    });
  }

  remove(id: string): Promise<StoreResult<void>> {
    return this.attempt(() =>
      this.kv.update([INDEX_KEY, LAST_KEY], (values) => {
        const writes: Writes = new Map([
          [designKey(id), undefined],
          [INDEX_KEY, usableEntries(values.get(INDEX_KEY)).filter((m) => m.id !== id)],
        ]);
        if (values.get(LAST_KEY) === id) writes.set(LAST_KEY, undefined);
        return writes;
      }),
    );
  }

  lastOpened(): Promise<StoreResult<string | undefined>> {
    return this.attempt(async () => {
      const last = await this.kv.get<unknown>(LAST_KEY);
      return typeof last === 'string' ? last : undefined;
    });
  }

  setLastOpened(id: string): Promise<StoreResult<void>> {
    return this.attempt(() => this.kv.update([], () => new Map([[LAST_KEY, id]])));
  }
}

export function newDesignId(): string {
  const rnd = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return rnd.replace(/-/g, '').slice(0, 16);
}

/** The same contract as IndexedDB, in memory: values are cloned, and an update is all or nothing. */
export function memoryKeyValue(): KeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(k: string) => structuredClone(data.get(k)) as T | undefined,
    keys: async () => [...data.keys()],
    update: async (keys, change) => {
      const read = keys === 'all' ? [...data.keys()] : keys;
      const writes = change(new Map(read.map((k) => [k, structuredClone(data.get(k))])));
      // Cloned first: a value that cannot be stored fails the whole update before anything lands.
      const cloned = [...(writes ?? [])].map(([k, v]) => [k, structuredClone(v)] as const);
      for (const [k, v] of cloned) {
        if (v === undefined) data.delete(k);
        else data.set(k, v);
      }
    },
  };
}
