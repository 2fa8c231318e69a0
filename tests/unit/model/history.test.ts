import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../src/model/design';
import { addNodes, moveNodes, rename } from '../../../src/model/commands';
import { canRedo, canUndo, commit, createHistory, push, redo, undo, HISTORY_LIMIT } from '../../../src/model/history';

const n = (id: string) => ({ id, kind: 'cache', position: { x: 0, y: 0 }, params: {} });

describe('history', () => {
  it('undoes and redoes recorded edits', () => {
    const d0 = emptyDesign();
    let h = createHistory(d0);
    const d1 = addNodes(d0, [n('a')]);
    h = push(h, d1);
    const d2 = rename(d1, 'x');
    h = push(h, d2);
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe(d1);
    h = undo(h);
    expect(h.present).toBe(d0);
    expect(canUndo(h)).toBe(false);
    h = redo(redo(h));
    expect(h.present).toBe(d2);
    expect(canRedo(h)).toBe(false);
  });

  it('a whole drag is one step', () => {
    const d0 = addNodes(emptyDesign(), [n('a')]);
    let h = createHistory(d0);
    for (let i = 1; i <= 30; i++) h = push(h, moveNodes(h.present, new Map([['a', { x: i, y: i }]])), false);
    h = commit(h);
    expect(h.past).toHaveLength(1);
    h = undo(h);
    expect(h.present).toBe(d0);
    h = redo(h);
    expect(h.present.nodes[0].position).toEqual({ x: 30, y: 30 });
  });

  it('undo in the middle of a transient run undoes the run', () => {
    const d0 = addNodes(emptyDesign(), [n('a')]);
    let h = push(createHistory(d0), moveNodes(d0, new Map([['a', { x: 9, y: 9 }]])), false);
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe(d0);
  });

  it('a new edit clears redo; pushing the same state is a no-op', () => {
    const d0 = emptyDesign();
    let h = push(createHistory(d0), rename(d0, 'a'));
    h = undo(h);
    expect(push(h, h.present)).toBe(h);
    h = push(h, rename(d0, 'b'));
    expect(canRedo(h)).toBe(false);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = createHistory(emptyDesign());
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) h = push(h, rename(h.present, `n${i}`));
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });
});
