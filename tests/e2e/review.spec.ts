import { test, expect } from './fixtures';

test('the review reads a template as strong, follows an edit, and a finding selects its component', async ({ app, page }) => {
  await app.addByClick('client');
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: 'Video recommendation' }).click();
  await expect.poll(async () => (await app.design()).name).toBe('Video recommendation');

  // The gallery closes first; then the command palette opens on Ctrl+K.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const command = page.getByRole('combobox', { name: 'Command' });
  await expect(async () => {
    await page.keyboard.press('Control+k');
    await expect(command).toBeVisible({ timeout: 1000 });
  }).toPass();
  await command.fill('Review the design');
  await expect(page.getByRole('option', { name: /Review the design/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  const review = page.getByRole('region', { name: 'Review of the design' });
  await expect(review.getByTestId('review-grade')).toHaveText('strong');

  // The one-replica popular list on the path users wait on is cited by name; a click selects it.
  const spof = review.locator('[data-step="serving"] [data-finding="single-replica"]');
  await expect(spof).toContainText('Popular / trending');
  await spof.click();
  await expect.poll(() => page.evaluate(() => [...(window as any).__app.editor.selectedNodes])).toEqual(['pop']);

  // Emptying a note is marked down on its step at once; its finding opens the note.
  await page.getByRole('tab', { name: 'Framework' }).click();
  await page.locator('#note-evaluation').fill('');
  await page.getByRole('tab', { name: 'Review' }).click();
  const empty = review.locator('[data-step="evaluation"] [data-finding="note-empty"]');
  await expect(empty).toBeVisible();
  await expect(review.locator('[data-step="evaluation"]')).toContainText('1/3 weak');
  await empty.click();
  await expect(page.locator('#note-evaluation')).toBeFocused();
});
