// Erlang's formulas without overflow: Erlang B, Erlang C and the M/M/c/K chain for any number
// of servers (replicas × concurrency reaches 10¹⁰), any offered load (ρ of 10⁶ is a
// misconfiguration, not a crash) and queue limits up to 10⁷. Powers of ρ and factorials are
// never formed: Erlang B by its recursion in log space, the waiting part of M/M/c/K as a
// truncated geometric distribution in closed form (README "Methods").
import { logGamma } from './special';

/** Past e^60 the "1 +" of the recursion is below double precision. */
const LOG_HUGE = 60;

const logAddExp = (x: number, y: number) => {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  const m = Math.max(x, y);
  return m + Math.log1p(Math.exp(-Math.abs(x - y)));
};

/**
 * ln(1/B(c, a)), B Erlang's loss probability for c servers offered a erlangs. 1/B obeys
 * u_k = 1 + (k/a)·u_{k−1}; an error in u shrinks by the factor 1 − B_k at every step, so the
 * recursion can start near the end from the fluid value u ≈ a/(a − k) instead of at k = 0, and
 * once u is huge past k = a the rest of it is a ratio of factorials.
 */
export function logInvErlangB(c: number, a: number): number {
  if (c <= 0) return 0;
  if (!(a > 0)) return Infinity;
  const top = Math.min(c, a);
  // Enough steps for the start value to be forgotten (the factors k/a multiply to < e^−40).
  const shrink = top < a ? -Math.log(top / a) : 0;
  const steps = Math.min(10 * Math.sqrt(a) + 50, shrink > 0 ? 40 / shrink + 1 : Infinity);
  const start = Math.max(0, Math.floor(top - steps));
  let lu = start === 0 ? 0 : -Math.log1p(-start / a);
  for (let k = start + 1; k <= c; k++) {
    const x = Math.log(k / a) + lu;
    lu = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    if (lu > LOG_HUGE && k >= a) return lu + logGamma(c + 1) - logGamma(k + 1) - (c - k) * Math.log(a);
  }
  return lu;
}

/** Erlang B: the probability that an arrival finds all c servers busy in M/M/c/c. */
export function erlangB(c: number, a: number): number {
  return Math.exp(-logInvErlangB(c, a));
}

/** Erlang C: the probability that an arrival waits in M/M/c with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  if (a >= c) return 1;
  const rho = a / c;
  // C = B / (1 − ρ(1 − B)) = 1 / (u(1 − ρ) + ρ) with u = 1/B, which may be +∞ (C = 0).
  return 1 / (Math.exp(logInvErlangB(c, a)) * (1 - rho) + rho);
}

/** ln Σ_{j<n} ρ^j, from ln ρ (−∞ for n = 0). */
export function logGeometricSum(logRho: number, n: number): number {
  if (n <= 0) return -Infinity;
  if (logRho === 0) return Math.log(n);
  if (logRho > 0) return (n - 1) * logRho + Math.log(-Math.expm1(-n * logRho)) - Math.log(-Math.expm1(-logRho));
  return Math.log(-Math.expm1(n * logRho)) - Math.log(-Math.expm1(logRho));
}

/** 1/(e^y − 1) − 1/y + 1/2: odd, y/12 near 0 (Bernoulli series there, where the direct form cancels). */
function f(y: number): number {
  if (Math.abs(y) < 0.1) {
    const y2 = y * y;
    return y * (1 / 12 - y2 * (1 / 720 - y2 * (1 / 30240 - y2 / 1209600)));
  }
  return 1 / Math.expm1(y) - 1 / y + 0.5;
}

/** e^y/(e^y − 1)² = 1/(4 sinh²(y/2)), even. */
const g = (y: number) => {
  const s = Math.sinh(Math.abs(y) / 2);
  return 1 / (4 * s * s);
};

/** g(y) − 1/y² + 1/12: even, y²/240 near 0. */
function h(y: number): number {
  if (Math.abs(y) < 0.1) {
    const y2 = y * y;
    return y2 * (1 / 240 - y2 * (1 / 6048 - y2 / 172800));
  }
  return g(y) - 1 / (y * y) + 1 / 12;
}

/**
 * Mean and variance of j on {0, …, M} with P(j) ∝ ρ^j (x = −ln ρ, any sign):
 * E = 1/(e^x − 1) − (M+1)/(e^{(M+1)x} − 1), Var = g(x) − (M+1)²·g((M+1)x), rewritten around
 * the uniform distribution (M/2, ((M+1)² − 1)/12) when (M+1)x is small, where those cancel.
 */
export function truncatedGeometric(logRho: number, M: number): { mean: number; variance: number } {
  if (M <= 0) return { mean: 0, variance: 0 };
  const x = -logRho;
  const n = M + 1;
  const y = n * x;
  if (Math.abs(y) < 1) {
    return { mean: M / 2 + f(x) - n * f(y), variance: Math.max(0, (n * n - 1) / 12 + h(x) - n * n * h(y)) };
  }
  // 1/(e^x − 1) for x < 0 is −1 − 1/(e^{−x} − 1): written so for no overflow at large |y|.
  const inv = (t: number) => (t > 0 ? 1 / Math.expm1(t) : -1 - 1 / Math.expm1(-t));
  return { mean: inv(x) - n * inv(y), variance: Math.max(0, g(x) - n * n * g(y)) };
}

export interface FiniteQueue {
  /** p_K: the share of arrivals rejected (PASTA). */
  block: number;
  /** Mean number of busy servers: a·(1 − p_K). */
  busy: number;
  /** Probability that an admitted arrival waits. */
  waitProb: number;
  /** Given that it waits, the number ahead of it in the queue, j on {0 … Q − 1}: it waits j + 1 services at rate cμ. */
  ahead: { mean: number; variance: number };
}

/**
 * M/M/c/K with K = c + Q (Q waiting places), offered a = λ/μ erlangs. With p_n relative to p_c,
 * the states n ≤ c sum to u = 1/B(c, a) and the state c + j is ρ^j; every sum is taken in logs.
 */
export function mmck(c: number, a: number, Q: number): FiniteQueue {
  const logRho = Math.log(a) - Math.log(c);
  const lu = logInvErlangB(c, a);
  const logWaiting = logGeometricSum(logRho, Q); // states c … K − 1
  const logNorm = logAddExp(lu, logRho + logGeometricSum(logRho, Q));
  // Admitted: the states below c (u − 1) and c … K − 1; never 1 − p_K, which rounds to 0 at huge ρ.
  const logAdmitted = logAddExp(lu + Math.log(-Math.expm1(-lu)), logWaiting);
  return {
    block: Math.min(1, Math.exp(Q * logRho - logNorm)),
    busy: a * Math.exp(logAdmitted - logNorm),
    waitProb: Q > 0 ? Math.min(1, Math.exp(logWaiting - logAdmitted)) : 0,
    ahead: truncatedGeometric(logRho, Q - 1),
  };
}
