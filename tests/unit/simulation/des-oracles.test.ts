// The discrete-event engine against the closed forms of the oracles (tests/fixtures/oracles), one
// fixed seed per case. Tolerances are for 10⁶ requests (4 × the SD measured between 20 seeds),
// scaled by √(10⁶/N) for the shorter runs used here.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import type { Report } from '../../../src/simulation/report';
import type { Design } from '../../../src/model/design';
import { fanOut, loadNumerical, loadOracles, relErr, wrap } from './oracle-helpers';

const oracles = loadOracles();
const numerical = loadNumerical();
const SEED = 7;

function run(design: Design | string, requests: number, seed = SEED): Report {
  const r = simulateDes(design as Design, { requests, seed });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

/** The table's tolerance (percent, at 10⁶ requests) for a run of n requests, as a fraction. */
const tol = (pct: number, n: number) => (pct / 100) * Math.sqrt(1e6 / n);

function near(actual: number | null | undefined, expected: number, tolerance: number, what: string) {
  expect(actual, what).not.toBeNull();
  const err = relErr(actual as number, expected);
  expect(err, `${what}: ${actual} vs ${expected} (tolerance ${(tolerance * 100).toFixed(2)} %)`).toBeLessThanOrEqual(tolerance);
}

/** mean / p50 / p95 / p99 of a latency summary against expected values and the table's tolerances. */
function latency(got: Report['latencyMs'], want: Record<string, number>, pcts: number[], n: number, what: string) {
  (['mean', 'p50', 'p95', 'p99'] as const).forEach((k, i) => {
    if (want[k] !== undefined) near(got[k], want[k], tol(pcts[i], n), `${what} ${k}`);
  });
}

/** Per-component checks: utilization, mean wait and response; the wait carries the response's absolute error. */
function nodeMeans(r: Report, want: Record<string, Record<string, number>>, meanPct: number, n: number) {
  for (const [id, w] of Object.entries(want)) {
    const got = r.nodes[id];
    const t = tol(meanPct, n);
    if (w.utilization !== undefined) near(got.utilization, w.utilization, t, `${id} utilization`);
    if (w.meanResponseMs !== undefined) near(got.meanResponseMs, w.meanResponseMs, t, `${id} response`);
    if (w.meanWaitMs) near(got.meanWaitMs, w.meanWaitMs, (t * w.meanResponseMs) / w.meanWaitMs, `${id} wait`);
    if (w.arrivalRps !== undefined) near(got.arrivalRps, w.arrivalRps, t, `${id} arrivals`);
  }
}

describe('discrete-event engine on the oracles', () => {
  it('O1 M/M/1 at ρ 0.8', () => {
    const N = 500_000;
    const { expected: x, design } = oracles.get('O1')!;
    const r = run(design, N);
    expect(r.mode).toBe('des');
    expect(r.stable).toBe(true);
    expect(r.maxRps).toBeCloseTo(100, 9);
    expect(r.bottleneck).toBe('A');
    latency(r.latencyMs, x.latencyMs, [3.4, 2.9, 4.7, 7.0], N, 'O1');
    nodeMeans(r, x.nodes, 3.4, N);
    near(r.nodes.A.L, x.nodes.A.L, tol(3.4, N), 'O1 L');
    near(r.throughputRps, 80, tol(0.4, N), 'O1 throughput');
    expect(r.events).toBeGreaterThanOrEqual(2 * N);
  });

  it('O2 M/M/1 at ρ 0.5', () => {
    const N = 200_000;
    const { expected: x, design } = oracles.get('O2')!;
    const r = run(design, N);
    latency(r.latencyMs, x.latencyMs, [1.0, 1.0, 1.2, 2.3], N, 'O2');
    nodeMeans(r, x.nodes, 1.0, N);
  });

  it('O3 M/M/4 (2 replicas × concurrency 2)', () => {
    const N = 400_000;
    const { expected: x, design } = oracles.get('O3')!;
    const r = run(design, N);
    latency(r.latencyMs, x.latencyMs, [2.3, 2.2, 3.0, 4.7], N, 'O3');
    nodeMeans(r, x.nodes, 2.3, N);
    expect(r.maxRps).toBeCloseTo(400, 9);
  });

  it('O4 M/D/1, O5 M/G/1 lognormal cv 2, O6 D/M/1', () => {
    const N = 300_000;
    const o4 = oracles.get('O4')!;
    const r4 = run(o4.design, N);
    latency(r4.latencyMs, o4.expected.latencyMs, [2.4, 1.8, 3.8, 5.4], N, 'O4');
    nodeMeans(r4, o4.expected.nodes, 2.4, N);
    const o5 = oracles.get('O5')!;
    const r5 = run(o5.design, N);
    latency(r5.latencyMs, { mean: 35, ...numerical.O5 }, [8.2, 2.5, 7.4, 13.5], N, 'O5');
    const o6 = oracles.get('O6')!;
    const r6 = run(o6.design, N);
    latency(r6.latencyMs, o6.expected.latencyMs, [2.4, 2.2, 3.0, 4.2], N, 'O6');
  });

  it('O7 D/D/1: every latency is the service time', () => {
    const r = run(oracles.get('O7')!.design, 50_000);
    for (const k of ['mean', 'p50', 'p95', 'p99'] as const) expect(Math.abs(r.latencyMs[k]! - 10)).toBeLessThan(1e-9);
    expect(r.nodes.A.meanWaitMs).toBeLessThan(1e-9);
    expect(r.nodes.A.utilization).toBeCloseTo(0.8, 3);
  });

  it('O8 tandem of three M/M/1, and the same with 1 ms of network per connection', () => {
    const N = 300_000;
    const { expected: x, design } = oracles.get('O8')!;
    const r = run(design, N);
    latency(r.latencyMs, x.latencyMs, [2.3, 2.1, 3.2, 5.6], N, 'O8');
    nodeMeans(r, x.nodes, 2.3, N);
    expect(r.bottleneck).toBe('C');
    expect(r.maxRps).toBeCloseTo(62.5, 9);
    const d = design as Design;
    const withNet = { ...d, edges: d.edges.map((e) => ({ ...e, params: { ...e.params, networkMs: 1 } })) };
    const rn = run(withNet, N);
    const plus3 = Object.fromEntries(Object.entries(x.latencyMs as Record<string, number>).map(([k, v]) => [k, v + 3]));
    latency(rn.latencyMs, plus3, [2.3, 2.1, 3.2, 5.6], N, 'O8 + network');
  });

  it('O9 cache hits, a database behind it and an async Kafka that adds no latency', () => {
    const N = 300_000;
    const { expected: x, design } = oracles.get('O9')!;
    const r = run(design, N);
    latency(r.latencyMs, x.latencyMs, [4.9, 1.0, 4.8, 8.8], N, 'O9');
    nodeMeans(r, { cache: x.nodes.cache, db: x.nodes.db }, 4.9, N);
    near(r.nodes.kafka.meanResponseMs, x.nodes.kafka.meanResponseMs, tol(0.7, N), 'kafka response');
    near(r.nodes.kafka.arrivalRps, 1000, tol(0.4, N), 'kafka arrivals');
    near(r.edges['cache->db'].rps, 200, tol(1, N), 'cache → db traffic');
    expect(r.bottleneck).toBe('db');
    expect(r.maxRps).toBeCloseTo(1250, 6);
  });

  it('O10 a load balancer splitting to two queues vs two replicas sharing one queue', () => {
    const N = 400_000; // two sources: half each
    const { expected: x, design } = oracles.get('O10')!;
    const r = run(design, N);
    latency(r.sources.src.latencyMs, x.split.latencyMs, [2.7, 3.1, 3.5, 6.4], N / 2, 'split');
    latency(r.sources.src2.latencyMs, x.pooled.latencyMs, [3.0, 2.5, 4.0, 6.4], N / 2, 'pooled');
    near(r.nodes.A1.arrivalRps, 80, tol(1, N / 2), 'A1 share');
    expect(r.nodes.lb.utilization).toBe(0);
    expect(r.maxRps).toBeCloseTo(400, 6);
  });

  it('O11 two-way fork-join at ρ 0.5 and 0.8', () => {
    const N = 300_000;
    for (const [id, pcts] of [['O11a', [0.9, 0.7, 1.3, 2.0]], ['O11b', [2.2, 2.2, 2.7, 6.6]]] as const) {
      const r = run(oracles.get(id)!.design, N);
      latency(r.latencyMs, numerical[id], [...pcts], N, id);
    }
  });

  it('O12 K-way fork-join: within the hard bounds and near Nelson–Tantawi', () => {
    const N = 60_000;
    for (const row of oracles.get('O12')!.expected.table.filter((t: { K: number }) => t.K <= 8)) {
      const r = run(fanOut(row.K, row.rps, { service: { dist: 'exponential', meanMs: 10 } }), N);
      const mean = r.latencyMs.mean!;
      const slack = tol(row.rho > 0.6 ? 2.2 : 0.9, N);
      expect(mean, `K=${row.K} ρ=${row.rho}`).toBeGreaterThan(row.lowerMs * (1 - slack));
      expect(mean, `K=${row.K} ρ=${row.rho}`).toBeLessThan(row.upperMs * (1 + slack));
      near(mean, row.nelsonTantawiMs, 0.05 + slack, `K=${row.K} ρ=${row.rho} vs Nelson–Tantawi`);
    }
    const k3 = run(fanOut(3, 50, { service: { dist: 'exponential', meanMs: 10 } }), 200_000);
    latency(k3.latencyMs, numerical['O12_K3_rho0.5'], [0.9, 0.7, 1.3, 2.0], 200_000, 'K=3 CTMC');
  });

  it('O13 fan-out without queueing: the maximum of K exponentials', () => {
    const rows = oracles.get('O13')!.expected.table as { K: number; meanMs: number; p50: number; p95: number; p99: number }[];
    const leaf = { replicas: 50, service: { dist: 'exponential', meanMs: 10 } };
    for (const [K, N, pcts] of [[10, 200_000, [0.15, 0.2, 0.35, 0.65]], [100, 40_000, [0.1, 0.15, 0.15, 0.45]]] as const) {
      const row = rows.find((t) => t.K === K)!;
      const r = run(fanOut(K, 10, leaf), N);
      latency(r.latencyMs, { mean: row.meanMs, p50: row.p50, p95: row.p95, p99: row.p99 }, [...pcts], N, `K=${K}`);
    }
  });

  it('O14 overload: flagged unstable, no latency that looks fine, completions at capacity, waits growing with the run', () => {
    const N = 200_000;
    const r = run(oracles.get('O14')!.design, N);
    expect(r.stable).toBe(false);
    expect(r.overloaded).toEqual(['A']);
    expect(r.latencyMs).toEqual({ mean: null, p50: null, p95: null, p99: null });
    expect(r.sources.src.latencyMs.p99).toBeNull();
    expect(r.nodes.A.meanResponseMs).toBeNull();
    near(r.nodes.A.throughputRps, 100, tol(0.5, N), 'completions');
    near(r.throughputRps, 100, tol(0.5, N), 'throughput');
    expect(r.nodes.A.utilization).toBeGreaterThan(0.999);
    // The n-th request waits about n·(10 − 1000/120) ms: the first half's mean index is ~0.2575·N.
    // The backlog is a random walk around that drift (SD ≈ 4 % of it here), hence 10 %.
    const m = r.measured!;
    near(m.firstHalfMeanMs, (10 - 1000 / 120) * 0.2575 * N, 0.1, 'first half mean');
    near(m.secondHalfMeanMs! / m.firstHalfMeanMs!, 0.7525 / 0.2575, 0.1, 'growth');
    const longer = run(oracles.get('O14')!.design, 2 * N);
    near(longer.measured!.latencyMs.mean! / m.latencyMs.mean!, 2, 0.1, 'twice the run, twice the latency');
  });

  it('O15 queue limits: rejections are errors and stay out of the latency', () => {
    const x = oracles.get('O15')!.expected;
    const one = (rps: number, replicas: number, queueLimit: number) =>
      wrap({ nodes: [{ id: 'src', kind: 'client', params: { rps } }, { id: 'A', kind: 'model-server', params: { replicas, queueLimit, service: { dist: 'exponential', meanMs: 10 } } }], edges: [{ id: 'e', source: 'src', target: 'A', params: { mode: 'sync' } }] } as never);
    const N = 300_000;
    const cases = [
      [x['M/M/1, 120 rps, queueLimit 10 (K=11)'], one(120, 1, 10), [1.9, 1.0]],
      [x['M/M/4, 480 rps, queueLimit 20 (K=24)'], one(480, 4, 20), [2.4, 0.9]],
      [x['M/M/1, 80 rps, queueLimit 10 (K=11)'], one(80, 1, 10), [6.1, 1.5]],
    ] as const;
    for (const [want, design, [errPct, tPct]] of cases) {
      const r = run(design, N);
      expect(r.stable).toBe(true);
      near(r.errorRate, want.errorRate, tol(errPct, N), 'errorRate');
      near(r.nodes.A.errorRate, want.blockProb, tol(errPct, N), 'block probability');
      near(r.nodes.A.throughputRps, want.throughputRps, tol(0.4, N), 'throughput');
      near(r.throughputRps, want.throughputRps, tol(0.4, N), 'throughput end to end');
      near(r.nodes.A.meanResponseMs, want.meanResponseMs, tol(tPct, N), 'admitted response');
      near(r.nodes.A.L, want.L, tol(tPct, N), 'L');
      if (want.admittedLatencyMs) latency(r.latencyMs, want.admittedLatencyMs, [tPct, tPct, 2 * tPct, 3 * tPct], N, 'admitted');
    }
  });
});
