// The slowest of parallel calls (fork-join): the product of the branches' CDFs, its mean and
// variance from the survival function by Gauss–Legendre quadrature. Part of the latency algebra
// of dist.ts, which builds and fits every other distribution.
import { CHEAP_PRODUCT, MAX_PRODUCT_COST, cdfAt, closure, make, point, quantile, simplify, tailScale, type Dist } from './dist';
import { gaussLegendre } from './special';

/**
 * Parallel calls: the slowest of independent times (the product of their CDFs); `meanOverride`
 * when the branches are known to be positively correlated (see compose.ts); `maxCost` higher
 * for a result only read, not composed further (a source's end-to-end latency). Identical
 * branches (a fan-out to K equal shards) are one CDF raised to the power K, so a wide fan-out
 * stays exact and cheap.
 */
export function maxOf(parts: Dist[], meanOverride?: number, maxCost = MAX_PRODUCT_COST): Dist {
  if (parts.length === 1) return parts[0];
  if (parts.every((p) => p.variance === 0)) return point(Math.max(...parts.map((p) => p.mean)));
  const gs: { d: Dist; k: number }[] = [];
  for (const p of parts) {
    const g = gs.find((x) => x.d === p || sameShape(x.d, p));
    if (g) g.k++;
    else gs.push({ d: p, k: 1 });
  }
  const cdf = closure((t: number) => {
    let prod = 1;
    for (const g of gs) prod *= g.k === 1 ? cdfAt(g.d, t) : cdfAt(g.d, t) ** g.k;
    return prod;
  });
  let lo = -Infinity;
  for (const p of parts) lo = Math.max(lo, p.shift);
  survivalMoments(lo, gs);
  const m1 = MOMENTS[0];
  const m2 = MOMENTS[1];
  // A known mean (correlated fork-join branches) moves the product's shape to it: a shift
  // keeps the tail's spread, which the product gets nearly right (within about 2 % of the
  // exact fork-join percentiles of O11).
  const by = meanOverride === undefined ? 0 : m1 - meanOverride;
  const shifted = by === 0 ? cdf : closure((t: number) => (t < 0 ? 0 : cdf(t + by)));
  let cost = 0;
  for (const g of gs) cost += g.d.cost;
  const d = make(m1 - by, Math.max(0, m2 - m1 * m1), shifted, Math.max(0, lo - by), cost, parts.some((p) => p.heavy), undefined, undefined);
  // A product is evaluated once per quantile step, not nested in further sums: allow it more.
  return d.cost <= maxCost ? d : simplify(d);
}

/** Same moments, shift, cost and exponential stages: taken as the same distribution. */
function sameShape(a: Dist, b: Dist): boolean {
  if (a.mean !== b.mean || a.variance !== b.variance || a.shift !== b.shift || a.cost !== b.cost || a.heavy !== b.heavy) return false;
  if (!a.exps || !b.exps) return !a.exps && !b.exps;
  return a.exps.length === b.exps.length && a.exps.every((r, i) => r === b.exps![i]);
}

/**
 * E[T] and E[T²] of the slowest of the groups, from the survival function 1 − cdf. Cheap
 * products: 64-point Gauss–Legendre on [lo, hi], hi where the survival is below ~1e-9 (from
 * the moments for light tails — a gamma's tail decays on the scale variance/mean — by
 * inversion for heavy ones). Costly products (many nested branches, already approximations):
 * an 8-point rule (12 for heavy tails) after t = lo − θ·ln(1 − u), which makes an
 * exponential-like tail smooth on [0, 1); ~1e-3 relative.
 */
function survivalMoments(lo: number, gs: { d: Dist; k: number }[]): void {
  let theta = 0;
  let heavy = false;
  let cost = 0;
  for (const g of gs) {
    theta = Math.max(theta, tailScale(g.d));
    heavy ||= g.d.heavy;
    cost += g.d.cost;
  }
  let m1 = lo + 0; // a double from the start: the loops then add unboxed
  let m2 = lo * lo;
  if (cost <= CHEAP_PRODUCT) {
    let hi = lo;
    for (const g of gs) hi = Math.max(hi, g.d.heavy ? quantile(g.d, 1 - 1e-9 / g.k) : g.d.mean + (21 + Math.log(g.k)) * tailScale(g.d));
    const { x, w } = gaussLegendre(64);
    const half = (hi - lo) / 2;
    for (let i = 0; i < x.length; i++) AT[i] = lo + half * (x[i] + 1);
    productCdfs(gs, x.length);
    for (let i = 0; i < x.length; i++) {
      const s = 1 - CDF[i];
      m1 += half * w[i] * s;
      m2 += half * w[i] * 2 * AT[i] * s;
    }
  } else {
    const { x, w } = gaussLegendre(heavy ? 12 : 8);
    for (let i = 0; i < x.length; i++) AT[i] = lo - theta * Math.log(1 - (x[i] + 1) / 2);
    productCdfs(gs, x.length);
    for (let i = 0; i < x.length; i++) {
      const u = (x[i] + 1) / 2;
      const s = ((1 - CDF[i]) * theta) / (1 - u);
      m1 += 0.5 * w[i] * s;
      m2 += 0.5 * w[i] * 2 * AT[i] * s;
    }
  }
  MOMENTS[0] = m1;
  MOMENTS[1] = m2;
}
/** survivalMoments' E[T] and E[T²]: written here, not returned in an object. */
const MOMENTS = new Float64Array(2);
/**
 * survivalMoments' points and the product's CDF at each: one loop evaluates them all, so the
 * CDF code is compiled in place once (twice, once per rule, left calls that box every double).
 */
const AT = new Float64Array(64);
const CDF = new Float64Array(64);

/** CDF[i] = P(slowest ≤ AT[i]) for i < n: the groups' CDFs multiplied in order, each to the power of its count. */
function productCdfs(gs: { d: Dist; k: number }[], n: number): void {
  for (let i = 0; i < n; i++) {
    const t = AT[i];
    let prod = 1;
    for (let j = 0; j < gs.length; j++) {
      const g = gs[j];
      prod *= g.k === 1 ? cdfAt(g.d, t) : cdfAt(g.d, t) ** g.k;
    }
    CDF[i] = prod;
  }
}
