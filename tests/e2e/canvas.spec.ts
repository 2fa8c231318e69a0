import { test, expect } from './fixtures';
import { countInRect, decodePng, hexRgb } from '../unit/persistence/picture-check';

test('drag a component from the palette onto the canvas', async ({ app, page }) => {
  const pane = app.pane();
  const box = (await pane.boundingBox())!;
  await app.paletteItem('cache').dragTo(pane, { targetPosition: { x: box.width / 2, y: box.height / 2 } });
  const design = await app.design();
  expect(design.nodes.map((n) => n.kind)).toEqual(['cache']);
  const node = app.node(design.nodes[0].id);
  await expect(node).toBeVisible();
  // It lands where it was dropped: its centre within a few pixels of the cursor.
  const nb = (await node.boundingBox())!;
  expect(Math.abs(nb.x + nb.width / 2 - (box.x + box.width / 2))).toBeLessThan(12);
  expect(Math.abs(nb.y + nb.height / 2 - (box.y + box.height / 2))).toBeLessThan(12);
});

test('connect two components, edit a parameter, undo and redo', async ({ app, page }) => {
  const a = await app.addByClick('client');
  await app.clearSelection();
  const b = await app.addByClick('cache');
  // Move b to the right of a so the handles are apart.
  await page.evaluate(([id]) => (window as any).__app.editor.dispatch((d: any) => ({ ...d, nodes: d.nodes.map((n: any) => (n.id === id ? { ...n, position: { x: n.position.x + 320, y: n.position.y - 60 } } : n)) })), [b]);
  await app.connect(a, b);
  await expect.poll(async () => (await app.design()).edges.map((e) => [e.source, e.target])).toEqual([[a, b]]);

  await app.node(b).click();
  const replicas = page.getByLabel('Replicas', { exact: true });
  await replicas.fill('7');
  await replicas.press('Enter');
  await expect.poll(async () => (await app.design()).nodes.find((n) => n.id === b)!.params.replicas).toBe(7);

  // An impossible value is refused with a message and changes nothing.
  await replicas.fill('-3');
  await replicas.press('Enter');
  await expect(page.getByRole('alert')).toContainText(/between/);
  expect((await app.design()).nodes.find((n) => n.id === b)!.params.replicas).toBe(7);

  await app.pane().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  expect((await app.design()).nodes.find((n) => n.id === b)!.params.replicas).not.toBe(7);
  await page.keyboard.press('Control+Shift+z');
  expect((await app.design()).nodes.find((n) => n.id === b)!.params.replicas).toBe(7);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  expect((await app.design()).edges).toEqual([]);
});

test('a whole drag is one undo step', async ({ app, page }) => {
  const id = await app.addByClick('kafka');
  const start = (await app.design()).nodes[0].position;
  const nb = (await app.node(id).boundingBox())!;
  await page.mouse.move(nb.x + 40, nb.y + 20);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(nb.x + 40 + i * 20, nb.y + 20 + i * 5);
  await page.mouse.up();
  const moved = (await app.design()).nodes[0].position;
  expect(moved.x - start.x).toBeGreaterThan(100);
  await page.keyboard.press('Control+z');
  expect((await app.design()).nodes[0].position).toEqual(start);
});

test('keyboard: select all, duplicate, copy/paste, delete, nudge', async ({ app, page }) => {
  await app.addByClick('client');
  await app.addByClick('cache');
  await app.pane().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+d');
  expect((await app.design()).nodes).toHaveLength(4);
  expect((await app.design()).edges).toHaveLength(2);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect.poll(async () => (await app.design()).nodes.length).toBe(6);
  const before = (await app.design()).nodes.at(-1)!.position;
  await page.keyboard.press('ArrowRight');
  expect((await app.design()).nodes.at(-1)!.position.x).toBe(before.x + 10);
  await page.keyboard.press('Delete');
  expect((await app.design()).nodes).toHaveLength(4);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Duplicate');
});

test('a frame carries its members', async ({ app, page }) => {
  const a = await app.addByClick('model-server-cpu');
  await page.keyboard.press('Control+g');
  const d = await app.design();
  const frame = d.nodes.find((n) => n.kind === 'group')!;
  expect(d.nodes.find((n) => n.id === a)!.parentId).toBe(frame.id);
  const fb = (await app.node(frame.id).boundingBox())!;
  const before = (await app.node(a).boundingBox())!;
  // Grab the frame by its title bar, away from the resize handles on its border.
  await page.mouse.move(fb.x + fb.width / 2, fb.y + 18);
  await page.mouse.down();
  await page.mouse.move(fb.x + fb.width / 2 + 60, fb.y + 58, { steps: 5 });
  await page.mouse.up();
  const after = (await app.node(a).boundingBox())!;
  // The member moved with its frame, on screen and in the model (where it stays relative to it).
  expect(after.x - before.x).toBeGreaterThan(30);
  const moved = await app.design();
  expect(moved.nodes.find((n) => n.id === a)!.position).toEqual(d.nodes.find((n) => n.id === a)!.position);
  expect(moved.nodes.find((n) => n.id === frame.id)!.position.x).toBeGreaterThan(frame.position.x);
});

test('selecting and dragging a component leaves every other connection drawn as it was', async ({ app, page }) => {
  // A chain of five components: a drag of the middle one should touch only its own two pipes.
  await page.evaluate(() => {
    const nodes = Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, kind: 'cache', position: { x: i * 260, y: 100 }, params: {} }));
    const edges = nodes.slice(1).map((n, i) => ({ id: `p${i}`, source: `c${i}`, target: n.id, params: { mode: 'sync' } }));
    (window as any).__app.editor.load({ format: 'mlsd-design', version: 1, name: 'Chain', nodes, edges, notes: {} });
  });
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(4);
  // Count the edge elements xyflow throws away and makes again.
  await page.evaluate(() => {
    (window as any).__redrawn = 0;
    new MutationObserver((ms) => {
      for (const m of ms) (window as any).__redrawn += m.removedNodes.length;
    }).observe(document.querySelector('.svelte-flow__edges')!, { childList: true });
  });
  const nb = (await app.node('c2').boundingBox())!;
  await page.mouse.move(nb.x + nb.width / 2, nb.y + nb.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(nb.x + nb.width / 2 + i * 10, nb.y + nb.height / 2 + i * 8);
  await page.mouse.up();
  await expect.poll(async () => (await app.design()).nodes.find((n) => n.id === 'c2')!.position.y).toBeGreaterThan(120);
  expect(await page.evaluate(() => (window as any).__redrawn)).toBe(0);
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(4);
});

test('arrowheads keep one size on thin and busy pipes, in the colour of their pipe', async ({ app, page }) => {
  await page.evaluate(() => {
    const nodes = [
      { id: 'src', kind: 'client', position: { x: 0, y: 0 }, params: { rps: 1000, dispatch: 'one' } },
      { id: 'a', kind: 'cache', position: { x: 320, y: -120 }, params: {} },
      { id: 'b', kind: 'cache', position: { x: 320, y: 120 }, params: {} },
    ];
    const edges = [
      { id: 'busy', source: 'src', target: 'a', params: { mode: 'sync', weight: 20 } },
      { id: 'thin', source: 'src', target: 'b', params: { mode: 'async', weight: 1 } },
    ];
    (window as any).__app.editor.load({ format: 'mlsd-design', version: 1, name: 'Pipes', nodes, edges, notes: {} });
  });
  const line = (id: string) => page.locator(`.svelte-flow__edge[data-id="${id}"] .pipe-line`);
  const arrow = (id: string) => page.locator(`.svelte-flow__edge[data-id="${id}"] .pipe-arrow`);
  await expect.poll(async () => parseFloat(await line('busy').evaluate((el) => getComputedStyle(el).strokeWidth))).toBeGreaterThan(4);
  expect(parseFloat(await line('thin').evaluate((el) => getComputedStyle(el).strokeWidth))).toBeLessThan(3);
  const size = (id: string) => arrow(id).evaluate((el) => { const b = (el as SVGGraphicsElement).getBBox(); return [Math.round(b.width), Math.round(b.height)]; });
  expect(await size('busy')).toEqual(await size('thin'));
  const colours = (id: string) => Promise.all([line(id).evaluate((el) => getComputedStyle(el).stroke), arrow(id).evaluate((el) => getComputedStyle(el).fill)]);
  const [stroke, fill] = await colours('busy');
  expect(fill).toBe(stroke);
  // Async pipes are dashed; sync ones are not.
  expect(await line('thin').evaluate((el) => getComputedStyle(el).strokeDasharray)).not.toBe('none');
  expect(await line('busy').evaluate((el) => getComputedStyle(el).strokeDasharray)).toBe('none');
});

test('a large design opens zoomed far out without drawing icons there, and zooming in brings them', async ({ app, page }) => {
  const n = 600;
  const design = {
    format: 'mlsd-design', version: 1, name: 'Large', notes: {},
    nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: 'cache', label: `Node ${i}`, position: { x: (i % 30) * 240, y: Math.floor(i / 30) * 110 }, params: {} })),
    edges: [],
  };
  await page.evaluate((d) => (window as any).__app.editor.load(d), design);
  await page.evaluate(() => (window as any).__app.canvas.fitView(0));
  await expect(page.locator('.svelte-flow__node')).toHaveCount(n);
  await expect(page.locator('.svelte-flow__node .icon')).toHaveCount(0);
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: 0, y: 0, zoom: 1 }));
  await expect(page.locator('.svelte-flow__node[data-id="n0"] .icon')).toHaveCount(1);
  await expect(page.locator('.svelte-flow__node .icon')).toHaveCount(n);
});

test('zoomed far out, a component is filled with its level, so green and red still read', async ({ app, page }) => {
  // Two sources of 1 and 100 rps, each into a one-replica model server of 10 rps capacity.
  const design = {
    format: 'mlsd-design', version: 1, name: 'Levels', notes: {},
    nodes: [
      { id: 'calm', kind: 'client', label: 'Calm', position: { x: 0, y: 0 }, params: { rps: 1 } },
      { id: 'ok', kind: 'model-server-cpu', label: 'Fine', position: { x: 300, y: 0 }, params: { replicas: 1, service: { dist: 'exponential', meanMs: 100 } } },
      { id: 'busy', kind: 'client', label: 'Busy', position: { x: 0, y: 200 }, params: { rps: 100 } },
      { id: 'hot', kind: 'model-server-cpu', label: 'Overrun', position: { x: 300, y: 200 }, params: { replicas: 1, service: { dist: 'exponential', meanMs: 100 } } },
    ],
    edges: [
      { id: 'e1', source: 'calm', target: 'ok', params: { mode: 'sync' } },
      { id: 'e2', source: 'busy', target: 'hot', params: { mode: 'sync' } },
    ],
  };
  await page.evaluate((d) => (window as any).__app.editor.load(d), design);
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: 40, y: 40, zoom: 0.3 }));
  await expect(app.node('ok').locator('.component')).toHaveClass(/level-green/);
  await expect(app.node('hot').locator('.component')).toHaveClass(/level-red/);
  await app.settle();
  // What is on the screen: most of each box, right of its label, in its level's fill.
  const fill = async (id: string, colour: string) => {
    const box = (await app.node(id).boundingBox())!;
    const pixels = decodePng(await page.screenshot({ clip: box }));
    const [w, h] = [pixels.width, pixels.height];
    const area = Math.floor(w / 2) * Math.floor(h / 2);
    return countInRect(pixels, w / 2, h / 4, w / 2 - 2, h / 2, hexRgb(colour), 12) / area;
  };
  expect(await fill('ok', '#ddf2e3')).toBeGreaterThan(0.6);
  expect(await fill('hot', '#fde7e8')).toBeGreaterThan(0.6);
  expect(await fill('hot', '#ddf2e3')).toBeLessThan(0.05);
  // Close up, the border and the stripe carry the level and the box is plain again.
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: 40, y: 40, zoom: 1 }));
  await app.settle();
  expect(await fill('ok', '#ddf2e3')).toBeLessThan(0.05);
});

test('components added while zoomed far out get pipes that meet their handles', async ({ app, page }) => {
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: 300, y: 300, zoom: 0.3 }));
  const a = await app.addByClick('client');
  const b = await app.addByClick('cache');
  await expect.poll(async () => (await app.design()).edges.map((e) => [e.source, e.target])).toEqual([[a, b]]);
  await expect.poll(() => page.evaluate(() => (window as any).__app.canvas.getViewport().zoom)).toBeLessThan(0.45);
  await app.settle();
  // The pipe's two ends on the screen, against the middle of the source's right side and of the target's left.
  const ends = await page.evaluate(() => {
    const path = document.querySelector('.svelte-flow__edge .pipe-line') as SVGPathElement;
    const m = path.getScreenCTM()!;
    const at = (l: number) => {
      const p = path.getPointAtLength(l);
      return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
    };
    return [at(0), at(path.getTotalLength())];
  });
  const [sb, tb] = [(await app.node(a).boundingBox())!, (await app.node(b).boundingBox())!];
  expect(Math.abs(ends[0].x - (sb.x + sb.width))).toBeLessThan(4);
  expect(Math.abs(ends[0].y - (sb.y + sb.height / 2))).toBeLessThan(4);
  // The line stops at the arrowhead's base, a few pixels before the target's side at this zoom.
  expect(Math.abs(ends[1].x - tb.x)).toBeLessThan(6);
  expect(Math.abs(ends[1].y - (tb.y + tb.height / 2))).toBeLessThan(4);
});

test('a large design opens at a readable zoom on its source, draws only what is in view, and pipes meet their handles', async ({ app, page }) => {
  // 1,600 components on a grid, chained; the one source sits at the left, halfway down.
  const n = 1600;
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: i === 400 ? 'client' : 'cache', label: `Node ${i}`,
    position: { x: (i % 40) * 240, y: Math.floor(i / 40) * 110 }, params: i === 400 ? { rps: 50 } : {},
  }));
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: `n${i}`, target: node.id, params: { mode: 'sync' } }));
  const file = { format: 'mlsd-design', version: 1, name: 'Large', nodes, edges, notes: {} };
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Share and export' }).click();
  await page.getByRole('menuitem', { name: 'Import design file' }).click();
  await (await chooser).setFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });

  await expect.poll(async () => (await app.design()).nodes.length).toBe(n);
  const source = app.node('n400');
  await expect(source).toBeVisible();
  await app.settle();
  expect((await page.evaluate(() => (window as any).__app.canvas.getViewport())).zoom).toBe(0.75);
  const pane = (await app.pane().boundingBox())!;
  const box = (await source.boundingBox())!;
  expect(box.x - pane.x).toBeGreaterThan(20);
  expect(box.x - pane.x).toBeLessThan(80);
  expect(Math.abs(box.y + box.height / 2 - (pane.y + pane.height / 2))).toBeLessThan(30);
  const drawn = await page.locator('.svelte-flow__node').count();
  expect(drawn).toBeGreaterThan(10);
  expect(drawn).toBeLessThan(n / 4);

  // Nodes drawn straight from their declared size and handles: each pipe starts on its source's
  // right handle and ends (its arrowhead's tip) on its target's left handle, also once the canvas
  // has taken new objects for both (here, selected).
  await page.evaluate(() => (window as any).__app.editor.select(['n400', 'n401'], []));
  await expect(source).toHaveClass(/selected/);
  await app.settle();
  const ends = await page.evaluate(() => {
    const v = (window as any).__app.canvas.getViewport();
    const paneBox = document.querySelector('.svelte-flow__pane')!.getBoundingClientRect();
    const toFlow = (x: number, y: number) => ({ x: (x - paneBox.left - v.x) / v.zoom, y: (y - paneBox.top - v.y) / v.zoom });
    const handle = (id: string, kind: string) => document.querySelector(`.svelte-flow__node[data-id="${id}"] .svelte-flow__handle.${kind}`)!.getBoundingClientRect();
    const s = handle('n400', 'source');
    const t = handle('n401', 'target');
    const line = document.querySelector('.svelte-flow__edge[data-id="e400"] path.pipe-line')!.getAttribute('d')!;
    const tip = document.querySelector('.svelte-flow__edge[data-id="e400"] path.pipe-arrow')!.getAttribute('d')!;
    const nums = (d: string) => d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    return { start: nums(line).slice(0, 2), tip: nums(tip).slice(2, 4), source: toFlow(s.right, s.top + s.height / 2), target: toFlow(t.left, t.top + t.height / 2) };
  });
  expect(Math.abs(ends.start[0] - ends.source.x)).toBeLessThan(1.5);
  expect(Math.abs(ends.start[1] - ends.source.y)).toBeLessThan(1.5);
  expect(Math.abs(ends.tip[0] - ends.target.x)).toBeLessThan(1.5);
  expect(Math.abs(ends.tip[1] - ends.target.y)).toBeLessThan(1.5);

  // Panning brings the rest in.
  await expect(app.node('n1599')).toHaveCount(0);
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: -39 * 240 * 0.75 + 200, y: -39 * 110 * 0.75 + 200, zoom: 0.75 }));
  await expect(app.node('n1599')).toBeVisible();
});
