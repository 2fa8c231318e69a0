// The text pane as a person uses it, on a whole session: typing builds the design, a wrong line
// changes nothing, leaving the pane is one undo step, and the canvas's edits show in the text.
import { describe, expect, it } from 'vitest';
import { textPaneOf } from '../../../src/app/text-pane.svelte';
import { absolutePosition } from '../../../src/model/commands';
import { openSession } from '../app/session-fixture';

async function openPane() {
  const { session } = await openSession();
  const pane = textPaneOf(session);
  pane.toggle();
  pane.focus();
  return { session, pane, editor: session.editor };
}

describe('the text pane', () => {
  it('typing a pipeline builds it, each new component in a free spot by its caller, as one undo step', async () => {
    const { pane, editor } = await openPane();
    const before = editor.design;
    pane.input(`${pane.text}app: client\napi: app-service "API"\nrank: ranking-service\napp -> api -> rank\n`);
    expect(pane.apply()).toBe(true);
    const d = editor.design;
    expect(d.nodes.map((n) => n.id)).toEqual(['app', 'api', 'rank']);
    expect(d.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['app>api', 'api>rank']);
    const [a, b, c] = d.nodes.map((n) => absolutePosition(d, n));
    // Left to right along the calls, none on top of another.
    expect(a.x).toBeLessThan(b.x);
    expect(b.x).toBeLessThan(c.x);
    pane.blur();
    editor.undo();
    expect(editor.design).toEqual(before);
  });

  it('a wrong line is shown with its number and leaves the design as it was', async () => {
    const { pane, editor } = await openPane();
    pane.input('app: client\napi: app-service\napp -> api');
    pane.apply();
    const good = editor.design;
    pane.input('app: client\napi: app-service replicas=lots\napp -> apj');
    expect(pane.apply()).toBe(false);
    expect(editor.design).toBe(good);
    expect(pane.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(pane.errors[1].message).toContain('"apj" is not a component');
    // Leaving keeps what was typed on show, with its errors, so nothing typed is lost.
    pane.blur();
    expect(pane.text).toContain('apj');
    expect(editor.design).toBe(good);
  });

  it('keeps the place of what it already had, and follows the canvas when not typed in', async () => {
    const { pane, editor } = await openPane();
    pane.input('app: client\napi: app-service');
    pane.apply();
    pane.blur();
    editor.dropNodes(new Map([['api', { x: 900, y: 50 }]]));
    expect(pane.text).not.toContain('"Gateway"');
    editor.setLabel('api', 'Gateway');
    pane.follow(editor.design);
    expect(pane.text).toContain('api: app-service "Gateway"');
    pane.focus();
    pane.input(pane.text.replace('"Gateway"', '"Edge API"'));
    pane.apply();
    expect(editor.design.nodes.find((n) => n.id === 'api')).toMatchObject({ label: 'Edge API', position: { x: 900, y: 50 } });
    // An id half retyped removes the component for a moment; it comes back where it was.
    const typedBack = pane.text;
    pane.input(typedBack.replace('api: app-service', 'ap: app-service'));
    pane.apply();
    expect(editor.design.nodes.map((n) => n.id)).toEqual(['app', 'ap']);
    pane.input(typedBack);
    pane.apply();
    expect(editor.design.nodes.find((n) => n.id === 'api')!.position).toEqual({ x: 900, y: 50 });
    // While typed in, a canvas change does not overwrite the text.
    const typed = pane.text;
    editor.setLabel('app', 'Users');
    pane.follow(editor.design);
    expect(pane.text).toBe(typed);
  });

  it('draws a new frame around its members', async () => {
    const { pane, editor } = await openPane();
    pane.input('a: client\nb: cache\na -> b\nframe f "Online" { a b }');
    expect(pane.apply()).toBe(true);
    const d = editor.design;
    const f = d.nodes.find((n) => n.id === 'f')!;
    for (const id of ['a', 'b']) {
      const n = d.nodes.find((m) => m.id === id)!;
      expect(n.parentId).toBe('f');
      expect(n.position.x).toBeGreaterThan(0);
      expect(n.position.x).toBeLessThan(f.size!.width);
    }
  });
});
