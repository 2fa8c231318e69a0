// Page object for the end-to-end specs: drives the app as a user does, and reads the model
// through the small `window.__app` hook instead of scraping pixels.
import { test as base, expect, type Page } from '@playwright/test';

interface DesignLike {
  name: string;
  nodes: { id: string; kind: string; label?: string; position: { x: number; y: number }; params: Record<string, unknown>; parentId?: string }[];
  edges: { id: string; source: string; target: string; params: Record<string, unknown> }[];
  notes: Record<string, string>;
  slo?: { p99Ms: number; rps: number };
}

export class AppPage {
  constructor(readonly page: Page) {}

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.locator('.app.ready')).toBeVisible();
  }

  design(): Promise<DesignLike> {
    return this.page.evaluate(() => JSON.parse(JSON.stringify((window as any).__app.editor.design)));
  }

  saveStatus() {
    return this.page.getByTestId('save-status');
  }

  async waitSaved() {
    await expect(this.saveStatus()).toHaveText('Saved');
  }

  paletteItem(kind: string) {
    return this.page.locator(`.palette button[data-kind="${kind}"]`);
  }

  node(id: string) {
    return this.page.locator(`.svelte-flow__node[data-id="${id}"]`);
  }

  pane() {
    return this.page.locator('.svelte-flow__pane');
  }

  async addByClick(kind: string): Promise<string> {
    const before = new Set((await this.design()).nodes.map((n) => n.id));
    await this.paletteItem(kind).click();
    const after = await this.design();
    const added = after.nodes.find((n) => !before.has(n.id));
    expect(added, `a ${kind} was added`).toBeTruthy();
    return added!.id;
  }

  async clearSelection() {
    await this.page.keyboard.press('Escape');
  }

  /** Drags from the source handle of one node to the target handle of another. */
  /** Lets the canvas render what the model says before reading positions from the page. */
  async settle() {
    await this.page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  }

  async connect(sourceId: string, targetId: string) {
    const from = this.node(sourceId).locator('.svelte-flow__handle.source');
    const to = this.node(targetId).locator('.svelte-flow__handle.target');
    // The view may still be gliding to a component just added: read the handles once they stay put.
    let a = (await from.boundingBox())!;
    let b = (await to.boundingBox())!;
    for (let i = 0; i < 60; i++) {
      await this.settle();
      const a2 = (await from.boundingBox())!;
      const b2 = (await to.boundingBox())!;
      const still = a2.x === a.x && a2.y === a.y && b2.x === b.x && b2.y === b.y;
      a = a2;
      b = b2;
      if (still) break;
    }
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + 40, a.y + a.height / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await this.page.mouse.up();
  }
}

/** Picks an item of the toolbar's Share menu: Copy link, an export format, or Import. */
export async function fromShareMenu(page: Page, item: string) {
  await page.getByRole('button', { name: 'Share and export' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Exports the design as an SVG picture from the command palette; returns the download's file name. */
export async function exportSvgFromPalette(app: AppPage): Promise<string> {
  const page = app.page;
  await app.pane().click();
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.type('export as svg');
  const download = page.waitForEvent('download');
  await page.getByRole('option', { name: /Export as SVG image/ }).click();
  return (await download).suggestedFilename();
}

export const test = base.extend<{ app: AppPage }>({
  app: async ({ page }, use) => {
    const app = new AppPage(page);
    await app.open();
    await use(app);
  },
});

export { expect };
