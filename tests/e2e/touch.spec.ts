import { test, expect } from './fixtures';

// A tablet in landscape: 1,024 px wide, touch only.
test.use({ hasTouch: true, viewport: { width: 1024, height: 768 } });

test('tap to add, tap one handle then another to connect', async ({ app, page }) => {
  await app.paletteItem('client').tap();
  await app.clearSelection();
  await app.paletteItem('model-server-cpu').tap();
  const d = await app.design();
  expect(d.nodes.map((n) => n.kind)).toEqual(['client', 'model-server-cpu']);
  const [client, server] = d.nodes.map((n) => n.id);
  // Both components, the palette and the inspector fit side by side at this width.
  for (const id of [client, server]) await expect(app.node(id)).toBeInViewport();
  await expect(page.locator('aside.palette')).toBeInViewport();
  await expect(page.locator('aside.inspector')).toBeInViewport();

  await app.settle();
  await app.node(client).locator('.svelte-flow__handle.source').tap();
  await app.node(server).locator('.svelte-flow__handle.target').tap();
  await expect.poll(async () => (await app.design()).edges.map((e) => [e.source, e.target])).toEqual([[client, server]]);
});

test('handles are large enough to hit with a finger', async ({ app, page }) => {
  await app.paletteItem('cache').tap();
  const id = (await app.design()).nodes[0].id;
  const box = await app.node(id).locator('.svelte-flow__handle.source').boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(16);
  expect(box!.height).toBeGreaterThanOrEqual(16);
  await expect(page.locator('body')).not.toHaveCSS('overflow-x', 'scroll');
});
