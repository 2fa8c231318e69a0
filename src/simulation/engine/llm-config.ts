// What each LLM server's settings give, set once per run (../llm/station.ts works them out):
// its batching, its limits, the lognormal parameters of its prompt and output lengths, and its
// roofline — the rates a step runs at and the weights a step over each batch size reads — with
// the step times and request lengths they give (./llm.ts steps the replicas).
import * as R from './random';
import { copyF64, grew } from './memory';

/** 1: static batching (a batch runs until its longest sequence ends); 0: continuous. */
export let isStatic = new StaticArray<u8>(0);
export let maxSeqs = new StaticArray<i32>(0);
export let kvCapacity = new StaticArray<f64>(0);
/** The longest request that can run: min(model context, KV cache). */
export let limit = new StaticArray<f64>(0);
// Prompt and output lengths: lognormal with this mean and CV (constant at CV 0), as μ and σ.
export let promptMean = new StaticArray<f64>(0);
export let promptCv = new StaticArray<f64>(0);
export let promptMu = new StaticArray<f64>(0);
export let promptSigma = new StaticArray<f64>(0);
export let outMean = new StaticArray<f64>(0);
export let outCv = new StaticArray<f64>(0);
export let outMu = new StaticArray<f64>(0);
export let outSigma = new StaticArray<f64>(0);
// The roofline (../llm/roofline.ts): 2 × active parameters, achieved FLOP and bytes per ms of
// a replica, KV bytes per cached token, the fixed overhead of a step.
export let twoActive = new StaticArray<f64>(0);
export let flopsPerMs = new StaticArray<f64>(0);
export let bytesPerMs = new StaticArray<f64>(0);
export let kvBytes = new StaticArray<f64>(0);
export let overheadMs = new StaticArray<f64>(0);
/** Bytes of weights a step over b sequences reads, at weightsAt[k] + b for b = 0 … maxSeqs. */
export let weightsAt = new StaticArray<i32>(0);
export let weights = new StaticArray<f64>(0);

/** Tables for `components` LLM servers. */
export function allocate(components: i32): void {
  isStatic = new StaticArray<u8>(components);
  maxSeqs = new StaticArray<i32>(components);
  kvCapacity = new StaticArray<f64>(components);
  limit = new StaticArray<f64>(components);
  promptMean = new StaticArray<f64>(components);
  promptCv = new StaticArray<f64>(components);
  promptMu = new StaticArray<f64>(components);
  promptSigma = new StaticArray<f64>(components);
  outMean = new StaticArray<f64>(components);
  outCv = new StaticArray<f64>(components);
  outMu = new StaticArray<f64>(components);
  outSigma = new StaticArray<f64>(components);
  twoActive = new StaticArray<f64>(components);
  flopsPerMs = new StaticArray<f64>(components);
  bytesPerMs = new StaticArray<f64>(components);
  kvBytes = new StaticArray<f64>(components);
  overheadMs = new StaticArray<f64>(components);
  weightsAt = new StaticArray<i32>(components);
  weights = new StaticArray<f64>(0);
}

/** Component k's settings, as ../llm/station.ts works them out. */
export function set(
  k: i32, staticBatch: bool, seqs: i32, kv: f64, longest: f64,
  pMean: f64, pCv: f64, pMu: f64, pSigma: f64, oMean: f64, oCv: f64, oMu: f64, oSigma: f64,
  active2: f64, flops: f64, bytes: f64, kvPerToken: f64, overhead: f64,
): void {
  isStatic[k] = staticBatch ? 1 : 0;
  maxSeqs[k] = seqs;
  kvCapacity[k] = kv;
  limit[k] = longest;
  promptMean[k] = pMean;
  promptCv[k] = pCv;
  promptMu[k] = pMu;
  promptSigma[k] = pSigma;
  outMean[k] = oMean;
  outCv[k] = oCv;
  outMu[k] = oMu;
  outSigma[k] = oSigma;
  twoActive[k] = active2;
  flopsPerMs[k] = flops;
  bytesPerMs[k] = bytes;
  kvBytes[k] = kvPerToken;
  overheadMs[k] = overhead;
  weightsAt[k] = weights.length;
  weights = copyF64(weights, weights.length + seqs + 1);
  grew();
}

/** Bytes of weights a step over `batch` sequences of component k reads. */
export function setWeights(k: i32, batch: i32, bytes: f64): void {
  weights[weightsAt[k] + batch] = bytes;
}

/** A length in tokens: lognormal with the given mean and CV (constant at CV 0), at least 1. */
export function length(mean: f64, cv: f64, mu: f64, sigma: f64): f64 {
  if (cv <= 0) return max(1, Math.round(mean));
  return max(1, Math.round(R.lognormal(mu, sigma)));
}

/** One prefill step over `prompts` prompt tokens of `sequences` requests: 2 FLOP per active parameter per token (../llm/roofline.ts). */
@inline export function prefillMs(k: i32, prompts: f64, sequences: i32): f64 {
  const compute = (twoActive[k] * prompts) / flopsPerMs[k];
  const memory = weights[weightsAt[k] + sequences] / bytesPerMs[k];
  return max(compute, memory) + overheadMs[k];
}

/** The compute time of a decode step of component k over `batch` sequences: the same at every step of a run. */
@inline export function decodeComputeMs(k: i32, batch: i32): f64 {
  return (twoActive[k] * <f64>batch) / flopsPerMs[k];
}

/**
 * One decode step: each of its sequences makes one token, reading `weightBytes` of weights
 * (weights[weightsAt[k] + batch]) and `kvTokens` cached tokens of `kvBytes` each at `bytesPerMs`,
 * unless its compute time (decodeComputeMs) is longer; then the step's overhead. Its terms as
 * arguments, so that a run of steps reads them once (../llm.ts, decodeRun).
 */
@inline export function decodeStepMs(weightBytes: f64, kvTokens: f64, kvBytes: f64, bytesPerMs: f64, computeMs: f64, overheadMs: f64): f64 {
  const memory = (weightBytes + kvTokens * kvBytes) / bytesPerMs;
  return max(memory, computeMs) + overheadMs;
}
