// Numbers past capacity, a maximum that belongs to the design, ids that are also names of
// object properties, and a planner that stays inside the replica limit.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { simulateDes as simulate } from '../../../src/simulation/des';
import { planCapacity } from '../../../src/simulation/planning';
import { PARAM_RULES } from '../../../src/model/rules';
import type { Report } from '../../../src/simulation/report';
import { relErr, wrap } from './oracle-helpers';

const exp = (meanMs: number, extra: Record<string, unknown> = {}) => ({ service: { dist: 'exponential', meanMs }, ...extra });

/** Users → the API gateway as the catalog has it (50 × 5.1 ms, queue limit 5,000: ≈ 9,804 rps) → a service. */
function gatewayDesign(rps: number, ids = { users: 'users', gw: 'gw', svc: 'svc' }, queueLimit = 5000) {
  return wrap({
    nodes: [
      { id: ids.users, kind: 'client', params: { rps } },
      { id: ids.gw, kind: 'api-gateway', params: { concurrency: 50, service: { dist: 'lognormal', meanMs: 5.1, cv: 0.78 }, queueLimit } },
      { id: ids.svc, kind: 'svc', params: exp(2, { concurrency: 40 }) },
    ],
    edges: [
      { id: 'e1', source: ids.users, target: ids.gw, params: { mode: 'sync' } },
      { id: 'e2', source: ids.gw, target: ids.svc, params: { mode: 'sync' } },
    ],
  } as never);
}

function run(d: ReturnType<typeof wrap>, loadScale = 1): Report {
  const r = analyze(d, { loadScale });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

/** Every number in the report, at any depth. */
function numbers(x: unknown): unknown[] {
  if (x === null || typeof x !== 'object') return [x];
  return Object.values(x).flatMap(numbers);
}

describe('a queue-limited component past its capacity', () => {
  it('rejects the excess: finite figures, the overflow counted as errors, callees see what it admits', () => {
    const capacity = (50 / 5.1) * 1000;
    for (const offered of [20_000, 1e6, 1e9]) {
      const r = run(gatewayDesign(offered));
      expect(numbers(r).every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v))).toBe(true);
      expect(r.stable).toBe(true);
      expect(r.saturated).toEqual(['gw']);
      expect(r.overloaded).toEqual([]);
      const gw = r.nodes.gw;
      // Offered ρ ≫ 1: every server busy, all but the capacity rejected (p_K → 1 − 1/ρ).
      expect(relErr(gw.throughputRps, capacity)).toBeLessThan(1e-3);
      expect(relErr(gw.rejectedRps, offered - capacity)).toBeLessThan(1e-3 * (offered / (offered - capacity)));
      expect(relErr(gw.errorRate, 1 - capacity / offered)).toBeLessThan(1e-3);
      expect(relErr(r.errorRate, gw.errorRate)).toBeLessThan(1e-12);
      expect(relErr(r.throughputRps, gw.throughputRps)).toBeLessThan(1e-9);
      expect(relErr(r.nodes.svc.arrivalRps, gw.throughputRps)).toBeLessThan(1e-12);
      // The queue is full: an admitted request waits about 5,000 services at 50 × (1/5.1 ms).
      expect(relErr(gw.meanResponseMs!, 5.1 + (5000 * 5.1) / 50)).toBeLessThan(1e-3);
      for (const v of Object.values(r.latencyMs)) expect(v).toBeGreaterThan(500);
    }
  });

  it('the discrete-event engine agrees on the rejections and names the same component', () => {
    // A shorter queue, so that a short run is not mostly the time it takes to fill.
    const d = gatewayDesign(20_000, undefined, 200);
    const a = run(d);
    const s = simulate(d, { requests: 60_000, seed: 3 });
    if (!s.ok) throw new Error(s.error);
    expect(s.report.saturated).toEqual(['gw']);
    expect(Math.abs(s.report.nodes.gw.errorRate - a.nodes.gw.errorRate)).toBeLessThan(0.03);
    expect(relErr(s.report.nodes.gw.rejectedRps, a.nodes.gw.rejectedRps)).toBeLessThan(0.06);
  });
});

describe('maxRps, a property of the design', () => {
  it('is the same at any offered load, callees counted with the full flow', () => {
    // A (1,000 rps) calls C (800 rps): C saturates first, at 800, whatever A passes on today.
    const d = wrap({
      nodes: [
        { id: 'src', kind: 'client', params: { rps: 1 } },
        { id: 'A', kind: 'svc', params: exp(1) },
        { id: 'C', kind: 'svc', params: exp(1.25) },
      ],
      edges: [
        { id: 'a', source: 'src', target: 'A', params: { mode: 'sync' } },
        { id: 'c', source: 'A', target: 'C', params: { mode: 'sync' } },
      ],
    } as never);
    for (const rps of [500, 900, 1200, 5000]) {
      const r = run(d, rps);
      expect(r.maxRps).toBeCloseTo(800, 9);
      expect(r.bottleneck).toBe('C');
    }
    // The gateway's queue limit rejects its excess: its own capacity (≈ 9,804 rps) is the
    // limit at any load, whether it rejects nothing today or most of what it is sent.
    for (const rps of [500, 1000, 12_000, 20_000]) {
      const r = run(gatewayDesign(rps));
      expect(relErr(r.maxRps, (50 / 5.1) * 1000)).toBeLessThan(1e-12);
      expect(r.bottleneck).toBe('gw');
    }
  });
});

describe('ids named like object properties', () => {
  it('keeps __proto__, constructor and toString components in both engines and in the printed JSON', () => {
    const d = gatewayDesign(300, { users: 'toString', gw: '__proto__', svc: 'constructor' });
    const des = simulate(d, { requests: 5000, seed: 1 });
    if (!des.ok) throw new Error(des.error);
    for (const report of [run(d), des.report]) {
      const printed = JSON.parse(JSON.stringify(report));
      expect(Object.keys(printed.nodes).sort()).toEqual(['__proto__', 'constructor']);
      expect(Object.getPrototypeOf(printed.nodes)).toBe(Object.prototype); // a key, not a prototype
      expect(printed.nodes.__proto__.arrivalRps).toBeCloseTo(300, -2);
      expect(printed.nodes.constructor.arrivalRps).toBeCloseTo(300, -2);
      expect(Object.keys(printed.sources)).toEqual(['toString']);
      expect(report.nodes.toString).toBeUndefined(); // a source is not served: absent, not a function
    }
  });
});

describe('the capacity planner and the replica limit', () => {
  it('never proposes more replicas than a design may hold, and says why', () => {
    const d = wrap({
      nodes: [
        { id: 'src', kind: 'client', params: { rps: 10 } },
        { id: 'slow', kind: 'svc', label: 'Slow service', params: exp(4000) },
      ],
      edges: [{ id: 'a', source: 'src', target: 'slow', params: { mode: 'sync' } }],
    } as never);
    // 93,750 rps at 4 s each needs 375,001 replicas of one server.
    const plan = planCapacity(d, { p99Ms: 60_000, rps: 93_750 });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.error).toContain(`limit of ${PARAM_RULES.replicas.max.toLocaleString('en-US')} replicas`);
    expect(plan.error).toContain('Slow service');
    // Within the limit the plan is made, and stays inside it.
    const fits = planCapacity(d, { p99Ms: 60_000, rps: 20 });
    expect(fits.ok && Math.max(...Object.values(fits.replicas))).toBeLessThanOrEqual(PARAM_RULES.replicas.max);
  });
});
