import { test, expect } from './fixtures';

// A client calls a service that fails 30 % of what it serves, over a connection that tries up to
// three times: once the discrete-event refinement is in, the results say how many attempts a call
// took (1 + 0.3 + 0.09 = 1.39) and that 0.3³ = 2.7 % of requests still fail.
test('the results show what retries did: attempts per call and failures by cause', async ({ page, app }) => {
  await page.evaluate(() => {
    const { editor } = (window as any).__app;
    editor.load({
      format: 'mlsd-design', version: 1, name: 'Retries', notes: {},
      nodes: [
        { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 0 }, params: { rps: 200 } },
        { id: 'api', kind: 'app-service', label: 'Flaky API', position: { x: 300, y: 0 }, params: { replicas: 4, service: { dist: 'exponential', meanMs: 10 }, failureRate: 0.3 } },
      ],
      edges: [{ id: 'e', source: 'users', target: 'api', params: { mode: 'sync', retry: { maxAttempts: 3, baseMs: 5, jitter: 'full' } } }],
    });
  });
  await app.settle();
  const panel = page.getByRole('region', { name: 'Simulation results' });
  const toggle = panel.getByRole('button', { name: /Results/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const figures = page.getByTestId('resilience-figures');
  await expect(figures).toBeVisible({ timeout: 30_000 });
  const failed = await figures.locator('p').textContent();
  const share = Number(/([\d.]+) % failed at a component/.exec(failed ?? '')?.[1]);
  expect(share).toBeGreaterThan(2.2);
  expect(share).toBeLessThan(3.2);
  const row = figures.getByRole('row', { name: /Users → Flaky API/ });
  const attempts = Number(await row.locator('td').nth(1).textContent());
  expect(attempts).toBeGreaterThan(1.35);
  expect(attempts).toBeLessThan(1.43);
});
