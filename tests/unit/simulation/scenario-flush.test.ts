// A cache flush at hit ratio h: the backend's arrival rate jumps from λ(1 − h) to λ — the
// factor 1/(1 − h), 10 at h = 0.9 — and comes back as the hit ratio refills linearly. The same
// whether the cache is served ahead (a call's hit drawn for when its service will end) or event
// by event (drawn when it ends).
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import { replicationSeed } from '../../../src/simulation/replications';
import { average, design, node, sync, values } from './scenario-helpers';

const LAMBDA = 2000;
const H = 0.9;
const AT = 20;
const WARMUP = 20;

/** The hit ratio's average over [a, b]: h before the flush, rising linearly from 0 to h over the warm-up. */
function hitAverage(a: number, b: number): number {
  const h = (t: number) => (t < AT ? H : t >= AT + WARMUP ? H : (H * (t - AT)) / WARMUP);
  const k = 200;
  let s = 0;
  for (let i = 0; i < k; i++) s += h(a + ((i + 0.5) * (b - a)) / k);
  return s / k;
}

describe.each([
  ['served ahead', true],
  ['event by event', false],
])('a cache flush, %s', (_, serveAhead) => {
  const d = design(
    [node('src', { rps: LAMBDA }), node('cache', { replicas: 2, hitRatio: H, service: { dist: 'exponential', meanMs: 0.2 } }), node('db', { replicas: 30, service: { dist: 'exponential', meanMs: 5 } })],
    [sync('a', 'src', 'cache'), sync('b', 'cache', 'db')],
    { name: 'flush', durationS: 60, bucketS: 1, events: [{ type: 'flush', atS: AT, node: 'cache', warmupS: WARMUP }] },
  );
  const done = simulateScenario(d, { seed: replicationSeed(1, 0), serveAhead });
  if (!done.ok) throw new Error(done.error);
  const r = done.result;
  const db = values(r.timeline.nodes.db.arrivalRps);

  it('sends the backend 1/(1 − h) times its load at the flush', () => {
    const before = average(db.slice(0, AT));
    expect(before / LAMBDA).toBeCloseTo(1 - H, 2);
    // The first second after the flush: the hit ratio averages h/40 over it.
    expect(db[AT] / before).toBeGreaterThan((1 - hitAverage(AT, AT + 1)) / (1 - H) - 0.5);
    expect(db[AT] / before).toBeLessThan((1 - hitAverage(AT, AT + 1)) / (1 - H) + 0.5);
  });

  it('follows the linear refill bucket by bucket, within Poisson noise', () => {
    db.forEach((rate, b) => {
      const expected = LAMBDA * (1 - hitAverage(b, b + 1));
      // A bucket of 1 s counts Poisson arrivals: SD √expected.
      expect(Math.abs(rate - expected), `bucket ${b}: ${rate} against ${expected}`).toBeLessThan(4.5 * Math.sqrt(expected));
    });
    // The refill's slope: −λh per warm-up, fitted by least squares over the refill.
    const xs = Array.from({ length: WARMUP }, (_, i) => AT + i + 0.5);
    const ys = db.slice(AT, AT + WARMUP);
    const mx = average(xs);
    const my = average(ys);
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(slope / ((-LAMBDA * H) / WARMUP)).toBeGreaterThan(0.95);
    expect(slope / ((-LAMBDA * H) / WARMUP)).toBeLessThan(1.05);
  });

  it('marks the event and measures how long the backend took to settle', () => {
    expect(r.timeline.markers).toEqual([{ atS: AT, label: 'cache flushed (refills over 20 s)', event: 1, type: 'flush' }]);
    const rec = r.summary.recoveries[0].recoverS.mean;
    // Latency is back once the backend is: within the refill, or a few buckets after it.
    expect(rec).not.toBeNull();
    expect(rec!).toBeLessThanOrEqual(WARMUP + 3);
  });
});
