// The open design, kept synchronously when the page goes away with a save not yet confirmed.
// IndexedDB only works asynchronously: a transaction started as the page unloads may never get
// to write (a reload right after typing lost the last edit about once in forty tries). Web
// Storage writes before the call returns, so the design is kept there until the next start
// writes it back where it belongs (Library.recoverBackups). One entry per design, small and
// short-lived; a browser that refuses Web Storage simply has no backup.

const PREFIX = 'mlsd-unsaved:';

export interface UnloadBackup {
  id: string;
  /** The stored revision the design was edited from: the save it stands for expected this one. */
  rev: number;
  /** The design as it was in memory (restore() checks it before it is saved). */
  design: unknown;
  at: number;
}

/** What is used of Web Storage (localStorage in the app, a Map in unit tests). */
export interface SyncStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The page's localStorage, or null where it is refused (a sandboxed frame, disabled storage). */
export function pageStorage(): SyncStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Keeps the design now; false when the storage refused it (full, or disabled). */
export function keepBackup(storage: SyncStorage | null, backup: UnloadBackup): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PREFIX + backup.id, JSON.stringify(backup));
    return true;
  } catch {
    return false;
  }
}

export function dropBackup(storage: SyncStorage | null, id: string): void {
  try {
    storage?.removeItem(PREFIX + id);
  } catch {
    // Nothing to do: a storage that cannot remove has nothing we could rely on either.
  }
}

/** Every backup kept, oldest first. An entry that is not one of ours in good shape is removed. */
export function readBackups(storage: SyncStorage | null): UnloadBackup[] {
  if (!storage) return [];
  const out: UnloadBackup[] = [];
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(PREFIX)) keys.push(k);
    }
    for (const k of keys) {
      const b = parse(storage.getItem(k));
      if (b && PREFIX + b.id === k) out.push(b);
      else storage.removeItem(k);
    }
  } catch {
    return out;
  }
  return out.sort((a, b) => a.at - b.at);
}

function parse(text: string | null): UnloadBackup | null {
  try {
    const v = JSON.parse(text ?? '') as Partial<UnloadBackup>;
    const ok = typeof v === 'object' && v !== null && typeof v.id === 'string' && Number.isInteger(v.rev) && (v.rev as number) >= 0 && typeof v.at === 'number';
    return ok ? { id: v.id!, rev: v.rev!, design: v.design, at: v.at! } : null;
  } catch {
    return null;
  }
}
