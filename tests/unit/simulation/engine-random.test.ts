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
