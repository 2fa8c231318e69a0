// A slowly varying sinusoidal load on M/M/c follows the pointwise-stationary approximation
// (Green & Kolesar 1991): at each instant the queue is the stationary M/M/c's at that
// instant's rate, when the rate changes slowly against the queue's relaxation time (here under
// a second against a 300 s period).
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../../src/simulation/erlang';
import { meanInterval } from '../../../src/simulation/replications';
import { design, node, run, sync, values } from './scenario-helpers';

const C = 5;
const MU = 100; // per second per server (10 ms)
const LAMBDA = 350;
const AMP = 0.3;
const PERIOD = 300;
const R = 8;

/** Stationary M/M/c mean number waiting at rate λ: Lq = C(c, a) · ρ / (1 − ρ). */
const lq = (lambda: number) => {
  const a = lambda / MU;
  const rho = a / C;
  return (erlangC(C, a) * rho) / (1 - rho);
};
const rate = (t: number) => LAMBDA * (1 + AMP * Math.sin((2 * Math.PI * t) / PERIOD));

describe('a sinusoidal load on M/M/c', () => {
  it('matches the pointwise-stationary approximation bucket by bucket', () => {
    const d = design(
      [node('src', { rps: LAMBDA }), node('q', { replicas: C, service: { dist: 'exponential', meanMs: 1000 / MU } })],
      [sync('a', 'src', 'q')],
      { name: 'wave', durationS: PERIOD, bucketS: 10, profiles: { src: { shape: 'diurnal', periodS: PERIOD, amplitude: AMP } } },
    );
    const runs = Array.from({ length: R }, (_, i) => values(run(d, i).timeline.nodes.q.queue));
    const buckets = runs[0].length;
    let inside = 0;
    for (let b = 0; b < buckets; b++) {
      // The approximation averaged over the bucket.
      const psa = Array.from({ length: 50 }, (_, k) => lq(rate(b * 10 + ((k + 0.5) * 10) / 50))).reduce((s, x) => s + x, 0) / 50;
      const { mean, half } = meanInterval(runs.map((r) => r[b]));
      if (Math.abs(mean! - psa) <= half!) inside++;
      // Never far off: within three interval half-widths.
      expect(Math.abs(mean! - psa), `bucket ${b}: ${mean} ± ${half} against ${psa}`).toBeLessThan(3 * half!);
    }
    // A 95 % interval holds the value in about 95 % of the buckets (binomial SD 4 % over 30).
    expect(inside / buckets).toBeGreaterThan(0.8);
  });
});
