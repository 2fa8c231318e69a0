// The designs in this browser: which one is open, the list, and debounced autosave. The editor's
// design in memory is the truth; storage failures become a visible message, never lost work.
import { emptyDesign, type Design } from '../model/design';
import { DesignStore, newDesignId, type DesignMeta } from '../persistence/design-store';
import { restore } from '../persistence/restore';
import { catalog } from '../catalog';
import type { Editor } from './editor.svelte';

export const AUTOSAVE_DELAY_MS = 300;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

export function restoreWithCatalog(input: unknown) {
  return restore(input, { defaultsFor: (kind) => catalog.defaultsFor(kind) });
}

export class Library {
  designs = $state.raw<DesignMeta[]>([]);
  currentId = $state('');
  status = $state<SaveStatus>('saved');
  /** A storage problem, shown until the next successful save. */
  storageError = $state<string | null>(null);
  /** Notices from opening a design (unknown kinds, repaired frames). */
  notices = $state.raw<string[]>([]);
  /** Another tab saved the open design after this tab loaded it: saving waits for the user's choice. */
  conflict = $state(false);
  /** Told of each save, so other tabs can notice they are behind (see tab-guard.ts). */
  onSaved: ((id: string, rev: number) => void) | null = null;

  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSaved: Design | null = null;
  /** The revision this tab last loaded or saved; a save expects storage to still hold it. */
  private rev = 0;

  constructor(private editor: Editor, private store: DesignStore) {}

  /** Opens the last design, or a new one when there is none (or it cannot be read). */
  async init(): Promise<void> {
    await this.refresh();
    const last = await this.store.lastOpened();
    if (last.ok && last.value && (await this.open(last.value))) return;
    const newest = this.designs[0];
    if (newest && (await this.open(newest.id))) return;
    await this.create();
  }

  async refresh(): Promise<void> {
    const list = await this.store.list();
    if (list.ok) this.designs = list.value;
    else this.storageError = list.error;
  }

  /** Opens a saved design. Returns false (with a message) when it cannot be read. */
  async open(id: string): Promise<boolean> {
    await this.flush();
    const rec = await this.store.load(id);
    if (!rec.ok) {
      this.storageError = rec.error;
      return false;
    }
    if (!rec.value) return false;
    const r = restoreWithCatalog(rec.value.design);
    if (!r.ok) {
      this.storageError = `The saved design "${id}" could not be opened: ${r.error}`;
      return false;
    }
    this.currentId = id;
    this.lastSaved = r.design;
    this.rev = rec.value.rev ?? 0;
    this.conflict = false;
    this.notices = r.warnings;
    this.editor.load(r.design);
    await this.store.setLastOpened(id);
    return true;
  }

  /** Starts a new design (blank or from a template/import) and saves it at once. */
  async create(design: Design = emptyDesign()): Promise<string> {
    await this.flush();
    const id = newDesignId();
    this.currentId = id;
    this.rev = 0;
    this.conflict = false;
    this.notices = [];
    this.editor.load(design);
    // Remembered before the save reports "Saved", so a reload right after opens this design.
    await this.store.setLastOpened(id);
    await this.save();
    return id;
  }

  async rename(id: string, name: string): Promise<void> {
    if (id === this.currentId) {
      this.editor.rename(name);
      await this.flush();
      return;
    }
    const rec = await this.store.load(id);
    if (!rec.ok || !rec.value) return;
    const r = restoreWithCatalog(rec.value.design);
    if (r.ok) await this.report(this.store.save(id, { ...r.design, name: name.trim() || r.design.name }));
    await this.refresh();
  }

  async duplicate(id: string): Promise<void> {
    await this.flush();
    const rec = await this.store.load(id);
    if (!rec.ok || !rec.value) return;
    const r = restoreWithCatalog(rec.value.design);
    if (r.ok) await this.create({ ...r.design, name: `${r.design.name} (copy)` });
  }

  async remove(id: string): Promise<void> {
    const res = await this.store.remove(id);
    if (!res.ok) this.storageError = res.error;
    await this.refresh();
    if (id === this.currentId) {
      const next = this.designs[0];
      if (!next || !(await this.open(next.id))) await this.create();
    }
  }

  /** Called on every change of the editor's design; saves after a short pause. */
  designChanged(design: Design): void {
    if (design === this.lastSaved || !this.currentId) return;
    this.status = 'pending';
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), AUTOSAVE_DELAY_MS);
  }

  /** Saves now if a save is pending (before switching designs or leaving the page). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.save();
    }
  }

  /** Another tab saved revision `rev` of design `id`. */
  savedElsewhere(id: string, rev: number): void {
    if (id !== this.currentId || rev <= this.rev) return;
    this.conflict = true;
    this.cancelPending();
    if (this.lastSaved !== this.editor.design) this.status = 'failed';
  }

  /** Conflict choice: drop this tab's version and open the one the other tab saved. */
  async reloadFromStorage(): Promise<void> {
    this.conflict = false;
    this.cancelPending();
    if (!(await this.open(this.currentId))) await this.create(this.editor.design);
  }

  /** Conflict choice: keep this tab's version as a new design; the other tab's stays as saved. */
  async keepMineAsCopy(): Promise<void> {
    this.cancelPending();
    const design = this.editor.design;
    await this.create({ ...design, name: `${design.name} (copy)` });
  }

  /** Closes the open design without saving anything more (a share-link preview takes its place). */
  async leave(): Promise<void> {
    await this.flush();
    this.currentId = '';
    this.conflict = false;
    this.status = 'saved';
    await this.refresh();
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async save(): Promise<void> {
    this.timer = null;
    // Never write over another tab's newer save: the user chooses first (see `conflict`).
    if (this.conflict) this.status = 'failed';
    if (this.conflict || !this.currentId) return;
    const design = this.editor.design;
    const id = this.currentId;
    this.status = 'saving';
    const r = await this.store.save(id, design, Date.now(), this.rev);
    if (!r.ok && r.conflict) {
      this.conflict = true;
      this.status = 'failed';
      return;
    }
    const ok = await this.report(Promise.resolve(r));
    if (r.ok) {
      this.onSaved?.(id, r.value);
      if (id === this.currentId) this.rev = r.value;
      this.lastSaved = design;
    }
    this.status = ok ? (this.lastSaved === this.editor.design ? 'saved' : 'pending') : 'failed';
    await this.refresh();
  }

  private async report(p: Promise<{ ok: true } | { ok: false; error: string }>): Promise<boolean> {
    const r = await p;
    this.storageError = r.ok ? null : r.error;
    return r.ok;
  }
}
