// The LLM server's physics against numbers fixed by published configs and datasheets: KV-cache
// bytes of Llama-3.1-70B, and the memory-bandwidth roofline no decode step may beat.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { MODELS } from '../../../src/simulation/llm/presets';
import { decodeStepMs, kvBytesPerToken, singleRequestMs } from '../../../src/simulation/llm/roofline';
import { compileLlm } from '../../../src/simulation/llm/config';
import { llmConfig, llmDesign } from './llm-helpers';

describe('KV cache', () => {
  it('Llama-3.1-70B in BF16 holds 327,680 bytes per token: 1.34 GB at 4,096 tokens, 42.9 GB at 131,072', () => {
    // 80 layers, 8 KV heads, head dim 128 (the model's config.json), K and V, 2 bytes each.
    const b = kvBytesPerToken(MODELS['llama-3.1-70b']);
    expect(b).toBe(327_680);
    expect((b * 4096) / 1e9).toBeCloseTo(1.342, 3);
    expect((b * 131_072) / 1e9).toBeCloseTo(42.95, 2);
  });

  it('caps a replica at what its memory holds after the weights, and refuses a model that does not fit', () => {
    const c = llmConfig({ model: 'llama-3.1-70b', gpu: 'h100-sxm', tp: 2, memoryUtilization: 0.9 });
    // 2 × 80 GB × 0.9 = 144 GB, less 141.2 GB of weights, over 327,680 B a token.
    expect(c.kvCapacity).toBe(Math.floor((144e9 - 70.6e9 * 2) / 327_680));
    const refused = compileLlm({ llm: { model: 'llama-3.1-70b', gpu: 'h100-sxm', tp: 1 } }, 1);
    expect(refused).toMatch(/Llama-3\.1-70B needs 141 GB .* Raise llm\.tp/);
  });
});

describe('the bandwidth roofline', () => {
  it('an 8B model in BF16 on a 3.35 TB/s accelerator decodes at most ~210 tokens/s at batch 1', () => {
    const ideal = llmConfig({ model: 'llama-3.1-8b', gpu: 'h100-sxm', mbu: 1, mfu: 1 });
    const bound = 3.35e12 / (8.03e9 * 2); // 208.6 tokens/s
    expect(bound).toBeLessThan(210);
    expect(1000 / decodeStepMs(ideal, 1, 1)).toBeLessThanOrEqual(bound);
    // And a lone request never produces tokens faster than that, however long it runs.
    const { ttftMs, e2eMs } = singleRequestMs(ideal, 100, 500);
    expect(499 / ((e2eMs - ttftMs) / 1000)).toBeLessThanOrEqual(bound);
  });

  it.each([1, 8, 64, 256])('the discrete-event server with at most %i sequences never beats the roofline', (maxSeqs) => {
    // Offered far more than it can serve: it runs full batches. Even at MBU = MFU = 1 a step
    // reads every weight once (tokens/s ≤ batch · bandwidth / weights) and does 2 FLOP per
    // parameter per token (tokens/s ≤ FLOP/s / (2 · parameters)).
    const llm = { model: 'llama-3.1-8b', gpu: 'h100-sxm', mbu: 1, mfu: 1, maxSeqs, promptTokens: 200, promptCv: 0.5, outputTokens: 100, outputCv: 0.5 };
    const r = simulateDes(llmDesign(400, llm), { requests: 6000, seed: 7 });
    if (!r.ok) throw new Error(r.error);
    const tokensPerS = r.report.nodes.llm.llm!.tokensPerS;
    const weights = 8.03e9 * 2;
    const roofline = Math.min((maxSeqs * 3.35e12) / weights, 989e12 / (2 * 8.03e9));
    expect(tokensPerS).toBeGreaterThan(0);
    expect(tokensPerS).toBeLessThanOrEqual(roofline);
  });

  it('below capacity, every token after the first still waits at least one full read of the weights', () => {
    const llm = { model: 'llama-3.1-8b', gpu: 'h100-sxm', mbu: 1, mfu: 1, promptTokens: 200, outputTokens: 100 };
    const r = simulateDes(llmDesign(30, llm), { requests: 6000, seed: 7 });
    if (!r.ok) throw new Error(r.error);
    expect(r.report.stable).toBe(true);
    expect(r.report.nodes.llm.llm!.tpotMs!).toBeGreaterThanOrEqual(((8.03e9 * 2) / 3.35e12) * 1000);
  });
});
