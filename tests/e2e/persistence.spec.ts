import { readFileSync } from 'node:fs';
import { test, expect, fromShareMenu, AppPage } from './fixtures';

test('reload restores the design', async ({ app, page }) => {
  const a = await app.addByClick('api-gateway');
  await page.getByRole('textbox', { name: 'Label' }).fill('Front door');
  await page.getByRole('textbox', { name: 'Label' }).press('Enter');
  await app.waitSaved();
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  const d = await app.design();
  expect(d.nodes.map((n) => [n.id, n.label])).toEqual([[a, 'Front door']]);
  await expect(app.node(a)).toContainText('Front door');
});

test('create, rename, open and delete designs', async ({ app, page }) => {
  await app.addByClick('cache');
  await app.waitSaved();
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New design' }).click();
  expect((await app.design()).nodes).toEqual([]);
  await page.getByRole('button', { name: 'Designs' }).click();
  const list = page.getByRole('list', { name: 'Saved designs' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await list.getByRole('button', { name: 'Rename' }).first().click();
  await page.getByLabel('New name').fill('Feed ranking');
  await page.getByLabel('New name').press('Enter');
  await expect(list).toContainText('Feed ranking');
  // The other design still holds its cache.
  await list.getByRole('button', { name: /^Open Untitled design/ }).click();
  await expect.poll(async () => (await app.design()).nodes.map((n) => n.kind)).toEqual(['cache']);
  await page.getByRole('button', { name: 'Designs' }).click();
  await list.getByRole('button', { name: 'Delete Feed ranking' }).click();
  await list.getByRole('button', { name: 'Confirm delete Feed ranking' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect.poll(async () => (await app.design()).nodes.map((n) => n.kind)).toEqual(['cache']);
});

test('export a design file and import it again', async ({ app, page }) => {
  await app.addByClick('client');
  await app.addByClick('kafka');
  const download = page.waitForEvent('download');
  await fromShareMenu(page, 'Design file (JSON)');
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  const exported = JSON.parse(text);
  expect(exported.format).toBe('mlsd-design');
  expect(exported.nodes).toHaveLength(2);
  expect(exported.edges).toHaveLength(1);

  const chooser = page.waitForEvent('filechooser');
  await fromShareMenu(page, 'Import design file');
  await (await chooser).setFiles({ name: 'design.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect.poll(async () => (await app.design()).nodes.length).toBe(2);
  await page.getByRole('button', { name: 'Designs' }).click();
  await expect(page.getByRole('list', { name: 'Saved designs' }).getByRole('listitem')).toHaveCount(2);
});

test('a broken file is refused with a message and changes nothing', async ({ app, page }) => {
  await app.addByClick('cache');
  const chooser = page.waitForEvent('filechooser');
  await fromShareMenu(page, 'Import design file');
  await (await chooser).setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"mlsd-design","version":1,"nodes":[{"id":"a"') });
  await expect(page.getByRole('alert')).toContainText('Import failed');
  expect((await app.design()).nodes.map((n) => n.kind)).toEqual(['cache']);
});

test('when IndexedDB is unavailable the work stays and can be exported', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined });
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('not available');
  await page.locator('.palette button[data-kind="cache"]').click();
  expect(await page.evaluate(() => (window as any).__app.editor.design.nodes.length)).toBe(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export file' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.mlsd\.json$/);
  await context.close();
});

test('leaving the page starts the pending save at once, and the edit is there after a reload', async ({ app, page }) => {
  await app.addByClick('client');
  await app.waitSaved();
  // Whether the browser lets a write finish while the page unloads is its own affair; what the
  // app owes is to start the save in beforeunload instead of waiting out the autosave pause.
  const state = await page.evaluate(async () => {
    const { editor, library } = (window as any).__app;
    editor.addComponent('cache', { x: 400, y: 0 });
    await new Promise((r) => setTimeout(r));
    const before = { status: library.status, waiting: library.timer !== null };
    window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    return { before, after: { waiting: library.timer !== null } };
  });
  expect(state).toEqual({ before: { status: 'pending', waiting: true }, after: { waiting: false } });
  await app.waitSaved();
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  expect((await app.design()).nodes.map((n) => n.kind)).toEqual(['client', 'cache']);
});

test('leaving asks while a change is unsaved, and not once everything is saved', async ({ app, page }) => {
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  // Another connection keeps the store busy, so the next save cannot finish until it lets go.
  await page.evaluate(() => new Promise<void>((ready) => {
    const open = indexedDB.open('mlsd-sandbox');
    open.onsuccess = () => {
      const store = open.result.transaction('designs', 'readwrite').objectStore('designs');
      const spin = () => {
        if (!(window as unknown as { release?: boolean }).release) store.get('index').onsuccess = spin;
      };
      spin();
      ready();
    };
  }));
  await app.addByClick('cache');
  await expect(app.saveStatus()).not.toHaveText('Saved');
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);

  await page.evaluate(() => ((window as unknown as { release?: boolean }).release = true));
  await app.waitSaved();
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(asked).toEqual(['beforeunload']);
});

test('leaving asks while saving has failed', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined });
  });
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open();
  await app.addByClick('cache');
  await expect(app.saveStatus()).toHaveText('Not saved');
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  expect((await dialog).type()).toBe('beforeunload');
  await (await dialog).accept();
  await context.close();
});
