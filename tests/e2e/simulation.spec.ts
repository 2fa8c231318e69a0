import { test, expect, type AppPage } from './fixtures';
import type { Page } from '@playwright/test';

/** Draws a client calling a CPU model server (2 replicas × 8 at 6 ms: about 2,667 rps at most). */
async function clientToModelServer(app: AppPage) {
  const client = await app.addByClick('client');
  const server = await app.addByClick('model-server-cpu'); // added connected from the selected client
  await expect.poll(async () => (await app.design()).edges.map((e) => [e.source, e.target])).toEqual([[client, server]]);
  return { client, server };
}

async function setParam(app: AppPage, page: Page, id: string, label: string, value: string) {
  await app.node(id).click();
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

const results = (page: Page) => page.getByRole('region', { name: 'Simulation results' });

async function openResults(page: Page) {
  const toggle = results(page).getByRole('button', { name: /Results/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

test('the numbers of a drawn design, and a component turning red past its capacity', async ({ app, page }) => {
  const { client, server } = await clientToModelServer(app);
  const panel = results(page);
  await expect(panel.getByTestId('sim-status')).toHaveText('Stable');
  // Analytic at first, then refined in the background: the same within a few parts per thousand.
  await expect(panel.getByTestId('sim-throughput')).toHaveText(/^(99\d|1,00\d) rps$/);
  await expect(panel.getByTestId('sim-latency')).toContainText(/mean [\d.]+ ms · p50 [\d.]+ ms · p95 [\d.]+ ms · p99 [\d.]+ ms/);
  await expect(panel.getByTestId('sim-max')).toHaveText('max 2,667 rps');
  await expect(panel.getByTestId('sim-bottleneck')).toHaveText('Model server (CPU)');
  await expect(panel.getByTestId('sim-errors')).toHaveText('errors 0 %');

  // On the canvas: a green server with its p99, and a pipe labelled with its mode and rate.
  await expect(app.node(server).locator('.component')).toHaveClass(/level-green/);
  await expect(app.node(server).getByTestId('p99-badge')).toContainText(/3[78]%\s*p99 [\d.]+ ms/);
  await expect(page.locator('.pipe-label')).toHaveText(/^sync · (1\.0k|99\d) rps$/);

  // The per-component table, sortable.
  await openResults(page);
  const table = page.getByRole('table', { name: 'Per-component results' });
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr td').nth(2)).toHaveText(/^3[78] %$/);
  await table.getByRole('button', { name: 'Arrivals (requests/s)' }).click();
  await expect(table.locator('th').nth(1)).toHaveAttribute('aria-sort', 'descending');

  await setParam(app, page, client, 'Load (requests/s)', '2200');
  await expect(app.node(server).locator('.component')).toHaveClass(/level-amber/);
  await setParam(app, page, client, 'Load (requests/s)', '3000');
  await expect(app.node(server).locator('.component')).toHaveClass(/level-red/);
  await expect(app.node(server).getByTestId('p99-badge')).toHaveText('overload');
  await expect(panel.getByTestId('sim-status')).toHaveText('Unstable: overloaded Model server (CPU)');
  // No finite latency that looks fine.
  await expect(panel.getByTestId('sim-latency')).toHaveText(/unbounded/);
  await expect(table.locator('tbody tr td').nth(6)).toHaveText('∞');
});

test('an SLO turns the design red, the capacity plan turns it green, and one undo reverts it', async ({ app, page }) => {
  const { server } = await clientToModelServer(app);
  await openResults(page);
  const panel = results(page);
  await expect(panel.getByTestId('monthly-cost')).toHaveText('Monthly cost ≈ $560');

  await panel.getByLabel('SLO p99 target (ms)').fill('40');
  await panel.getByLabel('SLO p99 target (ms)').press('Enter');
  await panel.getByLabel('SLO load (rps)').fill('5000');
  await panel.getByLabel('SLO load (rps)').press('Enter');
  await expect.poll(async () => (await app.design()).slo).toEqual({ p99Ms: 40, rps: 5000 });
  await expect(panel.getByTestId('slo-verdict')).toContainText('Misses');
  await expect(panel.getByTestId('slo-chip')).toHaveText('SLO missed');
  await expect(page.locator('.canvas-box')).toHaveAttribute('data-slo', 'missed');

  await panel.getByRole('button', { name: 'Plan capacity' }).click();
  await expect(panel.getByTestId('capacity-plan')).toContainText(/Model server \(CPU\): 2 → \d+ replicas/);
  await panel.getByRole('button', { name: 'Apply plan' }).click();
  await expect(panel.getByTestId('slo-verdict')).toContainText('Meets');
  await expect(page.locator('.canvas-box')).toHaveAttribute('data-slo', 'met');
  const planned = (await app.design()).nodes.find((n) => n.id === server)!.params.replicas as number;
  expect(planned).toBeGreaterThan(2);
  await expect(panel.getByTestId('monthly-cost')).toHaveText(`Monthly cost ≈ $${(planned * 280).toLocaleString('en-US')}`);

  await app.pane().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  expect((await app.design()).nodes.find((n) => n.id === server)!.params.replicas).toBe(2);
  await expect(page.locator('.canvas-box')).toHaveAttribute('data-slo', 'missed');
  expect((await app.design()).slo).toEqual({ p99Ms: 40, rps: 5000 });
});

test('the load sweep draws latency against load', async ({ app, page }) => {
  await clientToModelServer(app);
  await openResults(page);
  await expect(page.getByTestId('load-sweep').locator('svg')).toBeVisible();
  await expect(page.getByTestId('load-sweep').locator('path').first()).toBeAttached();
});

test('a discrete-event run shows progress, can be cancelled, and ends in a histogram', async ({ app, page }) => {
  const { client } = await clientToModelServer(app);
  await openResults(page);
  const panel = results(page);
  await panel.getByLabel('Requests to simulate').fill('5000000');
  await panel.getByRole('button', { name: '▶ Run' }).click();
  await expect(panel.getByTestId('des-progress')).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByTestId('des-progress')).toHaveCount(0);
  // Back to the figures shown before the run: instant or, once refined, the background's.
  await expect(panel.locator('.mode')).toHaveText(/^(analytic \(instant\)|refined)/);

  await panel.getByLabel('Requests to simulate').fill('300000');
  await panel.getByLabel('Random seed').fill('7');
  await panel.getByRole('button', { name: '▶ Run' }).click();
  await expect(panel.locator('.mode')).toHaveText('discrete-event, 300,000 requests, seed 7', { timeout: 30_000 });
  await expect(page.getByTestId('histogram').locator('svg')).toBeVisible();
  await expect(panel.getByTestId('sim-throughput')).toContainText('rps');

  // Any change to what the simulator reads drops the run's result.
  await setParam(app, page, client, 'Load (requests/s)', '1200');
  await expect(panel.locator('.mode')).toContainText('analytic (instant)');
  await expect(panel.getByText('The design changed since the last run')).toBeVisible();
});

test('a gateway past its queue limit says how much it rejects, with no NaN or ∞ anywhere', async ({ app, page }) => {
  const client = await app.addByClick('client');
  const gateway = await app.addByClick('api-gateway'); // 50 × 5.1 ms, queue limit 5,000: about 9,804 rps
  await expect.poll(async () => (await app.design()).edges.map((e) => [e.source, e.target])).toEqual([[client, gateway]]);
  await setParam(app, page, client, 'Load (requests/s)', '20000');

  const panel = results(page);
  await openResults(page);
  await expect(panel.getByTestId('sim-status')).toHaveText('Overloaded: API gateway — 51 % rejected');
  await expect(panel.getByTestId('sim-throughput')).toHaveText('9,804 rps'); // what completes
  await expect(panel.getByTestId('sim-latency')).toHaveText(/^mean 5\d\d ms · p50 5\d\d ms · p95 5\d\d ms · p99 5\d\d ms$/); // a full queue of 5,000
  await expect(panel.getByTestId('sim-errors')).toHaveText('errors 51 %');
  await expect(panel.getByTestId('sim-max')).toHaveText('max 9,804 rps');
  await expect(app.node(gateway).getByTestId('p99-badge')).toHaveText('overloaded 51 % rejected');
  await expect(app.node(gateway).locator('.component')).toHaveClass(/level-red/);
  await expect(page.locator('.pipe-label')).toHaveText('sync · 20k rps');
  const table = page.getByRole('table', { name: 'Per-component results' });
  await expect(table.locator('tbody tr td').nth(3)).toHaveText('51 %');

  for (const shown of [panel, page.locator('.svelte-flow')]) {
    const text = await shown.innerText();
    expect(text).not.toMatch(/NaN|∞|Infinity|undefined/);
  }

  // The maximum belongs to the design: the same at a load the gateway can take.
  await setParam(app, page, client, 'Load (requests/s)', '500');
  await expect(panel.getByTestId('sim-status')).toHaveText('Stable');
  await expect(panel.getByTestId('sim-max')).toHaveText('max 9,804 rps');
  // At 5 % busy it limits the maximum, but is no bottleneck worth a tag.
  await expect(app.node(gateway).locator('.tag')).toHaveCount(0);
});

test('a design with no load says so instead of showing infinite latencies', async ({ app, page }) => {
  await app.addByClick('model-server-cpu');
  const panel = results(page);
  await expect(panel.getByTestId('sim-status')).toHaveText('No load');
  await expect(panel.getByTestId('sim-latency')).toContainText('no load');
  await openResults(page);
  await expect(panel.getByTestId('no-load')).toBeVisible();
  expect(await panel.innerText()).not.toMatch(/NaN|∞/);
});
