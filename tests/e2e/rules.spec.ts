// The inspector and the calculator follow the model's one table of rules: what they let a
// person set is what restore() reopens, and the numbers shown are the ones the simulator uses.
import { test, expect, AppPage } from './fixtures';

async function reload(app: AppPage) {
  await app.page.reload();
  await expect(app.page.locator('.app.ready')).toBeVisible();
}

test('the inspector shows the time a request really takes when items apply', async ({ app, page }) => {
  const id = await app.addByClick('feature-store-online');
  await app.node(id).click();
  // Feast: 2.5 ms base + 1 row × 0.8 ms — the simulator serves it in 3.3 ms.
  await expect(page.getByTestId('param-detail')).toHaveText('Serves in 3.3 ms with 1 item (2.5 ms + 1 × 0.8 ms)');
  const items = page.getByLabel('Items per request', { exact: true });
  await items.fill('40');
  await items.press('Enter');
  await expect(page.getByTestId('param-detail')).toHaveText('Serves in 34.5 ms with 40 items (2.5 ms + 40 × 0.8 ms)');
});

test('the inspector allows up to the rule\'s replicas, refuses more with a sentence, and the design reopens', async ({ app, page }) => {
  const id = await app.addByClick('ranking-service');
  await app.node(id).click();
  const replicas = page.getByLabel('Replicas', { exact: true });
  await replicas.fill('100000');
  await replicas.press('Enter');
  await expect.poll(async () => (await app.design()).nodes[0].params.replicas).toBe(100_000);
  await replicas.fill('100001');
  await replicas.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Replicas must be between 1 and 100,000 (got 100001).');
  await app.waitSaved();
  await reload(app);
  expect((await app.design()).nodes[0].params.replicas).toBe(100_000);
});

test('the calculator caps a peak past the rps rule, says so, and the design reopens', async ({ app, page }) => {
  await page.keyboard.press('Control+k');
  await page.keyboard.type('client');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+C');
  const calc = page.getByRole('dialog', { name: 'Back-of-the-envelope' });
  // 5 billion users × 1,000 actions ÷ 86,400 × 3.456 = 2e8 at peak: twice what a client may send.
  await calc.getByLabel('Daily active users').fill('5000000000');
  await calc.getByLabel('Actions per user per day').fill('1000');
  await calc.getByLabel(/Peak factor/).fill('3.456');
  await expect(calc.getByRole('note')).toContainText('goes up to 100,000,000 req/s');
  await calc.getByRole('button', { name: /load to 100,000,000 req\/s/ }).click();
  await calc.getByRole('button', { name: 'Close' }).click();
  await app.waitSaved();
  await reload(app);
  expect((await app.design()).nodes[0].params.rps).toBe(1e8);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
