// The GPU planner: the fewest replicas that meet a TTFT p99 target, checked against the
// analytic model one replica below and against the discrete-event engine at the plan.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { simulateDes } from '../../../src/simulation/des';
import { planGpus } from '../../../src/simulation/llm/plan';
import { monthlyCost } from '../../../src/simulation/planning';
import { llmDesign } from './llm-helpers';

const chat = { model: 'llama-3.1-8b', gpu: 'h100-sxm' };

describe('GPU planner', () => {
  it('finds the fewest H100s for 200 chat requests/s at TTFT p99 ≤ 60 ms, and prices them', () => {
    const plan = planGpus({ llm: chat, load: { rps: 200 }, ttftP99Ms: 60 });
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.tp).toBe(1);
    const p99 = (replicas: number) => {
      const r = analyze(llmDesign(200, chat, replicas));
      if (!r.ok) throw new Error(r.error);
      return r.report.stable ? r.report.nodes.llm.llm!.ttftMs.p99! : Infinity;
    };
    expect(p99(plan.replicas)).toBeLessThanOrEqual(60);
    expect(p99(plan.replicas - 1)).toBeGreaterThan(60);
    expect(plan.gpus).toBe(plan.replicas);
    expect(plan.usdPerHour).toBeCloseTo(plan.gpus * 2.99, 9);
    expect(plan.usdPerMonth).toBeCloseTo(plan.usdPerHour * 730, 9);
    // The discrete-event engine agrees that the plan meets the target.
    const d = simulateDes(llmDesign(200, chat, plan.replicas), { requests: 40_000, seed: 3 });
    if (!d.ok) throw new Error(d.error);
    expect(d.report.nodes.llm.llm!.ttftMs.p99!).toBeLessThan(60 * 1.1);
  });

  it('spreads a 70B model over at least two 80 GB GPUs per replica', () => {
    const plan = planGpus({ llm: { model: 'llama-3.1-70b', gpu: 'h100-sxm' }, load: { rps: 5 }, ttftP99Ms: 500 });
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.tp).toBeGreaterThanOrEqual(2);
    expect(plan.gpus).toBe(plan.tp * plan.replicas);
  });

  it('serves N users who think between requests at the rate their loop settles to (X = N / (Z + R))', () => {
    const plan = planGpus({ llm: chat, load: { users: 2000, thinkMs: 30_000 }, ttftP99Ms: 100 });
    if (!plan.ok) throw new Error(plan.error);
    const e2e = analyze(llmDesign(plan.rps, chat, plan.replicas));
    if (!e2e.ok) throw new Error(e2e.error);
    const R = e2e.report.nodes.llm.meanResponseMs! / 1000;
    expect(plan.rps).toBeCloseTo(2000 / (30 + R), 1);
  });

  it('says why when no replica count can meet the target', () => {
    const plan = planGpus({ llm: chat, load: { rps: 10 }, ttftP99Ms: 1 });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.error).toMatch(/cannot meet the targets at any replica count: even alone a request's TTFT p99 is \d+ ms/);
  });

  it('puts an LLM server in the monthly bill at its GPUs times the hourly price, 730 hours a month', () => {
    const d = llmDesign(10, { model: 'llama-3.1-70b', gpu: 'h100-sxm', tp: 4, gpuHourUsd: 2.5 }, 3);
    expect(monthlyCost(d).perNode.llm).toBeCloseTo(3 * 4 * 2.5 * 730, 9);
  });
});
