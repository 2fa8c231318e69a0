// A load profile on a closed loop scales its users, as a load generator ramps virtual users:
// by the interactive response-time law X = N / (R + Z), three times the users at a light load
// (R ≪ Z) send about three times the requests, and the count comes back when the step ends.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import { wrap } from './oracle-helpers';
import type { Design } from '../../../src/model/design';
import type { LoadProfile } from '../../../src/model/scenario';
import { average, values } from './scenario-helpers';

const closedLoop = (profile: unknown): Design => ({
  ...wrap({
    nodes: [
      { id: 'users', kind: 'client', params: { rps: 1, users: 200, thinkMs: 1000 } },
      { id: 'api', kind: 'svc', params: { replicas: 8, service: { dist: 'exponential', meanMs: 10 } } },
    ],
    edges: [{ id: 'e', source: 'users', target: 'api', params: { mode: 'sync' } }],
  } as never),
  scenario: { name: 'users', durationS: 90, bucketS: 5, profiles: { users: profile as LoadProfile } },
});

describe('a closed loop under a load profile', () => {
  it('three times the users for 30 s send three times the requests, then as before', () => {
    const r = simulateScenario(closedLoop({ shape: 'spike', atS: 30, durationS: 30, factor: 3 }), { seed: 4 });
    if (!r.ok) throw new Error(r.error);
    const tl = r.result.timeline;
    const offered = values(tl.offeredRps);
    const over = (from: number, to: number) => average(offered.filter((_, i) => tl.t[i] >= from && tl.t[i] < to));
    // N / (R + Z) with R ≈ 10 ms: 200 users ≈ 198 rps, 600 ≈ 594 rps (the servers below 75 % busy).
    const x = (n: number) => n / (0.01 + 1);
    expect(Math.abs(over(10, 30) / x(200) - 1)).toBeLessThan(0.08);
    // The new users start after a think time: leave the first bucket of the step out.
    expect(Math.abs(over(40, 60) / x(600) - 1)).toBeLessThan(0.08);
    // Leaving users go at their next answer, within a think time or two.
    expect(Math.abs(over(70, 90) / x(200) - 1)).toBeLessThan(0.08);
  });
});
