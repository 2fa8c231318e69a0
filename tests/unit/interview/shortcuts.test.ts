// The interview keys live in the one shortcut table: each key does one thing, and Escape
// leaves presentation mode before it touches the selection.
import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { Interview } from '../../../src/app/interview.svelte';
import { SHORTCUTS, handleShortcut, type ShortcutContext } from '../../../src/ui/shortcuts';

const key = (k: string, mods: { shift?: boolean; ctrl?: boolean } = {}) =>
  ({ key: k, code: '', shiftKey: !!mods.shift, ctrlKey: !!mods.ctrl, metaKey: false, target: null, preventDefault() {} }) as unknown as KeyboardEvent;

function context(): ShortcutContext & { interview: Interview } {
  const noop = () => {};
  return {
    editor: new Editor(),
    interview: new Interview(),
    fitView: noop, showShortcuts: noop, showCommands: noop, addFrame: noop, addNote: noop, exportFile: noop, openFile: noop,
  };
}

let ctx: ReturnType<typeof context>;
afterEach(() => ctx?.interview.reset());

describe('interview shortcuts', () => {
  it('each interview key matches exactly one shortcut, and the old keys keep theirs', () => {
    const cases: [KeyboardEvent, RegExp][] = [
      [key('p'), /Presentation/],
      [key('F', { shift: true }), /framework panel/],
      [key('T', { shift: true }), /timer/],
      [key('C', { shift: true }), /envelope/],
      [key('f'), /Add a frame/],
      [key('t'), /text note/],
      [key('c', { ctrl: true }), /^Copy$/],
    ];
    for (const [e, label] of cases) {
      const hits = SHORTCUTS.filter((s) => s.match(e, e.ctrlKey || e.metaKey));
      expect(hits.map((h) => h.label)).toHaveLength(1);
      expect(hits[0].label).toMatch(label);
    }
  });

  it('toggles the panel, the timer and presentation; Escape leaves presentation first', () => {
    ctx = context();
    const id = ctx.editor.addComponent('client', { x: 0, y: 0 });
    handleShortcut(key('F', { shift: true }), ctx);
    expect(ctx.interview.panelOpen).toBe(true);
    handleShortcut(key('T', { shift: true }), ctx);
    expect(ctx.interview.running).toBe(true);
    handleShortcut(key('T', { shift: true }), ctx);
    expect(ctx.interview.running).toBe(false);
    handleShortcut(key('C', { shift: true }), ctx);
    expect(ctx.interview.calculatorOpen).toBe(true);

    handleShortcut(key('p'), ctx);
    expect(ctx.interview.presenting).toBe(true);
    handleShortcut(key('Escape'), ctx);
    expect(ctx.interview.presenting).toBe(false);
    expect([...ctx.editor.selectedNodes]).toEqual([id]);
    handleShortcut(key('Escape'), ctx);
    expect(ctx.editor.selectedNodes.size).toBe(0);
  });
});
