// A metastable failure (Bronson et al., "Metastable Failures in Distributed Systems", HotOS
// 2021; Brooker, "Metastability and Distributed Systems", 2021): a load spike pushes waits past
// the clients' timeout; every attempt then times out while the server still does its work, and
// the retries keep the load above capacity after the spike has gone — the system stays down. A
// retry budget caps the retries, so the load falls back under capacity and the backlog drains.
import { describe, expect, it } from 'vitest';
import type { Design } from '../../../src/model/design';
import { average, design, node, run, values } from './scenario-helpers';

const RPS = 600;
/** 10 servers of 10 ms: 1,000 requests per second. */
const CAPACITY = 1000;

const spiked = (retry: Record<string, unknown>): Design =>
  design(
    [node('src', { rps: RPS }), node('svc', { replicas: 10, service: { dist: 'exponential', meanMs: 10 } })],
    [{ id: 'e', source: 'src', target: 'svc', params: { mode: 'sync', timeoutMs: 100, retry } }],
    // 60 s in 5 s buckets; ×3 from 10 s to 20 s.
    { name: 'spike', durationS: 60, bucketS: 5, profiles: { src: { shape: 'spike', atS: 10, durationS: 10, factor: 3 } } },
  );

describe('a 10 s load spike against clients that time out and retry', () => {
  const fixed = run(spiked({ maxAttempts: 3, baseMs: 10 }));
  const budgeted = run(spiked({ maxAttempts: 3, baseMs: 10, budget: 0.1 }));
  const goodput = (r: typeof fixed, from: number, to: number) => average(values(r.timeline.goodputRps).slice(from, to));
  const arrivals = (r: typeof fixed, from: number, to: number) => average(values(r.timeline.nodes.svc.arrivalRps).slice(from, to));

  it('both serve the load before the spike', () => {
    for (const r of [fixed, budgeted]) expect(goodput(r, 0, 2) / RPS).toBeGreaterThan(0.97);
  });

  it('with 3 attempts each it stays down after the spike: 3 × 600 attempts a second against a capacity of 1,000', () => {
    // From 40 s to 60 s, twenty seconds after the spike ended.
    expect(goodput(fixed, 8, 12)).toBeLessThan(0.02 * RPS);
    expect(arrivals(fixed, 8, 12)).toBeGreaterThan(0.95 * 3 * RPS);
    expect(arrivals(fixed, 8, 12)).toBeGreaterThan(CAPACITY);
  });

  it('with a retry budget of 0.1 it recovers: at most 1.1 × 600 attempts a second, under capacity', () => {
    expect(arrivals(budgeted, 4, 12)).toBeLessThan(1.1 * RPS * 1.03);
    expect(goodput(budgeted, 10, 12) / RPS).toBeGreaterThan(0.95);
  });
});
