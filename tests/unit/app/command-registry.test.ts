// One list of commands drives the keyboard, the `?` help, the command palette, the Share menu
// and tooltips. These read what a person gets from each (the help as rendered, a key pressed)
// and check it against the list.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { COMMANDS, commandForKey, keysLabel, namedCommands, titleOf } from '../../../src/app/command-registry';
import { keyLabel } from '../../../src/app/keys';
import { minimap } from '../../../src/app/minimap.svelte';
import { reviewTab } from '../../../src/app/review.svelte';
import ShortcutsDialog from '../../../src/ui/dialogs/ShortcutsDialog.svelte';
import { handleShortcut } from '../../../src/ui/shortcuts';
import { textPaneOf } from '../../../src/app/text-pane.svelte';
import { scenarioPaneOf } from '../../../src/app/scenario.svelte';
import { key, openSession } from './session-fixture';

/** The key press a written combination stands for. */
function press(spec: string): KeyboardEvent {
  const parts = spec.split('+');
  const k = parts.pop()!;
  const digit = /^[0-9]$/.test(k);
  return key(digit ? '!' : k.length === 1 ? k.toLowerCase() : k, { shift: parts.includes('Shift'), ctrl: parts.includes('Mod'), code: digit ? `Digit${k}` : '' });
}

/** The rows of the rendered help: [keys, what they do]. */
function helpRows(): [string, string][] {
  const { body } = render(ShortcutsDialog, { props: { onclose: () => {} } });
  const decode = (s: string) => s.replace(/<!--.*?-->/g, '').replace(/&amp;/g, '&').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').trim();
  return [...body.matchAll(/<tr><td[^>]*><kbd[^>]*>(.*?)<\/kbd><\/td><td[^>]*>(.*?)<\/td><\/tr>/g)].map((m) => [decode(m[1]), decode(m[2])]);
}

describe('the command registry', () => {
  it('every shortcut in the help is a registry command, and each key shown runs that command', () => {
    const rows = helpRows();
    const keyed = COMMANDS.filter((c) => c.keys);
    expect(rows.length).toBeGreaterThanOrEqual(keyed.length);
    for (const c of keyed) {
      const row = rows.find(([, label]) => label === c.label);
      expect(row, c.id).toBeDefined();
      expect(row![0]).toBe(keysLabel(c.keys!));
      // Read the keys back from the help as a person would and press each one.
      for (const shown of row![0].split(' / ')) {
        const spec = c.keys!.find((k) => keyLabel(k) === shown);
        expect(spec, `${c.id}: ${shown}`).toBeDefined();
        expect(commandForKey(press(spec!), true)?.id).toBe(c.id);
      }
    }
    // The other rows are the mouse: none of them claims a key of the registry.
    const mouse = rows.filter(([, label]) => !keyed.some((c) => c.label === label));
    for (const [keys] of mouse) expect(keys).toMatch(/drag|click|wheel/i);
  });

  it('no key belongs to two commands', () => {
    for (const c of COMMANDS) {
      for (const spec of c.keys ?? []) {
        const takers = COMMANDS.filter((o) => o.keys?.some((k) => k === spec) || (o !== c && o.keys && commandForKeyIs(o.id, spec)));
        expect(takers.map((t) => t.id), spec).toEqual([c.id]);
      }
    }
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
  });

  it('keys that act on the selection are left to the page when nothing is selected', async () => {
    const { session } = await openSession();
    expect(commandForKey(press('Delete'), false)).toBeUndefined();
    expect(handleShortcut(press('ArrowLeft'), session)).toBe(false);
    const id = session.editor.addComponent('cache', { x: 100, y: 100 });
    expect(handleShortcut(press('Shift+ArrowLeft'), session)).toBe(true);
    expect(session.editor.design.nodes.find((n) => n.id === id)?.position).toEqual({ x: 50, y: 100 });
    expect(handleShortcut(press('Delete'), session)).toBe(true);
    expect(session.editor.design.nodes).toEqual([]);
  });

  it('every command-palette entry runs its registry command on the session', async () => {
    const { session, fits, themes } = await openSession();
    // Exports, the file picker and the layout worker need a browser page; the e2e specs drive those.
    const needsPage = new Set(['layout', 'layout-tidy', 'export-png', 'export-svg', 'export-file', 'export-mermaid', 'export-mmd', 'export-excalidraw', 'import-file']);
    const offered = COMMANDS.filter((c) => !c.hidden);
    expect(offered.map((c) => c.id)).toEqual(expect.arrayContaining(['fit', 'layout', 'designs', 'share', 'export-svg', 'template', 'calculator']));
    for (const c of offered.filter((o) => !needsPage.has(o.id))) {
      session.editor.addComponent('cache', { x: 0, y: 0 });
      session.editor.addComponent('kafka', { x: 300, y: 0 }); // selected alone
      if (c.id === 'redo') session.editor.undo();
      const before = snapshot(session, fits, themes);
      c.run(session);
      await new Promise((r) => setTimeout(r));
      expect(snapshot(session, fits, themes), c.id).not.toEqual(before);
      session.dialog = null;
    }
  });

  it('tooltips carry the key the registry gives', () => {
    expect(titleOf('undo')).toBe(`Undo (${keyLabel('Mod+Z')})`);
    expect(titleOf('layout', 'Auto-layout')).toBe('Auto-layout (Shift+L)');
    expect(keyLabel('Shift+Mod+Z', true)).toBe('Shift+⌘+Z');
    expect(keyLabel('Mod+K', false)).toBe('Ctrl+K');
    expect(titleOf('theme')).toBe('Toggle theme');
  });
});

describe('the design by name, from the keyboard', () => {
  /** A session whose view records what it was asked to bring into view. */
  async function recorded() {
    const opened = await openSession();
    const reveals: [string, boolean][] = [];
    Object.assign(opened.session.view, { reveal: (id: string, centre: boolean) => void reveals.push([id, centre]) });
    return { ...opened, reveals };
  }
  const labels = (s: Awaited<ReturnType<typeof openSession>>['session'], q: string) => namedCommands(s, q).map((c) => c.label);
  const edges = (s: Awaited<ReturnType<typeof openSession>>['session']) => s.editor.design.edges.map((e) => [e.source, e.target, e.params.mode]);

  it('typing a name offers to connect the selected component to one already there, and doing it keeps the selection', async () => {
    const { session, reveals } = await recorded();
    const client = session.addComponent('client');
    const scoring = session.addComponent('ranking-service');
    session.editor.setLabel(scoring, 'Scoring');
    const cache = session.addComponent('cache'); // connected from Scoring, selected alone
    expect(reveals.map(([id]) => id)).toEqual([client, scoring, cache]);
    expect(labels(session, 'scor')).toEqual(['Connect to Scoring', 'Go to Scoring']);
    namedCommands(session, 'connect client')[0].run(session);
    expect(edges(session).slice(2)).toEqual([[cache, client, expect.any(String)]]);
    expect([...session.editor.selectedNodes]).toEqual([cache]);
    // Nothing selected: nothing to connect from, but still somewhere to go.
    session.editor.select([]);
    expect(labels(session, 'scoring')).toEqual(['Go to Scoring']);
    expect(labels(session, 'go connection scoring cache')).toEqual(['Go to connection Scoring → Cache']);
    expect(labels(session, '')).toEqual([]);
  });

  it('"go …" selects a component or a connection and centres the view on it', async () => {
    const { session, reveals } = await recorded();
    const client = session.addComponent('client');
    const gateway = session.addComponent('api-gateway');
    reveals.length = 0;
    const [first] = namedCommands(session, 'go client');
    expect(first.verbLed).toBe(true);
    first.run(session);
    expect([...session.editor.selectedNodes]).toEqual([client]);
    expect(reveals).toEqual([[client, true]]);
    namedCommands(session, 'go connection gateway')[0].run(session);
    const edge = session.editor.design.edges[0];
    expect([edge.source, edge.target]).toEqual([client, gateway]);
    expect([[...session.editor.selectedNodes], [...session.editor.selectedEdges]]).toEqual([[], [edge.id]]);
  });

  it("a connection's mode is set by name, without the mouse", async () => {
    const { session } = await openSession();
    session.addComponent('client');
    session.addComponent('api-gateway');
    const before = session.editor.design.edges[0].params.mode;
    const other = before === 'offline' ? 'async' : 'offline';
    const entry = namedCommands(session, `connection client gateway ${other}`);
    expect(entry.map((c) => c.label)).toEqual([`Connection Client app → API gateway: set ${other}`]);
    entry[0].run(session);
    expect(session.editor.design.edges[0].params.mode).toBe(other);
    session.editor.undo();
    expect(session.editor.design.edges[0].params.mode).toBe(before);
  });

  it('C links two selected components, the left one to the right one, whichever was selected first', async () => {
    const { session } = await openSession();
    const right = session.editor.addComponent('cache', { x: 500, y: 0 });
    const left = session.editor.addComponent('app-service', { x: 100, y: 300 });
    session.editor.select([right, left]);
    expect(handleShortcut(press('C'), session)).toBe(true);
    expect(edges(session)).toEqual([[left, right, expect.any(String)]]);
    // One selected: C has nothing to link, and changes nothing.
    session.editor.select([left]);
    handleShortcut(press('C'), session);
    expect(edges(session)).toHaveLength(1);
  });
});

function commandForKeyIs(id: string, spec: string): boolean {
  return commandForKey(press(spec), true)?.id === id;
}

/** Everything a command can change that a person would notice. */
function snapshot(s: Awaited<ReturnType<typeof openSession>>['session'], fits: number[], themes: string[]) {
  return JSON.stringify({
    design: s.editor.design,
    selected: [...s.editor.selectedNodes],
    dialog: s.dialog,
    designs: s.library.designs.length,
    current: s.library.currentId,
    layout: [s.layout.direction, s.layout.tidy, s.layout.busy],
    interview: [s.interview.panelOpen, s.interview.running, s.interview.presenting, s.interview.calculatorOpen, s.interview.active],
    fits: fits.length,
    themes: themes.length,
    minimap: minimap.shown,
    review: reviewTab.shown,
    textPane: textPaneOf(s).open,
    scenario: [scenarioPaneOf(s).open, scenarioPaneOf(s).running, scenarioPaneOf(s).error],
  });
}
