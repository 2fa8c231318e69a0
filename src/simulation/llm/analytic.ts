// The analytic LLM server (docs/llm-serving.md §Analytic): per replica, prefills form an
// M/G/1 queue that goes first at every step boundary (DistServe models the prefill phase as
// M/D/1), and the decode batch b is the fixed point of Little's law: b = λ · (n − 1) · TPOT(b),
// where TPOT(b) is the decode step at batch b stretched by the time prefills take.
import { fitted, point, quantile, type Dist } from '../dist';
import { erlangC } from '../erlang';
import type { QueueResult } from '../queue';
import type { LatencySummary, LlmReport } from '../report';
import type { LlmConfig } from './config';
import { decodeStepMs, prefillMs } from './roofline';
import { lognormalMean, staticCapacityRps, staticFigures } from './analytic-static';

export interface LlmAnalysis {
  queue: QueueResult;
  report: LlmReport;
  /** Mean running sequences per replica. */
  batch: number;
}

/** Mean prompt and output lengths, and the mean context of a running sequence (longer outputs run longer: length-biased). */
function workload(c: LlmConfig) {
  const p = c.promptTokens;
  const n = c.outputTokens;
  return { p, n, ctx: p + (n * (1 + c.outputCv * c.outputCv)) / 2 };
}

/** The most sequences a replica runs at once: its limit, or what its KV cache holds at mean lengths. */
export function maxBatch(c: LlmConfig): number {
  const { p, n } = workload(c);
  return Math.max(1, Math.min(c.maxSeqs, c.kvCapacity / (p + n)));
}

const stepAt = (c: LlmConfig, b: number, ctx: number) => decodeStepMs(c, Math.max(1, b), Math.max(1, b) * ctx);

/** Mean and variance of a lone prefill over the prompt lengths (its floor, a read of the weights, makes it no linear function of them). */
function prefillMoments(c: LlmConfig): { mean: number; variance: number } {
  const mean = lognormalMean(c.promptTokens, c.promptCv, (p) => prefillMs(c, p));
  const second = lognormalMean(c.promptTokens, c.promptCv, (p) => prefillMs(c, p) ** 2);
  return { mean, variance: Math.max(0, second - mean * mean) };
}

/** Requests per second the component completes at most (all replicas, full batches). */
export function llmCapacityRps(config: LlmConfig, replicas = config.replicas): number {
  const c = replicas === config.replicas ? config : { ...config, replicas };
  if (c.batching === 'static') return staticCapacityRps(c);
  const { n, ctx } = workload(c);
  const D = prefillMoments(c).mean;
  if (n <= 1) return (c.replicas / D) * 1000;
  const B = maxBatch(c);
  return ((c.replicas * B) / ((n - 1) * stepAt(c, B, ctx) + B * D)) * 1000;
}

/** `replicas`: the component's count where a planner tries another than the design's. */
export function analyzeLlm(config: LlmConfig, lambdaPerMs: number, replicas = config.replicas): LlmAnalysis {
  const c = replicas === config.replicas ? config : { ...config, replicas };
  const { p, n, ctx } = workload(c);
  const lr = lambdaPerMs / c.replicas;
  const { mean: D, variance: varD } = prefillMoments(c);
  const capacity = llmCapacityRps(c);
  const load = capacity > 0 ? (lambdaPerMs * 1000) / capacity : Infinity;
  const gpus = c.replicas * c.tp;
  const rhoP = lr * D;
  if (load >= 1 || rhoP >= 1) {
    const none: LatencySummary = { mean: null, p50: null, p95: null, p99: null };
    const tokensPerS = capacity * n;
    const queue: QueueResult = { rho: load, utilization: 1, stable: false, waitMs: Infinity, responseMs: Infinity, response: point(Infinity), blockProb: 0, cd2: 1 };
    return { queue, batch: maxBatch(c), report: { ttftMs: none, tpotMs: null, e2eMs: none, tokensPerS, gpus, usdPerMTokens: cost(gpus, c.gpuHourUsd, tokensPerS) } };
  }
  if (c.batching === 'static') return staticAnalysis(c, lambdaPerMs, load, gpus);
  // The share of time prefills take: λ · prefill(mean prompt). A lone prefill is convex in its
  // prompt (it never takes less than a read of the weights), but prompts that arrive during a
  // step are prefilled together and share that read; the two roughly cancel (docs/llm-serving.md).
  const share = lr * prefillMs(c, p);
  const b = n > 1 ? decodeBatch(c, lr, n, ctx, share) : 0;
  const step = stepAt(c, b, ctx);
  const tpot = step / (1 - share);
  // A prefill waits for the prompts ahead of it, in the one queue all replicas take from (M/G/c,
  // Allen–Cunneen: the M/M/c wait times (1 + CV²)/2), and for the step under way on the replica
  // that frees first: of c replicas decoding at independent phases, 1/(c + 1) of a step.
  const decodeShare = n > 1 ? Math.min(1 - share, (lr * (n - 1) * step) / Math.max(1, b)) : 0;
  const r = c.replicas;
  const rhoQ = Math.min(0.999999, lr * D);
  const queued = ((erlangC(r, r * rhoQ) * D) / (r * (1 - rhoQ))) * ((1 + varD / (D * D)) / 2);
  const wait = queued + (decodeShare * step) / (r + 1) / (1 - share);
  const busy = Math.min(1, share + decodeShare);
  const varWait = busy > 0 ? Math.max(0, (2 * wait * wait) / busy - wait * wait) : 0;
  const ttft = fitted(0, wait + D, varWait + varD, c.promptCv >= 1);
  const e2eMean = wait + D + (n - 1) * tpot;
  const e2e = fitted(0, e2eMean, varWait + varD + (tpot * c.outputCv * n) ** 2, c.outputCv >= 1);
  const tokensPerS = lambdaPerMs * 1000 * n;
  const queue: QueueResult = { rho: load, utilization: load, stable: true, waitMs: wait, responseMs: e2eMean, response: e2e, blockProb: 0, cd2: 1 };
  return {
    queue,
    batch: b,
    report: { ttftMs: summary(ttft), tpotMs: n > 1 ? tpot : null, e2eMs: summary(e2e), tokensPerS, gpus, usdPerMTokens: cost(gpus, c.gpuHourUsd, tokensPerS) },
  };
}

function staticAnalysis(c: LlmConfig, lambdaPerMs: number, load: number, gpus: number): LlmAnalysis {
  const f = staticFigures(c, lambdaPerMs);
  const ttft = fitted(0, f.ttft, f.ttft * f.ttft, false);
  const e2e = fitted(0, f.e2e, f.e2e * f.e2e * (1 / 3 + c.outputCv * c.outputCv / (1 + c.outputCv * c.outputCv)), false);
  const tokensPerS = lambdaPerMs * 1000 * c.outputTokens;
  const queue: QueueResult = { rho: load, utilization: load, stable: true, waitMs: f.wait, responseMs: f.e2e, response: e2e, blockProb: 0, cd2: 1 };
  return { queue, batch: f.batch, report: { ttftMs: summary(ttft), tpotMs: f.tpot, e2eMs: summary(e2e), tokensPerS, gpus, usdPerMTokens: cost(gpus, c.gpuHourUsd, tokensPerS) } };
}

/** Little's law for the decode phase, b = λ · (n − 1) · step(b) / (1 − prefill share), by bisection (the step grows slower than b). */
function decodeBatch(c: LlmConfig, lr: number, n: number, ctx: number, share: number): number {
  let lo = 0;
  let hi = maxBatch(c);
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if ((lr * (n - 1) * stepAt(c, mid, ctx)) / (1 - share) > mid) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Dollars per million output tokens at the GPUs' hourly price. */
export function cost(gpus: number, gpuHourUsd: number, tokensPerS: number): number | null {
  return tokensPerS > 0 ? ((gpus * gpuHourUsd) / 3600 / tokensPerS) * 1e6 : null;
}

function summary(d: Dist): LatencySummary {
  return { mean: d.mean, p50: quantile(d, 0.5), p95: quantile(d, 0.95), p99: quantile(d, 0.99) };
}
