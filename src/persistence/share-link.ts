// Share links: the whole design in the URL hash, `#d=2.<checksum>.` + base64url(deflate-raw(JSON)).
// The hash never reaches a server. Links are compacted (share-compact.ts) and come back through
// restore(), like every other way in. The checksum is what lets a damaged link be told from a
// good one: a changed character can still inflate to valid JSON that means something else.
import { MAX_TEXT_BYTES, restore, type RestoreOptions, type RestoreResult } from './restore';
import { bytesToBase64url, base64urlToBytes } from './base64url';
import { compactDesign, type ShareOptions } from './share-compact';
import { crc32 } from './png-chunk';
import type { Design } from '../model/design';

export { compactDesign, type ShareOptions };

export const SHARE_PREFIX = '#d=';
/** The link encoding (not the document format, which travels inside the JSON). */
export const SHARE_VERSION = '2';
/** Links of version 1 carry no checksum; they still open, with what inflate can detect refused. */
const UNCHECKED_VERSION = '1';
/** Longer links get cut by some chat apps and mail clients; the dialog offers a file instead. */
export const SHARE_LINK_WARN_CHARS = 2000;
/** A hash longer than this cannot hold a design within the 5 MB cap at any sane ratio. */
const MAX_LINK_CHARS = MAX_TEXT_BYTES;

export const DAMAGED_LINK = 'This link is damaged — it may have been cut off or changed when it was copied. Ask for the link again.';
/** Version 2 on: `<version>.<8 lowercase hex>.<data>`, the checksum covering `<version>.<data>`. */
const CHECKED = /^(\d{1,9})\.([0-9a-f]{8})\.(.*)$/s;

export async function encodeShareLink(design: Design, options: ShareOptions = {}): Promise<string> {
  const json = JSON.stringify(compactDesign(design, options));
  const packed = await pipeThrough(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  const data = bytesToBase64url(packed);
  return `${SHARE_PREFIX}${SHARE_VERSION}.${checksum(SHARE_VERSION, data)}.${data}`;
}

/**
 * CRC-32 (8 lowercase hex digits) of `<version>.<data>`: any one changed character, and any burst
 * of changes up to four characters long, always changes it; a cut or lengthened link, almost always.
 */
function checksum(version: string, data: string): string {
  return crc32(new TextEncoder().encode(`${version}.${data}`)).toString(16).padStart(8, '0');
}

/** Accepts a full URL, a hash (`#d=…`) or the bare payload (`2.…`). Never throws. */
export async function decodeShareLink(hashOrUrl: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  try {
    const payload = payloadOf(hashOrUrl);
    if (payload === null) return { ok: false, error: 'This is not a design link: it has no "#d=" part.' };
    if (payload.length > MAX_LINK_CHARS) return { ok: false, error: 'This link is too long to be a design link.' };
    const data = dataOf(payload);
    if (typeof data !== 'string') return data;
    const bytes = base64urlToBytes(data);
    if (!bytes) return { ok: false, error: DAMAGED_LINK };
    const text = await inflateCapped(bytes, MAX_TEXT_BYTES);
    if (!text.ok) return text;
    const r = restore(text.value, options);
    return r.ok ? r : { ok: false, error: `This link holds a design that cannot be opened: ${r.error}` };
  } catch (e) {
    // Only a browser without (de)compression streams gets here; its message means nothing to a person.
    console.warn('share link:', e);
    return { ok: false, error: 'This browser cannot read design links; open the link in an up-to-date browser.' };
  }
}

/** The base64url part of a link whose version and checksum are right, or why it is refused. */
function dataOf(payload: string): string | { ok: false; error: string } {
  if (payload.startsWith(`${UNCHECKED_VERSION}.`)) return payload.slice(UNCHECKED_VERSION.length + 1);
  const m = CHECKED.exec(payload);
  // A newer version is only believed when its checksum holds: otherwise a changed version digit
  // would tell the person to update the app instead of asking for the link again.
  if (!m || checksum(m[1], m[3]) !== m[2]) return { ok: false, error: DAMAGED_LINK };
  if (m[1] !== SHARE_VERSION) {
    return Number(m[1]) > Number(SHARE_VERSION)
      ? { ok: false, error: `This link was made by a newer version of the app (link format ${m[1]}); reload the page to update it.` }
      : { ok: false, error: DAMAGED_LINK };
  }
  return m[3];
}

/** Whether a URL hash carries a design. */
export function isShareHash(hash: string): boolean {
  return hash.startsWith(SHARE_PREFIX);
}

function payloadOf(input: string): string | null {
  const s = input.trim();
  const at = s.indexOf(SHARE_PREFIX);
  if (at >= 0) return s.slice(at + SHARE_PREFIX.length);
  if (s.startsWith('d=')) return s.slice(2);
  return /^\d+\./.test(s) ? s : null;
}

/**
 * Inflates, stopping as soon as the output passes `cap` bytes, so a small hostile link cannot
 * make the page allocate gigabytes. A truncated or corrupt stream is a damaged link.
 */
async function inflateCapped(bytes: Uint8Array, cap: number): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  // The writer's promises reject too when the data is corrupt; the reader reports it once.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        reader.cancel().catch(() => {});
        return { ok: false, error: `This link holds a design that is too large (over ${cap / 1e6} MB unpacked).` };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, error: DAMAGED_LINK };
  }
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(concat(chunks, total)) };
  } catch {
    return { ok: false, error: DAMAGED_LINK };
  }
}

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
