// Component ids are whatever a file or a link says: quotes, brackets, backslashes and markup in
// them must not break the canvas (xyflow builds CSS selectors from the ids it is given).
import { test, expect, type AppPage } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const IDS = { quote: 'a"b', bracket: 'x]y', backslash: '\\', script: '</script>' };
const node = (id: string, label: string, x: number, y: number) => ({ id, kind: 'cache', label, position: { x, y }, params: {} });
const design = {
  format: 'mlsd-design', version: 1, name: 'Odd ids',
  nodes: [node(IDS.quote, 'Quote', 0, 0), node(IDS.bracket, 'Bracket', 360, 0), node(IDS.backslash, 'Backslash', 0, 220), node(IDS.script, 'Script', 360, 220)],
  edges: [],
};

function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const byLabel = (page: Page, label: string) => page.locator('.svelte-flow__node').filter({ hasText: label });

/** Drags from one component's output handle to another's input handle, as a person does. */
async function connect(app: AppPage, from: Locator, to: Locator) {
  await app.settle();
  const a = (await from.locator('.svelte-flow__handle.source').boundingBox())!;
  const b = (await to.locator('.svelte-flow__handle.target').boundingBox())!;
  await app.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await app.page.mouse.down();
  await app.page.mouse.move(a.x + 40, a.y + a.height / 2, { steps: 5 });
  await app.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await app.page.mouse.up();
}

async function importDesign(page: Page) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Share and export' }).click();
  await page.getByRole('menuitem', { name: 'Import design file' }).click();
  await (await chooser).setFiles({ name: 'odd-ids.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design)) });
}

test('components whose ids hold quotes, brackets, backslashes or markup connect, select, drag and delete', async ({ app, page }) => {
  const errors = pageErrors(page);
  await importDesign(page);
  await expect.poll(async () => (await app.design()).nodes.map((n) => n.id)).toEqual(Object.values(IDS));

  // Onto a quote and onto a backslash: the ends xyflow looks up by a selector.
  await connect(app, byLabel(page, 'Bracket'), byLabel(page, 'Quote'));
  await expect.poll(async () => (await app.design()).edges.map((e) => [e.source, e.target])).toEqual([[IDS.bracket, IDS.quote]]);
  await connect(app, byLabel(page, 'Script'), byLabel(page, 'Backslash'));
  await expect.poll(async () => (await app.design()).edges.map((e) => [e.source, e.target])).toEqual([[IDS.bracket, IDS.quote], [IDS.script, IDS.backslash]]);
  await connect(app, byLabel(page, 'Quote'), byLabel(page, 'Script'));
  await expect.poll(async () => (await app.design()).edges).toHaveLength(3);

  // Selected by a click: the inspector shows it, the editor holds our id.
  await byLabel(page, 'Quote').click();
  await expect(page.getByRole('textbox', { name: 'Label' })).toHaveValue('Quote');
  expect(await page.evaluate(() => [...(window as any).__app.editor.selectedNodes])).toEqual([IDS.quote]);

  // Dragged: the design takes the new place under the same id.
  const start = (await app.design()).nodes.find((n) => n.id === IDS.script)!.position;
  const box = (await byLabel(page, 'Script').boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 12);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + 30 + i * 15, box.y + 12 + i * 10);
  await page.mouse.up();
  await expect.poll(async () => (await app.design()).nodes.find((n) => n.id === IDS.script)!.position.x).toBeGreaterThan(start.x + 40);

  // Deleted, with its connection.
  await byLabel(page, 'Backslash').click();
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await app.design()).nodes.map((n) => n.id)).toEqual([IDS.quote, IDS.bracket, IDS.script]);
  expect((await app.design()).edges.map((e) => [e.source, e.target])).toEqual([[IDS.bracket, IDS.quote], [IDS.quote, IDS.script]]);
  expect(errors).toEqual([]);
});
