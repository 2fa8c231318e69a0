// Share links end to end: the dialog, a link opened in a fresh browser, the preview that never
// touches saved designs, "Save a copy", damaged links, many notices, and the long-link warning.
import { deflateRawSync } from 'node:zlib';
import { test, expect, AppPage, fromShareMenu } from './fixtures';
import type { Page } from '@playwright/test';
import { prng } from '../unit/persistence/fuzz-cases';

const LINK = /#d=2\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/;
const DAMAGED = 'This link is damaged — it may have been cut off or changed when it was copied. Ask for the link again.';
const pathOf = (link: string) => link.replace(/^https?:\/\/[^/]+/, '');

async function linkFromDialog(page: Page): Promise<string> {
  await fromShareMenu(page, 'Copy link');
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toContainText('Anyone who has this link can read the whole design');
  const field = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(field).toHaveValue(/#d=\d+\./);
  const link = await field.inputValue();
  await expect(dialog.getByTestId('share-length')).toContainText(`${link.length.toLocaleString('en-US')} characters`);
  return link;
}

test('a link opens the design as a preview in a fresh browser, and "Save a copy" keeps it', async ({ app, page, browser }) => {
  const a = await app.addByClick('client');
  await app.addByClick('cache');
  await page.getByRole('textbox', { name: 'Label' }).fill('Hot keys <b>&amp;</b>');
  await page.getByRole('textbox', { name: 'Label' }).press('Enter');
  await app.waitSaved();
  const sent = await app.design();
  const link = await linkFromDialog(page);
  expect(link.length).toBeLessThan(2000);
  expect(link).toMatch(LINK);
  await expect(page.getByRole('dialog', { name: 'Share link' }).getByRole('alert')).toHaveCount(0);

  const context = await browser.newContext();
  try {
    const other = new AppPage(await context.newPage());
    await other.open(pathOf(link));
    await expect(other.page.getByText('Preview of a shared design')).toBeVisible();
    await expect(other.saveStatus()).toHaveText('Preview, not saved');
    const got = await other.design();
    expect(got.nodes.map((n) => [n.id, n.kind, n.label, n.position])).toEqual(sent.nodes.map((n) => [n.id, n.kind, n.label, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]));
    expect(got.edges.map((e) => [e.source, e.target])).toEqual([[a, sent.nodes[1].id]]);
    await expect(other.node(sent.nodes[1].id)).toContainText('Hot keys <b>&amp;</b>');

    await other.page.getByRole('button', { name: 'Save a copy' }).click();
    await expect(other.page.getByText('Preview of a shared design')).toHaveCount(0);
    await other.waitSaved();
    expect(new URL(other.page.url()).hash).toBe('');
    await other.page.reload();
    await expect(other.page.locator('.app.ready')).toBeVisible();
    expect((await other.design()).nodes).toHaveLength(2);
    await other.page.getByRole('button', { name: 'Designs' }).click();
    await expect(other.page.getByRole('list', { name: 'Saved designs' }).getByRole('listitem')).toHaveCount(1);
  } finally {
    await context.close();
  }
});

test('a preview never autosaves nor changes the saved designs', async ({ app, page }) => {
  await app.addByClick('kafka');
  await app.waitSaved();
  const mine = await app.design();
  const link = await linkFromDialog(page);
  await page.keyboard.press('Escape');
  // A different design, saved, is what must stay untouched.
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New design' }).click();
  await app.addByClick('sql-db');
  await app.waitSaved();
  const saved = await app.design();

  await page.goto(pathOf(link));
  await expect(page.getByText('Preview of a shared design')).toBeVisible();
  expect((await app.design()).nodes.map((n) => n.kind)).toEqual(mine.nodes.map((n) => n.kind));
  await app.addByClick('vector-db');
  await page.waitForTimeout(800);
  await expect(app.saveStatus()).toHaveText('Preview, not saved');

  await page.goto('/');
  await expect(page.locator('.app.ready')).toBeVisible();
  expect(await app.design()).toEqual(saved);
  await page.getByRole('button', { name: 'Designs' }).click();
  await expect(page.getByRole('list', { name: 'Saved designs' }).getByRole('listitem')).toHaveCount(2);
});

test('a cut link says so, leaves the address bar, and opens the saved design unchanged', async ({ app, page }) => {
  await app.addByClick('cache');
  await app.waitSaved();
  const saved = await app.design();
  const link = await linkFromDialog(page);
  await page.goto(pathOf(link).slice(0, -25));
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: DAMAGED })).toContainText('Your saved designs are unchanged');
  await expect(page.getByText('Preview of a shared design')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');
  expect(await app.design()).toEqual(saved);
});

test('a template link with any one character changed, cut, or lengthened is refused and never opened partly', async ({ app, page }) => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: 'Video recommendation' }).click();
  await expect.poll(async () => (await app.design()).name).toBe('Video recommendation');
  await app.waitSaved();
  const saved = await app.design();
  expect(saved.edges.length).toBeGreaterThan(5);
  const hash = new URL(await linkFromDialog(page)).hash;
  await page.keyboard.press('Escape');

  // Seeded, so the changes are the same on every run.
  const rnd = prng(20261125).int;
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
  const at = () => 3 + rnd(hash.length - 3);
  const changed: string[] = [];
  for (let i = 0; i < 45; i++) {
    const p = at();
    let c = chars[rnd(chars.length)];
    if (c === hash[p]) c = chars[(chars.indexOf(c) + 1) % chars.length];
    changed.push(hash.slice(0, p) + c + hash.slice(p + 1));
  }
  for (let i = 0; i < 8; i++) changed.push(hash.slice(0, at()));
  for (let i = 0; i < 5; i++) {
    const p = at();
    changed.push(hash.slice(0, p) + hash.slice(p + 1), hash.slice(0, p) + chars[rnd(chars.length)] + hash.slice(p));
  }
  changed.push(hash + 'A', hash + ')', `${hash}.`);

  for (const [i, bad] of changed.entries()) {
    // Half arrive as a new page load, half as a link pasted into the address bar of the open app.
    if (i % 2 === 0) {
      await page.goto('about:blank');
      await page.goto(`/${bad}`);
      await expect(page.locator('.app.ready')).toBeVisible();
    } else {
      await page.evaluate((h) => (location.hash = h), bad);
    }
    const banner = page.getByRole('alert').filter({ hasText: DAMAGED });
    await expect(banner, bad).toBeVisible();
    await expect.poll(() => new URL(page.url()).hash, bad).toBe('');
    await expect(page.getByText('Preview of a shared design')).toHaveCount(0);
    expect(await app.design(), bad).toEqual(saved);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
  }
  expect(changed.length).toBeGreaterThanOrEqual(60);
  // The link itself still opens, whole.
  await page.goto('about:blank');
  await page.goto(`/${hash}`);
  await expect(page.getByText('Preview of a shared design')).toBeVisible();
  const shared = await app.design();
  expect([shared.nodes.length, shared.edges.length]).toEqual([saved.nodes.length, saved.edges.length]);
});

test('a link with hundreds of unknown kinds opens with one notice, not hundreds', async ({ app, page }) => {
  const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, kind: `future-kind-${i}`, position: { x: (i % 20) * 220, y: Math.floor(i / 20) * 120 }, params: { replicas: 2 } }));
  // A link of the first version (no checksum), as links made before it still arrive.
  await app.open(`/#d=1.${deflateRawSync(Buffer.from(JSON.stringify({ version: 1, name: 'From the future', nodes, edges: [] }))).toString('base64url')}`);
  await expect(page.getByText('Preview of a shared design')).toBeVisible();
  expect((await app.design()).nodes).toHaveLength(300);
  const notices = page.locator('.banner.warning');
  await expect(notices).toHaveCount(1);
  await expect(notices).toContainText('future-kind-0');
  await notices.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('.banner.warning')).toHaveCount(0);
});

test('the command palette opens the dialog, which warns about long links and offers the file', async ({ app, page }) => {
  // Sixty components with their own labels and parameters: too much for a short link.
  await page.evaluate(() => {
    const app = (window as any).__app;
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const words = () => Array.from({ length: 4 }, () => Math.floor(rnd() * 1e9).toString(36)).join(' ');
    const nodes = Array.from({ length: 60 }, (_, i) => ({ id: `n${i}`, kind: 'cache', label: words(), position: { x: Math.round(rnd() * 5000), y: Math.round(rnd() * 5000) }, params: { replicas: 1 + Math.floor(rnd() * 50), hitRatio: Math.round(rnd() * 100) / 100 } }));
    app.editor.load({ format: 'mlsd-design', version: 1, name: 'Big', nodes, edges: [], notes: {} });
  });
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.type('copy link');
  await page.getByRole('option', { name: /Copy link/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toHaveValue(LINK);
  expect((await dialog.getByRole('textbox', { name: 'Share link' }).inputValue()).length).toBeGreaterThan(2000);
  await expect(dialog.getByRole('alert')).toContainText('longer than 2,000 characters');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export design file' }).click();
  expect((await download).suggestedFilename()).toBe('big.mlsd.json');
});

test('leaving a preview by New design takes the link out of the address bar, so a reload stays out', async ({ app, page }) => {
  await app.addByClick('cache');
  await app.waitSaved();
  const link = await linkFromDialog(page);
  await expect(page.getByRole('dialog', { name: 'Share link' }).getByRole('button', { name: 'Copy', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.goto(pathOf(link));
  await expect(page.getByText('Preview of a shared design')).toBeVisible();
  expect(page.url()).toContain('#d=');

  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New design' }).click();
  await expect(page.getByText('Preview of a shared design')).toHaveCount(0);
  await expect.poll(() => page.url()).not.toContain('#d=');
  await app.waitSaved();
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect(page.getByText('Preview of a shared design')).toHaveCount(0);
  expect((await app.design()).nodes).toHaveLength(0);
});

test('opening a saved design from Designs also leaves the preview and its link', async ({ app, page }) => {
  await app.addByClick('cache');
  await app.waitSaved();
  const link = await linkFromDialog(page);
  await page.keyboard.press('Escape');
  await page.goto(pathOf(link));
  await expect(page.getByText('Preview of a shared design')).toBeVisible();
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: /^Open Untitled design/ }).click();
  await expect(page.getByText('Preview of a shared design')).toHaveCount(0);
  await expect.poll(() => page.url()).not.toContain('#d=');
});
