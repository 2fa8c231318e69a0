import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { AutoLayout, structureOf } from '../../../src/app/layout.svelte';
import { LayoutClient } from '../../../src/layout/layout-client';
import { absolutePosition } from '../../../src/model/commands';
import { design, InProcessWorker, node, reversedChain } from './helpers';

function setup(hold = false) {
  const editor = new Editor();
  editor.load(reversedChain());
  const worker = new InProcessWorker(hold);
  const layout = new AutoLayout(editor, new LayoutClient(() => worker));
  return { editor, layout, worker };
}
const xs = (editor: Editor) => ['a', 'b', 'c', 'd'].map((id) => absolutePosition(editor.design, editor.design.nodes.find((n) => n.id === id)!).x);

afterEach(() => vi.useRealTimers());

describe('AutoLayout', () => {
  it('lays the design out as one undo step', async () => {
    const { editor, layout } = setup();
    const before = editor.design;
    expect(layout.loaded).toBe(false);
    expect(await layout.run()).toBe('done');
    expect(xs(editor)).toEqual([...xs(editor)].sort((p, q) => p - q));
    editor.undo();
    expect(editor.design).toBe(before);
    expect(editor.canUndo).toBe(false);
  });

  it('moves a large design to its places a few nodes a frame, as one undo step', async () => {
    // Frames of a browser: each callback after the previous one returned.
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => setTimeout(() => cb(performance.now()), 0));
    try {
      const n = 400;
      const nodes = Array.from({ length: n }, (_, i) => node(`n${i}`, (n - i) * 300, (i % 7) * 90));
      const editor = new Editor();
      editor.load(design(nodes, nodes.slice(1).map((x, i): [string, string] => [nodes[i].id, x.id])));
      const before = editor.design;
      const layout = new AutoLayout(editor, new LayoutClient(() => new InProcessWorker()));
      const steps: number[] = [];
      let shown = before;
      const watch = setInterval(() => {
        if (editor.design === shown) return;
        steps.push(editor.design.nodes.filter((x, i) => x !== shown.nodes[i]).length);
        shown = editor.design;
      }, 0);
      expect(await layout.run()).toBe('done');
      clearInterval(watch);
      // Every node moved, never all in one step.
      expect(editor.design.nodes.every((x, i) => x.position.x !== before.nodes[i].position.x || x.position.y !== before.nodes[i].position.y)).toBe(true);
      expect(steps.length).toBeGreaterThan(4);
      expect(Math.max(...steps)).toBeLessThanOrEqual(n / 4);
      // The chain wraps into rows, and the connections between rows carry ELK's routes.
      expect(editor.design.edges.filter((e) => e.route).length).toBeGreaterThan(0);
      editor.undo();
      expect(editor.design).toBe(before);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says "unchanged" when the design is already laid out', async () => {
    const { layout } = setup();
    await layout.run();
    expect(await layout.run()).toBe('unchanged');
  });

  it('drops an answer for a design that changed meanwhile', async () => {
    const { editor, layout, worker } = setup(true);
    const pending = layout.run();
    editor.addComponent('cache', { x: 2000, y: 2000 });
    const edited = editor.design;
    await worker.release();
    expect(await pending).toBe('stale');
    expect(editor.design).toBe(edited);
  });

  it('lays out only the selection when two or more are selected', async () => {
    const { editor, layout, worker } = setup();
    editor.select(['c', 'd']);
    await layout.run();
    const sent = worker.jobs[0].graph.children!.map((c) => c.id).sort();
    expect(sent).toEqual(['c', 'd']);
    const [a, b] = editor.design.nodes;
    expect(a.position).toEqual({ x: 900, y: 0 });
    expect(b.position).toEqual({ x: 600, y: 40 });
  });

  it('tidies after a structural edit, but not after a move, an undo or opening a design', async () => {
    vi.useFakeTimers();
    const { editor, layout, worker } = setup();
    layout.tidy = true;
    layout.designChanged(); // remembers the structure it starts from
    editor.nudgeSelection(0, 0);
    editor.dispatch((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'a' ? { ...n, position: { x: 1, y: 1 } } : n)) }));
    layout.designChanged();
    await vi.advanceTimersByTimeAsync(1000);
    expect(worker.jobs.length).toBe(0);

    editor.connect('d', 'a');
    layout.designChanged();
    editor.connect('a', 'c');
    layout.designChanged();
    await vi.advanceTimersByTimeAsync(1000);
    expect(worker.jobs.length).toBe(1); // debounced: one layout for two quick edits

    editor.undo();
    layout.designChanged();
    await vi.advanceTimersByTimeAsync(1000);
    expect(worker.jobs.length).toBe(1);

    editor.load(reversedChain());
    layout.designChanged();
    await vi.advanceTimersByTimeAsync(1000);
    expect(worker.jobs.length).toBe(1);
  });

  it('counts frames and connections as structure, positions not', () => {
    const d = reversedChain();
    const moved = { ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    const reparented = { ...d, nodes: d.nodes.map((n) => (n.id === 'a' ? { ...n, parentId: 'g' } : n)) };
    expect(structureOf(moved)).toBe(structureOf(d));
    expect(structureOf(reparented)).not.toBe(structureOf(d));
    expect(structureOf({ ...d, edges: d.edges.slice(1) })).not.toBe(structureOf(d));
  });
});
