// Retries and timeouts against closed forms: independent failures amplify the flow as a
// geometric series and fail a call only when every attempt fails; a timeout caps what the
// caller waits while the callee still does the work. And settings that never act leave a
// steady-state report exactly as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { analyze } from '../../../src/simulation/analytic';
import { normalCdf } from '../../../src/simulation/special';
import { loadCatalogFromDir } from '../../../src/catalog/load-node';
import { restore } from '../../../src/persistence/restore';
import type { Design } from '../../../src/model/design';
import type { Report } from '../../../src/simulation/report';
import { combineReplications } from '../../../src/simulation/replications';
import { wrap } from './oracle-helpers';

function des(d: Design, requests: number, seed = 7): Report {
  const r = simulateDes(d, { requests, seed });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

function analytic(d: Design): Report {
  const r = analyze(d);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

/** A source calling B over one sync connection with `edge` settings; B fails a served request with probability p. */
const retrying = (p: number, edge: Record<string, unknown>): Design =>
  wrap({
    nodes: [
      { id: 'src', kind: 'client', params: { rps: 100 } },
      { id: 'B', kind: 'service', params: { replicas: 10, service: { dist: 'exponential', meanMs: 10 }, failureRate: p } },
    ],
    edges: [{ id: 'e', source: 'src', target: 'B', params: { mode: 'sync', ...edge } }],
  } as never);

describe('retries of independent failures', () => {
  for (const [p, n] of [
    [0.3, 3],
    [0.5, 4],
  ]) {
    it(`p = ${p}, up to ${n} attempts: 1 + p + … + p^(n−1) calls per request, and p^n of them fail (both engines)`, () => {
      const d = retrying(p, { retry: { maxAttempts: n, baseMs: 5, jitter: 'full' } });
      const calls = Array.from({ length: n }, (_, i) => p ** i).reduce((a, b) => a + b);
      const r = des(d, 40_000);
      expect(r.resilience!.edges.e.attemptsPerCall).toBeCloseTo(calls, 1);
      expect(Math.abs(r.resilience!.edges.e.attemptsPerCall - calls)).toBeLessThan(0.015);
      expect(Math.abs(r.errorRate - p ** n)).toBeLessThan(4 * Math.sqrt((p ** n * (1 - p ** n)) / 40_000));
      expect(r.resilience!.failures.failed).toBe(r.errorRate);
      // The callee sees the amplified flow, and the analytic engine carries the same flow.
      expect(Math.abs(r.nodes.B.arrivalRps / 100 - calls)).toBeLessThan(0.03);
      const a = analytic(d);
      expect(a.edges.e.rps / 100).toBeCloseTo(calls, 10);
      expect(a.errorRate).toBeCloseTo(p ** n, 10);
      expect(a.nodes.B.arrivalRps).toBeCloseTo(100 * calls, 8);
    });
  }

  it('a retry budget holds retries to its share of calls when every attempt fails', () => {
    // Each call deposits 0.1 tokens and a retry spends one: in the long run retries ≤ 0.1 per call.
    const r = des(retrying(1, { retry: { maxAttempts: 3, baseMs: 5, budget: 0.1 } }), 20_000);
    expect(r.errorRate).toBe(1);
    expect(Math.abs(r.resilience!.edges.e.retriesPerCall - 0.1)).toBeLessThan(0.005);
    expect(analytic(retrying(1, { retry: { maxAttempts: 3, baseMs: 5, budget: 0.1 } })).edges.e.rps).toBeCloseTo(110, 8);
  });
});

describe('replications', () => {
  it('combine the failures by cause and the attempts per call as their averages', () => {
    const d = retrying(0.3, { retry: { maxAttempts: 2, baseMs: 5 } });
    const runs = [des(d, 5_000, 1), des(d, 5_000, 2)];
    const both = combineReplications(runs, { requestsPerReplication: 5_000, seed: 1 });
    const mean = (f: (r: Report) => number) => (f(runs[0]) + f(runs[1])) / 2;
    expect(both.resilience!.failures.failed).toBeCloseTo(mean((r) => r.resilience!.failures.failed), 12);
    expect(both.resilience!.edges.e.attemptsPerCall).toBeCloseTo(mean((r) => r.resilience!.edges.e.attemptsPerCall), 12);
    expect(both.resilience!.failures.failed).toBeCloseTo(both.errorRate, 12);
  });
});

describe('a timeout', () => {
  // A 5 ms step, then a call to B: lognormal service, mean 50 ms, cv 1, on servers enough that
  // nothing waits. The caller gives up after 80 ms.
  const sigma = Math.sqrt(Math.log(2));
  const mu = Math.log(50) - (sigma * sigma) / 2;
  const late = 1 - normalCdf((Math.log(80) - mu) / sigma);
  const d = wrap({
    nodes: [
      { id: 'src', kind: 'client', params: { rps: 200 } },
      { id: 'A', kind: 'service', params: { replicas: 50, service: { dist: 'constant', meanMs: 5 } } },
      { id: 'B', kind: 'service', params: { replicas: 200, service: { dist: 'lognormal', meanMs: 50, cv: 1 } } },
    ],
    edges: [
      { id: 'sa', source: 'src', target: 'A', params: { mode: 'sync' } },
      { id: 'ab', source: 'A', target: 'B', params: { mode: 'sync', timeoutMs: 80 } },
    ],
  } as never);

  it('fails the calls whose response outlasts it — P(S > timeout) — and caps the latency at the time before it plus the timeout', () => {
    const r = des(d, 40_000);
    expect(Math.abs(r.errorRate - late)).toBeLessThan(4 * Math.sqrt((late * (1 - late)) / 40_000));
    expect(r.resilience!.failures.timedOut).toBe(r.errorRate);
    expect(r.resilience!.edges.ab.timedOutPerCall).toBeCloseTo(r.errorRate, 2);
    // What completes took at most 5 + 80 ms; without the timeout the tail runs far past it.
    expect(r.latencyMs.p99!).toBeLessThanOrEqual(85);
    const without = des(wrap({ nodes: d.nodes, edges: d.edges.map((e) => ({ ...e, params: { mode: 'sync' as const } })) }), 40_000);
    expect(without.latencyMs.p99!).toBeGreaterThan(150);
    // The callee still does every request's work: its throughput is what it is sent, as without the timeout.
    expect(Math.abs(r.nodes.B.throughputRps / r.nodes.B.arrivalRps - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.nodes.B.throughputRps / without.nodes.B.throughputRps - 1)).toBeLessThan(0.03);
    expect(r.nodes.B.utilization).toBeCloseTo(without.nodes.B.utilization, 2);
  });

  it('is a failure probability in the analytic engine, read from the callee response CDF', () => {
    expect(Math.abs(analytic(d).errorRate - late)).toBeLessThan(0.01);
  });
});

describe('settings that never act', () => {
  const root = join(import.meta.dirname, '../../..');
  const catalog = loadCatalogFromDir(join(root, 'components-catalog'));
  const restored = restore(readFileSync(join(root, 'src/templates/designs/video-recommendation.json'), 'utf8'), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!restored.ok) throw new Error(restored.error);
  const base = restored.design;
  const withEdges = (params: Record<string, unknown>): Design => ({ ...base, edges: base.edges.map((e) => ({ ...e, params: { ...e.params, ...params } })) });
  const plain = (r: Report) => JSON.stringify({ ...r, wallMs: 0, events: 0, resilience: undefined });

  it('one attempt and no timeout: the same report, byte for byte', () => {
    const before = des(base, 20_000, 3);
    const after = des(withEdges({ retry: { maxAttempts: 1, baseMs: 10 } }), 20_000, 3);
    expect(JSON.stringify({ ...after, wallMs: 0 })).toBe(JSON.stringify({ ...before, wallMs: 0 }));
  });

  it('a timeout that never fires runs every call through the resilience path and changes no figure', () => {
    const before = des(base, 20_000, 3);
    const after = des(withEdges({ timeoutMs: 1e5 }), 20_000, 3);
    expect(after.resilience!.failures.timedOut).toBe(0);
    // The same figures to the last bits: a request's end is reached at another moment of the
    // run (through the resilience path, not known ahead), so sums are taken in another order.
    const same = (x: unknown, y: unknown, path: string): void => {
      if (typeof x === 'number' && typeof y === 'number') expect(Math.abs(x - y), `${path}: ${x} vs ${y}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y)));
      else if (x !== null && typeof x === 'object') for (const k of Object.keys(x)) same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
      else expect(x, path).toEqual(y);
    };
    same(JSON.parse(plain(after)), JSON.parse(plain(before)), 'report');
  });
});
