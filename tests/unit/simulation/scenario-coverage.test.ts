// Replications' confidence intervals cover: on an M/M/1 at ρ = 0.9 the true mean utilization,
// 0.9, lies inside the timeline's 95 % interval (five replications) for 95 ± 4 of 100
// independent seeds (binomial SD at 100 trials: 2.2). Each seed checks one bucket, a different
// one from seed to seed, so the first bucket shows that the run starts from the steady state.
import { describe, expect, it } from 'vitest';
import { runScenarioReplications } from '../../../src/simulation/scenario/run';
import { design, node, sync } from './scenario-helpers';

describe('scenario replications', () => {
  it('cover the true M/M/1 utilization 95 ± 4 times in 100', () => {
    const d = design([node('src', { rps: 900 }), node('q', { service: { dist: 'exponential', meanMs: 1 } })], [sync('a', 'src', 'q')], { name: 'mm1', durationS: 4, bucketS: 0.4 });
    let covered = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const r = runScenarioReplications(d, { replications: 5, seed });
      if (!r.ok) throw new Error(r.error);
      const u = r.result.timeline.nodes.q.utilization;
      const b = seed % u.mean.length;
      if (u.lo![b]! <= 0.9 && 0.9 <= u.hi![b]!) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(91);
    expect(covered).toBeLessThanOrEqual(99);
  });
});
