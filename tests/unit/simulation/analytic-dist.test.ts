// Latency distributions of the analytic engine against independent computations.
import { describe, expect, it } from 'vitest';
import { hypoexponentialSurvival } from '../../../src/simulation/hypoexp';
import { expSum, fitted, mixture, point, quantile } from '../../../src/simulation/dist';
import { maxOf } from '../../../src/simulation/dist-max';
import { gammaP } from '../../../src/simulation/special';
import { analyze } from '../../../src/simulation/analytic';
import { wrap } from './oracle-helpers';

/** P(Σ Exp(rates) > t) by uniformization of the phase chain: a method with no partial fractions. */
function uniformized(rates: number[], t: number): number {
  const L = Math.max(...rates);
  let p = new Float64Array(rates.length + 1);
  p[0] = 1;
  let poisson = Math.exp(-L * t);
  let surv = 0;
  for (let k = 0; k < 5000; k++) {
    surv += poisson * (1 - p[rates.length]);
    const next = new Float64Array(rates.length + 1);
    next[rates.length] = p[rates.length];
    for (let i = 0; i < rates.length; i++) {
      next[i] += p[i] * (1 - rates[i] / L);
      next[i + 1] += p[i] * (rates[i] / L);
    }
    p = next;
    poisson *= (L * t) / (k + 1);
    if (k > L * t && poisson < 1e-18) break;
  }
  return surv;
}

describe('sums of exponential stages (tandems of M/M/1)', () => {
  const sets = [[0.1, 0.08, 0.0625], [0.1, 0.1], [0.1, 0.1, 0.1, 0.1], [0.1, 0.1, 0.2, 0.05, 0.05, 0.05], [1, 1, 1, 1, 1, 1, 1, 1], [0.3, 0.3000001, 0.2]];
  for (const rates of sets) {
    it(`rates ${rates.join(', ')}`, () => {
      const surv = hypoexponentialSurvival(rates);
      const mean = rates.reduce((s, r) => s + 1 / r, 0);
      for (const t of [0.1, 0.5, 1, 2, 4, 8].map((f) => f * mean)) expect(Math.abs(surv(t) - uniformized(rates, t)), `t=${t}`).toBeLessThan(1e-10);
    });
  }
  it('four identical M/M/1 in tandem: the end-to-end time is Erlang-4', () => {
    const nodes = [{ id: 's', kind: 'client', params: { rps: 50 } }, ...[1, 2, 3, 4].map((i) => ({ id: `n${i}`, kind: 'x', params: { service: { dist: 'exponential', meanMs: 10 } } }))];
    const edges = [0, 1, 2, 3].map((i) => ({ id: `e${i}`, source: i === 0 ? 's' : `n${i}`, target: `n${i + 1}`, params: { mode: 'sync' } }));
    const r = analyze(wrap({ nodes, edges } as never));
    if (!r.ok) throw new Error(r.error);
    expect(r.report.latencyMs.mean).toBeCloseTo(80, 9);
    // θ = μ − λ = 0.05 per ms at each stage.
    expect(gammaP(4, 0.05 * r.report.latencyMs.p99!)).toBeCloseTo(0.99, 9);
    expect(gammaP(4, 0.05 * r.report.latencyMs.p50!)).toBeCloseTo(0.5, 9);
  });
});

describe('composition primitives', () => {
  it('quantile inverts the CDF, and finds the jump of a distribution with atoms', () => {
    const g = fitted(2, 10, 30, false);
    for (const q of [0.01, 0.5, 0.99]) expect(g.cdf(quantile(g, q))).toBeCloseTo(q, 9);
    const hits = mixture([{ w: 0.8, d: point(0) }, { w: 0.2, d: expSum([0.1]) }]);
    expect(quantile(hits, 0.5)).toBe(0);
    expect(quantile(hits, 0.99)).toBeCloseTo(-10 * Math.log(0.05), 6);
  });
  it('the maximum of independent times has the mean of the product of their CDFs', () => {
    // max(Exp(1/10), Exp(1/20)): E = 10 + 20 − 1/(1/10 + 1/20).
    const m = maxOf([expSum([0.1]), expSum([0.05])]);
    expect(m.mean).toBeCloseTo(10 + 20 - 1 / 0.15, 6);
    // Many distinct costly branches take the cheaper rule: still within 1e-3.
    const branches = [3, 5, 8, 13].map((s) => mixture([{ w: 0.5, d: point(0) }, { w: 0.5, d: fitted(0, s, s * s, false) }]));
    const wide = maxOf(branches);
    let exact = 0;
    for (let t = 0.0005; t < 400; t += 0.001) exact += (1 - branches.reduce((p, b) => p * b.cdf(t), 1)) * 0.001;
    expect(Math.abs(wide.mean / exact - 1)).toBeLessThan(1e-3);
  });
});
