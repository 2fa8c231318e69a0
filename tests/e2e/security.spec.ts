// Hostile input in the browser: markup in labels and notes shows as text and never runs, from a
// file or a link; the built page's Content-Security-Policy holds and the app works under it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { test, expect, type AppPage, fromShareMenu } from './fixtures';
import type { Page } from '@playwright/test';

const hostile = readFileSync(join(import.meta.dirname, '../fixtures/hostile-labels.json'), 'utf8');
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';

/** CSP violations as the page reports them: console messages and securitypolicyviolation events. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const messages: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) messages.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  return async () => [...messages, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

async function expectShownLiterally(app: AppPage, page: Page) {
  await expect(app.node('a')).toContainText(IMG);
  await expect(app.node('b')).toContainText(SCRIPT);
  await expect(app.node('n')).toContainText('<svg onload=window.__pwned=1></svg>');
  // Given time to fire, nothing did: no element was made from the text.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('.svelte-flow img, .svelte-flow script, .svelte-flow a[href^="javascript"]').count()).toBe(0);
  expect(await page.evaluate(() => ({} as Record<string, unknown>).pwned)).toBeUndefined();
}

test('markup in labels and notes of an imported file is shown as text and never runs', async ({ app, page }) => {
  const chooser = page.waitForEvent('filechooser');
  await fromShareMenu(page, 'Import design file');
  await (await chooser).setFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(hostile) });
  await expect.poll(async () => (await app.design()).nodes.length).toBe(3);
  await expectShownLiterally(app, page);
  await app.node('a').click();
  await expect(page.getByRole('textbox', { name: 'Label' })).toHaveValue(IMG);
});

test('markup in a shared link is shown as text and never runs', async ({ app, page }) => {
  const link = `/#d=1.${deflateRawSync(Buffer.from(hostile)).toString('base64url')}`;
  await app.open(link);
  await expect(page.getByText('Preview of a shared design')).toBeVisible();
  await expectShownLiterally(app, page);
});

test('the built page carries a strict CSP, and the app works under it without violations', async ({ page, app }) => {
  const violations = await watchCsp(page);
  await app.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const scriptSrc = csp?.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
  // Script from the app's own origin only, and WebAssembly compiled (the simulator's engine): no eval, no inline script.
  expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("object-src 'none'");

  // Use the app: add and connect, edit, open dialogs, share, toggle the theme, import a file.
  const a = await app.addByClick('client');
  const b = await app.addByClick('cache');
  await app.connect(a, b);
  await page.getByRole('textbox', { name: 'Label' }).fill('Edge cache');
  await fromShareMenu(page, 'Copy link');
  await expect(page.getByRole('dialog', { name: 'Share link' }).getByRole('textbox')).toHaveValue(/#d=2\.[0-9a-f]{8}\./);
  await page.keyboard.press('Escape');
  // Workers must start under the policy too: auto-layout (Shift+L) runs ELK in one.
  const worker = page.waitForEvent('worker');
  await page.keyboard.press('Shift+L');
  await worker;
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await page.keyboard.press('Escape');
  const chooser = page.waitForEvent('filechooser');
  await fromShareMenu(page, 'Import design file');
  await (await chooser).setFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(hostile) });
  await expect.poll(async () => (await app.design()).nodes.length).toBe(3);
  await app.waitSaved();
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  await app.addByClick('kafka');
  await app.waitSaved();
  expect(await violations()).toEqual([]);

  // The policy is in force, and the watch above sees it: an inline script is refused and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.head.append(s);
  });
  await expect.poll(async () => (await violations()).some((v) => /script-src/.test(v))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
});

test('broken and hostile files get a clear message and change nothing saved', async ({ app, page }) => {
  await app.addByClick('cache');
  await app.waitSaved();
  const saved = await app.design();
  const cases: [string, string][] = [
    ['{"format":"mlsd-design","version":1,"nodes":[{"id":"a","kind":"cache"', 'not valid JSON'],
    [JSON.stringify({ format: 'mlsd-design', version: 1, nodes: [{ id: 'a', kind: 'cache' }, { id: 'a', kind: 'kafka' }], edges: [] }), 'same id "a"'],
    [JSON.stringify({ format: 'mlsd-design', version: 42, nodes: [], edges: [] }), 'newer version of the app'],
    [JSON.stringify({ nodes: [{ id: 'a', kind: 'cache' }], edges: [{ id: 'e', source: 'a', target: 'nowhere' }] }), 'missing component "nowhere"'],
    [JSON.stringify({ nodes: [{ id: 'a', kind: 'cache', params: { replicas: -5 } }], edges: [] }), 'replicas must be between'],
  ];
  for (const [text, message] of cases) {
    const chooser = page.waitForEvent('filechooser');
    await fromShareMenu(page, 'Import design file');
    await (await chooser).setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const alert = page.getByRole('alert').filter({ hasText: 'Import failed' });
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Nothing was changed');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  expect(await app.design()).toEqual(saved);
  await page.reload();
  await expect(page.locator('.app.ready')).toBeVisible();
  expect(await app.design()).toEqual(saved);
  await page.getByRole('button', { name: 'Designs' }).click();
  await expect(page.getByRole('list', { name: 'Saved designs' }).getByRole('listitem')).toHaveCount(1);
});
