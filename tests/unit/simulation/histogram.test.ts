// The latency histograms (histogram.ts): a percentile read back lies within one bucket — 1/128
// of its value — of the sample's own order statistic, over the whole range and for any shape;
// constant samples come back exact.
import { describe, expect, it } from 'vitest';
import { Histograms } from '../../../src/simulation/histogram';
import { Prng } from './reference-prng';

const WIDTH = 1 / 128;

function check(sample: number[]) {
  const h = new Histograms(1);
  for (const v of sample) h.add(0, v);
  const sorted = [...sample].sort((a, b) => a - b);
  for (const q of [0.01, 0.1, 0.25, 0.37, 0.5, 0.63, 0.75, 0.9, 0.95, 0.99, 0.999]) {
    const exact = sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
    const read = h.quantile(0, q)!;
    expect(Math.abs(read / exact - 1), `p${q * 100}: ${read} vs ${exact}`).toBeLessThanOrEqual(WIDTH);
  }
  expect(h.mean(0)).toBeCloseTo(sample.reduce((a, b) => a + b, 0) / sample.length, 9);
}

describe('latency histograms', () => {
  const rng = new Prng(7);

  it('read percentiles within a bucket of the sample: lognormal, cv 1.5, around 20 ms', () => {
    const sigma = Math.sqrt(Math.log(1 + 1.5 ** 2));
    check(Array.from({ length: 200_000 }, () => Math.exp(Math.log(20) - sigma ** 2 / 2 + sigma * rng.normal())));
  });

  it('from microseconds to hours (uniform in the logarithm)', () => {
    check(Array.from({ length: 200_000 }, () => 2 ** (-9 + 30 * rng.next())));
  });

  it('with the sample on a few values, where reading inside a bucket guesses most', () => {
    // 40 values 5 % apart, 1,000 times each: a value's bucket holds it alone.
    check(Array.from({ length: 40_000 }, (_, i) => 1.05 ** (i % 40)));
  });

  it('and exact for a constant', () => {
    const h = new Histograms(1);
    for (let i = 0; i < 1000; i++) h.add(0, 12.345);
    for (const q of [0.5, 0.99]) expect(h.quantile(0, q)).toBe(12.345);
  });
});
