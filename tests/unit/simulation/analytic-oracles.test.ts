// Every case of the oracle table (tests/fixtures/oracles/oracles.json) through the analytic
// engine. "Exact" fields must match to 1e-6 relative. Percentiles that have no closed form
// (M/G/1 lognormal, fork-join) are checked against numerical.json within the tolerances stated
// at each test: what the method used is known to reach on these cases (src/simulation/README.md, Accuracy).
import { describe, expect, it } from 'vitest';
import { analyze, computeFlow } from '../../../src/simulation/analytic';
import { compileGraph } from '../../../src/simulation/graph';
import { endToEnd } from '../../../src/simulation/compose';
import { erlangC } from '../../../src/simulation/queue';
import type { Design } from '../../../src/model/design';
import type { Report } from '../../../src/simulation/report';
import { fanOut, loadNumerical, loadOracles, relErr, wrap } from './oracle-helpers';

const ORACLES = loadOracles();
const NUM = loadNumerical();
const EXACT = 1e-6;

const designOf = (id: string) => structuredClone(ORACLES.get(id)!.design as Design);
const expectedOf = (id: string) => ORACLES.get(id)!.expected;

function run(design: Design, loadScale?: number): Report {
  const r = analyze(design, { loadScale });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

function near(actual: number | null | undefined, expected: number, tol: number, what: string) {
  expect(actual, what).toBeTypeOf('number');
  expect(relErr(actual as number, expected), `${what}: got ${actual}, expected ${expected} (±${tol * 100}%)`).toBeLessThanOrEqual(tol);
}

/** The report fields an oracle states, compared exactly. */
function checkExact(id: string, r: Report) {
  const x = expectedOf(id);
  expect(r.stable, `${id} stable`).toBe(x.stable);
  near(r.maxRps, x.maxRps, EXACT, `${id} maxRps`);
  if (x.bottleneck) expect(r.bottleneck).toBe(x.bottleneck);
  if (x.throughputRps !== undefined) near(r.throughputRps, x.throughputRps, EXACT, `${id} throughput`);
  for (const [node, fields] of Object.entries(x.nodes ?? {}) as [string, Record<string, number>][]) {
    const n = r.nodes[node];
    expect(n, `${id} node ${node}`).toBeDefined();
    for (const f of ['arrivalRps', 'utilization', 'meanWaitMs', 'meanResponseMs', 'L'] as const) {
      if (fields[f] !== undefined) near(n[f], fields[f], EXACT, `${id} ${node}.${f}`);
    }
    // Lq = λ·Wq (Little on the queue alone).
    if (fields.Lq !== undefined) near((n.arrivalRps / 1000) * n.meanWaitMs!, fields.Lq, EXACT, `${id} ${node}.Lq`);
  }
  for (const q of ['mean', 'p50', 'p95', 'p99'] as const) {
    if (x.latencyMs?.[q] !== undefined) near(r.latencyMs[q], x.latencyMs[q], EXACT, `${id} latency ${q}`);
  }
}

describe('analytic engine on the exact oracles', () => {
  for (const id of ['O1', 'O2', 'O3', 'O4', 'O6', 'O7', 'O8', 'O9']) {
    it(`${id}: ${ORACLES.get(id)!.title}`, () => {
      expect(ORACLES.get(id)!.exact).toContain('all');
      checkExact(id, run(designOf(id)));
    });
  }

  it('O1–O3, O9: Erlang C and P(wait) from the component parameters', () => {
    near(erlangC(1, 0.8), expectedOf('O1').nodes.A.Pwait, EXACT, 'O1 P(wait)');
    near(erlangC(1, 0.5), expectedOf('O2').nodes.A.Pwait, EXACT, 'O2 P(wait)');
    near(erlangC(4, 3.2), expectedOf('O3').nodes.A.erlangC, EXACT, 'O3 Erlang C');
    near(erlangC(4, 2), expectedOf('O9').nodes.kafka.erlangC, EXACT, 'O9 Kafka Erlang C');
    near(erlangC(2, 1.6), expectedOf('O10').pooled.erlangC, EXACT, 'O10 pooled Erlang C');
  });

  it('O8: networkMs 1 on each of the three connections adds 3 ms to the mean and every percentile', () => {
    const d = designOf('O8');
    for (const e of d.edges) e.params = { ...e.params, networkMs: 1 };
    const r = run(d);
    const x = expectedOf('O8').latencyMs;
    for (const q of ['mean', 'p50', 'p95', 'p99'] as const) near(r.latencyMs[q], x[q] + 3, EXACT, `O8+3 ${q}`);
    expect(r.nodes.C.meanResponseMs).toBeCloseTo(80, 9); // network time is not time at a component
  });

  it('O9: the async Kafka call adds load but no latency; the cache miss path is a mixture', () => {
    const r = run(designOf('O9'));
    near(r.nodes.kafka.arrivalRps, 1000, EXACT, 'kafka rps');
    near(r.edges['src->kafka'].rps, 1000, EXACT, 'async edge rps');
    near(r.edges['cache->db'].rps, 200, EXACT, 'miss rps');
    const noKafka = designOf('O9');
    noKafka.edges = noKafka.edges.filter((e) => e.target !== 'kafka');
    expect(run(noKafka).latencyMs).toEqual(r.latencyMs);
  });

  it('O10: a random split to two single servers vs one pooled component of 2 replicas', () => {
    const r = run(designOf('O10'));
    const x = expectedOf('O10');
    for (const q of ['mean', 'p50', 'p95', 'p99'] as const) {
      near(r.sources.src.latencyMs[q], x.split.latencyMs[q], EXACT, `split ${q}`);
      near(r.sources.src2.latencyMs[q], x.pooled.latencyMs[q], EXACT, `pooled ${q}`);
    }
    for (const n of ['A1', 'A2']) {
      near(r.nodes[n].arrivalRps, x.split.perReplicaRps, EXACT, `${n} rps`);
      near(r.nodes[n].utilization, x.split.utilization, EXACT, `${n} U`);
    }
    near(r.nodes.P.utilization, x.pooled.utilization, EXACT, 'P U');
    near(r.maxRps, x.maxRps, EXACT, 'maxRps');
    expect(['A1', 'A2', 'P']).toContain(r.bottleneck);
  });

  it('O13: fan-out to K leaves that never queue is the maximum of K exponentials, exactly', () => {
    for (const row of expectedOf('O13').table as Record<string, number>[]) {
      const r = run(fanOut(row.K, 10, { replicas: 50, service: { dist: 'exponential', meanMs: 10 } }));
      near(r.latencyMs.mean, row.meanMs, EXACT, `K=${row.K} mean`);
      for (const q of ['p50', 'p95', 'p99'] as const) near(r.latencyMs[q], row[q], EXACT, `K=${row.K} ${q}`);
    }
  });

  it('O14: an overloaded design is flagged, with no finite latency', () => {
    const r = run(designOf('O14'));
    const x = expectedOf('O14');
    expect(r.stable).toBe(false);
    expect(r.overloaded).toEqual(x.overloaded);
    expect(r.bottleneck).toBe(x.bottleneck);
    near(r.maxRps, x.maxRps, EXACT, 'maxRps');
    expect(r.latencyMs).toEqual({ mean: null, p50: null, p95: null, p99: null });
    expect(r.sources.src.latencyMs.p99).toBeNull();
    expect(r.nodes.A.meanResponseMs).toBeNull();
    near(r.nodes.A.utilization, 1, EXACT, 'U is capped at 1');
    near(r.throughputRps, x.des.completedThroughputRps, EXACT, 'completed throughput');
  });

  describe('O15: queue limits (M/M/c/K), rejected arrivals are errors', () => {
    const cases: [string, number, number, number][] = [
      ['M/M/1, 120 rps, queueLimit 10 (K=11)', 120, 1, 10],
      ['M/M/4, 480 rps, queueLimit 20 (K=24)', 480, 4, 20],
      ['M/M/1, 80 rps, queueLimit 10 (K=11)', 80, 1, 10],
    ];
    for (const [key, rps, replicas, queueLimit] of cases) {
      it(key, () => {
        const d = wrap({
          nodes: [
            { id: 'src', kind: 'client', params: { rps } },
            { id: 'A', kind: 'model-server', params: { replicas, queueLimit, service: { dist: 'exponential', meanMs: 10 } } },
          ],
          edges: [{ id: 'e', source: 'src', target: 'A', params: { mode: 'sync' } }],
        } as never);
        const r = run(d);
        const x = expectedOf('O15')[key];
        expect(r.stable).toBe(true);
        near(r.errorRate, x.errorRate, EXACT, 'errorRate');
        near(r.nodes.A.errorRate, x.blockProb, EXACT, 'blocking');
        near(r.throughputRps, x.throughputRps, EXACT, 'throughput');
        near(r.nodes.A.throughputRps, x.throughputRps, EXACT, 'node throughput');
        for (const f of ['utilization', 'meanResponseMs', 'meanWaitMs', 'L'] as const) near(r.nodes.A[f], x[f], EXACT, f);
        near(r.latencyMs.mean, x.meanResponseMs, EXACT, 'admitted mean');
        if (x.admittedLatencyMs) for (const q of ['p50', 'p95', 'p99'] as const) near(r.latencyMs[q], x.admittedLatencyMs[q], EXACT, `admitted ${q}`);
      });
    }
  });
});

describe('analytic engine where it approximates', () => {
  it('O5: M/G/1 lognormal cv 2 — mean and SD exact (P-K, Takács); percentiles close to the numerical values', () => {
    const d = designOf('O5');
    const r = run(d);
    checkExact('O5', r);
    // SD from the composed distribution: the same moments the percentiles are fitted to.
    const sdReport = Math.sqrt(varianceOf(d));
    near(sdReport, expectedOf('O5').latencyMs.sd, EXACT, 'sd');
    // No-wait part exact, the waited part a two-moment lognormal: measured +5.0 / −2.3 / +1.2 %
    // (a single lognormal fit: +25 / −9.8 / −3.3 %).
    near(r.latencyMs.p50, NUM.O5.p50, 0.06, 'p50');
    near(r.latencyMs.p95, NUM.O5.p95, 0.04, 'p95');
    near(r.latencyMs.p99, NUM.O5.p99, 0.03, 'p99');
  });

  it('P-K depends on two moments only: lognormal cv 1 at 80 rps has the M/M/1 mean of O1', () => {
    const d = designOf('O1');
    d.nodes[1].params.service = { dist: 'lognormal', meanMs: 10, cv: 1 };
    const r = run(d);
    near(r.latencyMs.mean, expectedOf('O1').latencyMs.mean, EXACT, 'mean');
    near(r.nodes.A.meanWaitMs, expectedOf('O1').nodes.A.meanWaitMs, EXACT, 'wait');
  });

  for (const id of ['O11a', 'O11b']) {
    it(`${id}: two-way fork-join — Flatto–Hahn mean exact, inside the bounds; percentiles near the CTMC`, () => {
      const r = run(designOf(id));
      const x = expectedOf(id);
      near(r.latencyMs.mean, x.latencyMs.mean, EXACT, 'mean');
      expect(r.latencyMs.mean!).toBeGreaterThanOrEqual(x.boundsMs.lower);
      expect(r.latencyMs.mean!).toBeLessThanOrEqual(x.boundsMs.upper);
      near(r.nodes.B1.meanResponseMs, x.perBranchMeanResponseMs, EXACT, 'branch mean');
      // Product of the branch CDFs shifted to the exact mean: measured within 2 % (the unshifted
      // product is +1.1…+1.7 % on p95 but +7…+11 % on p50: docs/analytic-notes.md §3).
      const n = NUM[id];
      near(r.latencyMs.p50, n.p50, 0.025, 'p50');
      near(r.latencyMs.p95, n.p95, 0.02, 'p95');
      near(r.latencyMs.p99, n.p99, 0.02, 'p99');
    });
  }

  it('O12: K-way fork-join — Nelson–Tantawi mean within ±5 % and inside the hard bounds', () => {
    for (const row of expectedOf('O12').table as Record<string, number>[]) {
      const r = run(fanOut(row.K, row.rps, { service: { dist: 'exponential', meanMs: 10 } }));
      const m = r.latencyMs.mean!;
      near(m, row.nelsonTantawiMs, 0.05, `K=${row.K} ρ=${row.rho} mean`);
      expect(m, `K=${row.K} ρ=${row.rho} lower bound`).toBeGreaterThanOrEqual(row.lowerMs - 1e-9);
      expect(m, `K=${row.K} ρ=${row.rho} upper bound`).toBeLessThanOrEqual(row.upperMs + 1e-9);
      expect(r.latencyMs.p99!).toBeGreaterThan(r.latencyMs.p95!);
    }
    const ctmc = NUM['O12_K3_rho0.5'];
    const r = run(fanOut(3, 50, { service: { dist: 'exponential', meanMs: 10 } }));
    near(r.latencyMs.mean, ctmc.mean, 0.05, 'K=3 mean vs CTMC'); // NT: −1.0 %
    near(r.latencyMs.p50, ctmc.p50, 0.03, 'K=3 p50 vs CTMC'); // measured +0.5 %
    near(r.latencyMs.p99, ctmc.p99, 0.03, 'K=3 p99 vs CTMC'); // measured −1.8 %
  });
});

/** Variance of the end-to-end latency, from the composed distribution. */
function varianceOf(d: Design): number {
  const c = compileGraph(d);
  if (!c.ok) throw new Error(c.error);
  return endToEnd(c.graph, computeFlow(c.graph, 1)).overall!.variance;
}

it('O13: P(end-to-end > one leaf p99) = 1 − 0.99^K (the tail at scale)', () => {
  const x = expectedOf('O13');
  for (const row of x.table as Record<string, number>[]) {
    const c = compileGraph(fanOut(row.K, 10, { replicas: 50, service: { dist: 'exponential', meanMs: 10 } }));
    if (!c.ok) throw new Error(c.error);
    const e2e = endToEnd(c.graph, computeFlow(c.graph, 1)).overall!;
    near(1 - e2e.cdf(x.leafP99Ms), row.pAboveLeafP99, EXACT, `K=${row.K}`);
  }
});
