// Copy and paste of components. The system clipboard carries a copy to another tab or design;
// the editor's in-memory clipboard works where the system one is not allowed. Pasted text that
// is not copied components is handed on (a design's JSON or a share link opens it).
import type { Editor } from './editor.svelte';
import { restoreWithCatalog } from './library.svelte';

const CLIP_FORMAT = 'mlsd-clipboard';
let lastWritten = '';

export function copySelection(editor: Editor): void {
  const fragment = editor.copySelection();
  if (!fragment) return;
  lastWritten = JSON.stringify({ format: CLIP_FORMAT, ...fragment });
  navigator.clipboard?.writeText(lastWritten).catch(() => {});
}

/** The system clipboard's text, or null when it is not readable (no permission) within a moment. */
function readClipboard(): Promise<string | null> {
  const read = navigator.clipboard?.readText?.().catch(() => null) ?? Promise.resolve(null);
  return Promise.race([read, new Promise<null>((r) => setTimeout(() => r(null), 300))]);
}

/** `pasteText` takes text that is not copied components; it says whether it took it. */
export async function pasteClipboard(editor: Editor, pasteText: (text: string) => Promise<boolean>): Promise<void> {
  const text = await readClipboard();
  if (text && text !== lastWritten) {
    try {
      const data = JSON.parse(text);
      if (data?.format === CLIP_FORMAT && Array.isArray(data.nodes) && Array.isArray(data.edges)) {
        // A pasted fragment is a small design: it passes through restore() like any input.
        const r = restoreWithCatalog({ format: 'mlsd-design', version: 1, name: 'paste', nodes: data.nodes, edges: data.edges });
        if (r.ok) return editor.paste({ nodes: r.design.nodes, edges: r.design.edges });
      }
    } catch {
      // Not our data: fall back to the in-memory clipboard.
    }
    // Newer than any components copied here (those would be `lastWritten`), so it wins.
    if (await pasteText(text)) return;
  }
  editor.paste();
}
