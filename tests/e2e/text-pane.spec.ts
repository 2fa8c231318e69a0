// The text pane as a person uses it: opened by its key, a pipeline typed into it appears on the
// canvas, a label changed in the inspector appears in the text, and a wrong line is named while
// the design stays as it was.
import { test, expect } from './fixtures';

test('a pipeline typed in the text pane is drawn, and the inspector\'s edits show in the text', async ({ app, page }) => {
  await app.pane().click();
  await page.keyboard.press('Shift+E');
  const text = page.getByRole('textbox', { name: 'Design text' });
  await expect(text).toBeVisible();
  await text.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\napp: client "Mobile app"\napi: app-service "API"\nrank: ranking-service\napp -> api -> rank\n');
  // After the pause, without leaving the pane.
  await expect(page.locator('.svelte-flow__node')).toHaveCount(3);
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(2);
  await expect(app.node('api')).toContainText('API');
  await expect(text).toBeFocused();

  // Leaving the pane and editing the label on the inspector: the text follows.
  await app.node('api').click();
  const label = page.getByRole('textbox', { name: 'Label' });
  await label.click();
  await label.press('ControlOrMeta+a');
  await page.keyboard.type('Gateway');
  await expect(text).toHaveValue(/^api: app-service "Gateway"$/m);

  expect((await app.design()).nodes.map((n) => n.id)).toEqual(['app', 'api', 'rank']);

  // The label is one undo step, and the whole typed pipeline one more.
  await app.pane().click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(text).toHaveValue(/^api: app-service "API"$/m);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.locator('.svelte-flow__node')).toHaveCount(0);
  await expect(text).not.toHaveValue(/app: client/);
});

test('a wrong line is shown with its number and the design stays as it was', async ({ app, page }) => {
  await page.keyboard.press('Shift+E');
  const text = page.getByRole('textbox', { name: 'Design text' });
  await text.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\na: client\nb: cache\na -> b\n');
  await expect(page.locator('.svelte-flow__node')).toHaveCount(2);
  const before = await app.design();

  await page.keyboard.type('c: cahce\nb -> c\n');
  const errors = page.locator('#text-pane-errors li');
  await expect(errors.first()).toContainText(/Line \d+: "cahce" is not a kind of component\. Did you mean "cache"\?/);
  await expect(errors.nth(1)).toContainText('"c" is not a component');
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  expect(await app.design()).toEqual(before);
  await expect(page.locator('.svelte-flow__node')).toHaveCount(2);

  // Fixed, it applies.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('a: client\nb: cache\nc: kv-store\na -> b -> c\n');
  await expect(page.locator('.svelte-flow__node')).toHaveCount(3);
  await expect(errors).toHaveCount(0);
});
