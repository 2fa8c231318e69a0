// Every gallery template must open cleanly, meet its own SLO in both engines at the SLO's load,
// and fit a share link — the promises the gallery makes about them.
import { describe, expect, test } from 'vitest';
import { TEMPLATES, loadTemplate, templateFileIds } from '../../../src/templates';
import { templateDesign } from '../../../src/app/templates';
import { restore } from '../../../src/persistence/restore';
import { encodeShareLink } from '../../../src/persistence/share-link';
import { catalog } from '../../../src/catalog';
import { evaluateSlo, readSlo, totalSourceRps } from '../../../src/app/slo';
import { simulateDes } from '../../../src/simulation/des';
import type { Design } from '../../../src/model/design';

const STEPS = ['requirements', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring'];
const defaultsFor = (kind: string) => catalog.defaultsFor(kind);

async function opened(id: string): Promise<Design> {
  const r = restore(await loadTemplate(id), { defaultsFor });
  if (!r.ok) throw new Error(`${id}: ${r.error}`);
  expect(r.warnings, id).toEqual([]);
  return r.design;
}

test('the list names the ten case studies in the book\'s order, then the four GenAI ones, one file each', async () => {
  expect(TEMPLATES.map((t) => t.name)).toEqual([
    'Visual search', 'Street View blurring', 'YouTube video search', 'Harmful content detection', 'Video recommendation',
    'Event recommendation', 'Ad click prediction', 'Similar listings', 'Personalized news feed', 'People you may know',
    'Chat assistant', 'RAG assistant', 'Code copilot', 'Text-to-image generation',
  ]);
  expect(templateFileIds().sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
  for (const t of TEMPLATES) expect((await opened(t.id)).name).toBe(t.name);
});

test('an unknown template is a message, not an exception', async () => {
  expect(await templateDesign('no-such-case')).toEqual({ ok: false, error: 'There is no template "no-such-case".' });
});

describe.each(TEMPLATES.map((t) => [t.id]))('%s', (id) => {
  test('opens through restore() without warnings, with known kinds only', async () => {
    const d = await opened(id);
    for (const n of d.nodes) if (n.kind !== 'group' && n.kind !== 'note') expect(catalog.get(n.kind), `${id}/${n.id}`).toBeDefined();
    const r = await templateDesign(id);
    expect(r.ok && r.warnings).toEqual([]);
  });

  test('has both paths in frames, notes for the seven steps and an SLO', async () => {
    const d = await opened(id);
    const frames = d.nodes.filter((n) => n.kind === 'group');
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.some((f) => f.label === 'Online serving')).toBe(true);
    const components = d.nodes.filter((n) => n.kind !== 'group');
    expect(components.every((n) => n.parentId && frames.some((f) => f.id === n.parentId)), 'every component sits in a frame').toBe(true);
    const modes = new Set(d.edges.map((e) => e.params.mode));
    expect(modes.has('sync') && modes.has('offline')).toBe(true);
    expect(Object.keys(d.notes).sort()).toEqual([...STEPS].sort());
    for (const s of STEPS) expect(d.notes[s].length, `${id} note ${s}`).toBeGreaterThan(60);
    const slo = readSlo(d);
    expect(slo).not.toBeNull();
    expect(totalSourceRps(d)).toBe(slo!.rps);
  });

  test('components do not overlap and frames hold their members', async () => {
    const d = await opened(id);
    const W = 184, H = 64;
    const byId = new Map(d.nodes.map((n) => [n.id, n]));
    const boxes = d.nodes.filter((n) => n.kind !== 'group').map((n) => {
      const f = byId.get(n.parentId!)!;
      expect(n.position.x >= 0 && n.position.y >= 0 && n.position.x + W <= f.size!.width && n.position.y + H <= f.size!.height, `${id}/${n.id} inside its frame`).toBe(true);
      return { id: n.id, x: f.position.x + n.position.x, y: f.position.y + n.position.y };
    });
    for (const a of boxes) for (const b of boxes) {
      if (a.id < b.id) expect(Math.abs(a.x - b.x) >= W || Math.abs(a.y - b.y) >= H, `${a.id} and ${b.id} overlap`).toBe(true);
    }
    const frames = d.nodes.filter((n) => n.kind === 'group');
    for (const a of frames) for (const b of frames) {
      if (a.id < b.id) expect(a.position.y + a.size!.height <= b.position.y || b.position.y + b.size!.height <= a.position.y, `frames ${a.id} and ${b.id} overlap`).toBe(true);
    }
  });

  test('is stable and within its SLO in the analytic engine', async () => {
    const d = await opened(id);
    const slo = readSlo(d)!;
    const v = evaluateSlo(d, slo);
    expect(v.reason, id).toBeUndefined();
    expect(v.met, `${id}: p99 ${v.p99Ms} ms vs SLO ${slo.p99Ms} ms`).toBe(true);
  });

  test('is stable and within its SLO in the discrete-event engine', async () => {
    const d = await opened(id);
    const slo = readSlo(d)!;
    const r = simulateDes(d, { requests: 200_000, seed: 7, loadScale: slo.rps / totalSourceRps(d) });
    if (!r.ok) throw new Error(r.error);
    expect(r.report.stable, `${id} overloaded: ${r.report.overloaded.join(', ')}`).toBe(true);
    expect(r.report.errorRate).toBeLessThan(0.001);
    expect(r.report.latencyMs.p99!, `${id}: p99 vs SLO ${slo.p99Ms} ms`).toBeLessThanOrEqual(slo.p99Ms);
  }, 60_000); // 2·10⁵ requests take a second or two, more on a busy machine

  test('fits a 2,000-character share link', async () => {
    const link = await encodeShareLink(await opened(id), { defaultsFor });
    expect(link.length).toBeLessThanOrEqual(2000);
  });
});
