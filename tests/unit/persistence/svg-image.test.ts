// Every template exported as an SVG picture and looked at from outside the app: xmllint says it
// is well-formed XML, rsvg-convert renders it, and the pixels show the connections and the
// names. The design inside comes back out unchanged.
import { describe, expect, it } from 'vitest';
import { TEMPLATES, loadTemplate } from '../../../src/templates';
import { restore } from '../../../src/persistence/restore';
import { designToJson } from '../../../src/persistence/design-file';
import { embedTextInSvg, extractTextFromSvg } from '../../../src/persistence/svg-metadata';
import { PALETTES } from '../../../src/persistence/svg-theme';
import { catalog } from '../../../src/catalog';
import { pictureOf } from '../../../src/ui/exports';
import type { Design } from '../../../src/model/design';
import { countNear, hexRgb, renderSvg, xmlProblem } from './picture-check';
import { componentsWithoutText, placementOf, unseenPipes } from './picture-look';

const THEMES = ['light', 'dark'] as const;

async function template(id: string): Promise<Design> {
  const r = restore(await loadTemplate(id), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  return r.design;
}

describe.each(TEMPLATES.map((t) => [t.id]))('the SVG picture of %s', (id) => {
  it.each(THEMES)('in the %s theme is small, valid XML, and shows every connection and name', async (theme) => {
    const design = await template(id);
    const svg = embedTextInSvg(pictureOf(design, { theme }).svg, designToJson(design));
    expect(new TextEncoder().encode(svg).length).toBeLessThanOrEqual(100_000);
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).not.toContain('foreignObject');

    const pixels = renderSvg(svg, 2);
    const at = placementOf(svg, 2);
    expect(unseenPipes(pixels, design, at, theme)).toEqual([]);
    expect(componentsWithoutText(pixels, design, at, theme)).toEqual([]);
    // The page colour of the theme around the drawing.
    expect(countNear(pixels, 4, 4, 2, hexRgb(PALETTES[theme].bg), 2)).toBe(25);

    const back = extractTextFromSvg(svg);
    expect(back.ok && JSON.parse(back.text)).toEqual(JSON.parse(designToJson(design)));
  });
});

it('draws an empty design as a small blank picture of the theme, still carrying the design', () => {
  const empty: Design = { format: 'mlsd-design', version: 1, name: 'Empty', nodes: [], edges: [], notes: {} };
  const svg = embedTextInSvg(pictureOf(empty, { theme: 'dark' }).svg, designToJson(empty));
  expect(xmlProblem(svg)).toBeNull();
  const pixels = renderSvg(svg);
  expect([pixels.width, pixels.height]).toEqual([264, 164]);
  expect(countNear(pixels, 132, 82, 3, hexRgb(PALETTES.dark.bg), 2)).toBe(49);
  expect(extractTextFromSvg(svg)).toEqual({ ok: true, text: designToJson(empty) });
});

describe('the pixel checks', () => {
  it('notice pipes drawn without a stroke colour and with black arrowheads, and missing names', async () => {
    const design = await template('video-recommendation');
    const { svg } = pictureOf(design, { theme: 'light' });
    const at = placementOf(svg, 2);
    const strokeless = svg
      .replace(/(<path d="M[^"]*C[^"]*" fill="none") stroke="[^"]*"/g, '$1')
      .replace(/<path d="M[^"]*Z" fill="[^"]*" stroke="[^"]*"/g, '<path fill="#000"');
    expect(unseenPipes(renderSvg(strokeless, 2), design, at, "light")).toEqual(design.edges.map((e) => e.id));
    const textless = svg.replace(/<text[^>]*>.*?<\/text>/g, '');
    expect(componentsWithoutText(renderSvg(textless, 2), design, at, 'light')).toHaveLength(
      design.nodes.filter((n) => n.kind !== 'group' && n.kind !== 'note').length,
    );
  });
});

describe('hostile text in a picture', () => {
  const HOSTILE = 'ESC\u001b[31m red & <b>"quoted"</b> \'it\' half \ud83d emoji \uffff end';
  const design = (): Design => ({
    format: 'mlsd-design',
    version: 1,
    name: `Design ${HOSTILE}`,
    nodes: [
      { id: 'a', kind: 'client', label: HOSTILE, position: { x: 0, y: 0 }, params: { rps: 10 } },
      { id: 'b', kind: 'no-such-kind', label: 'x'.repeat(500), position: { x: 300, y: 0 }, params: {} },
      { id: 'n', kind: 'note', text: `${HOSTILE}\n${'word '.repeat(400)}`, position: { x: 0, y: 120 }, params: {}, size: { width: 220, height: 120 } },
      { id: 'f', kind: 'group', label: HOSTILE, position: { x: -40, y: -60 }, params: {}, size: { width: 600, height: 340 } },
    ],
    edges: [{ id: 'e', source: 'a', target: 'b', label: HOSTILE, params: { mode: 'async' } }],
    notes: {},
  });

  it.each(THEMES)('stays well-formed XML that renders, with the text shown and the design kept (%s)', (theme) => {
    const d = design();
    const svg = embedTextInSvg(pictureOf(d, { theme }).svg, designToJson(d));
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain('red &amp; &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &apos;it&apos; half  emoji');
    const pixels = renderSvg(svg, 2);
    const at = placementOf(svg, 2);
    expect(unseenPipes(pixels, d, at, theme)).toEqual([]);
    expect(componentsWithoutText(pixels, d, at, theme)).toEqual([]);
    const back = extractTextFromSvg(svg);
    expect(back.ok && JSON.parse(back.text)).toEqual(d);
  });

  it('cuts long names to their box and wraps long notes inside theirs', () => {
    const { svg } = pictureOf(design(), { theme: 'light' });
    const long = /<text[^>]*>(x+…)<\/text>/.exec(svg);
    expect(long?.[1].length).toBeLessThan(30);
    const lines = [...svg.matchAll(/<tspan x="[\d.]+" y="([\d.]+)">/g)].map((m) => Number(m[1]));
    expect(lines.length).toBeGreaterThan(3);
    // 120 - 8 px of the note below its top (at y 120): every baseline stays inside the box.
    expect(Math.max(...lines)).toBeLessThanOrEqual(240 - 4);
    expect(svg).toMatch(/…<\/tspan><\/text>/);
  });
});

describe('a simulated design in a picture', () => {
  it('shows the utilization colours, the figures, the bottleneck and the traffic as the canvas does', async () => {
    const design = await template('video-recommendation');
    const metrics = new Map(
      design.nodes.filter((n) => n.kind !== 'group').map((n, i) => [
        n.id,
        { utilization: i === 3 ? 0.95 : 0.5, p99Ms: 42, overloaded: false, saturated: false, rejected: 0, bottleneck: i === 3 },
      ]),
    );
    const traffic = new Map(design.edges.map((e, i) => [e.id, i === 0 ? 20_000 : 100]));
    const { svg } = pictureOf(design, { theme: 'light', metrics, traffic });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain('BOTTLENECK');
    expect(svg.match(/p99 42/g)).toHaveLength(metrics.size);
    expect(svg).toContain(`fill="${PALETTES.light.bad}"`);
    expect(svg).toContain(`fill="${PALETTES.light.ok}"`);
    expect(svg).toContain('sync · 20k rps');
    // The busiest pipe is the widest, 6 px, as on the canvas.
    expect(svg).toContain('stroke-width="6"');
    const pixels = renderSvg(svg, 2);
    expect(unseenPipes(pixels, design, placementOf(svg, 2), 'light')).toEqual([]);
  });
});
