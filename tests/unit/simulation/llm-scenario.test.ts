// A scenario acts on an LLM server as on any component: losing replicas leaves the rest to
// serve what they can (goodput falls to their capacity, and comes back), a slowdown stretches
// every step, and autoscaling is refused in words (its busy share says nothing about load).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import type { Scenario } from '../../../src/model/scenario';
import { llmDesign } from './llm-helpers';
import { average, values } from './scenario-helpers';

const LLM = { model: 'llama-3.1-8b', gpu: 'h100-sxm', promptTokens: 256, promptCv: 0.5, outputTokens: 32, outputCv: 0.5, maxSeqs: 16 };

/** The four replicas' capacity (requests/s) as the analytic engine finds it. */
function capacity(): number {
  const r = analyze(llmDesign(1, LLM, 4));
  if (!r.ok) throw new Error(r.error);
  return r.report.maxRps;
}

function timeline(rps: number, scenario: Scenario) {
  const r = simulateScenario({ ...llmDesign(rps, LLM, 4), scenario }, { seed: 5 });
  if (!r.ok) throw new Error(r.error);
  return r.result.timeline;
}

/** Average of a series over the buckets starting in [from, to) seconds. */
const over = (t: number[], xs: number[], from: number, to: number) => average(xs.filter((_, i) => t[i] >= from && t[i] < to));

describe('an LLM server in a scenario', () => {
  const C = capacity();

  it('losing two of four replicas caps goodput at the other two’s capacity, and recovers', () => {
    // Offered 70 % of four replicas: 140 % of the two that remain.
    const tl = timeline(0.7 * C, { name: 'fail', durationS: 90, bucketS: 5, events: [{ type: 'fail', atS: 30, node: 'llm', replicas: 2, durationS: 30 }] });
    const good = values(tl.goodputRps);
    const replicas = values(tl.nodes.llm.replicas);
    expect(over(tl.t, replicas, 30, 55)).toBe(2);
    expect(over(tl.t, replicas, 65, 90)).toBe(4);
    expect(Math.abs(over(tl.t, good, 5, 30) / (0.7 * C) - 1)).toBeLessThan(0.1);
    // Two replicas complete at most half the capacity, however long the queue.
    expect(Math.abs(over(tl.t, good, 40, 60) / (0.5 * C) - 1)).toBeLessThan(0.1);
    // Back: the backlog drains at more than the offered rate.
    expect(over(tl.t, good, 60, 75)).toBeGreaterThan(0.7 * C);
  });

  it('a slowdown × 2 doubles the step times, so a lightly loaded server’s latency', () => {
    const tl = timeline(0.1 * C, { name: 'slow', durationS: 90, bucketS: 5, events: [{ type: 'slow', atS: 30, node: 'llm', factor: 2, durationS: 30 }] });
    const mean = tl.meanMs!.mean.map((v) => v ?? NaN);
    const before = over(tl.t, mean, 5, 30);
    const during = over(tl.t, mean, 35, 60);
    const after = over(tl.t, mean, 70, 90);
    expect(during / before).toBeGreaterThan(1.8);
    expect(during / before).toBeLessThan(2.3);
    expect(Math.abs(after / before - 1)).toBeLessThan(0.15);
  });

  it('autoscaling it is refused with a sentence', () => {
    const d = llmDesign(0.1 * C, LLM, 4);
    d.nodes[1].params.autoscale = { min: 1, max: 8, target: 0.6, periodS: 15, delayS: 30 };
    const r = simulateScenario({ ...d, scenario: { name: 'flat', durationS: 30 } }, { seed: 1 });
    expect(r.ok ? '' : r.error).toMatch(/autoscaling an LLM server is not simulated/);
  });
});
