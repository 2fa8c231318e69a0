// Combining independent discrete-event replications: Student's t against published values,
// intervals that cover the truth as often as they claim, and a combined report that is the
// average of its runs with the interval worked out by hand.
import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../../src/simulation/student-t';
import { combineReplications, meanInterval, replicationSeed } from '../../../src/simulation/replications';
import { simulateDes } from '../../../src/simulation/des';
import { Prng } from './reference-prng';
import type { Report } from '../../../src/simulation/report';
import { loadOracles } from './oracle-helpers';

describe('Student t', () => {
  // Two-sided 95 % (and one 99 %) critical values, as printed in every statistics table.
  it.each([
    [0.975, 1, 12.7062047362],
    [0.975, 2, 4.3026527297],
    [0.975, 3, 3.1824463053],
    [0.975, 4, 2.7764451052],
    [0.975, 7, 2.3646242516],
    [0.975, 9, 2.2621571628],
    [0.975, 30, 2.0422724563],
    [0.975, 1000, 1.9623390808],
    [0.995, 3, 5.8409093097],
    [0.9, 5, 1.4758840488],
  ])('quantile %f with %i degrees of freedom', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 7);
    expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 7);
    expect(studentTCdf(t, df)).toBeCloseTo(p, 9);
  });

  it('refuses what has no quantile', () => {
    expect(studentTQuantile(0, 3)).toBeNaN();
    expect(studentTQuantile(0.5, 0)).toBeNaN();
    expect(studentTQuantile(0.5, 4)).toBe(0);
  });
});

describe('meanInterval', () => {
  it('is the mean ± t·s/√n', () => {
    const { mean, half } = meanInterval([1, 2, 3, 4, 5]);
    expect(mean).toBe(3);
    expect(half!).toBeCloseTo(2.7764451052 * Math.sqrt(2.5 / 5), 9);
  });

  it('has no interval for one value and no figure when a run has none', () => {
    expect(meanInterval([7])).toEqual({ mean: 7, half: null });
    expect(meanInterval([7, null, 8])).toEqual({ mean: null, half: null });
    expect(meanInterval([])).toEqual({ mean: null, half: null });
  });

  it('covers the true mean 95 % of the time with four runs (1.96 would cover 86 %)', () => {
    const rng = new Prng(42);
    let covered = 0;
    const trials = 4000;
    for (let k = 0; k < trials; k++) {
      const { mean, half } = meanInterval([rng.normal(), rng.normal(), rng.normal(), rng.normal()]);
      if (Math.abs(mean!) <= half!) covered++;
    }
    // Binomial SD at 4,000 trials: 0.0034.
    expect(covered / trials).toBeGreaterThan(0.94);
    expect(covered / trials).toBeLessThan(0.96);
  });
});

describe('replicationSeed', () => {
  it('gives the same seeds for the same base, different ones across replications and bases', () => {
    const seeds = [1, 2, 3].flatMap((base) => Array.from({ length: 8 }, (_, i) => replicationSeed(base, i)));
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(replicationSeed(1, 3)).toBe(seeds[3]);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });
});

describe('combineReplications', () => {
  const oracle = loadOracles().get('O1')!; // M/M/1 at ρ 0.8: mean response 50 ms exactly
  const runs = [0, 1, 2, 3, 4, 5].map((i) => {
    const r = simulateDes(oracle.design as never, { requests: 40_000, seed: replicationSeed(9, i) });
    if (!r.ok) throw new Error(r.error);
    return r.report;
  });
  const combined = combineReplications(runs, { requestsPerReplication: 40_000, seed: 9 });
  const t5 = 2.5705818366;
  const byHand = (xs: number[]) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return { m, half: (t5 * Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1))) / Math.sqrt(xs.length) };
  };

  it('averages every figure and gives the interval worked out by hand', () => {
    for (const q of ['mean', 'p50', 'p95', 'p99'] as const) {
      const { m, half } = byHand(runs.map((r) => r.latencyMs[q]!));
      expect(combined.latencyMs[q]).toBeCloseTo(m, 9);
      expect(combined.confidence!.latencyMs[q]).toBeCloseTo(half, 6);
      expect(combined.sources.src.latencyMs[q]).toBeCloseTo(m, 9);
      expect(combined.confidence!.sources.src[q]).toBeCloseTo(half, 6);
    }
    const util = byHand(runs.map((r) => r.nodes.A.utilization));
    expect(combined.nodes.A.utilization).toBeCloseTo(util.m, 12);
    expect(combined.confidence!.nodes.A.utilization).toBeCloseTo(util.half, 9);
    expect(combined.throughputRps).toBeCloseTo(byHand(runs.map((r) => r.throughputRps)).m, 9);
    expect(combined.events).toBe(runs.reduce((s, r) => s + r.events, 0));
    expect(combined.confidence).toMatchObject({ replications: 6, requestsPerReplication: 40_000, seed: 9 });
  });

  it('brackets the exact M/M/1 figures', () => {
    const c = combined.confidence!;
    expect(Math.abs(combined.latencyMs.mean! - 50)).toBeLessThan(c.latencyMs.mean! * 1.5);
    expect(Math.abs(combined.nodes.A.utilization - 0.8)).toBeLessThan(c.nodes.A.utilization! * 1.5 + 1e-3);
    // Six runs of 40,000 requests: the mean is known to a few per cent, not to a hair.
    expect(c.latencyMs.mean! / combined.latencyMs.mean!).toBeGreaterThan(0.002);
    expect(c.latencyMs.mean! / combined.latencyMs.mean!).toBeLessThan(0.1);
  });

  it('keeps every request of the histograms', () => {
    const total = (r: Report) => r.histogram!.counts.reduce((s, x) => s + x, 0);
    expect(total(combined)).toBe(runs.reduce((s, r) => s + total(r), 0));
  });

  it('says nothing of an interval for a single run, and null figures stay null', () => {
    const one = combineReplications([runs[0]], { requestsPerReplication: 40_000, seed: 9 });
    expect(one.latencyMs).toEqual(runs[0].latencyMs);
    expect(one.confidence!.latencyMs.p99).toBeNull();
    const unstable = { ...runs[1], latencyMs: { mean: null, p50: null, p95: null, p99: null } };
    expect(combineReplications([runs[0], unstable], { requestsPerReplication: 1, seed: 1 }).latencyMs.p99).toBeNull();
  });
});
