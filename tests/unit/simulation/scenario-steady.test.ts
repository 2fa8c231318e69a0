// A scenario with a flat profile and no events is the steady state: its per-component rates,
// utilizations and queues and its end-to-end mean agree with the steady-state discrete-event
// runs within their confidence intervals.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { meanInterval, replicationSeed } from '../../../src/simulation/replications';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import { average, design, node, run, sync, values } from './scenario-helpers';

const R = 8;
const d = design(
  [
    node('src', { rps: 400 }),
    node('gw', { service: { dist: 'exponential', meanMs: 2 } }),
    node('feat', { replicas: 4, service: { dist: 'exponential', meanMs: 5 } }),
    node('model', { replicas: 10, service: { dist: 'lognormal', meanMs: 20, cv: 1.5 } }),
  ],
  [sync('a', 'src', 'gw'), sync('b', 'gw', 'feat'), sync('c', 'gw', 'model')],
  { name: 'flat', durationS: 30, bucketS: 1, profiles: { src: { shape: 'flat' } } },
);

describe('a flat scenario', () => {
  it('equals the steady-state discrete-event engine per component and end to end', () => {
    const scen = Array.from({ length: R }, (_, i) => run(d, i));
    const des = Array.from({ length: R }, (_, i) => {
      const r = simulateDes(d, { requests: 12_000, seed: replicationSeed(1, i) });
      if (!r.ok) throw new Error(r.error);
      return r.report;
    });
    const compare = (what: string, a: number[], b: number[]) => {
      const x = meanInterval(a);
      const y = meanInterval(b);
      // The two estimates differ by less than their intervals together.
      expect(Math.abs(x.mean! - y.mean!), `${what}: scenario ${x.mean} ± ${x.half}, steady ${y.mean} ± ${y.half}`).toBeLessThanOrEqual(x.half! + y.half!);
    };
    for (const id of ['gw', 'feat', 'model']) {
      const servers = d.nodes.find((n) => n.id === id)!.params.replicas ?? 1;
      compare(`${id} arrivals`, scen.map((r) => average(values(r.timeline.nodes[id].arrivalRps))), des.map((r) => r.nodes[id].arrivalRps));
      compare(`${id} utilization`, scen.map((r) => average(values(r.timeline.nodes[id].utilization))), des.map((r) => r.nodes[id].utilization));
      compare(`${id} queue`, scen.map((r) => average(values(r.timeline.nodes[id].queue))), des.map((r) => r.nodes[id].L! - r.nodes[id].utilization * (servers as number)));
    }
    compare('end-to-end mean', scen.map((r) => r.summary.meanMs!.mean!), des.map((r) => r.latencyMs.mean!));
    compare('goodput', scen.map((r) => average(values(r.timeline.goodputRps))), des.map((r) => r.throughputRps));
    for (const r of scen) {
      expect(r.summary.lost.mean).toBe(0);
      // Calls over the window per request sent in it: off by the few requests in flight at its ends.
      expect(r.summary.amplification.b.mean).toBeCloseTo(1, 2);
    }
  });

  it('is the same run for the same seed', () => {
    const a = run(d, 3);
    const b = run(d, 3);
    expect({ ...a, wallMs: 0 }).toEqual({ ...b, wallMs: 0 });
    expect(run(d, 4).summary.requests.mean).not.toBe(a.summary.requests.mean);
  });
});

describe('a scenario run in progress', () => {
  it('streams its timeline: the buckets reached are final, the rest are empty', () => {
    const mm1 = design([node('src', { rps: 900 }), node('q', { service: { dist: 'exponential', meanMs: 1 } })], [sync('a', 'src', 'q')], { name: 'long', durationS: 600, bucketS: 10 });
    const partials: (number | null)[][] = [];
    const r = simulateScenario(mm1, { seed: 2, progressEveryMs: 0, onProgress: (p) => partials.push(p.timeline.goodputRps.mean) });
    if (!r.ok) throw new Error(r.error);
    const final = r.result.timeline.goodputRps.mean;
    expect(partials.length).toBeGreaterThan(1);
    for (const p of partials) {
      const reached = p.findIndex((x) => x === null);
      expect(reached).toBeGreaterThanOrEqual(0);
      expect(p.slice(0, reached)).toEqual(final.slice(0, reached));
      expect(p.slice(reached).every((x) => x === null)).toBe(true);
    }
  });
});
