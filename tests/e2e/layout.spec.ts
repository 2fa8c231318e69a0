import { readFileSync } from 'node:fs';
import { test, expect, type AppPage } from './fixtures';
import { PALETTES } from '../../src/persistence/svg-theme';
import { countCrossings } from '../../src/layout/crossings';
import { countNear, hexRgb, renderSvg } from '../unit/persistence/picture-check';

const ELK_FILE = /elk|layout\.worker/i;

/** client → cache → model server (sync all the way, so one band), connected by click-to-add, then drawn right to left. */
async function reversedChain(app: AppPage): Promise<string[]> {
  const a = await app.addByClick('client');
  const b = await app.addByClick('cache'); // added to the right of the selected one, connected
  const c = await app.addByClick('model-server-cpu');
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
    // The first layout loads ELK into a worker: seconds on a busy machine.
  }), { timeout: 20_000 }).toBe(true);
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

  // The simulation's workers may start meanwhile: wait for the layout's.
  const workerStarted = page.waitForEvent('worker', { predicate: (w) => ELK_FILE.test(w.url()) });
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
    editor.addComponent('kv-store', { x: -3000, y: 2500 }, from);
  }, c);
  await expect.poll(async () => {
    const now = await app.design();
    const added = now.nodes.find((n) => n.kind === 'kv-store')!;
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

/** Opens a case-study template from the gallery, as a person does. */
async function openTemplate(app: AppPage, name: string) {
  await app.page.getByRole('button', { name: 'Designs' }).click();
  await app.page.getByRole('button', { name: 'New from template…' }).click();
  await app.page.getByRole('list', { name: 'Templates' }).getByRole('button', { name }).click();
  await expect.poll(async () => (await app.design()).name).toBe(name);
}

interface DrawnPipe {
  id: string;
  source: string;
  target: string;
  points: [number, number][];
  routed: boolean;
}

/**
 * What the canvas draws, in flow coordinates: each component's box (from its element's place
 * and size) and each pipe's line sampled every 4 px along the SVG path itself.
 */
function drawn(app: AppPage) {
  return app.page.evaluate(() => {
    const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
    for (const el of document.querySelectorAll<HTMLElement>('.svelte-flow__node-component')) {
      const m = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\)/.exec(el.style.transform)!;
      boxes[el.dataset.id!] = { x: Number(m[1]), y: Number(m[2]), width: el.offsetWidth, height: el.offsetHeight };
    }
    // A member's element sits inside its frame's coordinates: add the frames' places.
    const { editor } = (window as any).__app;
    for (const n of editor.design.nodes) {
      let p = n.parentId;
      while (p && boxes[n.id]) {
        const f = editor.design.nodes.find((x: any) => x.id === p);
        boxes[n.id].x += f.position.x;
        boxes[n.id].y += f.position.y;
        p = f.parentId;
      }
    }
    const pipes: DrawnPipe[] = editor.design.edges.map((e: any) => {
      const path = document.querySelector<SVGPathElement>(`.svelte-flow__edge[data-id="${e.id}"] path.pipe-line`)!;
      const length = path.getTotalLength();
      const points: [number, number][] = [];
      for (let at = 0; at <= length; at += 4) {
        const q = path.getPointAtLength(at);
        points.push([q.x, q.y]);
      }
      return { id: e.id, source: e.source, target: e.target, points, routed: !!e.route };
    });
    return { boxes, pipes };
  });
}

test('a laid-out template draws no pipe through a component and no more crossings than as saved, online above offline, in the shape of the view', async ({ page, app }) => {
  await openTemplate(app, 'Video recommendation');
  await app.settle();
  const saved = countCrossings((await drawn(app)).pipes.map((p) => p.points));
  await page.keyboard.press('Shift+L');
  await settled(app);
  await app.settle();
  const { boxes, pipes } = await drawn(app);
  expect(countCrossings(pipes.map((p) => p.points))).toBeLessThanOrEqual(saved);
  expect(Object.keys(boxes).length).toBe(14);
  expect(pipes.filter((p) => p.routed).length).toBeGreaterThan(3);
  // Shrunk by 4 px: a line along a border, or the arrow at a handle, is not through the box.
  const through = pipes.flatMap((p) =>
    Object.entries(boxes)
      .filter(([id]) => id !== p.source && id !== p.target)
      .filter(([, b]) => p.points.some(([x, y]) => x > b.x + 4 && x < b.x + b.width - 4 && y > b.y + 4 && y < b.y + b.height - 4))
      .map(([id]) => `${p.id} through ${id}`),
  );
  expect(through).toEqual([]);
  // The serving path is above the training loop.
  const online = ['users', 'lb', 'rec', 'cg', 'utower', 'ann', 'pop', 'score', 'vfs', 'rr'];
  const offline = ['train', 'idx'];
  expect(Math.max(...online.map((id) => boxes[id].y + boxes[id].height))).toBeLessThan(Math.min(...offline.map((id) => boxes[id].y)));
  // Near the canvas's shape, not one long row.
  const xs = Object.values(boxes).flatMap((b) => [b.x, b.x + b.width]);
  const ys = Object.values(boxes).flatMap((b) => [b.y, b.y + b.height]);
  const aspect = (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
  const view = await page.locator('.svelte-flow').evaluate((el) => el.clientWidth / el.clientHeight);
  expect(aspect).toBeGreaterThan(view / 2);
  expect(aspect).toBeLessThan(view * 2);

  // Moving a component by hand drops the routes of its pipes: they are curves again.
  const before = (await app.design()).edges.filter((e: any) => (e.source === 'train' || e.target === 'train') && e.route).length;
  expect(before).toBeGreaterThan(0);
  await page.evaluate(() => (window as any).__app.editor.select(['train']));
  await page.keyboard.press('ArrowRight');
  const after = await app.design();
  expect(after.edges.filter((e: any) => (e.source === 'train' || e.target === 'train') && e.route)).toEqual([]);
});

test('the exported SVG draws a laid-out pipe along its route, as rsvg-convert renders it', async ({ page, app }) => {
  await openTemplate(app, 'Video recommendation');
  await page.keyboard.press('Shift+L');
  await settled(app);
  const design = await app.design();
  await page.getByRole('button', { name: 'Share and export' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'SVG image' }).click();
  const svg = readFileSync((await (await download).path())!).toString('utf8');
  const zoom = 2;
  const pixels = renderSvg(svg, zoom);
  const [vx, vy] = /viewBox="(-?[\d.]+) (-?[\d.]+) /.exec(svg)!.slice(1).map(Number);
  const pipe = hexRgb(PALETTES[(await page.locator('html').getAttribute('data-theme')) === 'dark' ? 'dark' : 'light'].muted);
  // Every vertical run of a routed sync pipe (no label on it), a quarter, half and three
  // quarters down: three heights at one x, which no curve between the handles could all reach.
  const runs = design.edges
    .filter((e: any) => e.params.mode === 'sync' && !e.label && e.route)
    .flatMap((e: any) => (e.route as { x: number; y: number }[]).slice(1).map((b, i) => [e.route[i], b]))
    .filter(([a, b]) => a.x === b.x && Math.abs(a.y - b.y) > 40);
  expect(runs.length).toBeGreaterThan(0);
  const unseen = runs.flatMap(([a, b]) =>
    [0.25, 0.5, 0.75]
      .map((t) => [a.x, a.y + (b.y - a.y) * t])
      .filter(([x, y]) => countNear(pixels, (x - vx) * zoom, (y - vy) * zoom, 3 * zoom, pipe, 40) === 0)
      .map(([x, y]) => `${x},${Math.round(y)}`),
  );
  expect(unseen).toEqual([]);
});

test('a label longer than its pipe sits above the two components it joins, or is kept as the tooltip and shown on selection', async ({ page, app }) => {
  await page.evaluate(() => {
    const { editor } = (window as any).__app;
    editor.load({
      format: 'mlsd-design', version: 1, name: 'Labels', notes: {},
      nodes: [
        { id: 'a', kind: 'app-service', position: { x: 0, y: 0 }, params: {} },
        { id: 'b', kind: 'kafka', position: { x: 214, y: 0 }, params: {} },
        { id: 'c', kind: 'app-service', position: { x: 0, y: 300 }, params: {} },
        { id: 'd', kind: 'kafka', position: { x: 600, y: 300 }, params: {} },
        { id: 'e', kind: 'app-service', position: { x: 0, y: 600 }, params: {} },
        { id: 'f', kind: 'kafka', position: { x: 200, y: 680 }, params: {} },
      ],
      edges: [
        { id: 'short', source: 'a', target: 'b', params: { mode: 'async' }, label: 'events to the log' },
        { id: 'long', source: 'c', target: 'd', params: { mode: 'async' }, label: 'clicks to the log' },
        { id: 'down', source: 'e', target: 'f', params: { mode: 'async' }, label: 'audit to the log' },
      ],
    });
  });
  await app.settle();
  const labels = page.locator('.pipe-label');
  await expect(labels).toHaveText(['events to the log', 'clicks to the log']);
  const box = async (loc: import('@playwright/test').Locator) => (await loc.boundingBox())!;
  const overlaps = (p: { x: number; y: number; width: number; height: number }, q: typeof p) =>
    p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
  // The label along its pipe sits between the two components.
  const long = await box(labels.filter({ hasText: 'clicks to the log' }));
  expect(long.x).toBeGreaterThan((await box(app.node('c'))).x + (await box(app.node('c'))).width);
  expect(long.x + long.width).toBeLessThan((await box(app.node('d'))).x);
  // The one longer than its pipe sits above both components, covering neither.
  const short = await box(labels.filter({ hasText: 'events to the log' }));
  for (const id of ['a', 'b']) {
    const n = await box(app.node(id));
    expect(overlaps(short, n), id).toBe(false);
    expect(short.y + short.height).toBeLessThanOrEqual(n.y);
  }
  // A short pipe between components one above the other keeps its text as the tooltip, and
  // shows it when selected.
  await expect(page.locator('.svelte-flow__edge[data-id="down"] title')).toHaveText('audit to the log');
  await page.evaluate(() => (window as any).__app.editor.select([], ['down']));
  await expect(labels).toHaveCount(3);
  await expect(labels.filter({ hasText: 'audit to the log' })).toBeVisible();
});
