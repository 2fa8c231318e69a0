// Looking at an exported picture from outside the app: rsvg-convert (librsvg, as GNOME, Inkscape's
// importers and many servers use) renders the SVG, xmllint checks it is well-formed XML, and a
// small PNG decoder reads the pixels back. Used by the unit tests and the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { readChunks } from '../../../src/persistence/png-chunk';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what rsvg-convert and browsers write). */
export function decodePng(bytes: Uint8Array): Pixels {
  const chunks = readChunks(bytes);
  if (typeof chunks === 'string') throw new Error(chunks);
  const ihdr = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const [width, height, depth, type, interlace] = [ihdr.getUint32(0), ihdr.getUint32(4), ihdr.getUint8(8), ihdr.getUint8(9), ihdr.getUint8(12)];
  if (depth !== 8 || (type !== 2 && type !== 6) || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, type ${type}`);
  const bpp = type === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * bpp;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const row = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      row[i] = (line[i] + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) out[(y * width + x) * 4 + k] = row[x * bpp + k];
      out[(y * width + x) * 4 + 3] = bpp === 4 ? row[x * bpp + 3] : 255;
    }
    prev.set(row);
  }
  return { width, height, data: out };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export type Rgb = [number, number, number];

export function hexRgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

/** `a` over `b` at `opacity`. */
export function mix(a: Rgb, b: Rgb, opacity: number): Rgb {
  return a.map((v, i) => Math.round(v * opacity + b[i] * (1 - opacity))) as Rgb;
}

/** How many pixels within `radius` of (x, y) are within `tolerance` of `colour` on every channel. */
export function countNear(p: Pixels, x: number, y: number, radius: number, colour: Rgb, tolerance = 24): number {
  let count = 0;
  for (let j = Math.floor(y - radius); j <= y + radius; j++) {
    for (let i = Math.floor(x - radius); i <= x + radius; i++) {
      if (i < 0 || j < 0 || i >= p.width || j >= p.height) continue;
      const o = (j * p.width + i) * 4;
      if (colour.every((v, k) => Math.abs(p.data[o + k] - v) <= tolerance)) count++;
    }
  }
  return count;
}

/** Pixels in a rectangle within `tolerance` of `colour`. */
export function countInRect(p: Pixels, x: number, y: number, w: number, h: number, colour: Rgb, tolerance = 60): number {
  let count = 0;
  for (let j = Math.max(0, Math.floor(y)); j < Math.min(p.height, y + h); j++) {
    for (let i = Math.max(0, Math.floor(x)); i < Math.min(p.width, x + w); i++) {
      const o = (j * p.width + i) * 4;
      if (colour.every((v, k) => Math.abs(p.data[o + k] - v) <= tolerance)) count++;
    }
  }
  return count;
}

function inTemp<T>(name: string, text: string | Uint8Array, run: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'picture-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The SVG rendered by rsvg-convert at `zoom`; throws with rsvg's message if it refuses it. */
export function renderSvg(svg: string, zoom = 1): Pixels {
  return inTemp('picture.svg', svg, (file) => {
    const out = `${file}.png`;
    execFileSync('rsvg-convert', ['--zoom', String(zoom), '-o', out, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    return decodePng(readFileSync(out));
  });
}

/** Null when the text is well-formed XML, else xmllint's complaint. */
export function xmlProblem(svg: string): string | null {
  if (!existsSync('/usr/bin/xmllint')) throw new Error('xmllint is missing: apt-get install libxml2-utils');
  return inTemp('picture.svg', svg, (file) => {
    try {
      execFileSync('xmllint', ['--noout', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      return null;
    } catch (e) {
      return String((e as { stderr?: Buffer }).stderr ?? e);
    }
  });
}
