// An LLM server's parameters (`params.llm`, docs/llm-serving.md) read into the numbers both
// engines use. What is left out takes the catalog's default.
import { BYTES_PER_VALUE, GPUS, MODELS, type GpuPreset, type ModelPreset } from './presets';
import { kvBytesPerToken, singleRequestMs } from './roofline';

export interface LlmConfig {
  model: ModelPreset;
  gpu: GpuPreset;
  /** GPUs per replica (tensor parallel). */
  tp: number;
  replicas: number;
  /** Continuous: sequences join and leave between steps (Orca, vLLM). Static: a batch runs until its longest sequence ends. */
  batching: 'continuous' | 'static';
  maxSeqs: number;
  promptTokens: number;
  promptCv: number;
  outputTokens: number;
  outputCv: number;
  mfu: number;
  mbu: number;
  memoryUtilization: number;
  stepOverheadMs: number;
  gpuHourUsd: number;
  /** KV-cache tokens one replica holds after its weights. */
  kvCapacity: number;
}

/** What `params.llm` means when a field is left out: the llm-server catalog defaults. */
export const LLM_DEFAULTS = {
  model: 'llama-3.1-8b',
  gpu: 'h100-sxm',
  tp: 1,
  maxSeqs: 256,
  promptTokens: 161,
  promptCv: 1,
  outputTokens: 338,
  outputCv: 1,
  mfu: 0.5,
  mbu: 0.7,
  memoryUtilization: 0.9,
  stepOverheadMs: 0,
  gpuHourUsd: 2.99,
} as const;

type Fields = Omit<LlmConfig, 'model' | 'gpu' | 'replicas' | 'kvCapacity' | 'batching'>;

/**
 * The server's configuration, undefined when the component has no `llm` parameters, or a
 * sentence saying why it cannot run (the model does not fit its GPUs).
 */
export function compileLlm(params: Record<string, unknown>, replicas: number): LlmConfig | string | undefined {
  const raw = params.llm;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const p = raw as Record<string, unknown>;
  const modelId = typeof p.model === 'string' && Object.hasOwn(MODELS, p.model) ? p.model : LLM_DEFAULTS.model;
  const gpuId = typeof p.gpu === 'string' && Object.hasOwn(GPUS, p.gpu) ? p.gpu : LLM_DEFAULTS.gpu;
  if (typeof p.model === 'string' && modelId !== p.model) return `llm.model "${p.model}" is not one of ${Object.keys(MODELS).join(', ')}.`;
  if (p.batching !== undefined && p.batching !== 'continuous' && p.batching !== 'static') return `llm.batching must be continuous or static (got ${String(p.batching)}).`;
  if (typeof p.gpu === 'string' && gpuId !== p.gpu) return `llm.gpu "${p.gpu}" is not one of ${Object.keys(GPUS).join(', ')}.`;
  const f = {} as Record<keyof Fields, number>;
  for (const key of Object.keys(LLM_DEFAULTS) as (keyof typeof LLM_DEFAULTS)[]) {
    if (key === 'model' || key === 'gpu') continue;
    const v = p[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) return `llm.${key} must be a finite number ≥ 0 (got ${String(v)}).`;
    f[key] = typeof v === 'number' ? v : LLM_DEFAULTS[key];
  }
  for (const key of ['mfu', 'mbu', 'memoryUtilization'] as const) {
    if (!(f[key] > 0 && f[key] <= 1)) return `llm.${key} must be above 0 and at most 1 (got ${f[key]}).`;
  }
  const model = MODELS[modelId as keyof typeof MODELS];
  const gpu = GPUS[gpuId as keyof typeof GPUS];
  const tp = Math.max(1, Math.floor(f.tp));
  const free = gpu.memoryGB * 1e9 * f.memoryUtilization * tp - model.params * BYTES_PER_VALUE;
  const kvCapacity = Math.floor(free / kvBytesPerToken(model));
  if (kvCapacity < 1) {
    const need = (model.params * BYTES_PER_VALUE) / 1e9;
    return `${model.name} needs ${need.toFixed(0)} GB for its weights; ${tp} × ${gpu.name} at ${Math.round(f.memoryUtilization * 100)} % hold ${(gpu.memoryGB * f.memoryUtilization * tp).toFixed(0)} GB. Raise llm.tp or choose a larger accelerator.`;
  }
  return {
    model,
    gpu,
    tp,
    replicas,
    batching: p.batching === 'static' ? 'static' : 'continuous',
    maxSeqs: Math.max(1, Math.floor(f.maxSeqs)),
    promptTokens: Math.max(1, f.promptTokens),
    promptCv: f.promptCv,
    outputTokens: Math.max(1, f.outputTokens),
    outputCv: f.outputCv,
    mfu: f.mfu,
    mbu: f.mbu,
    memoryUtilization: f.memoryUtilization,
    stepOverheadMs: f.stepOverheadMs,
    gpuHourUsd: f.gpuHourUsd,
    kvCapacity,
  };
}

/**
 * What an LLM server is to the rest of the simulator: one server per replica, and as its
 * service time a lone mean request's prefill and decode (for anything that reads only that).
 */
export function llmNodeFields(c: LlmConfig) {
  const meanMs = singleRequestMs(c, Math.round(c.promptTokens), Math.round(c.outputTokens)).e2eMs;
  return { llm: c, servers: c.replicas, meanMs, dist: 'constant' as const, cv: 0, batch: null };
}
