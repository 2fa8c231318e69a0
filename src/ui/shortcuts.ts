// The keyboard: a key pressed on the page (outside a text field or a dialog) runs the command
// the registry (app/command-registry.ts) gives it, the same list the `?` help shows.
import { commandForKey } from '../app/command-registry';
import type { Session } from '../app/session.svelte';

/** Handles a keydown anywhere on the page; returns true when it was a shortcut. */
export function handleShortcut(e: KeyboardEvent, session: Session): boolean {
  const target = e.target as HTMLElement | null;
  const { selectedNodes, selectedEdges } = session.editor;
  const hit = commandForKey(e, selectedNodes.size + selectedEdges.size > 0);
  if (!hit || target?.closest('dialog')) return false;
  if (!hit.anywhere && target?.closest('input, textarea, select, [contenteditable="true"]')) return false;
  e.preventDefault();
  hit.run(session, e);
  return true;
}
