// The interview keys live in the one command registry: each key does one thing, and Escape
// leaves presentation mode before it touches the selection.
import { afterEach, describe, expect, it } from 'vitest';
import { commandForKey } from '../../../src/app/command-registry';
import type { Session } from '../../../src/app/session.svelte';
import { handleShortcut } from '../../../src/ui/shortcuts';
import { key, openSession } from '../app/session-fixture';

let session: Session | undefined;
afterEach(() => session?.interview.reset());

describe('interview shortcuts', () => {
  it('each interview key matches exactly one command, and the old keys keep theirs', () => {
    const cases: [KeyboardEvent, RegExp][] = [
      [key('p'), /Presentation/],
      [key('F', { shift: true }), /framework panel/],
      [key('T', { shift: true }), /timer/],
      [key('C', { shift: true }), /envelope/],
      [key('f'), /Add a frame/],
      [key('t'), /text note/],
      [key('c', { ctrl: true }), /^Copy$/],
    ];
    for (const [e, label] of cases) expect(commandForKey(e, true)?.label).toMatch(label);
  });

  it('toggles the panel, the timer and presentation; Escape leaves presentation first', async () => {
    ({ session } = await openSession());
    const { editor, interview } = session;
    const id = editor.addComponent('client', { x: 0, y: 0 });
    handleShortcut(key('F', { shift: true }), session);
    expect(interview.panelOpen).toBe(true);
    handleShortcut(key('T', { shift: true }), session);
    expect(interview.running).toBe(true);
    handleShortcut(key('T', { shift: true }), session);
    expect(interview.running).toBe(false);
    handleShortcut(key('C', { shift: true }), session);
    expect(interview.calculatorOpen).toBe(true);

    handleShortcut(key('p'), session);
    expect(interview.presenting).toBe(true);
    handleShortcut(key('Escape'), session);
    expect(interview.presenting).toBe(false);
    expect([...editor.selectedNodes]).toEqual([id]);
    handleShortcut(key('Escape'), session);
    expect(editor.selectedNodes.size).toBe(0);
  });
});
