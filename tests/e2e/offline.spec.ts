import { test, expect } from './fixtures';

// After one visit the service worker has precached the app: with the network off it still
// loads, edits and saves.
test('works offline after one visit', async ({ app, page, context }) => {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((r) => navigator.serviceWorker.addEventListener('controllerchange', () => r(), { once: true }));
    }
  });
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

test('the manifest makes the app installable', async ({ app, request }) => {
  const href = await app.page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(href!)).json();
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});
