// A client sending to one LLM server, and the server's configuration as the engines compile it.
import type { Design } from '../../../src/model/design';
import { compileLlm, type LlmConfig } from '../../../src/simulation/llm/config';
import { wrap } from './oracle-helpers';

export function llmDesign(rps: number, llm: Record<string, unknown>, replicas = 1): Design {
  return wrap({
    nodes: [
      { id: 'client', kind: 'client', params: { rps } },
      { id: 'llm', kind: 'llm-server', params: { replicas, service: { dist: 'constant', meanMs: 1 }, llm } },
    ],
    edges: [{ id: 'e', source: 'client', target: 'llm', params: { mode: 'sync' } }],
  } as never, 'llm');
}

export function llmConfig(llm: Record<string, unknown>, replicas = 1): LlmConfig {
  const c = compileLlm({ llm }, replicas);
  if (typeof c !== 'object') throw new Error(String(c));
  return c;
}
