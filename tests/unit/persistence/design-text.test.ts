// The design text language: reading what a person types, and printing a design so that reading
// it back gives the same design — for every template and for random designs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog';
import { restore } from '../../../src/persistence/restore';
import { parseDesign, printDesign, type ParseOptions } from '../../../src/persistence/design-text';
import type { Design } from '../../../src/model/design';
import { prng, sample } from './fuzz-cases';

const defaultsFor = (k: string) => catalog.defaultsFor(k);
const kinds = catalog.kinds.map((k) => k.kind);
const options = (base?: Design): ParseOptions => ({ defaultsFor, kinds, base });

function parsed(text: string, base?: Design): Design {
  const r = parseDesign(text, options(base));
  if (!r.ok) throw new Error(r.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n'));
  return r.design;
}

function errorsOf(text: string, base?: Design) {
  const r = parseDesign(text, options(base));
  if (r.ok) throw new Error('expected the text to be refused');
  return r.errors;
}

/** What the text holds: the design without positions, sizes, step notes and connection ids. */
function textual(d: Design) {
  return {
    name: d.name,
    slo: d.slo,
    nodes: d.nodes.map(({ position: _p, size: _s, ...n }) => n),
    edges: d.edges.map(({ id: _i, ...e }) => e),
  };
}

const dir = join(import.meta.dirname, '../../../src/templates/designs');
const templates = readdirSync(dir).map((f) => {
  const r = restore(readFileSync(join(dir, f), 'utf8'), { defaultsFor });
  if (!r.ok) throw new Error(r.error);
  return [f, r.design] as const;
});

describe('design text: round trip', () => {
  it.each(templates)('%s: reading the printed text gives the design back', (_f, design) => {
    const text = printDesign(design, defaultsFor);
    expect(textual(parsed(text))).toEqual(textual(design));
    // Over the design it came from, positions, sizes, notes and connection ids are kept too.
    expect(parsed(text, design)).toEqual(design);
  });

  it('holds for 300 random designs (seeded)', () => {
    const rng = prng(20261130);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const raw = sample(rng, kinds) as { nodes: { params: Record<string, unknown> }[]; edges: { params: Record<string, unknown> }[] };
      // Parameters off their defaults, odd labels and connection details, so the text must carry them.
      for (const n of raw.nodes) if (rng.next() < 0.5) n.params = { replicas: 1 + rng.int(50), service: { meanMs: rng.int(100) / 4 }, note: 'a "quoted" value #1' };
      for (const e of raw.edges as { params: Record<string, unknown>; label?: string }[]) {
        if (rng.next() < 0.5) e.params = { ...e.params, probability: rng.int(100) / 100, networkMs: rng.int(9), tag: ['x', 1] };
        if (rng.next() < 0.3) e.label = `via "q" #${rng.int(9)} -> ~>`;
      }
      const r = restore(raw, { defaultsFor });
      if (!r.ok) continue;
      const d = r.design;
      const text = printDesign(d, defaultsFor);
      expect(textual(parsed(text)), text).toEqual(textual(d));
      expect(parsed(text, d)).toEqual(d);
      checked++;
    }
    // Most random designs are valid ones: a run that skipped them all would prove nothing.
    expect(checked).toBeGreaterThan(250);
  });

  it('carries ids, labels and values that need quoting', () => {
    const text = [
      'design "Odd # names"',
      '"my id": client "Say \\"hi\\" -> there" rps=12.5',
      'x.y-1: kafka "π 🚀" extra="a b" list=[1,"two"]',
      '"my id" ~> x.y-1 "events" p=0.25 net=3',
    ].join('\n');
    const d = parsed(text);
    expect(d.name).toBe('Odd # names');
    expect(d.nodes.map((n) => [n.id, n.label])).toEqual([['my id', 'Say "hi" -> there'], ['x.y-1', 'π 🚀']]);
    expect(d.nodes[1].params).toMatchObject({ extra: 'a b', list: [1, 'two'] });
    expect(d.edges[0]).toMatchObject({ source: 'my id', target: 'x.y-1', label: 'events', params: { mode: 'async', probability: 0.25, networkMs: 3 } });
    expect(textual(parsed(printDesign(d, defaultsFor)))).toEqual(textual(d));
    // Ids a person would never type still go out and come back.
    const odd = parsed('a: client\nb: cache\na -> b');
    const renamed = JSON.parse(JSON.stringify(odd).replaceAll('"a"', '"we\\"ird\\n-> #id"').replaceAll('"b"', '"<b>: ~> x"'));
    expect(renamed.edges[0]).toMatchObject({ source: 'we"ird\n-> #id', target: '<b>: ~> x' });
    expect(parsed(printDesign(renamed, defaultsFor), renamed)).toEqual(renamed);
  });
});

describe('design text: reading', () => {
  it('reads the example of docs/text-format.md as the page describes it', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/text-format.md'), 'utf8');
    const d = parsed(/```\n([\s\S]*?)```/.exec(doc)![1]);
    expect(d.name).toBe('Video recommendation');
    expect(d.nodes.filter((n) => n.kind !== 'group')).toHaveLength(7);
    expect(d.nodes.find((n) => n.id === 'score')!.params.service?.meanMs).toBe(25);
    expect(d.edges.map((e) => e.params.mode)).toEqual(['sync', 'sync', 'sync', 'async', 'async', 'offline']);
  });

  it('reads a pipeline with modes, chains, frames, dotted parameters and comments', () => {
    const d = parsed(
      [
        '# the online path',
        'design "Feed"',
        'slo p99Ms=200 rps=1000',
        'app: client "Mobile app" rps=1000',
        'api: app-service replicas=4 service.meanMs=25   # trailing comment',
        'rank: ranking-service',
        'bus: kafka',
        'train: training-cluster',
        'frame online "Online serving" { app api rank }',
        'app -> api -> rank',
        'api ~> bus p=0.3',
        'bus ..> train',
      ].join('\n'),
    );
    expect(d.slo).toEqual({ p99Ms: 200, rps: 1000 });
    const api = d.nodes.find((n) => n.id === 'api')!;
    expect(api.params.replicas).toBe(4);
    // The dotted key sets one field; the rest of the kind's service time stays its default.
    expect(api.params.service).toEqual({ ...catalog.defaultsFor('app-service')!.service!, meanMs: 25 });
    expect(d.nodes.filter((n) => n.parentId === 'online').map((n) => n.id)).toEqual(['app', 'api', 'rank']);
    expect(d.edges.map((e) => `${e.source}>${e.target}:${e.params.mode}`)).toEqual(['app>api:sync', 'api>rank:sync', 'api>bus:async', 'bus>train:offline']);
    expect(d.edges[2].params.probability).toBe(0.3);
    expect(new Set(d.edges.map((e) => e.id)).size).toBe(4);
  });

  it('keeps positions, sizes and connection ids of what it matches by id, and lists what is new', () => {
    const base = parsed('a: client\nb: app-service\na -> b');
    const moved: Design = { ...base, nodes: base.nodes.map((n, i) => ({ ...n, position: { x: 100 * i, y: 7 } })) };
    const r = parseDesign('a: client "Users"\nb: app-service\nc: cache\na -> b\nb -> c', options(moved));
    if (!r.ok) throw new Error('refused');
    expect(r.added).toEqual(['c']);
    expect(r.design.nodes.find((n) => n.id === 'b')!.position).toEqual({ x: 100, y: 7 });
    expect(r.design.nodes[0].label).toBe('Users');
    expect(r.design.edges[0].id).toBe(moved.edges[0].id);
  });
});

describe('design text: errors', () => {
  it('names the line and says what is wrong, in plain words', () => {
    const errors = errorsOf(['a: client', 'b: app-servce', 'a -> c', 'b: app-service replicas=0', 'a: "unclosed', 'what is this'].join('\n'));
    const byLine = Object.fromEntries(errors.map((e) => [e.line, e.message]));
    expect(byLine[2]).toContain('"app-servce" is not a kind of component. Did you mean "app-service"?');
    expect(byLine[3]).toContain('"c" is not a component');
    expect(byLine[4]).toContain('replicas must be between 1 and 100,000 (got 0)');
    expect(byLine[5]).toContain('no closing quote');
    expect(byLine[6]).toContain('is none of these');
    for (const e of errors) expect(e.message).not.toMatch(/undefined|TypeError|is not a function/);
  });

  it('refuses a component declared twice, in two frames, or frames in a circle', () => {
    expect(errorsOf('a: client\na: cache')[0]).toEqual({ line: 2, message: expect.stringContaining('already declared on line 1') });
    expect(errorsOf('a: client\nframe f { a }\nframe g { a }')[0]).toEqual({ line: 3, message: expect.stringContaining('already in frame "f"') });
    expect(errorsOf('frame f { g }\nframe g { f }')[0].message).toContain('circle');
    expect(errorsOf('a: client\nb: cache\na -> b mode=async')[0].message).toContain('the arrow sets the mode');
  });

  it('as typed in the pane, a mistyped parameter name is named, not kept as a new parameter', () => {
    const strict = (text: string, base?: Design) => parseDesign(text, { ...options(base), knownParamsOnly: true });
    const r = strict('a: app-service replica=4');
    expect(r).toEqual({ ok: false, errors: [{ line: 1, message: '"replica" is not a parameter of app-service. Did you mean "replicas"?' }] });
    expect(strict('a: cache\nb: cache\na -> b prob=0.5')).toMatchObject({ ok: false, errors: [{ line: 3, message: expect.stringContaining('"prob" is not a setting of a connection') }] });
    // The kind's own and the simulated parameters are fine, and so is one the component already had.
    expect(strict('a: app-service replicas=4 service.meanMs=3 batch.maxSize=8').ok).toBe(true);
    const had = parsed('a: app-service owner=search\nb: cache\na -> b tag=x');
    expect(strict(printDesign(had, defaultsFor), had).ok).toBe(true);
  });
});
