// The app's chrome at the smallest width it supports: the toolbar on one row with every control
// named and reachable, the theme toggle, and the Share menu driven by the keyboard alone.
import { test, expect } from './fixtures';

test.use({ viewport: { width: 1024, height: 768 }, colorScheme: 'light' });

const CONTROLS = 'button, input, select, [tabindex="0"]';

test('at 1,024 × 768 the toolbar is one row, all inside the window, every control named', async ({ app: _app, page }) => {
  const toolbar = page.locator('header.toolbar');
  const bar = (await toolbar.boundingBox())!;
  const controls = await toolbar.locator(CONTROLS).all();
  expect(controls.length).toBeGreaterThan(12);
  for (const c of controls) {
    await expect(c).toBeVisible();
    await expect(c).toHaveAccessibleName(/\S/);
    const box = (await c.boundingBox())!;
    expect(box.x, await c.getAttribute('aria-label') ?? '').toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    // One row: each control lies within the bar, and the bar is no taller than one control plus padding.
    expect(box.y).toBeGreaterThanOrEqual(bar.y);
    expect(box.y + box.height).toBeLessThanOrEqual(bar.y + bar.height);
  }
  expect(bar.height).toBeLessThan(48);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
});

test('Tab reaches every enabled toolbar control, each with a visible focus ring', async ({ app: _app, page }) => {
  const toolbar = page.locator('header.toolbar');
  const wanted = await toolbar.locator(CONTROLS).evaluateAll((els) =>
    els.filter((e) => !(e as HTMLButtonElement).disabled).map((e) => e.getAttribute('aria-label') ?? e.closest('label')?.textContent?.trim()),
  );
  expect(wanted.length).toBeGreaterThan(10);
  const reached = new Set<string | null | undefined>();
  await page.locator('body').focus();
  for (let i = 0; i < 40 && reached.size < wanted.length; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      if (!el.closest('header.toolbar')) return null;
      const style = getComputedStyle(el);
      return { name: el.getAttribute('aria-label') ?? el.closest('label')?.textContent?.trim(), ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!seen) continue;
    expect(seen.ring, `focus ring on ${seen.name}`).toBe(true);
    reached.add(seen.name);
  }
  expect([...reached].sort()).toEqual([...wanted].sort());
});

test('the theme toggle switches data-theme on <html>, and the choice survives a reload', async ({ app: _app, page }) => {
  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: 'Toggle theme' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  // system (light here) → light → dark → system.
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const panel = await page.locator('header.toolbar').evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(panel).not.toBe('rgb(255, 255, 255)');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('the Share menu opens, moves and closes with the keyboard, and closes on a click outside', async ({ app: _app, page }) => {
  const trigger = page.getByRole('button', { name: 'Share and export' });
  const menu = page.getByRole('menu', { name: 'Share and export' });
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());

  await trigger.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(trigger).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem', { name: 'Copy link' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'PNG image' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Import design file' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toBe('Copy link…');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Import design file' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(trigger).toBeFocused();
  await expect(trigger).toHaveAttribute('aria-expanded', 'false');

  // ↓ on the button opens it too, and Enter on an item runs it: here the share dialog.
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Copy link' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog.getByRole('button', { name: 'Copy', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await trigger.click();
  await expect(menu).toBeVisible();
  await page.locator('aside.inspector').click({ position: { x: 200, y: 320 } });
  await expect(menu).toHaveCount(0);
});

test('the page never scrolls: the panels scroll inside the window and the results bar stays in view, with or without the text pane', async ({ app: _app, page }) => {
  const fits = async () => {
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);
    const results = (await page.locator('.results').first().boundingBox())!;
    expect(results.y + results.height).toBeLessThanOrEqual(768);
  };
  await fits();
  await page.keyboard.press('Shift+E');
  await expect(page.getByRole('textbox', { name: /text/i }).first()).toBeVisible();
  await fits();
});
