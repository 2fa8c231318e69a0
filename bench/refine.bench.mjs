// Background refinement bench: for each gallery template, opened in the built app, the time
// from the design shown (its instant analytic figures) to the first refined figures (the first
// replication back) and to all replications done. Both include the quiet period after an edit
// (REFINE_AFTER_MS, 400 ms). Median of three openings; the very first opening also loads the
// engine's worker and is given on its own. A two-component design timed in the same run is the
// baseline: what any refinement costs on this machine now. Target: first refined figures
// within 1 s.
import { readdirSync } from 'node:fs';
import { launch, median, round, serve } from './lib.mjs';

const ROUNDS = 3;
const TARGET_FIRST_MS = 1000;

/** In the page: opens a template and times the refinement until it is done, off or failed. */
async function timeTemplate(page, id) {
  return page.evaluate(async ({ id, baseline }) => {
    const app = window.__app;
    if (id === null) app.editor.load(baseline);
    else {
      const r = await app.session.openExternal({ kind: 'template', id });
      if (r.status !== 'opened') return { error: r.message ?? r.status };
    }
    const t0 = performance.now();
    const sim = app.simulation;
    let firstMs = null;
    for (;;) {
      await new Promise((res) => setTimeout(res, 5));
      const now = performance.now() - t0;
      if (firstMs === null && sim.currentRefined) firstMs = now;
      const s = sim.refinement.status;
      if (s.phase === 'done' && sim.currentRefined) {
        const c = sim.currentRefined.result.report.confidence;
        return { firstMs, allMs: now, replications: c.replications, requests: c.requestsPerReplication };
      }
      if (s.phase === 'failed') return { error: s.error };
      if (s.phase === 'off' && now > 1000) return { error: `not refined: ${s.reason ?? 'no steady state or no load'}` };
      if (now > 30_000) return { error: 'no refined figures within 30 s' };
    }
  }, { id, baseline: BASELINE });
}

/** The baseline, timed in the same run: one client and one model server, the least to refine. */
const BASELINE = {
  format: 'mlsd-design', version: 1, name: 'Refine bench baseline', notes: {},
  nodes: [
    { id: 'c', kind: 'client', position: { x: 0, y: 0 }, params: { rps: 1000 } },
    { id: 's', kind: 'model-server-cpu', position: { x: 300, y: 0 }, params: {} },
  ],
  edges: [{ id: 'e', source: 'c', target: 's', params: { mode: 'sync' } }],
};

export async function runRefineBench() {
  const server = await serve(process.env.BENCH_DIST ? ['--outDir', process.env.BENCH_DIST] : [], Number(process.env.BENCH_PORT ?? 4182));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('.app.ready');
    // A template's id is its file's name.
    const templates = readdirSync(new URL('../src/templates/designs/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const samples = new Map([['(baseline: client → model server)', []], ...templates.map((id) => [id, []])]);
    let coldFirstMs = null;
    for (let round = 0; round < ROUNDS; round++) {
      for (const id of samples.keys()) {
        const t = await timeTemplate(page, id.startsWith('(') ? null : id);
        if (round === 0 && coldFirstMs === null && t.firstMs != null) coldFirstMs = whole(t.firstMs);
        samples.get(id).push(t);
      }
    }
    const perTemplate = {};
    for (const [id, runs] of samples) {
      const ok = runs.filter((r) => !r.error);
      if (ok.length === 0) {
        perTemplate[id] = { error: runs[0].error };
        continue;
      }
      const first = whole(median(ok.map((r) => r.firstMs)));
      perTemplate[id] = {
        firstRefinedMs: first,
        allDoneMs: whole(median(ok.map((r) => r.allMs))),
        replications: ok[0].replications,
        requestsPerReplication: ok[0].requests,
        vsTarget: `first ${first} ms, all ${whole(median(ok.map((r) => r.allMs)))} ms; target ${TARGET_FIRST_MS} ms for the first: ${first <= TARGET_FIRST_MS ? 'met' : 'MISSED'}`,
      };
    }
    return { cores, rounds: ROUNDS, coldFirstRefinedMs: coldFirstMs, perTemplate, targets: { firstRefinedMs: TARGET_FIRST_MS } };
  } finally {
    await browser.close();
    server.stop();
  }
}

const whole = (x) => round(x, 0);

