import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

const results = (page: Page) => page.getByRole('region', { name: 'Simulation results' });

async function openTemplate(page: Page, name: string) {
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name }).click();
}

async function openResults(page: Page) {
  const toggle = results(page).getByRole('button', { name: /Results/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

const REFINED = /^refined · ±[\d.]+ ms$/;

test('a template shows the analytic figures at once, then refined ones with their intervals; an edit starts over', async ({ app, page }) => {
  await openTemplate(page, 'YouTube video search');
  const panel = results(page);
  const mode = panel.getByTestId('sim-mode');
  await expect(mode).toContainText('analytic (instant)');
  await expect(panel.getByTestId('sim-latency')).not.toContainText('±');

  // The discrete-event replications finish in the background and take over the figures.
  await expect(mode).toHaveText(REFINED, { timeout: 20_000 });
  await expect(mode).toHaveAttribute('title', /average of 8 independent runs of [\d,]+ requests; ± is the 95 % confidence interval of the p99/);
  await expect(panel.getByTestId('sim-latency')).toHaveText(/^mean [\d.]+ ms · p50 [\d.]+ ms · p95 [\d.]+ ms · p99 [\d.]+ ms ±[\d.]+ ms$/);
  await openResults(page);
  // The SLO verdict follows, with the interval of its p99.
  await expect(panel.getByTestId('slo-how')).toHaveText('refined');
  await expect(panel.getByTestId('slo-verdict')).toContainText(/p99 [\d.]+ ms ±[\d.]+ ms at 10,000 rps/);
  // The table and the canvas carry the intervals too.
  const table = page.getByRole('table', { name: 'Per-component results' });
  await expect(table.locator('tbody tr').first().locator('td').nth(6)).toContainText('±');
  await expect(app.node('venc').getByTestId('p99-badge')).toHaveAttribute('title', /p99 ±[\d.]+ ms: refined/);
  await page.screenshot({ path: 'test-results/refined.png' });

  // An edit of what the simulator reads: the instant figures again, then refined ones for it.
  await app.node('venc').click();
  const replicas = page.getByLabel('Replicas', { exact: true });
  await replicas.fill('12');
  await replicas.press('Enter');
  await expect(mode).toContainText('analytic (instant)');
  await expect(panel.getByTestId('slo-how')).toHaveText('analytic');
  await expect(mode).toHaveText(REFINED, { timeout: 20_000 });
  await expect(panel.getByTestId('slo-how')).toHaveText('refined');
});

test('a design near capacity says its figures are uncertain and why', async ({ app, page }) => {
  const client = await app.addByClick('client');
  const server = await app.addByClick('model-server-cpu'); // 2 × 8 servers at 6 ms: 2,667 rps at most
  await expect.poll(async () => (await app.design()).edges.length).toBe(1);
  const panel = results(page);
  await expect(panel.getByTestId('sim-uncertain')).toHaveCount(0);

  await app.node(client).click();
  const load = page.getByLabel('Load (requests/s)', { exact: true });
  await load.fill('2600'); // ρ = 0.975
  await load.press('Enter');
  const note = panel.getByTestId('sim-uncertain');
  await expect(note).toHaveText('figures uncertain — near capacity (Model server (CPU) at 98 %): queueing times vary widely between runs');
  // Refined or not, the note stays while the component is that busy.
  await expect(panel.getByTestId('sim-mode')).toHaveText(REFINED, { timeout: 20_000 });
  await expect(note).toBeVisible();
  await expect(app.node(server).getByTestId('p99-badge')).toHaveAttribute('title', /refined/);
  await page.screenshot({ path: 'test-results/near-capacity.png' });
});

test('approximate analytic figures say so, with the expected error, until the refined ones replace them', async ({ app, page }) => {
  const client = await app.addByClick('client');
  await app.addByClick('model-server-gpu'); // dynamic batching: outside the analytic accuracy goal
  await expect.poll(async () => (await app.design()).edges.length).toBe(1);
  await app.node(client).click();
  const load = page.getByLabel('Load (requests/s)', { exact: true });
  await load.fill('300');
  await load.press('Enter');

  const panel = results(page);
  const note = panel.getByTestId('sim-approximate');
  await expect(note).toHaveText(/^approximate \(dynamic batching\): expected error up to ±\d+ % — refining…$/);
  await expect(note).toHaveAttribute('title', /refined figures replace them/);
  await expect(panel.getByTestId('sim-latency')).toHaveText(/^mean ≈[\d.]+ ms · p50 ≈[\d.]+ ms · p95 ≈[\d.]+ ms · p99 ≈[\d.]+ ms$/);
  await page.screenshot({ path: 'test-results/approximate.png' });

  // The discrete-event figures carry their own intervals: the note and the "≈" go.
  await expect(panel.getByTestId('sim-mode')).toHaveText(REFINED, { timeout: 20_000 });
  await expect(note).toHaveCount(0);
  await expect(panel.getByTestId('sim-latency')).not.toContainText('≈');
});

test('a large design gets its figures from the analytic worker and says why it is not refined', async ({ app, page }) => {
  await page.evaluate(() => {
    const nodes = [{ id: 'c0', kind: 'client', position: { x: 0, y: 0 }, params: { rps: 50 } }];
    const edges = [];
    for (let i = 1; i <= 400; i++) {
      nodes.push({ id: `c${i}`, kind: 'cache', position: { x: 220 * (i % 20), y: 100 * Math.floor(i / 20) }, params: {} as never });
      edges.push({ id: `e${i}`, source: `c${i - 1}`, target: `c${i}`, params: { mode: 'sync' } });
    }
    (window as any).__app.editor.load({ format: 'mlsd-design', version: 1, name: 'Long chain', notes: {}, nodes, edges });
  });
  const panel = results(page);
  await expect(panel.getByTestId('sim-status')).toHaveText('Stable', { timeout: 20_000 });
  await expect(panel.getByTestId('sim-throughput')).toHaveText('50.0 rps');
  await expect(panel.getByTestId('sim-pending')).toHaveCount(0);
  const mode = panel.getByTestId('sim-mode');
  await expect(mode).toHaveText('analytic (instant) · not refined');
  await expect(mode).toHaveAttribute('title', /too large to refine in the background/);
  await expect(app.node('c400')).toBeAttached();
});
