// The GenAI templates' scenarios tell the story their names promise, by figures nobody here
// chose: the semantic cache's 31 % hits (MeanCache), the spike's factor, and the diffusion
// server's 3.3 s an image (Diffusers' SDXL on an A100) against the GPUs left after a failure.
import { describe, expect, test } from 'vitest';
import { loadTemplate } from '../../../src/templates';
import { restore } from '../../../src/persistence/restore';
import { catalog } from '../../../src/catalog';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import type { Design } from '../../../src/model/design';
import type { ScenarioResult } from '../../../src/simulation/scenario/timeline';

async function run(id: string): Promise<{ design: Design; result: ScenarioResult }> {
  const r = restore(await loadTemplate(id), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  const s = simulateScenario(r.design, { seed: 1 });
  if (!s.ok) throw new Error(s.error);
  return { design: r.design, result: s.result };
}

/** Sum of a series over the buckets starting in [from, to) seconds. */
function over(result: ScenarioResult, xs: (number | null)[], from: number, to: number): number {
  const t = result.timeline.t;
  return xs.reduce<number>((sum, x, i) => (t[i] >= from && t[i] < to ? sum + (x ?? 0) : sum), 0);
}
const buckets = (result: ScenarioResult, from: number, to: number) => result.timeline.t.filter((t) => t >= from && t < to).length;

describe('GenAI template scenarios', () => {
  test('chat assistant: the flushed cache sends every prompt to the LLM, then a lost GPU leaves three', async () => {
    const { result } = await run('chat-assistant');
    const { cache, llm } = result.timeline.nodes;
    const passed = (from: number, to: number) => over(result, llm.arrivalRps.mean, from, to) / over(result, cache.arrivalRps.mean, from, to);
    expect(Math.abs(passed(0, 600) - (1 - 0.31))).toBeLessThan(0.03);
    expect(passed(600, 615)).toBeGreaterThan(0.9);
    expect(over(result, llm.replicas.mean, 1215, 1485) / buckets(result, 1215, 1485)).toBe(3);
    expect(llm.replicas.mean.at(-1)).toBe(4);
  }, 30_000);

  test('RAG assistant: the spike is 1.3 × the load while one vector store replica serves, and the tail grows', async () => {
    const { result } = await run('rag-assistant');
    const tl = result.timeline;
    const rate = (from: number, to: number) => over(result, tl.offeredRps.mean, from, to) / buckets(result, from, to);
    expect(Math.abs(rate(600, 1200) / rate(0, 600) - 1.3)).toBeLessThan(0.07);
    expect(over(result, tl.nodes.vdb.replicas.mean, 715, 1285) / buckets(result, 715, 1285)).toBe(1);
    expect(over(result, tl.p99Ms.mean, 600, 1200) / buckets(result, 600, 1200)).toBeGreaterThan(over(result, tl.p99Ms.mean, 0, 600) / buckets(result, 0, 600));
  }, 30_000);

  test('text-to-image: 1.4 × the load on the 92 GPUs left is past their 92 / 3.3 s, so the SLO is lost until they return', async () => {
    const { design, result } = await run('text-to-image');
    const tl = result.timeline;
    const perImageS = (30 * 110 + 1) / 1000;
    expect(1.4 * 20).toBeGreaterThan(92 / perImageS);
    expect(over(result, tl.nodes.diff.replicas.mean, 615, 885) / buckets(result, 615, 885)).toBe(92);
    expect(result.summary.secondsOverSlo?.mean).toBeGreaterThan(0);
    // Back within the SLO once the GPUs and the usual load are back.
    for (const p of tl.p99Ms.mean.slice(-20)) expect(p!).toBeLessThanOrEqual(design.slo!.p99Ms);
  }, 30_000);
});
