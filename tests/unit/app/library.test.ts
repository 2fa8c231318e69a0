// The library over storage that misbehaves: "Saved" only when the store confirmed, damage is
// named and left alone, and nothing anyone typed is dropped.
import { describe, expect, it } from 'vitest';
import { DesignStore, memoryKeyValue } from '../../../src/persistence/design-store';
import { Editor } from '../../../src/app/editor.svelte';
import { Library } from '../../../src/app/library.svelte';
import { guardAgainstOtherTabs } from '../../../src/app/tab-guard';
import { faultyKeyValue } from '../persistence/fake-kv';

type Kv = ReturnType<typeof memoryKeyValue>;

async function openTab(kv: Kv, timeoutMs?: number) {
  const editor = new Editor();
  const library = new Library(editor, new DesignStore(kv, timeoutMs));
  await library.init();
  return { editor, library };
}

function edit(t: { editor: Editor; library: Library }, kind: string) {
  t.editor.addComponent(kind, { x: 0, y: 0 });
  t.library.designChanged(t.editor.design);
}

const record = (name: string, kinds: string[], rev = 1) => ({
  id: name,
  rev,
  updatedAt: 1000,
  design: { format: 'mlsd-design', version: 1, name, nodes: kinds.map((kind, i) => ({ id: `n${i}`, kind, position: { x: i * 200, y: 0 }, params: {} })), edges: [], notes: {} },
});
const storedKinds = (kv: Kv, id: string) => (kv.data.get(`design:${id}`) as ReturnType<typeof record>).design.nodes.map((n) => n.kind);

describe('saving you can believe', () => {
  it('says "Saved" only once the store confirms, and a store that never answers is a visible failure', async () => {
    const kv = faultyKeyValue();
    const tab = await openTab(kv, 20);
    kv.hang();
    edit(tab, 'cache');
    expect(tab.library.unsaved).toBe(true);
    await tab.library.flush();
    expect(tab.library.status).toBe('failed');
    expect(tab.library.storageError).toMatch(/Saving in the browser is not available.*export/);
    expect(tab.library.unsaved).toBe(true);
    // It answers after all: that save counts, and only now is it "Saved".
    kv.recover();
    await expect.poll(() => tab.library.status).toBe('saved');
    expect(tab.library.storageError).toBeNull();
    expect(storedKinds(kv, tab.library.currentId)).toEqual(['cache']);
  });

  it('a tab whose first open hangs starts anyway, with the failure shown', async () => {
    const kv = faultyKeyValue();
    kv.hang();
    const tab = await openTab(kv, 20);
    expect(tab.library.currentId).not.toBe('');
    expect(tab.library.status).toBe('failed');
    expect(tab.library.storageError).toMatch(/did not answer/);
  });

  it('unsaved while pending, saving or failed; not once saved', async () => {
    const kv = faultyKeyValue();
    const tab = await openTab(kv);
    expect(tab.library.unsaved).toBe(false);
    edit(tab, 'cache');
    expect(tab.library.status).toBe('pending');
    expect(tab.library.unsaved).toBe(true);
    await tab.library.flush();
    expect(tab.library.unsaved).toBe(false);
    kv.fail(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    edit(tab, 'kafka');
    await tab.library.flush();
    expect(tab.library.status).toBe('failed');
    expect(tab.library.unsaved).toBe(true);
  });

  it('an edit made while a slow save is under way is saved after it, not taken for another tab\'s', async () => {
    const kv = faultyKeyValue();
    const tab = await openTab(kv);
    kv.hang();
    edit(tab, 'cache');
    const first = tab.library.flush();
    edit(tab, 'kafka');
    const second = tab.library.flush();
    kv.recover();
    await Promise.all([first, second]);
    expect(tab.library.conflict).toBe(false);
    expect(tab.library.status).toBe('saved');
    expect(storedKinds(kv, tab.library.currentId)).toEqual(['cache', 'kafka']);
  });
});

describe('damaged storage', () => {
  for (const [what, index] of [
    ['a null entry', [null]],
    ['not a list', 'oops'],
    ['a date that is not a number', [{ id: 'a', name: 'A', updatedAt: 'x', nodeCount: 1 }]],
  ] as const) {
    it(`an index with ${what} lists every design and saving goes on`, async () => {
      const kv = memoryKeyValue();
      kv.data.set('design:a', record('A', ['cache']));
      kv.data.set('design:b', record('B', ['kafka']));
      kv.data.set('last', 'a');
      kv.data.set('index', index);
      const tab = await openTab(kv);
      expect(tab.library.designs.map((d) => d.name).sort()).toEqual(['A', 'B']);
      expect(tab.editor.design.name).toBe('A');
      edit(tab, 'sql-db');
      await tab.library.flush();
      expect(tab.library.status).toBe('saved');
      expect(tab.library.storageError).toBeNull();
      expect(storedKinds(kv, 'a')).toEqual(['cache', 'sql-db']);
    });
  }

  for (const [what, damaged] of [
    ['a design that does not restore', { ...record('Fraud', ['cache']), design: { ...record('Fraud', []).design, nodes: 'none' } }],
    ['a string', 'garbage'],
    ['null', null],
  ] as const) {
    it(`a record that is ${what} is named, left as stored, and something else opens`, async () => {
      const kv = memoryKeyValue();
      kv.data.set('design:bad', damaged);
      kv.data.set('design:good', record('Good', ['client']));
      kv.data.set('index', [{ id: 'bad', name: 'Fraud', updatedAt: 2000, nodeCount: 1 }, { id: 'good', name: 'Good', updatedAt: 1000, nodeCount: 1 }]);
      kv.data.set('last', 'bad');
      const tab = await openTab(kv);
      expect(tab.library.damaged.map((d) => d.message)).toEqual([expect.stringMatching(/^The saved design “(Fraud|Design bad)” could not be opened: .+/)]);
      expect(tab.library.currentId).toBe('good');
      edit(tab, 'cache');
      await tab.library.flush();
      // Saving something else does not clear the message, and the damaged record is as it was.
      expect(tab.library.damaged).toHaveLength(1);
      expect(kv.data.get('design:bad')).toEqual(damaged);
      expect(JSON.parse(tab.library.damaged[0].text)).toEqual(damaged);
    });
  }

  it('a record saved half by an older version (record ahead of the index) raises no conflict', async () => {
    const kv = memoryKeyValue();
    kv.data.set('design:a', record('A', ['cache'], 2));
    kv.data.set('index', [{ id: 'a', name: 'A', updatedAt: 1000, nodeCount: 1, rev: 1 }]);
    kv.data.set('last', 'a');
    const tab = await openTab(kv);
    edit(tab, 'kafka');
    await tab.library.flush();
    expect(tab.library.conflict).toBe(false);
    expect(storedKinds(kv, 'a')).toEqual(['cache', 'kafka']);
  });
});

describe('two tabs', () => {
  it('on different designs, saving at the same moment, never conflict', async () => {
    const kv = memoryKeyValue();
    const a = await openTab(kv);
    const b = await openTab(kv);
    await b.library.create();
    for (const kind of ['cache', 'kafka', 'sql-db']) {
      edit(a, kind);
      edit(b, kind);
      await Promise.all([a.library.flush(), b.library.flush()]);
    }
    expect([a.library.conflict, b.library.conflict]).toEqual([false, false]);
    expect(storedKinds(kv, a.library.currentId)).toEqual(['cache', 'kafka', 'sql-db']);
    expect(storedKinds(kv, b.library.currentId)).toEqual(['cache', 'kafka', 'sql-db']);
    expect(a.library.designs).toHaveLength(2);
  });

  it('a tab with no edits just shows the newer version: no conflict, nothing "unsaved"', async () => {
    const kv = memoryKeyValue();
    const a = await openTab(kv);
    const b = await openTab(kv);
    const stop = [guardAgainstOtherTabs(a.library), guardAgainstOtherTabs(b.library)];
    try {
      edit(a, 'cache');
      await a.library.flush();
      await expect.poll(() => b.editor.design.nodes.map((n) => n.kind)).toEqual(['cache']);
      expect(b.library.conflict).toBe(false);
      expect(b.library.status).toBe('saved');
    } finally {
      stop.forEach((s) => s());
    }
  });

  it('"Reload it" keeps this tab\'s edit when storage holds nothing newer', async () => {
    const kv = memoryKeyValue();
    const a = await openTab(kv);
    edit(a, 'cache');
    // Told of a save that storage does not hold (the other tab's write never landed).
    a.library.savedElsewhere(a.library.currentId, 5);
    expect(a.library.conflict).toBe(true);
    await a.library.reloadFromStorage();
    expect(a.editor.design.nodes.map((n) => n.kind)).toEqual(['cache']);
    expect(a.library.status).toBe('saved');
    expect(storedKinds(kv, a.library.currentId)).toEqual(['cache']);
  });
});
