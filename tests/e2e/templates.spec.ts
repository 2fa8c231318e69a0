import { test, expect } from './fixtures';

test('a template becomes a new saved design and leaves the open one alone', async ({ app, page }) => {
  const first = await app.addByClick('cache');
  await app.waitSaved();

  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('list', { name: 'Templates' });
  await expect(gallery.getByRole('button')).toHaveCount(15);
  await expect(gallery.getByRole('button').first()).toHaveAccessibleName('Blank design');
  await gallery.getByRole('button', { name: 'Video recommendation' }).click();

  await expect.poll(async () => (await app.design()).name).toBe('Video recommendation');
  const d = await app.design();
  const kinds = new Set(d.nodes.map((n) => n.kind));
  for (const k of ['client', 'candidate-generation', 'ranking-service', 'ann-index', 'feature-store-online', 're-ranker', 'training-cluster']) expect(kinds.has(k), k).toBe(true);
  await expect(app.node('score')).toBeVisible();
  await expect(app.node('score')).toContainText('Scoring');
  await app.waitSaved();

  await page.getByRole('button', { name: 'Designs' }).click();
  const list = page.getByRole('list', { name: 'Saved designs' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('Video recommendation');
  // The design that was open before still holds only its cache.
  await list.getByRole('button', { name: /^Open Untitled design/ }).click();
  await expect.poll(async () => (await app.design()).nodes.map((n) => n.id)).toEqual([first]);
});

test('the command palette opens the gallery, and Blank starts an empty design', async ({ app, page }) => {
  await app.addByClick('client');
  await app.waitSaved();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('from template');
  await page.keyboard.press('Enter');
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: 'Blank design' }).click();
  await expect.poll(async () => (await app.design()).nodes.length).toBe(0);
  await page.getByRole('button', { name: 'Designs' }).click();
  await expect(page.getByRole('list', { name: 'Saved designs' }).getByRole('listitem')).toHaveCount(2);
});

test('each template card shows a picture of its design, and the search box filters the cards', async ({ app, page }) => {
  await app.addByClick('client');
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('list', { name: 'Templates' });
  const pictures = gallery.locator('img');
  await expect(pictures).toHaveCount(14);
  // Every picture decoded to a drawing with a size, and is laid out at one.
  await expect
    .poll(() => pictures.evaluateAll((imgs) => (imgs as HTMLImageElement[]).every((i) => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0)))
    .toBe(true);
  for (const box of await Promise.all((await pictures.all()).map((p) => p.boundingBox()))) {
    expect(box!.width).toBeGreaterThan(0);
    expect(box!.height).toBeGreaterThan(0);
  }
  // The picture is the template's own design: its components' labels are in it.
  const video = decodeURIComponent((await gallery.getByRole('button', { name: 'Video recommendation' }).locator('img').getAttribute('src'))!);
  expect(video).toMatch(/^data:image\/svg\+xml/);
  expect(video).toContain('Video ANN');

  await page.getByRole('searchbox', { name: 'Search templates' }).fill('ads');
  await expect(gallery.locator('[data-template]')).toHaveCount(1);
  await expect(gallery.locator('[data-template]')).toHaveAccessibleName('Ad click prediction');
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('zzz');
  await expect(page.getByRole('status').filter({ hasText: 'No template matches' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('');
  await expect(gallery.locator('[data-template]')).toHaveCount(14);
});
