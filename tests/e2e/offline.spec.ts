import type { Page } from '@playwright/test';
import { test, expect, exportSvgFromPalette } from './fixtures';

/** Waits until the service worker has precached the app and controls the page. */
async function precached(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((r) => navigator.serviceWorker.addEventListener('controllerchange', () => r(), { once: true }));
    }
  });
}

// After one visit the service worker has precached the app: with the network off it still
// loads, edits and saves.
test('works offline after one visit', async ({ app, page, context }) => {
  await precached(page);
  await context.setOffline(true);
  // The network really is off: anything not precached fails.
  const online = await page.evaluate(() => fetch('./not-precached.txt').then(() => true, () => false));
  expect(online).toBe(false);

  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  const id = await app.addByClick('model-server-cpu');
  await app.waitSaved();
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  expect((await app.design()).nodes.map((n) => n.id)).toContain(id);
  await context.setOffline(false);
});

// The parts of the page loaded the first time they are shown (panes, dialogs, the export and
// import code) are precached too: after a reload with the network off, each still opens.
test('the parts loaded on first use open offline too', async ({ app, page, context }) => {
  await precached(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();

  await page.keyboard.press('Shift+S');
  await expect(page.getByRole('region', { name: 'Scenario timeline' })).toBeVisible();
  await page.keyboard.press('Shift+E');
  await expect(page.getByTestId('text-pane')).toBeVisible();
  await page.keyboard.press('Shift+F');
  await expect(page.getByRole('complementary', { name: 'Interview framework' })).toBeVisible();
  await page.keyboard.press('Shift+C');
  await expect(page.getByRole('dialog', { name: 'Back-of-the-envelope' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Designs' }).click();
  await expect(page.getByRole('dialog', { name: 'Designs' })).toBeVisible();
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: 'Visual search' }).click();
  await expect.poll(async () => (await app.design()).name).toBe('Visual search');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  expect(await exportSvgFromPalette(app)).toMatch(/\.mlsd\.svg$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await context.setOffline(false);
});

test('the manifest makes the app installable', async ({ app, request }) => {
  const href = await app.page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(href!)).json();
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});
