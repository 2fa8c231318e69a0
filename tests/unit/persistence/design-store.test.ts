import { describe, expect, it } from 'vitest';
import { DesignStore, memoryKeyValue, type KeyValue } from '../../../src/persistence/design-store';
import { emptyDesign } from '../../../src/model/design';

describe('DesignStore', () => {
  it('saves, lists newest first, loads, removes', async () => {
    const store = new DesignStore(memoryKeyValue());
    await store.save('a', emptyDesign('First'), 1000);
    await store.save('b', emptyDesign('Second'), 2000);
    await store.save('a', emptyDesign('First, renamed'), 3000);
    const list = await store.list();
    expect(list.ok && list.value.map((m) => [m.id, m.name])).toEqual([['a', 'First, renamed'], ['b', 'Second']]);
    const loaded = await store.load('a');
    expect(loaded.ok && loaded.value?.rev).toBe(2);
    await store.setLastOpened('b');
    await store.remove('b');
    const last = await store.lastOpened();
    expect(last.ok && last.value).toBeUndefined();
    const after = await store.list();
    expect(after.ok && after.value.map((m) => m.id)).toEqual(['a']);
  });

  it('turns storage failures into messages', async () => {
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const broken: KeyValue = { get: async () => undefined, set: async () => { throw quota; }, del: async () => {} };
    const r = await new DesignStore(broken).save('a', emptyDesign());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/storage is full.*Export/);
    const gone: KeyValue = { get: () => Promise.reject(new Error('IndexedDB is not available')), set: async () => {}, del: async () => {} };
    const l = await new DesignStore(gone).list();
    expect(!l.ok && l.error).toMatch(/not available.*export/);
  });
});
