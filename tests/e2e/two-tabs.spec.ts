// Two tabs of one browser on the same design: a save in one makes the other ask before it
// writes anything, and either choice loses nobody's work.
import { test, expect, AppPage } from './fixtures';

async function twoTabs(app: AppPage) {
  await app.addByClick('client');
  await app.waitSaved();
  const second = new AppPage(await app.page.context().newPage());
  await second.open();
  expect((await second.design()).nodes.map((n) => n.kind)).toEqual(['client']);
  return second;
}

const banner = (tab: AppPage) => tab.page.getByRole('alert').filter({ hasText: 'This design was changed in another tab' });
const kinds = async (tab: AppPage) => (await tab.design()).nodes.map((n) => n.kind);

test('"Keep mine as a copy" keeps both versions', async ({ app }) => {
  const second = await twoTabs(app);
  await app.addByClick('cache');
  await app.waitSaved();
  await expect(banner(second)).toBeVisible();
  await expect(banner(app)).toHaveCount(0);
  // Edits in the tab that is behind are not saved over the other tab's work.
  await second.addByClick('kafka');
  await second.page.waitForTimeout(600);
  await expect(second.saveStatus()).toHaveText('Not saved');

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
  const second = await twoTabs(app);
  await app.addByClick('cache');
  await app.waitSaved();
  await banner(second).getByRole('button', { name: 'Reload it' }).click();
  await expect(banner(second)).toHaveCount(0);
  await expect.poll(() => kinds(second)).toEqual(['client', 'cache']);
  await second.addByClick('sql-db');
  await second.waitSaved();
  // Now the first tab is the one behind, and it is asked in turn.
  await expect(banner(app)).toBeVisible();
  await banner(app).getByRole('button', { name: 'Reload it' }).click();
  await expect.poll(() => kinds(app)).toEqual(['client', 'cache', 'sql-db']);
});
