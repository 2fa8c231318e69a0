// Dynamic batching has no closed form: the analytic approximation is checked against the
// discrete-event engine (the reference) over light to heavy load, one and several servers.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { simulateDes } from '../../../src/simulation/des';
import { wrap } from './oracle-helpers';

function gpu(rps: number, servers: number, service: Record<string, unknown>, batch: Record<string, number>) {
  return wrap({
    nodes: [
      { id: 'src', kind: 'client', params: { rps } },
      { id: 'gpu', kind: 'model-server-gpu', params: { replicas: servers, concurrency: 1, service, batch } },
    ],
    edges: [{ id: 'e', source: 'src', target: 'gpu', params: { mode: 'sync' } }],
  } as never);
}

const CASES = [
  { name: 'one server, light load', d: gpu(50, 1, { dist: 'constant', meanMs: 8 }, { maxSize: 16, timeoutMs: 5, perItemMs: 1 }) },
  { name: 'one server, busy', d: gpu(300, 1, { dist: 'constant', meanMs: 8 }, { maxSize: 16, timeoutMs: 5, perItemMs: 1 }) },
  { name: 'one server, batching hard', d: gpu(500, 1, { dist: 'constant', meanMs: 8 }, { maxSize: 16, timeoutMs: 5, perItemMs: 1 }) },
  { name: 'four servers, lognormal', d: gpu(1000, 4, { dist: 'lognormal', meanMs: 12, cv: 0.5 }, { maxSize: 32, timeoutMs: 4, perItemMs: 0.5 }) },
  { name: 'two servers, constant', d: gpu(400, 2, { dist: 'constant', meanMs: 12 }, { maxSize: 32, timeoutMs: 4, perItemMs: 0.5 }) },
];

describe('dynamic batching, analytic against discrete-event', () => {
  for (const { name, d } of CASES) {
    it(name, () => {
      const a = analyze(d);
      const s = simulateDes(d, { requests: 200_000, seed: 11 });
      if (!a.ok || !s.ok) throw new Error('both engines run');
      expect(a.report.stable).toBe(true);
      expect(s.report.stable).toBe(true);
      const am = a.report.latencyMs.mean!;
      const sm = s.report.latencyMs.mean!;
      expect(Math.abs(am - sm) / sm).toBeLessThan(0.12);
      expect(Math.abs(a.report.latencyMs.p99! - s.report.latencyMs.p99!) / s.report.latencyMs.p99!).toBeLessThan(0.2);
      expect(Math.abs(a.report.nodes.gpu.utilization - s.report.nodes.gpu.utilization)).toBeLessThan(0.08);
    });
  }

  it('is stable exactly while full batches keep up', () => {
    // Full batches of 16 take 8 + 15 = 23 ms: 16 / 23 ms ≈ 696 rps is the capacity.
    const below = analyze(gpu(680, 1, { dist: 'constant', meanMs: 8 }, { maxSize: 16, timeoutMs: 5, perItemMs: 1 }));
    const above = analyze(gpu(710, 1, { dist: 'constant', meanMs: 8 }, { maxSize: 16, timeoutMs: 5, perItemMs: 1 }));
    if (!below.ok || !above.ok) throw new Error('analysed');
    expect(below.report.stable).toBe(true);
    expect(above.report.stable).toBe(false);
    expect(above.report.overloaded).toEqual(['gpu']);
    expect(below.report.maxRps).toBeCloseTo((16 / 23) * 1000, 6);
  });
});
