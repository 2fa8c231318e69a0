// The sum of independent exponential stages (a tandem of M/M/1 response times, O8): its exact
// survival function, including stages with equal rates. The textbook form Σ Π λᵢ/(λᵢ−λⱼ) e^{−λⱼt}
// divides by zero for equal rates, and nudging them apart loses all precision from the third
// equal stage on; partial fractions with multiplicities give Erlang terms instead.

/** Rates closer than this (relative) count as one rate with a multiplicity. */
const SAME_RATE = 1e-6;

/**
 * P(T > u) for T = Σ Exp(rates[i]), as Σⱼ Σₖ cⱼₖ·Q(k, λⱼu) with Q(k, x) = e^{−x} Σ_{i<k} xⁱ/i!
 * (an Erlang-k survival). cⱼₖ = Aⱼₖ/λⱼᵏ, Aⱼₖ the coefficient of 1/(s+λⱼ)ᵏ in the Laplace
 * transform Π λᵢ^{mᵢ}/(λᵢ+s)^{mᵢ}.
 */
export function hypoexponentialSurvival(rates: readonly number[]): (u: number) => number {
  if (rates.length === 1) {
    const r = rates[0];
    return (u) => Math.exp(-r * u);
  }
  if (rates.length === 2 && distinctPair(rates[0], rates[1])) {
    const [a, b] = rates;
    return (u) => twoStageSurvival(a, b, u);
  }
  const lam: number[] = [];
  const mult: number[] = [];
  for (const r of rates) {
    const j = lam.findIndex((l) => Math.abs(r - l) <= SAME_RATE * r);
    if (j >= 0) {
      lam[j] = (lam[j] * mult[j] + r) / (mult[j] + 1);
      mult[j]++;
    } else {
      lam.push(r);
      mult.push(1);
    }
  }
  const rate: number[] = [];
  const order: number[] = [];
  const coef: number[] = [];
  for (let j = 0; j < lam.length; j++) {
    const m = mult[j];
    // g(s) = (s + λⱼ)^m L(s) = Π λᵢ^{mᵢ} · Π_{i≠j} (λᵢ + s)^{−mᵢ}, and its derivatives at −λⱼ
    // through h = ln g: g^{(n+1)} = Σₖ C(n, k) h^{(k+1)} g^{(n−k)}.
    let g0 = lam[j] ** m;
    for (let i = 0; i < lam.length; i++) if (i !== j) g0 *= (lam[i] / (lam[i] - lam[j])) ** mult[i];
    const h = [0];
    for (let n = 1; n < m; n++) {
      let s = 0;
      for (let i = 0; i < lam.length; i++) if (i !== j) s += mult[i] / (lam[i] - lam[j]) ** n;
      h.push(-((-1) ** (n - 1)) * factorial(n - 1) * s);
    }
    const g = [g0];
    for (let n = 0; n < m - 1; n++) {
      let s = 0;
      for (let k = 0; k <= n; k++) s += binomial(n, k) * h[k + 1] * g[n - k];
      g.push(s);
    }
    for (let k = 1; k <= m; k++) {
      rate.push(lam[j]);
      order.push(k);
      coef.push(g[m - k] / factorial(m - k) / lam[j] ** k);
    }
  }
  return (u) => {
    let surv = 0;
    for (let t = 0; t < rate.length; t++) {
      const x = rate[t] * u;
      let term = 1;
      let partial = 1;
      for (let i = 1; i < order[t]; i++) {
        term *= x / i;
        partial += term;
      }
      surv += coef[t] * Math.exp(-x) * partial;
    }
    return surv;
  };
}

/** Two rates the general method would keep apart. */
export const distinctPair = (a: number, b: number) => Math.abs(b - a) > SAME_RATE * b;

/**
 * Two distinct stages (a wait and a service, the common case): the textbook form, the same
 * coefficients as the general method without its arrays.
 */
export const twoStageSurvival = (a: number, b: number, u: number) => (b / (b - a)) * Math.exp(-a * u) + (a / (a - b)) * Math.exp(-b * u);

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

function binomial(n: number, k: number): number {
  return factorial(n) / (factorial(k) * factorial(n - k));
}
