// What a design coming in from outside holds, whichever way it came: a picked or dropped file
// (design JSON, or a PNG/SVG exported here), pasted text (a design's JSON, a share link or a
// Mermaid flowchart), a share link in the address bar, or a gallery template. Everything that
// is a design passes through the same restore(), so no way in can open a design differently from
// another; a refusal is one sentence for a person, the same for the same content whichever way
// it came.
//
// The readers of files, pasted text and templates are loaded with the first input that needs
// them, not with the page; a reader that cannot be loaded is a refusal that says so.
import type { Design } from '../model/design';
import type { MermaidImport } from '../persistence/mermaid-import';
import { isShareHash } from '../persistence/share-link';
import { catalog } from '../catalog';
import { restoreWithCatalog } from './library.svelte';
import { isLoadFailure, loadFailureText } from './load-failure';

/** Files this app can import, for a file picker's `accept`: design JSON, and PNG/SVG pictures exported here. */
export const IMPORT_ACCEPT = '.json,.png,.svg,application/json,image/png,image/svg+xml';

export type ExternalInput =
  | { kind: 'file'; file: Blob }
  | { kind: 'text'; text: string }
  | { kind: 'link'; hash: string }
  /** A gallery template by id, or null for a blank design. */
  | { kind: 'template'; id: string | null };

/** What an input turned out to hold. */
export type Reading =
  | { is: 'design'; design: Design | null; warnings: string[] }
  | { is: 'link'; hash: string }
  | { is: 'refused'; message: string }
  /** Not meant as a design at all (pasted plain text): left to whoever asked. */
  | { is: 'other' };

/** The one sentence of every refusal: why, and that nothing was changed. */
export const refusal = (reason: string) => `Import failed: ${reason} Nothing was changed.`;

const SHARE_LINK = /^\S*#d=\S+$/;

export async function readExternal(input: ExternalInput): Promise<Reading> {
  try {
    return await read(input);
  } catch (e) {
    if (isLoadFailure(e)) return { is: 'refused', message: loadFailureText('The import') };
    throw e;
  }
}

async function read(input: ExternalInput): Promise<Reading> {
  switch (input.kind) {
    case 'file': {
      const { designTextFromFile, MAX_IMPORT_BYTES } = await import('../persistence/import-file');
      if (input.file.size > MAX_IMPORT_BYTES) return { is: 'refused', message: refusal('This file is too large to be a design.') };
      const r = designTextFromFile(new Uint8Array(await input.file.arrayBuffer()));
      return r.ok ? readDesignText(r.text) : { is: 'refused', message: refusal(r.error) };
    }
    case 'text': {
      const t = input.text.trim();
      if (SHARE_LINK.test(t)) return { is: 'link', hash: t.slice(t.indexOf('#d=')) };
      const [{ looksLikeDesignText }, mermaid] = await Promise.all([import('../persistence/import-file'), import('../persistence/mermaid-import')]);
      if (mermaid.looksLikeMermaid(t)) return readMermaid(mermaid.mermaidToDesign(t, catalog.kinds));
      return looksLikeDesignText(t) ? readDesignText(t) : { is: 'other' };
    }
    case 'link':
      return isShareHash(input.hash) ? { is: 'link', hash: input.hash } : { is: 'other' };
    case 'template': {
      if (input.id === null) return { is: 'design', design: null, warnings: [] };
      const { templateDesign } = await import('./templates');
      const r = await templateDesign(input.id);
      return r.ok ? { is: 'design', design: r.design, warnings: r.warnings } : { is: 'refused', message: refusal(r.error) };
    }
  }
}

function readDesignText(text: string): Reading {
  const r = restoreWithCatalog(text);
  return r.ok ? { is: 'design', design: r.design, warnings: r.warnings } : { is: 'refused', message: refusal(r.error) };
}

/** A pasted Mermaid flowchart, read with kinds guessed from its labels: the same restore() as a file. */
function readMermaid(m: MermaidImport): Reading {
  if (!m.ok) return { is: 'refused', message: refusal(m.error) };
  const r = restoreWithCatalog(m.design);
  if (!r.ok) return { is: 'refused', message: refusal(r.error) };
  const skipped = m.skipped.length ? [`${m.skipped.length} line${m.skipped.length > 1 ? 's' : ''} of the flowchart could not be read and ${m.skipped.length > 1 ? 'were' : 'was'} left out (line ${m.skipped.slice(0, 5).join(', ')}${m.skipped.length > 5 ? '…' : ''}).`] : [];
  return { is: 'design', design: r.design, warnings: [...r.warnings, ...skipped] };
}
