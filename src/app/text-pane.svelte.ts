// The text pane: the open design as text (docs/text-format.md), edited both ways. Typing changes
// the design after a short pause as transient edits, and leaving the pane makes the run one undo
// step, as the label fields do; a text with a wrong line changes nothing and shows the lines.
// While the pane is not being typed in, it follows the canvas. Components new in the text go
// next to the component that calls them (else the centre of the view), in a free spot.
import type { Design, DesignNode, Position } from '../model/design';
import { GROUP_KIND } from '../model/design';
import { absolutePosition } from '../model/commands';
import { COMPONENT_SIZE } from '../model/geometry';
import { parseDesign, printDesign, type TextError } from '../persistence/design-text';
import { settleFrames } from '../persistence/mermaid-layout';
import { catalog } from '../catalog';
import { freeSpot } from './placement';
import type { Session } from './session.svelte';

/** How long typing pauses before the design follows. */
export const TEXT_PAUSE_MS = 400;

const defaultsFor = (kind: string) => catalog.defaultsFor(kind);
const kinds = catalog.kinds.map((k) => k.kind);

export const designText = (design: Design) => printDesign(design, defaultsFor);

type PaneSession = Pick<Session, 'editor' | 'view'>;

export class TextPane {
  open = $state(false);
  /** What the pane shows: the design as text, or what is being typed. */
  text = $state('');
  /** The wrong lines of the typed text; the design stays as it was while there are any. */
  errors = $state.raw<TextError[]>([]);

  private typing = false;
  /**
   * The design when typing began: a component that a half-typed id removed for a moment comes
   * back where it was, not in a new spot.
   */
  private origin: Design | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The text the design last matched: nothing to read again when it has not changed. */
  private settled = '';

  constructor(private readonly session: PaneSession) {}

  toggle(): void {
    this.open = !this.open;
    if (this.open) this.follow(this.session.editor.design);
  }

  /** The design changed: the text follows it, unless it is being typed in. */
  follow(design: Design): void {
    if (this.typing) return;
    this.text = this.settled = designText(design);
    this.errors = [];
  }

  focus(): void {
    this.typing = true;
    this.origin = this.session.editor.design;
  }

  input(text: string): void {
    this.text = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.apply(), TEXT_PAUSE_MS);
  }

  /** Leaving the pane: what was typed is read now, the run becomes one undo step, and a good text is tidied. */
  blur(): void {
    clearTimeout(this.timer);
    const ok = this.apply();
    this.typing = false;
    this.origin = null;
    this.session.editor.commit();
    if (ok) this.follow(this.session.editor.design);
  }

  /** Reads the text into the design (a transient edit); false when a line is wrong. */
  apply(): boolean {
    if (this.text === this.settled) {
      this.errors = [];
      return true;
    }
    const { editor } = this.session;
    const base = editor.design;
    const r = parseDesign(this.text, { defaultsFor, kinds, base, knownParamsOnly: true });
    if (!r.ok) {
      this.errors = r.errors;
      return false;
    }
    this.errors = [];
    this.settled = this.text;
    const next = placeNew(r.design, r.added, base, this.session.view.viewportCenter(), this.origin ?? base);
    if (JSON.stringify(next) !== JSON.stringify(base)) editor.dispatch(() => next, { record: false });
    return true;
  }
}

/**
 * Places what the text added and keeps the rest where it was on the canvas, also when the text
 * moved it into or out of a frame. New frames are drawn around their members.
 */
export function placeNew(design: Design, added: readonly string[], base: Design, centre: Position, origin: Design = base): Design {
  const nodes = design.nodes.map((n) => ({ ...n }));
  const isNew = new Set(added);
  const abs = new Map<string, Position>();
  const baseById = new Map(base.nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    const old = baseById.get(n.id);
    if (old) abs.set(n.id, absolutePosition(base, old));
  }
  const placed = (): Design => ({ ...design, nodes: nodes.filter((n) => abs.has(n.id) && n.kind !== GROUP_KIND).map((n) => ({ ...n, parentId: undefined, position: abs.get(n.id)! })) });
  for (const n of nodes) {
    if (!isNew.has(n.id) || n.kind === GROUP_KIND) continue;
    const before = origin.nodes.find((m) => m.id === n.id);
    if (before) {
      abs.set(n.id, absolutePosition(origin, before));
      continue;
    }
    const callers = design.edges.filter((e) => e.target === n.id && abs.has(e.source) && e.source !== n.id);
    const caller = callers[0]?.source;
    const from = caller ? abs.get(caller)! : undefined;
    const fanout = caller ? design.edges.filter((e) => e.source === caller && abs.has(e.target)).length : 0;
    const wanted = from ? { x: from.x + 260, y: from.y + fanout * 90 } : { x: centre.x - COMPONENT_SIZE.width / 2, y: centre.y - COMPONENT_SIZE.height / 2 };
    const size = n.size ?? COMPONENT_SIZE;
    abs.set(n.id, freeSpot(placed(), wanted, size, COMPONENT_SIZE));
  }
  settleFrames(nodes, abs, (f: DesignNode) => isNew.has(f.id));
  return { ...design, nodes };
}

const panes = new WeakMap<PaneSession, TextPane>();

/** The text pane of a session: one per open app. */
export function textPaneOf(session: PaneSession): TextPane {
  let pane = panes.get(session);
  if (!pane) panes.set(session, (pane = new TextPane(session)));
  return pane;
}
