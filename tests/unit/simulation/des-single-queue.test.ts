// The single-queue fast path must be the same simulation as the general engine: same events,
// same random draws, same report, ties included. And the ziggurat exponential both use must
// be exponential.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { compileGraph } from '../../../src/simulation/graph';
import { Nodes } from '../../../src/simulation/des-state';
import { singleQueue } from '../../../src/simulation/des-fast';
import { Prng } from '../../../src/simulation/prng';
import type { Design } from '../../../src/model/design';
import { loadOracles, wrap } from './oracle-helpers';

const oracles = loadOracles();

function both(d: Design, requests: number, seed = 4, warmupFraction?: number) {
  const run = (engine: 'auto' | 'general') => {
    const r = simulateDes(d, { requests, seed, engine, warmupFraction });
    if (!r.ok) throw new Error(r.error);
    return { ...r.report, wallMs: 0 };
  };
  return [run('auto'), run('general')];
}

const fast = (d: Design) => {
  const c = compileGraph(d);
  return c.ok && singleQueue(c.graph, new Nodes(c.graph, 1));
};

const single = (src: Record<string, unknown>, node: Record<string, unknown>, edge: Record<string, unknown> = {}): Design =>
  wrap({
    nodes: [{ id: 'src', kind: 'client', params: src }, { id: 'A', kind: 'service', params: node }],
    edges: [{ id: 'e', source: 'src', target: 'A', params: { mode: 'sync', ...edge } }],
  } as never);

describe('single-queue fast path', () => {
  it('gives the general engine’s report on every single-queue oracle', () => {
    let used = 0;
    for (const [id, c] of oracles) {
      if (typeof c.design !== 'object' || !fast(c.design)) continue;
      used++;
      const [a, b] = both(c.design, 30_000);
      expect(a, id).toEqual(b);
    }
    expect(used).toBeGreaterThanOrEqual(4);
  });

  it('orders simultaneous arrivals and departures as the heap does (uniform arrivals, constant service)', () => {
    // Arrivals every 10 ms and 10 ms of service: every departure coincides with an arrival.
    // The next arrival was scheduled first, so it is handled first and finds the server busy:
    // with no room to wait, every second request is turned away. The order shows in errorRate.
    const d = single({ rps: 100, arrivals: 'uniform' }, { service: { dist: 'constant', meanMs: 10 }, queueLimit: 0 });
    expect(fast(d)).toBe(true);
    const [a, b] = both(d, 5_000);
    expect(a).toEqual(b);
    expect(a.errorRate).toBeCloseTo(0.5, 3);
  });

  it('matches with lognormal service, queue limits, one-of dispatch, tiny runs and no warm-up', () => {
    const d = single({ rps: 90, dispatch: 'one' }, { service: { dist: 'lognormal', meanMs: 10, cv: 2 }, queueLimit: 3 });
    expect(fast(d)).toBe(true);
    for (const [n, w] of [[20_000, undefined], [1, undefined], [7, 0], [50, 0.5]] as const) {
      const [a, b] = both(d, n, 9, w);
      expect(a, `${n}`).toEqual(b);
    }
  });

  it('is not used where the general engine does more', () => {
    expect(fast(single({ rps: 50 }, { replicas: 2, service: { dist: 'exponential', meanMs: 10 } }))).toBe(false);
    expect(fast(single({ rps: 50 }, { service: { dist: 'exponential', meanMs: 10 } }, { networkMs: 1 }))).toBe(false);
    expect(fast(single({ rps: 50 }, { service: { dist: 'exponential', meanMs: 10 } }, { probability: 0.5 }))).toBe(false);
    expect(fast(single({ rps: 50 }, { service: { dist: 'exponential', meanMs: 10 } }, { mode: 'async' }))).toBe(false);
  });
});

describe('ziggurat exponential', () => {
  it('has mean 1, variance 1 and the exponential tail, beyond the last layer too', () => {
    const rng = new Prng(17);
    const n = 2_000_000;
    const ts = [0.05, 0.5, 1, 2, 4, 7, 7.7, 9];
    const over = new Array<number>(ts.length).fill(0);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.exp1();
      s += x;
      s2 += x * x;
      for (let k = 0; k < ts.length; k++) if (x > ts[k]) over[k]++;
    }
    // 5 standard errors: a fixed seed, so a loose bound costs nothing and never flickers.
    expect(Math.abs(s / n - 1)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1)).toBeLessThan(5 * Math.sqrt(8 / n));
    ts.forEach((t, k) => {
      const p = Math.exp(-t);
      expect(Math.abs(over[k] / n - p), `P(X > ${t})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1 / n);
    });
  });
});
