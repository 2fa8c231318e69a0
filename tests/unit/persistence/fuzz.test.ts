// Fuzzing every way in: random and mutated design files, objects and share links go through
// decode + restore(). Seeded, so a failure reproduces; the seed and case are in the message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { restore, type RestoreResult } from '../../../src/persistence/restore';
import { decodeShareLink, encodeShareLink } from '../../../src/persistence/share-link';
import { catalog } from '../../../src/catalog';
import { designProblem } from './design-check';

const opts = { defaultsFor: (k: string) => catalog.defaultsFor(k) };
const SEED = 20261125;

/** mulberry32: small, fast, good enough to pick mutations. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/v1-design.json'), 'utf8'));
const KINDS = catalog.kinds.map((k) => k.kind);

function sample(rng: Rng): Record<string, unknown> {
  const n = 1 + rng.int(12);
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: rng.next() < 0.35 ? 'group' : rng.pick(KINDS), label: `C${i}`,
    position: { x: rng.int(2000), y: rng.int(1000) }, params: {},
    // Frames in frames, sometimes in a circle: restore() must open the circle.
    ...(rng.next() < 0.5 ? { parentId: `n${rng.int(n)}` } : {}),
  }));
  const edges = Array.from({ length: rng.int(n * 2) }, (_, i) => ({ id: `e${i}`, source: `n${rng.int(n)}`, target: `n${rng.int(n)}`, params: { mode: rng.pick(['sync', 'async', 'offline']) } }));
  return { format: 'mlsd-design', version: 1, name: 'Fuzz', nodes, edges, notes: { requirements: 'x' } };
}

const NASTY: unknown[] = [
  null, true, 0, -1, -1e308, 1e308, 1.5, 2 ** 53, '', ' ', 'x'.repeat(600), '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>', 'n0', 'n1', 'g1', 'users', '__proto__', 'constructor', [], {}, [1, 2], { __proto__: { polluted: 1 } },
  JSON.parse('{"__proto__": {"polluted": 1}}'), { constructor: { prototype: { polluted: 1 } } }, 'group', 'sync', 'lognormal',
];
const OBJECT_ONLY: unknown[] = [NaN, Infinity, -Infinity, undefined];
const KEYS = ['id', 'kind', 'label', 'position', 'x', 'y', 'params', 'source', 'target', 'mode', 'rps', 'replicas', 'service', 'meanMs', 'parentId', 'size', 'width', 'version', 'format', 'nodes', 'edges', 'notes', '__proto__', 'constructor', 'prototype'];

/** One random change somewhere in a JSON-like value: replace, delete, add a key, duplicate an item. */
function mutate(value: unknown, rng: Rng, allowNonJson: boolean, depth = 0): unknown {
  const pool = allowNonJson ? [...NASTY, ...OBJECT_ONLY] : NASTY;
  if (value === null || typeof value !== 'object' || (depth > 0 && rng.next() < 0.25)) return structuredClone(rng.pick(pool));
  if (Array.isArray(value)) {
    const out = [...value];
    const r = rng.next();
    if (out.length && r < 0.5) out[rng.int(out.length)] = mutate(out[rng.int(out.length)], rng, allowNonJson, depth + 1);
    else if (out.length && r < 0.7) out.push(structuredClone(out[rng.int(out.length)]));
    else if (out.length && r < 0.85) out.splice(rng.int(out.length), 1);
    else out.push(structuredClone(rng.pick(pool)));
    return out;
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(out);
  const r = rng.next();
  if (keys.length && r < 0.6) {
    const k = rng.pick(keys);
    out[k] = mutate(out[k], rng, allowNonJson, depth + 1);
  } else if (keys.length && r < 0.75) delete out[rng.pick(keys)];
  else Object.defineProperty(out, rng.pick(KEYS), { value: structuredClone(rng.pick(pool)), enumerable: true, writable: true, configurable: true });
  return out;
}

function mutateText(text: string, rng: Rng): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(5)) {
    case 0: return text.slice(0, at); // truncated
    case 1: return text.slice(0, at) + text.slice(at + 1 + rng.int(20));
    case 2: return text.slice(0, at) + rng.pick(['{', '}', '"', ',', ':', '[', ']', '\\', '\u0000', '9e999', 'null', '"__proto__":{}']) + text.slice(at);
    case 3: return text.slice(0, at) + String.fromCharCode(rng.int(0x10000)) + text.slice(at + 1);
    default: return Array.from({ length: rng.int(200) }, () => String.fromCharCode(32 + rng.int(95))).join('');
  }
}

function mutateLink(link: string, rng: Rng): string {
  const at = 3 + rng.int(Math.max(1, link.length - 3));
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  switch (rng.int(6)) {
    case 0: return link.slice(0, at);
    case 1: return link.slice(0, at) + b64[rng.int(64)] + link.slice(at + 1);
    case 2: return link.slice(0, at) + link.slice(at + 1 + rng.int(8));
    case 3: return link.replace('#d=1.', rng.pick(['#d=', '#d=2.', '#d=1', '#d=x.', '#d=1..', '#d=01.']));
    case 4: return '#d=1.' + Array.from({ length: rng.int(300) }, () => b64[rng.int(64)]).join('');
    default: return link.slice(0, at) + rng.pick(['%', '=', '+', '/', ' ', '#', 'é', '.']) + link.slice(at);
  }
}

const linkOfText = (text: string) => `#d=1.${deflateRawSync(Buffer.from(text)).toString('base64url')}`;

function judge(r: RestoreResult, what: string): void {
  if (r.ok) {
    const problem = designProblem(r.design);
    if (problem) throw new Error(`${what}: restored an invalid design (${problem})`);
  } else if (typeof r.error !== 'string' || r.error.trim() === '') {
    throw new Error(`${what}: an error without a message`);
  }
}

describe('fuzz: decode + restore never throw and never return an invalid design', () => {
  it('10,000+ mutated and random files, objects and links', async () => {
    const rng = prng(SEED);
    const seeds = [fixture, ...Array.from({ length: 20 }, () => sample(rng))];
    const goodLinks = await Promise.all(seeds.map(async (s) => {
      const r = restore(s, opts);
      return r.ok ? encodeShareLink(r.design, opts) : linkOfText(JSON.stringify(s));
    }));
    const counts = { files: 0, objects: 0, links: 0, ok: 0, errors: 0 };
    const tally = (r: RestoreResult) => void (r.ok ? counts.ok++ : counts.errors++);

    for (let i = 0; i < 4000; i++) {
      let doc: unknown = rng.next() < 0.5 ? sample(rng) : rng.pick(seeds);
      for (let m = 1 + rng.int(4); m > 0; m--) doc = mutate(doc, rng, true);
      const what = `object #${i} (seed ${SEED})`;
      let r: RestoreResult;
      try { r = restore(doc, opts); } catch (e) { throw new Error(`${what}: threw ${(e as Error).message}`); }
      judge(r, what);
      tally(r);
      counts.objects++;
    }
    for (let i = 0; i < 4000; i++) {
      let doc: unknown = rng.next() < 0.5 ? sample(rng) : rng.pick(seeds);
      for (let m = rng.int(4); m > 0; m--) doc = mutate(doc, rng, false);
      let text = JSON.stringify(doc) ?? '';
      if (rng.next() < 0.5) text = mutateText(text, rng);
      const what = `file #${i} (seed ${SEED})`;
      const r = restore(text, opts);
      judge(r, what);
      tally(r);
      counts.files++;
      // The same text as a share link: decode inflates, then restores the same way.
      if (i % 2 === 0) {
        const viaLink = await decodeShareLink(linkOfText(text), opts);
        judge(viaLink, `${what} as a link`);
        expect(viaLink.ok, what).toBe(r.ok);
        counts.links++;
      }
    }
    for (let i = 0; i < 2500; i++) {
      let link = rng.pick(goodLinks);
      for (let m = 1 + rng.int(3); m > 0; m--) link = mutateLink(link, rng);
      const r = await decodeShareLink(link, opts);
      judge(r, `link #${i} (seed ${SEED}): ${link.slice(0, 60)}`);
      tally(r);
      counts.links++;
    }
    expect(counts.files + counts.objects + counts.links).toBeGreaterThanOrEqual(10_000);
    // Both outcomes are exercised: a fuzzer whose every case fails parsing proves little.
    expect(counts.ok).toBeGreaterThan(1000);
    expect(counts.errors).toBeGreaterThan(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 30_000);
});
