// Auto-layout as the user sees it: which nodes to lay out, the animation to their new places
// (transient edits, then one undo step), "tidy as I edit", and dropping answers that arrive for
// a design that has changed meanwhile.
import type { Design } from '../model/design';
import type { Editor } from './editor.svelte';
import { COMPONENT_SIZE } from '../model/geometry';
import { fromElkGraph, routesFromElk, toElkGraph, type Direction } from '../layout/to-elk-graph';
import { LayoutClient } from '../layout/layout-client';
import { applyPlacements, currentPlacements, easeInOut, interpolate, movedCount, readyRoutes, routesDiffer, type Placements, type Routes } from '../layout/placements';
import { catalog } from '../catalog';

export type LayoutResult = 'done' | 'unchanged' | 'stale' | 'failed';

const ANIMATION_MS = 320;
/**
 * Each tween frame re-renders every moving node and its connections; beyond this many the
 * frames come too slowly to read as motion, so the nodes jump in one step instead.
 */
const ANIMATE_LIMIT = 150;
/**
 * A jump of that many is applied this many nodes a frame (transient edits, then one undo step):
 * re-rendering a thousand nodes and their connections in one step blocks the page for a third
 * of a second.
 */
const CHUNK = 50;
/** The view's shape when the canvas cannot be measured (a test without a page). */
const DEFAULT_ASPECT = 16 / 9;
const roleOf = (kind: string) => catalog.get(kind);
/** "Tidy as I edit" waits for a pause in editing. */
const TIDY_DELAY_MS = 400;
const PREFS_KEY = 'mlsd.layout';

export class AutoLayout {
  direction = $state<Direction>('RIGHT');
  tidy = $state(false);
  error = $state<string | null>(null);
  /** Layouts under way: a newer one can start before an older one has returned. */
  private running = $state(0);

  private structure: string | null = null;
  private tidyTimer: ReturnType<typeof setTimeout> | undefined;
  private animation = 0;

  constructor(
    private readonly editor: Editor,
    private readonly client = new LayoutClient(),
    private readonly onLaidOut: (whole: boolean) => void = () => {},
  ) {
    const prefs = readPrefs();
    if (prefs.direction === 'DOWN') this.direction = 'DOWN';
    if (prefs.tidy === true) this.tidy = true;
  }

  get busy(): boolean {
    return this.running > 0;
  }

  /** Whether the layout engine has been loaded (it never is at start-up). */
  get loaded(): boolean {
    return this.client.started;
  }

  /**
   * Lays out the selection when two or more nodes are selected, otherwise the whole design;
   * the nodes animate there and the change is one undo step. `tidy`: started by "tidy as I
   * edit", which leaves the view alone.
   */
  async run({ whole = false, tidy = false }: { whole?: boolean; tidy?: boolean } = {}): Promise<LayoutResult> {
    const base = this.editor.design;
    const only = !whole && this.editor.selectedNodes.size >= 2 ? this.editor.selectedNodes : undefined;
    this.running++;
    try {
      const computed = await this.compute(base, only);
      if (!computed.ok) {
        if (computed.reason === 'failed') this.error = `Auto-layout failed: ${computed.message ?? 'unknown error'}`;
        return computed.reason === 'failed' ? 'failed' : 'stale';
      }
      // The user (or another layout) changed the design while ELK worked: its answer no
      // longer fits, and applying it would undo their edit.
      if (this.editor.design !== base) return 'stale';
      this.error = null;
      const moved = await this.animateTo(base, computed.placements, computed.routes);
      if (moved && !tidy) this.onLaidOut(!only);
      return moved ? 'done' : 'unchanged';
    } finally {
      this.running--;
    }
  }

  /** Lays out without applying: positions (and frame sizes) per node id. Benches call it too. */
  async compute(design: Design, only?: ReadonlySet<string>) {
    // Online, async and offline parts in bands, wrapped to the shape of the view.
    const opts = { direction: this.direction, nodeSize: COMPONENT_SIZE, only, roleOf, aspectRatio: viewAspect() };
    const outcome = await this.client.layout(toElkGraph(design, opts));
    if (!outcome.ok) return outcome;
    const placements = fromElkGraph(design, outcome.graph);
    const routes = routesFromElk(design, outcome.graph, placements);
    return { ok: true as const, placements, routes, workerMs: outcome.workerMs };
  }

  setDirection(direction: Direction): void {
    this.direction = direction;
    this.savePrefs();
  }

  setTidy(on: boolean): void {
    this.tidy = on;
    this.savePrefs();
    if (on) void this.run({ whole: true, tidy: true });
  }

  /**
   * Called on every design change. With "tidy as I edit" on, a structural edit (add, connect,
   * delete, moving into a frame) lays the design out again after a pause. Undo, redo and
   * opening a design are left alone: re-laying those out would erase the redo steps.
   */
  designChanged(): void {
    if (!this.tidy) {
      this.structure = null;
      return;
    }
    const h = this.editor.history;
    const structure = structureOf(h.present);
    if (structure === this.structure) return;
    const first = this.structure === null;
    this.structure = structure;
    if (first || h.past.length === 0 || h.future.length > 0 || h.pending) return;
    clearTimeout(this.tidyTimer);
    this.tidyTimer = setTimeout(() => void this.run({ whole: true, tidy: true }), TIDY_DELAY_MS);
  }

  /**
   * Tweens from the current places with transient edits, then records one step. The pipes of
   * moving nodes are drawn as curves on the way; the routes are set once they have landed.
   */
  private animateTo(base: Design, target: Placements, routes: Routes): Promise<boolean> {
    const from = currentPlacements(base, target.keys());
    const moving = movedCount(from, target);
    if (moving === 0 && !routesDiffer(base, routes)) return Promise.resolve(false);
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (typeof requestAnimationFrame !== 'function' || (reduced && moving <= CHUNK) || moving === 0) {
      this.editor.dispatch((d) => applyPlacements(d, target, routes));
      return Promise.resolve(true);
    }
    if (reduced || moving > ANIMATE_LIMIT) return this.applyInChunks(base, from, target, routes);
    const token = ++this.animation;
    const start = performance.now();
    let shown = base;
    return new Promise((resolve) => {
      const frame = (now: number) => {
        // Another edit (an undo, a drag, a newer layout) took over: stop where we are.
        if (token !== this.animation || this.editor.design !== shown) {
          this.editor.commit();
          return resolve(true);
        }
        const t = Math.min(1, (now - start) / ANIMATION_MS);
        shown = t === 1 ? applyPlacements(base, target, routes) : applyPlacements(base, interpolate(from, target, easeInOut(t)));
        this.editor.dispatch(() => shown, { record: false });
        if (t < 1) return void requestAnimationFrame(frame);
        this.editor.commit();
        resolve(true);
      };
      requestAnimationFrame(frame);
    });
  }

  /**
   * Moves the nodes to their places a chunk per frame, each route set in the chunk that places
   * the last of its ends; stops where it is if another edit takes over.
   */
  private applyInChunks(base: Design, from: Placements, target: Placements, routes: Routes): Promise<boolean> {
    const moved = [...target].filter(([id]) => movedCount(from, new Map([[id, target.get(id)!]])) > 0);
    const pending = new Set(moved.map(([id]) => id));
    const set = new Set<string>();
    const token = ++this.animation;
    let shown = base;
    let at = 0;
    return new Promise((resolve) => {
      const frame = () => {
        if (token !== this.animation || this.editor.design !== shown) {
          this.editor.commit();
          return resolve(true);
        }
        const chunk = moved.slice(at, (at += CHUNK));
        for (const [id] of chunk) pending.delete(id);
        shown = applyPlacements(shown, new Map(chunk), readyRoutes(shown, routes, pending, set));
        this.editor.dispatch(() => shown, { record: false });
        if (at < moved.length) return afterFrame(frame);
        this.editor.commit();
        resolve(true);
      };
      afterFrame(frame);
    });
  }

  private savePrefs(): void {
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify({ direction: this.direction, tidy: this.tidy }));
    } catch {
      // No storage (private mode): the choice lasts for this visit.
    }
  }
}

/** What a layout depends on: which nodes, in which frames, and how they are connected. */
export function structureOf(design: Design): string {
  const nodes = design.nodes.map((n) => `${n.id}<${n.parentId ?? ''}`).join(',');
  const edges = design.edges.map((e) => `${e.source}>${e.target}`).join(',');
  return `${nodes}|${edges}`;
}

/*
 * Runs `step` in a task of its own once the next frame is drawn, not inside the frame: drawing a
 * thousand nodes and updating them are then two short tasks instead of one long one, and a click
 * or a key gets in between.
 */
function afterFrame(step: () => void): void {
  requestAnimationFrame(() => setTimeout(step, 0));
}

/** Width ÷ height of the canvas, which the layout's shape should come near. */
function viewAspect(): number {
  const el = typeof document === 'undefined' ? null : document.querySelector('.svelte-flow');
  const w = el?.clientWidth ?? 0;
  const h = el?.clientHeight ?? 0;
  return w > 0 && h > 0 ? w / h : DEFAULT_ASPECT;
}

function readPrefs(): { direction?: unknown; tidy?: unknown } {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(PREFS_KEY);
    const value: unknown = raw ? JSON.parse(raw) : null;
    return value && typeof value === 'object' ? (value as { direction?: unknown; tidy?: unknown }) : {};
  } catch {
    return {};
  }
}
