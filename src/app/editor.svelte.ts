// The editor's state: the design with its history and the selection. Every edit goes through
// `dispatch(command, { record })`, and every verb dispatches one named command of model/commands.ts;
// components read `editor.design` and call the verbs, never composing edits themselves.
import { emptyDesign, GROUP_KIND, NOTE_KIND, type Design, type DesignNode, type EdgeParams, type Position, type Slo } from '../model/design';
import { createHistory, push, commit, undo, redo, canUndo, canRedo, type History } from '../model/history';
import * as cmd from '../model/commands';
import { cloneFragment, extractFragment, type Fragment } from '../model/fragment';
import { nextId, takenIds } from '../model/ids';
import { nodeSize } from '../model/geometry';
import { catalog } from '../catalog';

/** The catalog as the connection-mode rule reads it. */
const roleOf = (kind: string) => catalog.get(kind);

export type Command = (design: Design) => Design;

/** `record: false` while typing: each key is saved, and `commit()` on blur makes the run one undo step. */
export interface EditOptions {
  record?: boolean;
}

export class Editor {
  history = $state.raw<History>(createHistory(emptyDesign()));
  selectedNodes = $state.raw<ReadonlySet<string>>(new Set());
  selectedEdges = $state.raw<ReadonlySet<string>>(new Set());
  /** In-memory clipboard: also works where the system clipboard is not allowed. */
  clipboard: Fragment | null = null;

  design = $derived(this.history.present);
  canUndo = $derived(canUndo(this.history));
  canRedo = $derived(canRedo(this.history));

  dispatch(command: Command, { record = true }: { record?: boolean } = {}): void {
    const next = command(this.history.present);
    if (next !== this.history.present) this.history = push(this.history, next, record);
    else if (record) this.history = commit(this.history);
  }

  /** Ends a run of unrecorded edits (a drag) as one undo step. */
  commit(): void {
    this.history = commit(this.history);
  }

  /** Called whenever a document replaces the open one: what belonged to the old one goes. */
  private readonly loadListeners: (() => void)[] = [];

  /** Replaces the document, e.g. when opening a design: not undoable. */
  load(design: Design): void {
    this.history = createHistory(design);
    this.select([], []);
    for (const f of this.loadListeners) f();
  }

  /** `f` runs after every load(): state kept for the open document (a scenario's run) is dropped there. */
  onLoad(f: () => void): void {
    this.loadListeners.push(f);
  }

  undo(): void {
    this.history = undo(this.history);
    this.pruneSelection();
  }

  redo(): void {
    this.history = redo(this.history);
    this.pruneSelection();
  }

  select(nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): void {
    const n = new Set(nodeIds);
    const e = new Set(edgeIds);
    if (!sameSet(n, this.selectedNodes)) this.selectedNodes = n;
    if (!sameSet(e, this.selectedEdges)) this.selectedEdges = e;
  }

  selectAll(): void {
    this.select(this.design.nodes.map((n) => n.id), this.design.edges.map((e) => e.id));
  }

  private pruneSelection(): void {
    const ids = new Set(this.design.nodes.map((n) => n.id));
    const eids = new Set(this.design.edges.map((e) => e.id));
    this.select([...this.selectedNodes].filter((id) => ids.has(id)), [...this.selectedEdges].filter((id) => eids.has(id)));
  }

  /** Adds a component of a catalog kind at a canvas position (its top-left corner). */
  addComponent(kind: string, position: Position, connectFrom?: string): string {
    const def = catalog.get(kind);
    const id = nextId(takenIds(this.design), kind);
    const node: DesignNode = {
      id,
      kind,
      label: def?.name ?? kind,
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      params: catalog.defaultsFor(kind) ?? {},
    };
    this.dispatch((d) => cmd.addComponent(d, node, connectFrom, roleOf));
    this.select([id]);
    return id;
  }

  addFrame(position: Position, size = { width: 480, height: 300 }, label = 'Online serving'): string {
    const id = nextId(takenIds(this.design), GROUP_KIND);
    this.dispatch((d) => cmd.addNodes(d, [{ id, kind: GROUP_KIND, label, position, size, params: {} }]));
    this.select([id]);
    return id;
  }

  addNote(position: Position, text = 'Note'): string {
    const id = nextId(takenIds(this.design), NOTE_KIND);
    this.dispatch((d) => cmd.addNodes(d, [{ id, kind: NOTE_KIND, text, position, size: { width: 200, height: 90 }, params: {} }]));
    this.select([id]);
    return id;
  }

  /** Wraps the selected components in a new frame sized around them. */
  frameSelection(label = 'Group'): string | null {
    const members = this.design.nodes.filter((n) => this.selectedNodes.has(n.id) && !n.parentId && n.kind !== GROUP_KIND);
    if (members.length === 0) return null;
    const pad = 40;
    const xs = members.map((n) => n.position.x);
    const ys = members.map((n) => n.position.y);
    const x0 = Math.min(...xs) - pad;
    const y0 = Math.min(...ys) - pad - 20;
    const width = Math.max(...members.map((n) => n.position.x + nodeSize(n).width)) - x0 + pad;
    const height = Math.max(...members.map((n) => n.position.y + nodeSize(n).height)) - y0 + pad;
    const id = nextId(takenIds(this.design), GROUP_KIND);
    const frame: DesignNode = { id, kind: GROUP_KIND, label, position: { x: x0, y: y0 }, size: { width, height }, params: {} };
    this.dispatch((d) => cmd.frameNodes(d, frame, members.map((m) => m.id)));
    this.select([id]);
    return id;
  }

  /** Without `params`, the connection takes the mode the kinds it joins call for. */
  connect(source: string, target: string, params?: EdgeParams): void {
    this.dispatch((d) => cmd.connectNodes(d, source, target, params, roleOf));
  }

  reconnect(edgeId: string, source: string, target: string): void {
    this.dispatch((d) => cmd.reconnect(d, edgeId, source, target));
  }

  deleteSelection(): void {
    if (this.selectedNodes.size === 0 && this.selectedEdges.size === 0) return;
    this.dispatch((d) => cmd.removeElements(d, this.selectedNodes, this.selectedEdges));
    this.select([], []);
  }

  copySelection(): Fragment | null {
    if (this.selectedNodes.size === 0) return null;
    this.clipboard = extractFragment(this.design, this.selectedNodes);
    return this.clipboard;
  }

  paste(fragment: Fragment | null = this.clipboard, offset = { x: 40, y: 40 }): void {
    if (!fragment || fragment.nodes.length === 0) return;
    const copy = cloneFragment(this.design, fragment, offset);
    this.dispatch((d) => cmd.addNodes(d, copy.nodes, copy.edges));
    this.select(copy.nodes.filter((n) => !n.parentId).map((n) => n.id));
  }

  duplicateSelection(): void {
    if (this.selectedNodes.size === 0) return;
    this.paste(extractFragment(this.design, this.selectedNodes));
  }

  nudgeSelection(dx: number, dy: number): void {
    this.dispatch((d) => cmd.nudge(d, this.selectedNodes, dx, dy));
  }

  /**
   * Where a drag let nodes go (the canvas alone moves them meanwhile): their positions and any
   * frame they were dropped into or out of, as one undo step.
   */
  dropNodes(positions: ReadonlyMap<string, Position>): void {
    this.dispatch((d) => cmd.dropNodes(d, positions));
  }

  /** Frames and notes: the new box after a resize, as one undo step. */
  resize(id: string, box: { x: number; y: number; width: number; height: number }): void {
    const position = { x: Math.round(box.x), y: Math.round(box.y) };
    const size = { width: Math.round(box.width), height: Math.round(box.height) };
    this.dispatch((d) => cmd.updateNode(d, id, { position, size }));
  }

  setLabel(id: string, label: string, options: EditOptions = {}): void {
    this.dispatch((d) => cmd.updateNode(d, id, { label }), options);
  }

  setNoteText(id: string, text: string, options: EditOptions = {}): void {
    this.dispatch((d) => cmd.updateNode(d, id, { text }), options);
  }

  setParam(id: string, key: string, value: unknown): void {
    this.dispatch((d) => cmd.setNodeParam(d, id, key, value));
  }

  setEdgeParams(id: string, patch: Partial<EdgeParams>): void {
    this.dispatch((d) => cmd.setEdgeParams(d, id, patch));
  }

  /** An empty name becomes "Untitled design" (see `fitName`). */
  rename(name: string, options: EditOptions = {}): void {
    this.dispatch((d) => cmd.rename(d, name), options);
  }

  /**
   * The note of one framework step. While typing, pass `record: false` and call `commit()` when
   * the typing pauses or the field loses focus: a burst of keys is then one undo step.
   */
  setStepNote(step: string, text: string, options: EditOptions = {}): void {
    this.dispatch((d) => cmd.setNotes(d, step, text), options);
  }

  /** The design's SLO, or none with null. */
  setSlo(slo: Slo | null): void {
    this.dispatch((d) => cmd.setSlo(d, slo));
  }

  /** Replica counts of several components as one undo step (a capacity plan). */
  setReplicas(replicas: Readonly<Record<string, number>>): void {
    this.dispatch((d) => cmd.setReplicas(d, replicas));
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
