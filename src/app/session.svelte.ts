// One open app: the editor, the saved designs, the simulation, auto-layout, the share-link
// preview, the interview and the update check, made and wired together here, so the UI only
// draws them. Data crosses the app's edge at two doors: `openExternal` for everything coming in
// (files, drops, links, paste, templates) and `exportAs` for everything going out; each shows
// its outcome in the one `notice`.
import type { Position } from '../model/design';
import { absolutePosition } from '../model/commands';
import { DesignStore } from '../persistence/design-store';
import { indexedDbKeyValue } from '../persistence/idb';
import { COMPONENT_SIZE } from '../model/geometry';
import { Editor } from './editor.svelte';
import { Library } from './library.svelte';
import { Interview } from './interview.svelte';
import { SharePreview } from './share-preview.svelte';
import { Simulation } from './simulation.svelte';
import { AutoLayout } from './layout.svelte';
import { appUpdate } from './update.svelte';
import { guardAgainstOtherTabs } from './tab-guard';
import { freeSpot } from './placement';
import { downloadText, pickFile } from './file-io';
import type { ExportKind, PictureMaker } from './exports';
import { IMPORT_ACCEPT, readExternal, type ExternalInput } from './open-external';
import { pairInOrder } from './named-commands';
import { isLoadFailure, loadFailureText } from './load-failure';

export type DialogName = 'designs' | 'templates' | 'shortcuts' | 'command' | 'share';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/** How an outside input ended: a new saved design, a preview of a link, refused, or not a design. */
export interface OpenResult {
  status: 'opened' | 'preview' | 'refused' | 'ignored';
  /** The refusal, as shown in `notice`. */
  message: string | null;
}

/** The canvas, as far as the session moves it. */
export interface CanvasView {
  fitView(duration?: number): void;
  /** Frames a design just opened: whole, or a large one at a readable zoom on its sources. */
  openView(): void;
  viewportCenter(): Position;
  /**
   * Brings an element into view and puts the keyboard focus on it: centred when `centre`, else
   * panned only as far as needed (a component just added, one gone to by name).
   */
  reveal?(id: string, centre: boolean): void;
  /** Focuses the selected component or connection, else the first component; false when there is none. */
  focus?(): boolean;
}

export interface SessionParts {
  /** Pictures for exports, in the look on show. */
  pictures: PictureMaker;
  view: CanvasView;
  /** Switches the colour theme. */
  toggleTheme(): void;
  store?: DesignStore;
}

const INFO_MS = 6000;

export class Session {
  readonly editor = new Editor();
  readonly library: Library;
  readonly interview = new Interview();
  readonly preview: SharePreview;
  readonly simulation: Simulation;
  readonly layout: AutoLayout;
  readonly update = appUpdate;
  readonly view: CanvasView;
  readonly toggleTheme: () => void;
  /** The dialog on show. */
  dialog = $state<DialogName | null>(null);
  /** What the last import or export came to; an error stays until dismissed. */
  notice = $state<Notice | null>(null);
  /** The first design is on the canvas. */
  ready = $state(false);

  private readonly pictures: PictureMaker;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(parts: SessionParts) {
    this.library = new Library(this.editor, parts.store ?? new DesignStore(indexedDbKeyValue()));
    this.preview = new SharePreview(this.editor, this.library);
    this.simulation = new Simulation(this.editor);
    // A whole-design layout can spread wider than the view: fit it in.
    this.layout = new AutoLayout(this.editor, undefined, (whole) => whole && parts.view.fitView());
    this.view = parts.view;
    this.pictures = parts.pictures;
    this.toggleTheme = parts.toggleTheme;
  }

  /**
   * Opens the first design (the link in `hash`, else the last one), then keeps things saved:
   * autosave and tidy follow every edit, other tabs are watched, and leaving the page saves
   * first. Returns the function that stops it all.
   */
  start(hash: string): () => void {
    const stopEffects = $effect.root(() => {
      $effect(() => this.library.designChanged(this.editor.design));
      $effect(() => this.layout.designChanged());
    });
    void this.openExternal({ kind: 'link', hash }).then(async (r) => {
      if (r.status !== 'preview') await this.library.init();
      this.view.openView();
      this.ready = true;
    });
    const leaving = () => this.library.leaving();
    const onvisibility = () => (document.visibilityState === 'hidden' ? leaving() : void this.library.flush());
    const onhash = () => void this.openExternal({ kind: 'link', hash: location.hash });
    const stopGuard = guardAgainstOtherTabs(this.library);
    // Leaving with a save pending, under way or failed asks first; the pending save starts now
    // and the edit is kept in Web Storage meanwhile (Library.leaving).
    const onbeforeunload = (e: BeforeUnloadEvent) => {
      if (!this.library.unsaved) return;
      leaving();
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onbeforeunload);
    window.addEventListener('pagehide', leaving);
    window.addEventListener('hashchange', onhash);
    document.addEventListener('visibilitychange', onvisibility);
    return () => {
      window.removeEventListener('beforeunload', onbeforeunload);
      window.removeEventListener('pagehide', leaving);
      window.removeEventListener('hashchange', onhash);
      document.removeEventListener('visibilitychange', onvisibility);
      stopGuard();
      stopEffects();
      // The refinement's workers and a discrete-event run end with the app, not with the page.
      this.simulation.destroy();
    };
  }

  /**
   * The one way in. A design becomes a new saved design (the open one is never touched); a share
   * link opens as a preview; anything refused leaves every design as it was and says why.
   */
  async openExternal(input: ExternalInput): Promise<OpenResult> {
    const r = await readExternal(input);
    if (r.is === 'other') return { status: 'ignored', message: null };
    if (r.is === 'refused') return this.refused(r.message);
    if (r.is === 'link') {
      if (await this.preview.open(r.hash)) {
        this.notice = null;
        this.view.openView();
        return { status: 'preview', message: null };
      }
      // The preview has said why (and left the address bar); its sentence is shown here instead.
      const message = this.preview.error;
      this.preview.error = null;
      return message ? this.refused(message) : { status: 'ignored', message: null };
    }
    if (this.notice?.kind === 'error') this.notice = null;
    await this.library.create(r.design ?? undefined);
    this.library.notices = r.warnings;
    this.view.openView();
    return { status: 'opened', message: null };
  }

  /** Asks for a file and opens it. */
  async importFile(): Promise<OpenResult | null> {
    const file = await pickFile(IMPORT_ACCEPT);
    return file ? this.openExternal({ kind: 'file', file }) : null;
  }

  /** The one way out: runs an export and says what happened. */
  async exportAs(kind: ExportKind): Promise<void> {
    const figures = { metrics: this.simulation.metrics, traffic: this.simulation.traffic };
    const design = this.editor.design;
    try {
      // The export code (formats, pictures) is loaded with the first export, not with the page.
      const { runExport } = await import('./exports');
      this.show({ kind: 'info', text: await runExport(kind, design, figures, this.pictures) });
    } catch (e) {
      this.show({ kind: 'error', text: isLoadFailure(e) ? loadFailureText('The export') : `Export failed: ${(e as Error)?.message ?? e}` });
    }
  }

  /** A saved design that could not be opened, downloaded as it is stored. */
  downloadDamaged(id: string): void {
    const d = this.library.damaged.find((x) => x.id === id);
    if (d) downloadText(d.fileName, d.text);
  }

  /** Saves pending edits, then reloads into the new version. */
  async reloadForUpdate(): Promise<void> {
    await this.library.flush();
    await this.update.reload();
  }

  /**
   * Click-to-add and quick-add: with one component selected the new one goes to its right,
   * connected from it (below its earlier callees); otherwise at the centre of the view.
   */
  addComponent(kind: string): string {
    const { editor } = this;
    const d = editor.design;
    const from = d.nodes.find((n) => n.id === this.connectFromId);
    if (from) {
      const fanout = d.edges.filter((e) => e.source === from.id).length;
      const p = absolutePosition(d, from);
      return this.shown(editor.addComponent(kind, freeSpot(d, { x: p.x + 260, y: p.y + fanout * 90 }, COMPONENT_SIZE, COMPONENT_SIZE), from.id));
    }
    return this.shown(editor.addComponent(kind, freeSpot(d, this.centred(COMPONENT_SIZE), COMPONENT_SIZE, COMPONENT_SIZE)));
  }

  addFrame(): string {
    return this.shown(this.editor.addFrame(this.centred({ width: 480, height: 300 })));
  }

  addNote(): string {
    return this.shown(this.editor.addNote(this.centred({ width: 200, height: 90 })));
  }

  /** Selects a component or a connection by id and centres the view on it, with the focus there. */
  goTo(id: string): void {
    const { design } = this.editor;
    if (design.nodes.some((n) => n.id === id)) this.editor.select([id]);
    else if (design.edges.some((e) => e.id === id)) this.editor.select([], [id]);
    else return;
    this.view.reveal?.(id, true);
  }

  /** Connects the one selected component to `target`; the selection stays, to connect it on. */
  connectTo(target: string): void {
    const from = this.connectFromId;
    if (!from || from === target) return;
    this.editor.connect(from, target);
    this.view.reveal?.(from, false);
  }

  /** Connects exactly two selected components, the left one to the right one (see pairInOrder). */
  connectPair(): void {
    const pair = pairInOrder(this.editor.design, this.editor.selectedNodes);
    if (pair) this.editor.connect(...pair);
  }

  /** The one selected component (not a frame or a note), which a quick add or "Connect to" starts from. */
  get connectFromId(): string | null {
    const sel = this.editor.selectedNodes;
    if (sel.size !== 1) return null;
    const node = this.editor.design.nodes.find((n) => sel.has(n.id));
    return node && node.kind !== 'group' && node.kind !== 'note' ? node.id : null;
  }

  /** The label of the one selected component, which a quick add connects from. */
  get connectFrom(): string | null {
    const id = this.connectFromId;
    return id && (this.editor.design.nodes.find((n) => n.id === id)?.label ?? id);
  }

  /** What was just added: in view, with the focus on it (not left on the page). */
  private shown(id: string): string {
    this.view.reveal?.(id, false);
    return id;
  }

  /** Where a box of `size` sits centred in the view. */
  private centred(size: { width: number; height: number }): Position {
    const c = this.view.viewportCenter();
    return { x: Math.round(c.x - size.width / 2), y: Math.round(c.y - size.height / 2) };
  }

  private refused(message: string): OpenResult {
    this.show({ kind: 'error', text: message });
    return { status: 'refused', message };
  }

  private show(notice: Notice): void {
    clearTimeout(this.noticeTimer);
    this.notice = notice;
    if (notice.kind === 'info') this.noticeTimer = setTimeout(() => (this.notice = null), INFO_MS);
  }
}
