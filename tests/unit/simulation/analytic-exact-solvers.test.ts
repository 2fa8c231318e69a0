// Two exact methods of the analytic engine checked against closed forms: the M/H2/c
// matrix-geometric solver (mh2c.ts) where it must reduce to M/M/c and to M/G/1, and constant
// single servers in tandem (tandem.ts), whose time through is the slower station's M/D/1 alone
// plus the faster one's service (Avi-Itzhak 1965).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { h2Balanced, h2ThreeMoments, mh2cWait } from '../../../src/simulation/mh2c';
import { erlangC } from '../../../src/simulation/erlang';
import { analyzeQueue } from '../../../src/simulation/queue';
import type { Report } from '../../../src/simulation/report';
import { relErr, wrap } from './oracle-helpers';

describe('the M/H2/c solver', () => {
  it('is M/M/c when both phases have the same rate', () => {
    for (const [c, rho] of [[2, 0.5], [4, 0.8], [8, 0.95], [16, 0.7]]) {
      const mu = 1 / 20;
      const lambda = rho * c * mu;
      const w = mh2cWait(c, lambda, { p: 0.3, mu1: mu, mu2: mu });
      const C = erlangC(c, lambda / mu);
      const theta = c * mu - lambda;
      expect(relErr(w.pw, C), `P(wait) c=${c} ρ=${rho}`).toBeLessThan(1e-9);
      expect(relErr(w.w1, C / theta), `E[W] c=${c} ρ=${rho}`).toBeLessThan(1e-9);
      expect(relErr(w.w2, (2 * C) / theta ** 2), `E[W²] c=${c} ρ=${rho}`).toBeLessThan(1e-9);
    }
  });

  it('is M/G/1 with one server: P(wait) = ρ, Pollaczek–Khinchine mean, Takács second moment', () => {
    const h = h2Balanced(20, 9);
    const s1 = h.p / h.mu1 + (1 - h.p) / h.mu2;
    const s2 = 2 * (h.p / h.mu1 ** 2 + (1 - h.p) / h.mu2 ** 2);
    const s3 = 6 * (h.p / h.mu1 ** 3 + (1 - h.p) / h.mu2 ** 3);
    const lambda = 0.7 / s1;
    const w = mh2cWait(1, lambda, h);
    const w1 = (lambda * s2) / (2 * 0.3);
    expect(relErr(s1, 20)).toBeLessThan(1e-12);
    expect(relErr(w.pw, 0.7)).toBeLessThan(1e-9);
    expect(relErr(w.w1, w1)).toBeLessThan(1e-9);
    expect(relErr(w.w2, 2 * w1 * w1 + (lambda * s3) / (3 * 0.3))).toBeLessThan(1e-9);
  });

  it('fits three moments exactly, and says when no H2 has them', () => {
    const h = h2ThreeMoments(20, 4000, 8e6)!;
    const m = (k: number, f: number) => f * (h.p / h.mu1 ** k + (1 - h.p) / h.mu2 ** k);
    expect(relErr(m(1, 1), 20)).toBeLessThan(1e-9);
    expect(relErr(m(2, 2), 4000)).toBeLessThan(1e-9);
    expect(relErr(m(3, 6), 8e6)).toBeLessThan(1e-9);
    expect(h2ThreeMoments(20, 600, 20 ** 3 * 2)).toBeUndefined(); // cs² = 0.5
  });
});

function tandem(first: number, second: number): Report {
  const svc = (meanMs: number) => ({ service: { dist: 'constant', meanMs } });
  const d = wrap({
    nodes: [{ id: 'src', kind: 'client', params: { rps: 80 } }, { id: 'A', kind: 'svc', params: svc(first) }, { id: 'B', kind: 'svc', params: svc(second) }],
    edges: [{ id: 'e1', source: 'src', target: 'A', params: { mode: 'sync' } }, { id: 'e2', source: 'A', target: 'B', params: { mode: 'sync' } }],
  } as never);
  const r = analyze(d);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

describe('constant single servers in tandem', () => {
  // M/D/1 with D = 11 ms at 80 rps (ρ = 0.88): W = ρD / 2(1 − ρ).
  const D = 11;
  const rho = 0.88;
  const W = (rho * D) / (2 * (1 - rho));
  const alone = tandem(D, 0);

  it('take the slower station alone plus the faster one\'s service, in either order', () => {
    for (const r of [tandem(10, 11), tandem(11, 10)]) {
      expect(relErr(r.latencyMs.mean!, W + D + 10)).toBeLessThan(1e-9);
      for (const q of ['p50', 'p95', 'p99'] as const) expect(relErr(r.latencyMs[q]!, alone.latencyMs[q]! + 10), q).toBeLessThan(1e-6);
    }
  });

  it('behind a slower station the second never waits; behind a faster one it takes the rest of the wait', () => {
    expect(tandem(11, 10).nodes.B.meanWaitMs).toBe(0);
    const r = tandem(10, 11);
    const firstWait = (0.8 * 10) / (2 * 0.2);
    expect(relErr(r.nodes.B.meanWaitMs!, W - firstWait)).toBeLessThan(1e-9);
  });
});

describe('a lognormal service on several servers', () => {
  // The wait analyzeQueue gives, interpolated across loads, against the two H2 solves made at
  // exactly that load (P(wait) and the mean positive wait at their geometric means).
  function direct(c: number, lambda: number, cv: number) {
    const m2 = 400 * (1 + cv * cv);
    const two = mh2cWait(c, lambda, h2Balanced(20, cv * cv));
    const three = mh2cWait(c, lambda, h2ThreeMoments(20, m2, 8000 * (1 + cv * cv) ** 3)!);
    return Math.sqrt(two.pw * three.pw) * Math.sqrt((two.w1 / two.pw) * (three.w1 / three.pw));
  }

  it('waits what the M/H2/c solves at that load give, at light, middling and heavy load', () => {
    for (const [c, cv] of [[2, 3], [4, 1.8], [16, 2]]) {
      for (const rho of [0.003, 0.02, 0.37, 0.8123, 0.99]) {
        const node = { dist: 'lognormal', cv, servers: c, meanMs: 20, queueLimit: null, batch: null } as never;
        const lambda = (rho * c) / 20;
        const q = analyzeQueue(node, lambda, 1);
        expect(relErr(q.waitMs, direct(c, lambda, cv)), `c=${c} cv=${cv} ρ=${rho}`).toBeLessThan(1e-4);
      }
    }
  });
});
