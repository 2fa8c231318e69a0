// What a dropped or picked file holds: design JSON, or one of our PNG/SVG exports with the design
// inside. Decided by content, not by the file's name, so a renamed file still opens. The text
// found here still goes through restore() like every other way in.
import { extractTextFromPng, isPng } from './png-chunk';
import { extractTextFromSvg, looksLikeSvg } from './svg-metadata';

export type DesignTextResult = { ok: true; text: string } | { ok: false; error: string };

/** Pictures are larger than their design; the design inside is still capped by restore(). */
export const MAX_IMPORT_BYTES = 60_000_000;

export function designTextFromFile(bytes: Uint8Array): DesignTextResult {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, error: 'This file is too large to be a design.' };
  if (isPng(bytes)) return extractTextFromPng(bytes);
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('{')) return { ok: true, text };
  if (looksLikeSvg(start)) return extractTextFromSvg(text);
  if (/^\s*$/.test(text)) return { ok: false, error: 'This file is empty.' };
  return { ok: false, error: 'This file is not a design: expected a design JSON file or a PNG/SVG image exported by this app.' };
}

/** True for pasted text that is meant as a whole design document (not a copied fragment). */
export function looksLikeDesignText(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') && /"format"\s*:\s*"mlsd-design"/.test(t.slice(0, 2000));
}
