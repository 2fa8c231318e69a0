import { test, expect } from './fixtures';

test('a template becomes a new saved design and leaves the open one alone', async ({ app, page }) => {
  const first = await app.addByClick('cache');
  await app.waitSaved();

  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('list', { name: 'Templates' });
  await expect(gallery.getByRole('button')).toHaveCount(11);
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
