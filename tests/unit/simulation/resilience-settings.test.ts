// The component-side settings and what a person is told about wrong ones: a slow share is a
// two-point mixture whose mean and tail are closed forms; a failure rate fails that share of
// served requests, counted by cause in the report and in a scenario's timeline; out-of-range
// settings are refused with a sentence naming the connection or component.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { analyze } from '../../../src/simulation/analytic';
import { compileGraph } from '../../../src/simulation/graph';
import type { Design } from '../../../src/model/design';
import { average, design, node, run, values } from './scenario-helpers';

const one = (params: Record<string, unknown>, edge: Record<string, unknown> = {}): Design =>
  design([node('src', { rps: 100 }), node('B', { replicas: 50, ...params })], [{ id: 'e', source: 'src', target: 'B', params: { mode: 'sync', ...edge } }]);

describe('a slow share', () => {
  // 10 ms, or 100 ms for 5 % of requests, on servers enough that nothing waits.
  const d = one({ service: { dist: 'constant', meanMs: 10, slowShare: 0.05, slowFactor: 10 } });

  it('gives the mixture: mean 10 × (0.95 + 0.05 × 10) = 14.5 ms, p99 the slow time', () => {
    const r = simulateDes(d, { requests: 40_000, seed: 3 });
    if (!r.ok) throw new Error(r.error);
    expect(Math.abs(r.report.latencyMs.mean! - 14.5)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95 * 90 * 90) / 40_000));
    // Percentiles come from a log histogram, within 0.8 % (histogram.ts).
    expect(Math.abs(r.report.latencyMs.p99! / 100 - 1)).toBeLessThan(0.008);
    expect(Math.abs(r.report.latencyMs.p50! / 10 - 1)).toBeLessThan(0.008);
  });

  it('is planned with the same mean and variance in the analytic engine', () => {
    const a = analyze(d);
    if (!a.ok) throw new Error(a.error);
    expect(a.report.nodes.B.utilization).toBeCloseTo((100 * 0.0145) / 50, 10);
    expect(a.report.latencyMs.mean).toBeCloseTo(14.5, 6);
  });
});

describe('a failure rate', () => {
  it('fails that share of served requests, counted as failed (report and scenario timeline)', () => {
    const d = one({ service: { dist: 'exponential', meanMs: 10 }, failureRate: 0.2 });
    const r = simulateDes(d, { requests: 40_000, seed: 3 });
    if (!r.ok) throw new Error(r.error);
    const se = Math.sqrt((0.2 * 0.8) / 40_000);
    expect(Math.abs(r.report.errorRate - 0.2)).toBeLessThan(4 * se);
    expect(r.report.resilience!.failures).toEqual({ rejected: 0, timedOut: 0, breakerOpen: 0, failed: r.report.errorRate });
    const tl = run({ ...d, scenario: { name: 'flat', durationS: 60, bucketS: 10 } }).timeline;
    const failed = average(values(tl.errors.failed));
    const offered = average(values(tl.offeredRps));
    expect(Math.abs(failed / offered - 0.2)).toBeLessThan(0.02);
  });

  it('fails as often at a component that takes no time (a pass-through), in both engines', () => {
    const d = one({ service: { dist: 'constant', meanMs: 0 }, failureRate: 0.2 });
    const r = simulateDes(d, { requests: 40_000, seed: 3 });
    if (!r.ok) throw new Error(r.error);
    expect(Math.abs(r.report.errorRate - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / 40_000));
    const a = analyze(d);
    if (!a.ok) throw new Error(a.error);
    expect(a.report.errorRate).toBeCloseTo(0.2, 10);
  });
});

describe('wrong settings', () => {
  const error = (d: Design) => {
    const c = compileGraph(d);
    return c.ok ? null : c.error;
  };
  it('are refused with a sentence that names where and what', () => {
    expect(error(one({}, { retry: { maxAttempts: 0, baseMs: 10 } }))).toBe('Connection src → B: retry.maxAttempts must be a whole number from 1 to 10 (got 0).');
    expect(error(one({}, { retry: { maxAttempts: 3, baseMs: 10, jitter: 'wild' } }))).toBe('Connection src → B: retry.jitter must be one of none, full, equal, decorrelated (got wild).');
    expect(error(one({}, { timeoutMs: -5 }))).toBe('Connection src → B: timeoutMs must be a number from 1 to 10000000 (got -5).');
    expect(error(one({ failureRate: 1.5 }))).toBe('B: failureRate must be a number from 0 to 1 (got 1.5).');
    expect(error(one({ service: { dist: 'constant', meanMs: 10, slowFactor: 0.5 } }))).toBe('B: service.slowFactor must be a number from 1 to 10000 (got 0.5).');
  });
});
