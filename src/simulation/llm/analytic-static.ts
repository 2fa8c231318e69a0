// Static (request-level) batching, analytically (docs/llm-serving.md §Analytic): a replica takes
// the requests waiting when it frees up, up to its limit, and runs them until the longest output
// ends. The batch size b is the fixed point of b = λ · T(b), the requests that arrive while a
// batch of b runs, T(b) being a prefill of b prompts and decode steps up to the longest of b
// outputs (their expected maximum, integrated over the lognormal lengths).
import { gaussLegendre, normalCdf } from '../special';
import type { LlmConfig } from './config';
import { decodeStepMs, prefillMs } from './roofline';

/** ∫ g(z) dz over the normal variable z of a lognormal with mean m and CV cv (Gauss–Legendre on [−10, 12]). */
function overZ(g: (z: number, x: number, s: number) => number, m: number, cv: number): number {
  const s = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(m) - (s * s) / 2;
  const { x, w } = gaussLegendre(96);
  const lo = -10;
  const hi = 12;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const z = lo + ((x[i] + 1) * (hi - lo)) / 2;
    sum += w[i] * g(z, Math.exp(mu + s * z), s);
  }
  return (sum * (hi - lo)) / 2;
}

/** E[f(X)] for X lognormal with mean m and CV cv (f(m) at CV 0). */
export function lognormalMean(m: number, cv: number, f: (x: number) => number): number {
  if (cv <= 0) return f(m);
  return overZ((z, x) => (f(x) * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI), m, cv);
}

/** E[max of b output lengths]: ∫ (1 − F(x)^b) dx, over z with x = e^(μ + σz). */
export function expectedLongest(c: LlmConfig, b: number): number {
  if (c.outputCv <= 0 || b <= 1) return c.outputTokens;
  return overZ((z, x, s) => (1 - Math.pow(normalCdf(z), b)) * s * x, c.outputTokens, c.outputCv);
}

/** One static batch of b requests: its prefill, then decode steps for all b until the longest output. */
export function staticBatchTimeMs(c: LlmConfig, b: number): { prefill: number; total: number; step: number } {
  const p = c.promptTokens;
  const longest = expectedLongest(c, b);
  const prefill = prefillMs(c, b * p, b);
  const step = decodeStepMs(c, b, b * (p + longest / 2));
  return { prefill, step, total: prefill + Math.max(0, longest - 1) * step };
}

/** The largest batch: the sequence limit, or what the KV cache holds at mean lengths. */
export function staticMaxBatch(c: LlmConfig): number {
  return Math.max(1, Math.min(c.maxSeqs, Math.floor(c.kvCapacity / (c.promptTokens + c.outputTokens))));
}

export function staticCapacityRps(c: LlmConfig): number {
  const B = staticMaxBatch(c);
  return ((c.replicas * B) / staticBatchTimeMs(c, B).total) * 1000;
}

/** Mean batch, wait, TTFT, TPOT and end to end per request at `lambdaPerMs` (stable load only). */
export function staticFigures(c: LlmConfig, lambdaPerMs: number) {
  const lr = lambdaPerMs / c.replicas;
  const B = staticMaxBatch(c);
  let lo = 1;
  let hi = B;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (lr * staticBatchTimeMs(c, mid).total > mid) lo = mid;
    else hi = mid;
  }
  const b = (lo + hi) / 2;
  const t = staticBatchTimeMs(c, b);
  // A request arriving while a batch runs waits for its rest: half of it, on average.
  const busy = Math.min(1, (lr * t.total) / b);
  const wait = (busy * t.total) / 2;
  return { batch: b, wait, ttft: wait + t.prefill, tpot: t.step, e2e: wait + t.total, busy };
}
