// Setting up a run allocates in the engine's memory (the LLM servers' replicas, the timers'
// queues of every connection with timeouts), and memory that grows detaches every view
// JavaScript holds on it: what the set-up writes after that must go through views made afresh.
// An LLM server of 3,000 replicas grows the memory while it is set up (its replicas' planned
// step ends alone take 1.5 MB); its run must still know which component is the LLM server.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { wrap } from './oracle-helpers';

const design = wrap({
  nodes: [
    { id: 'src', kind: 'client', params: { rps: 20 } },
    { id: 'gw', kind: 'service', params: { replicas: 4, service: { dist: 'exponential', meanMs: 1 } } },
    { id: 'cache', kind: 'service', params: { replicas: 2, service: { dist: 'exponential', meanMs: 2 } } },
    { id: 'llm', kind: 'llm-server', params: { replicas: 3000, service: { dist: 'constant', meanMs: 1 }, llm: { model: 'llama-3.1-8b', gpu: 'h100-sxm', promptTokens: 64, outputTokens: 8 } } },
  ],
  edges: [
    { id: 'in', source: 'src', target: 'gw', params: { mode: 'sync' } },
    { id: 'c', source: 'gw', target: 'cache', params: { mode: 'sync', timeoutMs: 500 } },
    { id: 'l', source: 'gw', target: 'llm', params: { mode: 'sync', timeoutMs: 5000 } },
  ],
} as never);

describe('a run whose set-up grows the engine memory', () => {
  it('still serves the LLM server token by token and the others by their service times', () => {
    const r = simulateDes(design, { requests: 4000, seed: 3 });
    if (!r.ok) throw new Error(r.error);
    const { nodes } = r.report;
    expect(nodes.llm.llm?.ttftMs.mean).toBeGreaterThan(0);
    expect(nodes.cache.llm).toBeUndefined();
    expect(nodes.gw.llm).toBeUndefined();
    // Every request calls both, and a 2 ms service answers well within its 500 ms timeout.
    expect(nodes.cache.arrivalRps).toBeCloseTo(nodes.llm.arrivalRps, 6);
    expect(nodes.cache.meanResponseMs).toBeLessThan(20);
    expect(r.report.resilience?.failures.timedOut ?? 0).toBe(0);
  });
});
