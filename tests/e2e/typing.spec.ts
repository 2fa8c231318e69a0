// Text is saved as it is typed: a reload while the cursor is still in the field keeps what was
// typed (label, note, design name, framework notes), and a field shows its limit when close.
import { test, expect, AppPage } from './fixtures';

async function reload(app: AppPage) {
  await app.page.reload();
  await expect(app.page.locator('.app.ready')).toBeVisible();
}

test('a label typed without leaving the field is saved and survives a reload', async ({ app, page }) => {
  const id = await app.addByClick('api-gateway');
  await app.waitSaved();
  const label = page.getByRole('textbox', { name: 'Label' });
  await label.click();
  await label.press('ControlOrMeta+a');
  await page.keyboard.type('Front door');
  // Still in the field: no blur, no Enter. The autosave picks the typing up.
  await expect(label).toBeFocused();
  await expect(app.saveStatus()).toHaveText('Saved');
  await reload(app);
  expect((await app.design()).nodes.map((n) => [n.id, n.label])).toEqual([[id, 'Front door']]);
  await expect(app.node(id)).toContainText('Front door');
});

test('a label typed and the page reloaded at once is still saved', async ({ app, page }) => {
  const id = await app.addByClick('cache');
  await app.waitSaved();
  const label = page.getByRole('textbox', { name: 'Label' });
  await label.click();
  await label.press('ControlOrMeta+a');
  await page.keyboard.type('Hot keys');
  await reload(app);
  expect((await app.design()).nodes.map((n) => [n.id, n.label])).toEqual([[id, 'Hot keys']]);
});

test('note text and the design name are saved as typed', async ({ app, page }) => {
  await page.evaluate(() => (window as any).__app.editor.addNote({ x: 100, y: 100 }, ''));
  const text = page.getByRole('textbox', { name: 'Text' });
  await text.click();
  await page.keyboard.type('Ask about\nthe read/write ratio');
  await expect(app.saveStatus()).toHaveText('Saved');
  await text.blur();
  await app.clearSelection();
  await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
  const name = page.getByRole('textbox', { name: 'Name' });
  await name.click();
  await name.press('ControlOrMeta+a');
  await page.keyboard.type('Feed ranking v2');
  await expect(name).toBeFocused();
  await expect(app.saveStatus()).toHaveText('Saved');
  await reload(app);
  const d = await app.design();
  expect(d.name).toBe('Feed ranking v2');
  expect(d.nodes.map((n) => (n as { text?: string }).text)).toEqual(['Ask about\nthe read/write ratio']);
});

test('each run of typing is one undo step', async ({ app, page }) => {
  await page.evaluate(() => (window as any).__app.editor.addNote({ x: 100, y: 100 }, ''));
  const text = page.getByRole('textbox', { name: 'Text' });
  await text.click();
  await page.keyboard.type('Ask about writes');
  await text.blur();
  const noteText = () => app.design().then((d) => (d.nodes[0] as { text?: string }).text);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(noteText).toBe('');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(noteText).toBe('Ask about writes');
});

test('a framework note typed without leaving the field survives a reload', async ({ app, page }) => {
  await page.keyboard.press('Shift+F');
  const note = page.getByRole('textbox', { name: /Clarify requirements/ });
  await note.click();
  await page.keyboard.type('10M DAU');
  await expect(app.saveStatus()).toHaveText('Saved');
  await reload(app);
  expect((await app.design()).notes.requirements).toBe('10M DAU');
});

test('a label is cut at its limit in the field, with the count shown, and control characters never enter', async ({ app, page }) => {
  const id = await app.addByClick('api-gateway');
  const label = page.getByRole('textbox', { name: 'Label' });
  await label.click();
  await label.press('ControlOrMeta+a');
  await page.keyboard.insertText('esc\u001b[31m red ' + '😀'.repeat(600));
  const kept = 'esc[31m red ' + '😀'.repeat(500 - 'esc[31m red '.length);
  await expect(label).toHaveValue(kept);
  await expect(page.getByText('500 / 500')).toBeVisible();
  await expect(app.saveStatus()).toHaveText('Saved');
  await reload(app);
  expect((await app.design()).nodes.find((n) => n.id === id)!.label).toBe(kept);
});
