// Failures and zones down, against the load they move: losing half the replicas doubles the
// survivors' utilization (λ·E[S] / servers) until they are back; a frame down refuses every
// request that reaches a component inside it, and the timeline counts them as rejected.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import { average, design, node, run, sync, values } from './scenario-helpers';

describe('scenario events', () => {
  const LAMBDA = 600;
  const MEAN_S = 0.005;

  it('a failure takes replicas away and gives them back', () => {
    const d = design([node('src', { rps: LAMBDA }), node('svc', { replicas: 4, service: { dist: 'exponential', meanMs: MEAN_S * 1000 } })], [sync('a', 'src', 'svc')], {
      name: 'fail',
      durationS: 45,
      bucketS: 1,
      events: [{ type: 'fail', atS: 10, node: 'svc', replicas: 2, durationS: 10 }],
    });
    const r = run(d);
    const replicas = values(r.timeline.nodes.svc.replicas);
    const util = values(r.timeline.nodes.svc.utilization);
    // Replicas at each bucket's end: an event at a bucket's end already counts there.
    expect(replicas.slice(0, 9).every((x) => x === 4)).toBe(true);
    expect(replicas.slice(9, 19).every((x) => x === 2)).toBe(true);
    expect(replicas.slice(20).every((x) => x === 4)).toBe(true);
    // λ·E[S] = 3 busy servers: 0.75 of four, then 1.5 of two — past capacity, so every server is busy.
    expect(average(util.slice(0, 10))).toBeCloseTo((LAMBDA * MEAN_S) / 4, 1);
    expect(average(util.slice(11, 20))).toBeGreaterThan(0.99);
    // The backlog of the 10 s at 1.5× capacity, 2,000 requests, drains at the 200 a second spare
    // once all four serve: back 20 s after the failure, and a few seconds more until three
    // buckets' p99 (600 samples each) average within 10 % of before.
    const rec = r.summary.recoveries[0].recoverS.mean!;
    expect(rec).toBeGreaterThanOrEqual(20);
    expect(rec).toBeLessThan(30);
    expect(r.summary.lost.mean).toBe(0);
  });

  it('a frame down rejects what reaches the components inside it', () => {
    const nodes = [node('src', { rps: LAMBDA }), node('zone', {}), { ...node('svc', { replicas: 4, service: { dist: 'exponential', meanMs: MEAN_S * 1000 } }), parentId: 'zone' }];
    nodes[1].kind = 'group';
    const d = design(nodes, [sync('a', 'src', 'svc')], { name: 'zone', durationS: 20, bucketS: 1, events: [{ type: 'frame-down', atS: 5, frame: 'zone', durationS: 5 }] });
    const r = run(d);
    const rejected = values(r.timeline.errors.rejected);
    const offered = values(r.timeline.offeredRps);
    const good = values(r.timeline.goodputRps);
    for (let b = 5; b < 10; b++) {
      expect(rejected[b]).toBe(offered[b]);
      // Requests inside when it went down still finish, within the first bucket.
      if (b > 5) expect(good[b]).toBe(0);
    }
    expect(rejected.slice(0, 5).concat(rejected.slice(10)).every((x) => x === 0)).toBe(true);
    const lost = r.summary.lost.mean!;
    expect(lost).toBe(offered.slice(5, 10).reduce((s, x) => s + x, 0));
    expect(r.timeline.markers.map((m) => m.atS)).toEqual([5, 10]);
  });

  it('refuses a scenario that names what is not there, in a sentence', () => {
    const d = design([node('src', { rps: 1 }), node('svc', {})], [sync('a', 'src', 'svc')], { name: 'x', durationS: 10, events: [{ type: 'fail', atS: 1, node: 'nope', replicas: 1 }] });
    const r = simulateScenario(d);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe('The scenario\u2019s fail event names "nope", which is not a simulated component of this design.'.replace('\u2019', "'"));
  });
});

describe('a timeline too large to keep', () => {
  it('is refused up front with a bucket width that fits, and that width runs', () => {
    // 201 components: at most 4,975 buckets of the limit's million component-buckets.
    const nodes = [node('src', { rps: 10 }), ...Array.from({ length: 200 }, (_, i) => node(`s${i}`, { service: { dist: 'exponential', meanMs: 1 } }))];
    const edges = [sync('a', 'src', 's0')];
    const over = simulateScenario(design(nodes, edges, { name: 'fine', durationS: 100, bucketS: 0.01 }));
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.error).toBe("The scenario's timeline would follow 201 components over 10,000 buckets; at most 4,975 buckets for this design — make bucketS at least 0.021 s.");
    const inside = simulateScenario(design(nodes, edges, { name: 'fits', durationS: 100, bucketS: 0.021 }));
    expect(inside.ok).toBe(true);
  });
});
