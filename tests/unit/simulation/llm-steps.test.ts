// An LLM replica's decode steps merged into one event while nothing can change them
// (llm/station.ts) against every step an event of its own: the same sample path, figure for
// figure — requests arriving mid-run are admitted at the same step end, by the same replica.
// Cases: continuous batching queueing on four replicas, a KV cache that turns admissions away,
// a static batch, and a scenario that slows the server and takes replicas away mid-run.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import type { Report } from '../../../src/simulation/report';
import type { Scenario } from '../../../src/model/scenario';
import { analyze } from '../../../src/simulation/analytic';
import { llmDesign } from './llm-helpers';

const LLM = { model: 'llama-3.1-8b', gpu: 'h100-sxm', promptTokens: 512, promptCv: 0.5, outputTokens: 128, outputCv: 0.8, maxSeqs: 32 };

function capacity(llm: Record<string, unknown>, replicas: number): number {
  const r = analyze(llmDesign(1, llm, replicas));
  if (!r.ok) throw new Error(r.error);
  return r.report.maxRps;
}

function des(llm: Record<string, unknown>, replicas: number, load: number, stepsPerEvent: number): { report: Report; events: number } {
  const r = simulateDes(llmDesign(load * capacity(llm, replicas), llm, replicas), { requests: 6_000, seed: 11, llmStepsPerEvent: stepsPerEvent });
  if (!r.ok) throw new Error(r.error);
  return { report: r.report, events: r.report.events };
}

/** Every number of the two reports equal to rounding (time-weighted sums cut at other moments differ in the last bits). */
function same(a: unknown, b: unknown, path = 'report'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
    return;
  }
  if (a === null || typeof a !== 'object') return expect(b, path).toEqual(a);
  for (const k of Object.keys(a)) if (k !== 'events' && k !== 'wallMs') same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
}

describe('decode steps merged into one event', () => {
  it('give the step-by-step sample path: four replicas at 80 % of capacity, requests queueing', () => {
    const each = des(LLM, 4, 0.8, 1);
    const merged = des(LLM, 4, 0.8, 64);
    same(each.report, merged.report);
    expect(merged.report.nodes.llm.llm!.ttftMs.p99).toBeGreaterThan(0);
    // Not a vacuous comparison: most steps did not need an event of their own.
    expect(merged.events).toBeLessThan(0.75 * each.events);
  });

  it('… a KV cache too small for the batch, so waiting requests are turned away at step ends', () => {
    // About 18,000 tokens of cache: five requests of 3,600 at a time, well under the 256 allowed.
    const llm = { ...LLM, promptTokens: 3000, outputTokens: 600, maxSeqs: 256, memoryUtilization: 0.23 };
    same(des(llm, 2, 0.9, 1).report, des(llm, 2, 0.9, 64).report);
  });

  it('… static batching, a batch admitted only once the last one is over', () => {
    const llm = { ...LLM, batching: 'static', maxSeqs: 8 };
    same(des(llm, 3, 0.7, 1).report, des(llm, 3, 0.7, 5).report);
  });

  it('… and in a scenario that slows the server and takes two replicas away mid-run', () => {
    const scenario: Scenario = {
      name: 'trouble',
      durationS: 60,
      bucketS: 5,
      events: [
        { type: 'slow', atS: 10, node: 'llm', factor: 1.7, durationS: 20 },
        { type: 'fail', atS: 25, node: 'llm', replicas: 2, durationS: 15 },
      ],
    };
    const design = { ...llmDesign(0.6 * capacity(LLM, 4), LLM, 4), scenario };
    const run = (k: number) => {
      const r = simulateScenario(design, { seed: 4, llmStepsPerEvent: k });
      if (!r.ok) throw new Error(r.error);
      return r.result;
    };
    const each = run(1);
    const merged = run(64);
    same(each.timeline, merged.timeline, 'timeline');
    same(each.summary, merged.summary, 'summary');
    expect(merged.events).toBeLessThan(each.events);
  });
});
