// A design opened from a share link is a preview: it is not one of the saved designs, nothing
// autosaves (the library has no current design), and "Save a copy" makes it one.
import type { Design } from '../model/design';
import { decodeShareLink, encodeShareLink, isShareHash } from '../persistence/share-link';
import { catalog } from '../catalog';
import type { Editor } from './editor.svelte';
import type { Library } from './library.svelte';

const defaultsFor = (kind: string) => catalog.defaultsFor(kind);

export function shareLinkFor(design: Design, pageUrl: string): Promise<string> {
  return encodeShareLink(design, { defaultsFor }).then((hash) => pageUrl.split('#')[0] + hash);
}

export class SharePreview {
  /** A link was opened and not yet saved or left (opening another design leaves it). */
  private opened = $state(false);
  /** Why the last link could not be opened; the saved designs are as they were. */
  error = $state<string | null>(null);
  active: boolean;
  /** The link of the preview on show. */
  private shownHash = '';

  constructor(private editor: Editor, private library: Library) {
    this.active = $derived(this.opened && library.currentId === '');
    // Opening a saved or a new design leaves the preview by another way than "Save a copy": the
    // link must leave the address bar too, or a reload would show the preview again.
    $effect.root(() => {
      $effect(() => {
        if (this.opened && library.currentId !== '') {
          this.opened = false;
          dropHash();
        }
      });
    });
  }

  /**
   * Opens the design in a `#d=` hash as a preview. False when the hash holds none or it was
   * refused: then the link leaves the address bar (a reload must not refuse it again) and the
   * design that was open stays as it was.
   */
  async open(hash: string): Promise<boolean> {
    if (!isShareHash(hash)) return false;
    const r = await decodeShareLink(hash, { defaultsFor });
    if (!r.ok) {
      this.error = `${r.error} Your saved designs are unchanged.`;
      // A preview still showing keeps its own link; otherwise the address bar is cleared.
      replaceHash(this.active ? this.shownHash : '');
      return false;
    }
    this.error = null;
    await this.library.leave();
    this.editor.load(r.design);
    this.library.notices = r.warnings;
    this.opened = true;
    this.shownHash = hash;
    return true;
  }

  /** Keeps the previewed design (with any edits made to it) as a new saved design. */
  async saveCopy(): Promise<void> {
    this.opened = false;
    dropHash();
    await this.library.create(this.editor.design);
  }
}

/** Takes the link out of the address bar, so a reload opens the saved copy, not the link again. */
function dropHash(): void {
  if (typeof location !== 'undefined' && isShareHash(location.hash)) replaceHash('');
}

/** Without a history entry (and without a `hashchange`): the back button does not bring it back. */
function replaceHash(hash: string): void {
  if (typeof history !== 'undefined') history.replaceState(history.state, '', location.pathname + location.search + hash);
}
