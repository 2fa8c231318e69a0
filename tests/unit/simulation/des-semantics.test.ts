// The discrete-event engine beyond the oracles: reproducibility, the invariants every run must
// satisfy (O16), the semantics of fan-out, dispatch and batching, and agreement with analytic
// mode on a mixed design.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { analyze } from '../../../src/simulation/analytic';
import { DesEngine } from '../../../src/simulation/des-engine';
import { compileGraph } from '../../../src/simulation/graph';
import type { Report } from '../../../src/simulation/report';
import type { Design } from '../../../src/model/design';
import { relErr, wrap } from './oracle-helpers';

type N = { id: string; params: Record<string, unknown> };
type E = [string, string, Record<string, unknown>?];
const design = (nodes: N[], edges: E[]): Design =>
  wrap({ nodes: nodes.map((n) => ({ kind: 'service', ...n })), edges: edges.map(([s, t, p], i) => ({ id: `${s}->${t}#${i}`, source: s, target: t, params: { mode: 'sync', ...p } })) } as never);
const exp = (meanMs: number) => ({ dist: 'exponential', meanMs });

function des(d: Design, requests: number, seed = 3, loadScale = 1): Report {
  const r = simulateDes(d, { requests, seed, loadScale });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

/** A mixed design: load balancer, parallel fan-out, a cache in front of a database, an async queue. */
const mixed = design(
  [
    { id: 'users', params: { rps: 400 } },
    { id: 'lb', params: { dispatch: 'one', service: { dist: 'constant', meanMs: 0 } } },
    { id: 'api1', params: { replicas: 2, service: exp(3) } },
    { id: 'api2', params: { replicas: 2, service: exp(3) } },
    { id: 'cache', params: { replicas: 2, hitRatio: 0.7, service: exp(0.5) } },
    { id: 'db', params: { replicas: 2, service: exp(6) } },
    { id: 'ranker', params: { replicas: 4, concurrency: 2, service: exp(12) } },
    { id: 'kafka', params: { replicas: 2, service: exp(1) } },
  ],
  [
    ['users', 'lb'], ['lb', 'api1', { weight: 1 }], ['lb', 'api2', { weight: 1 }],
    ['api1', 'cache'], ['api1', 'ranker'], ['api2', 'cache'], ['api2', 'ranker', { networkMs: 1 }],
    ['cache', 'db'], ['users', 'kafka', { mode: 'async' }],
  ],
);

describe('discrete-event engine: reproducibility and invariants', () => {
  it('gives the same report for the same seed and a different one for another seed', () => {
    const strip = (r: Report) => ({ ...r, wallMs: 0 });
    const a = des(mixed, 20_000, 11);
    expect(strip(des(mixed, 20_000, 11))).toEqual(strip(a));
    const b = des(mixed, 20_000, 12);
    expect(b.latencyMs.mean).not.toBe(a.latencyMs.mean);
    expect(b.nodes.db.meanWaitMs).not.toBe(a.nodes.db.meanWaitMs);
  });

  it("satisfies Little's law, the utilization law and flow conservation at every component (O16)", () => {
    const r = des(mixed, 200_000);
    const service: Record<string, [number, number]> = { api1: [3, 2], api2: [3, 2], cache: [0.5, 2], db: [6, 2], ranker: [12, 8], kafka: [1, 2] };
    for (const [id, [meanMs, c]] of Object.entries(service)) {
      const n = r.nodes[id];
      // L is a time average, X·T an average over requests: two different measurements.
      expect(relErr(n.L!, (n.throughputRps * n.meanResponseMs!) / 1000), `${id} Little`).toBeLessThan(0.02);
      expect(relErr(n.utilization, (n.throughputRps * meanMs) / (1000 * c)), `${id} utilization law`).toBeLessThan(0.03);
    }
    const e = r.edges;
    expect(relErr(r.nodes.cache.arrivalRps, e['api1->cache#3'].rps + e['api2->cache#5'].rps)).toBeLessThan(1e-3);
    expect(relErr(r.nodes.db.arrivalRps, 0.3 * r.nodes.cache.throughputRps)).toBeLessThan(0.02);
    expect(relErr(r.nodes.kafka.arrivalRps, 400)).toBeLessThan(0.01);
    expect(relErr(r.nodes.api1.arrivalRps + r.nodes.api2.arrivalRps, 400)).toBeLessThan(0.01);
  });

  it('agrees with analytic mode on the mixed design', () => {
    const a = analyze(mixed);
    if (!a.ok) throw new Error(a.error);
    const r = des(mixed, 300_000);
    for (const [id, n] of Object.entries(a.report.nodes)) {
      const d = r.nodes[id];
      expect(Math.abs(d.arrivalRps - n.arrivalRps) / 400, `${id} arrivals`).toBeLessThan(0.01);
      expect(Math.abs(d.utilization - n.utilization), `${id} utilization`).toBeLessThan(0.01);
      // Every component is M/M/c with Poisson arrivals (Burke, Poisson splitting): means are exact.
      if (n.meanResponseMs! > 0) expect(relErr(d.meanResponseMs!, n.meanResponseMs!), `${id} response`).toBeLessThan(0.04);
    }
    // End to end, analytic mode approximates the fork-join: stated tolerance 5 % on the mean, 10 % on p95/p99.
    expect(relErr(r.latencyMs.mean!, a.report.latencyMs.mean!)).toBeLessThan(0.05);
    expect(relErr(r.latencyMs.p95!, a.report.latencyMs.p95!)).toBeLessThan(0.1);
    expect(relErr(r.latencyMs.p99!, a.report.latencyMs.p99!)).toBeLessThan(0.1);
    expect(r.maxRps).toBeCloseTo(a.report.maxRps, 6);
    expect(r.bottleneck).toBe(a.report.bottleneck);
  });
});

describe('discrete-event engine: semantics', () => {
  // Evenly spaced arrivals far apart and constant service: no queueing, so times are exact.
  const chain = (fanout: string) =>
    design(
      [
        { id: 'src', params: { rps: 1, arrivals: 'uniform' } },
        { id: 'gw', params: { fanout, service: { dist: 'constant', meanMs: 2 } } },
        { id: 'a', params: { service: { dist: 'constant', meanMs: 10 } } },
        { id: 'b', params: { service: { dist: 'constant', meanMs: 30 } } },
      ],
      [['src', 'gw'], ['gw', 'a', { networkMs: 1 }], ['gw', 'b']],
    );

  it('adds up sequential calls and waits for the slowest parallel one', () => {
    expect(des(chain('sequential'), 2000).latencyMs.mean).toBeCloseTo(2 + 11 + 30, 9);
    expect(des(chain('parallel'), 2000).latencyMs.p99).toBeCloseTo(2 + 30, 9);
  });

  it('dispatches one connection by weight, and each of "all" by its probability', () => {
    const d = design(
      [{ id: 'src', params: { rps: 100 } }, { id: 'r', params: { dispatch: 'one' } }, { id: 'x', params: { service: exp(1) } }, { id: 'y', params: { service: exp(1) } }, { id: 'z', params: { service: exp(1) } }],
      [['src', 'r'], ['r', 'x', { weight: 3 }], ['r', 'y', { weight: 1 }], ['src', 'z', { probability: 0.25 }]],
    );
    const r = des(d, 100_000);
    expect(relErr(r.nodes.x.arrivalRps, 75)).toBeLessThan(0.02);
    expect(relErr(r.nodes.y.arrivalRps, 25)).toBeLessThan(0.03);
    expect(relErr(r.nodes.z.arrivalRps, 25)).toBeLessThan(0.03);
  });

  const batcher = (rps: number, batch: Record<string, number> | undefined) =>
    design(
      [{ id: 'src', params: { rps } }, { id: 'm', params: { service: { dist: 'constant', meanMs: 10 }, ...(batch ? { batch } : {}) } }],
      [['src', 'm']],
    );
  const batch = { maxSize: 16, timeoutMs: 5, perItemMs: 1 };

  it('batches grow with the load, up to the maximum size', () => {
    const sizes = [20, 100, 300, 600].map((rps) => des(batcher(rps, batch), 60_000).nodes.m.meanBatchSize!);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1]);
    expect(sizes[0]).toBeLessThan(1.3);
    expect(sizes[3]).toBeLessThanOrEqual(16);
    // At light load a request mostly waits out the timeout alone, then takes one service time.
    const light = des(batcher(5, batch), 20_000).nodes.m;
    expect(light.meanResponseMs!).toBeGreaterThan(14);
    expect(light.meanResponseMs!).toBeLessThan(15.2);
  });

  it('lets a batching server hold a load that overloads the same server without batching', () => {
    const plain = des(batcher(300, undefined), 60_000);
    expect(plain.stable).toBe(false);
    expect(plain.nodes.m.throughputRps).toBeLessThan(101);
    const batched = des(batcher(300, batch), 60_000);
    expect(batched.stable).toBe(true);
    expect(relErr(batched.nodes.m.throughputRps, 300)).toBeLessThan(0.02);
    expect(batched.latencyMs.p99).not.toBeNull();
    // Servers count batches: utilization is batches in flight, below 1 here.
    expect(batched.nodes.m.utilization).toBeLessThan(1);
    const m = batched.measured!;
    expect(relErr(m.secondHalfMeanMs!, m.firstHalfMeanMs!)).toBeLessThan(0.05);
  });

  it('refuses a design with nothing to simulate, and stops when asked', () => {
    expect(simulateDes(design([{ id: 'a', params: { service: exp(1) } }], []), { requests: 10 }).ok).toBe(false);
    const stopped = simulateDes(mixed, { requests: 2_000_000, shouldStop: () => true });
    expect(stopped.ok).toBe(false);
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    simulateDes(mixed, { requests: 100_000, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });
});

describe('discrete-event engine: exact accounting', () => {
  it('integrates the requests present to exactly the sum of their times once the run drains (O16)', () => {
    const compiled = compileGraph(mixed);
    if (!compiled.ok) throw new Error(compiled.error);
    const engine = new DesEngine(compiled.graph, 20_000, 5, 0, 1);
    while (!engine.step(1 << 16));
    compiled.graph.nodes.forEach((n, u) => {
      if (n.isSource || engine.nodes.pass[u]) return;
      // ∫N(t)dt over the whole run (Little's law without estimation error) = Σ response times.
      expect(relErr(engine.c.countArea[u], engine.hist.sum[u]), n.id).toBeLessThan(1e-9);
      expect(engine.nodes.inSystem[u]).toBe(0);
      expect(engine.nodes.busy[u]).toBe(0);
    });
  });
});
