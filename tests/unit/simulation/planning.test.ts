// What-if tools on the analytic engine: the load sweep, the capacity planner and the bill.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { loadSweep, monthlyCost, planCapacity } from '../../../src/simulation/planning';
import type { Design } from '../../../src/model/design';
import { wrap } from './oracle-helpers';

/** A recommendation pipeline: gateway → features (cache-backed) and ranking in parallel; Kafka async. */
function pipeline(): Design {
  const svc = (meanMs: number, extra: Record<string, unknown> = {}) => ({ service: { dist: 'exponential', meanMs }, ...extra });
  return wrap({
    nodes: [
      { id: 'users', kind: 'client', params: { rps: 400 } },
      { id: 'gw', kind: 'api-gateway', params: svc(1, { concurrency: 4, pricePerReplicaMonthUsd: 50 }) },
      { id: 'features', kind: 'feature-store-online', params: svc(3, { hitRatio: 0.5, pricePerReplicaMonthUsd: 200 }) },
      { id: 'db', kind: 'kv-store', params: svc(8, { concurrency: 2, pricePerReplicaMonthUsd: 300 }) },
      { id: 'rank', kind: 'model-server', params: svc(12, { concurrency: 2, pricePerReplicaMonthUsd: 900 }) },
      { id: 'log', kind: 'kafka', params: svc(2, { pricePerReplicaMonthUsd: 150 }) },
      { id: 'frame', kind: 'group', params: {} },
    ],
    edges: [
      { id: 'a', source: 'users', target: 'gw', params: { mode: 'sync' } },
      { id: 'b', source: 'gw', target: 'features', params: { mode: 'sync' } },
      { id: 'c', source: 'features', target: 'db', params: { mode: 'sync' } },
      { id: 'd', source: 'gw', target: 'rank', params: { mode: 'sync' } },
      { id: 'e', source: 'gw', target: 'log', params: { mode: 'async' } },
    ],
  } as never);
}

const withReplicas = (d: Design, replicas: Record<string, number>): Design => ({
  ...d,
  nodes: d.nodes.map((n) => (n.id in replicas ? { ...n, params: { ...n.params, replicas: replicas[n.id] } } : n)),
});

function p99At(d: Design, rps: number): number {
  const total = d.nodes.reduce((s, n) => s + (typeof n.params.rps === 'number' ? n.params.rps : 0), 0);
  const r = analyze(d, { loadScale: rps / total });
  if (!r.ok) throw new Error(r.error);
  return r.report.stable && r.report.latencyMs.p99 !== null ? r.report.latencyMs.p99 : Infinity;
}

describe('planCapacity', () => {
  for (const slo of [{ p99Ms: 120, rps: 2000 }, { p99Ms: 60, rps: 800 }, { p99Ms: 70, rps: 5000 }]) {
    it(`meets p99 ≤ ${slo.p99Ms} ms at ${slo.rps} rps with no replica to spare`, () => {
      const d = pipeline();
      expect(p99At(d, slo.rps)).toBeGreaterThan(slo.p99Ms); // the design as drawn does not
      const plan = planCapacity(d, slo);
      if (!plan.ok) throw new Error(plan.error);
      const planned = withReplicas(d, plan.replicas);
      const p99 = p99At(planned, slo.rps);
      expect(p99).toBeLessThanOrEqual(slo.p99Ms);
      expect(plan.report.latencyMs.p99).toBeCloseTo(p99, 9);
      for (const [id, r] of Object.entries(plan.replicas)) {
        if (r === 1) continue;
        const fewer = withReplicas(planned, { [id]: r - 1 });
        const broken = p99At(fewer, slo.rps) > slo.p99Ms;
        // …or one replica fewer would overload it at that load (the stable minimum).
        const node = fewer.nodes.find((n) => n.id === id)!;
        const total = 400;
        const a = analyze(fewer, { loadScale: slo.rps / total });
        const overloaded = a.ok && a.report.overloaded.includes(id);
        expect(broken || overloaded, `${id} at ${r} replicas (${node.kind})`).toBe(true);
      }
    });
  }

  it('plans even the async-only Kafka to stay stable, though it never affects latency', () => {
    const plan = planCapacity(pipeline(), { p99Ms: 200, rps: 3000 });
    if (!plan.ok) throw new Error(plan.error);
    // 3000 rps × 2 ms on single-server replicas: 6 busy servers, so at least 7.
    expect(plan.replicas.log).toBe(7);
    expect(plan.report.stable).toBe(true);
  });

  it('says so when no number of replicas can meet the target', () => {
    const plan = planCapacity(pipeline(), { p99Ms: 10, rps: 400 });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.error).toMatch(/No number of replicas gets p99 under 10 ms/);
  });

  it('needs a load to plan for', () => {
    const d = pipeline();
    d.nodes[0].params.rps = 0;
    const plan = planCapacity(d, { p99Ms: 100, rps: 100 });
    expect(plan.ok).toBe(false);
  });
});

describe('loadSweep', () => {
  it('rises with load up to maxRps and is not finite beyond it', () => {
    const d = pipeline();
    const r = analyze(d);
    if (!r.ok) throw new Error(r.error);
    const points = loadSweep(d, [0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.05]);
    expect(points.map((p) => p.rps)).toEqual([0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.05].map((f) => f * r.report.maxRps));
    const p99s = points.slice(0, 6).map((p) => p.latencyMs.p99!);
    for (let i = 1; i < p99s.length; i++) expect(p99s[i]).toBeGreaterThan(p99s[i - 1]);
    expect(p99s[5] / p99s[0]).toBeGreaterThan(5); // the hockey stick
    expect(points[6].latencyMs.p99).toBeNull();
  });
  it('is empty for a design with a cycle or without load', () => {
    const d = pipeline();
    d.nodes[0].params.rps = 0;
    expect(loadSweep(d, [0.5])).toEqual([]);
  });
});

describe('monthlyCost', () => {
  it('is replicas × price per replica, over the components that have a price', () => {
    const d = withReplicas(pipeline(), { rank: 3, db: 2 });
    const cost = monthlyCost(d);
    expect(cost.perNode).toEqual({ gw: 50, features: 200, db: 600, rank: 2700, log: 150 });
    expect(cost.totalUsd).toBe(50 + 200 + 600 + 2700 + 150);
  });
});
