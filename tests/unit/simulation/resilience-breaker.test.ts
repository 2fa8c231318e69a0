// A circuit breaker (Nygard, Release It!): in front of a component that fails every request it
// opens after one full window of failures and from then lets one trial call through per open
// period, so the component sees about one call per openMs (plus the trial's own time) instead of
// the full flow; in front of a healthy one it never opens.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import type { Design } from '../../../src/model/design';
import type { Report } from '../../../src/simulation/report';
import { wrap } from './oracle-helpers';

const design = (failureRate: number, breaker: Record<string, unknown>): Design =>
  wrap({
    nodes: [
      { id: 'src', kind: 'client', params: { rps: 100, arrivals: 'uniform' } },
      { id: 'B', kind: 'service', params: { replicas: 4, service: { dist: 'constant', meanMs: 10 }, failureRate } },
    ],
    edges: [{ id: 'e', source: 'src', target: 'B', params: { mode: 'sync', breaker } }],
  } as never);

function run(d: Design): Report {
  const r = simulateDes(d, { requests: 6_000, seed: 2, warmupFraction: 0.1 });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

describe('a circuit breaker', () => {
  it('in front of a failing component: one trial per open period reaches it, every other call fails at once', () => {
    const r = run(design(1, { errorRate: 0.5, window: 20, openMs: 1000 }));
    // A cycle: open 1000 ms, then the next call (arrivals every 10 ms) is the trial, which
    // fails after its 10 ms of service and opens the breaker again — 1000 + 10 + (0 … 10) ms.
    const cycleS = (1000 + 10 + 5) / 1000;
    expect(r.nodes.B.arrivalRps).toBeGreaterThan(0.9 / cycleS);
    expect(r.nodes.B.arrivalRps).toBeLessThan(1.1 / cycleS);
    expect(r.errorRate).toBe(1);
    expect(r.resilience!.failures.breakerOpen).toBeGreaterThan(0.98);
    expect(r.resilience!.edges.e.breakerOpenPerCall).toBeCloseTo(1 - r.nodes.B.arrivalRps / 100, 2);
  });

  it('in front of a component failing 10 % of requests, under a 50 % threshold, never opens', () => {
    const r = run(design(0.1, { errorRate: 0.5, window: 100, openMs: 1000 }));
    expect(r.resilience!.edges.e.breakerOpenPerCall).toBe(0);
    expect(Math.abs(r.errorRate - 0.1)).toBeLessThan(4 * Math.sqrt(0.09 / 5_400));
  });
});
