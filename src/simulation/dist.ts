// Latency distributions and how they compose along a request's path: a sum for calls made one
// after another, a mixture for probabilistic branches and cache hits, the maximum for parallel
// calls. Means and variances compose exactly; a CDF is kept exactly while that stays cheap
// (sums of exponentials, mixtures, products) and is otherwise fitted by two moments.
import { brentRoot, gammaP, logGamma, normalCdf } from './special';
import { distinctPair, hypoexponentialSurvival, twoStageSurvival } from './hypoexp';

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
  /**
   * A shape `cdfAt` evaluates in place (LEAF_*) and its parameters: an array, not number
   * fields, as each number field of an object is a separate allocation.
   */
  leaf: number;
  args: readonly number[] | undefined;
}

/**
 * The commonest shapes, which mixtures and products evaluate thousands of times per analysis:
 * computed in place, not through their closures (a call per branch, and a boxed number per
 * result, cost more than the formula). Everything else goes through `cdf`.
 */
const LEAF_NONE = 0;
const LEAF_POINT = 1; // at shift
const LEAF_EXP = 2; // shift + Exp(args[0])
const LEAF_EXP2 = 3; // shift + Exp(args[0]) + Exp(args[1]), different rates
const LEAF_LOGNORMAL = 4; // shift + e^{N(μ, s²)}, args [μ, s]

/** P(T ≤ t); a mixture's branches (never mixtures themselves) in place too. */
export function cdfAt(d: Dist, t: number): number {
  const ps = d.parts;
  if (ps === undefined) return leafCdf(d, t);
  let f = 0;
  for (let i = 0; i < ps.length; i++) f += ps[i].w * leafCdf(ps[i].d, t);
  return f;
}

function leafCdf(d: Dist, t: number): number {
  const leaf = d.leaf;
  // `+`: the call's result typed as a number, so that every branch returns an unboxed double
  // where this is compiled in place (otherwise each result is boxed for the merge).
  if (leaf === LEAF_NONE) return +d.cdf(t);
  if (leaf === LEAF_POINT) return t >= d.shift - 1e-12 ? 1 : 0;
  if (t <= d.shift) return 0;
  const x = t - d.shift;
  const args = d.args!;
  if (leaf === LEAF_EXP) return 1 - Math.exp(-args[0] * x);
  if (leaf === LEAF_EXP2) return Math.min(1, Math.max(0, 1 - twoStageSurvival(args[0], args[1], x)));
  return normalCdf((Math.log(x) - args[0]) / args[1]);
}

/**
 * Wraps the CDF closures made on every call. Tools that keep function names (tsx, which the
 * CLI and the benches run under) otherwise rename each new closure, doubling analysis time.
 */
export const closure = <F>(f: F): F => f;

/** Every distribution is built here, with the same fields in the same order: one object shape. */
export function make(mean: number, variance: number, cdf: (t: number) => number, shift: number, cost: number, heavy: boolean, exps: number[] | undefined, parts: { w: number; d: Dist }[] | undefined, leaf = LEAF_NONE, args?: readonly number[]): Dist {
  return { mean, variance, cdf, shift, cost, heavy, exps, parts, leaf, args };
}
const NO_RATES: number[] = [];

/**
 * cdf() of leaves and mixtures: cdfAt on the distribution it is called on, one function for
 * all of them, as a closure per distribution is an allocation each (and most stay live for the
 * whole analysis). So it is always called as `d.cdf(t)`; a copy that drops `parts` or `leaf`
 * takes `ownCdfOf(d)` instead.
 */
function ownCdf(this: Dist, t: number): number {
  return cdfAt(this, t);
}

/** d's CDF as a function that stands alone. */
export function ownCdfOf(d: Dist): (t: number) => number {
  return d.cdf === ownCdf ? closure((t: number) => cdfAt(d, t)) : d.cdf;
}

/** A leaf shape (see cdfAt), its own cdf() the same formula. */
function leafDist(leaf: number, args: readonly number[] | undefined, mean: number, variance: number, shift: number, heavy: boolean, exps: number[] | undefined): Dist {
  return make(mean, variance, ownCdf, shift, exps && exps.length > 0 ? exps.length : 1, heavy, exps, undefined, leaf, args);
}

/** The same distribution with another "heavy" flag (which fit its later sums should take). */
export function withHeavy(d: Dist, heavy: boolean): Dist {
  return make(d.mean, d.variance, d.cdf, d.shift, d.cost, heavy, d.exps, d.parts, d.leaf, d.args);
}

/** A small independent jitter on a dominant time: the dominant shape, moved by the jitter's mean. */
function jittered(dominant: Dist, small: Dist): Dist {
  const d = delay(dominant, small.mean);
  return make(d.mean, dominant.variance + small.variance, ownCdfOf(d), d.shift, d.cost, d.heavy, undefined, undefined);
}

const MAX_COST = 24;
const MAX_EXP_TERMS = 8;
export const MAX_PRODUCT_COST = 4 * MAX_COST;
/** Products up to this cost get the 64-point rule: exact enough for the oracles' 1e-6. */
export const CHEAP_PRODUCT = 2;

export function point(c: number): Dist {
  return leafDist(LEAF_POINT, undefined, c, 0, c, false, NO_RATES);
}

/** No time at all (no call made, a cache hit): one shared value, as distributions are never changed. */
export const ZERO = point(0);

/** A constant plus independent exponentials with the given rates (per ms): hypoexponential. */
export function expSum(rates: number[], shift = 0): Dist {
  if (rates.length === 0) return point(shift);
  if (rates.length > MAX_EXP_TERMS) {
    const mean = rates.reduce((s, r) => s + 1 / r, 0);
    const variance = rates.reduce((s, r) => s + 1 / (r * r), 0);
    return fitted(shift, mean, variance, false);
  }
  let mean = shift;
  let variance = 0;
  for (const r of rates) {
    mean += 1 / r;
    variance += 1 / (r * r);
  }
  // One stage (an M/M/1 response) or two (a wait and a service): leaves, evaluated most of all.
  if (rates.length === 1) return leafDist(LEAF_EXP, rates, mean, variance, shift, false, rates);
  if (rates.length === 2 && distinctPair(rates[0], rates[1])) return leafDist(LEAF_EXP2, rates, mean, variance, shift, false, rates);
  const surv = hypoexponentialSurvival(rates);
  const cdf = closure((t: number) => (t <= shift ? 0 : Math.min(1, Math.max(0, 1 - surv(t - shift)))));
  return make(mean, variance, cdf, shift, rates.length, false, rates, undefined);
}

/** Any distribution given by its CDF and its first two moments. */
export function fromCdf(mean: number, variance: number, cdf: (t: number) => number, heavy = false, shift = 0): Dist {
  return make(mean, variance, cdf, shift, 1, heavy, undefined, undefined);
}

/** A shifted gamma (or lognormal, for heavy tails) with the given mean and variance above the shift. */
export function fitted(shift: number, mean: number, variance: number, heavy: boolean): Dist {
  const total = shift + mean;
  if (mean <= 1e-12 || variance <= 1e-18) return withHeavy(point(total), heavy);
  if (heavy) {
    const s2 = Math.log(1 + variance / (mean * mean));
    return leafDist(LEAF_LOGNORMAL, [Math.log(mean) - s2 / 2, Math.sqrt(s2)], total, variance, shift, true, undefined);
  }
  const k = (mean * mean) / variance;
  const theta = variance / mean;
  const lgK = logGamma(k);
  const cdf = closure((t: number) => (t <= shift ? 0 : gammaP(k, (t - shift) / theta, lgK)));
  return make(total, variance, cdf, shift, 1, heavy, undefined, undefined);
}

export function simplify(d: Dist): Dist {
  if (d.cost <= MAX_COST) return d;
  // Keep the atom at the minimum (requests that made no call) out of the two-moment fit.
  const p0 = atom(d);
  if (p0 >= MIN_ATOM && p0 < 1) {
    const { m, v } = aboveAtom(d, p0);
    return mixture([{ w: p0, d: point(d.shift) }, { w: 1 - p0, d: fitted(d.shift, m - d.shift, v, d.heavy) }]);
  }
  return fitted(d.shift, d.mean - d.shift, d.variance, d.heavy);
}

/** Probability that a time equals its minimum (its shift): one CDF evaluation. */
function atom(d: Dist): number {
  return d.shift >= 0 && d.variance > 0 ? Math.min(1, d.cdf(d.shift)) : 0;
}
const MIN_ATOM = 0.05;

/** Mean and variance of a time given that it is above its atom of probability p0. */
function aboveAtom(d: Dist, p0: number): { m: number; v: number } {
  const m = (d.mean - p0 * d.shift) / (1 - p0);
  return { m, v: Math.max(0, (d.variance + d.mean * d.mean - p0 * d.shift * d.shift) / (1 - p0) - m * m) };
}

const MAX_PARTS = 8;

export function delay(d: Dist, c: number): Dist {
  if (c === 0) return d;
  if (d.parts) return mixture(d.parts.map((p) => ({ w: p.w, d: delay(p.d, c) })));
  return make(d.mean + c, d.variance, closure((t: number) => d.cdf(t - c)), d.shift + c, d.cost, d.heavy, d.exps, undefined);
}

/**
 * Probabilistic branches: with weight w_i the time is d_i (`maxCost` as for maxOf). `parts` is
 * kept when it is already flat and normalized, so callers pass an array they do not reuse.
 */
export function mixture(parts: { w: number; d: Dist }[], maxCost = MAX_COST): Dist {
  let total = 0;
  let live = 0;
  let nested = false;
  let only = ZERO; // no branch is ever taken: no call, no time
  let size = 0; // branches once flattened
  for (const p of parts) {
    if (!(p.w > 0)) continue;
    total += p.w;
    live++;
    only = p.d;
    nested ||= p.d.parts !== undefined;
    size += p.d.parts === undefined ? 1 : p.d.parts.length;
  }
  if (live <= 1) return only;
  // Branches of branches are branches: keep the tree one level deep.
  let ps = parts;
  if (nested || live < parts.length || total !== 1) {
    // Sized once: pushing onto [] reserves 17 slots, and most mixtures have 2 to 8.
    ps = new Array<{ w: number; d: Dist }>(size);
    let i = 0;
    for (const p of parts) {
      if (!(p.w > 0)) continue;
      if (p.d.parts) for (const q of p.d.parts) ps[i++] = { w: (p.w * q.w) / total, d: q.d };
      else ps[i++] = { w: p.w / total, d: p.d };
    }
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
  const d = make(mean, Math.max(0, second - mean * mean), ownCdf, shift, cost, heavy, undefined, ps);
  return cost <= maxCost ? d : simplify(d);
}

/** Independent times one after another. */
export function sum(a: Dist, b: Dist): Dist {
  return addTo(a, b, 1, undefined)!;
}

type Branches = { w: number; d: Dist }[];

/**
 * a + b, returned; or, given `out`, appended to it as branches weighted by w, so that a sum
 * distributed over a mixture's branches builds one mixture rather than one per branch.
 */
function addTo(a: Dist, b: Dist, w: number, out: Branches | undefined): Dist | undefined {
  if (a.variance === 0 && a.exps?.length === 0) return emit(delay(b, a.mean), w, out);
  if (b.variance === 0 && b.exps?.length === 0) return emit(delay(a, b.mean), w, out);
  if (a.exps && b.exps) return emit(expSum([...a.exps, ...b.exps], a.shift + b.shift), w, out);
  // X + (a mixture) is the mixture of X + each branch: exact, e.g. a cache hit or miss. Only
  // while the branches stay few: they multiply.
  const na = a.parts?.length ?? 1;
  const nb = b.parts?.length ?? 1;
  if (na * nb <= MAX_PARTS && (a.parts || b.parts)) {
    const into = out ?? [];
    if (b.parts) for (const p of b.parts) addTo(a, p.d, w * p.w, into);
    else for (const p of a.parts!) addTo(p.d, b, w * p.w, into);
    return out ? undefined : mixture(into);
  }
  // A small jitter on top of a dominant time (a gateway before a slow backend): keep the
  // dominant one's shape, moved by the small one's mean, rather than a two-moment fit.
  if (a.variance <= SMALL_VARIANCE * b.variance) return emit(jittered(b, a), w, out);
  if (b.variance <= SMALL_VARIANCE * a.variance) return emit(jittered(a, b), w, out);
  // A time that is often exactly its minimum (no downstream call made: probabilities, cache
  // hits) keeps that atom; a two-moment fit would smear it and misplace the median.
  const pa = atom(a);
  const pb = atom(b);
  if (Math.max(pa, pb) >= MIN_ATOM) {
    const x = pb >= pa ? b : a;
    const y = pb >= pa ? a : b;
    const px = Math.max(pa, pb);
    if (px >= 1) return emit(delay(y, x.shift), w, out);
    // Moments of x above its atom, then y plus that part by two moments.
    const { m, v } = aboveAtom(x, px);
    const shift = y.shift + x.shift;
    const into = out ?? [];
    into.push({ w: w * px, d: delay(y, x.shift) }, { w: w * (1 - px), d: fitted(shift, y.mean + m - shift, y.variance + v, y.heavy || x.heavy) });
    return out ? undefined : mixture(into);
  }
  const shift = a.shift + b.shift;
  return emit(fitted(shift, a.mean + b.mean - shift, a.variance + b.variance, a.heavy || b.heavy), w, out);
}

/** addTo's result: d itself, or d as one branch of weight w. */
function emit(d: Dist, w: number, out: Branches | undefined): Dist | undefined {
  if (out === undefined) return d;
  out.push({ w, d });
  return undefined;
}

const SMALL_VARIANCE = 0.02;

export const tailScale = (d: Dist) => Math.max(Math.sqrt(d.variance), d.variance / Math.max(1e-12, d.mean - d.shift));

/** log(1 − q) − log(1 − F(t)), increasing in t, 0 where F(t) = q. */
const gap = (d: Dist, target: number, t: number) => target - Math.log(Math.max(1e-300, 1 - d.cdf(t)));

/**
 * Smallest t with cdf(t) ≥ q (0 < q < 1): Brent's method on a bracket — ~5 CDF evaluations for smooth
 * CDFs, and it still converges to the jump of a CDF with atoms (constant service times, cache
 * hits at 0 ms).
 */
export function quantile(d: Dist, q: number): number {
  if (d.variance === 0) return d.mean;
  if (d.exps?.length === 1) return d.shift - Math.log(1 - q) / d.exps[0]; // M/M/1: closed form
  let a = d.shift;
  // Solved as log(1 − q) − log(1 − F(t)) = 0, the same root: tails are near exponential, where
  // this is near linear in t and the interpolation steps land close at once.
  const target = Math.log(1 - q);
  let fa = gap(d, target, a);
  if (fa >= 0) return a;
  let b = d.mean + 5 * Math.sqrt(d.variance) + 1e-9;
  let fb = gap(d, target, b);
  for (let i = 0; i < 60 && fb < 0; i++) {
    a = b;
    fa = fb;
    b = d.shift + (b - d.shift) * 2;
    fb = gap(d, target, b);
  }
  return brentRoot(closure((t: number) => gap(d, target, t)), a, fa, b, fb);
}
