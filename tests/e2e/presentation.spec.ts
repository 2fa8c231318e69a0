// Presentation mode restyles the canvas from the canvas's own stylesheet and frames the design
// through the canvas's API; leaving it gives the components their usual size back.
import { expect, test } from './fixtures';

test('presentation mode hides the zoom buttons, enlarges components and frames the design', async ({ app, page }) => {
  await app.open();
  const a = await app.addByClick('client');
  await app.addByClick('model-server-cpu');
  await app.settle();

  const box = () => app.node(a).locator('.component').evaluate((el) => [el.getBoundingClientRect().width, el.getBoundingClientRect().height, parseFloat(getComputedStyle(el).fontSize)]);
  const zoom = () => page.evaluate(() => (window as any).__app.canvas.getViewport().zoom as number);
  // At zoom 1 a component is drawn at the model's component size.
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: 0, y: 0, zoom: 1 }));
  await app.settle();
  expect(await box()).toEqual([184, 64, 13]);

  // Far out, so framing the design has to zoom in.
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: 0, y: 0, zoom: 0.2 }));
  await expect(page.locator('.svelte-flow__controls')).toBeVisible();
  await app.clearSelection();
  await page.keyboard.press('p');
  await expect(page.getByTestId('app')).toHaveClass(/presenting/);
  await expect(page.locator('.svelte-flow__controls')).toBeHidden();
  await expect.poll(zoom).toBeGreaterThan(1);
  const [, height, font] = await box();
  expect(font).toBe(16);
  expect(height).toBeGreaterThan(64 * 1.2); // 92 px tall, at a zoom above 1

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('app')).not.toHaveClass(/presenting/);
  await expect(page.locator('.svelte-flow__controls')).toBeVisible();
  // Leaving frames the design again, animated: wait until the view stops moving.
  await expect.poll(async () => {
    const before = await zoom();
    await page.waitForTimeout(150);
    return (await zoom()) === before;
  }).toBe(true);
  await page.evaluate(() => (window as any).__app.canvas.setViewport({ x: 0, y: 0, zoom: 1 }));
  await app.settle();
  expect(await box()).toEqual([184, 64, 13]);
});
