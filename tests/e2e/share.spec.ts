// Share links end to end: the dialog, a link opened in a fresh browser, the preview that never
// touches saved designs, "Save a copy", a damaged link, and the long-link warning.
import { test, expect, AppPage, fromShareMenu } from './fixtures';
import type { Page } from '@playwright/test';

async function linkFromDialog(page: Page): Promise<string> {
  await fromShareMenu(page, 'Copy link');
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toContainText('Anyone who has this link can read the whole design');
  const field = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(field).toHaveValue(/#d=1\./);
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
  await expect(page.getByRole('dialog', { name: 'Share link' }).getByRole('alert')).toHaveCount(0);

  const context = await browser.newContext();
  try {
    const other = new AppPage(await context.newPage());
    await other.open(link.replace(/^https?:\/\/[^/]+/, ''));
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

  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
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

test('a damaged link says so and opens the saved design unchanged', async ({ app, page }) => {
  await app.addByClick('cache');
  await app.waitSaved();
  const saved = await app.design();
  const link = await linkFromDialog(page);
  await page.goto(link.replace(/^https?:\/\/[^/]+/, '').slice(0, -25));
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'This shared link could not be opened' })).toContainText('Your saved designs are unchanged');
  await expect(page.getByText('Preview of a shared design')).toHaveCount(0);
  expect(await app.design()).toEqual(saved);
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
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toHaveValue(/#d=1\./);
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
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
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
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.getByText('Preview of a shared design')).toBeVisible();
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: /^Open Untitled design/ }).click();
  await expect(page.getByText('Preview of a shared design')).toHaveCount(0);
  await expect.poll(() => page.url()).not.toContain('#d=');
});
