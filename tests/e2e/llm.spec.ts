import { test, expect } from './fixtures';

// A client into an LLM server, as a person draws it: the results show its token-level figures.
test('an LLM server shows TTFT, TPOT, end to end, tokens/s, GPUs and cost per million tokens', async ({ app, page }) => {
  await app.addByClick('client');
  const llm = await app.addByClick('llm-server');
  await expect.poll(async () => (await app.design()).edges.length).toBe(1);
  const panel = page.getByRole('region', { name: 'Simulation results' });
  await expect(panel.getByTestId('sim-status')).toHaveText('Stable');
  const toggle = panel.getByRole('button', { name: /Results/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const figures = page.getByRole('region', { name: 'LLM figures of LLM server' });
  await expect(figures).toContainText(/TTFT p50 \/ p99\s*[\d.]+ ms \/ [\d.]+ ms/);
  await expect(figures).toContainText(/TPOT\s*[\d.]+ ms/);
  await expect(figures).toContainText(/Tokens\/s\s*3\d\d\.\dk/);
  await expect(figures).toContainText(/GPUs\s*40/);
  await expect(figures).toContainText(/\$ \/ M tokens\s*\$0\.\d{3}/);
  await expect(app.node(llm).locator('.component')).toHaveClass(/level-green/);

  // The GPU planner: the fewest H100s for the client's 1,000 requests/s at TTFT p99 ≤ 60 ms.
  await figures.getByLabel('TTFT p99 target (ms)').fill('60');
  await figures.getByRole('button', { name: 'Plan GPUs' }).click();
  await expect(figures.getByTestId('llm-plan')).toContainText(/^30 GPUs \(30 × 1\) · TTFT p99 [\d.]+ ms · \$90\/h · \$65,481\/month/);
  await figures.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(async () => (await app.design()).nodes.find((n) => n.id === llm)?.params.replicas).toBe(30);
});
