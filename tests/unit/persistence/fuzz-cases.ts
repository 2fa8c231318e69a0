// Generators of hostile input for the fuzzer: random designs, and one random change at a time to
// a JSON value, a text or a share link. Each takes the seeded random source it is given.

/** mulberry32: small, fast, good enough to pick mutations. */
export function prng(seed: number) {
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
export type Rng = ReturnType<typeof prng>;

/** A random design of catalog kinds and frames, with random connections and frame nesting. */
export function sample(rng: Rng, kinds: readonly string[]): Record<string, unknown> {
  const n = 1 + rng.int(12);
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: rng.next() < 0.35 ? 'group' : rng.pick(kinds), label: `C${i}`,
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
export function mutate(value: unknown, rng: Rng, allowNonJson: boolean, depth = 0): unknown {
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

export function mutateText(text: string, rng: Rng): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(5)) {
    case 0: return text.slice(0, at); // truncated
    case 1: return text.slice(0, at) + text.slice(at + 1 + rng.int(20));
    case 2: return text.slice(0, at) + rng.pick(['{', '}', '"', ',', ':', '[', ']', '\\', '\u0000', '9e999', 'null', '"__proto__":{}']) + text.slice(at);
    case 3: return text.slice(0, at) + String.fromCharCode(rng.int(0x10000)) + text.slice(at + 1);
    default: return Array.from({ length: rng.int(200) }, () => String.fromCharCode(32 + rng.int(95))).join('');
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** One change to a link after its `#d=`: cut, a character replaced, removed or added, another version marker. */
export function mutateLink(link: string, rng: Rng): string {
  const at = 3 + rng.int(Math.max(1, link.length - 3));
  switch (rng.int(6)) {
    case 0: return link.slice(0, at);
    case 1: return link.slice(0, at) + B64[rng.int(64)] + link.slice(at + 1);
    case 2: return link.slice(0, at) + link.slice(at + 1 + rng.int(8));
    case 3: return link.replace(/^#d=\d*\./, rng.pick(['#d=', '#d=1.', '#d=2.', '#d=3.', '#d=2', '#d=x.', '#d=2..', '#d=02.']));
    case 4: return rng.pick(['#d=1.', '#d=2.']) + Array.from({ length: rng.int(300) }, () => B64[rng.int(64)]).join('');
    default: return link.slice(0, at) + rng.pick(['%', '=', '+', '/', ' ', '#', 'é', '.']) + link.slice(at);
  }
}
