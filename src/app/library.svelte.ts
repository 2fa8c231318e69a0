// The designs in this browser: which one is open, the list, and debounced autosave. The editor's
// design in memory is the truth; storage failures become a visible message, never lost work.
// "Saved" means the store confirmed the write; anything else (pending, saving, failed) is unsaved.
import { emptyDesign, type Design } from '../model/design';
import { rename as renameDesign } from '../model/commands';
import { DesignStore, newDesignId, type DesignMeta, type StoreResult } from '../persistence/design-store';
import { restore } from '../persistence/restore';
import { catalog } from '../catalog';
import { dropBackup, keepBackup, pageStorage, readBackups, type SyncStorage } from '../persistence/unload-backup';
import { damagedRecord, type DamagedRecord } from './damaged-record';
import type { Editor } from './editor.svelte';

export const AUTOSAVE_DELAY_MS = 300;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

export function restoreWithCatalog(input: unknown) {
  return restore(input, { defaultsFor: (kind) => catalog.defaultsFor(kind) });
}

interface Opened {
  design: Design;
  rev: number;
  warnings: string[];
}

export class Library {
  designs = $state.raw<DesignMeta[]>([]);
  currentId = $state('');
  status = $state<SaveStatus>('saved');
  /** A storage problem, shown until the next successful save. */
  storageError = $state<string | null>(null);
  /** Saved designs that could not be opened: named, left as stored, offered as a download. */
  damaged = $state.raw<DamagedRecord[]>([]);
  /** Notices from opening a design (unknown kinds, repaired frames). */
  notices = $state.raw<string[]>([]);
  /** Another tab saved the open design while this tab has unsaved edits: saving waits for the user's choice. */
  conflict = $state(false);
  /** Told of each save, so other tabs can notice they are behind (see tab-guard.ts). */
  onSaved: ((id: string, rev: number) => void) | null = null;

  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSaved: Design | null = null;
  /** The revision this tab last loaded or saved; a save expects storage to still hold it. */
  private rev = 0;
  /** The saves under way, in order (see `save`). */
  private writes: Promise<void> = Promise.resolve();

  /** A backup of the open design was kept as the page went away (see `leaving`). */
  private backedUp = false;

  constructor(
    private editor: Editor,
    private store: DesignStore,
    private backups: SyncStorage | null = pageStorage(),
  ) {}

  /** Whether leaving the page now would lose something: a save pending, under way or failed. */
  get unsaved(): boolean {
    return this.status !== 'saved';
  }

  /** Opens the last design, else the newest that opens, else a new one. Nothing stored is changed. */
  async init(): Promise<void> {
    await this.recoverBackups();
    await this.refresh();
    const tried = new Set<string>();
    const attempt = async (id: string | undefined) => {
      if (!id || tried.has(id)) return false;
      tried.add(id);
      return this.open(id);
    };
    const last = await this.store.lastOpened();
    if (last.ok && (await attempt(last.value))) return;
    if (await attempt(this.designs.find((d) => !tried.has(d.id))?.id)) return;
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
    const opened = await this.read(id);
    if (!opened) return false;
    this.show(id, opened);
    await this.store.setLastOpened(id);
    return true;
  }

  /** Starts a new design (blank or from a template/import) and saves it at once. */
  async create(design: Design = emptyDesign()): Promise<string> {
    await this.flush();
    const id = newDesignId();
    this.currentId = id;
    this.rev = 0;
    this.lastSaved = null;
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
    const opened = await this.read(id);
    if (opened) {
      const r = await this.store.save(id, renameDesign(opened.design, name.trim() ? name : opened.design.name), Date.now(), opened.rev);
      if (this.report(r)) this.onSaved?.(id, r.value);
    }
    await this.refresh();
  }

  async duplicate(id: string): Promise<void> {
    await this.flush();
    const opened = await this.read(id);
    if (opened) await this.create({ ...opened.design, name: `${opened.design.name} (copy)` });
  }

  async remove(id: string): Promise<void> {
    const res = await this.store.remove(id);
    if (!res.ok) this.storageError = res.error;
    this.damaged = this.damaged.filter((d) => d.id !== id);
    await this.refresh();
    if (id === this.currentId) {
      const next = this.designs[0];
      if (!next || !(await this.open(next.id))) await this.create();
    }
  }

  dismissDamaged(id: string): void {
    this.damaged = this.damaged.filter((d) => d.id !== id);
  }

  /** Called on every change of the editor's design; saves after a short pause. */
  designChanged(design: Design): void {
    if (design === this.lastSaved || !this.currentId) return;
    this.status = 'pending';
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), AUTOSAVE_DELAY_MS);
  }

  /**
   * The page is going away (hidden, reloaded, closed): an edit not yet confirmed saved is kept
   * in Web Storage at once, since the save started now may never get to write (unload-backup.ts).
   */
  leaving(): void {
    const design = this.editor.design;
    if (this.currentId && !this.conflict && design !== this.lastSaved) {
      this.backedUp = keepBackup(this.backups, { id: this.currentId, rev: this.rev, design, at: Date.now() }) || this.backedUp;
    }
    void this.flush();
  }

  /**
   * Writes back what `leaving` kept: over its design when nothing was saved there since, else
   * as a copy beside it ("(recovered)"), so neither version is lost. A backup that storage
   * cannot take now is kept for the next start; one that is not a design is dropped.
   */
  private async recoverBackups(): Promise<void> {
    for (const b of readBackups(this.backups)) {
      const r = restoreWithCatalog(b.design);
      if (!r.ok) {
        dropBackup(this.backups, b.id);
        continue;
      }
      const rec = await this.store.load(b.id);
      if (!rec.ok) continue;
      const stored = rec.value;
      if (stored && JSON.stringify(stored.design) === JSON.stringify(b.design)) {
        dropBackup(this.backups, b.id);
        continue;
      }
      const over = stored ? stored.rev === b.rev : b.rev === 0;
      const id = over ? b.id : newDesignId();
      const res = await this.store.save(id, over ? r.design : { ...r.design, name: `${r.design.name} (recovered)` }, b.at, over ? b.rev : undefined);
      if (res.ok) {
        this.onSaved?.(id, res.value);
        dropBackup(this.backups, b.id);
      }
    }
  }

  /** Saves now if a save is pending, and waits for any under way (before switching designs or leaving). */
  async flush(): Promise<void> {
    if (this.timer) await this.save();
    else await this.writes;
  }

  /**
   * Another tab saved revision `rev` of design `id`. With no edits here this tab just shows the
   * newer version; with edits, the user chooses (see `conflict`).
   */
  savedElsewhere(id: string, rev: number): void {
    if (id !== this.currentId || rev <= this.rev) return;
    if (this.lastSaved === this.editor.design && !this.timer) {
      void this.catchUp(id);
      return;
    }
    this.conflict = true;
    this.cancelPending();
    this.status = 'failed';
  }

  /** Conflict choice: drop this tab's version and open the one the other tab saved. */
  async reloadFromStorage(): Promise<void> {
    this.cancelPending();
    const id = this.currentId;
    const opened = await this.read(id);
    this.conflict = false;
    if (!opened) {
      // Nothing readable to go back to: this tab's version is kept as a design of its own.
      await this.create(this.editor.design);
      return;
    }
    if (opened.rev <= this.rev) {
      // Nobody saved a newer version after all: this tab's edits are the latest, so keep them.
      await this.save();
      return;
    }
    this.show(id, opened);
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

  /** Reads and restores a saved design; one that cannot be restored is named and left as stored. */
  private async read(id: string): Promise<Opened | null> {
    const rec = await this.store.load(id);
    if (!rec.ok) {
      this.storageError = rec.error;
      return null;
    }
    if (!rec.value) return null;
    const known = this.designs.find((d) => d.id === id)?.name;
    const isRecord = typeof rec.value.raw === 'object' && rec.value.raw !== null && rec.value.design !== undefined;
    const r = isRecord ? restoreWithCatalog(rec.value.design) : { ok: false as const, error: 'what is stored is not a design.' };
    if (!r.ok) {
      this.damaged = [...this.damaged.filter((d) => d.id !== id), damagedRecord(id, rec.value.raw, r.error, known)];
      return null;
    }
    return { design: r.design, rev: rec.value.rev, warnings: r.warnings };
  }

  private show(id: string, opened: Opened): void {
    this.currentId = id;
    this.lastSaved = opened.design;
    this.rev = opened.rev;
    this.conflict = false;
    this.status = 'saved';
    this.notices = opened.warnings;
    this.editor.load(opened.design);
  }

  /** Shows the newer version another tab saved, unless this tab was edited meanwhile. */
  private async catchUp(id: string): Promise<void> {
    const seen = this.editor.design;
    const opened = await this.read(id);
    // An edit made while reading goes the usual way: its save finds the newer revision (conflict).
    if (!opened || id !== this.currentId || this.editor.design !== seen || opened.rev <= this.rev) return;
    this.show(id, opened);
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * One save at a time: a second one started while the first is under way would expect the
   * revision the first is about to replace, and take this tab's own save for another tab's.
   */
  private save(): Promise<void> {
    this.cancelPending();
    this.writes = this.writes.then(() => this.write());
    return this.writes;
  }

  private async write(): Promise<void> {
    // Never write over another tab's newer save: the user chooses first (see `conflict`).
    if (this.conflict) this.status = 'failed';
    if (this.conflict || !this.currentId) return;
    const design = this.editor.design;
    if (design === this.lastSaved) {
      if (!this.timer) this.status = 'saved';
      return;
    }
    const id = this.currentId;
    const expected = this.rev;
    this.status = 'saving';
    const r = await this.store.save(id, design, Date.now(), expected);
    if (!r.ok && r.conflict) {
      this.conflict = true;
      this.status = 'failed';
      return;
    }
    if (!r.ok && r.late) void r.late.then((late) => this.savedLate(id, design, expected, late));
    if (this.report(r)) this.saved(id, design, r.value);
    if (r.ok && this.backedUp && design === this.editor.design) {
      // Saved after all: the backup kept as the page went away is not needed any more.
      dropBackup(this.backups, id);
      this.backedUp = false;
    }
    this.status = r.ok ? (this.lastSaved === this.editor.design ? 'saved' : 'pending') : 'failed';
    await this.refresh();
  }

  private saved(id: string, design: Design, rev: number): void {
    this.onSaved?.(id, rev);
    if (id !== this.currentId) return;
    this.rev = rev;
    this.lastSaved = design;
  }

  /** A save that timed out was written after all: it counts now, and later edits are saved again. */
  private savedLate(id: string, design: Design, expected: number, late: StoreResult<number>): void {
    if (!late.ok || id !== this.currentId || this.rev !== expected) return;
    this.saved(id, design, late.value);
    this.storageError = null;
    if (this.editor.design === design) this.status = 'saved';
    else this.designChanged(this.editor.design);
  }

  private report<T>(r: StoreResult<T>): r is { ok: true; value: T } {
    this.storageError = r.ok ? null : r.error;
    return r.ok;
  }
}
