// The framework notes are part of the document: edited through the Editor, undoable as one step
// per burst of typing, and carried by the design file.
import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { FRAMEWORK } from '../../../src/interview/framework';
import { designToJson } from '../../../src/persistence/design-file';
import { restore } from '../../../src/persistence/restore';

describe('framework step notes', () => {
  it('a burst of typing is one undo step', () => {
    const editor = new Editor();
    const text = 'Maximise bookings; 10M DAU';
    for (let i = 1; i <= text.length; i++) editor.setStepNote('requirements', text.slice(0, i), { record: false });
    editor.commit();
    editor.setStepNote('framing', 'Ranking, pointwise');
    expect(editor.design.notes).toEqual({ requirements: text, framing: 'Ranking, pointwise' });
    editor.undo();
    expect(editor.design.notes).toEqual({ requirements: text });
    editor.undo();
    expect(editor.design.notes.requirements ?? '').toBe('');
    expect(editor.canUndo).toBe(false);
    editor.redo();
    expect(editor.design.notes.requirements).toBe(text);
  });

  it('covers the seven steps with their note keys and prompts', () => {
    expect(FRAMEWORK.map((s) => s.id)).toEqual(['requirements', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring']);
    for (const s of FRAMEWORK) expect(s.prompts.length).toBeGreaterThanOrEqual(3);
  });

  it('travels with the exported design', () => {
    const editor = new Editor();
    editor.setStepNote('serving', 'Online prediction behind an API gateway');
    const back = restore(designToJson(editor.design));
    expect(back.ok && back.design.notes).toEqual({ serving: 'Online prediction behind an API gateway' });
  });
});
