// What completes and what fails, in the analytic engine, against the discrete-event engine:
// an unstable design completes what its components can finish, not min(offered, maxRps).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { simulateDes } from '../../../src/simulation/des';
import type { Report } from '../../../src/simulation/report';
import { relErr, wrap } from './oracle-helpers';

function both(d: ReturnType<typeof wrap>): [Report, Report] {
  const a = analyze(d);
  const s = simulateDes(d, { requests: 300_000, seed: 3 });
  if (!a.ok || !s.ok) throw new Error('design refused');
  return [a.report, s.report];
}
const exp = (meanMs: number, extra: Record<string, unknown> = {}) => ({ service: { dist: 'exponential', meanMs }, ...extra });
/** Components by id → params (a `rps` makes a source), connections as "from>to", all sync. */
const design = (nodes: Record<string, Record<string, unknown>>, edges: string[]) =>
  wrap({
    nodes: Object.entries(nodes).map(([id, params]) => ({ id, kind: 'rps' in params ? 'client' : 'svc', params })),
    edges: edges.map((e) => ({ id: e, source: e.split('>')[0], target: e.split('>')[1], params: { mode: 'sync' } })),
  } as never);

describe('throughput of an unstable design', () => {
  it('is what completes: the overloaded path at its capacity, the others in full', () => {
    // A finishes 50 of the 60 rps sent to it; B all of its 40.
    const d = design({ s1: { rps: 60 }, s2: { rps: 40 }, A: exp(20), B: exp(5) }, ['s1>A', 's2>B']);
    const [a, s] = both(d);
    expect(a.stable).toBe(false);
    expect(a.throughputRps).toBeCloseTo(90, 9);
    expect(relErr(a.throughputRps, s.throughputRps)).toBeLessThan(0.02);
  });
  it('counts a chain through two overloaded components as the product of their shares', () => {
    // A completes 50 of 80 rps; B is sent those 50 and completes 40.
    const d = design({ src: { rps: 80 }, A: exp(20), B: exp(25) }, ['src>A', 'A>B']);
    const [a, s] = both(d);
    expect(a.throughputRps).toBeCloseTo(40, 9);
    expect(relErr(a.throughputRps, s.throughputRps)).toBeLessThan(0.03);
  });
});

describe('a rejected call stops a sequential fan-out', () => {
  it('sends later callees only what got through, and counts each failed request once', () => {
    const d = design({ src: { rps: 90, fanout: 'sequential' }, A: exp(10, { queueLimit: 2 }), B: exp(9, { queueLimit: 2 }) }, ['src>A', 'src>B']);
    const [a, s] = both(d);
    const passed = 90 * (1 - a.nodes.A.errorRate);
    expect(a.nodes.B.arrivalRps).toBeCloseTo(passed, 9);
    expect(relErr(a.nodes.B.arrivalRps, s.nodes.B.arrivalRps)).toBeLessThan(0.02);
    // B's arrivals are A's departures, not Poisson: its M/M/1/K blocking is close, not exact.
    expect(Math.abs(a.errorRate - s.errorRate)).toBeLessThan(0.025);
    expect(relErr(a.throughputRps, s.throughputRps)).toBeLessThan(0.03);
  });
});
