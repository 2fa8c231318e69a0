// The discrete-event LLM server against closed forms: a lone request's prefill and decode from
// the datasheet, queueing waits from M/D/1 and M/D/c, and continuous against static batching.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { erlangC } from '../../../src/simulation/erlang';
import { singleRequestMs } from '../../../src/simulation/llm/roofline';
import { llmConfig, llmDesign } from './llm-helpers';
import { relErr } from './oracle-helpers';

const run = (rps: number, llm: Record<string, unknown>, requests: number, replicas = 1, seed = 11) => {
  const r = simulateDes(llmDesign(rps, llm, replicas), { requests, seed });
  if (!r.ok) throw new Error(r.error);
  return r.report;
};

describe('a lone request', () => {
  it('takes exactly its prefill, then one bandwidth-bound decode step per further token', () => {
    // Llama-3.1-8B on an H100 at MFU 0.5, MBU 0.7; 512 prompt tokens, 64 output tokens.
    const llm = { model: 'llama-3.1-8b', gpu: 'h100-sxm', promptTokens: 512, promptCv: 0, outputTokens: 64, outputCv: 0 };
    const weights = 8.03e9 * 2;
    const kvPerToken = 2 * 32 * 8 * 128 * 2;
    const bandwidth = 3.35e12 * 0.7;
    const prefill = Math.max((2 * 8.03e9 * 512) / (989e12 * 0.5), weights / bandwidth) * 1000;
    let decode = 0;
    for (let k = 1; k < 64; k++) decode += ((weights + (512 + k) * kvPerToken) / bandwidth) * 1000;
    // One request every 100 s: none ever meets another.
    const r = run(0.01, llm, 300);
    const figures = r.nodes.llm.llm!;
    expect(relErr(figures.ttftMs.mean!, prefill)).toBeLessThan(1e-9);
    expect(relErr(figures.e2eMs.mean!, prefill + decode)).toBeLessThan(1e-9);
    expect(relErr(figures.tpotMs!, decode / 63)).toBeLessThan(1e-9);
    expect(r.nodes.llm.meanWaitMs).toBe(0);
    expect(relErr(singleRequestMs(llmConfig(llm), 512, 64).e2eMs, prefill + decode)).toBeLessThan(1e-12);
  });
});

describe('queueing waits at moderate load', () => {
  // One sequence at a time and fixed lengths: each replica is a deterministic server.
  const llm = { model: 'llama-3.1-8b', gpu: 'h100-sxm', maxSeqs: 1, promptTokens: 128, promptCv: 0, outputTokens: 32, outputCv: 0 };
  const S = singleRequestMs(llmConfig(llm), 128, 32).e2eMs;

  it('one replica waits as M/D/1 (Pollaczek–Khinchine) within 5 %', () => {
    const rho = 0.6;
    const r = run((rho / S) * 1000, llm, 120_000);
    const expected = (rho * S) / (2 * (1 - rho));
    expect(relErr(r.nodes.llm.meanWaitMs!, expected)).toBeLessThan(0.05);
  });

  it('three replicas share one queue and wait as M/D/3 (Cosmetatos) within 5 %', () => {
    const c = 3;
    const rho = 0.7;
    const lambda = (c * rho) / S; // per ms
    const mmc = (erlangC(c, lambda * S) * S) / (c * (1 - rho));
    // Cosmetatos (1975): W(M/D/c) ≈ ½ W(M/M/c) · [1 + (1 − ρ)(c − 1)(√(4 + 5c) − 2) / (16ρc)].
    const expected = 0.5 * mmc * (1 + ((1 - rho) * (c - 1) * (Math.sqrt(4 + 5 * c) - 2)) / (16 * rho * c));
    const r = run(lambda * 1000, llm, 150_000, c);
    expect(relErr(r.nodes.llm.meanWaitMs!, expected)).toBeLessThan(0.05);
  });
});

describe('continuous against static batching, the same workload', () => {
  // Chat lengths (ShareGPT means, CV 1) on Llama-3.1-8B / H100, at most 64 sequences.
  const base = { model: 'llama-3.1-8b', gpu: 'h100-sxm', maxSeqs: 64, promptTokens: 161, promptCv: 1, outputTokens: 338, outputCv: 1 };

  it('serves several times the tokens per second when saturated (Orca, Anyscale: several-fold)', () => {
    const cont = run(200, { ...base, batching: 'continuous' }, 8000).nodes.llm.llm!.tokensPerS;
    const stat = run(200, { ...base, batching: 'static' }, 8000).nodes.llm.llm!.tokensPerS;
    expect(cont / stat).toBeGreaterThan(2);
    expect(cont / stat).toBeLessThan(40);
  });

  it('and answers the median request sooner at a load both sustain', () => {
    const cont = run(1, { ...base, batching: 'continuous' }, 8000);
    const stat = run(1, { ...base, batching: 'static' }, 8000);
    expect(stat.stable && cont.stable).toBe(true);
    expect(cont.nodes.llm.llm!.e2eMs.p50!).toBeLessThan(stat.nodes.llm.llm!.e2eMs.p50!);
  });
});
