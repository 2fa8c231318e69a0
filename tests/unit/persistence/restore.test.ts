import { describe, expect, it } from 'vitest';
import { restore } from '../../../src/persistence/restore';
import type { NodeParams } from '../../../src/model/design';

const defaults: Record<string, NodeParams> = {
  cache: { replicas: 2, concurrency: 8, service: { dist: 'exponential', meanMs: 0.5 }, hitRatio: 0.8 },
  client: { rps: 100, arrivals: 'poisson' },
};
const opts = { defaultsFor: (k: string) => (defaults[k] ? structuredClone(defaults[k]) : undefined) };
const doc = (extra: object = {}) => ({
  format: 'mlsd-design', version: 1, name: 'T',
  nodes: [
    { id: 'u', kind: 'client', position: { x: 0, y: 0 }, params: { rps: 50 } },
    { id: 'c', kind: 'cache', position: { x: 300, y: 0 }, params: { service: { meanMs: 1 } } },
  ],
  edges: [{ id: 'e1', source: 'u', target: 'c', params: { mode: 'sync' } }],
  ...extra,
});

function err(input: unknown): string {
  const r = restore(input, opts);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('restore', () => {
  it('fills catalog defaults under the given values, one level deep', () => {
    const r = restore(doc(), opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.nodes[0].params).toEqual({ rps: 50, arrivals: 'poisson' });
    expect(r.design.nodes[1].params).toEqual({ replicas: 2, concurrency: 8, service: { dist: 'exponential', meanMs: 1 }, hitRatio: 0.8 });
    expect(r.warnings).toEqual([]);
  });

  it('reads JSON text and a bare {nodes, edges} design', () => {
    const r = restore(JSON.stringify({ nodes: doc().nodes, edges: doc().edges }), opts);
    expect(r.ok && r.design.format).toBe('mlsd-design');
  });

  it('keeps unknown fields (forward compatibility)', () => {
    const input = doc({ futureThing: { a: 1 } });
    (input.nodes[0] as Record<string, unknown>).color = 'red';
    const r = restore(input, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.futureThing).toEqual({ a: 1 });
    expect(r.design.nodes[0].color).toBe('red');
  });

  it('opens an unknown kind as a generic component, keeping its parameters, with a notice', () => {
    const input = doc();
    input.nodes.push({ id: 'x', kind: 'quantum-router', position: { x: 0, y: 0 }, params: { replicas: 3 } as never });
    const r = restore(input, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.nodes[2].params).toEqual({ replicas: 3 });
    expect(r.warnings.join()).toMatch(/Unknown component kind "quantum-router"/);
  });

  it('drops prototype-polluting keys', () => {
    const text = '{"format":"mlsd-design","version":1,"name":"x","__proto__":{"polluted":1},"nodes":[{"id":"a","kind":"cache","position":{"x":0,"y":0},"params":{"constructor":{"prototype":{"bad":1}}}}],"edges":[]}';
    const r = restore(text, opts);
    if (!r.ok) throw new Error(r.error);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(r.design.nodes[0].params, 'constructor')).toBe(false);
  });

  it('keeps HTML in labels as inert text', () => {
    const input = doc();
    (input.nodes[0] as Record<string, unknown>).label = '<img src=x onerror=alert(1)>';
    const r = restore(input, opts);
    expect(r.ok && r.design.nodes[0].label).toBe('<img src=x onerror=alert(1)>');
  });

  it.each([
    ['not JSON', '{"nodes": [', /not valid JSON/],
    ['an array', [], /expected a JSON object/],
    ['another format', { format: 'excalidraw' }, /not a design file/],
    ['a newer version', { ...doc(), version: 7 }, /newer version.*format 7/],
    ['a bad version', { ...doc(), version: 'x' }, /invalid format version/],
    ['duplicate ids', { ...doc(), nodes: [doc().nodes[0], doc().nodes[0]] }, /same id "u"/],
    ['an edge to nowhere', { ...doc(), edges: [{ id: 'e', source: 'u', target: 'zz' }] }, /ends at a missing component "zz"/],
    ['a negative number', { ...doc(), nodes: [{ ...doc().nodes[0], params: { rps: -5 } }] }, /"u": rps must be between 0 and/],
    ['a huge replica count', { ...doc(), nodes: [{ ...doc().nodes[1], params: { replicas: 1e12 } }] }, /replicas must be between/],
    ['a fractional replica count', { ...doc(), nodes: [{ ...doc().nodes[1], params: { replicas: 1.5 } }] }, /whole number/],
    ['a string where a number goes', { ...doc(), nodes: [{ ...doc().nodes[1], params: { service: { meanMs: '5' } } }] }, /service.meanMs must be a number/],
    ['an infinite coordinate', { ...doc(), nodes: [{ ...doc().nodes[0], position: { x: 1e300, y: 0 } }] }, /x must be a finite number/],
    ['a bad edge mode', { ...doc(), edges: [{ id: 'e', source: 'u', target: 'c', params: { mode: 'telepathy' } }] }, /mode must be one of/],
  ])('rejects %s with a clear message', (_what, input, message) => {
    expect(err(input)).toMatch(message);
  });

  it('rejects oversized input before parsing', () => {
    expect(err('x'.repeat(5_000_001))).toMatch(/too large/);
  });

  it('rejects NaN (which JSON cannot carry but objects can)', () => {
    expect(err({ ...doc(), nodes: [{ ...doc().nodes[0], params: { rps: NaN } }] })).toBe('Component "u": rps must be a finite number.');
  });

  it('takes a component out of a frame that does not exist', () => {
    const input = doc();
    (input.nodes[0] as Record<string, unknown>).parentId = 'ghost';
    const r = restore(input, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.nodes[0].parentId).toBeUndefined();
    expect(r.warnings.join()).toMatch(/frame that does not exist/);
  });
});

describe('restore tells people what it did', () => {
  it('says a number too large for JSON is not finite, never "got null"', () => {
    const text = JSON.stringify(doc()).replace('"rps":50', '"rps":1e999');
    expect(err(text)).toBe('Component "u": rps must be a finite number.');
  });

  it('sums up many unknown kinds in one notice naming a few', () => {
    const input = doc();
    for (let i = 0; i < 2000; i++) input.nodes.push({ id: `x${i}`, kind: `kind-${i}`, position: { x: 0, y: 0 }, params: {} as never });
    const r = restore(input, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toEqual(['2000 unknown component kinds (kind-0, kind-1, kind-2…) opened as generic components with their own parameters.']);
  });

  it('says so when it cuts a label or a note that was saved too long', () => {
    const input = doc({ notes: { requirements: 'n'.repeat(100_001) } });
    (input.nodes[0] as Record<string, unknown>).label = 'l'.repeat(501);
    const r = restore(input, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.nodes[0].label).toHaveLength(500);
    expect(r.design.notes.requirements).toHaveLength(100_000);
    expect(r.warnings).toEqual(['2 texts were longer than allowed and cut (labels to 500 characters, notes to 100,000).']);
  });

  it('removes characters XML cannot carry from every text, and counts emoji as one character', () => {
    const input = doc({ name: 'Name\u0007', notes: { 'step\u0000': 'a\uFFFFb' } });
    (input.nodes[0] as Record<string, unknown>).label = '😀'.repeat(500) + '\u001b';
    (input.nodes[0] as Record<string, unknown>).extra = { deep: ['\uD800x'] };
    const r = restore(input, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.name).toBe('Name');
    expect(r.design.notes).toEqual({ step: 'ab' });
    expect(r.design.nodes[0].label).toBe('😀'.repeat(500));
    expect(r.design.nodes[0].extra).toEqual({ deep: ['x'] });
    expect(r.warnings).toEqual([]);
  });

  it('keeps a valid SLO and drops an invalid one with a sentence', () => {
    const good = restore(doc({ slo: { p99Ms: 150, rps: 5000 } }), opts);
    expect(good.ok && good.design.slo).toEqual({ p99Ms: 150, rps: 5000 });
    for (const [slo, message] of [
      [{ p99Ms: 0, rps: 5000 }, "The SLO's p99Ms must be above 0 and at most 10,000,000 (got 0)."],
      [{ p99Ms: 150, rps: 2e8 }, "The SLO's rps must be above 0 and at most 100,000,000 (got 200000000)."],
      [{ p99Ms: 150 }, 'The SLO has no rps.'],
      [[], 'The SLO must be an object { p99Ms, rps } (got a list).'],
      [{ p99Ms: '150', rps: 5 }, 'The SLO\'s p99Ms must be a number (got "150").'],
    ] as const) {
      const r = restore(doc({ slo }), opts);
      if (!r.ok) throw new Error(r.error);
      expect(r.design.slo).toBeUndefined();
      expect(r.warnings).toEqual([`${message} The SLO was removed; set it again in the results panel.`]);
    }
  });
});
