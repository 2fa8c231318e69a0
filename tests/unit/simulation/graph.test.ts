// Compiling a design for simulation: what is simulated, with which fallbacks, in which order.
import { describe, expect, it } from 'vitest';
import { capacityRps, compileGraph, offeredPerUnit } from '../../../src/simulation/graph';
import { wrap } from './oracle-helpers';

const doc = (nodes: { id: string; kind?: string; params?: Record<string, unknown> }[], edges: { source: string; target: string; mode?: string; params?: Record<string, unknown> }[]) =>
  wrap({
    nodes: nodes.map((n) => ({ kind: 'generic', params: {}, ...n })),
    edges: edges.map((e, i) => ({ id: `e${i}`, source: e.source, target: e.target, params: { mode: e.mode ?? 'sync', ...e.params } })),
  } as never);

function compile(d: ReturnType<typeof doc>) {
  const c = compileGraph(d);
  if (!c.ok) throw new Error(c.error);
  return c.graph;
}

describe('compileGraph', () => {
  it('drops frames, notes and offline connections; keeps async ones', () => {
    const g = compile(
      doc(
        [{ id: 's', params: { rps: 5 } }, { id: 'a' }, { id: 'k' }, { id: 't' }, { id: 'frame', kind: 'group' }, { id: 'note', kind: 'note' }],
        [{ source: 's', target: 'a' }, { source: 'a', target: 'k', mode: 'async' }, { source: 'k', target: 't', mode: 'offline' }, { source: 'a', target: 'note' }],
      ),
    );
    expect(g.nodes.map((n) => n.id)).toEqual(['s', 'a', 'k', 't']);
    expect(g.edges.map((e) => [g.nodes[e.from].id, g.nodes[e.to].id, e.mode])).toEqual([['s', 'a', 'sync'], ['a', 'k', 'async']]);
    expect(g.sources.map((i) => g.nodes[i].id)).toEqual(['s']);
  });

  it('resolves the engine fallbacks: one server, exponential service, probability and weight 1', () => {
    const g = compile(doc([{ id: 's', params: { rps: 5 } }, { id: 'a', params: { service: { meanMs: 4 } } }], [{ source: 's', target: 'a' }]));
    const a = g.nodes[1];
    expect(a).toMatchObject({ servers: 1, replicas: 1, dist: 'exponential', cv: 1, meanMs: 4, dispatch: 'all', fanout: 'parallel', hitRatio: 0, queueLimit: null, batch: null });
    expect(g.edges[0]).toMatchObject({ probability: 1, weight: 1, networkMs: 0 });
  });

  it('servers are replicas × concurrency; items per request lengthen the service', () => {
    const g = compile(doc([{ id: 'a', params: { replicas: 3, concurrency: 4, itemsPerRequest: 500, perItemMs: 0.01, service: { dist: 'constant', meanMs: 2 } } }], []));
    expect(g.nodes[0].servers).toBe(12);
    expect(g.nodes[0].meanMs).toBeCloseTo(7, 12);
    expect(g.nodes[0].cv).toBe(0);
  });

  it('orders callers before callees', () => {
    const g = compile(doc([{ id: 'c' }, { id: 'b' }, { id: 'a', params: { rps: 1 } }, { id: 'd' }], [{ source: 'b', target: 'c' }, { source: 'a', target: 'b' }, { source: 'a', target: 'd' }, { source: 'd', target: 'c' }]));
    const pos = new Map(g.order.map((u, i) => [g.nodes[u].id, i]));
    for (const e of g.edges) expect(pos.get(g.nodes[e.from].id)!).toBeLessThan(pos.get(g.nodes[e.to].id)!);
  });

  it('handles a chain thousands deep without recursion', () => {
    const n = 20000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, params: i === 0 ? { rps: 1 } : {} }));
    const edges = nodes.slice(1).map((x, i) => ({ source: `n${i}`, target: x.id }));
    const g = compile(doc(nodes, edges));
    expect(g.order.map((u) => g.nodes[u].id)).toEqual(nodes.map((x) => x.id));
  });

  it('refuses a cycle and names the components on it, by label', () => {
    const d = doc([{ id: 's', params: { rps: 1 } }, { id: 'x' }, { id: 'y' }, { id: 'z' }], [{ source: 's', target: 'x' }, { source: 'x', target: 'y' }, { source: 'y', target: 'z', mode: 'async' }, { source: 'z', target: 'y' }]);
    d.nodes[3].label = 'Feature updater';
    const c = compileGraph(d);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.cycle).toEqual(['y', 'Feature updater', 'y']);
    expect(c.error).toContain('y → Feature updater → y');
  });

  it('refuses out-of-range numbers with the component or connection named', () => {
    const bad = compileGraph(doc([{ id: 'a', params: { hitRatio: 1.5 } }], []));
    expect(bad.ok || bad.error).toMatch(/a: hitRatio/);
    const badEdge = compileGraph(doc([{ id: 'a' }, { id: 'b' }], [{ source: 'a', target: 'b', params: { probability: 2 } }]));
    expect(badEdge.ok || badEdge.error).toMatch(/a → b: probability/);
  });

  it('compiles routing once: shares by probability or by weight, flat call tables, capacity and offered flow', () => {
    const g = compile(
      doc(
        [
          { id: 's', params: { rps: 100 } },
          { id: 'lb', params: { dispatch: 'one' } },
          { id: 'a', params: { replicas: 2, service: { meanMs: 10 } } },
          { id: 'b', params: { service: { meanMs: 4 }, batch: { maxSize: 8, perItemMs: 0.5 } } },
        ],
        [
          { source: 's', target: 'lb', params: { probability: 0.5 } },
          { source: 'lb', target: 'a', params: { weight: 1 } },
          { source: 'lb', target: 'b', params: { weight: 3 } },
        ],
      ),
    );
    expect(g.edges.map((e) => e.share)).toEqual([0.5, 0.25, 0.75]);
    const r = g.routes;
    const lb = 1;
    expect(Array.from(r.to.subarray(r.outStart[lb], r.outStart[lb + 1])).map((v) => g.nodes[v].id)).toEqual(['a', 'b']);
    expect(Array.from(r.cumShare.subarray(r.outStart[lb], r.outStart[lb + 1]))).toEqual([0.25, 1]);
    expect(capacityRps(g.nodes[2])).toBeCloseTo(200, 9);
    // Full batches of 8 take 4 + 7 × 0.5 ms: 8 requests per 7.5 ms.
    expect(capacityRps(g.nodes[3])).toBeCloseTo(8000 / 7.5, 9);
    const { lambda, total } = offeredPerUnit(g);
    expect(total).toBe(100);
    expect(Array.from(lambda)).toEqual([0, 50, 12.5, 37.5]);
  });
});
