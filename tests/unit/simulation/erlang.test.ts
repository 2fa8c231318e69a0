// Erlang's formulas at the extremes, checked against values computed another way: direct sums
// over the states for small systems, the plain recursions for large ones, and the limits.
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, logInvErlangB, mmck, truncatedGeometric } from '../../../src/simulation/erlang';
import { logGamma } from '../../../src/simulation/special';
import { relErr } from './oracle-helpers';

/** The M/M/c/K chain summed state by state (only for chains small enough for plain doubles). */
function chainBySums(c: number, a: number, Q: number) {
  const p = [1];
  for (let n = 1; n <= c + Q; n++) p.push((p[n - 1] * a) / Math.min(n, c));
  const z = p.reduce((s, x) => s + x, 0);
  const q = p.map((x) => x / z);
  const K = c + Q;
  const block = q[K];
  const busy = q.reduce((s, x, n) => s + Math.min(n, c) * x, 0);
  const Lq = q.reduce((s, x, n) => s + Math.max(0, n - c) * x, 0);
  const waitProb = q.slice(c, K).reduce((s, x) => s + x, 0) / (1 - block);
  return { block, busy, Lq, waitProb };
}

/** ln(1/B) by the recursion from k = 0, every step in logs: slow, but without shortcuts. */
function logInvBSlow(c: number, a: number): number {
  let lu = 0;
  for (let k = 1; k <= c; k++) {
    const x = Math.log(k / a) + lu;
    lu = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }
  return lu;
}

describe('Erlang B and C', () => {
  it('match the direct sums of a^n/n! for small systems', () => {
    for (const c of [1, 2, 5, 17, 40]) {
      for (const a of [0.01, 0.7, c * 0.9, c, c * 1.5, 100]) {
        let sum = 0;
        let term = 1;
        for (let n = 0; n <= c; n++) {
          if (n > 0) term *= a / n;
          sum += term;
        }
        expect(relErr(erlangB(c, a), term / sum)).toBeLessThan(1e-12);
        if (a < c) {
          // C = B / (1 − ρ(1 − B)), the textbook relation.
          const B = term / sum;
          expect(relErr(erlangC(c, a), B / (1 - (a / c) * (1 - B)))).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('agree with the full recursion up to 10⁵ servers, loads far below, at and far above', () => {
    const c = 100_000;
    for (const a of [10, 9e4, 99_000, 1e5, 1.2e5, 1e8, 1e11]) {
      const slow = logInvBSlow(c, a);
      expect(Math.abs(logInvErlangB(c, a) - slow) / Math.max(1, Math.abs(slow))).toBeLessThan(1e-9);
    }
  });

  it('reach the limits: B ≈ Poisson(a) at c when a ≪ c, B → 1 − c/a when a ≫ c', () => {
    // a = 10, c = 10⁵: 1/B = P(N ≤ c)/P(N = c) with P(N ≤ c) = 1 to double precision.
    const poissonAtC = 1e5 * Math.log(10) - 10 - logGamma(1e5 + 1);
    expect(relErr(-logInvErlangB(1e5, 10), poissonAtC)).toBeLessThan(1e-9);
    expect(erlangC(1e5, 10)).toBe(0); // e^(−4·10⁵): no wait, and no NaN
    for (const rho of [1e3, 1e6]) expect(relErr(erlangB(50, 50 * rho), 1 - 1 / rho)).toBeLessThan(2 / rho);
    // Ten billion servers (replicas × concurrency at their maxima) at half load: instant, finite.
    expect(erlangC(1e10, 5e9)).toBe(0);
    expect(Number.isFinite(logInvErlangB(1e10, 5e9))).toBe(true);
  });
});

describe('the truncated geometric distribution', () => {
  it('has the mean and variance of its direct sums, on both sides of ρ = 1 and at it', () => {
    for (const M of [1, 2, 10, 500, 10_000]) {
      for (const rho of [1e-3, 0.5, 0.99, 1 - 1e-7, 1, 1 + 1e-9, 1.01, 3, 1e6]) {
        let w = 0;
        let m1 = 0;
        let m2 = 0;
        // Summed from the heavy end so the small terms are not lost.
        const heavyTop = rho > 1;
        for (let i = 0; i <= M; i++) {
          const j = heavyTop ? M - i : i;
          const x = Math.exp((heavyTop ? j - M : j) * Math.log(rho)); // ρ^j, relative to the largest
          w += x;
          m1 += j * x;
          m2 += j * j * x;
        }
        const mean = m1 / w;
        const variance = m2 / w - mean * mean;
        const got = truncatedGeometric(Math.log(rho), M);
        expect(Math.abs(got.mean - mean)).toBeLessThan(1e-9 * Math.max(1, mean));
        expect(Math.abs(got.variance - variance)).toBeLessThan(1e-7 * Math.max(1, variance));
      }
    }
  });
});

describe('M/M/c/K', () => {
  it('matches the state-by-state chain: blocking, busy servers, waiting, queue length', () => {
    for (const c of [1, 3, 8]) {
      for (const Q of [0, 1, 10, 30]) {
        for (const rho of [0.3, 0.97, 1, 1 + 1e-9, 3, 40]) {
          const x = chainBySums(c, rho * c, Q);
          const got = mmck(c, rho * c, Q);
          expect(relErr(got.block, x.block)).toBeLessThan(1e-9);
          expect(relErr(got.busy, x.busy)).toBeLessThan(1e-9);
          expect(Math.abs(got.waitProb - x.waitProb)).toBeLessThan(1e-9);
          // Lq by Little from the admitted waits: λ(1 − p_K)·P(wait)·E[j + 1]/(cμ), per μ.
          const Lq = ((rho * c * (1 - got.block)) * got.waitProb * (got.ahead.mean + 1)) / c;
          expect(Math.abs(Lq - x.Lq)).toBeLessThan(1e-9 * Math.max(1, x.Lq));
        }
      }
    }
  });

  it('stays finite at ρ of 10³ and 10⁶, 10⁵ servers and 10⁷ waiting places, with the right limits', () => {
    for (const rho of [1e3, 1e6]) {
      for (const [c, Q] of [[50, 5000], [1, 1e7], [1e5, 1e7], [1e5, 0]]) {
        const q = mmck(c, rho * c, Q);
        // Every server busy, all but c·μ of the offered rate rejected: p_K → 1 − 1/ρ.
        expect(relErr(q.block, 1 - 1 / rho)).toBeLessThan(2 / rho);
        expect(relErr(q.busy, c)).toBeLessThan(2 / rho);
        if (Q > 0) {
          // The queue is full: an admitted arrival waits behind the Q − 1 others ahead, and its own turn.
          expect(q.waitProb).toBeCloseTo(1, 9);
          expect(relErr(q.ahead.mean, Q - 1)).toBeLessThan(2 / rho + 1e-12);
        }
      }
    }
  });

  it('at ρ = 1 exactly, blocking is 1/(K + 1) for one server', () => {
    for (const K of [1, 11, 1e7]) expect(relErr(mmck(1, 1, K - 1).block, 1 / (K + 1))).toBeLessThan(1e-9);
    // And it is continuous through ρ = 1.
    const at = mmck(4, 4, 1e6).block;
    expect(relErr(mmck(4, 4 * (1 + 1e-13), 1e6).block, at)).toBeLessThan(1e-6);
    expect(relErr(mmck(4, 4 * (1 - 1e-13), 1e6).block, at)).toBeLessThan(1e-6);
  });
});
