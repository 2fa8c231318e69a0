// The GenAI kinds' defaults against the published figures they cite (components-catalog/genai/):
// what the simulator makes of them at a light load is the benchmark, not a number chosen here.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog';
import { analyze } from '../../../src/simulation/analytic';
import type { Design } from '../../../src/model/design';

/** A client at `rps` calling one default component of `kind` (and, behind it, a default `next`). */
function pipeline(kind: string, rps: number, next?: string): Design {
  const node = (id: string, k: string, params: object) => ({ id, kind: k, position: { x: 0, y: 0 }, params });
  const nodes = [node('c', 'client', { rps }), node('x', kind, catalog.defaultsFor(kind)!)];
  const edges = [{ id: 'e1', source: 'c', target: 'x', params: { mode: 'sync' as const } }];
  if (next) {
    nodes.push(node('y', next, catalog.defaultsFor(next)!));
    edges.push({ id: 'e2', source: 'x', target: 'y', params: { mode: 'sync' as const } });
  }
  return { format: 'mlsd-design', version: 1, name: kind, notes: {}, nodes, edges } as Design;
}

function report(d: Design) {
  const r = analyze(d);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

describe('GenAI kinds at a light load', () => {
  it('a diffusion server renders SDXL 1024² in 30 steps in the 3.31 s Diffusers measured on an A100', () => {
    const r = report(pipeline('diffusion-server', 0.01));
    expect(Math.abs(r.latencyMs.mean! / 3310 - 1)).toBeLessThan(0.01);
  });

  it('a reranker scores its 50 passages at the 1,800 pairs/s of ms-marco-MiniLM-L-6-v2 (plus its fixed overhead)', () => {
    const r = report(pipeline('reranker', 0.01));
    const perPassageMs = r.latencyMs.mean! / 50;
    expect(perPassageMs).toBeGreaterThanOrEqual(1000 / 1800);
    expect(Math.abs(perPassageMs / (1000 / 1800) - 1)).toBeLessThan(0.1);
  });

  it('an embedding model encodes at most 2,800 texts/s per GPU with full batches', () => {
    const r = report(pipeline('embedding-model', 0.01));
    const perGpu = r.maxRps / (catalog.defaultsFor('embedding-model')!.replicas as number);
    expect(perGpu).toBeLessThanOrEqual(2800);
    expect(perGpu).toBeGreaterThan(2800 * 0.8);
  });

  it('a semantic cache sends only its misses (69 %, MeanCache\'s 31 % repeats answered) to the LLM behind it', () => {
    const r = report(pipeline('semantic-cache', 100, 'model-server-gpu'));
    expect(r.nodes.y.arrivalRps).toBeCloseTo(69, 6);
  });
});
