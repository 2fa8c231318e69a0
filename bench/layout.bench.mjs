// Auto-layout bench, in Chromium against the built app: the warm time of a layout in the
// worker (design → ELK graph → worker → positions) for 50, 200 and 1,000 components with
// about 1.5 connections each, the cold first layout, and the longest main-thread gap while a
// 1,000-component layout runs (the canvas must keep drawing frames meanwhile), with the
// main-thread script time of that layout. Then the quality of what a layout draws, for every
// template and these designs (bench/layout-quality-run.ts, in Node): crossings, pipes through
// components (target 0) and the aspect ratio against the view's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, median, round, serve } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Crossings, pipes through components and aspect ratio, as saved and after auto-layout. */
function quality(designs) {
  // Beside bench/ (one folder below the root), so the bundle finds the catalog and templates by the same relative paths.
  const dir = fileURLToPath(new URL('../.tmp/', import.meta.url));
  const bundle = `${dir}layout-quality-${process.pid}.mjs`;
  const input = `${dir}layout-quality-${process.pid}.json`;
  mkdirSync(dir, { recursive: true });
  try {
    const built = spawnSync('npx', ['esbuild', 'bench/layout-quality-run.ts', '--bundle', '--platform=node', '--format=esm', `--outfile=${bundle}`, '--log-level=warning'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`bundling layout-quality-run failed: ${built.stderr}`);
    writeFileSync(input, JSON.stringify(designs));
    const r = spawnSync(process.execPath, [bundle, input], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
    if (r.status !== 0) throw new Error(`layout-quality-run failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } finally {
    rmSync(bundle, { force: true });
    rmSync(input, { force: true });
  }
}

const SIZES = [50, 200, 1000];
const RUNS = { 50: 7, 200: 5, 1000: 3 };

/** A random connected DAG (seeded): a spanning tree plus forward shortcuts, ~1.5 edges a node. */
export function benchDesign(n) {
  let seed = 12345 + n;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const kinds = ['model-server-cpu', 'cache', 'kv-store', 'app-service', 'kafka'];
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: kinds[i % kinds.length], label: `Node ${i}`,
    position: { x: Math.round(rand() * 4000), y: Math.round(rand() * 3000) }, params: {},
  }));
  const pairs = new Set();
  for (let i = 1; i < n; i++) pairs.add(`${Math.floor(rand() * i)}>${i}`);
  while (pairs.size < Math.round(n * 1.5)) {
    const a = Math.floor(rand() * n);
    const b = Math.floor(rand() * n);
    if (a !== b) pairs.add(`${Math.min(a, b)}>${Math.max(a, b)}`);
  }
  const edges = [...pairs].map((p, i) => {
    const [s, t] = p.split('>');
    return { id: `e${i}`, source: `n${s}`, target: `n${t}`, params: { mode: 'sync' } };
  });
  return { format: 'mlsd-design', version: 1, name: `Layout bench ${n}`, nodes, edges, notes: {} };
}

/** In the page: the wall time of one layout computed by the worker (nothing applied). */
function timeLayout(page, design) {
  return page.evaluate(async (d) => {
    const t0 = performance.now();
    const r = await window.__app.layout.compute(d);
    if (!r.ok) throw new Error(`layout failed: ${r.reason} ${r.message ?? ''}`);
    return { ms: performance.now() - t0, workerMs: r.workerMs, placed: r.placements.size };
  }, design);
}

/**
 * In the page: the longest gap between animation frames while `what` runs on a loaded
 * 1,000-component design. One more frame is awaited before reading, or a long block at the
 * very end would go unseen.
 */
function maxFrameGap(page, what) {
  return page.evaluate(async (what) => {
    const app = window.__app;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    await frame();
    await frame();
    let max = 0;
    let last = performance.now();
    let running = true;
    const tick = (now) => {
      max = Math.max(max, now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const t0 = performance.now();
    const result =
      what === 'idle' ? await new Promise((r) => setTimeout(() => r('idle'), 1500))
      : what === 'compute' ? (await app.layout.compute(app.editor.design)).ok
      : await app.layout.run({ whole: true });
    const ms = performance.now() - t0;
    await frame();
    await frame();
    running = false;
    return { maxGapMs: max, ms, result };
  }, what);
}

export async function runLayoutBench() {
  const server = await serve(process.env.BENCH_DIST ? ['--outDir', process.env.BENCH_DIST] : [], Number(process.env.BENCH_PORT ?? 4186));
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.waitForSelector('.app.ready');
    const designs = Object.fromEntries(SIZES.map((n) => [n, benchDesign(n)]));

    const cold = await timeLayout(page, designs[50]);
    const warm = {};
    for (const n of SIZES) {
      await timeLayout(page, designs[n]); // JIT warm-up for this size
      const runs = [];
      for (let i = 0; i < RUNS[n]; i++) runs.push(await timeLayout(page, designs[n]));
      warm[n] = {
        components: n,
        connections: designs[n].edges.length,
        ms: round(median(runs.map((r) => r.ms)), 1),
        workerMs: round(median(runs.map((r) => r.workerMs)), 1),
        minMs: round(Math.min(...runs.map((r) => r.ms)), 1),
        maxMs: round(Math.max(...runs.map((r) => r.ms)), 1),
      };
    }

    // The frame gap with 1,000 components on the canvas: while the worker computes, and for a
    // whole layout including applying the result to the canvas.
    await page.evaluate((d) => window.__app.editor.load(d), designs[1000]);
    await page.waitForFunction(() => document.querySelectorAll('.svelte-flow__node').length >= 1000, null, { timeout: 60_000 });
    await page.evaluate(() => window.__app.canvas.setViewport({ x: 20, y: 20, zoom: 0.12 }));
    // The same canvas doing nothing, for comparison: frames of 1,000 nodes are slow here too.
    const idle = await maxFrameGap(page, 'idle');
    // Script time on the main thread is the robust figure on a busy machine, where even an
    // idle canvas of 1,000 nodes misses frames: it is what the layout itself costs there.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const scriptSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration').value;
    const gaps = [];
    const scriptMs = [];
    for (let i = 0; i < 3; i++) {
      const before = await scriptSeconds();
      gaps.push(await maxFrameGap(page, 'compute'));
      scriptMs.push((await scriptSeconds()) - before);
    }
    const applied = await maxFrameGap(page, 'run');
    const drawn = quality(SIZES.map((n) => designs[n]));

    return {
      coldFirstLayoutMs: round(cold.ms, 1),
      warm: Object.values(warm),
      mainThread1000: {
        maxFrameGapWhileComputingMs: round(median(gaps.map((g) => g.maxGapMs)), 1),
        maxFrameGapIdleMs: round(idle.maxGapMs, 1),
        mainThreadScriptMsWhileComputing: round(median(scriptMs) * 1000, 1),
        maxFrameGapWholeLayoutMs: round(applied.maxGapMs, 1),
        wholeLayoutMs: round(applied.ms, 1),
        wholeLayoutResult: applied.result,
      },
      quality: drawn,
      targets: { warm200Ms: 300, warm1000Ms: 1500, maxFrameGapMs: 50, edgesThroughComponents: 0, aspectRatio: drawn.viewAspect },
      met: {
        warm200: warm[200].ms < 300,
        warm1000: warm[1000].ms < 1500,
        frameGap: median(gaps.map((g) => g.maxGapMs)) < 50,
        wholeLayoutFrameGap: applied.maxGapMs < 50,
        noPipeThroughComponents: drawn.designs.every((d) => d.laidOut.edgesThroughComponents === 0),
      },
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
