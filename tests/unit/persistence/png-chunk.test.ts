import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { crc32, embedTextInPng, extractTextFromPng, PNG_KEYWORD } from '../../../src/persistence/png-chunk';

/** A real 2×1 RGB PNG built from scratch, so the test does not trust the code under test. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const idat = deflateSync(Buffer.from([0, 255, 0, 0, 0, 0, 255]));
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]));
}

function chunkTypes(png: Uint8Array): string[] {
  const b = Buffer.from(png);
  const out: string[] = [];
  for (let p = 8; p < b.length; p += 12 + b.readUInt32BE(p)) out.push(b.toString('latin1', p + 4, p + 8));
  return out;
}

describe('PNG design chunk', () => {
  it('computes the standard CRC-32 (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips UTF-8 text in an iTXt chunk placed just before IEND', () => {
    const text = JSON.stringify({ name: 'Ранжирование ✓ "quoted" \u0000?', nodes: [] });
    const out = embedTextInPng(tinyPng(), text);
    expect(chunkTypes(out)).toEqual(['IHDR', 'IDAT', 'iTXt', 'IEND']);
    expect(extractTextFromPng(out)).toEqual({ ok: true, text });
  });

  it('writes a correct CRC for the new chunk', () => {
    const out = Buffer.from(embedTextInPng(tinyPng(), 'hello'));
    let p = 8;
    while (out.toString('latin1', p + 4, p + 8) !== 'iTXt') p += 12 + out.readUInt32BE(p);
    const len = out.readUInt32BE(p);
    expect(out.readUInt32BE(p + 8 + len)).toBe(crc32(out.subarray(p + 4, p + 8 + len)));
    expect(out.toString('latin1', p + 8, p + 8 + PNG_KEYWORD.length)).toBe(PNG_KEYWORD);
  });

  it('replaces an earlier design instead of adding a second one', () => {
    const twice = embedTextInPng(embedTextInPng(tinyPng(), 'old'), 'new');
    expect(chunkTypes(twice).filter((t) => t === 'iTXt')).toHaveLength(1);
    expect(extractTextFromPng(twice)).toEqual({ ok: true, text: 'new' });
  });

  it('says so when a PNG holds no design', () => {
    const r = extractTextFromPng(tinyPng());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/holds no design/);
  });

  it('refuses a truncated PNG at every cut', () => {
    const full = embedTextInPng(tinyPng(), '{"a":1}');
    for (let cut = 0; cut < full.length; cut++) {
      const r = extractTextFromPng(full.subarray(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
    }
  });

  it('refuses a PNG whose bytes were changed (CRC mismatch)', () => {
    const full = embedTextInPng(tinyPng(), '{"name":"x"}');
    const bad = full.slice();
    bad[bad.length - 20] ^= 0x01; // inside the iTXt data
    const r = extractTextFromPng(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/damaged/);
  });

  it('refuses a chunk that claims a huge length, without reading past the end', () => {
    const png = Buffer.from(tinyPng());
    png.writeUInt32BE(0xfffffff0, 8); // IHDR length
    expect(extractTextFromPng(new Uint8Array(png)).ok).toBe(false);
  });

  it('refuses data that is not a PNG, and will not embed into one', () => {
    expect(extractTextFromPng(new TextEncoder().encode('{"nodes":[]}')).ok).toBe(false);
    expect(() => embedTextInPng(new Uint8Array([1, 2, 3]), 'x')).toThrow();
  });

  it('survives random garbage after a valid signature', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(8 + Math.floor(rand() * 64));
      bytes.set(tinyPng().subarray(0, 8));
      for (let j = 8; j < bytes.length; j++) bytes[j] = Math.floor(rand() * 256);
      expect(extractTextFromPng(bytes).ok).toBe(false);
    }
  });
});
