// An interview run, end to end: from a blank design, a pipeline built with the keyboard only,
// its simulated numbers, presentation mode and a share link; then the framework panel, the
// timer's phase plan and the back-of-the-envelope calculator.
import { test, expect, AppPage } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const kinds = (d: { nodes: { kind: string }[] }) => d.nodes.map((n) => n.kind);

test('a whole interview run with the keyboard only', async ({ app, page }) => {
  const kb = page.keyboard;
  expect((await app.design()).nodes).toEqual([]);

  // Each component is added after the selected one, connected from it, and then selected itself.
  for (const query of ['client', 'gateway', 'model server']) {
    await kb.press('Control+k');
    await expect(page.getByRole('combobox', { name: 'Command' })).toBeFocused();
    await kb.type(query);
    await kb.press('Enter');
    await expect(page.getByRole('combobox', { name: 'Command' })).toHaveCount(0);
  }
  const d = await app.design();
  expect(kinds(d)).toEqual(['client', 'api-gateway', 'model-server-cpu']);
  const [client, gateway, model] = d.nodes.map((n) => n.id);
  expect(d.edges.map((e) => [e.source, e.target])).toEqual([[client, gateway], [gateway, model]]);
  expect(await page.evaluate(() => [...(window as any).__app.editor.selectedNodes])).toEqual([model]);

  // Simulated as it was built: numbers in the model and in the components' accessible names.
  const report = await page.evaluate(() => JSON.parse(JSON.stringify((window as any).__app.simulation.report)));
  expect(report.stable).toBe(true);
  expect(report.nodes[model].utilization).toBeGreaterThan(0);
  expect(report.latencyMs.p99).toBeGreaterThan(0);
  await expect(app.node(model)).toHaveAttribute('aria-label', /^Model server \(CPU\), utilization \d+ %, p99 [\d.]+ ms/);

  // Components are focusable and Tab walks through them.
  await app.node(client).focus();
  await kb.press('Tab');
  await expect(app.node(gateway)).toBeFocused();
  await kb.press('Tab');
  await expect(app.node(model)).toBeFocused();
  await kb.press('Escape');

  // Presentation mode: only the canvas, larger text; Escape leaves it.
  const fontSize = () => app.node(model).locator('.component').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const normalSize = await fontSize();
  await kb.press('p');
  await expect(page.getByTestId('app')).toHaveClass(/presenting/);
  await expect(page.locator('.palette')).toBeHidden();
  await expect(page.locator('.toolbar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  expect(await fontSize()).toBeGreaterThan(normalSize);
  await kb.press('Escape');
  await expect(page.getByTestId('app')).not.toHaveClass(/presenting/);
  await expect(page.locator('.palette')).toBeVisible();

  // A share link, copied with the keyboard, opens the same pipeline.
  await kb.press('Control+k');
  await kb.type('copy link');
  await kb.press('Enter');
  const share = page.getByRole('dialog', { name: 'Share link' });
  const copy = share.getByRole('button', { name: 'Copy', exact: true });
  await expect(copy).toBeVisible();
  const focused = () => copy.evaluate((el) => el === document.activeElement);
  for (let i = 0; i < 4 && !(await focused()); i++) await kb.press('Tab');
  await expect(copy).toBeFocused();
  await kb.press('Enter');
  await expect(share.getByRole('status')).toContainText('Copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#/);
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.locator('.app.ready')).toBeVisible();
  await expect.poll(() => other.evaluate(() => (window as any).__app.editor.design.nodes.map((n: any) => n.kind))).toEqual(kinds(d));
});

test('the framework panel keeps a note per step, undone as one step', async ({ app, page }) => {
  await page.keyboard.press('Shift+F');
  const panel = page.getByRole('complementary', { name: 'Interview framework' });
  await expect(panel).toBeVisible();
  await expect(panel.locator('li[data-step]')).toHaveCount(7);
  const note = panel.getByRole('textbox', { name: /Clarify requirements/ });
  await note.click();
  await page.keyboard.type('10M DAU, p99 under 200 ms');
  await note.blur();
  expect((await app.design()).notes.requirements).toBe('10M DAU, p99 under 200 ms');
  // Typing many keys is one undo step: a single Undo empties the note.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(note).toHaveValue('');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(note).toHaveValue('10M DAU, p99 under 200 ms');
  // The inspector comes back with the tab or the same key.
  await panel.getByRole('tab', { name: 'Inspector' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
});

test('the timer follows the phase plan and highlights the current step', async ({ page }) => {
  await page.clock.install();
  const app = new AppPage(page);
  await app.open();
  await page.keyboard.press('Shift+F');
  const panel = page.getByRole('complementary', { name: 'Interview framework' });
  await page.keyboard.press('Shift+T');
  await expect(panel.locator('li.current')).toHaveAttribute('data-step', 'requirements');
  await page.clock.runFor(60_000);
  await expect(panel.getByTestId('step-time-left')).toHaveText('4:00');
  // 5 minutes of requirements, then framing.
  await page.clock.runFor(4 * 60_000 + 1000);
  await expect(panel.locator('li.current')).toHaveAttribute('data-step', 'framing');
  // Paused, the clock holds still.
  await page.keyboard.press('Shift+T');
  const held = await panel.getByTestId('step-time-left').textContent();
  await page.clock.runFor(120_000);
  await expect(panel.getByTestId('step-time-left')).toHaveText(held!);
  // A 90-minute interview doubles each step.
  await panel.getByRole('button', { name: 'Reset timer' }).click();
  await panel.getByRole('spinbutton', { name: 'Interview length in minutes' }).fill('90');
  await panel.getByRole('spinbutton', { name: 'Interview length in minutes' }).press('Enter');
  await expect(panel.locator('li[data-step="serving"] .minutes')).toHaveText('20 min');
  await expect(panel.getByTestId('step-time-left')).toHaveText('10:00');
});

test('the envelope calculator sets a client load in one undoable step', async ({ app, page }) => {
  await page.keyboard.press('Control+k');
  await page.keyboard.type('client');
  await page.keyboard.press('Enter');
  const client = (await app.design()).nodes[0].id;
  await page.keyboard.press('Shift+C');
  const calc = page.getByRole('dialog', { name: 'Back-of-the-envelope' });
  await calc.getByLabel('Daily active users').fill('30000000');
  await calc.getByLabel('Actions per user per day').fill('4');
  await calc.getByLabel(/Peak factor/).fill('2');
  await calc.getByLabel('Bytes stored per action').fill('1000');
  // 30M × 4 ÷ 86,400 = 1,389 average; × 2 = 2,778 at peak; 120 GB a day.
  await expect(calc.getByTestId('average-qps')).toHaveText('1,389');
  await expect(calc.getByTestId('peak-qps')).toHaveText('2,778');
  await expect(calc.getByTestId('storage-per-day')).toHaveText('120 GB');
  await calc.getByRole('button', { name: /Set Client app load to 2,778 req\/s/ }).click();
  expect((await app.design()).nodes[0].params.rps).toBe(2778);
  await calc.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Control+z');
  expect((await app.design()).nodes.find((n) => n.id === client)!.params.rps).toBe(1000);
});
