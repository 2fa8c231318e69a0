// Two tabs on one design, as two Library instances over one store: neither overwrites the
// other's save without the user choosing.
import { describe, expect, it } from 'vitest';
import { DesignStore, memoryKeyValue } from '../../../src/persistence/design-store';
import { Editor } from '../../../src/app/editor.svelte';
import { Library } from '../../../src/app/library.svelte';
import { guardAgainstOtherTabs } from '../../../src/app/tab-guard';

async function twoTabs() {
  const kv = memoryKeyValue();
  const tab = async () => {
    const editor = new Editor();
    const library = new Library(editor, new DesignStore(kv));
    await library.init();
    return { editor, library };
  };
  const a = await tab();
  const b = await tab();
  return { kv, a, b };
}

async function edit(t: { editor: Editor; library: Library }, kind: string) {
  t.editor.addComponent(kind, { x: 0, y: 0 });
  t.library.designChanged(t.editor.design);
  await t.library.flush();
}

const storedKinds = async (kv: ReturnType<typeof memoryKeyValue>, id: string) =>
  ((kv.data.get(`design:${id}`) as { design: { nodes: { kind: string }[] } }).design.nodes.map((n) => n.kind));

describe('two tabs', () => {
  it('both open the same design', async () => {
    const { a, b } = await twoTabs();
    expect(b.library.currentId).toBe(a.library.currentId);
  });

  it('a save behind the other tab\'s is refused (revision check), and the choice keeps both', async () => {
    const { kv, a, b } = await twoTabs();
    const id = a.library.currentId;
    await edit(a, 'cache');
    await edit(b, 'kafka');
    expect(b.library.conflict).toBe(true);
    expect(b.library.status).toBe('failed');
    expect(await storedKinds(kv, id)).toEqual(['cache']);
    await b.library.keepMineAsCopy();
    expect(b.library.currentId).not.toBe(id);
    expect(b.editor.design.name).toBe('Untitled design (copy)');
    expect(await storedKinds(kv, b.library.currentId)).toEqual(['kafka']);
    expect(await storedKinds(kv, id)).toEqual(['cache']);
  });

  it('"Reload it" opens the other tab\'s version and saving works again', async () => {
    const { kv, a, b } = await twoTabs();
    await edit(a, 'cache');
    await edit(b, 'kafka');
    await b.library.reloadFromStorage();
    expect(b.library.conflict).toBe(false);
    expect(b.editor.design.nodes.map((n) => n.kind)).toEqual(['cache']);
    await edit(b, 'sql-db');
    expect(await storedKinds(kv, b.library.currentId)).toEqual(['cache', 'sql-db']);
    // Now tab A is the one behind.
    await edit(a, 'vector-db');
    expect(a.library.conflict).toBe(true);
  });

  it('a broadcast save puts the other tab in conflict at once, before it tries to save', async () => {
    const { a, b } = await twoTabs();
    const stopA = guardAgainstOtherTabs(a.library);
    const stopB = guardAgainstOtherTabs(b.library);
    try {
      b.editor.addComponent('kafka', { x: 0, y: 0 });
      b.library.designChanged(b.editor.design);
      await edit(a, 'cache');
      await expect.poll(() => b.library.conflict).toBe(true);
      expect(a.library.conflict).toBe(false);
    } finally {
      stopA();
      stopB();
    }
  });
});
