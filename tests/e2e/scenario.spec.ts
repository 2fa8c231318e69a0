// A scenario as a new user meets it: a template opened, its CDN flushed from the inspector, Run
// pressed, the timeline filling in under the canvas, the scrubber dragged to before and after
// the flush with the canvas colours following, and what broke read in plain sentences — in
// both themes, by what the page shows. The timeline shrinks the canvas instead of covering
// it, closes on Escape and is remembered open or closed across reloads.
import { test, expect, type AppPage } from './fixtures';
import type { Page } from '@playwright/test';

async function openTemplate(app: AppPage, page: Page, name: string) {
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name }).click();
  await expect.poll(async () => (await app.design()).name).toBe(name);
}

/** A template opened and its timeline shown from the keyboard. */
async function timelineOf(app: AppPage, page: Page, template: string) {
  await openTemplate(app, page, template);
  await app.pane().click();
  await page.keyboard.press('Shift+S');
  const timeline = page.getByRole('region', { name: 'Scenario timeline' });
  await expect(timeline).toBeVisible();
  return timeline;
}

/** The colour band a component is drawn in: green, amber, red, or none. */
async function level(app: AppPage, id: string): Promise<string> {
  const cls = (await app.node(id).locator('.component').getAttribute('class')) ?? '';
  return /level-(\w+)/.exec(cls)?.[1] ?? 'none';
}

/** Drags the scrubber's thumb to the moment `s` of a run `durationS` long, as a mouse does. */
async function dragScrubber(page: Page, s: number, durationS: number) {
  const slider = page.getByRole('slider', { name: 'Canvas at' });
  const box = (await slider.boundingBox())!;
  const value = Number(await slider.inputValue());
  // Chromium's thumb is 16 px wide: its centre travels from 8 px in to 8 px from the end.
  const x = (v: number) => box.x + 8 + ((box.width - 16) * v) / durationS;
  await page.mouse.move(x(value), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(x(s), box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** The moment the canvas shows, as the scrubber's readout says it (seconds). */
async function shownMoment(page: Page): Promise<number> {
  return parseFloat((await page.getByTestId('scrubbed-time').textContent()) ?? 'NaN');
}

/** How far across its chart a series' line reaches: 0 at the start of the time axis, 1 at its end. */
async function lineReach(page: Page, testid: string, color: string): Promise<number> {
  return page.getByTestId(testid).evaluate((el, stroke) => {
    const xs = (d: string) => [...d.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    const paths = [...el.querySelectorAll('path')].map((p) => ({ d: p.getAttribute('d') ?? '', stroke: p.getAttribute('stroke') }));
    // The time axis: the longest horizontal grey line, drawn first.
    const axis = xs(paths[0].d);
    const line = paths.find((p) => p.stroke === stroke && p.d.includes('L'));
    if (!line) return 0;
    const [from, to] = [Math.min(...axis), Math.max(...axis)];
    return (Math.max(...xs(line.d)) - from) / (to - from);
  }, color);
}

/** Clicks a chart's plot at a share (0–1) of its time axis, as a person points at a moment. */
async function clickChartAt(page: Page, testid: string, share: number) {
  const chart = page.getByTestId(testid);
  const [from, to, y] = await chart.evaluate((el) => {
    const axis = [...(el.querySelector('path')?.getAttribute('d') ?? '').matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    return [Math.min(...axis.map((p) => p[0])), Math.max(...axis.map((p) => p[0])), axis[0][1] - 10];
  });
  await chart.click({ position: { x: from + share * (to - from), y } });
}

/** Moves the scrubber with the arrow keys until the moment shown lies in [lo, hi). */
async function nudgeInto(page: Page, lo: number, hi: number) {
  const slider = page.getByRole('slider', { name: 'Canvas at' });
  for (let i = 0; i < 40; i++) {
    const t = await shownMoment(page);
    if (t >= lo && t < hi) return;
    await slider.press(t < lo ? 'ArrowRight' : 'ArrowLeft');
  }
  throw new Error(`The scrubber never showed a moment in [${lo}, ${hi}) s`);
}

/** The busy share a component's badge shows, in %. */
async function busyPercent(app: AppPage, id: string): Promise<number> {
  return parseFloat((await app.node(id).getByTestId('p99-badge').textContent()) ?? 'NaN');
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test('pick "Cache flush at peak" on a template, run it, scrub through the flush and read what broke', async ({ app, page }) => {
      // The timeline opens from its key; the named scenario is picked from the keyboard.
      const timeline = await timelineOf(app, page, 'Street View blurring');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(timeline.getByText('Press Run')).toBeVisible();
      const picker = timeline.getByRole('combobox', { name: 'Scenario to run' });
      await picker.focus();
      await picker.selectOption({ label: 'Cache flush at peak' });
      await expect(timeline.getByText(/Press Run to simulate “Cache flush at peak”/)).toBeVisible();
      const scenario = ((await app.design()) as unknown as { scenario: { durationS: number; events: { type: string; node: string; atS: number }[] } }).scenario;
      // The template's one cache, flushed 30 % into the run.
      expect(scenario.events).toEqual([expect.objectContaining({ type: 'flush', node: 'cdn', atS: 0.3 * scenario.durationS })]);
      const flushS = scenario.events[0].atS;
      const warmupS = (scenario.events[0] as unknown as { warmupS: number }).warmupS;

      // Run from the keyboard; the timeline fills in and the findings follow.
      await timeline.getByRole('button', { name: '▶ Run' }).focus();
      await page.keyboard.press('Enter');
      await expect(timeline.getByRole('progressbar', { name: 'Scenario run progress' })).toBeVisible();
      const findings = timeline.getByTestId('findings');
      await expect(findings.getByRole('listitem').first()).toBeVisible({ timeout: 45_000 });
      await expect(timeline.getByRole('button', { name: '▶ Run' })).toBeEnabled();
      // The timeline is filled in to the end of the run: the goodput line reaches across.
      await expect.poll(() => lineReach(page, 'chart-throughput', '#2e9d5b')).toBeGreaterThan(0.97);
      // The flush is a labelled marker on the charts.
      await expect(timeline.getByTestId('chart-throughput').getByText(/Cache flushed|flush/i).first()).toBeVisible();

      // Before the flush the fetching service behind the CDN is green; in the moment after it,
      // it takes the load the CDN no longer absorbs: 1/(1 − 0.95) = 20× as much, a little less
      // as the CDN starts refilling at once. The object storage it reads from, 15 % busy
      // before, would need 300 %: it turns red.
      await dragScrubber(page, flushS / 2, scenario.durationS);
      await expect.poll(() => shownMoment(page)).toBeLessThan(flushS - 5);
      expect(await shownMoment(page)).toBeGreaterThan(5);
      expect(await level(app, 'fetch')).toBe('green');
      const before = await busyPercent(app, 'fetch');
      expect(await level(app, 'out')).toBe('green');
      const outBefore = await busyPercent(app, 'out');
      await dragScrubber(page, flushS, scenario.durationS);
      // Within the second after the flush.
      await nudgeInto(page, flushS, flushS + 1);
      await expect.poll(() => level(app, 'fetch')).not.toBe('green');
      const after = await busyPercent(app, 'fetch');
      expect(after / before).toBeGreaterThan(14);
      expect(after / before).toBeLessThan(25);
      expect(await level(app, 'out')).toBe('red');
      // The keyboard moves it too: Home is the start of the run.
      await page.getByRole('slider', { name: 'Canvas at' }).press('Home');
      await expect(timeline.getByTestId('scrubbed-time')).toHaveText('0 s');
      await expect.poll(() => level(app, 'out')).toBe('green');
      // A click on a chart points at a moment too: three quarters of the way along the run.
      await clickChartAt(page, 'chart-latency', 0.75);
      await expect.poll(() => shownMoment(page)).toBeGreaterThan(0.75 * scenario.durationS - 2);
      expect(await shownMoment(page)).toBeLessThan(0.75 * scenario.durationS + 1);

      // What broke, and whether the flush was recovered from, in sentences.
      // The storage is red at least while the miss ratio m(t) = 1 − 0.95·(t − flush)/warm-up keeps
      // its busy share ρ₀·m/0.05 at 0.9 or more — longer by the backlog it then drains.
      const red = new RegExp(`Blurred images was overloaded or down from ${flushS} s, for ([\\d.]+) s in all\\.`);
      await expect(findings).toContainText(red);
      const redS = Number(red.exec((await findings.textContent()) ?? '')![1]);
      const atLeast = (warmupS * (1 - (0.9 * 0.05) / (outBefore / 100))) / 0.95;
      expect(redS).toBeGreaterThan(atLeast - 2);
      expect(redS).toBeLessThanOrEqual(scenario.durationS - flushS);
      await expect(findings).toContainText(new RegExp(`At ${flushS} s, Imagery CDN flushed.*: (recovered in [\\d.]+ s( \\(95 %: [\\d.]+ s–[\\d.]+ s\\))?|not recovered before the run ended)\\.`));

      // The canvas shrank to make room: no part of it lies under the timeline.
      const canvasBox = (await page.locator('.canvas-box').boundingBox())!;
      const paneBox = (await timeline.boundingBox())!;
      expect(canvasBox.y + canvasBox.height).toBeLessThanOrEqual(paneBox.y + 1);
    });
  });
}

test('"Fail this" and "Flush" in the inspector add events the scenario editor lists, each removable', async ({ app, page }) => {
  await openTemplate(app, page, 'Street View blurring');
  type Events = { type: string; node: string; atS: number; warmupS?: number; durationS?: number }[];
  const scenario = async () => ((await app.design()) as unknown as { scenario: { name: string; durationS: number; events: Events } }).scenario;
  // The template's own scenario: its events stay, the new ones go 30 % into it (no run yet to scrub).
  const own = await scenario();
  const at = 0.3 * own.durationS;
  await app.node('cdn').click();
  const actions = page.getByRole('region', { name: 'Scenario' });
  await expect(actions).toContainText(`Adds an event at ${at} s of “${own.name}”`);
  await actions.getByRole('button', { name: 'Flush' }).click();
  const timeline = page.getByRole('region', { name: 'Scenario timeline' });
  await expect(timeline).toBeVisible();
  // Only a cache can be flushed.
  await app.node('fetch').click();
  await expect(actions.getByRole('button', { name: 'Flush' })).toHaveCount(0);
  await actions.getByRole('button', { name: 'Fail this' }).click();

  const added = (await scenario()).events.slice(own.events.length);
  expect((await scenario()).events.slice(0, own.events.length)).toEqual(own.events);
  expect(added).toEqual([
    expect.objectContaining({ type: 'flush', atS: at, node: 'cdn' }),
    expect.objectContaining({ type: 'fail', atS: at, node: 'fetch', replicas: 1 }),
  ]);
  await timeline.getByRole('button', { name: 'Edit scenario' }).click();
  const editor = timeline.getByTestId('scenario-editor');
  const items = editor.getByRole('listitem');
  await expect(items).toHaveCount(own.events.length + 2);
  await expect(items.nth(own.events.length)).toContainText(`Imagery CDN: flushed, refills over ${added[0].warmupS} s`);
  await expect(items.nth(own.events.length + 1)).toContainText(`Fetching service: 1 replica fails for ${added[1].durationS} s`);

  // Moved, then removed, from the keyboard; one undo brings it back.
  const n = own.events.length + 2;
  const time = editor.getByRole('spinbutton', { name: `Time of event ${n} in seconds` });
  await time.fill(String(at + 10));
  await time.press('Tab');
  await expect.poll(async () => (await scenario()).events.at(-1)!.atS).toBe(at + 10);
  await editor.getByRole('button', { name: new RegExp(`^Remove event ${n}:`) }).press('Enter');
  await expect.poll(async () => (await scenario()).events.map((e) => e.node)).toEqual([...own.events.map((e) => e.node), 'cdn']);
  await app.pane().click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(async () => (await scenario()).events.map((e) => e.node)).toEqual([...own.events.map((e) => e.node), 'cdn', 'fetch']);
});

test('a timeline left open is on the first screen after a reload, not filled in a moment later', async ({ app: _app, page }) => {
  await page.keyboard.press('Shift+S');
  await expect(page.getByRole('region', { name: 'Scenario timeline' })).toBeVisible();
  // Each frame the page draws while it opens: once the app is on it, is the timeline too?
  await page.addInitScript(() => {
    const frames: boolean[] = [];
    (window as unknown as { __openingFrames: boolean[] }).__openingFrames = frames;
    const look = () => {
      if (document.querySelector('.app')) frames.push(document.querySelector('[aria-label="Scenario timeline"]') !== null);
      if (frames.length < 20) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __openingFrames: boolean[] }).__openingFrames.length)).toBeGreaterThan(2);
  expect(await page.evaluate(() => (window as unknown as { __openingFrames: boolean[] }).__openingFrames)).not.toContain(false);
});

test('Escape closes the timeline; open or closed, it stays so after a reload, and the page never scrolls', async ({ app: _app, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const timeline = page.getByRole('region', { name: 'Scenario timeline' });
  await expect(timeline).toHaveCount(0);
  await page.keyboard.press('Shift+S');
  await expect(timeline).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);
  const results = (await page.locator('.results').first().boundingBox())!;
  expect(results.y + results.height).toBeLessThanOrEqual(768);

  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect(timeline).toBeVisible();
  // F6 visits the timeline after the canvas (toolbar, components, canvas, timeline): its first control takes the focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 4; i++) await page.keyboard.press('F6');
  await expect(timeline.getByRole('combobox', { name: 'Scenario to run' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(timeline).toHaveCount(0);

  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect(timeline).toHaveCount(0);
});

test("a connection's retries and a component's autoscaling are set in the inspector, within the rules", async ({ app, page }) => {
  const client = await app.addByClick('client');
  const api = await app.addByClick('app-service');
  await app.connect(client, api);
  await expect.poll(async () => (await app.design()).edges.length).toBe(1);

  await page.locator('.svelte-flow__edge').first().click({ force: true });
  const resilience = page.getByRole('region', { name: 'Resilience' });
  await resilience.getByRole('checkbox', { name: 'Retries' }).check();
  const attempts = resilience.getByRole('spinbutton', { name: 'Attempts in all (1 = no retry)' });
  await expect(attempts).toHaveValue('3');
  await attempts.fill('4');
  await attempts.press('Enter');
  await resilience.getByRole('combobox', { name: 'Jitter' }).selectOption('equal');
  await expect.poll(async () => (await app.design()).edges[0].params.retry).toMatchObject({ maxAttempts: 4, jitter: 'equal' });
  // Past the rule's maximum of 10 attempts: refused with a sentence, the design unchanged.
  await attempts.fill('50');
  await attempts.press('Enter');
  await expect(resilience.getByRole('alert')).toContainText(/10 \(got 50\)/);
  expect((await app.design()).edges[0].params.retry).toMatchObject({ maxAttempts: 4 });
  await resilience.getByRole('checkbox', { name: 'Retries' }).uncheck();
  await expect.poll(async () => (await app.design()).edges[0].params.retry).toBeUndefined();

  await app.node(api).click();
  const scenario = page.getByRole('region', { name: 'Scenario' });
  await scenario.getByRole('checkbox', { name: 'Autoscaling' }).check();
  await scenario.getByRole('spinbutton', { name: 'Maximum replicas' }).fill('20');
  await scenario.getByRole('spinbutton', { name: 'Maximum replicas' }).press('Enter');
  await expect.poll(async () => (await app.design()).nodes.find((n) => n.id === api)!.params.autoscale).toMatchObject({ max: 20 });
});

test('the scenario editor sets the run, a source\'s load and a new event from the keyboard', async ({ app, page }) => {
  const timeline = await timelineOf(app, page, 'Street View blurring');
  await timeline.getByRole('button', { name: 'Edit scenario' }).click();
  const editor = timeline.getByTestId('scenario-editor');
  type S = { durationS: number; profiles?: Record<string, unknown>; events: { type: string; atS: number; frame?: string; node?: string }[] };
  const scenario = async () => ((await app.design()) as unknown as { scenario: S }).scenario;
  const own = await scenario();

  const duration = editor.getByRole('spinbutton', { name: 'Scenario duration in seconds' });
  await duration.fill('120');
  await duration.press('Tab');
  await expect.poll(async () => (await scenario()).durationS).toBe(120);

  await editor.getByRole('combobox', { name: 'Load profile of Map viewers' }).selectOption({ label: 'Spike' });
  await expect.poll(async () => (await scenario()).profiles?.users).toEqual({ shape: 'spike', atS: 36, durationS: 24, factor: 3 });
  const factor = editor.getByRole('spinbutton', { name: "× rate of Map viewers's load" });
  await factor.fill('5');
  await factor.press('Tab');
  await expect.poll(async () => (await scenario()).profiles?.users).toMatchObject({ factor: 5 });

  // A zone down: the frames are offered, not the components.
  await editor.getByRole('combobox', { name: 'New event', exact: true }).selectOption({ label: 'Zone down' });
  await editor.getByRole('combobox', { name: 'Component of the new event' }).selectOption({ label: 'Online serving' });
  await editor.getByRole('spinbutton', { name: 'Time of the new event in seconds' }).fill('50');
  await editor.getByRole('button', { name: 'Add' }).press('Enter');
  await expect.poll(async () => (await scenario()).events.length).toBe(own.events.length + 1);
  expect((await scenario()).events).toContainEqual({ type: 'frame-down', atS: 50, frame: 'on', durationS: 24 });
  await expect(editor.getByRole('listitem').last()).toContainText('Online serving: zone down for 24 s');
});

test('Stop ends a run under way and says how far it got', async ({ app, page }) => {
  const timeline = await timelineOf(app, page, 'Street View blurring');
  await timeline.getByRole('button', { name: '▶ Run' }).click();
  await timeline.getByRole('button', { name: 'Stop' }).click();
  await expect(timeline.getByRole('button', { name: '▶ Run' })).toBeEnabled();
  await expect(timeline.getByTestId('findings')).toContainText(/Stopped at [\d.]+ s/);
  await expect(timeline.getByRole('progressbar')).toHaveCount(0);
});
