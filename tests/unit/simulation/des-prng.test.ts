// The engine's random deviates have the distributions they claim: the ziggurats take shortcuts
// (tables, rejections, a separate tail), so each is checked against the exact CDF.
import { describe, expect, it } from 'vitest';
import { bareEngine } from './bare-engine';
import { normalCdf } from '../../../src/simulation/special';

const N = 400_000;

/** Kolmogorov–Smirnov distance between the sample and the CDF F. */
function ks(xs: Float64Array, F: (x: number) => number): number {
  const s = xs.slice().sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = F(s[i]);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs(f - (i + 1) / s.length));
  }
  return d;
}

describe("the engine's random numbers", () => {
  it('draws standard normals: mean 0, variance 1, the exact CDF, and the tail beyond the last layer', () => {
    const x = bareEngine(4);
    const xs = Float64Array.from({ length: N }, () => x.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / N;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / N;
    // Standard errors at 400,000 draws: mean 0.0016, variance 0.0022.
    expect(Math.abs(mean)).toBeLessThan(0.006);
    expect(Math.abs(variance - 1)).toBeLessThan(0.009);
    // The 1 % critical value of the KS distance is 1.63/√n ≈ 0.0026.
    expect(ks(xs, normalCdf)).toBeLessThan(0.0026);
    // Beyond 3.4426 (the tail method's region) and beyond 4: P = 5.76e-4 and 6.33e-5, both signs.
    const beyond = (a: number) => xs.filter((x) => Math.abs(x) > a).length / N;
    expect(beyond(3.442619855899)).toBeGreaterThan(4.6e-4);
    expect(beyond(3.442619855899)).toBeLessThan(6.9e-4);
    expect(beyond(4)).toBeGreaterThan(2.5e-5);
    expect(beyond(4)).toBeLessThan(1.1e-4);
    expect(xs.filter((x) => x < -3.442619855899).length).toBeGreaterThan(80);
    expect(xs.filter((x) => x > 3.442619855899).length).toBeGreaterThan(80);
  });

  it('draws exponentials with the exact CDF', () => {
    const x = bareEngine(9);
    const xs = Float64Array.from({ length: N }, () => x.exponential(2));
    expect(ks(xs, (x) => 1 - Math.exp(-x / 2))).toBeLessThan(0.0026);
  });

  it('gives the same stream for the same seed, and another for another seed', () => {
    const draw = (seed: number) => {
      const x = bareEngine(seed);
      return Array.from({ length: 50 }, (_, i) => (i % 2 ? x.normal() : x.exponential(1)));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });
});
