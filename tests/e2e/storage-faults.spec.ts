// Storage that misbehaves, injected before the app starts: an IndexedDB that never answers,
// a damaged index, a damaged design record. Each time the user is told the truth and nothing
// saved is lost or changed.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, AppPage } from './fixtures';

/** Runs `records` into the app's database before the page loads (once per test, not on reload). */
async function seed(page: Page, records: Record<string, unknown>) {
  await page.addInitScript((entries) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const open = indexedDB.open('mlsd-sandbox');
    open.onupgradeneeded = () => open.result.createObjectStore('designs');
    open.onsuccess = () => {
      const tx = open.result.transaction('designs', 'readwrite');
      for (const [k, v] of Object.entries(entries)) tx.objectStore('designs').put(v, k);
      tx.oncomplete = () => open.result.close();
    };
  }, records);
}

const design = (name: string, kinds: string[]) => ({
  format: 'mlsd-design',
  version: 1,
  name,
  nodes: kinds.map((kind, i) => ({ id: `n${i}`, kind, position: { x: i * 250, y: 0 }, params: {} })),
  edges: [],
  notes: {},
});
const record = (id: string, d: unknown, rev = 1, updatedAt = 1_700_000_000_000) => ({ id, design: d, updatedAt, rev });

async function stored(page: Page, key: string): Promise<unknown> {
  return page.evaluate((k) => new Promise((resolve) => {
    const open = indexedDB.open('mlsd-sandbox');
    open.onsuccess = () => {
      const req = open.result.transaction('designs').objectStore('designs').get(k);
      req.onsuccess = () => resolve(req.result);
    };
  }), key);
}

async function openFresh(page: Page) {
  const app = new AppPage(page);
  await app.open();
  return app;
}

test('an IndexedDB that never answers says saving is not available, never "Saved"', async ({ page }) => {
  await page.addInitScript(() => {
    // An open request that never fires success or error, as seen on some locked-down browsers.
    IDBFactory.prototype.open = function () {
      return {} as IDBOpenDBRequest;
    };
  });
  await page.goto('/');
  await expect(page.locator('.app.ready')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'Saving in the browser is not available' })).toBeVisible();
  const app = new AppPage(page);
  await app.addByClick('cache');
  await expect(app.saveStatus()).toHaveText('Not saved');
  await page.waitForTimeout(800);
  await expect(app.saveStatus()).toHaveText('Not saved');
  // The work is still there to export.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export file' }).first().click();
  expect((await download).suggestedFilename()).toMatch(/\.mlsd\.json$/);
});

for (const [what, index] of [
  ['a null entry', [null]],
  ['not a list', { broken: true }],
  ['an entry whose date is not a number', [{ id: 'a', name: 'Ranking', updatedAt: 'yesterday', nodeCount: 1 }]],
] as const) {
  test(`an index with ${what} is rebuilt from the records, and saving goes on`, async ({ page }) => {
    await seed(page, { index, last: 'a', 'design:a': record('a', design('Ranking', ['cache'])), 'design:b': record('b', design('Search', ['kafka', 'client'])) });
    const app = await openFresh(page);
    expect((await app.design()).name).toBe('Ranking');
    await app.addByClick('sql-db');
    await app.waitSaved();
    await page.getByRole('button', { name: 'Designs' }).click();
    const list = page.getByRole('list', { name: 'Saved designs' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list).toContainText('Search');
    await expect(list).toContainText('2 elements');
    await page.reload();
    await expect(page.locator('.app.ready')).toBeVisible();
    expect((await app.design()).nodes.map((n) => n.kind)).toEqual(['cache', 'sql-db']);
  });
}

test('a design record that cannot be opened is named, kept as it was, and offered as a download', async ({ page }) => {
  const damaged = record('bad', { ...design('Fraud model', ['cache']), nodes: 'not a list' }, 4);
  await seed(page, {
    index: [{ id: 'bad', name: 'Fraud model', updatedAt: 1_700_000_000_000, nodeCount: 1 }],
    last: 'bad',
    'design:bad': damaged,
  });
  const app = await openFresh(page);
  const banner = page.getByRole('alert').filter({ hasText: 'The saved design “Fraud model” could not be opened:' });
  await expect(banner).toBeVisible();
  // Something else opens, and saving it leaves the damaged record alone.
  await app.addByClick('client');
  await app.waitSaved();
  await expect(banner).toBeVisible();
  expect(await stored(page, 'design:bad')).toEqual(damaged);
  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download the damaged record' }).click();
  expect(JSON.parse(readFileSync(await (await download).path(), 'utf8'))).toEqual(damaged);
});

test('a record that is not a design at all is named too', async ({ page }) => {
  await seed(page, { index: [{ id: 'x', name: 'Old notes', updatedAt: 1, nodeCount: 0 }], last: 'x', 'design:x': 'garbage' });
  await openFresh(page);
  await expect(page.getByRole('alert').filter({ hasText: 'The saved design “Old notes” could not be opened' })).toBeVisible();
  expect(await stored(page, 'design:x')).toBe('garbage');
});

test('a save left half-done by an older version (record ahead of the index) raises no conflict', async ({ page }) => {
  await seed(page, {
    index: [{ id: 'a', name: 'Ranking', updatedAt: 1, nodeCount: 1, rev: 1 }],
    last: 'a',
    'design:a': record('a', design('Ranking', ['cache']), 2),
  });
  const app = await openFresh(page);
  await app.addByClick('kafka');
  await app.waitSaved();
  await expect(page.getByRole('alert').filter({ hasText: 'changed in another tab' })).toHaveCount(0);
  expect(await stored(page, 'design:a')).toMatchObject({ rev: 3 });
});
