import { describe, expect, it } from 'vitest';
import { embedTextInSvg, extractTextFromSvg } from '../../../src/persistence/svg-metadata';
import { xmlProblem } from './picture-check';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" data-x="a>b"><rect width="10" height="10"/></svg>';

describe('SVG design metadata', () => {
  it('round-trips the design text inside <metadata> as the first child', () => {
    const text = JSON.stringify({ name: 'A & B <c> "d" ✓', nodes: [] });
    const out = embedTextInSvg(SVG, text);
    expect(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" data-x="a>b"><metadata id="mlsd-design">')).toBe(true);
    expect(out.endsWith('<rect width="10" height="10"/></svg>')).toBe(true);
    expect(extractTextFromSvg(out)).toEqual({ ok: true, text });
  });

  it('keeps a hostile label inert: it cannot close <metadata> or open a <script>', () => {
    const label = '</metadata><script>alert(1)</script><metadata>';
    const text = JSON.stringify({ nodes: [{ label }] });
    const out = embedTextInSvg(SVG, text);
    expect(out).not.toContain('<script');
    expect(out.match(/<\/metadata>/g)).toHaveLength(1);
    expect(out).toContain('&lt;/metadata&gt;&lt;script&gt;');
    const r = extractTextFromSvg(out);
    expect(r.ok && JSON.parse(r.text).nodes[0].label).toBe(label);
  });

  it('replaces an earlier design instead of adding a second one', () => {
    const out = embedTextInSvg(embedTextInSvg(SVG, 'old'), 'new');
    expect(out.match(/<metadata/g)).toHaveLength(1);
    expect(extractTextFromSvg(out)).toEqual({ ok: true, text: 'new' });
  });

  it('reads numeric and named entities written by other tools', () => {
    const out = SVG.replace('<rect', '<metadata id="mlsd-design">{&quot;a&quot;:&#34;&#x3C;&#34;}</metadata><rect');
    expect(extractTextFromSvg(out)).toEqual({ ok: true, text: '{"a":"<"}' });
  });

  it('gives a clear message for an SVG without a design, a truncated one, and non-SVG text', () => {
    const none = extractTextFromSvg(SVG);
    expect(!none.ok && none.error).toMatch(/holds no design/);
    const cut = embedTextInSvg(SVG, '{"name":"x"}');
    const truncated = extractTextFromSvg(cut.slice(0, cut.indexOf('</metadata>')));
    expect(!truncated.ok && truncated.error).toMatch(/truncated/);
    expect(extractTextFromSvg('hello').ok).toBe(false);
  });
});

describe('SVG design metadata with characters XML cannot hold', () => {
  it('stays well-formed XML and gives the design back unchanged', () => {
    const label = 'ESC \u001b, U+FFFF \uffff, U+FFFE \ufffe, half an emoji \ud83d';
    const text = JSON.stringify({ nodes: [{ label }] }, null, 2);
    const out = embedTextInSvg(SVG, text);
    expect(xmlProblem(out)).toBeNull();
    const r = extractTextFromSvg(out);
    expect(r.ok && JSON.parse(r.text).nodes[0].label).toBe(label);
  });
});
