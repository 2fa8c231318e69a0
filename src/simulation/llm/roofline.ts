// The roofline of one replica (docs/llm-serving.md): a step takes the longer of the time to
// read what it must read from memory and the time to do its arithmetic, each at the
// accelerator's peak times an efficiency (MBU for bandwidth, MFU for FLOP/s), across its
// tensor-parallel GPUs, plus a fixed per-step overhead.
import type { LlmConfig } from './config';
import { BYTES_PER_VALUE, type ModelPreset } from './presets';

/** K and V of every layer for one token: 2 · layers · KV heads · head dim · bytes. */
export function kvBytesPerToken(m: ModelPreset, bytes = BYTES_PER_VALUE): number {
  return 2 * m.layers * m.kvHeads * m.headDim * bytes;
}

export function weightBytes(m: ModelPreset, bytes = BYTES_PER_VALUE): number {
  return m.params * bytes;
}

/**
 * Weights a decode step of `batch` sequences reads. A dense model reads all of them; a mixture
 * of experts reads its shared weights and each expert some token of the batch chose, expected
 * 1 − (1 − topK/count)^batch of them when tokens choose independently.
 */
export function weightsReadBytes(m: ModelPreset, batch: number): number {
  const e = 'experts' in m ? m.experts : undefined;
  if (!e) return weightBytes(m);
  const shared = m.params - e.count * e.paramsEach;
  const touched = e.count * (1 - Math.pow(1 - e.topK / e.count, Math.max(1, batch)));
  return (shared + touched * e.paramsEach) * BYTES_PER_VALUE;
}

/** Achieved bytes per millisecond and FLOP per millisecond of one replica. */
const bytesPerMs = (c: LlmConfig) => (c.gpu.bandwidth * c.tp * c.mbu) / 1000;
const flopsPerMs = (c: LlmConfig) => (c.gpu.flops * c.tp * c.mfu) / 1000;

/** One prefill step over `tokens` prompt tokens (of one or several requests): 2 FLOP per active parameter per token. */
export function prefillMs(c: LlmConfig, tokens: number, sequences = 1): number {
  const compute = (2 * c.model.activeParams * tokens) / flopsPerMs(c);
  const memory = weightsReadBytes(c.model, sequences) / bytesPerMs(c);
  return Math.max(compute, memory) + c.stepOverheadMs;
}

/** One decode step: `batch` sequences each make one token, reading the weights and `kvTokens` cached tokens. */
export function decodeStepMs(c: LlmConfig, batch: number, kvTokens: number): number {
  const memory = (weightsReadBytes(c.model, batch) + kvTokens * kvBytesPerToken(c.model)) / bytesPerMs(c);
  const compute = (2 * c.model.activeParams * batch) / flopsPerMs(c);
  return Math.max(memory, compute) + c.stepOverheadMs;
}

/** A request alone on a replica: its prefill, then one decode step per further token, each reading one more cached token. */
export function singleRequestMs(c: LlmConfig, prompt: number, output: number): { ttftMs: number; e2eMs: number } {
  const ttftMs = prefillMs(c, prompt);
  let e2eMs = ttftMs;
  for (let k = 1; k < output; k++) e2eMs += decodeStepMs(c, 1, prompt + k);
  return { ttftMs, e2eMs };
}

/** A static batch of `batch` equal requests admitted together: one prefill of all prompts, then decode steps until the last token. */
export function staticBatchMs(c: LlmConfig, batch: number, prompt: number, output: number): number {
  let ms = prefillMs(c, batch * prompt, batch);
  for (let k = 1; k < output; k++) ms += decodeStepMs(c, batch, batch * (prompt + k));
  return ms;
}
