import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, AppPage } from './fixtures';
import { buildNextVersion, switchingServer, type SwitchingServer } from './two-versions';

// A tab opened before a deploy asks for files of its own version. When one of them is gone
// (the server has the new version, and no service worker kept the old one), the user is told a
// new version is available and can reload, keeping the design. The service worker is blocked
// here so that the network decides, as it does on a first visit or with storage evicted.
// With the service worker, a real second build shows that the open tab is not broken at all.

const ROOT = join(import.meta.dirname, '../..');
const results = (page: Page) => page.getByRole('region', { name: 'Simulation results' });
const updateBanner = (page: Page) => page.locator('.banner').filter({ hasText: 'A new version of the app is available.' });

async function openResults(page: Page) {
  const toggle = results(page).getByRole('button', { name: /Results/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

test.describe('a lazy file gone from the server', () => {
  test.use({ serviceWorkers: 'block' });

  test('a lazy file that is gone after a deploy shows one reload banner, and reloading keeps the design', async ({ app, page }) => {
    const client = await app.addByClick('client');
    const server = await app.addByClick('model-server-cpu');
    await app.waitSaved();
    await expect(updateBanner(page)).toHaveCount(0);

    // The old version's discrete-event engine and templates are no longer on the server.
    await page.route('**/assets/des-client-*.js', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.route('**/assets/video-recommendation-*.js', (route) => route.fulfill({ status: 404, body: 'Not found' }));

    const panel = results(page);
    await openResults(page);
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
    await openResults(page);
    await panel.getByRole('button', { name: '▶ Run' }).click();
    await expect(panel.locator('.mode')).toContainText('discrete-event', { timeout: 30_000 });
  });
});

test.describe('a real deploy under an open tab', () => {
  test.use({ serviceWorkers: 'allow' });
  let next: string;
  let server: SwitchingServer;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    next = await buildNextVersion(ROOT);
    server = await switchingServer(join(ROOT, process.env.E2E_DIST ?? 'dist'));
  });
  test.afterAll(async () => {
    await server?.close();
    rmSync(next, { recursive: true, force: true });
  });

  test('the open tab keeps working on its version, offers the new one, and the reload keeps the design', async ({ page }) => {
    const app = new AppPage(page);
    await app.open(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((r) => navigator.serviceWorker.addEventListener('controllerchange', () => r(), { once: true }));
      }
    });
    const client = await app.addByClick('client');
    await app.addByClick('model-server-cpu');
    await app.waitSaved();

    // The deploy: the server now has only the next version's files. The browser checks for a
    // new service worker (it does so on navigations and periodically; here, at once).
    server.serve(next);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(updateBanner(page)).toBeVisible();

    // Not reloaded yet: this tab still runs its own version, lazy files included.
    await openResults(page);
    await results(page).getByRole('button', { name: '▶ Run' }).click();
    await expect(results(page).locator('.mode')).toContainText('discrete-event', { timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.version)).toBeUndefined();

    const reloaded = page.waitForEvent('load');
    await updateBanner(page).getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.locator('.app.ready')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.dataset.version)).toBe('next');
    await expect(updateBanner(page)).toHaveCount(0);
    expect((await app.design()).nodes.map((n) => n.id)).toContain(client);
    await openResults(page);
    await results(page).getByRole('button', { name: '▶ Run' }).click();
    await expect(results(page).locator('.mode')).toContainText('discrete-event', { timeout: 30_000 });
  });
});
