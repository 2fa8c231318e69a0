// Export and import across the browser boundary: real downloads, the file picker, a drop on
// the page, and the system clipboard. Exported pictures are looked at outside the browser:
// rsvg-convert renders the SVG, xmllint checks it, and the pixels must show what the canvas does.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, type AppPage, exportSvgFromPalette, fromShareMenu } from './fixtures';
import type { Design } from '../../src/model/design';
import { stripXmlInvalid } from '../../src/persistence/svg-text';
import { decodePng, renderSvg, xmlProblem, type Pixels } from '../unit/persistence/picture-check';
import { componentsWithoutText, placementOf, unseenPipes } from '../unit/persistence/picture-look';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const HOSTILE = '</metadata><script>window.__pwned = 1</script>"A" & <b>';

/** client → gateway → database, the gateway labelled with markup that must stay text. */
async function buildDesign(app: AppPage, page: Page) {
  await app.addByClick('client');
  const gw = await app.addByClick('api-gateway');
  await app.addByClick('sql-db');
  await app.node(gw).click();
  await page.getByRole('textbox', { name: 'Label' }).fill(HOSTILE);
  await page.getByRole('textbox', { name: 'Label' }).press('Enter');
  await app.clearSelection();
  await app.waitSaved();
  const d = await app.design();
  expect(d.edges).toHaveLength(2);
  return d;
}

const shape = (d: Awaited<ReturnType<AppPage['design']>>) => ({
  nodes: d.nodes.map((n) => [n.id, n.kind, n.label ?? null, n.position]),
  edges: d.edges.map((e) => [e.source, e.target, e.params.mode]),
});

async function exportVia(page: Page, item: string) {
  await page.getByRole('button', { name: 'Share and export' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: item }).click();
  const d = await download;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

async function importViaPicker(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await fromShareMenu(page, 'Import design file');
  await (await chooser).setFiles({ name, mimeType, buffer });
}

async function dropFile(page: Page, name: string, type: string, bytes: Buffer) {
  await page.evaluate(({ name, type, data }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], name, { type }));
    const target = document.querySelector('.svelte-flow__pane')!;
    for (const t of ['dragover', 'drop']) target.dispatchEvent(new DragEvent(t, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, type, data: [...bytes] });
}

/** What a person sees in an exported picture: every connection and every name. */
function expectSeen(pixels: Pixels, svg: string, design: Design, theme: 'light' | 'dark') {
  const at = placementOf(svg, pixels.width / Number(/width="(\d+)"/.exec(svg)![1]));
  expect(unseenPipes(pixels, design, at, theme)).toEqual([]);
  expect(componentsWithoutText(pixels, design, at, theme)).toEqual([]);
}

async function exportBoth(page: Page) {
  const svg = (await exportVia(page, 'SVG image')).bytes.toString('utf8');
  const png = (await exportVia(page, 'PNG image')).bytes;
  return { svg, png };
}

async function designCount(page: Page) {
  return page.evaluate(() => (window as any).__app.library.designs.length as number);
}

test('PNG export at 2× carries the design and re-imports through the file picker', async ({ app, page }) => {
  const original = await buildDesign(app, page);
  const { name, bytes } = await exportVia(page, 'PNG image');
  expect(name).toMatch(/\.mlsd\.png$/);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(bytes.includes(Buffer.from('iTXtmlsd-design'))).toBe(true);
  // Three components side by side are well over 600 px wide; at 2× the image is twice that.
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(1200);
  // Both connections and all three names are in the picture.
  const svg = (await exportVia(page, 'SVG image')).bytes.toString('utf8');
  expectSeen(decodePng(bytes), svg, original as Design, 'light');

  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New design' }).click();
  expect((await app.design()).nodes).toHaveLength(0);
  await importViaPicker(page, 'picture.png', 'image/png', bytes);
  await expect.poll(async () => (await app.design()).nodes.length).toBe(3);
  expect(shape(await app.design())).toEqual(shape(original));
});

test('SVG export keeps markup in labels inert and re-imports by drag and drop', async ({ app, page }) => {
  const original = await buildDesign(app, page);
  const { name, bytes } = await exportVia(page, 'SVG image');
  expect(name).toMatch(/\.mlsd\.svg$/);
  const svg = bytes.toString('utf8');
  expect(svg).toMatch(/^<svg[^>]*>\s*<metadata id="mlsd-design">/);
  expect(svg).not.toMatch(/<script/i);
  expect(xmlProblem(svg)).toBeNull();
  expectSeen(renderSvg(svg, 2), svg, original as Design, 'light');

  // The exported picture renders in the browser, and nothing in it runs.
  const shown = await page.evaluate(async (text) => {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    await img.decode();
    return { w: img.naturalWidth, pwned: (window as any).__pwned ?? null };
  }, svg);
  expect(shown.w).toBeGreaterThan(600);
  expect(shown.pwned).toBeNull();

  const before = await designCount(page);
  await dropFile(page, 'renamed.bin', '', bytes);
  await expect.poll(() => designCount(page)).toBe(before + 1);
  const back = await app.design();
  expect(shape(back)).toEqual(shape(original));
  expect(back.nodes.find((n) => n.kind === 'api-gateway')!.label).toBe(HOSTILE);
  expect(await page.evaluate(() => (window as any).__pwned ?? null)).toBeNull();
});

test('a picture without a design, or a broken one, changes nothing and says why', async ({ app, page }) => {
  await buildDesign(app, page);
  const before = await app.design();
  const count = await designCount(page);
  await importViaPicker(page, 'screenshot.png', 'image/png', await page.screenshot());
  await expect(page.getByRole('alert')).toContainText('This PNG image holds no design');
  const { bytes } = await exportVia(page, 'PNG image');
  await dropFile(page, 'cut.png', 'image/png', bytes.subarray(0, bytes.length - 30));
  await expect(page.getByRole('alert')).toContainText('truncated');
  await dropFile(page, 'notes.txt', 'text/plain', Buffer.from('just some notes'));
  await expect(page.getByRole('alert')).toContainText('not a design');
  expect(await designCount(page)).toBe(count);
  expect(shape(await app.design())).toEqual(shape(before));
});

test('copy as Mermaid and as Excalidraw put the design on the clipboard', async ({ app, page }) => {
  const d = await buildDesign(app, page);
  await page.getByRole('button', { name: 'Share and export' }).click();
  await page.getByRole('menuitem', { name: 'Copy as Mermaid' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Mermaid flowchart copied' })).toBeVisible();
  const mermaid = await page.evaluate(() => navigator.clipboard.readText());
  const lines = mermaid.trim().split('\n');
  expect(lines[0]).toBe('flowchart LR');
  expect(lines.filter((l) => l.includes('-->'))).toHaveLength(2);
  expect(mermaid).toContain('#lt;/metadata#gt;#lt;script#gt;');
  expect(mermaid).toContain('n3[("SQL');

  await page.getByRole('button', { name: 'Share and export' }).click();
  await page.getByRole('menuitem', { name: 'Copy as Excalidraw' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'excalidraw.com' })).toBeVisible();
  const clip = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(clip.type).toBe('excalidraw/clipboard');
  const rects = clip.elements.filter((e: any) => e.type === 'rectangle');
  const arrows = clip.elements.filter((e: any) => e.type === 'arrow');
  expect(rects).toHaveLength(d.nodes.length);
  expect(arrows).toHaveLength(d.edges.length);
  const ids = new Set(rects.map((r: any) => r.id));
  for (const a of arrows) expect(ids.has(a.startBinding.elementId) && ids.has(a.endBinding.elementId)).toBe(true);
  expect(clip.elements.filter((e: any) => e.type === 'text').map((t: any) => t.text)).toContain(HOSTILE);
});

test('pasting a design\'s JSON opens it; copied components still paste as components', async ({ app, page }) => {
  const original = await buildDesign(app, page);
  const { bytes } = await exportVia(page, 'Design file (JSON)');
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New design' }).click();
  // The first design and the new, empty one.
  await expect.poll(() => designCount(page)).toBe(2);
  const count = 2;
  await page.evaluate((t) => navigator.clipboard.writeText(t), bytes.toString('utf8'));
  await app.pane().click();
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => designCount(page)).toBe(count + 1);
  expect(shape(await app.design())).toEqual(shape(original));

  // Copy and paste of components is unchanged.
  await app.node(original.nodes[0].id).click();
  await page.keyboard.press('ControlOrMeta+C');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(async () => (await app.design()).nodes.length).toBe(4);
  expect(await designCount(page)).toBe(count + 1);
});

test('pasting a share link opens its design as a preview', async ({ app, page }) => {
  const original = await buildDesign(app, page);
  await fromShareMenu(page, 'Copy link');
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toContain('#d=');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New design' }).click();
  expect((await app.design()).nodes).toHaveLength(0);
  await page.evaluate((t) => navigator.clipboard.writeText(`  ${t}\n`), link);
  await app.pane().click();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByText('Preview of a shared design')).toBeVisible();
  const shown = await app.design();
  expect(shown.nodes.map((n) => [n.kind, n.label ?? null])).toEqual(original.nodes.map((n) => [n.kind, n.label ?? null]));
  expect(shown.edges).toHaveLength(original.edges.length);
});

test('exports are in the command palette', async ({ app, page }) => {
  await buildDesign(app, page);
  expect(await exportSvgFromPalette(app)).toMatch(/\.mlsd\.svg$/);
});

/** Share of pixels that differ noticeably between two renderings of the same size. */
function differing(a: Pixels, b: Pixels): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if ([0, 1, 2].some((k) => Math.abs(a.data[i + k] - b.data[i + k]) > 64)) n++;
  }
  return n / (a.width * a.height);
}

test('a template in the dark theme exports as a small SVG and a 2× PNG that look the same outside the browser', async ({ app, page }) => {
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: 'Video recommendation' }).click();
  await expect.poll(async () => (await app.design()).name).toBe('Video recommendation');
  // system (light here) → light → dark.
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const design = (await app.design()) as Design;

  const { svg, png } = await exportBoth(page);
  expect(Buffer.byteLength(svg)).toBeLessThanOrEqual(100_000);
  expect(xmlProblem(svg)).toBeNull();
  expect(svg).not.toContain('foreignObject');
  // Every component has its catalog icon.
  const components = design.nodes.filter((n) => n.kind !== 'group' && n.kind !== 'note');
  expect(svg.match(/<g transform="translate\(10 21\)[^>]*>(<(path|circle|rect|line|polyline|polygon|ellipse) [^>]*\/>)+<\/g>/g)).toHaveLength(components.length);

  const drawn = renderSvg(svg, 2);
  expectSeen(drawn, svg, design, 'dark');
  const shown = decodePng(png);
  expectSeen(shown, svg, design, 'dark');
  // Chromium (the PNG) and librsvg (the SVG) draw the same picture, up to font smoothing.
  expect([shown.width, shown.height]).toEqual([drawn.width, drawn.height]);
  expect(differing(shown, drawn)).toBeLessThan(0.03);

  // Both carry the design back in.
  for (const [name, type, bytes] of [['t.svg', 'image/svg+xml', Buffer.from(svg)], ['t.png', 'image/png', png]] as const) {
    const before = await designCount(page);
    await dropFile(page, name, type, bytes);
    await expect.poll(() => designCount(page)).toBe(before + 1);
    expect(shape(await app.design())).toEqual(shape(design));
  }
});

test('control characters and half an emoji in the design still export as valid pictures that re-import', async ({ app, page }) => {
  await buildDesign(app, page);
  const text = 'pasted \u001b[1mterminal\u001b[0m text, cut emoji \ud83d, \uffff end';
  // Straight into the document, as a design saved by an older version could hold them.
  await page.evaluate((t) => {
    const editor = (window as any).__app.editor;
    editor.dispatch((d: any) => ({
      ...d,
      nodes: [
        ...d.nodes.map((n: any, i: number) => (i === 0 ? { ...n, label: t } : n)),
        { id: 'hostile-note', kind: 'note', text: t, position: { x: 0, y: 200 }, size: { width: 240, height: 90 }, params: {} },
      ],
    }));
  }, text);
  const design = (await app.design()) as Design;
  const { svg, png } = await exportBoth(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(xmlProblem(svg)).toBeNull();
  // The picture shows the text without the characters XML cannot hold; the design keeps them.
  const shown = svg.slice(svg.indexOf('</metadata>'));
  expect(shown).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/);
  expect(shown).toContain('pasted [1mterminal[0m');
  expectSeen(renderSvg(svg, 2), svg, design, 'light');
  expectSeen(decodePng(png), svg, design, 'light');

  // The design comes back as the app takes any text in: with those characters removed.
  const cleaned = JSON.parse(JSON.stringify(design), (_k, v) => (typeof v === 'string' ? stripXmlInvalid(v) : v));
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New design' }).click();
  await importViaPicker(page, 'hostile.svg', 'image/svg+xml', Buffer.from(svg));
  await expect.poll(async () => (await app.design()).nodes.length).toBe(4);
  expect(shape(await app.design())).toEqual(shape(cleaned));
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New design' }).click();
  await importViaPicker(page, 'hostile.png', 'image/png', png);
  await expect.poll(async () => (await app.design()).nodes.length).toBe(4);
  expect(shape(await app.design())).toEqual(shape(cleaned));
});

test('a picture the browser cannot draw fails with a sentence, not an internal error', async ({ app, page }) => {
  await buildDesign(app, page);
  await page.evaluate(() => {
    HTMLImageElement.prototype.decode = () => Promise.reject(new Event('error'));
  });
  await fromShareMenu(page, 'PNG image');
  await expect(page.getByRole('alert')).toHaveText(/Export failed: The browser could not draw the picture of this design\./);
  await expect(page.getByRole('alert')).not.toContainText('[object');
});
