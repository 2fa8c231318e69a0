// Share links: the whole design in the URL hash, `#d=1.` + base64url(deflate-raw(JSON)).
// The hash never reaches a server. Links are compacted (rounded positions, catalog defaults
// left out) and come back through restore(), like every other way in.
import type { Design, DesignEdge, DesignNode, NodeParams } from '../model/design';
import { MAX_TEXT_BYTES, restore, type RestoreOptions, type RestoreResult } from './restore';
import { bytesToBase64url, base64urlToBytes } from './base64url';

export const SHARE_PREFIX = '#d=';
/** The link encoding (not the document format, which travels inside the JSON). */
export const SHARE_VERSION = '1';
/** Longer links get cut by some chat apps and mail clients; the dialog offers a file instead. */
export const SHARE_LINK_WARN_CHARS = 2000;
/** A hash longer than this cannot hold a design within the 5 MB cap at any sane ratio. */
const MAX_LINK_CHARS = MAX_TEXT_BYTES;

const INCOMPLETE = 'This link is damaged or incomplete (it may have been cut off when copied). Ask for the link again.';

export interface ShareOptions {
  /** Catalog defaults of a kind: parameters equal to them are left out of the link. */
  defaultsFor?: RestoreOptions['defaultsFor'];
}

export async function encodeShareLink(design: Design, options: ShareOptions = {}): Promise<string> {
  const json = JSON.stringify(compactDesign(design, options));
  const packed = await pipeThrough(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return `${SHARE_PREFIX}${SHARE_VERSION}.${bytesToBase64url(packed)}`;
}

/** Accepts a full URL, a hash (`#d=…`) or the bare payload (`1.…`). Never throws. */
export async function decodeShareLink(hashOrUrl: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  try {
    const payload = payloadOf(hashOrUrl);
    if (payload === null) return { ok: false, error: 'This is not a design link: it has no "#d=" part.' };
    if (payload.length > MAX_LINK_CHARS) return { ok: false, error: 'This link is too long to be a design link.' };
    const dot = payload.indexOf('.');
    const version = dot < 0 ? '' : payload.slice(0, dot);
    if (version !== SHARE_VERSION) {
      return /^\d+$/.test(version) && Number(version) > Number(SHARE_VERSION)
        ? { ok: false, error: `This link was made by a newer version of the app (link format ${version.slice(0, 10)}); reload the page to update it.` }
        : { ok: false, error: 'This link is damaged: its version marker is missing. Ask for the link again.' };
    }
    const data = payload.slice(dot + 1);
    if (!/^[A-Za-z0-9_-]*$/.test(data)) return { ok: false, error: 'This link is damaged: it contains characters a design link never has. Ask for the link again.' };
    const bytes = base64urlToBytes(data);
    if (!bytes) return { ok: false, error: INCOMPLETE };
    const text = await inflateCapped(bytes, MAX_TEXT_BYTES);
    if (!text.ok) return text;
    return restore(text.value, options);
  } catch (e) {
    return { ok: false, error: `This link could not be read (${(e as Error)?.message ?? String(e)}).` };
  }
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
 * make the page allocate gigabytes. A truncated or corrupt stream becomes a message.
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
    return { ok: false, error: INCOMPLETE };
  }
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(concat(chunks, total)) };
  } catch {
    return { ok: false, error: 'This link is damaged: its content is not text.' };
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

// ---- compaction: what restore() fills back in is left out of the link ----

/** The design without what restore() restores by itself: defaults, `format`, empty notes. */
export function compactDesign(design: Design, options: ShareOptions = {}): Record<string, unknown> {
  const { format: _f, nodes, edges, notes, ...rest } = design;
  const out: Record<string, unknown> = { ...rest, nodes: nodes.map((n) => compactNode(n, options)), edges: edges.map(compactEdge) };
  if (notes && Object.keys(notes).length > 0) out.notes = notes;
  return out;
}

function compactNode(node: DesignNode, options: ShareOptions): Record<string, unknown> {
  const { params, position, size, ...rest } = node;
  const out: Record<string, unknown> = { ...rest, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  if (size) out.size = { width: Math.round(size.width), height: Math.round(size.height) };
  const defaults = options.defaultsFor?.(node.kind);
  const kept = defaults ? withoutDefaults(params, defaults) : params;
  if (kept && Object.keys(kept).length > 0) out.params = kept;
  return out;
}

function compactEdge(edge: DesignEdge, index: number): Record<string, unknown> {
  const { params, id, ...rest } = edge;
  // restore() names a connection without an id `e<its position>`.
  if (id !== `e${index + 1}`) (rest as Record<string, unknown>).id = id;
  const { mode, ...others } = params;
  // 'sync' is what restore() assumes for a connection without a mode.
  const kept: Record<string, unknown> = mode === 'sync' ? others : { mode, ...others };
  return Object.keys(kept).length > 0 ? { ...rest, params: kept } : rest;
}

/** Params minus the keys equal to the defaults; nested objects compare one level down, as restore() merges. */
function withoutDefaults(params: NodeParams, defaults: NodeParams): NodeParams {
  const out: NodeParams = {};
  for (const [k, v] of Object.entries(params)) {
    const d = defaults[k];
    if (isPlainObject(v) && isPlainObject(d)) {
      const inner = Object.fromEntries(Object.entries(v).filter(([ik, iv]) => !sameValue(iv, d[ik])));
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else if (!sameValue(v, d)) {
      out[k] = v;
    }
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
