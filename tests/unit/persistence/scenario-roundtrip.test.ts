// A scenario and the resilience settings travel every way a design does — saved and reopened,
// in a share link, as a file exported and imported (JSON, and inside an SVG picture), and through
// the text pane's print and read — and come back exactly, through the app's own code paths.
import { describe, expect, it } from 'vitest';
import { designToJson } from '../../../src/persistence/design-file';
import { designTextFromFile } from '../../../src/persistence/import-file';
import { decodeShareLink, encodeShareLink } from '../../../src/persistence/share-link';
import { embedTextInSvg } from '../../../src/persistence/svg-metadata';
import { parseDesign, printDesign } from '../../../src/persistence/design-text';
import { restore } from '../../../src/persistence/restore';
import { catalog } from '../../../src/catalog';
import { opts, scenarioDesign } from './scenario-fixture';

const json = (v: unknown) => JSON.stringify(v);

function reopened(text: string) {
  const r = restore(text, opts);
  if (!r.ok) throw new Error(r.error);
  expect(r.warnings).toEqual([]);
  return r.design;
}

describe('a scenario round trip', () => {
  it('save → reopen is byte for byte', () => {
    const d = scenarioDesign();
    const saved = JSON.stringify(d);
    expect(JSON.stringify(reopened(saved))).toBe(saved);
    expect((reopened(saved).scenario as { events: unknown[] }).events).toHaveLength(4);
  });

  it('a share link carries the scenario and every resilience setting', async () => {
    const d = scenarioDesign();
    const link = await encodeShareLink(d, opts);
    const r = await decodeShareLink(link, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toEqual([]);
    // The link leaves `format` out and restore() puts it back first: the same design, keys reordered.
    expect(r.design).toEqual(d);
  });

  it('a file export → import (JSON, and inside an SVG picture) gives the same design', () => {
    const d = scenarioDesign();
    const file = new TextEncoder().encode(designToJson(d));
    const read = designTextFromFile(file);
    if (!read.ok) throw new Error(read.error);
    expect(json(reopened(read.text))).toBe(json(d));
    const svg = embedTextInSvg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>', JSON.stringify(d));
    const fromSvg = designTextFromFile(new TextEncoder().encode(svg));
    if (!fromSvg.ok) throw new Error(fromSvg.error);
    expect(json(reopened(fromSvg.text))).toBe(json(d));
  });

  it('the text pane prints the resilience settings and reads them back; the scenario stays', () => {
    const d = scenarioDesign();
    const defaultsFor = (k: string) => catalog.defaultsFor(k);
    const text = printDesign(d, defaultsFor);
    expect(text).toMatch(/users -> api .*timeoutMs=800/);
    expect(text).toMatch(/autoscale\.min=2/);
    const r = parseDesign(text, { defaultsFor, base: d, knownParamsOnly: true });
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
    // The text re-reads labels after the rest: the same design, a few keys in another order.
    expect(r.design).toEqual(d);
    // Printed again after an edit made in the text, the scenario is still there.
    const edited = parseDesign(text.replace('timeoutMs=800', 'timeoutMs=900'), { defaultsFor, base: d, knownParamsOnly: true });
    if (!edited.ok) throw new Error(edited.errors[0].message);
    expect(edited.design.scenario).toEqual(d.scenario);
    expect(edited.design.edges[0].params.timeoutMs).toBe(900);
    // A new connection typed with retries is read like any other setting.
    const typed = parseDesign(`${text}x: app-service\napi -> x timeoutMs=50 retry={"maxAttempts":2,"baseMs":10}\n`, { defaultsFor, base: d, knownParamsOnly: true });
    if (!typed.ok) throw new Error(typed.errors[0].message);
    expect(typed.design.edges.at(-1)!.params).toEqual({ mode: 'sync', timeoutMs: 50, retry: { maxAttempts: 2, baseMs: 10 } });
    const wrong = parseDesign(`${text}api -> cache retry={"maxAttempts":50,"baseMs":10}\n`, { defaultsFor, base: d, knownParamsOnly: true });
    expect(wrong).toMatchObject({ ok: false, errors: [{ message: 'retry.maxAttempts must be between 1 and 10 (got 50).' }] });
  });
});
