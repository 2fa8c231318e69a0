// Canvas bench: 1,000 components and 1,500 connections, panning and dragging a component,
// driven from inside the page; script time per frame (CDP) and frame time against a bare
// @xyflow/svelte canvas of the same size in the same run.
import { launch, median, round, serve, run } from './lib.mjs';

const NODES = 1000;
const EDGES = 1500;
const FRAMES = 90;
/** Runs of each motion on each side. */
const REPS = 5;

/** The same grid and wiring as bench/bare, as one of our designs. */
function benchDesign(n, m) {
  const cols = Math.ceil(Math.sqrt(n * 2));
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: i % 5 === 0 ? 'cache' : 'model-server-cpu', label: `Node ${i}`,
    position: { x: (i % cols) * 240, y: Math.floor(i / cols) * 110 }, params: {},
  }));
  const edges = Array.from({ length: m }, (_, i) => {
    const s = i % (n - 1);
    const t = Math.min(n - 1, s + 1 + ((i * 7919) % 13));
    return { id: `e${i}`, source: `n${s}`, target: `n${t}`, params: { mode: 'sync' } };
  });
  return { format: 'mlsd-design', version: 1, name: 'Bench', nodes, edges, notes: {} };
}

/** In the page: moves the viewport or a dragged node once per frame, and times the frames. */
async function measure(page, cdp, mode, hook) {
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  const before = await cdp.send('Performance.getMetrics');
  const frames = await page.evaluate(
    async ({ mode, hook, FRAMES }) => {
      const api = hook === 'app' ? window.__app.canvas : window.__bench;
      const start = api.getViewport();
      const times = [];
      let last = performance.now();
      let node, x0, y0;
      if (mode === 'drag') {
        node = document.querySelector('.svelte-flow__node[data-id="n7"]');
        const r = node.getBoundingClientRect();
        x0 = r.left + r.width / 2;
        y0 = r.top + r.height / 2;
        node.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, clientX: x0, clientY: y0, button: 0, buttons: 1, view: window }));
      }
      for (let i = 1; i <= FRAMES; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
        if (mode === 'pan') api.setViewport({ x: start.x - i * 4, y: start.y - i * 2, zoom: start.zoom });
        else window.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: x0 + i * 3, clientY: y0 + i, buttons: 1, view: window }));
      }
      if (mode === 'drag') window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: x0 + FRAMES * 3, clientY: y0 + FRAMES, view: window }));
      await new Promise((r) => requestAnimationFrame(r));
      return times.slice(1);
    },
    { mode, hook, FRAMES },
  );
  const after = await cdp.send('Performance.getMetrics');
  const metric = (m, name) => m.metrics.find((x) => x.name === name).value;
  const scriptMs = (metric(after, 'ScriptDuration') - metric(before, 'ScriptDuration')) * 1000;
  return { frameMs: median(frames), scriptMsPerFrame: scriptMs / frames.length };
}

async function openPage(browser, url, hook) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  if (hook === 'app') {
    await page.waitForSelector('.app.ready');
    await page.evaluate((d) => window.__app.editor.load(d), benchDesign(NODES, EDGES));
  }
  await page.waitForFunction((n) => document.querySelectorAll('.svelte-flow__node').length >= n, NODES, { timeout: 60_000 });
  await page.waitForFunction((m) => document.querySelectorAll('.svelte-flow__edge').length >= m, EDGES, { timeout: 60_000 });
  // The same view in both: everything visible at one zoom.
  await page.evaluate((hook) => {
    const api = hook === 'app' ? window.__app.canvas : window.__bench;
    api.setViewport({ x: 20, y: 20, zoom: 0.12 });
  }, hook);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

export async function runCanvasBench() {
  // BENCH_DIST (the built app, default dist/) and BENCH_PORT (the app's port; the bare canvas
  // takes the next one) let a build outside dist/ be measured beside other runs.
  const dist = process.env.BENCH_DIST;
  const port = Number(process.env.BENCH_PORT ?? 4180);
  const bareDir = dist ? ['--outDir', `${dist}-bare`] : [];
  run('npx', ['vite', 'build', '-c', 'bench/vite.bare.config.ts', ...bareDir]);
  const app = await serve(dist ? ['--outDir', dist] : [], port);
  const bare = await serve(['-c', 'bench/vite.bare.config.ts', ...bareDir], port + 1);
  const browser = await launch();
  try {
    // Both pages open, their runs taken in turn (bare, app, bare, app …): a change in the
    // machine's load during the bench then weighs on both sides alike.
    const sides = [];
    for (const [name, url, hook] of [['bare', bare.url, 'bare'], ['app', app.url, 'app']]) sides.push({ name, hook, runs: { pan: [], drag: [] }, ...(await openPage(browser, url, hook)) });
    for (let rep = 0; rep < REPS; rep++) {
      for (const side of sides) {
        await side.page.bringToFront();
        side.runs.pan.push(await measure(side.page, side.cdp, 'pan', side.hook));
        side.runs.drag.push(await measure(side.page, side.cdp, 'drag', side.hook));
      }
    }
    const out = {};
    for (const side of sides) {
      out[side.name] = Object.fromEntries(
        Object.entries(side.runs).map(([k, rs]) => [k, { frameMs: round(median(rs.map((r) => r.frameMs))), scriptMsPerFrame: round(median(rs.map((r) => r.scriptMsPerFrame))) }]),
      );
      await side.page.close();
    }
    // Against the bare canvas: the library's own cost per frame is its floor, not ours.
    const versus = (k) => ({
      ...out.app[k],
      bareFrameMs: out.bare[k].frameMs,
      bareScriptMsPerFrame: out.bare[k].scriptMsPerFrame,
      frameRatio: round(out.app[k].frameMs / out.bare[k].frameMs),
      scriptMsOverBare: round(out.app[k].scriptMsPerFrame - out.bare[k].scriptMsPerFrame),
    });
    return { nodes: NODES, edges: EDGES, pan: versus('pan'), drag: versus('drag'), targets: { frameRatio: '≤ 1.10', scriptMsOverBare: '≤ 0.5' } };
  } finally {
    await browser.close();
    app.stop();
    bare.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runCanvasBench(), null, 2));
