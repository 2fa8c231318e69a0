import { describe, expect, it } from 'vitest';
import { designTextFromFile, looksLikeDesignText } from '../../../src/persistence/import-file';
import { embedTextInSvg } from '../../../src/persistence/svg-metadata';

const enc = (s: string) => new TextEncoder().encode(s);

describe('designTextFromFile', () => {
  it('reads JSON as it is (with or without a byte-order mark)', () => {
    expect(designTextFromFile(enc('{"nodes":[]}'))).toEqual({ ok: true, text: '{"nodes":[]}' });
    expect(designTextFromFile(enc('\uFEFF {"a":1}'))).toEqual({ ok: true, text: ' {"a":1}' });
  });

  it('finds the design in one of our SVGs, whatever the file is called', () => {
    const svg = embedTextInSvg('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', '{"x":1}');
    expect(designTextFromFile(enc(svg))).toEqual({ ok: true, text: '{"x":1}' });
  });

  it('explains what it expected for anything else', () => {
    const r = designTextFromFile(enc('GIF89a...'));
    expect(!r.ok && r.error).toMatch(/expected a design JSON file or a PNG\/SVG image/);
    expect(designTextFromFile(new Uint8Array()).ok).toBe(false);
  });
});

describe('looksLikeDesignText', () => {
  it('tells a design document from other pasted text', () => {
    expect(looksLikeDesignText('{\n  "format": "mlsd-design", "version": 1}')).toBe(true);
    expect(looksLikeDesignText('{"format":"mlsd-clipboard"}')).toBe(false);
    expect(looksLikeDesignText('hello')).toBe(false);
  });
});
