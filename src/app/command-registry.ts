// Every command of the app, once: its name, its keys and what it does. The keyboard handler,
// the `?` help, the command palette, toolbar tooltips and the Share menu are all read from this
// list, so a key shown anywhere is the key that works, and a command renamed here is renamed
// everywhere.
import type { Session } from './session.svelte';
import { copySelection, pasteClipboard } from './clipboard';
import { keyLabel, keysMatch } from './keys';
import { reviewTab } from './review.svelte';
import { minimap } from './minimap.svelte';
import { cycleArea, focusInspector } from './focus';
import { textPaneOf } from './text-pane.svelte';
import { scenarioPaneOf } from './scenario.svelte';

export { keyLabel, keysLabel } from './keys';
export { namedCommands, type NamedCommand } from './named-commands';

export type CommandGroup = 'Edit' | 'Add' | 'View' | 'Design' | 'Share' | 'Interview' | 'Help';

export interface Command {
  id: string;
  /** What it does, as the help and the palette say it. */
  label: string;
  /** Key combinations (see keys.ts): `Mod` is Ctrl, or ⌘ on a Mac. */
  keys?: string[];
  /** `selection`: the keys act only with something selected, and are left to the page otherwise. */
  when?: 'selection';
  /** The keys act even in a text field (moving between the page's areas must work from anywhere). */
  anywhere?: boolean;
  /** The keys act only with the focus on the canvas or nowhere: a focused button keeps its Enter. */
  canvasOnly?: boolean;
  group: CommandGroup;
  /** Its entry in the Share menu: the shorter name there, and the heading it starts. */
  menu?: { label: string; section?: string };
  /** Left out of the command palette (it needs its key, or it is the palette). */
  hidden?: boolean;
  run(session: Session, key?: KeyboardEvent): void;
}

const NUDGE = 10;
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

export const COMMANDS: readonly Command[] = [
  { id: 'palette', group: 'Edit', label: 'Command palette: add a component (connected from the selected one) or run a command', keys: ['Mod+K'], hidden: true, run: (s) => (s.dialog = 'command') },
  { id: 'undo', group: 'Edit', label: 'Undo', keys: ['Mod+Z'], run: (s) => s.editor.undo() },
  { id: 'redo', group: 'Edit', label: 'Redo', keys: ['Shift+Mod+Z', 'Mod+Y'], run: (s) => s.editor.redo() },
  { id: 'delete', group: 'Edit', label: 'Delete the selection', keys: ['Delete', 'Backspace'], when: 'selection', run: (s) => s.editor.deleteSelection() },
  { id: 'duplicate', group: 'Edit', label: 'Duplicate', keys: ['Mod+D'], run: (s) => s.editor.duplicateSelection() },
  { id: 'copy', group: 'Edit', label: 'Copy', keys: ['Mod+C'], hidden: true, run: (s) => copySelection(s.editor) },
  { id: 'cut', group: 'Edit', label: 'Cut', keys: ['Mod+X'], hidden: true, run: (s) => (copySelection(s.editor), s.editor.deleteSelection()) },
  {
    id: 'paste',
    group: 'Edit',
    label: "Paste (also from another design; a design file's text or a share link opens it)",
    keys: ['Mod+V'],
    hidden: true,
    run: (s) => void pasteClipboard(s.editor, async (text) => (await s.openExternal({ kind: 'text', text })).status !== 'ignored'),
  },
  { id: 'select-all', group: 'Edit', label: 'Select all', keys: ['Mod+A'], run: (s) => s.editor.selectAll() },
  { id: 'frame-selection', group: 'Edit', label: 'Put the selection in a frame', keys: ['Mod+G'], run: (s) => s.editor.frameSelection() },
  {
    id: 'nudge',
    group: 'Edit',
    label: 'Nudge the selection (Shift: 5× further)',
    keys: Object.keys(ARROWS).flatMap((k) => [k, `Shift+${k}`]),
    when: 'selection',
    hidden: true,
    run: (s, e) => {
      const [dx, dy] = (e && ARROWS[e.key]) ?? [0, 0];
      const step = NUDGE * (e?.shiftKey ? 5 : 1);
      s.editor.nudgeSelection(dx * step, dy * step);
    },
  },
  { id: 'escape', group: 'Edit', label: 'Leave presentation mode, else clear the selection', keys: ['Escape'], hidden: true, run: (s) => s.interview.leavePresenting() || s.editor.select([], []) },
  { id: 'connect-pair', group: 'Edit', label: 'Connect the two selected components, the left one to the right one', keys: ['C'], when: 'selection', hidden: true, run: (s) => s.connectPair() },
  { id: 'inspect', group: 'Edit', label: "Edit the selection: focus the inspector's first field", keys: ['Enter'], when: 'selection', canvasOnly: true, hidden: true, run: () => void focusInspector() },
  { id: 'add-frame', group: 'Add', label: 'Add a frame to group components', keys: ['F'], run: (s) => s.addFrame() },
  { id: 'add-note', group: 'Add', label: 'Add a text note', keys: ['T'], run: (s) => s.addNote() },
  { id: 'fit', group: 'View', label: 'Fit the design in view', keys: ['Shift+1'], run: (s) => s.view.fitView() },
  { id: 'layout', group: 'View', label: 'Auto-layout (the selection when two or more are selected)', keys: ['Shift+L'], run: (s) => void s.layout.run() },
  { id: 'layout-direction', group: 'View', label: 'Auto-layout: switch between left to right and top to bottom', run: (s) => s.layout.setDirection(s.layout.direction === 'RIGHT' ? 'DOWN' : 'RIGHT') },
  { id: 'layout-tidy', group: 'View', label: 'Auto-layout: tidy as I edit (on/off)', run: (s) => s.layout.setTidy(!s.layout.tidy) },
  { id: 'text-pane', group: 'View', label: 'Text pane: the design as text, edited both ways', keys: ['Shift+E'], run: (s) => textPaneOf(s).toggle() },
  { id: 'theme', group: 'View', label: 'Toggle theme', run: (s) => s.toggleTheme() },
  { id: 'minimap', group: 'View', label: 'Show or hide the minimap', keys: ['Shift+M'], run: () => minimap.toggle() },
  { id: 'timeline', group: 'View', label: 'Show or hide the scenario timeline under the canvas', keys: ['Shift+S'], run: (s) => scenarioPaneOf(s).toggle() },
  { id: 'scenario-run', group: 'Design', label: 'Run scenario: the design over time, with its events, on the timeline', run: (s) => void scenarioPaneOf(s).run() },
  { id: 'designs', group: 'Design', label: 'Open designs…', run: (s) => (s.dialog = 'designs') },
  { id: 'new-design', group: 'Design', label: 'New design', run: (s) => void s.library.create() },
  { id: 'template', group: 'Design', label: 'New from template…', run: (s) => (s.dialog = 'templates') },
  { id: 'share', group: 'Share', label: 'Copy link', menu: { label: 'Copy link…' }, run: (s) => (s.dialog = 'share') },
  { id: 'export-png', group: 'Share', label: 'Export as PNG image', menu: { label: 'PNG image (design inside)', section: 'Export' }, run: (s) => void s.exportAs('png') },
  { id: 'export-svg', group: 'Share', label: 'Export as SVG image', menu: { label: 'SVG image (design inside)' }, run: (s) => void s.exportAs('svg') },
  { id: 'export-file', group: 'Share', label: 'Export the design file (it also saves itself)', keys: ['Mod+S'], menu: { label: 'Design file (JSON)' }, run: (s) => void s.exportAs('json') },
  { id: 'export-mermaid', group: 'Share', label: 'Copy as Mermaid flowchart', menu: { label: 'Copy as Mermaid' }, run: (s) => void s.exportAs('mermaid-copy') },
  { id: 'export-mmd', group: 'Share', label: 'Export as Mermaid file (.mmd)', menu: { label: 'Mermaid file (.mmd)' }, run: (s) => void s.exportAs('mermaid-file') },
  { id: 'export-excalidraw', group: 'Share', label: 'Copy as Excalidraw', menu: { label: 'Copy as Excalidraw' }, run: (s) => void s.exportAs('excalidraw') },
  {
    id: 'import-file',
    group: 'Share',
    label: 'Import a design file (JSON, or a PNG/SVG exported here)',
    keys: ['Mod+O'],
    menu: { label: 'Import design file…', section: 'Open' },
    run: (s) => void s.importFile(),
  },
  { id: 'framework', group: 'Interview', label: 'Show or hide the 7-step framework panel', keys: ['Shift+F'], run: (s) => s.interview.togglePanel() },
  { id: 'timer', group: 'Interview', label: 'Start or pause the interview timer', keys: ['Shift+T'], run: (s) => s.interview.toggle() },
  { id: 'timer-reset', group: 'Interview', label: 'Reset the interview timer', run: (s) => s.interview.reset() },
  { id: 'present', group: 'Interview', label: 'Presentation mode for screen sharing (Escape leaves it)', keys: ['P'], run: (s) => s.interview.togglePresenting() },
  { id: 'calculator', group: 'Interview', label: 'Back-of-the-envelope calculator (QPS, storage)', keys: ['Shift+C'], run: (s) => (s.interview.calculatorOpen = true) },
  { id: 'review', group: 'Interview', label: 'Review the design: what an interviewer would say is missing, step by step', run: (s) => ((reviewTab.shown = true), (s.interview.panelOpen = true)) },
  {
    id: 'next-area',
    group: 'View',
    label: 'Move the focus to the next area: toolbar, components, canvas, timeline, inspector, results (Shift+F6: back)',
    keys: ['F6', 'Shift+F6'],
    anywhere: true,
    hidden: true,
    run: (s, e) => cycleArea(e?.shiftKey ? -1 : 1, () => s.view.focus?.() ?? false),
  },
  { id: 'shortcuts', group: 'Help', label: 'Show the keyboard shortcuts', keys: ['?'], run: (s) => (s.dialog = 'shortcuts') },
];

const byId = new Map(COMMANDS.map((c) => [c.id, c]));

export function command(id: string): Command {
  const c = byId.get(id);
  if (!c) throw new Error(`No command "${id}"`);
  return c;
}

/** The command a key press asks for, if any (`selected`: whether anything is selected). */
export function commandForKey(e: KeyboardEvent, selected: boolean): Command | undefined {
  return COMMANDS.find((c) => c.keys?.some((k) => keysMatch(k, e)) && (c.when !== 'selection' || selected) && (!c.canvasOnly || onCanvas(e)));
}

/** The key was pressed with the focus on the canvas, or on nothing in particular. */
function onCanvas(e: KeyboardEvent): boolean {
  const t = e.target as Element | null;
  return !t || !t.closest || t === document.body || !!t.closest('[role="application"]');
}

/** A tooltip: the text, and the command's first key in brackets when it has one. */
export function titleOf(id: string, text = command(id).label): string {
  const keys = command(id).keys;
  return keys ? `${text} (${keyLabel(keys[0])})` : text;
}
