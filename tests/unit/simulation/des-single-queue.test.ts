// The one engine on the commonest first sketch, one source calling one single-server component
// (the M/M/1, M/D/1, M/G/1/K family of the oracles): equal times in schedule order, exact
// accounting on deterministic runs, any run length. And the ziggurat exponential it draws from
// must be exponential.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { Prng } from './reference-prng';
import type { Design } from '../../../src/model/design';
import type { Report } from '../../../src/simulation/report';
import { wrap } from './oracle-helpers';

function run(d: Design, requests: number, seed = 4, warmupFraction?: number): Report {
  const r = simulateDes(d, { requests, seed, warmupFraction });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

const single = (src: Record<string, unknown>, node: Record<string, unknown>, edge: Record<string, unknown> = {}): Design =>
  wrap({
    nodes: [{ id: 'src', kind: 'client', params: src }, { id: 'A', kind: 'service', params: node }],
    edges: [{ id: 'e', source: 'src', target: 'A', params: { mode: 'sync', ...edge } }],
  } as never);

describe('one source, one single-server component', () => {
  it('handles a departure and an arrival at the same time in the order they were scheduled', () => {
    // Arrivals every 10 ms and 10 ms of service: every departure coincides with an arrival.
    // The next arrival was scheduled (when the previous one came) before the departure (when
    // service started, just after): it is handled first and finds the server busy. With no room
    // to wait, every second request is turned away. Departure first would turn none away.
    const r = run(single({ rps: 100, arrivals: 'uniform' }, { service: { dist: 'constant', meanMs: 10 }, queueLimit: 0 }), 5_000);
    expect(r.errorRate).toBeCloseTo(0.5, 3);
    expect(r.nodes.A.utilization).toBeCloseTo(0.5, 3);
    expect(r.latencyMs.mean).toBe(10);
  });

  it('the same with a network delay: a call waiting on its connection keeps the time it was made', () => {
    // Calls leave every 10 ms and arrive 5 ms later; the departure at each arrival time was
    // scheduled 10 ms earlier, the arrival only 5 ms earlier: the server frees first, none is refused.
    const r = run(single({ rps: 100, arrivals: 'uniform' }, { service: { dist: 'constant', meanMs: 10 }, queueLimit: 0 }, { networkMs: 5 }), 5_000);
    expect(r.errorRate).toBe(0);
    expect(r.latencyMs.mean).toBeCloseTo(15, 9);
  });

  it('runs with lognormal service, queue limits, one-of dispatch, tiny runs and no warm-up', () => {
    const d = single({ rps: 90, dispatch: 'one' }, { service: { dist: 'lognormal', meanMs: 10, cv: 2 }, queueLimit: 3 });
    for (const [n, w] of [[20_000, undefined], [1, undefined], [7, 0], [50, 0.5]] as const) {
      const r = run(d, n, 9, w);
      // Every request measured is either served or refused; the same seed gives the same run.
      expect(r.nodes.A.errorRate, `${n}`).toBeGreaterThanOrEqual(0);
      expect(r.nodes.A.errorRate, `${n}`).toBeLessThan(1);
      expect({ ...run(d, n, 9, w), wallMs: 0 }).toEqual({ ...r, wallMs: 0 });
    }
    expect(run(d, 20_000, 9).nodes.A.utilization).toBeCloseTo(0.9 * (1 - run(d, 20_000, 9).nodes.A.errorRate), 1);
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
