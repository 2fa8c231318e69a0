// Start-up and autosave bench: the gzip size of the JS the built app loads before it is
// interactive, the time to interactive, and the main-thread time of autosaving 1,000 components.
import { gzipSync } from 'node:zlib';
import { launch, median, round, serve } from './lib.mjs';

function bigDesign(n) {
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: i % 3 ? 'model-server-cpu' : 'cache', label: `Component ${i}`,
    position: { x: (i % 40) * 240, y: Math.floor(i / 40) * 110 },
    params: { replicas: 2, concurrency: 4, service: { dist: 'exponential', meanMs: 5 } },
  }));
  const edges = Array.from({ length: Math.floor(n * 1.5) }, (_, i) => ({
    id: `e${i}`, source: `n${i % (n - 1)}`, target: `n${Math.min(n - 1, (i % (n - 1)) + 1 + (i % 7))}`, params: { mode: 'sync' },
  }));
  return { format: 'mlsd-design', version: 1, name: 'Autosave bench', nodes, edges, notes: {} };
}

export async function runLoadBench() {
  const server = await serve(process.env.BENCH_DIST ? ['--outDir', process.env.BENCH_DIST] : [], Number(process.env.BENCH_PORT ?? 4182));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const scripts = new Map();
    page.on('response', async (res) => {
      const url = res.url();
      if (/\.m?js(\?|$)/.test(url) && res.request().resourceType() === 'script') {
        try {
          scripts.set(url, gzipSync(await res.body()).length);
        } catch {
          /* body gone: navigation */
        }
      }
    });
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForSelector('.app.ready');
    const interactiveMs = Date.now() - t0;
    await page.waitForTimeout(500);
    const startJsGzipBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
    const startScripts = [...scripts.keys()].map((u) => u.replace(server.url, ''));

    // Main-thread time of one autosave: the synchronous part of the save call plus IndexedDB's
    // put() (where the browser clones the design). The awaits between them are not main-thread work.
    await page.evaluate((d) => window.__app.editor.load(d), bigDesign(1000));
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      window.__putMs = 0;
      IDBObjectStore.prototype.put = function (...args) {
        const t0 = performance.now();
        try {
          return put.apply(this, args);
        } finally {
          window.__putMs += performance.now() - t0;
        }
      };
    });
    const samples = [];
    for (let i = 0; i < 7; i++) {
      samples.push(
        await page.evaluate(async () => {
          window.__app.editor.rename(`Autosave bench ${Math.random()}`);
          await new Promise((r) => setTimeout(r, 20)); // the autosave is scheduled by an effect
          window.__putMs = 0;
          const t0 = performance.now();
          const saving = window.__app.library.flush();
          const syncMs = performance.now() - t0;
          await saving;
          return syncMs + window.__putMs;
        }),
      );
    }
    return {
      startJsGzipKB: round(startJsGzipBytes / 1024, 1),
      startScripts,
      interactiveMs,
      autosave1000MainThreadMs: round(median(samples)),
      targets: { startJsGzipKB: 200, interactiveMs: 1000, autosave1000MainThreadMs: 30 },
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
