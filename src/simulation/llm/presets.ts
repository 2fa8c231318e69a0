// Published figures the LLM server is built from: each model's shape from its released
// config.json, each accelerator's memory, bandwidth and dense BF16 peak from its vendor's
// datasheet. docs/llm-serving.md lists every source.

export interface ModelPreset {
  name: string;
  /** All parameters (weights held in memory). */
  params: number;
  /** Parameters used per token: all of them, except for a mixture of experts. */
  activeParams: number;
  layers: number;
  hidden: number;
  kvHeads: number;
  headDim: number;
  /** Longest context the released model accepts (max_position_embeddings). */
  maxContext: number;
  /** Mixture of experts: experts per layer, chosen per token, and the parameters of one expert (all layers). */
  experts?: { count: number; topK: number; paramsEach: number };
}

export interface GpuPreset {
  name: string;
  memoryGB: number;
  /** Peak memory bandwidth, bytes/s. */
  bandwidth: number;
  /** Peak dense BF16 tensor throughput, FLOP/s (without structured sparsity). */
  flops: number;
}

export const MODELS = {
  'llama-3.1-8b': { name: 'Llama-3.1-8B', params: 8.03e9, activeParams: 8.03e9, layers: 32, hidden: 4096, kvHeads: 8, headDim: 128, maxContext: 131_072 },
  'llama-3.1-70b': { name: 'Llama-3.1-70B', params: 70.6e9, activeParams: 70.6e9, layers: 80, hidden: 8192, kvHeads: 8, headDim: 128, maxContext: 131_072 },
  'llama-2-7b': { name: 'Llama-2-7B', params: 6.74e9, activeParams: 6.74e9, layers: 32, hidden: 4096, kvHeads: 32, headDim: 128, maxContext: 4096 },
  'llama-2-70b': { name: 'Llama-2-70B', params: 68.98e9, activeParams: 68.98e9, layers: 80, hidden: 8192, kvHeads: 8, headDim: 128, maxContext: 4096 },
  'mistral-7b': { name: 'Mistral-7B', params: 7.24e9, activeParams: 7.24e9, layers: 32, hidden: 4096, kvHeads: 8, headDim: 128, maxContext: 32_768 },
  'qwen2.5-7b': { name: 'Qwen2.5-7B', params: 7.61e9, activeParams: 7.61e9, layers: 28, hidden: 3584, kvHeads: 4, headDim: 128, maxContext: 32_768 },
  'qwen2.5-72b': { name: 'Qwen2.5-72B', params: 72.7e9, activeParams: 72.7e9, layers: 80, hidden: 8192, kvHeads: 8, headDim: 128, maxContext: 32_768 },
  // 8 experts of 3 · 4096 · 14336 weights in each of 32 layers (5.64 B each), 2 chosen per token.
  'mixtral-8x7b': { name: 'Mixtral-8x7B', params: 46.7e9, activeParams: 12.9e9, layers: 32, hidden: 4096, kvHeads: 8, headDim: 128, maxContext: 32_768, experts: { count: 8, topK: 2, paramsEach: 5.637e9 } },
} as const satisfies Record<string, ModelPreset>;

export const GPUS = {
  'h100-sxm': { name: 'H100 SXM 80 GB', memoryGB: 80, bandwidth: 3.35e12, flops: 989e12 },
  h200: { name: 'H200 141 GB', memoryGB: 141, bandwidth: 4.8e12, flops: 989e12 },
  'a100-80gb': { name: 'A100 SXM 80 GB', memoryGB: 80, bandwidth: 2.039e12, flops: 312e12 },
  l4: { name: 'L4 24 GB', memoryGB: 24, bandwidth: 300e9, flops: 121e12 },
  mi300x: { name: 'MI300X 192 GB', memoryGB: 192, bandwidth: 5.3e12, flops: 1307e12 },
} as const satisfies Record<string, GpuPreset>;

export type ModelId = keyof typeof MODELS;
export type GpuId = keyof typeof GPUS;

/** Weights and KV cache in BF16 / FP16. */
export const BYTES_PER_VALUE = 2;
