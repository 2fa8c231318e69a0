import { describe, expect, it } from 'vitest';
import { fitLine, jsonForXml, stripXmlInvalid, textWidth, wrapText, xmlText } from '../../../src/persistence/svg-text';

describe('text for an SVG picture', () => {
  it('removes what XML 1.0 cannot hold and keeps tab, newline, CR and whole emoji', () => {
    expect(stripXmlInvalid('a\u0000b\u001bc\u0008d\ufffee\uffff\tf\ng\rh')).toBe('abcde\tf\ng\rh');
    expect(stripXmlInvalid('cut \ud83d here, \ude00 there, whole \ud83d\ude00')).toBe('cut  here,  there, whole 😀');
  });

  it('escapes the five XML specials, for text and attribute values alike', () => {
    expect(xmlText(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('writes XML-invalid characters of JSON as \\u escapes, the same JSON value', () => {
    const value = { s: 'esc \u001b, ffff \uffff' };
    const json = jsonForXml(JSON.stringify(value));
    expect(stripXmlInvalid(json)).toBe(json);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('cuts a line to its width with an ellipsis, never inside a character', () => {
    const line = fitLine('😀'.repeat(40), 100, 13);
    expect(line.endsWith('…')).toBe(true);
    expect(stripXmlInvalid(line)).toBe(line);
    expect(textWidth(line, 13)).toBeLessThanOrEqual(100);
    expect(fitLine('  short\nname ', 100, 13)).toBe('short name');
  });

  it('wraps at spaces, breaks words longer than a line, keeps newlines, and marks what it left out', () => {
    expect(wrapText('one two three', 1000, 14, 5)).toEqual(['one two three']);
    expect(wrapText('first\nsecond', 1000, 14, 5)).toEqual(['first', 'second']);
    const long = wrapText('x'.repeat(100), 80, 14, 10);
    expect(long.length).toBeGreaterThan(2);
    for (const l of long) expect(textWidth(l, 14)).toBeLessThanOrEqual(80);
    const cut = wrapText('word '.repeat(100), 120, 14, 3);
    expect(cut).toHaveLength(3);
    expect(cut[2].endsWith('…')).toBe(true);
    expect(wrapText('anything', 120, 14, 0)).toEqual([]);
  });
});
