// A design rides inside an exported PNG as an iTXt chunk (UTF-8 text; tEXt is Latin-1 only),
// so the picture re-imports as an editable design. Reading is strict: every chunk's length and
// CRC is checked, so a truncated or tampered file is refused rather than half-read.

export const PNG_KEYWORD = 'mlsd-design';
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Larger than any design restore() accepts; stops a hostile length from allocating much. */
const MAX_TEXT_BYTES = 6_000_000;

export type PngTextResult = { ok: true; text: string } | { ok: false; error: string };

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 as PNG defines it (over the chunk type and data). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface Chunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  data: Uint8Array;
}

/** Every chunk of a PNG, or an error for a file that is not a complete, intact PNG. */
export function readChunks(bytes: Uint8Array): Chunk[] | string {
  if (!isPng(bytes)) return 'This is not a PNG image.';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let p = 8;
  while (p < bytes.length) {
    if (p + 12 > bytes.length) return 'This PNG image is truncated.';
    const length = view.getUint32(p);
    if (length > bytes.length - p - 12) return 'This PNG image is truncated.';
    const typeAndData = bytes.subarray(p + 4, p + 8 + length);
    if (crc32(typeAndData) !== view.getUint32(p + 8 + length)) return 'This PNG image is damaged (a checksum does not match).';
    const type = String.fromCharCode(...typeAndData.subarray(0, 4));
    chunks.push({ type, start: p, data: typeAndData.subarray(4) });
    p += 12 + length;
    if (type === 'IEND') return chunks;
  }
  return 'This PNG image is truncated (it has no end marker).';
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG with `text` stored under our keyword, just before IEND (any older copy removed). */
export function embedTextInPng(png: Uint8Array, text: string, keyword = PNG_KEYWORD): Uint8Array {
  const chunks = readChunks(png);
  if (typeof chunks === 'string') throw new Error(chunks);
  const kw = new TextEncoder().encode(keyword);
  // iTXt: keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text.
  const body = new TextEncoder().encode(text);
  const data = new Uint8Array(kw.length + 5 + body.length);
  data.set(kw, 0);
  data.set(body, kw.length + 5);
  const itxt = chunk('iTXt', data);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const c of chunks) {
    if (c.type === 'IEND') parts.push(itxt);
    if (isOurs(c, keyword)) continue;
    parts.push(png.subarray(c.start, c.start + 12 + c.data.length));
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function keywordOf(c: Chunk): string | null {
  if (c.type !== 'iTXt' && c.type !== 'tEXt') return null;
  const nul = c.data.indexOf(0);
  return nul < 1 || nul > 79 ? null : String.fromCharCode(...c.data.subarray(0, nul));
}

function isOurs(c: Chunk, keyword: string): boolean {
  return keywordOf(c) === keyword;
}

/** The text stored under our keyword (iTXt uncompressed, or tEXt), or why there is none. */
export function extractTextFromPng(png: Uint8Array, keyword = PNG_KEYWORD): PngTextResult {
  const chunks = readChunks(png);
  if (typeof chunks === 'string') return { ok: false, error: chunks };
  const found = chunks.find((c) => isOurs(c, keyword));
  if (!found) return { ok: false, error: 'This PNG image holds no design (only images exported by this app can be imported).' };
  const d = found.data;
  let start = keyword.length + 1;
  if (found.type === 'iTXt') {
    if (d[start] !== 0) return { ok: false, error: 'The design in this PNG image is compressed in a way this app does not read.' };
    start += 2;
    for (let skip = 0; skip < 2; skip++) {
      const nul = d.indexOf(0, start);
      if (nul < 0) return { ok: false, error: 'The design in this PNG image is damaged.' };
      start = nul + 1;
    }
  }
  if (d.length - start > MAX_TEXT_BYTES) return { ok: false, error: 'The design in this PNG image is too large.' };
  const body = d.subarray(start);
  const text = new TextDecoder(found.type === 'iTXt' ? 'utf-8' : 'latin1').decode(body);
  return { ok: true, text };
}
