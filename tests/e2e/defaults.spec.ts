// What a new user meets first: an empty canvas that says how to start, a component that lands
// where it was dropped, names read whole, and a minimap that can be put away and covers nothing.
import { test, expect, type AppPage } from './fixtures';
import type { Locator, Page } from '@playwright/test';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A grid of components filling the canvas's shape, as a design grown on the canvas would. */
async function grid(page: Page, cols: number, rows: number) {
  await page.evaluate(([cols, rows]) => {
    const nodes: unknown[] = [];
    for (let i = 0; i < cols * rows; i++) {
      nodes.push({ id: `n${i}`, kind: 'cache', position: { x: (i % cols) * 260, y: Math.floor(i / cols) * 140 }, params: {} });
    }
    (window as any).__app.editor.dispatch((d: any) => ({ ...d, nodes }));
  }, [cols, rows]);
}

async function dropAt(app: AppPage, kind: string, at: { x: number; y: number }) {
  await app.paletteItem(kind).dragTo(app.pane(), { targetPosition: at });
}

const centre = async (l: Locator) => {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

test('the empty canvas says how to start, offers the templates, and goes once something is added', async ({ app, page }) => {
  const hint = page.getByTestId('empty-canvas');
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('Drag a component from the left, press Ctrl+K to add by name, or start from a template');
  await hint.getByRole('button', { name: /template/ }).click();
  await expect(page.getByRole('dialog')).toContainText('Video recommendation');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await app.addByClick('cache');
  await expect(hint).toHaveCount(0);
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await app.design()).nodes.length).toBe(0);
  await expect(hint).toBeVisible();
});

test('a dropped component lands where it was dropped, the first and the second', async ({ app, page }) => {
  const box = (await app.pane().boundingBox())!;
  // Both points off the centre (a view that re-centres would move them) and inside the window.
  const visibleHeight = Math.min(box.height, page.viewportSize()!.height - box.y);
  const points = [{ x: 180, y: 140 }, { x: box.width - 260, y: visibleHeight - 200 }];
  for (const [i, at] of points.entries()) {
    await dropAt(app, i === 0 ? 'cache' : 'kafka', at);
    await expect.poll(async () => (await app.design()).nodes.length).toBe(i + 1);
    await app.settle();
    const id = (await app.design()).nodes[i].id;
    // Read after the drop: bringing the palette item into view may have scrolled the page.
    const pane = (await app.pane().boundingBox())!;
    const c = await centre(app.node(id));
    expect(Math.abs(c.x - (pane.x + at.x)), `drop ${i + 1}, x`).toBeLessThan(12);
    expect(Math.abs(c.y - (pane.y + at.y)), `drop ${i + 1}, y`).toBeLessThan(12);
  }
});

test('a long name wraps to two lines and reads whole', async ({ app }) => {
  const id = await app.addByClick('candidate-generation');
  const label = app.node(id).locator('.label');
  await expect(label).toHaveText('Candidate generation');
  const fits = await label.evaluate((el) => ({
    lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    cutX: el.scrollWidth > el.clientWidth,
    cutY: el.scrollHeight > el.clientHeight + 1,
  }));
  expect(fits).toEqual({ lines: 2, cutX: false, cutY: false });
  // The two lines and the kind's line stay inside the component.
  const node = (await app.node(id).locator('.component').boundingBox())!;
  const kind = (await app.node(id).locator('.kind').boundingBox())!;
  expect(kind.y + kind.height).toBeLessThanOrEqual(node.y + node.height);
});

test('the minimap hides and shows (button, Shift+M), remembers it, and a fit keeps components clear of it', async ({ app, page }) => {
  const minimap = page.getByLabel('Minimap: click or drag to move the view');
  await expect(minimap).toBeVisible();

  await grid(page, 4, 4);
  // The fit that Shift+1 and opening a design make, without its animation.
  await page.evaluate(() => (window as any).__app.canvas.fitView(0));
  await app.settle();
  const map = (await page.locator('.minimap').boundingBox())!;
  for (let i = 0; i < 16; i++) {
    const b = (await app.node(`n${i}`).boundingBox())!;
    expect(overlaps(b, map), `n${i} under the minimap`).toBe(false);
  }

  await page.getByRole('button', { name: 'Hide the minimap' }).click();
  await expect(minimap).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  await expect(minimap).toHaveCount(0);
  await page.getByRole('button', { name: 'Minimap' }).click();
  await expect(minimap).toBeVisible();
  // Shown again, it is drawn (at least the frame of the view), not left blank.
  const drawn = () => minimap.evaluate((c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0));
  await expect.poll(drawn).toBe(true);

  await app.pane().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+M');
  await expect(minimap).toHaveCount(0);
  await page.keyboard.press('Shift+M');
  await expect(minimap).toBeVisible();
});

test('the minimap draws the components and the view, follows a pan, and takes in an edit', async ({ app, page }) => {
  const minimap = page.getByLabel('Minimap: click or drag to move the view');
  await grid(page, 6, 4);
  await page.evaluate(() => (window as any).__app.canvas.fitView(0));
  await app.settle();
  // What the minimap shows, as a digest of its pixels, once it has drawn (one animation frame).
  const pixels = async () => {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return minimap.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let h = 0;
      let drawn = 0;
      for (let i = 0; i < d.length; i++) h = (Math.imul(h, 31) + d[i]) | 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) drawn++;
      return { h, drawn };
    });
  };
  const fitted = await pixels();
  // The components take a good part of it, not just the frame of the view.
  expect(fitted.drawn).toBeGreaterThan(2000);
  const view = await page.evaluate(() => (window as any).__app.canvas.getViewport());
  // Far off to the right: the map takes in the view too, so the components shrink.
  await page.evaluate((v) => (window as any).__app.canvas.setViewport({ ...v, x: v.x - 20000 * v.zoom }), view);
  const away = await pixels();
  expect(away.h).not.toBe(fitted.h);
  expect(away.drawn).toBeLessThan(fitted.drawn);
  // Back where it was: the same picture, pixel for pixel.
  await page.evaluate((v) => (window as any).__app.canvas.setViewport(v), view);
  expect((await pixels()).h).toBe(fitted.h);
  // An edit (half the components removed) is drawn, not a copy of what was there.
  await page.evaluate(() => (window as any).__app.editor.dispatch((d: any) => ({ ...d, nodes: d.nodes.slice(0, 12) })));
  await app.settle();
  const edited = await pixels();
  expect(edited.h).not.toBe(fitted.h);
  expect(edited.drawn).toBeLessThan(fitted.drawn);
});

test('a canvas too small for the minimap (the results open) is left clear of it, and it returns with the room', async ({ app, page }) => {
  const minimap = page.getByLabel('Minimap: click or drag to move the view');
  await grid(page, 4, 4);
  await expect(minimap).toBeVisible();
  const panel = page.getByRole('region', { name: 'Simulation results' });
  const toggle = panel.getByRole('button', { name: /Results/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  // The canvas is now less than three minimaps high: nothing of it sits in the corner.
  const pane = (await app.pane().boundingBox())!;
  expect(pane.height).toBeLessThan(3 * (140 + 24));
  await expect(minimap).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Minimap' })).toHaveCount(0);
  // The preference is untouched: closing the results brings it back.
  await toggle.click();
  await expect(minimap).toBeVisible();
});
