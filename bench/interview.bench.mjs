// Interview-run bench: the end-to-end flow of tests/e2e/interview.spec.ts in headless Chromium —
// a client → API gateway → model server pipeline typed through the command palette, its
// simulated numbers, presentation mode in and out, and a share link copied — counting every
// keystroke (a chord such as Ctrl+K is one) and timing the run from the first key; then the whole
// video-recommendation design built from the keyboard, counted in actions per element.
import { readFileSync } from 'node:fs';
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

// The whole video-recommendation design from the keyboard alone: its components and connections
// (src/templates/designs/video-recommendation.json) built with the command palette and nothing
// else. Every key press is counted (a chord is one, a typed query one per character); an
// "action" is a palette opening, a choice (Enter) or any other key outside a typed query.
const TEMPLATE = JSON.parse(readFileSync(new URL('../src/templates/designs/video-recommendation.json', import.meta.url), 'utf8'));

async function designRun(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.app.ready');
  let keystrokes = 0;
  let actions = 0;
  const combobox = page.getByRole('combobox', { name: 'Command' });
  const key = async (k) => {
    keystrokes++;
    actions++;
    await page.keyboard.press(k);
  };
  const choose = async (query) => {
    await key('Control+k');
    await combobox.waitFor();
    keystrokes += query.length;
    await page.keyboard.type(query);
    await key('Enter');
    await combobox.waitFor({ state: 'detached' });
  };
  const names = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.palette button[data-kind]')].map((b) => [b.dataset.kind, b.getAttribute('aria-label').replace(/^Add /, '')])));
  const app = () => page.evaluate(() => JSON.parse(JSON.stringify({ design: window.__app.editor.design, selected: [...window.__app.editor.selectedNodes] })));

  const comps = TEMPLATE.nodes.filter((n) => n.kind !== 'group' && n.kind !== 'note');
  const kindOf = new Map(comps.map((n) => [n.id, n.kind]));
  const edges = TEMPLATE.edges.filter((e) => kindOf.has(e.source) && kindOf.has(e.target));
  const made = new Map();
  const joined = new Set();
  let selected = null;
  let componentActions = 0;
  const counted = async (fn) => {
    const before = actions;
    await fn();
    return actions - before;
  };
  const goTo = async (id) => {
    if (selected !== id) await choose(`go ${names[kindOf.get(id)]}`);
    selected = id;
  };
  // Each component is added after the one it is called from (the add connects them); the
  // connections left over go to an existing component by name.
  const visit = async (id, via) => {
    if (made.has(id)) return;
    if (via) await goTo(via);
    else if (selected) await key('Escape');
    componentActions += await counted(() => choose(names[kindOf.get(id)]));
    const { design } = await app();
    made.set(id, design.nodes[design.nodes.length - 1].id);
    if (via) joined.add(edges.find((e) => e.source === via && e.target === id));
    selected = id;
    for (const e of edges.filter((x) => x.source === id)) await visit(e.target, id);
  };
  const roots = comps.filter((n) => !edges.some((e) => e.target === n.id));
  for (const n of [...roots, ...comps]) await visit(n.id, null);
  for (const e of edges.filter((x) => !joined.has(x))) {
    await goTo(e.source);
    await choose(`connect ${names[kindOf.get(e.target)]}`);
  }
  // Modes the defaults did not give: set by name.
  let built = (await app()).design;
  const find = (e) => built.edges.find((b) => b.source === made.get(e.source) && b.target === made.get(e.target));
  for (const e of edges) {
    if (find(e)?.params.mode !== e.params.mode) await choose(`connection ${names[kindOf.get(e.source)]} ${names[kindOf.get(e.target)]} ${e.params.mode}`);
  }
  built = (await app()).design;
  await context.close();
  const wrong = edges.filter((e) => find(e)?.params.mode !== e.params.mode);
  if (built.nodes.length !== comps.length || built.edges.length !== edges.length || wrong.length > 0) {
    throw new Error(`the design was not built as the template: ${built.nodes.length} components, ${built.edges.length} connections, ${wrong.length} missing or in the wrong mode`);
  }
  const elements = comps.length + edges.length;
  return {
    components: comps.length,
    connections: edges.length,
    keystrokes,
    actions,
    actionsPerElement: round(actions / elements, 2),
    actionsPerComponent: round(componentActions / comps.length, 2),
    // Connections made by an add cost nothing more; the rest, with any going-to and mode setting, are shared out.
    actionsPerConnection: round((actions - componentActions) / edges.length, 2),
    keystrokesPerElement: round(keystrokes / elements, 1),
    target: '≤ 2 actions per component and per connection',
  };
}

export async function runInterviewBench() {
  // BENCH_DIST/BENCH_PORT let a build outside dist/ be measured.
  const server = await serve(process.env.BENCH_DIST ? ['--outDir', process.env.BENCH_DIST] : [], Number(process.env.BENCH_PORT ?? 4188));
  const browser = await launch();
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await interviewRun(browser, server.url));
    const videoRecommendation = await designRun(browser, server.url);
    return {
      flow: 'blank → client → API gateway → model server (Ctrl+K) → simulated → presentation on/off → share link copied',
      runs: RUNS,
      keystrokes: runs[0].keystrokes,
      elapsedMs: round(median(runs.map((r) => r.elapsedMs)), 0),
      buildPipelineMs: round(median(runs.map((r) => r.buildMs)), 0),
      simulatedP99Ms: runs[0].p99Ms === null ? null : round(runs[0].p99Ms),
      linkCopied: runs.every((r) => r.linkCopied),
      keyboardOnlyVideoRecommendation: videoRecommendation,
    };
  } finally {
    await browser.close();
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runInterviewBench(), null, 2));
