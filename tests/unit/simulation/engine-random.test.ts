// The engine draws from the same generator as its TypeScript reference (reference-prng.ts): one seed, one stream.
import { describe, expect, it } from 'vitest';
import { bareEngine } from './bare-engine';
import { Prng } from './reference-prng';

describe("the engine's random numbers", () => {
  for (const seed of [1, 2, 12345, 2 ** 40 + 7]) {
    it(`seed ${seed}: the same uniforms, exponentials and normals as the reference`, () => {
      const x = bareEngine(seed);
      const p = new Prng(seed);
      for (let i = 0; i < 20_000; i++) {
        const which = i % 3;
        const [a, b] = which === 0 ? [x.uniform(), p.next()] : which === 1 ? [x.exponential(2.5), p.exponential(2.5)] : [x.normal(), p.normal()];
        // Uniforms are bit for bit; the ziggurats' tables are computed by each side's own exp
        // and log, which may differ in the last bit.
        if (which === 0) expect(a).toBe(b);
        else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
      }
    });
  }
});

describe("the engine's exp, which its lognormal draws take", () => {
  it('is within 4 units in the last place of Math.exp wherever a service time can fall, and is Math.exp beyond', () => {
    const x = bareEngine();
    const ulp = (v: number) => 2 ** (Math.floor(Math.log2(v)) - 52);
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      // Every 2⁻¹⁰ between −100 and 100 hits each table entry at many offsets; then the whole range.
      const t = i <= 100_000 ? -100 + i / 500 : -699.9 + (i - 100_000) * 0.013999;
      const want = Math.exp(t);
      worst = Math.max(worst, Math.abs(x.exp(t) - want) / ulp(want));
    }
    // Math.exp itself is within one unit of e^x, so the engine's is within five.
    expect(worst).toBeLessThanOrEqual(4);
    for (const t of [-1000, -745.2, -700, 700, 709.7, 710, Infinity, -Infinity]) expect(x.exp(t)).toBe(Math.exp(t));
    expect(x.exp(NaN)).toBeNaN();
  });
});
