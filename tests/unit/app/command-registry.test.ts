// One list of commands drives the keyboard, the `?` help, the command palette, the Share menu
// and tooltips. These read what a person gets from each (the help as rendered, a key pressed)
// and check it against the list.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { COMMANDS, commandForKey, keysLabel, titleOf } from '../../../src/app/command-registry';
import { keyLabel } from '../../../src/app/keys';
import ShortcutsDialog from '../../../src/ui/dialogs/ShortcutsDialog.svelte';
import { handleShortcut } from '../../../src/ui/shortcuts';
import { textPaneOf } from '../../../src/app/text-pane.svelte';
import { reviewTab } from '../../../src/app/review.svelte';
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
    review: reviewTab.shown,
    fits: fits.length,
    themes: themes.length,
    textPane: textPaneOf(s).open,
  });
}
