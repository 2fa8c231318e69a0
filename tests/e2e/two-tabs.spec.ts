// Two tabs of one browser: a save in one never overwrites the other's, a tab with nothing to
// lose simply shows the newer version, and tabs on different designs never get in each
// other's way.
import { test, expect, AppPage } from './fixtures';

/**
 * A second tab on the first tab's design. A "deaf" one misses the other tab's save messages
 * (a browser without BroadcastChannel, or a tab that was asleep): only the revision check
 * inside the save can catch it.
 */
async function twoTabs(app: AppPage, { deaf = false } = {}) {
  await app.addByClick('client');
  await app.waitSaved();
  const page = await app.page.context().newPage();
  if (deaf) await page.addInitScript(() => Reflect.deleteProperty(window, 'BroadcastChannel'));
  const second = new AppPage(page);
  await second.open();
  expect((await second.design()).nodes.map((n) => n.kind)).toEqual(['client']);
  return second;
}

const banner = (tab: AppPage) => tab.page.getByRole('alert').filter({ hasText: 'This design was changed in another tab' });
const kinds = async (tab: AppPage) => (await tab.design()).nodes.map((n) => n.kind);

test('"Keep mine as a copy" keeps both versions', async ({ app }) => {
  const second = await twoTabs(app, { deaf: true });
  await app.addByClick('cache');
  await app.waitSaved();
  // The second tab's edit is not saved over the first tab's work.
  await second.addByClick('kafka');
  await expect(banner(second)).toBeVisible();
  await expect(second.saveStatus()).toHaveText('Not saved');
  await expect(banner(app)).toHaveCount(0);

  await banner(second).getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(banner(second)).toHaveCount(0);
  await second.waitSaved();
  expect((await second.design()).name).toBe('Untitled design (copy)');
  expect(await kinds(second)).toEqual(['client', 'kafka']);

  // Both are stored: the first tab's version under the old name, this tab's as the copy.
  expect(await kinds(app)).toEqual(['client', 'cache']);
  await app.page.reload();
  await expect(app.page.locator('.app.ready')).toBeVisible();
  await app.page.getByRole('button', { name: 'Designs' }).click();
  const list = app.page.getByRole('list', { name: 'Saved designs' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await list.getByRole('button', { name: 'Open Untitled design', exact: true }).click();
  await expect.poll(() => kinds(app)).toEqual(['client', 'cache']);
  await app.page.getByRole('button', { name: 'Designs' }).click();
  await list.getByRole('button', { name: 'Open Untitled design (copy)', exact: true }).click();
  await expect.poll(() => kinds(app)).toEqual(['client', 'kafka']);
});

test('"Reload it" shows the other tab\'s version, and saving goes on', async ({ app }) => {
  const second = await twoTabs(app, { deaf: true });
  await app.addByClick('cache');
  await app.waitSaved();
  await second.addByClick('kafka');
  await banner(second).getByRole('button', { name: 'Reload it' }).click();
  await expect(banner(second)).toHaveCount(0);
  await expect.poll(() => kinds(second)).toEqual(['client', 'cache']);
  await second.addByClick('sql-db');
  await second.waitSaved();
  // The first tab did not hear of it (the second tab cannot tell it): its next save is stopped.
  await app.addByClick('kafka');
  await expect(banner(app)).toBeVisible();
  await banner(app).getByRole('button', { name: 'Reload it' }).click();
  await expect.poll(() => kinds(app)).toEqual(['client', 'cache', 'sql-db']);
  await expect(app.saveStatus()).toHaveText('Saved');
});

test('a tab with no edits is never told its changes are unsaved', async ({ app }) => {
  const second = await twoTabs(app);
  await app.addByClick('cache');
  await app.waitSaved();
  await expect.poll(() => kinds(second)).toEqual(['client', 'cache']);
  await expect(banner(second)).toHaveCount(0);
  await expect(second.saveStatus()).toHaveText('Saved');
  // And it goes on saving its own edits without a conflict.
  await second.addByClick('kafka');
  await second.waitSaved();
  await expect.poll(() => kinds(app)).toEqual(['client', 'cache', 'kafka']);
});

test('two tabs saving different designs at the same moment never conflict', async ({ app }) => {
  const second = await twoTabs(app);
  await second.page.getByRole('button', { name: 'Designs' }).click();
  await second.page.getByRole('button', { name: 'New design' }).click();
  await expect.poll(() => kinds(second)).toEqual([]);
  await second.waitSaved();
  const rounds = ['cache', 'kafka', 'sql-db', 'vector-db', 'kv-store'];
  for (const kind of rounds) {
    await Promise.all([app.paletteItem(kind).click(), second.paletteItem(kind).click()]);
    await Promise.all([app.waitSaved(), second.waitSaved()]);
  }
  for (const tab of [app, second]) await expect(banner(tab)).toHaveCount(0);
  expect(await kinds(app)).toEqual(['client', ...rounds]);
  expect(await kinds(second)).toEqual(rounds);
  // Both are stored whole, and the list knows both.
  await app.page.reload();
  await expect(app.page.locator('.app.ready')).toBeVisible();
  await app.page.getByRole('button', { name: 'Designs' }).click();
  const list = app.page.getByRole('list', { name: 'Saved designs' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: `${rounds.length + 1} elements` })).toHaveCount(1);
  await expect(list.getByRole('listitem').filter({ hasText: `${rounds.length} elements` })).toHaveCount(1);
});
