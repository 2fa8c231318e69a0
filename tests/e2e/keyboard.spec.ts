// The keyboard alone: a design built, connected back to a component already there, its
// connections edited, and the focus and the view following what was added; F6 moves between
// the page's areas so Tab never walks the toolbar and palette to reach a component.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Ctrl+K, a query, Enter: one palette choice. */
async function palette(page: Page, query: string) {
  const box = page.getByRole('combobox', { name: 'Command' });
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await expect(box).toHaveCount(0);
}

const focusedNodeId = (page: Page) => page.evaluate(() => document.activeElement?.closest('.svelte-flow__node')?.getAttribute('data-id') ?? null);
const selected = (page: Page) => page.evaluate(() => [...(window as any).__app.editor.selectedNodes]);

test('a four-component design with a connection back to one already there, from the keyboard only', async ({ app, page }) => {
  for (const q of ['client', 'gateway', 'model server']) await palette(page, q);
  let d = await app.design();
  const [client, gateway, model] = d.nodes.map((n) => n.id);
  // The focus is on the component just added, not on the page.
  await expect.poll(() => focusedNodeId(page)).toBe(model);

  // Back to the gateway by name, a cache after it, then the cache connected to the model server.
  await palette(page, 'go gateway');
  await expect.poll(() => selected(page)).toEqual([gateway]);
  await expect.poll(() => focusedNodeId(page)).toBe(gateway);
  await palette(page, 'cache');
  d = await app.design();
  const cache = d.nodes[3].id;
  await expect.poll(() => focusedNodeId(page)).toBe(cache);
  await palette(page, 'connect model');

  d = await app.design();
  expect(d.nodes.map((n) => n.kind)).toEqual(['client', 'api-gateway', 'model-server-cpu', 'cache']);
  expect(d.edges.map((e) => [e.source, e.target])).toEqual([[client, gateway], [gateway, model], [gateway, cache], [cache, model]]);

  // A connection's mode, by name; then Enter on it reaches its fields in the inspector.
  const mode = d.edges[3].params.mode === 'offline' ? 'async' : 'offline';
  await palette(page, `connection cache model ${mode}`);
  expect((await app.design()).edges[3].params.mode).toBe(mode);
  await palette(page, 'go connection cache model');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Mode' })).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Mode' })).toHaveValue(mode);
});

test('the view follows a component added outside it', async ({ app, page }) => {
  await palette(page, 'client');
  const client = (await app.design()).nodes[0].id;
  // Close in on the client at its left edge: the next component, added to its right, lands outside.
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: 0, y: 0, zoom: 2.5 }));
  await page.evaluate((id) => (window as any).__app.editor.select([id]), client);
  await palette(page, 'kafka');
  const kafka = (await app.design()).nodes[1].id;
  const canvas = (await page.locator('.canvas').boundingBox())!;
  await expect(async () => {
    const b = (await app.node(kafka).boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(canvas.x);
    expect(b.x + b.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(b.y).toBeGreaterThanOrEqual(canvas.y);
    expect(b.y + b.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  }).toPass();
  await expect.poll(() => focusedNodeId(page)).toBe(kafka);
});

test('F6 and Shift+F6 move the focus between the toolbar, the components, the canvas, the inspector and the results', async ({ app, page }) => {
  await palette(page, 'client');
  const client = (await app.design()).nodes[0].id;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const area = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (el?.closest('[role="application"]')) return 'canvas';
      return el?.closest('header.toolbar, aside, section.results')?.className.split(' ')[0] ?? null;
    });
  const order = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('F6');
    order.push(await area());
  }
  expect(order).toEqual(['toolbar', 'palette', 'canvas', 'inspector', 'results']);
  await page.keyboard.press('F6');
  expect(await area()).toBe('toolbar');
  await page.keyboard.press('Shift+F6');
  expect(await area()).toBe('results');

  // From the components' filter field (typing there), F6 still reaches the canvas, on the selected component.
  await page.getByRole('searchbox', { name: 'Filter components' }).focus();
  await page.keyboard.press('F6');
  await expect.poll(() => focusedNodeId(page)).toBe(client);
  // Arrows there move it once, by the nudge step (the canvas's own arrow moves do not add to it).
  const x0 = (await app.design()).nodes[0].position.x;
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await app.design()).nodes[0].position.x).toBe(x0 + 10);
  // Enter there edits it: the inspector's first field, its label.
  await page.keyboard.press('Enter');
  await expect(page.locator('#node-label')).toBeFocused();
});

