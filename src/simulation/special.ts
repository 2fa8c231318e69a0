// Special functions for the latency distributions: log-gamma, the regularized incomplete
// gamma function (gamma and Erlang CDFs) and the normal CDF (lognormal), Numerical Recipes
// methods accurate to ~1e-10 relative in the range we use; Brent's root finder and
// Gauss–Legendre rules for quantiles and moments.

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  for (let i = 0; i < 8; i++) a += LANCZOS[i] / (x + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(a, x): the CDF at x of a gamma distribution of shape a and scale 1. `lgA` = logGamma(a),
 * for callers that evaluate one shape many times (a fitted distribution inside a bisection).
 */
export function gammaP(a: number, x: number, lgA = logGamma(a)): number {
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  const lnPre = a * Math.log(x) - x - lgA;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-13) break;
    }
    return Math.min(1, sum * Math.exp(lnPre));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-13) break;
  }
  return Math.max(0, 1 - Math.exp(lnPre) * h);
}

/** Standard normal CDF (erfc by W. J. Cody's rational approximation through NR's erfcc). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const y =
    t *
    Math.exp(
      -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - y / 2 : y / 2;
}

/**
 * Brent (1973), "zeroin": the root of an increasing f bracketed by a and b (f(a) < 0 ≤ f(b)),
 * by inverse quadratic interpolation safeguarded by bisection, to 1e-10 relative. b is the
 * best estimate, [b, c] brackets the root; the side where f ≥ 0 is returned, so a jump of f
 * across 0 gives the point just past it.
 */
export function brentRoot(f: (t: number) => number, a: number, fa: number, b: number, fb: number): number {
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
    fb = f(b);
  }
  return fb >= 0 ? b : c;
}

/** n-point Gauss–Legendre nodes and weights on [-1, 1], by Newton's method, computed once per n. */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const cached = RULES.get(n);
  if (cached) return cached;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
      }
      pp = (n * (z * p1 - p2)) / (z * z - 1);
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) < 1e-15) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * pp * pp);
  }
  RULES.set(n, { x, w });
  return { x, w };
}
const RULES = new Map<number, { x: Float64Array; w: Float64Array }>();
