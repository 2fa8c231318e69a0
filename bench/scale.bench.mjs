// Scale bench, in Chromium against the built app: a 2,000-component / 3,000-connection design
// imported as a file, then adds, parameter edits and drags in view, a reload, a whole
// auto-layout of 1,000 components applied, and a 20,000-component share link opened. Each
// figure is the wall time to the next painted frame and the longest main-thread task
// (PerformanceObserver 'longtask'), printed beside its target. A design is drawn once everything
// in view is: a large design opens at a readable zoom and mounts only that (ui/canvas).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, median, round, serve } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIG = 2000;
const LINK_NODES = 20000;

/** The canvas bench's grid and wiring: n components, 1.5 n connections. */
function gridDesign(n, name) {
  const cols = Math.ceil(Math.sqrt(n * 2));
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: i % 5 === 0 ? 'cache' : 'model-server-cpu', label: `Node ${i}`,
    position: { x: (i % cols) * 240, y: Math.floor(i / cols) * 110 }, params: {},
  }));
  const edges = Array.from({ length: Math.floor(n * 1.5) }, (_, i) => {
    const s = i % (n - 1);
    return { id: `e${i}`, source: `n${s}`, target: `n${Math.min(n - 1, s + 1 + ((i * 7919) % 13))}`, params: { mode: 'sync' } };
  });
  return { format: 'mlsd-design', version: 1, name, nodes, edges, notes: {} };
}

/** A connected DAG in random places (seeded), as the layout bench uses: a layout moves every node. */
function scatteredDesign(n) {
  let seed = 777 + n;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const d = gridDesign(n, `Layout ${n}`);
  d.nodes.forEach((node) => (node.position = { x: Math.round(rand() * 4000), y: Math.round(rand() * 3000) }));
  return d;
}

// Every long task the page runs, from its first script on.
const LONGTASKS = () => {
  window.__longtasks = [];
  new PerformanceObserver((list) => window.__longtasks.push(...list.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({ type: 'longtask', buffered: true });
};

/**
 * In the page: waits until the editor holds `n` components and `m` connections and every one of
 * them in view is drawn (a large design mounts only those), the view unchanged for a frame.
 */
async function drawn(page, n, m, timeout = 60_000) {
  await page.waitForFunction(
    ([n, m]) => {
      const app = window.__app;
      const d = app?.editor.design;
      const pane = document.querySelector('.svelte-flow')?.getBoundingClientRect();
      if (!d || !pane || d.nodes.length < n || d.edges.length < m) return false;
      const v = app.canvas.getViewport();
      const [x0, y0, x1, y1] = [-v.x / v.zoom, -v.y / v.zoom, (pane.width - v.x) / v.zoom, (pane.height - v.y) / v.zoom];
      const pos = new Map(d.nodes.map((node) => [node.id, node.position]));
      const seen = (a, b) => Math.max(a.x, b.x) + 184 > x0 && Math.min(a.x, b.x) < x1 && Math.max(a.y, b.y) + 64 > y0 && Math.min(a.y, b.y) < y1;
      const onPage = new Set([...document.querySelectorAll('.svelte-flow__node')].map((e) => e.dataset.id));
      if (d.nodes.some((node) => seen(node.position, node.position) && !onPage.has(node.id))) return false;
      const edgesInView = d.edges.filter((e) => seen(pos.get(e.source), pos.get(e.target))).length;
      if (document.querySelectorAll('.svelte-flow__edge').length < edgesInView) return false;
      const key = `${v.x} ${v.y} ${v.zoom} ${onPage.size}`;
      if (window.__drawnKey === key) return true;
      window.__drawnKey = key;
      return false;
    },
    [n, m],
    { timeout, polling: 'raf' },
  );
}

const longestSince = (page, t0) => page.evaluate((t0) => Math.max(0, ...window.__longtasks.filter((t) => t.start >= t0).map((t) => t.ms)), t0);

/**
 * In the page: runs `action` (a key of the actions below) and returns the wall time until the
 * frame after it has been painted, and the longest task within `settleMs` after it started (an
 * autosave or a rerun scheduled by the edit counts too).
 */
function timeAction(page, action, arg, settleMs = 1200) {
  return page.evaluate(
    async ({ action, arg, settleMs }) => {
      const app = window.__app;
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await frame();
      const t0 = performance.now();
      const c = app.canvas.viewportCenter();
      if (action === 'add') app.editor.addComponent('cache', { x: c.x + arg * 30, y: c.y + arg * 30 });
      else if (action === 'param') app.editor.setParam('n1', 'replicas', 2 + arg);
      await frame();
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, settleMs));
      await frame();
      const longest = Math.max(0, ...window.__longtasks.filter((t) => t.start >= t0 - 1).map((t) => t.ms));
      return { ms, longest };
    },
    { action, arg, settleMs },
  );
}

/** In the page: the view panned once a frame for 60 frames; median frame time and longest task. */
function timePan(page) {
  return page.evaluate(async () => {
    const api = window.__app.canvas;
    const start = api.getViewport();
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    await frame();
    const t0 = performance.now();
    const times = [];
    let last = t0;
    for (let i = 1; i <= 60; i++) {
      api.setViewport({ x: start.x - i * 12, y: start.y - i * 4, zoom: start.zoom });
      await frame();
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    api.setViewport(start);
    await new Promise((r) => setTimeout(r, 300));
    times.sort((a, b) => a - b);
    return { frameMs: times[30], longest: Math.max(0, ...window.__longtasks.filter((t) => t.start >= t0).map((t) => t.ms)) };
  });
}

/** In the page: what an autosave copies on the main thread (IndexedDB clones the design as it is put). */
function timeSaveClone(page) {
  return page.evaluate(() => {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      structuredClone(window.__app.editor.design);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[2];
  });
}

/** In the page: one drag of a component over 30 frames; median frame time, and the drop. */
function timeDrag(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const node = document.querySelector('.svelte-flow__node[data-id="n1"]');
    const r = node.getBoundingClientRect();
    const [x0, y0] = [r.left + r.width / 2, r.top + r.height / 2];
    const ev = (type, i) => new MouseEvent(type, { bubbles: true, clientX: x0 + i * 3, clientY: y0 + i, button: 0, buttons: 1, view: window });
    await frame();
    const t0 = performance.now();
    node.dispatchEvent(ev('mousedown', 0));
    const times = [];
    let last = performance.now();
    for (let i = 1; i <= 30; i++) {
      window.dispatchEvent(ev('mousemove', i));
      await frame();
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    const d0 = performance.now();
    window.dispatchEvent(ev('mouseup', 30));
    await frame();
    await new Promise((r) => setTimeout(r, 0));
    const dropMs = performance.now() - d0;
    await new Promise((r) => setTimeout(r, 1200));
    const longest = Math.max(0, ...window.__longtasks.filter((t) => t.start >= t0).map((t) => t.ms));
    times.sort((a, b) => a - b);
    return { frameMs: times[15], dropMs, longest };
  });
}

async function importFile(page, design) {
  const text = JSON.stringify(design);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Share and export' }).click();
  await page.getByRole('menuitem', { name: 'Import design file' }).click();
  const t0 = await page.evaluate(() => performance.now());
  await (await chooser).setFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await drawn(page, design.nodes.length, design.edges.length);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const ms = (await page.evaluate(() => performance.now())) - t0;
  return { ms, longest: await longestSince(page, t0) };
}

async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const m = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return m.metrics.find((x) => x.name === 'JSHeapUsedSize').value / 2 ** 20;
}

/** A 20,000-component share link: opened in a fresh tab until drawn, or refused with a message. */
async function openBigLink(browser, url) {
  const r = spawnSync('npx', ['tsx', 'bench/scale-link.ts', String(LINK_NODES)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`scale-link failed: ${r.stderr}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(LONGTASKS);
  const t0 = Date.now();
  await page.goto(url + r.stdout);
  // Whichever comes first, checked in the page: all drawn, or an error banner.
  const outcome = await page.waitForFunction(
    (n) => {
      if (document.querySelectorAll('.svelte-flow__node').length >= n) return 'opened';
      const alert = document.querySelector('[role="alert"]');
      return alert ? `refused: ${alert.textContent.trim()}` : false;
    },
    LINK_NODES,
    { timeout: 120_000, polling: 100 },
  ).then((h) => h.jsonValue(), () => 'neither within 120 s');
  const ms = Date.now() - t0;
  const longest = await longestSince(page, 0);
  const heap = await heapMB(page);
  await page.close();
  return { linkChars: r.stdout.length, outcome, ms, longest, heapMB: heap };
}

export async function runScaleBench() {
  const dist = process.env.BENCH_DIST;
  const server = await serve(dist ? ['--outDir', dist] : [], Number(process.env.BENCH_PORT ?? 4192));
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(LONGTASKS);
    await page.goto(server.url);
    await page.waitForSelector('.app.ready');

    const big = gridDesign(BIG, 'Scale 2000');
    const imported = await importFile(page, big);
    await page.evaluate(() => window.__app.library.flush());
    const adds = [];
    const edits = [];
    for (let i = 0; i < 5; i++) adds.push(await timeAction(page, 'add', i));
    for (let i = 0; i < 5; i++) edits.push(await timeAction(page, 'param', i));
    const drags = [];
    for (let i = 0; i < 3; i++) drags.push(await timeDrag(page));
    const pan = await timePan(page);
    const cloneMs = await timeSaveClone(page);
    await page.evaluate(() => window.__app.library.flush());

    const t0 = Date.now();
    await page.reload();
    await page.waitForSelector('.app.ready', { timeout: 60_000 });
    await drawn(page, BIG, big.edges.length);
    const reloadMs = Date.now() - t0;
    const reloadLongest = await longestSince(page, 0);

    // Auto-layout of 1,000 components applied to the canvas.
    await page.evaluate((d) => window.__app.editor.load(d), scatteredDesign(1000));
    await drawn(page, 1000, 1500);
    await page.evaluate(() => window.__app.canvas.setViewport({ x: 20, y: 20, zoom: 0.12 }));
    await page.evaluate(() => window.__app.layout.compute(window.__app.editor.design)); // the worker warmed up
    const layout = await page.evaluate(async () => {
      const t0 = performance.now();
      const result = await window.__app.layout.run({ whole: true });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 800));
      return { result, ms, longest: Math.max(0, ...window.__longtasks.filter((t) => t.start >= t0).map((t) => t.ms)) };
    });
    await page.close();

    const link = await openBigLink(browser, server.url);
    const med = (xs, k) => round(median(xs.map((x) => x[k])), 1);
    const figures = {
      import2000: { readyMs: round(imported.ms, 0), longestTaskMs: round(imported.longest, 0), target: 'ready < 2000 ms' },
      add: { ms: med(adds, 'ms'), longestTaskMs: med(adds, 'longest'), target: '< 50 ms main thread' },
      paramEdit: { ms: med(edits, 'ms'), longestTaskMs: med(edits, 'longest'), target: '< 50 ms main thread' },
      drag2000: { frameMs: med(drags, 'frameMs'), dropMs: med(drags, 'dropMs'), longestTaskMs: med(drags, 'longest'), target: 'drop < 50 ms main thread' },
      pan2000: { frameMs: round(pan.frameMs, 1), longestTaskMs: round(pan.longest, 0), target: 'no target of its own: compare with the run before' },
      autosaveClone2000: { ms: round(cloneMs, 1), target: 'main-thread part of an edit (< 50 ms)' },
      reload2000: { ms: reloadMs, longestTaskMs: round(reloadLongest, 0), target: '< 2000 ms' },
      layoutApply1000: { result: layout.result, ms: round(layout.ms, 0), longestTaskMs: round(layout.longest, 0), target: 'longest task ≤ 50 ms' },
      link20000: { ...link, longest: undefined, longestTaskMs: round(link.longest, 0), heapMB: round(link.heapMB, 0), target: 'opens < 5000 ms, or refused up front with a message' },
    };
    return figures;
  } finally {
    await browser.close();
    server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runScaleBench(), null, 2));
