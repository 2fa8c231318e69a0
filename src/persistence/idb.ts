// IndexedDB through idb-keyval, in its own database so nothing else on the origin collides.
// `update` is one readwrite transaction: the reads, the caller's decision and the writes happen
// inside it, so no other tab can write in between and a page closed mid-way commits nothing.
import { createStore, get, keys } from 'idb-keyval';
import type { KeyValue, Writes } from './design-store';

export function indexedDbKeyValue(): KeyValue {
  if (typeof indexedDB === 'undefined') {
    const err = () => Promise.reject(new Error('IndexedDB is not available in this browser'));
    return { get: err, keys: err, update: err };
  }
  const store = createStore('mlsd-sandbox', 'designs');
  return {
    get: (k) => get(k, store),
    keys: () => keys<string>(store),
    update: (wanted, change) =>
      store('readwrite', (os) => new Promise<void>((resolve, reject) => {
        const tx = os.transaction;
        tx.oncomplete = () => resolve();
        tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('the change was not saved'));
        // The decision runs in the last read's success handler, while the transaction is alive.
        readThen(os, wanted, (values) => {
          try {
            write(os, change(values));
            // Everything is asked for: commit now rather than after this page's next turn, which
            // may never come when it is closing.
            tx.commit?.();
          } catch (e) {
            tx.onabort = tx.onerror = null;
            tx.abort();
            reject(e);
          }
        });
      })),
  };
}

function readThen(os: IDBObjectStore, wanted: readonly string[] | 'all', then: (values: Map<string, unknown>) => void) {
  if (wanted === 'all') {
    const allKeys = os.getAllKeys();
    const allValues = os.getAll();
    // Both come back in key order, and requests in one transaction answer in the order made.
    allValues.onsuccess = () => then(new Map(allKeys.result.map((k, i) => [String(k), allValues.result[i]])));
    return;
  }
  if (wanted.length === 0) return then(new Map());
  const requests = wanted.map((k) => [k, os.get(k)] as const);
  requests[requests.length - 1][1].onsuccess = () => then(new Map(requests.map(([k, r]) => [k, r.result])));
}

function write(os: IDBObjectStore, writes: Writes | void) {
  for (const [k, v] of writes ?? []) {
    if (v === undefined) os.delete(k);
    else os.put(v, k);
  }
}
