import { test, expect, type AppPage } from './fixtures';

const ELK_FILE = /elk|layout\.worker/i;

/** client → cache → kafka, connected by click-to-add, then drawn right to left. */
async function reversedChain(app: AppPage): Promise<string[]> {
  const a = await app.addByClick('client');
  const b = await app.addByClick('cache'); // added to the right of the selected one, connected
  const c = await app.addByClick('kafka');
  await app.page.evaluate((ids) => {
    const editor = (window as any).__app.editor;
    const at = new Map(ids.map((id: string, i: number) => [id, { x: 800 - i * 400, y: i * 40 }]));
    editor.dispatch((d: any) => ({ ...d, nodes: d.nodes.map((n: any) => (at.has(n.id) ? { ...n, position: at.get(n.id) } : n)) }));
  }, [a, b, c]);
  await app.clearSelection();
  return [a, b, c];
}

/** Absolute x of each node, read from the canvas itself. */
async function screenXs(app: AppPage, ids: string[]): Promise<number[]> {
  await app.settle();
  return Promise.all(ids.map(async (id) => (await app.node(id).boundingBox())!.x));
}

async function settled(app: AppPage) {
  await expect.poll(() => app.page.evaluate(() => {
    const { editor, layout } = (window as any).__app;
    return !layout.busy && editor.history.pending === null;
  })).toBe(true);
}

const isIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1] + 100);

test('auto-layout orders a chain left to right; one undo restores it; ELK loads only then', async ({ page, app }) => {
  const requested: string[] = [];
  const scripts: Promise<string>[] = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r.text().catch(() => ''));
  });
  // Start-up again, watching every request from the first one.
  await app.open();
  expect(requested.filter((u) => ELK_FILE.test(u))).toEqual([]);
  expect(page.workers().map((w) => w.url()).filter((u) => ELK_FILE.test(u))).toEqual([]);
  // Not bundled into what did load either: ELK's own package name would be in it.
  const loaded = await Promise.all(scripts);
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.filter((text) => text.includes('org.eclipse.elk'))).toEqual([]);
  expect(await page.evaluate(() => (window as any).__app.layout.loaded)).toBe(false);

  const ids = await reversedChain(app);
  const before = (await app.design()).nodes.map((n) => n.position);
  expect(isIncreasing(await screenXs(app, ids))).toBe(false);

  const workerStarted = page.waitForEvent('worker');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  expect((await workerStarted).url()).toMatch(ELK_FILE);
  await settled(app);
  const xs = (await app.design()).nodes.map((n) => n.position.x);
  expect(isIncreasing(xs)).toBe(true);
  expect(isIncreasing(await screenXs(app, ids))).toBe(true);

  await page.keyboard.press('Control+z');
  expect((await app.design()).nodes.map((n) => n.position)).toEqual(before);
  await page.keyboard.press('Control+Shift+z');
  expect((await app.design()).nodes.map((n) => n.position.x)).toEqual(xs);
});

test('top to bottom as an option, with the shortcut; listed in the shortcuts dialog', async ({ page, app }) => {
  const ids = await reversedChain(app);
  await page.getByRole('button', { name: /Layout direction/ }).click();
  await page.keyboard.press('Shift+L');
  await settled(app);
  const d = await app.design();
  const ys = ids.map((id) => d.nodes.find((n) => n.id === id)!.position.y);
  expect(isIncreasing(ys)).toBe(true);

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('Shift+L');
});

test('a selection of two is laid out alone; tidy mode lays out after an add', async ({ page, app }) => {
  const [a, b, c] = await reversedChain(app);
  const untouched = (await app.design()).nodes.find((n) => n.id === a)!.position;
  await page.evaluate((sel) => (window as any).__app.editor.select(sel), [b, c]);
  await page.keyboard.press('Shift+L');
  await settled(app);
  let d = await app.design();
  expect(d.nodes.find((n) => n.id === a)!.position).toEqual(untouched);
  expect(d.nodes.find((n) => n.id === b)!.position.x).toBeLessThan(d.nodes.find((n) => n.id === c)!.position.x);

  await page.getByLabel('Tidy').check();
  await settled(app);
  d = await app.design();
  expect(isIncreasing([a, b, c].map((id) => d.nodes.find((n) => n.id === id)!.position.x))).toBe(true);

  // A new component dropped far away is pulled into the flow after the edit.
  await page.evaluate((from) => {
    const editor = (window as any).__app.editor;
    editor.addComponent('model-server-cpu', { x: -3000, y: 2500 }, from);
  }, c);
  await expect.poll(async () => {
    const now = await app.design();
    const added = now.nodes.find((n) => n.kind === 'model-server-cpu')!;
    return added.position.x > now.nodes.find((n) => n.id === c)!.position.x;
  }).toBe(true);
  await page.getByLabel('Tidy').uncheck();
});

test('components glide to their places through in-between positions, as one undo step', async ({ page, app }) => {
  const [a] = await reversedChain(app);
  const seen = await page.evaluate(async (id) => {
    const { editor, layout } = (window as any).__app;
    const steps = editor.history.past.length;
    const xs = new Set<number>();
    let done = false;
    const sample = () => {
      xs.add(editor.design.nodes.find((n: any) => n.id === id).position.x);
      if (!done) requestAnimationFrame(sample);
    };
    sample();
    const result = await layout.run();
    done = true;
    return { result, distinct: xs.size, steps: editor.history.past.length - steps };
  }, a);
  expect(seen.result).toBe('done');
  expect(seen.distinct).toBeGreaterThanOrEqual(4);
  expect(seen.steps).toBe(1);
});

test('members of a frame are laid out inside it and the frame grows to fit', async ({ page, app }) => {
  const [a, b, c] = await reversedChain(app);
  await page.evaluate((ids) => {
    const { editor } = (window as any).__app;
    editor.select(ids);
    editor.frameSelection('Serving');
    editor.select([]);
  }, [b, c]);
  const frameId = (await app.design()).nodes.find((n) => n.kind === 'group')!.id;
  await page.keyboard.press('Shift+L');
  await settled(app);
  const d = await app.design();
  const frame = d.nodes.find((n) => n.id === frameId)! as any;
  for (const id of [b, c]) {
    const m = d.nodes.find((n) => n.id === id)!;
    expect(m.parentId).toBe(frameId);
    expect(m.position.x).toBeGreaterThan(0);
    expect(m.position.y).toBeGreaterThan(0);
    expect(m.position.x + 184).toBeLessThan(frame.size.width);
    expect(m.position.y + 64).toBeLessThan(frame.size.height);
  }
  // The flow runs through the frame: a left of it, its members in order.
  expect(d.nodes.find((n) => n.id === a)!.position.x + 184).toBeLessThan(frame.position.x);
  expect(d.nodes.find((n) => n.id === b)!.position.x).toBeLessThan(d.nodes.find((n) => n.id === c)!.position.x);
  await expect(app.node(c)).toBeVisible();
});
