// An LLM server's parameters as a person may write them: defaults filled in, and a sentence
// naming the field for anything the engines cannot run.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { simulateDes } from '../../../src/simulation/des';
import { LLM_DEFAULTS } from '../../../src/simulation/llm/config';
import { llmConfig, llmDesign } from './llm-helpers';
import catalogKind from '../../../components-catalog/genai/llm-server.json';

describe('LLM server parameters', () => {
  it('take the catalog defaults for every field left out', () => {
    const { model, gpu, batching, ...numbers } = catalogKind.defaults.llm;
    expect({ model, gpu }).toEqual({ model: LLM_DEFAULTS.model, gpu: LLM_DEFAULTS.gpu });
    expect(batching).toBe('continuous');
    const c = llmConfig({});
    for (const [k, v] of Object.entries(numbers)) expect(c[k as keyof typeof c], k).toBe(v);
  });

  it.each([
    [{ model: 'gpt-5' }, /llm\.model "gpt-5" is not one of llama-3\.1-8b/],
    [{ gpu: 'tpu' }, /llm\.gpu "tpu" is not one of h100-sxm/],
    [{ mbu: 0 }, /llm\.mbu must be above 0 and at most 1/],
    [{ outputTokens: -3 }, /llm\.outputTokens must be a finite number ≥ 0/],
    [{ batching: 'dynamic' }, /llm\.batching must be continuous or static/],
  ])('refuse %o in both engines with a sentence naming the field', (llm, message) => {
    const a = analyze(llmDesign(1, llm));
    const d = simulateDes(llmDesign(1, llm), { requests: 10 });
    expect(a.ok).toBe(false);
    expect(d.ok).toBe(false);
    if (!a.ok) expect(a.error).toMatch(message);
    if (!d.ok) expect(d.error).toMatch(message);
  });
});
