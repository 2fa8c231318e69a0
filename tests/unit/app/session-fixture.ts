// A whole session as the app makes it, on an in-memory store instead of IndexedDB, with a view
// that records how often the design was fitted in.
import { Session } from '../../../src/app/session.svelte';
import { DesignStore, memoryKeyValue } from '../../../src/persistence/design-store';
import { pictureMaker } from '../../../src/ui/picture-maker';

export async function openSession(kv = memoryKeyValue()) {
  const fits: number[] = [];
  const themes: string[] = [];
  const session = new Session({
    store: new DesignStore(kv),
    view: { fitView: (duration = 200) => void fits.push(duration), openView: () => void fits.push(0), viewportCenter: () => ({ x: 600, y: 400 }) },
    pictures: pictureMaker(() => 'light'),
    toggleTheme: () => void themes.push('toggled'),
  });
  await session.library.init();
  return { session, kv, fits, themes };
}

/** A key press as the handler sees it. */
export const key = (k: string, mods: { shift?: boolean; ctrl?: boolean; code?: string } = {}) =>
  ({ key: k, code: mods.code ?? '', shiftKey: !!mods.shift, ctrlKey: !!mods.ctrl, metaKey: false, altKey: false, target: null, preventDefault() {} }) as unknown as KeyboardEvent;
