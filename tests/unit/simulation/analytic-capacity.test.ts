// maxRps behind queue limits: the load at which the first component is offered its capacity,
// with the flows as they are (a queue limit passes on only what it admits), checked against
// the M/M/1/K formula, against the report's own flows, and against the discrete-event engine.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { simulateDes } from '../../../src/simulation/des';
import type { Report } from '../../../src/simulation/report';
import { relErr, wrap } from './oracle-helpers';

const exp = (meanMs: number, extra: Record<string, unknown> = {}) => ({ service: { dist: 'exponential', meanMs }, ...extra });
type Edge = [string, string, Record<string, unknown>?];
/** Components by id → params (a `rps` makes a source); connections [from, to, params], sync unless said. */
const design = (nodes: Record<string, Record<string, unknown>>, edges: Edge[]) =>
  wrap({
    nodes: Object.entries(nodes).map(([id, params]) => ({ id, kind: 'rps' in params ? 'client' : 'svc', params })),
    edges: edges.map(([from, to, params], i) => ({ id: `e${i}`, source: from, target: to, params: { mode: 'sync', ...params } })),
  } as never);

function run(d: ReturnType<typeof wrap>, loadScale = 1): Report {
  const r = analyze(d, { loadScale });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

/** A: one server, exp 10 ms (100 rps), `queueLimit` waiting places → B: one server, exp `meanB` ms. */
const chain = (queueLimit: number, meanB: number, rps = 50) => design({ src: { rps }, A: exp(10, { queueLimit }), B: exp(meanB) }, [['src', 'A'], ['A', 'B']]);

/** What M/M/1/K (μ = 100/s) completes when offered λ: λ(1 − p_K), p_K = (1 − ρ)ρ^K/(1 − ρ^{K+1}). */
const mm1kThroughput = (lambda: number, K: number) => {
  const r = lambda / 100;
  return lambda * (1 - ((1 - r) * r ** K) / (1 - r ** (K + 1)));
};

describe('maxRps behind a queue-limited component', () => {
  it('is where the callee is offered its capacity, counting what the queue limit rejects (M/M/1/K)', () => {
    // B completes 66.7 rps. Offered that much, A rejects some (K = 3), so B gets there only
    // when A passes on 66.7 — at a source rate the M/M/1/K throughput gives.
    const capB = 1000 / 15;
    let lo = capB;
    let hi = 100;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (mm1kThroughput(mid, 3) >= capB) hi = mid;
      else lo = mid;
    }
    for (const rps of [10, 70, 85, 300]) {
      const r = run(chain(2, 15, rps));
      expect(relErr(r.maxRps, hi)).toBeLessThan(1e-9);
      expect(r.bottleneck).toBe('B');
    }
    expect(hi).toBeGreaterThan(1.2 * capB); // far from the full-flow answer, B's own capacity
  });

  it('is the queue-limited component itself when its callee can take all it ever passes on', () => {
    // A passes on at most K/(K+1) of 100 = 75 rps; B takes 80: A's capacity is the limit.
    const r = run(chain(2, 12.5));
    expect(relErr(r.maxRps, 100)).toBeLessThan(1e-9);
    expect(r.bottleneck).toBe('A');
  });

  it('keeps the full-flow figure where no rejection reaches another component', () => {
    // The queue limit is on a component that calls nothing: B (80 rps behind a 0.5 split) limits at 160.
    const d = design({ src: { rps: 10 }, A: exp(10), B: exp(12.5), C: exp(10, { queueLimit: 1 }) }, [['src', 'A', { probability: 0.5 }], ['A', 'B'], ['src', 'C', { probability: 0.5 }]]);
    const r = run(d);
    expect(r.maxRps).toBe(160);
    expect(r.bottleneck).toBe('B');
  });
});

/** Designs with queue limits on the path, of every routing the flows know. */
const routed: [string, ReturnType<typeof design>][] = [
  ['a chain', chain(2, 15)],
  ['two sources, a cache, several servers', design(
    { s1: { rps: 30 }, s2: { rps: 20 }, gw: exp(4, { concurrency: 4, queueLimit: 3 }), cache: exp(1, { hitRatio: 0.4, queueLimit: 0 }), db: exp(9, { replicas: 2 }) },
    [['s1', 'gw'], ['s2', 'gw'], ['gw', 'cache'], ['cache', 'db'], ['s2', 'db', { probability: 0.3 }]],
  )],
  ['a sequential fan-out stopping at a rejection', design(
    { src: { rps: 40, fanout: 'sequential' }, A: exp(10, { queueLimit: 2 }), B: exp(12, { queueLimit: 4 }), C: exp(14) },
    [['src', 'A'], ['src', 'B'], ['src', 'C']],
  )],
  ['a load balancer and an async message', design(
    { src: { rps: 40, dispatch: 'one' }, A: exp(10, { queueLimit: 1 }), B: exp(20, { queueLimit: 5 }), K: exp(6), W: exp(40, { concurrency: 2 }) },
    [['src', 'A', { weight: 2 }], ['src', 'B'], ['A', 'K', { mode: 'async' }], ['B', 'K'], ['K', 'W', { probability: 0.7 }]],
  )],
  ['a batching server behind a queue limit', design(
    { src: { rps: 40 }, A: exp(5, { queueLimit: 3 }), M: { service: { dist: 'constant', meanMs: 40 }, batch: { maxSize: 4, timeoutMs: 5, perItemMs: 5 } } },
    [['src', 'A'], ['A', 'M']],
  )],
];

describe('maxRps agrees with the report at that load', () => {
  for (const [name, d] of routed) {
    it(`${name}: nothing at capacity just below it, the bottleneck at capacity just above, at any offered load`, () => {
      const base = run(d);
      const total = Object.values(base.sources).reduce((s, x) => s + x.rps, 0);
      const below = run(d, (base.maxRps / total) * (1 - 1e-9));
      expect([...below.overloaded, ...below.saturated]).toEqual([]);
      const above = run(d, (base.maxRps / total) * (1 + 1e-7));
      expect([...above.overloaded, ...above.saturated]).toContain(base.bottleneck);
      for (const scale of [0.3, 2, 10]) {
        const r = run(d, scale);
        expect(r.maxRps).toBe(base.maxRps);
        expect(r.bottleneck).toBe(base.bottleneck);
      }
    });
  }
});

describe('the discrete-event engine finds the same limit', () => {
  it('B settles just below maxRps and its queue grows just above (5 % either side, 2 seeds)', () => {
    const d = chain(2, 15, 10);
    const { maxRps } = run(d);
    const scale = (f: number) => (f * maxRps) / 10;
    // The full-flow figure (B's own 66.7 rps) would call 5 % below already far past capacity.
    expect(0.95 * maxRps).toBeGreaterThan(1.1 * (1000 / 15));
    const predictedBelow = run(d, scale(0.95)).nodes.B.utilization;
    for (const seed of [1, 2]) {
      const below = simulateDes(d, { requests: 200_000, seed, loadScale: scale(0.95) });
      const above = simulateDes(d, { requests: 200_000, seed, loadScale: scale(1.05) });
      if (!below.ok || !above.ok) throw new Error('design refused');
      const b = below.report;
      const a = above.report;
      // Below: B busy as the analytic flow says (±2 %), and its waits the same in both halves of the run.
      expect(relErr(b.nodes.B.utilization, predictedBelow)).toBeLessThan(0.02);
      expect(b.nodes.B.utilization).toBeLessThan(0.99);
      expect(b.measured!.secondHalfMeanMs! / b.measured!.firstHalfMeanMs!).toBeLessThan(1.5);
      // Above: B never idle, and requests wait ever longer (a backlog growing ~linearly: ×3 from half to half).
      expect(a.nodes.B.utilization).toBeGreaterThan(0.995);
      expect(a.measured!.secondHalfMeanMs! / a.measured!.firstHalfMeanMs!).toBeGreaterThan(2);
    }
  });
});

describe('where the rejections themselves are approximate', () => {
  it('a constant service at the queue limit rejects less than M/M/1/K says: B saturates at 85–93 % of maxRps', () => {
    // queue.ts takes a queue limit's rejections from M/M/c/K whatever the service; a constant
    // one rejects less, so B is sent more than the analytic flow says (docs/accuracy.md).
    const d = design({ src: { rps: 10 }, A: { service: { dist: 'constant', meanMs: 10 }, queueLimit: 2 }, B: exp(15) }, [['src', 'A'], ['A', 'B']]);
    const { maxRps } = run(d);
    for (const seed of [1, 2]) {
      const [below, above] = [0.85, 0.93].map((f) => {
        const r = simulateDes(d, { requests: 200_000, seed, loadScale: (f * maxRps) / 10 });
        if (!r.ok) throw new Error(r.error);
        return r.report;
      });
      expect(below.nodes.B.utilization).toBeLessThan(0.99);
      expect(below.measured!.secondHalfMeanMs! / below.measured!.firstHalfMeanMs!).toBeLessThan(1.5);
      expect(above.nodes.B.utilization).toBeGreaterThan(0.995);
      expect(above.measured!.secondHalfMeanMs! / above.measured!.firstHalfMeanMs!).toBeGreaterThan(1.5);
    }
  });
});
