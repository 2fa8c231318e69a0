// One component as a queue: c identical servers, one FIFO queue, arrivals at rate λ with
// squared coefficient of variation ca2. Exact where theory is (M/M/c, M/G/1, D/M/1, M/M/c/K),
// two-moment approximations elsewhere (Allen–Cunneen with the Krämer–Langenbach-Belz factor),
// and M/H2/c solved exactly for highly variable services on several servers (mh2c.ts).
import type { SimNode } from './graph';
import { closure, expSum, fitted, fromCdf, mixture, ownCdfOf, point, sum, withHeavy, type Dist } from './dist';
import { gammaP } from './special';
import { erlangC, mmck } from './erlang';
import { h2Balanced, h2ThreeMoments, mh2cWait } from './mh2c';

export { erlangC };

export interface QueueResult {
  /** Offered load per server (λ·E[S]/c); ≥ 1 without a queue limit means overload. */
  rho: number;
  utilization: number;
  stable: boolean;
  waitMs: number;
  responseMs: number;
  /** Response time (wait + service) at this component. */
  response: Dist;
  /** Share of arrivals rejected by the queue limit. */
  blockProb: number;
  /** Squared coefficient of variation of the departures (QNA), for what comes next. */
  cd2: number;
}

/** Raw moments E[S], E[S²], E[S³] of the service time. */
export function serviceMoments(node: SimNode, mean = node.meanMs): [number, number, number] {
  if (node.dist === 'constant') return [mean, mean ** 2, mean ** 3];
  if (node.dist === 'exponential') return [mean, 2 * mean ** 2, 6 * mean ** 3];
  const f = 1 + node.cv * node.cv;
  return [mean, mean ** 2 * f, mean ** 3 * f ** 3];
}

function serviceDist(node: SimNode, mean: number): Dist {
  if (node.dist === 'exponential') return expSum([1 / mean]);
  if (node.dist === 'constant') return point(mean);
  // The lognormal itself (a lognormal fit of its own moments), flagged heavy from cv 1, where
  // later two-moment fits of sums should be lognormal rather than gamma (docs/analytic-notes.md §2).
  return withHeavy(fitted(0, mean, (node.cv * mean) ** 2, true), node.cv >= 1);
}

export function analyzeQueue(node: SimNode, lambdaPerMs: number, ca2: number): QueueResult {
  const mean = node.meanMs;
  if (mean <= 0 || lambdaPerMs <= 0) {
    return { rho: 0, utilization: 0, stable: true, waitMs: 0, responseMs: mean, response: mean > 0 ? serviceDist(node, mean) : point(0), blockProb: 0, cd2: ca2 };
  }
  const c = node.servers;
  const cs2 = node.cv * node.cv;
  const rho = (lambdaPerMs * mean) / c;
  const cd2 = 1 + (1 - rho * rho) * (ca2 - 1) + (rho * rho * (cs2 - 1)) / Math.sqrt(c);
  if (node.queueLimit !== null) return limited(node, lambdaPerMs, rho, ca2);
  if (rho >= 1) {
    return { rho, utilization: 1, stable: false, waitMs: Infinity, responseMs: Infinity, response: point(Infinity), blockProb: 0, cd2: 1 };
  }
  const mu = 1 / mean;
  const poisson = Math.abs(ca2 - 1) < 1e-9;
  const theta = c * mu - lambdaPerMs;
  let waitMs: number;
  let response: Dist;
  // Erlang C only in the branches that read it: its log-space recursion is a good part of the flow pass.
  if (poisson && node.dist === 'exponential') {
    const C = erlangC(c, lambdaPerMs * mean);
    waitMs = C / theta;
    response = c === 1 ? expSum([theta]) : mmcResponse(mu, theta, C);
  } else if (poisson && c === 1) {
    const [, s2, s3] = serviceMoments(node);
    waitMs = (lambdaPerMs * s2) / (2 * (1 - rho)); // Pollaczek–Khinchine
    const w2 = 2 * waitMs * waitMs + (lambdaPerMs * s3) / (3 * (1 - rho)); // Takács
    const variance = w2 - waitMs * waitMs + (s2 - mean * mean);
    // P(wait) = ρ in M/G/1; the positive wait has the moments E[W]/ρ and E[W²]/ρ.
    response = node.dist === 'constant' ? mdOneResponse(lambdaPerMs, mean, rho, waitMs, variance) : waitThenServe(node, rho, waitMs / rho, w2 / rho - (waitMs / rho) ** 2);
  } else if (!poisson && c === 1 && node.dist === 'exponential' && ca2 < 1e-9) {
    // D/M/1: σ solves σ = exp(−μ(1−σ)/λ); the response time is exponential with rate μ(1−σ).
    let sigma = rho;
    for (let i = 0; i < 200; i++) sigma = Math.exp((-mu * (1 - sigma)) / lambdaPerMs);
    waitMs = sigma / (mu * (1 - sigma));
    response = expSum([mu * (1 - sigma)]);
  } else if (usesH2(node, ca2)) {
    // Highly variable service on several servers: M/H2/c, solved exactly (mh2c.ts) — when the
    // wait is first read: the solve is most of a flow pass, and a caller after the rates and
    // stability alone (the discrete-event report) never reads it.
    // Other arrivals: the M/G/c wait times Allen–Cunneen's ratio between GI/G/c and M/G/c,
    // (ca² + cs²)/(1 + cs²) with the Krämer–Langenbach-Belz factor; smoother arrivals find all
    // servers busy less often, so the ratio goes to P(wait) (the rest, past 1, to its length).
    let solved: { waitMs: number; response: Dist } | undefined;
    const solve = () => {
      if (solved) return solved;
      const w = h2Wait(node, c, lambdaPerMs);
      const klb = ca2 < 1 ? Math.exp((-2 * (1 - rho) * (1 - ca2) ** 2) / (3 * rho * (ca2 + cs2))) : 1;
      const wait = w.pw * w.mean * ((ca2 + cs2) / (1 + cs2)) * klb;
      const pw = Math.max(1e-9, Math.min(1, wait / w.mean));
      const wPlus = wait / pw;
      return (solved = { waitMs: wait, response: waitThenServe(node, pw, wPlus, w.cv2 * wPlus * wPlus) });
    };
    return {
      rho, utilization: rho, stable: true, blockProb: 0, cd2: Math.max(0, cd2),
      get waitMs() { return solve().waitMs; },
      get responseMs() { return solve().waitMs + mean; },
      get response() { return solve().response; },
    };
  } else {
    const klb = ca2 < 1 ? Math.exp((-2 * (1 - rho) * (1 - ca2) ** 2) / (3 * rho * (ca2 + cs2) || 1)) : 1;
    const C = erlangC(c, lambdaPerMs * mean);
    waitMs = (C / theta) * ((ca2 + cs2) / 2) * klb;
    const pw = Math.max(1e-9, Math.min(1, C));
    const wPlus = waitMs / pw;
    response = waitThenServe(node, pw, wPlus, wPlus * wPlus * waitShape(node, lambdaPerMs, rho));
  }
  return { rho, utilization: rho, stable: true, waitMs, responseMs: waitMs + mean, response, blockProb: 0, cd2: Math.max(0, cd2) };
}

/** Up to this many servers a high-variability service gets the M/H2/c wait (its cost grows as c⁴). */
export const MAX_H2_SERVERS = 16;

/** Whether a station's wait comes from M/H2/c: a lognormal service with cs² > 1 on 2…MAX_H2_SERVERS servers. */
export function usesH2(node: SimNode, ca2: number): boolean {
  return node.cv > 1 && node.dist === 'lognormal' && node.servers > 1 && node.servers <= MAX_H2_SERVERS;
}
type HeavyWait = { pw: number; mean: number; cv2: number };
/**
 * Solved points by station shape (servers, E[S²], E[S³]) and load, dimensionless (see h2Wait):
 * maps keyed by the numbers themselves, as formatting them into a string key costs more than
 * the lookup saves.
 */
const h2Cache = new Map<number, Map<number, Map<number, Map<number, HeavyWait>>>>();
let h2Cached = 0;
function h2Points(c: number, m2: number, m3: number): Map<number, HeavyWait> {
  let byM2 = h2Cache.get(c);
  if (!byM2) h2Cache.set(c, (byM2 = new Map()));
  let byM3 = byM2.get(m2);
  if (!byM3) byM2.set(m2, (byM3 = new Map()));
  let byLoad = byM3.get(m3);
  if (!byLoad) byM3.set(m3, (byLoad = new Map()));
  return byLoad;
}
/** Loads solved on a grid of this step, interpolated between: a load sweep reuses them. */
const GRID = 64;

/**
 * The wait of M/G/c with a highly variable (lognormal) service, from two H2 fits of the service
 * solved exactly (mh2c.ts): the two-moment, balanced-means fit overstates the lognormal's mean
 * wait and the three-moment fit — which puts the far tail into a rare, huge phase — understates
 * it (Gupta et al. 2010: two moments do not determine the M/G/c wait). P(wait) and the mean
 * positive wait are taken at their geometric means, the positive wait's shape (cv²) from the
 * three-moment fit; docs/accuracy.md has the measured error. Time scales out (E[S] = 1), and
 * the smooth ratios P(wait)/Erlang C, mean positive wait × (cμ − λ) and cv² are solved at
 * loads k/GRID and interpolated (cubic Lagrange) between; near saturation solved where asked.
 */
function h2Wait(node: SimNode, c: number, lambda: number): HeavyWait {
  const [s1, s2, s3] = serviceMoments(node);
  const rho = (lambda * s1) / c;
  const shape = h2Points(c, s2 / (s1 * s1), s3 / (s1 * s1 * s1));
  const x = rho * GRID;
  // Below the second grid point, extrapolated from the first four (the ratios are smooth down to ρ = 0).
  const i = Math.max(2, Math.floor(x));
  let r: HeavyWait;
  if (i > GRID - 3) r = normalizedWait(shape, c, s2 / (s1 * s1), s3 / (s1 * s1 * s1), rho);
  else {
    r = { pw: 0, mean: 0, cv2: 0 };
    for (let j = i - 1; j <= i + 2; j++) {
      let w = 1;
      for (let m = i - 1; m <= i + 2; m++) if (m !== j) w *= (x - m) / (j - m);
      const p = normalizedWait(shape, c, s2 / (s1 * s1), s3 / (s1 * s1 * s1), j / GRID);
      r.pw += w * p.pw;
      r.mean += w * p.mean;
      r.cv2 += w * p.cv2;
    }
  }
  const C = erlangC(c, c * rho);
  return { pw: Math.min(1, r.pw * C), mean: (r.mean * s1) / (c * (1 - rho)), cv2: Math.max(0, r.cv2) };
}

/** The ratios of h2Wait at load ρ for a service of mean 1 with the given E[S²], E[S³]. */
function normalizedWait(shape: Map<number, HeavyWait>, c: number, m2: number, m3: number, rho: number): HeavyWait {
  const hit = shape.get(rho);
  if (hit) return hit;
  const lambda = rho * c;
  const two = mh2cWait(c, lambda, h2Balanced(1, m2 - 1));
  const fit3 = h2ThreeMoments(1, m2, m3);
  const three = fit3 ? mh2cWait(c, lambda, fit3) : two;
  const mean2 = two.w1 / two.pw;
  const mean3 = three.w1 / three.pw;
  const w = {
    pw: Math.sqrt(two.pw * three.pw) / erlangC(c, lambda),
    mean: Math.sqrt(mean2 * mean3) * (c - lambda),
    cv2: three.w2 / three.pw / (mean3 * mean3) - 1,
  };
  if (h2Cached >= 4096) {
    h2Cache.clear();
    h2Cached = 0;
    shape = h2Points(c, m2, m3);
  }
  h2Cached++;
  shape.set(rho, w);
  return w;
}

/**
 * Squared cv of a positive wait in G/G/c with constant service, from the M/D/1 with the same
 * load and the service sped up c times (the "fast single server", which for exponential
 * service is exact: M/M/c's positive wait is Exp(cμ − λ), M/M/1's at rate cμ):
 * Takács's E[W²] = 2E[W]² + λE[S³]/(3(1−ρ)), each moment of the positive wait the
 * unconditional one over ρ. Below 1: a constant service makes the wait less variable.
 */
function waitShape(node: SimNode, lambda: number, rho: number): number {
  if (node.dist !== 'constant') return 1;
  const c = node.servers;
  const [, s2, s3] = serviceMoments(node);
  const w1 = (lambda * s2) / (c * c * 2 * (1 - rho));
  const w2 = 2 * w1 * w1 + (lambda * s3) / (c * c * c * 3 * (1 - rho));
  return w2 / rho / (w1 / rho) ** 2 - 1;
}

/**
 * Response = wait + service, independent under FIFO: the service alone with probability
 * 1 − pw, else a positive wait (given by its mean and variance) plus the service. Keeping the
 * no-wait part exact matters: it is where the median of a lightly loaded queue lies.
 */
function waitThenServe(node: SimNode, pw: number, wPlusMean: number, wPlusVar: number): Dist {
  const service = serviceDist(node, node.meanMs);
  if (!(wPlusMean > 0) || pw <= 0) return service;
  const cv2 = wPlusVar / (wPlusMean * wPlusMean);
  const wait = Math.abs(cv2 - 1) < 1e-9 ? expSum([1 / wPlusMean]) : fitted(0, wPlusMean, Math.max(0, wPlusVar), cv2 > 1.5 * 1.5);
  const waited = sum(wait, service);
  return pw >= 1 ? waited : mixture([{ w: 1 - pw, d: service }, { w: pw, d: waited }]);
}

/** M/M/c response: P(T > t) = (1−C)e^{−μt} + C[θe^{−μt} − μe^{−θt}]/(θ−μ) (Erlang-2 form at θ = μ). */
function mmcResponse(mu: number, theta: number, C: number): Dist {
  const mean = 1 / mu + C / theta;
  const second = 2 / (mu * mu) + (2 * C) / (mu * theta) + (2 * C) / (theta * theta);
  const same = Math.abs(theta - mu) < 1e-9 * mu;
  return fromCdf(mean, second - mean * mean, (t) => {
    if (t <= 0) return 0;
    const waited = same ? Math.exp(-mu * t) * (1 + mu * t) : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
    return 1 - (1 - C) * Math.exp(-mu * t) - C * waited;
  });
}

/** M/D/1: Erlang's series for the waiting time, exact while λt stays small enough for doubles. */
function mdOneResponse(lambda: number, D: number, rho: number, waitMs: number, variance: number): Dist {
  const tail = fitted(0, waitMs + D, variance, false);
  const cdf = closure((t: number) => {
    const w = t - D;
    if (w < 0) return 0;
    if (lambda * w > 14) return tail.cdf(t);
    let s = 0;
    for (let k = 0; k <= Math.floor(w / D); k++) {
      const x = lambda * (k * D - w);
      s += Math.exp(k * Math.log(Math.abs(x) || 1e-300) - logFactorial(k) - x) * (k % 2 === 0 || x >= 0 ? 1 : -1);
    }
    return Math.min(1, Math.max(0, (1 - rho) * s));
  });
  return fromCdf(waitMs + D, variance, cdf, false, D);
}

function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/** Up to this many states, a single-server exponential queue limit keeps its exact Erlang mixture. */
const EXACT_STATES = 64;

/**
 * A queue limit: the M/M/c/K birth–death chain with K = c + queueLimit (exact for Poisson
 * arrivals and exponential service; other services use their mean, an approximation). Stable
 * at any load: past capacity the excess is rejected (`erlang.ts` keeps every sum finite).
 */
function limited(node: SimNode, lambda: number, rho: number, ca2: number): QueueResult {
  const c = node.servers;
  const mean = node.meanMs;
  const Q = node.queueLimit ?? 0;
  const chain = mmck(c, lambda * mean, Q);
  const block = chain.block;
  // An admitted request waits with probability waitProb, then j + 1 services at rate cμ.
  const nu = c / mean;
  const j = chain.ahead;
  const w1 = (chain.waitProb * (j.mean + 1)) / nu;
  const w2 = (chain.waitProb * (j.variance + (j.mean + 1) * (j.mean + 2))) / (nu * nu);
  const T = w1 + mean; // = L/X (Little), without forming L
  let response: Dist;
  if (c === 1 && node.dist === 'exponential' && Q + 1 <= EXACT_STATES) {
    // An admitted arrival finding n ahead leaves after n + 1 services: Erlang(n + 1, μ), with
    // P(n) ∝ ρ^n for n < K (weights taken relative to the largest, in logs).
    const logRho = Math.log(rho);
    const top = logRho > 0 ? Q * logRho : 0;
    const parts = Array.from({ length: Q + 1 }, (_, n) => ({ w: Math.exp(n * logRho - top), d: fromCdf((n + 1) * mean, (n + 1) * mean * mean, (t) => gammaP(n + 1, t / mean)) }));
    const mixed = mixture(parts, EXACT_STATES);
    response = fromCdf(T, mixed.variance, ownCdfOf(mixed));
  } else {
    response = fitted(0, T, Math.max(0, w2 - w1 * w1) + (node.cv * mean) ** 2, node.cv > 1.5);
  }
  // Departures (QNA) from the carried utilization: a station rejecting its excess passes on at most its capacity.
  const u = chain.busy / c;
  const cd2 = 1 + (1 - u * u) * (ca2 - 1) + (u * u * (node.cv * node.cv - 1)) / Math.sqrt(c);
  return { rho, utilization: u, stable: true, waitMs: w1, responseMs: T, response, blockProb: block, cd2: Math.max(0, cd2) };
}
