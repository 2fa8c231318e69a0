// Keyboard shortcuts, as Excalidraw and draw.io users know them. One table drives both the
// handler and the `?` dialog, so the list shown is the list that works.
import type { Editor } from '../app/editor.svelte';
import { restoreWithCatalog } from '../app/library.svelte';
import type { Interview } from '../app/interview.svelte';

export interface ShortcutContext {
  editor: Editor;
  fitView(): void;
  showShortcuts(): void;
  showCommands(): void;
  addFrame(): void;
  addNote(): void;
  exportFile(): void;
  openFile(): void;
  /** Pasted text that is not copied components (a design's JSON, a share link): true when taken. */
  pasteText?(text: string): boolean;
  /** Interview mode: framework panel, timer, presentation, calculator. */
  interview?: Interview;
  /** Auto-layout: the selection when two or more are selected, else the whole design. */
  autoLayout?(): void;
}

interface Shortcut {
  keys: string;
  label: string;
  match: (e: KeyboardEvent, mod: boolean) => boolean;
  run: (c: ShortcutContext, e: KeyboardEvent) => void;
}

const NUDGE = 10;
const arrow = (key: string, dx: number, dy: number): Shortcut => ({
  keys: key.replace('Arrow', '') + ' arrow',
  label: 'Nudge the selection (Shift: 5× further)',
  match: (e) => e.key === key,
  run: (c, e) => c.editor.nudgeSelection(dx * (e.shiftKey ? 5 : 1), dy * (e.shiftKey ? 5 : 1)),
});

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl/Cmd+K', label: 'Command palette: add a component (connected from the selected one) or run a command', match: (e, m) => m && e.key.toLowerCase() === 'k', run: (c) => c.showCommands() },
  { keys: 'Ctrl/Cmd+Z', label: 'Undo', match: (e, m) => m && !e.shiftKey && e.key.toLowerCase() === 'z', run: (c) => c.editor.undo() },
  { keys: 'Shift+Ctrl/Cmd+Z or Ctrl+Y', label: 'Redo', match: (e, m) => m && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'), run: (c) => c.editor.redo() },
  { keys: 'Delete / Backspace', label: 'Delete the selection', match: (e, m) => !m && (e.key === 'Delete' || e.key === 'Backspace'), run: (c) => c.editor.deleteSelection() },
  { keys: 'Ctrl/Cmd+D', label: 'Duplicate', match: (e, m) => m && e.key.toLowerCase() === 'd', run: (c) => c.editor.duplicateSelection() },
  { keys: 'Ctrl/Cmd+C', label: 'Copy', match: (e, m) => m && e.key.toLowerCase() === 'c', run: (c) => copyToClipboard(c.editor) },
  { keys: 'Ctrl/Cmd+X', label: 'Cut', match: (e, m) => m && e.key.toLowerCase() === 'x', run: (c) => { copyToClipboard(c.editor); c.editor.deleteSelection(); } },
  { keys: 'Ctrl/Cmd+V', label: 'Paste (also from another design; a design file\'s text or a share link opens it)', match: (e, m) => m && e.key.toLowerCase() === 'v', run: (c) => void pasteFromClipboard(c.editor, c.pasteText) },
  { keys: 'Ctrl/Cmd+A', label: 'Select all', match: (e, m) => m && e.key.toLowerCase() === 'a', run: (c) => c.editor.selectAll() },
  { keys: 'Ctrl/Cmd+G', label: 'Put the selection in a frame', match: (e, m) => m && e.key.toLowerCase() === 'g', run: (c) => c.editor.frameSelection() },
  { keys: 'Shift+1', label: 'Fit the design in view', match: (e) => e.shiftKey && e.code === 'Digit1', run: (c) => c.fitView() },
  { keys: 'Shift+L', label: 'Auto-layout (the selection when two or more are selected)', match: (e, m) => !m && e.shiftKey && e.key.toLowerCase() === 'l', run: (c) => c.autoLayout?.() },
  { keys: 'F', label: 'Add a frame', match: (e, m) => !m && !e.shiftKey && e.key.toLowerCase() === 'f', run: (c) => c.addFrame() },
  { keys: 'T', label: 'Add a text note', match: (e, m) => !m && !e.shiftKey && e.key.toLowerCase() === 't', run: (c) => c.addNote() },
  { keys: 'Ctrl/Cmd+S', label: 'Export the design file (it also saves itself)', match: (e, m) => m && e.key.toLowerCase() === 's', run: (c) => c.exportFile() },
  { keys: 'Ctrl/Cmd+O', label: 'Import a design file', match: (e, m) => m && e.key.toLowerCase() === 'o', run: (c) => c.openFile() },
  { keys: 'Escape', label: 'Leave presentation mode, else clear the selection', match: (e) => e.key === 'Escape', run: (c) => c.interview?.leavePresenting() || c.editor.select([], []) },
  { keys: 'Shift+F', label: 'Show or hide the 7-step framework panel', match: (e, m) => !m && e.shiftKey && e.key.toLowerCase() === 'f', run: (c) => c.interview?.togglePanel() },
  { keys: 'Shift+T', label: 'Start or pause the interview timer', match: (e, m) => !m && e.shiftKey && e.key.toLowerCase() === 't', run: (c) => c.interview?.toggle() },
  { keys: 'P', label: 'Presentation mode for screen sharing (Escape leaves it)', match: (e, m) => !m && !e.shiftKey && e.key.toLowerCase() === 'p', run: (c) => c.interview?.togglePresenting() },
  { keys: 'Shift+C', label: 'Back-of-the-envelope calculator', match: (e, m) => !m && e.shiftKey && e.key.toLowerCase() === 'c', run: (c) => { if (c.interview) c.interview.calculatorOpen = true; } },
  { keys: '?', label: 'Show these shortcuts', match: (e) => e.key === '?', run: (c) => c.showShortcuts() },
  arrow('ArrowLeft', -NUDGE, 0),
  arrow('ArrowRight', NUDGE, 0),
  arrow('ArrowUp', 0, -NUDGE),
  arrow('ArrowDown', 0, NUDGE),
];

/** Handles a keydown anywhere on the page; returns true when it was a shortcut. */
export function handleShortcut(e: KeyboardEvent, c: ShortcutContext): boolean {
  const target = e.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable="true"], dialog')) return false;
  const mod = e.ctrlKey || e.metaKey;
  const hit = SHORTCUTS.find((s) => s.match(e, mod));
  if (!hit) return false;
  // Arrows and Delete act only on a selection; otherwise leave them to the page.
  if ((e.key.startsWith('Arrow') || e.key === 'Delete' || e.key === 'Backspace') && c.editor.selectedNodes.size + c.editor.selectedEdges.size === 0) return false;
  e.preventDefault();
  hit.run(c, e);
  return true;
}

const CLIP_FORMAT = 'mlsd-clipboard';
let lastWritten = '';

function copyToClipboard(editor: Editor): void {
  const fragment = editor.copySelection();
  if (!fragment) return;
  // The system clipboard carries the copy to another tab; the in-memory one works without it.
  lastWritten = JSON.stringify({ format: CLIP_FORMAT, ...fragment });
  navigator.clipboard?.writeText(lastWritten).catch(() => {});
}

/** The system clipboard's text, or null when it is not readable (no permission) within a moment. */
function readClipboard(): Promise<string | null> {
  const read = navigator.clipboard?.readText?.().catch(() => null) ?? Promise.resolve(null);
  return Promise.race([read, new Promise<null>((r) => setTimeout(() => r(null), 300))]);
}

async function pasteFromClipboard(editor: Editor, pasteText?: (text: string) => boolean): Promise<void> {
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
    if (pasteText?.(text)) return;
  }
  editor.paste();
}
