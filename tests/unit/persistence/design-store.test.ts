import { describe, expect, it } from 'vitest';
import { DesignStore, memoryKeyValue } from '../../../src/persistence/design-store';
import { emptyDesign, type Design } from '../../../src/model/design';
import { faultyKeyValue } from './fake-kv';

const withNodes = (name: string, count: number): Design => ({
  ...emptyDesign(name),
  nodes: Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: 'cache', position: { x: i * 200, y: 0 }, params: {} })),
});

const names = async (store: DesignStore) => {
  const l = await store.list();
  if (!l.ok) throw new Error(l.error);
  return l.value.map((m) => m.name);
};

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
    const kv = faultyKeyValue();
    kv.fail(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    const r = await new DesignStore(kv).save('a', emptyDesign());
    expect(!r.ok && r.error).toMatch(/storage is full.*Export/);
    kv.fail(new Error('IndexedDB is not available'));
    const l = await new DesignStore(kv).list();
    expect(!l.ok && l.error).toMatch(/not available.*export/);
  });

  it('a store that never answers is a failure after a while, not a save, and counts once it answers', async () => {
    const kv = faultyKeyValue();
    const store = new DesignStore(kv, 20);
    kv.hang();
    const r = await store.save('a', emptyDesign('Hung'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/Saving in the browser is not available \(the browser's storage did not answer\).*export/);
    // While that call has not answered, the store is not asked again (nothing would answer).
    const meanwhile = await store.list();
    expect(!meanwhile.ok && meanwhile.error).toMatch(/did not answer/);
    expect(kv.updates).toBe(0);
    kv.recover();
    const late = !r.ok && (await r.late);
    expect(late).toEqual({ ok: true, value: 1 });
    expect(await names(store)).toEqual(['Hung']);
  });

  it('writes the record and the index together or not at all', async () => {
    const kv = memoryKeyValue();
    const store = new DesignStore(kv);
    await store.save('a', emptyDesign('Kept'), 1000);
    const before = structuredClone([...kv.data]);
    // A value storage cannot hold fails the whole save: no record without its index entry.
    const unstorable = { ...emptyDesign('Broken'), extra: () => 0 } as unknown as Design;
    const r = await store.save('a', unstorable, 2000, 1);
    expect(r.ok).toBe(false);
    expect([...kv.data]).toEqual(before);
  });

  it('checks the revision of the record itself, so a stale index never raises a false conflict', async () => {
    const kv = memoryKeyValue();
    const store = new DesignStore(kv);
    await store.save('a', emptyDesign('A'), 1000);
    // What a save interrupted between two writes used to leave: the record ahead of the index.
    kv.data.set('design:a', { ...(kv.data.get('design:a') as object), rev: 2 });
    expect(await store.save('a', emptyDesign('A'), 2000, 2)).toEqual({ ok: true, value: 3 });
    const behind = await store.save('a', emptyDesign('A'), 3000, 2);
    expect(!behind.ok && behind.conflict).toBe(true);
  });

  it('two tabs saving different designs at once both keep their records and list entries', async () => {
    const kv = memoryKeyValue();
    const [tabA, tabB] = [new DesignStore(kv), new DesignStore(kv)];
    await Promise.all([tabA.save('a', emptyDesign('A'), 1000, 0), tabB.save('b', emptyDesign('B'), 1000, 0)]);
    const again = await Promise.all([tabA.save('a', emptyDesign('A'), 2000, 1), tabB.save('b', emptyDesign('B'), 2000, 1)]);
    expect(again).toEqual([{ ok: true, value: 2 }, { ok: true, value: 2 }]);
    expect((await names(tabA)).sort()).toEqual(['A', 'B']);
  });

  describe('a damaged index is rebuilt from the records and never stops saving', () => {
    const damaged: [string, unknown][] = [
      ['a null entry', [null]],
      ['not a list', { a: 1 }],
      ['a string', 'index'],
      ['an entry with a date that is not a number', [{ id: 'a', name: 'A', updatedAt: 'soon', nodeCount: 1 }]],
      ['an entry without a name', [{ id: 'b', updatedAt: 1, nodeCount: 1 }]],
      ['the same design twice', [{ id: 'a', name: 'A', updatedAt: 1, nodeCount: 1 }, { id: 'a', name: 'A', updatedAt: 1, nodeCount: 1 }]],
      ['a design missing', []],
    ];
    for (const [what, index] of damaged) {
      it(what, async () => {
        const kv = memoryKeyValue();
        const store = new DesignStore(kv);
        await store.save('a', withNodes('A', 1), 1000);
        await store.save('b', withNodes('B', 3), 2000);
        kv.data.set('index', index);
        const list = await store.list();
        expect(list.ok && list.value).toEqual([
          { id: 'b', name: 'B', updatedAt: 2000, nodeCount: 3 },
          { id: 'a', name: 'A', updatedAt: 1000, nodeCount: 1 },
        ]);
        expect(kv.data.get('index')).toHaveLength(2);
        kv.data.set('index', index);
        expect((await store.save('c', withNodes('C', 0), 3000)).ok).toBe(true);
        expect(await names(store)).toEqual(['C', 'B', 'A']);
      });
    }

    it('a damaged record is still listed, under what can be read of it', async () => {
      const kv = memoryKeyValue();
      kv.data.set('design:x', 'garbage');
      kv.data.set('design:y', { design: { name: 'Half', nodes: [1, 2] }, updatedAt: Number.NaN });
      const list = await new DesignStore(kv).list();
      expect(list.ok && list.value).toEqual([
        { id: 'x', name: 'Design x', updatedAt: 0, nodeCount: 0 },
        { id: 'y', name: 'Half', updatedAt: 0, nodeCount: 2 },
      ]);
      expect(kv.data.get('design:x')).toBe('garbage');
    });
  });
});
