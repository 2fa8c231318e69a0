// Text fields that save as they are typed. Each key goes to the design as a transient edit (the
// autosave picks it up); the field then shows what the design kept — characters XML cannot
// carry removed, the text cut at its limit — so what is seen is what is saved.
import type { Editor } from '../../app/editor.svelte';

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Sends the field's text through `keep` (which edits the design) and shows the kept text. */
export function typeInto(field: Field, keep: (text: string) => string): void {
  const kept = keep(field.value);
  if (kept === field.value) return;
  const caret = Math.min(field.selectionStart ?? kept.length, kept.length);
  field.value = kept;
  field.setSelectionRange(caret, caret);
}

/** Handlers that end a run of typing as one undo step: on leaving the field, or Enter in a line. */
export function settleOn(editor: Editor) {
  return {
    onblur: () => editor.commit(),
    onkeydown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' && e.currentTarget instanceof HTMLInputElement) editor.commit();
    },
  };
}
