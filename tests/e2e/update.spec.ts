import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

// A tab opened before a deploy asks for files of its own version. When one of them is gone
// (the server has the new version, and no service worker kept the old one), the user is told a
// new version is available and can reload, keeping the design. The service worker is blocked
// here so that the network decides, as it does on a first visit or with storage evicted.
test.use({ serviceWorkers: 'block' });

const results = (page: Page) => page.getByRole('region', { name: 'Simulation results' });
const updateBanner = (page: Page) => page.locator('.banner').filter({ hasText: 'A new version of the app is available.' });

test('a lazy file that is gone after a deploy shows one reload banner, and reloading keeps the design', async ({ app, page }) => {
  const client = await app.addByClick('client');
  const server = await app.addByClick('model-server-cpu');
  await app.waitSaved();
  await expect(updateBanner(page)).toHaveCount(0);

  // The old version's discrete-event engine and templates are no longer on the server.
  await page.route('**/assets/des-client-*.js', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.route('**/assets/video-recommendation-*.js', (route) => route.fulfill({ status: 404, body: 'Not found' }));

  const panel = results(page);
  const toggle = panel.getByRole('button', { name: /Results/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await panel.getByRole('button', { name: '▶ Run' }).click();
  await expect(updateBanner(page)).toBeVisible();
  // Where the run was asked for, plain words instead of the browser's error.
  const runError = panel.getByRole('alert');
  await expect(runError).toContainText('The discrete-event engine could not be loaded');
  await expect(runError).not.toContainText('dynamically imported');

  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: 'Video recommendation' }).click();
  const dialogError = page.getByRole('dialog').getByRole('alert');
  await expect(dialogError).toContainText('The template could not be loaded');
  await expect(dialogError).not.toContainText('dynamically imported');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  // Two failures, still one banner.
  await expect(updateBanner(page)).toHaveCount(1);

  // The reload fetches the new version; the design is there and everything loads again.
  await page.unrouteAll();
  const reloaded = page.waitForEvent('load');
  await updateBanner(page).getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect(updateBanner(page)).toHaveCount(0);
  expect((await app.design()).nodes.map((n) => n.id)).toEqual(expect.arrayContaining([client, server]));
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await panel.getByRole('button', { name: '▶ Run' }).click();
  await expect(panel.locator('.mode')).toContainText('discrete-event', { timeout: 30_000 });
});
