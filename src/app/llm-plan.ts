// The GPU planner for one LLM server of the design (simulation/llm/plan.ts): how many GPUs, at
// which tensor-parallel degree, meet a TTFT p99 target at a load, and what they cost.
import type { Design } from '../model/design';
import { planGpus, type GpuPlan } from '../simulation/llm/plan';

export type { GpuPlan };

export function planLlmServer(design: Design, id: string, target: { ttftP99Ms: number; rps: number }): GpuPlan {
  const llm = design.nodes.find((n) => n.id === id)?.params.llm;
  if (!llm || typeof llm !== 'object' || Array.isArray(llm)) return { ok: false, error: 'This component is not an LLM server.' };
  return planGpus({ llm: llm as Record<string, unknown>, load: { rps: target.rps }, ttftP99Ms: target.ttftP99Ms });
}
