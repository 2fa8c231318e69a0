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

  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSaved: Design | null = null;

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
    this.notices = [];
    this.editor.load(design);
    await this.save();
    await this.store.setLastOpened(id);
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

  private async save(): Promise<void> {
    this.timer = null;
    const design = this.editor.design;
    const id = this.currentId;
    this.status = 'saving';
    const ok = await this.report(this.store.save(id, design));
    if (ok) this.lastSaved = design;
    this.status = ok ? (this.lastSaved === this.editor.design ? 'saved' : 'pending') : 'failed';
    await this.refresh();
  }

  private async report(p: Promise<{ ok: true } | { ok: false; error: string }>): Promise<boolean> {
    const r = await p;
    this.storageError = r.ok ? null : r.error;
    return r.ok;
  }
}
