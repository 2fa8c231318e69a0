// Interview-run bench: the end-to-end flow of tests/e2e/interview.spec.ts in headless Chromium —
// a client → API gateway → model server pipeline typed through the command palette, its
// simulated numbers, presentation mode in and out, and a share link copied — counting every
// keystroke (a chord such as Ctrl+K is one) and timing the run from the first key.
import { launch, median, round, serve } from './lib.mjs';

const RUNS = 5;
const CHAIN = ['client', 'gateway', 'model server'];

async function interviewRun(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.app.ready');
  let keystrokes = 0;
  const press = async (key) => {
    keystrokes++;
    await page.keyboard.press(key);
  };
  const type = async (text) => {
    keystrokes += text.length;
    await page.keyboard.type(text);
  };
  const combobox = page.getByRole('combobox', { name: 'Command' });

  const t0 = performance.now();
  for (const query of CHAIN) {
    await press('Control+k');
    await combobox.waitFor();
    await type(query);
    await press('Enter');
    await combobox.waitFor({ state: 'detached' });
  }
  const built = await page.evaluate(() => {
    const { editor, simulation } = window.__app;
    return { nodes: editor.design.nodes.length, edges: editor.design.edges.length, p99Ms: simulation.report?.latencyMs.p99 ?? null };
  });
  const tBuilt = performance.now();

  await press('p');
  await page.waitForSelector('.app.presenting');
  await press('Escape');
  await page.waitForSelector('.app:not(.presenting)');

  await press('Control+k');
  await combobox.waitFor();
  await type('copy link');
  await press('Enter');
  const share = page.getByRole('dialog', { name: 'Share link' });
  const copy = share.getByRole('button', { name: 'Copy', exact: true });
  await copy.waitFor();
  // The share dialog opens with focus on its first control: Tab to the Copy button.
  let linkCopied = false;
  for (let i = 0; i < 4 && !linkCopied; i++) {
    await press('Tab');
    if (await copy.evaluate((el) => el === document.activeElement)) {
      await press('Enter');
      await share.getByRole('status').waitFor();
      linkCopied = /#/.test(await page.evaluate(() => navigator.clipboard.readText()));
    }
  }
  const elapsedMs = performance.now() - t0;
  await context.close();
  if (built.nodes !== 3 || built.edges !== 2) throw new Error(`the pipeline was not built: ${JSON.stringify(built)}`);
  return { keystrokes, elapsedMs, buildMs: tBuilt - t0, p99Ms: built.p99Ms, linkCopied };
}

export async function runInterviewBench() {
  // BENCH_DIST/BENCH_PORT let a build outside dist/ be measured.
  const server = await serve(process.env.BENCH_DIST ? ['--outDir', process.env.BENCH_DIST] : [], Number(process.env.BENCH_PORT ?? 4188));
  const browser = await launch();
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await interviewRun(browser, server.url));
    return {
      flow: 'blank → client → API gateway → model server (Ctrl+K) → simulated → presentation on/off → share link copied',
      runs: RUNS,
      keystrokes: runs[0].keystrokes,
      elapsedMs: round(median(runs.map((r) => r.elapsedMs)), 0),
      buildPipelineMs: round(median(runs.map((r) => r.buildMs)), 0),
      simulatedP99Ms: runs[0].p99Ms === null ? null : round(runs[0].p99Ms),
      linkCopied: runs.every((r) => r.linkCopied),
    };
  } finally {
    await browser.close();
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runInterviewBench(), null, 2));
