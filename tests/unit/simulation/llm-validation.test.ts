// docs/llm-serving.md's validation table: published measurements of real LLM serving, and what
// the simulator computes for them with its default efficiencies (never tuned per case). The
// table must show exactly what the code computes, and every error must be within the bound
// the document states.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prefillMs, singleRequestMs, staticBatchMs } from '../../../src/simulation/llm/roofline';
import { llmConfig } from './llm-helpers';

interface Case {
  id: string;
  model: string;
  gpu: string;
  tp: number;
  /** ttft: a lone prefill; latency: a static batch's time; throughput: its output tokens/s. */
  figure: 'ttft' | 'latency' | 'throughput';
  batch: number;
  prompt: number;
  output: number;
  measured: number;
}

// TensorRT-LLM's performance page (v0.5 / v0.6.1 tables, A100 FP16) and NVIDIA NeMo's Llama-2
// inference table (A100 80 GB SXM4 and H100 80 GB HBM3, TP 1): see docs/llm-serving.md.
const CASES: Case[] = [
  { id: 'V1', model: 'llama-2-7b', gpu: 'a100-80gb', tp: 1, figure: 'ttft', batch: 1, prompt: 128, output: 1, measured: 16 },
  { id: 'V2', model: 'llama-2-7b', gpu: 'a100-80gb', tp: 1, figure: 'ttft', batch: 1, prompt: 2048, output: 1, measured: 133 },
  { id: 'V3', model: 'llama-2-70b', gpu: 'a100-80gb', tp: 4, figure: 'ttft', batch: 1, prompt: 128, output: 1, measured: 47 },
  { id: 'V4', model: 'llama-2-70b', gpu: 'a100-80gb', tp: 4, figure: 'ttft', batch: 1, prompt: 2048, output: 1, measured: 377 },
  { id: 'V5', model: 'llama-2-7b', gpu: 'a100-80gb', tp: 1, figure: 'throughput', batch: 384, prompt: 128, output: 128, measured: 5586 },
  { id: 'V6', model: 'llama-2-7b', gpu: 'a100-80gb', tp: 1, figure: 'throughput', batch: 60, prompt: 128, output: 2048, measured: 1928 },
  { id: 'V7', model: 'llama-2-7b', gpu: 'a100-80gb', tp: 1, figure: 'throughput', batch: 52, prompt: 2048, output: 128, measured: 591 },
  { id: 'V8', model: 'llama-2-7b', gpu: 'a100-80gb', tp: 1, figure: 'latency', batch: 1, prompt: 128, output: 20, measured: 234.0 },
  { id: 'V9', model: 'llama-2-7b', gpu: 'h100-sxm', tp: 1, figure: 'latency', batch: 1, prompt: 128, output: 20, measured: 153.8 },
  { id: 'V10', model: 'llama-2-7b', gpu: 'a100-80gb', tp: 1, figure: 'latency', batch: 8, prompt: 128, output: 20, measured: 329.5 },
  { id: 'V11', model: 'llama-2-7b', gpu: 'h100-sxm', tp: 1, figure: 'latency', batch: 8, prompt: 128, output: 20, measured: 199.2 },
];

function simulated(k: Case): number {
  const c = llmConfig({ model: k.model, gpu: k.gpu, tp: k.tp });
  if (k.figure === 'ttft') return prefillMs(c, k.prompt);
  if (k.figure === 'latency') return k.batch === 1 ? singleRequestMs(c, k.prompt, k.output).e2eMs : staticBatchMs(c, k.batch, k.prompt, k.output);
  return (k.batch * k.output * 1000) / staticBatchMs(c, k.batch, k.prompt, k.output);
}

const doc = readFileSync(join(import.meta.dirname, '../../../docs/llm-serving.md'), 'utf8');
const num = (s: string) => Number(s.replace(/,/g, ''));
const rows = new Map([...doc.matchAll(/^\| (V\d+) \|.*\| ([\d,.]+) (?:ms|tok\/s) \| ([\d,.]+) (?:ms|tok\/s) \| ([+-]\d+) % \|$/gm)].map((m) => [m[1], { measured: num(m[2]), simulated: num(m[3]), errorPct: Number(m[4]) }]));
const bound = Number(/every error is within ±(\d+) %/.exec(doc)?.[1]);

describe('the validation table of docs/llm-serving.md', () => {
  it('lists every case, and states its error bound', () => {
    expect([...rows.keys()].sort()).toEqual(CASES.map((k) => k.id).sort());
    expect(bound).toBeGreaterThan(0);
  });

  it.each(CASES.map((k) => [k.id, k] as const))('%s shows what the code computes, within the stated bound', (_id, k) => {
    const row = rows.get(k.id)!;
    const sim = simulated(k);
    expect(row.measured).toBe(k.measured);
    const digits = k.figure === 'throughput' ? 0 : 1;
    expect(row.simulated).toBe(Number(sim.toFixed(digits)));
    const err = (sim / k.measured - 1) * 100;
    expect(row.errorPct).toBe(Math.round(err));
    expect(Math.abs(err)).toBeLessThanOrEqual(bound);
  });
});
