// A page that goes away before its save is written: what was typed is kept in Web Storage and
// written back on the next start, over its design or beside it, and nothing saved is lost.
import { describe, expect, it } from 'vitest';
import { DesignStore, memoryKeyValue, type KeyValue } from '../../../src/persistence/design-store';
import { readBackups, type SyncStorage } from '../../../src/persistence/unload-backup';
import { Editor } from '../../../src/app/editor.svelte';
import { Library } from '../../../src/app/library.svelte';

/** Web Storage in memory, as the browser's: strings only, written at once. */
function webStorage(): SyncStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

/** The page's view of storage: once it unloads, a transaction it starts never runs. */
function page(kv: KeyValue) {
  let gone = false;
  const view: KeyValue = {
    get: (k) => kv.get(k),
    keys: () => kv.keys(),
    update: (keys, change) => (gone ? new Promise<void>(() => {}) : kv.update(keys, change)),
  };
  return { view, unload: () => (gone = true) };
}

async function openTab(kv: KeyValue, storage: SyncStorage) {
  const editor = new Editor();
  const library = new Library(editor, new DesignStore(kv, 50), storage);
  await library.init();
  return { editor, library };
}

function type(t: { editor: Editor; library: Library }, label: string) {
  const id = t.editor.design.nodes[0].id;
  t.editor.dispatch((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === id ? { ...n, label } : n)) }));
  t.library.designChanged(t.editor.design);
}

const labels = (t: { editor: Editor }) => t.editor.design.nodes.map((n) => n.label);

/** A tab whose design, one cache, is saved; its page can be made to go away. */
async function savedCacheTab() {
  const kv = memoryKeyValue();
  const storage = webStorage();
  const first = page(kv);
  const tab = await openTab(first.view, storage);
  tab.editor.addComponent('cache', { x: 0, y: 0 });
  tab.library.designChanged(tab.editor.design);
  await tab.library.flush();
  return { kv, storage, first, tab };
}

describe('a save the page did not live to write', () => {
  it('is kept as the page goes away and written back at the next start', async () => {
    const { kv, storage, first, tab } = await savedCacheTab();
    type(tab, 'Hot keys');
    first.unload();
    tab.library.leaving();
    expect(readBackups(storage)).toHaveLength(1);

    const next = await openTab(kv, storage);
    expect(labels(next)).toEqual(['Hot keys']);
    expect(next.library.status).toBe('saved');
    expect(next.library.designs).toHaveLength(1);
    expect(readBackups(storage)).toEqual([]);
  });

  it('a save that landed after all leaves no backup behind and no copy', async () => {
    const kv = memoryKeyValue();
    const storage = webStorage();
    const tab = await openTab(kv, storage);
    tab.editor.addComponent('cache', { x: 0, y: 0 });
    tab.library.designChanged(tab.editor.design);
    tab.library.leaving();
    // The page lived: once written, the backup is dropped at once.
    await tab.library.flush();
    expect(readBackups(storage)).toEqual([]);
    // Written, but the page went before it could drop it: the next start sees it is saved.
    type(tab, 'Hot keys');
    tab.library.leaving();
    const kept = [...storage.map];
    await tab.library.flush();
    kept.forEach(([k, v]) => storage.setItem(k, v));
    const next = await openTab(kv, storage);
    expect(labels(next)).toEqual(['Hot keys']);
    expect(next.library.designs).toHaveLength(1);
    expect(readBackups(storage)).toEqual([]);
  });

  it('over a design another tab saved since, the backup becomes a copy beside it', async () => {
    const { kv, storage, first, tab } = await savedCacheTab();
    const other = await openTab(kv, webStorage());
    type(other, 'Theirs');
    await other.library.flush();
    type(tab, 'Mine');
    first.unload();
    tab.library.leaving();

    const next = await openTab(kv, storage);
    const names = next.library.designs.map((d) => d.name).sort();
    expect(names).toEqual(['Untitled design', 'Untitled design (recovered)']);
    const byName = async (name: string) => {
      const id = next.library.designs.find((d) => d.name === name)!.id;
      await next.library.open(id);
      return labels(next);
    };
    expect(await byName('Untitled design')).toEqual(['Theirs']);
    expect(await byName('Untitled design (recovered)')).toEqual(['Mine']);
  });

  it('a backup that is not a design is dropped and changes nothing saved', async () => {
    const kv = memoryKeyValue();
    const storage = webStorage();
    const tab = await openTab(kv, storage);
    await tab.library.flush();
    const id = tab.library.currentId;
    const before = structuredClone([...kv.data]);
    storage.setItem(`mlsd-unsaved:${id}`, JSON.stringify({ id, rev: 1, at: 1, design: { nodes: '<script>' } }));
    storage.setItem('mlsd-unsaved:x', '{not json');
    storage.setItem('other-app', 'left alone');
    await openTab(kv, storage);
    expect([...kv.data]).toEqual(before);
    expect([...storage.map.keys()]).toEqual(['other-app']);
  });
});
