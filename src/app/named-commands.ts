// Commands about the design's own elements, found by typing a name into the command palette:
// "Go to Scoring", "Connect to Scoring" (from the one selected component) and
// "Connection Scoring → Video features: set async". They are made afresh from the open design
// each time the palette asks, so every component and connection can be reached without the mouse.
import { EDGE_CHOICES } from '../model/rules';
import { absolutePosition } from '../model/commands';
import { GROUP_KIND, NOTE_KIND, type Design, type EdgeMode } from '../model/design';
import { nodeName } from './catalog-view';
import type { Session } from './session.svelte';

export interface NamedCommand {
  key: string;
  label: string;
  hint: string;
  /** The query began with this command's verb ("go …", "connect …"): it is listed before the kinds to add. */
  verbLed: boolean;
  run(session: Session): void;
}

const MAX = 8;

/** The words of a text, lower case, split at spaces and punctuation. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Every word typed starts a word of the text (in any order): "go cand" finds "Go to Candidate generation". */
export function matchesWords(text: string, query: string): boolean {
  const have = words(text);
  const typed = words(query);
  return typed.length > 0 && typed.every((t) => have.some((w) => w.startsWith(t)));
}

/** The entries whose text holds every word typed; none for an empty query (a long design would flood the list). */
export function namedCommands(session: Session, query: string): NamedCommand[] {
  const typed = words(query);
  if (typed.length === 0) return [];
  const design = session.editor.design;
  const from = session.connectFromId;
  const names = new Map(design.nodes.map((n) => [n.id, nodeName(n)]));
  // Two components of one name are told apart by their ids.
  const seen = new Set<string>();
  const shared = new Set([...names.values()].filter((x) => seen.has(x) || !seen.add(x)));
  const out: NamedCommand[] = [];
  const offer = (verb: string, c: Omit<NamedCommand, 'verbLed'>) => {
    if (matchesWords(c.label, query)) out.push({ ...c, verbLed: verb.startsWith(typed[0]) });
  };
  for (const n of design.nodes) {
    if (n.kind === NOTE_KIND) continue;
    const name = names.get(n.id)!;
    if (from && from !== n.id && n.kind !== GROUP_KIND) {
      offer('connect', { key: `connect:${n.id}`, label: `Connect to ${name}`, hint: `from ${names.get(from)}`, run: (s) => s.connectTo(n.id) });
    }
    offer('go', { key: `go:${n.id}`, label: `Go to ${name}`, hint: shared.has(name) ? n.id : 'select it and show it', run: (s) => s.goTo(n.id) });
  }
  // Connections only when asked for by name ("connection …", "go connection …"): a bare component
  // name would otherwise list every connection it has.
  const edgesAsked = typed.some((t) => t.length >= 3 && 'connection'.startsWith(t));
  for (const e of edgesAsked ? design.edges : []) {
    const between = `${names.get(e.source)} → ${names.get(e.target)}`;
    offer('go', { key: `go-edge:${e.id}`, label: `Go to connection ${between}`, hint: `${e.params.mode}; Enter edits it`, run: (s) => s.goTo(e.id) });
    for (const mode of EDGE_CHOICES.mode as readonly EdgeMode[]) {
      if (mode === e.params.mode) continue;
      offer('connection', { key: `mode:${e.id}:${mode}`, label: `Connection ${between}: set ${mode}`, hint: `now ${e.params.mode}`, run: (s) => s.editor.setEdgeParams(e.id, { mode }) });
    }
  }
  // Verb-led first, and no more of each than the list can show.
  return [...out.filter((c) => c.verbLed), ...out.filter((c) => !c.verbLed)].slice(0, MAX);
}

/** The two selected components in the order a link joins them: the left one first (the upper one when level). */
export function pairInOrder(design: Design, selected: ReadonlySet<string>): [string, string] | null {
  const nodes = design.nodes.filter((n) => selected.has(n.id) && n.kind !== GROUP_KIND && n.kind !== NOTE_KIND);
  if (nodes.length !== 2 || selected.size !== 2) return null;
  const [a, b] = nodes.map((n) => absolutePosition(design, n));
  const aFirst = a.x !== b.x ? a.x < b.x : a.y <= b.y;
  return aFirst ? [nodes[0].id, nodes[1].id] : [nodes[1].id, nodes[0].id];
}

