// IndexedDB through idb-keyval, in its own database so nothing else on the origin collides.
import { createStore, del, get, set } from 'idb-keyval';
import type { KeyValue } from './design-store';

export function indexedDbKeyValue(): KeyValue {
  if (typeof indexedDB === 'undefined') {
    const err = () => Promise.reject(new Error('IndexedDB is not available in this browser'));
    return { get: err, set: err, del: err };
  }
  const store = createStore('mlsd-sandbox', 'designs');
  return {
    get: (k) => get(k, store),
    set: (k, v) => set(k, v, store),
    del: (k) => del(k, store),
  };
}
