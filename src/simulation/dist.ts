// Latency distributions and how they compose along a request's path: a sum for calls made one
// after another, a mixture for probabilistic branches and cache hits, the maximum for parallel
// calls. Means and variances compose exactly; a CDF is kept exactly while that stays cheap
// (sums of exponentials, mixtures, products) and is otherwise fitted by two moments.
import { gammaP, gaussLegendre, logGamma, normalCdf } from './special';

export interface Dist {
  mean: number;
  variance: number;
  /** P(T ≤ t). */
  cdf(t: number): number;
  /** Smallest value with positive probability (a constant delay before anything else). */
  shift: number;
  /** Cost of one cdf() call in leaf evaluations; past a limit the shape is fitted. */
  cost: number;
  /** Heavy right tail (lognormal service with a high cv): fitted as lognormal, not gamma. */
  heavy: boolean;
  /** Exact form when the time is a constant plus independent exponentials. */
  exps?: number[];
  /** The branches of a mixture, so that a sum can distribute over them. */
  parts?: { w: number; d: Dist }[];
}

const MAX_COST = 24;
const MAX_EXP_TERMS = 8;
const MAX_PRODUCT_COST = 4 * MAX_COST;
/** Products up to this cost get the 64-point rule: exact enough for the oracles' 1e-6. */
const CHEAP_PRODUCT = 2;

export function point(c: number): Dist {
  return { mean: c, variance: 0, cdf: (t) => (t >= c - 1e-12 ? 1 : 0), shift: c, cost: 1, heavy: false, exps: [] };
}

/** A constant plus independent exponentials with the given rates (per ms): hypoexponential. */
export function expSum(rates: number[], shift = 0): Dist {
  if (rates.length === 0) return point(shift);
  if (rates.length > MAX_EXP_TERMS) {
    const mean = rates.reduce((s, r) => s + 1 / r, 0);
    const variance = rates.reduce((s, r) => s + 1 / (r * r), 0);
    return fitted(shift, mean, variance, false);
  }
  // Equal rates make the closed form divide by zero: spread them by a negligible amount.
  const n = rates.length;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let same = 0;
    for (let j = 0; j < i; j++) if (Math.abs(rates[j] - rates[i]) < 1e-9 * rates[i]) same++;
    r[i] = rates[i] * (1 + 1e-6 * same);
  }
  const coef = new Float64Array(n);
  let mean = shift;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let c = 1;
    for (let j = 0; j < n; j++) if (j !== i) c = (c * r[j]) / (r[j] - r[i]);
    coef[i] = c;
    mean += 1 / r[i];
    variance += 1 / (r[i] * r[i]);
  }
  const cdf = (t: number) => {
    const u = t - shift;
    if (u <= 0) return 0;
    let surv = 0;
    for (let i = 0; i < n; i++) surv += coef[i] * Math.exp(-r[i] * u);
    return Math.min(1, Math.max(0, 1 - surv));
  };
  return { mean, variance, cdf, shift, cost: r.length, heavy: false, exps: rates };
}

/** Any distribution given by its CDF and its first two moments. */
export function fromCdf(mean: number, variance: number, cdf: (t: number) => number, heavy = false, shift = 0): Dist {
  return { mean, variance, cdf, shift, cost: 1, heavy };
}

/** A shifted gamma (or lognormal, for heavy tails) with the given mean and variance above the shift. */
export function fitted(shift: number, mean: number, variance: number, heavy: boolean): Dist {
  const total = shift + mean;
  if (mean <= 1e-12 || variance <= 1e-18) return { ...point(total), heavy };
  let cdf: (t: number) => number;
  if (heavy) {
    const s2 = Math.log(1 + variance / (mean * mean));
    const mu = Math.log(mean) - s2 / 2;
    const s = Math.sqrt(s2);
    cdf = (t) => (t <= shift ? 0 : normalCdf((Math.log(t - shift) - mu) / s));
  } else {
    const k = (mean * mean) / variance;
    const theta = variance / mean;
    const lgK = logGamma(k);
    cdf = (t) => (t <= shift ? 0 : gammaP(k, (t - shift) / theta, lgK));
  }
  return { mean: total, variance, cdf, shift, cost: 1, heavy };
}

function simplify(d: Dist): Dist {
  return d.cost <= MAX_COST ? d : fitted(d.shift, d.mean - d.shift, d.variance, d.heavy);
}

const MAX_PARTS = 8;

export function delay(d: Dist, c: number): Dist {
  if (c === 0) return d;
  if (d.exps) return expSum(d.exps, d.shift + c);
  return { ...d, mean: d.mean + c, shift: d.shift + c, cdf: (t) => d.cdf(t - c) };
}

/** Probabilistic branches: with weight w_i the time is d_i. */
export function mixture(parts: { w: number; d: Dist }[]): Dist {
  let total = 0;
  let live = 0;
  for (const p of parts) if (p.w > 0) (total += p.w), live++;
  if (live === 1) return parts.find((p) => p.w > 0)!.d;
  // Branches of branches are branches: keep the tree one level deep.
  const ps: { w: number; d: Dist }[] = [];
  for (const p of parts) {
    if (!(p.w > 0)) continue;
    if (p.d.parts) for (const q of p.d.parts) ps.push({ w: (p.w * q.w) / total, d: q.d });
    else ps.push({ w: p.w / total, d: p.d });
  }
  let mean = 0;
  let second = 0;
  let shift = Infinity;
  let cost = 0;
  let heavy = false;
  for (const { w, d } of ps) {
    mean += w * d.mean;
    second += w * (d.variance + d.mean * d.mean);
    shift = Math.min(shift, d.shift);
    cost += d.cost;
    heavy ||= d.heavy;
  }
  const cdf = (t: number) => {
    let f = 0;
    for (let i = 0; i < ps.length; i++) f += ps[i].w * ps[i].d.cdf(t);
    return f;
  };
  return simplify({ mean, variance: Math.max(0, second - mean * mean), parts: ps, cdf, shift, cost, heavy });
}

/** Independent times one after another. */
export function sum(a: Dist, b: Dist): Dist {
  if (a.variance === 0 && a.exps?.length === 0) return delay(b, a.mean);
  if (b.variance === 0 && b.exps?.length === 0) return delay(a, b.mean);
  if (a.exps && b.exps) return expSum([...a.exps, ...b.exps], a.shift + b.shift);
  // X + (a mixture) is the mixture of X + each branch: exact, e.g. a cache hit or miss. Only
  // while the result stays cheap: past that it would be fitted anyway, after costly work.
  if (a.cost * b.cost <= MAX_COST) {
    if (b.parts && b.parts.length <= MAX_PARTS) return mixture(b.parts.map((p) => ({ w: p.w, d: sum(a, p.d) })));
    if (a.parts && a.parts.length <= MAX_PARTS) return mixture(a.parts.map((p) => ({ w: p.w, d: sum(p.d, b) })));
  }
  const shift = a.shift + b.shift;
  return fitted(shift, a.mean + b.mean - shift, a.variance + b.variance, a.heavy || b.heavy);
}

/**
 * Parallel calls: the slowest of independent times (the product of their CDFs); `meanOverride`
 * when the branches are known to be positively correlated (see compose.ts). Identical
 * branches (a fan-out to K equal shards) are one CDF raised to the power K, so a wide fan-out
 * stays exact and cheap.
 */
export function maxOf(parts: Dist[], meanOverride?: number): Dist {
  if (parts.length === 1) return parts[0];
  if (parts.every((p) => p.variance === 0)) return point(Math.max(...parts.map((p) => p.mean)));
  const gs: { d: Dist; k: number }[] = [];
  for (const p of parts) {
    const g = gs.find((x) => x.d === p || sameShape(x.d, p));
    if (g) g.k++;
    else gs.push({ d: p, k: 1 });
  }
  const cdf = (t: number) => {
    let prod = 1;
    for (const g of gs) prod *= g.k === 1 ? g.d.cdf(t) : g.d.cdf(t) ** g.k;
    return prod;
  };
  const lo = Math.max(...parts.map((p) => p.shift));
  const { m1, m2 } = survivalMoments(cdf, lo, gs);
  // A known mean (correlated fork-join branches) moves the product's shape to it: a shift
  // keeps the tail's spread, which the product gets nearly right (simulation-notes §5.4).
  const by = meanOverride === undefined ? 0 : m1 - meanOverride;
  const d: Dist = {
    mean: m1 - by,
    variance: Math.max(0, m2 - m1 * m1),
    cdf: by === 0 ? cdf : (t) => (t < 0 ? 0 : cdf(t + by)),
    shift: Math.max(0, lo - by),
    cost: gs.reduce((s, g) => s + g.d.cost, 0),
    heavy: parts.some((p) => p.heavy),
  };
  // A product is evaluated once per quantile step, not nested in further sums: allow it more.
  return d.cost <= MAX_PRODUCT_COST ? d : simplify(d);
}

/** Same moments, shift, cost and exponential stages: taken as the same distribution. */
function sameShape(a: Dist, b: Dist): boolean {
  if (a.mean !== b.mean || a.variance !== b.variance || a.shift !== b.shift || a.cost !== b.cost || a.heavy !== b.heavy) return false;
  if (!a.exps || !b.exps) return !a.exps && !b.exps;
  return a.exps.length === b.exps.length && a.exps.every((r, i) => r === b.exps![i]);
}

/**
 * E[T] and E[T²] of the slowest of the groups, from the survival function 1 − cdf: Gauss–
 * Legendre on [lo, hi], hi where the survival is below ~1e-9 (from the moments for light
 * tails — a gamma's tail decays on the scale variance/mean — by inversion for heavy ones).
 * Products of costly CDFs (many nested branches, already approximations) take a 16-point rule (~1e-4 relative)
 * after t = lo − θ·ln(1 − u), which makes an exponential-like tail smooth on [0, 1).
 */
function survivalMoments(cdf: (t: number) => number, lo: number, gs: { d: Dist; k: number }[]): { m1: number; m2: number } {
  let hi = lo;
  let theta = 0;
  let heavy = false;
  let cost = 0;
  for (const g of gs) {
    const scale = Math.max(Math.sqrt(g.d.variance), g.d.variance / Math.max(1e-12, g.d.mean - g.d.shift));
    theta = Math.max(theta, scale);
    heavy ||= g.d.heavy;
    cost += g.d.cost;
    hi = Math.max(hi, g.d.heavy ? quantile(g.d, 1 - 1e-9 / g.k) : g.d.mean + (21 + Math.log(g.k)) * scale);
  }
  let m1 = lo;
  let m2 = lo * lo;
  if (heavy || cost <= CHEAP_PRODUCT) {
    const { x, w } = gaussLegendre(64);
    const half = (hi - lo) / 2;
    for (let i = 0; i < x.length; i++) {
      const t = lo + half * (x[i] + 1);
      const s = 1 - cdf(t);
      m1 += half * w[i] * s;
      m2 += half * w[i] * 2 * t * s;
    }
  } else {
    const { x, w } = gaussLegendre(16);
    for (let i = 0; i < x.length; i++) {
      const u = (x[i] + 1) / 2;
      const t = lo - theta * Math.log(1 - u);
      const s = ((1 - cdf(t)) * theta) / (1 - u);
      m1 += 0.5 * w[i] * s;
      m2 += 0.5 * w[i] * 2 * t * s;
    }
  }
  return { m1, m2 };
}

/**
 * Smallest t with cdf(t) ≥ q: Brent's method (inverse quadratic interpolation safeguarded by
 * bisection) on a bracket — ~10 CDF evaluations for smooth CDFs, and it still converges to
 * the jump of a CDF with atoms (constant service times, cache hits at 0 ms).
 */
export function quantile(d: Dist, q: number): number {
  if (d.variance === 0) return d.mean;
  let a = d.shift;
  let fa = d.cdf(a) - q;
  if (fa >= 0) return a;
  let b = d.mean + 10 * Math.sqrt(d.variance) + 1e-9;
  let fb = d.cdf(b) - q;
  for (let i = 0; i < 60 && fb < 0; i++) {
    a = b;
    fa = fb;
    b = d.shift + (b - d.shift) * 2;
    fb = d.cdf(b) - q;
  }
  // Brent (1973), "zeroin": b is the best estimate, [b, c] brackets the root.
  let c = a;
  let fc = fa;
  let e = b - a;
  let step = e;
  for (let i = 0; i < 100; i++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      e = step = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 1e-10 * Math.max(1, Math.abs(b));
    const m = (c - b) / 2;
    if (Math.abs(m) <= tol || fb === 0) break;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let r: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        r = 1 - s;
      } else {
        const t = fa / fc;
        const u = fb / fc;
        p = s * (2 * m * t * (t - u) - (b - a) * (u - 1));
        r = (t - 1) * (u - 1) * (s - 1);
      }
      if (p > 0) r = -r;
      else p = -p;
      if (2 * p < Math.min(3 * m * r - Math.abs(tol * r), Math.abs(e * r))) {
        e = step;
        step = p / r;
      } else {
        e = step = m;
      }
    } else {
      e = step = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(step) > tol ? step : m > 0 ? tol : -tol;
    fb = d.cdf(b) - q;
  }
  // Report the side of the bracket where cdf ≥ q (the definition's "smallest t with ...").
  return fb >= 0 ? b : c;
}
