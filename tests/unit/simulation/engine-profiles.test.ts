// A scenario's open sources draw their arrivals in the engine (engine/timeline.ts), which reads
// their load profiles itself; the bounds it draws at come from profile.ts. Both must read a
// profile alike: every shape, at its breakpoints, between them and past them.
import { describe, expect, it } from 'vitest';
import type { LoadProfile } from '../../../src/model/scenario';
import { multiplier, profileCode } from '../../../src/simulation/scenario/profile';
import { bareEngine } from './bare-engine';

const PROFILES: LoadProfile[] = [
  { shape: 'flat' },
  { shape: 'step', atS: 10, factor: 2.5 },
  { shape: 'ramp', fromS: 5, toS: 25, factor: 0.2 },
  { shape: 'spike', atS: 12, durationS: 3, factor: 8 },
  { shape: 'diurnal', periodS: 40, amplitude: 0.7, phaseS: 3 },
  { shape: 'diurnal', periodS: 7, amplitude: 1 },
  { shape: 'points', points: [[2, 0.5], [6, 1.5], [6, 3], [20, 0], [30, 1.2]] },
  { shape: 'points', points: [[4, 2]] },
];

describe('a load profile read by the engine', () => {
  it.each(PROFILES.map((p) => [p.shape, p] as const))('%s: the same rate as profile.ts at every time', (_, p) => {
    const x = bareEngine();
    x.timelineSetup(1, 1, 1000, 61_000, 1000, 60, 0);
    x.timelineSource(0, 250, ...profileCode(p));
    if (p.shape === 'points') for (const [t, m] of p.points) x.timelinePoint(0, t, m);
    const times = [0, 1.999, 2, 3, 4, 5, 6, 9.99, 10, 11, 12, 14.5, 15, 19.7, 20, 24.9, 25, 29, 30, 31, 45.25, 60];
    for (const t of times) expect(x.timelineRate(0, t), `t = ${t}`).toBe(250 * multiplier(p, t));
  });

  it('and a source without one sends at its rate', () => {
    const x = bareEngine();
    x.timelineSetup(1, 1, 0, 10_000, 1000, 10, 0);
    x.timelineSource(0, 40, ...profileCode(undefined));
    expect([0, 3.3, 9.9].map((t) => x.timelineRate(0, t))).toEqual([40, 40, 40]);
  });
});
