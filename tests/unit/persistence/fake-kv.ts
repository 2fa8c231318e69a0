// A key-value store that misbehaves on demand, the ways IndexedDB does in the field: every call
// fails (quota, storage turned off), or nothing answers (an open that hangs) until it recovers.
import { memoryKeyValue, type KeyValue } from '../../../src/persistence/design-store';

export function faultyKeyValue() {
  const inner = memoryKeyValue();
  let failure: unknown = null;
  let hanging = false;
  const waiting: (() => void)[] = [];
  let updates = 0;

  async function gate<T>(run: () => Promise<T>): Promise<T> {
    if (hanging) await new Promise<void>((resolve) => waiting.push(resolve));
    if (failure) throw failure;
    return run();
  }

  const kv: KeyValue = {
    get: (k) => gate(() => inner.get(k)),
    keys: () => gate(() => inner.keys()),
    update: (keys, change) => gate(() => (updates++, inner.update(keys, change))),
  };
  return {
    ...kv,
    data: inner.data,
    get updates() {
      return updates;
    },
    fail(e: unknown) {
      failure = e;
    },
    hang() {
      hanging = true;
    },
    /** Answers again: calls that were hanging go on. */
    recover() {
      failure = null;
      hanging = false;
      waiting.splice(0).forEach((resolve) => resolve());
    },
  };
}
