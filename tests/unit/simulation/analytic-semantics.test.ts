// The analytic engine on the rules of docs/simulation.md that the oracle table
// does not pin down on its own: flow conservation (O16), the Erlang-2 edge case of M/M/c,
// sequential and probabilistic calls, dispatch "one", offline connections and cycles.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import { erlangC } from '../../../src/simulation/queue';
import type { Design } from '../../../src/model/design';
import type { Report } from '../../../src/simulation/report';
import { loadOracles, relErr, wrap } from './oracle-helpers';

const ORACLES = loadOracles();

function run(design: Design, loadScale?: number): Report {
  const r = analyze(design, { loadScale });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

type N = { id: string; params: Record<string, unknown> };
type E = { id?: string; source: string; target: string; params?: Record<string, unknown> };
// Components with 100 servers at a few rps never queue (Erlang C < 1e-150): pure service times.
const design = (nodes: N[], edges: E[]) =>
  wrap({ nodes: nodes.map((n) => ({ kind: 'generic', ...n })), edges: edges.map((e, i) => ({ id: e.id ?? `e${i}`, ...e, params: { mode: 'sync', ...e.params } })) } as never);
const exp = (meanMs: number, extra: Record<string, unknown> = {}) => ({ service: { dist: 'exponential', meanMs }, ...extra });

describe('M/M/c response time at θ = cμ − λ = μ (Erlang-2 edge case)', () => {
  // O3's component (4 servers × 10 ms) at 300 rps: θ = 0.4 − 0.3 = 0.1 per ms = μ.
  const at = (rps: number) => {
    const d = structuredClone(ORACLES.get('O3')!.design as Design);
    d.nodes[0].params.rps = rps;
    return run(d);
  };
  it('matches P(T > t) = (1 − C)e^{−μt} + C(1 + μt)e^{−μt}', () => {
    const mu = 0.1;
    // Erlang C by its explicit sum, a different route than the engine's recursion.
    const a = 3;
    let s = 0;
    let term = 1;
    for (let k = 0; k < 4; k++) {
      s += term;
      term *= a / (k + 1);
    }
    const top = (term * 4) / (4 - a);
    const C = top / (s + top);
    expect(relErr(erlangC(4, 3), C)).toBeLessThan(1e-12);
    const surv = (t: number) => (1 - C) * Math.exp(-mu * t) + C * (1 + mu * t) * Math.exp(-mu * t);
    const r = at(300);
    expect(relErr(r.latencyMs.mean!, 1 / mu + C / mu)).toBeLessThan(1e-9);
    for (const [q, v] of [[0.5, r.latencyMs.p50], [0.95, r.latencyMs.p95], [0.99, r.latencyMs.p99]] as const) {
      expect(Math.abs(1 - surv(v!) - q), `p${q * 100}`).toBeLessThan(1e-8);
    }
  });
  it('is continuous on either side of the edge case', () => {
    const mid = at(300).latencyMs.p99!;
    for (const rps of [300 - 1e-3, 300 + 1e-3]) expect(relErr(at(rps).latencyMs.p99!, mid)).toBeLessThan(1e-4);
  });
});

describe('flow conservation and the operational laws (O16)', () => {
  const d = design(
    [
      { id: 'src', params: { rps: 1000 } },
      { id: 'gw', params: exp(0.2, { replicas: 2 }) },
      { id: 'cache', params: exp(0.3, { hitRatio: 0.75 }) },
      { id: 'db', params: exp(2, { concurrency: 2 }) },
      { id: 'rec', params: exp(5, { replicas: 4 }) },
      { id: 'kafka', params: exp(0.5) },
      { id: 'trainer', params: exp(100) },
      { id: 'lb', params: { dispatch: 'one' } },
      { id: 'm1', params: exp(1) },
      { id: 'm2', params: exp(1, { replicas: 2 }) },
    ],
    [
      { source: 'src', target: 'gw' },
      { source: 'gw', target: 'cache' },
      { source: 'cache', target: 'db', params: { networkMs: 1 } },
      { source: 'gw', target: 'rec', params: { probability: 0.3 } },
      { source: 'gw', target: 'kafka', params: { mode: 'async' } },
      { source: 'kafka', target: 'trainer', params: { mode: 'offline' } },
      { source: 'gw', target: 'lb' },
      { source: 'lb', target: 'm1', params: { weight: 1 } },
      { source: 'lb', target: 'm2', params: { weight: 3 } },
    ],
  );
  const r = run(d);
  it('arrivals = callers’ rate × probability (× 1 − hit ratio); async adds load, offline none', () => {
    const want: Record<string, number> = { gw: 1000, cache: 1000, db: 1000 * (1 - 0.75), rec: 1000 * 0.3, kafka: 1000, trainer: 0, lb: 1000, m1: 1000 / 4, m2: (1000 * 3) / 4 };
    for (const [id, rps] of Object.entries(want)) expect(r.nodes[id].arrivalRps, id).toBeCloseTo(rps, 9);
    expect(r.edges.e5).toBeUndefined(); // the offline connection carries nothing
  });
  it('utilization law U = X·E[S]/c and Little L = X·T hold at every component', () => {
    for (const n of d.nodes) {
      const rep = r.nodes[n.id];
      if (!rep) continue;
      const meanMs = (n.params.service as { meanMs?: number } | undefined)?.meanMs ?? 0;
      const c = ((n.params.replicas as number) ?? 1) * ((n.params.concurrency as number) ?? 1);
      expect(rep.utilization, n.id).toBeCloseTo((rep.throughputRps * meanMs) / 1000 / c, 12);
      expect(rep.L!, n.id).toBeCloseTo((rep.throughputRps / 1000) * rep.meanResponseMs!, 12);
    }
  });
  it('maxRps is where the first component reaches utilization 1', () => {
    const at = run(d, (r.maxRps / 1000) * (1 - 1e-9));
    expect(at.stable).toBe(true);
    expect(at.nodes[r.bottleneck!].utilization).toBeCloseTo(1, 6);
    const over = run(d, (r.maxRps / 1000) * 1.001);
    expect(over.stable).toBe(false);
    expect(over.overloaded).toContain(r.bottleneck);
  });
  it('dispatch "one" mixes the branches by weight; an async call adds no latency', () => {
    const one = design(
      [{ id: 's', params: { rps: 10 } }, { id: 'lb', params: { dispatch: 'one' } }, { id: 'a', params: { replicas: 100, service: { dist: 'constant', meanMs: 10 } } }, { id: 'b', params: { replicas: 100, service: { dist: 'constant', meanMs: 30 } } }],
      [{ source: 's', target: 'lb' }, { source: 'lb', target: 'a', params: { weight: 3 } }, { source: 'lb', target: 'b', params: { mode: 'async', weight: 1 } }],
    );
    const x = run(one);
    expect(x.latencyMs.mean).toBeCloseTo(0.75 * 10, 9); // a quarter of requests go async: 0 ms
    expect(x.latencyMs.p50).toBeCloseTo(10, 6);
    expect(x.nodes.b.arrivalRps).toBeCloseTo(2.5, 9);
  });
});

describe('composition along calls', () => {
  const leafs = (fanout: string, p = 1) =>
    design(
      [{ id: 's', params: { rps: 1 } }, { id: 'f', params: { fanout } }, { id: 'a', params: { replicas: 100, service: { dist: 'constant', meanMs: 10 } } }, { id: 'b', params: { replicas: 100, service: { dist: 'constant', meanMs: 30 } } }],
      [{ source: 's', target: 'f' }, { source: 'f', target: 'a', params: { networkMs: 2 } }, { source: 'f', target: 'b', params: { probability: p } }],
    );
  it('sequential calls add up, parallel calls wait for the slowest', () => {
    expect(run(leafs('sequential')).latencyMs.mean).toBeCloseTo(42, 6);
    expect(run(leafs('parallel')).latencyMs.mean).toBeCloseTo(30, 6);
  });
  it('a call made with probability p is a mixture: p99 of the slow branch, mean weighted', () => {
    const r = run(leafs('sequential', 0.5));
    expect(r.latencyMs.mean).toBeCloseTo(12 + 0.5 * 30, 6);
    expect(r.latencyMs.p50).toBeCloseTo(12, 6);
    expect(r.latencyMs.p99).toBeCloseTo(42, 6);
  });
  it('network time before a cache counts on both the hit and the miss path', () => {
    const d = design(
      [
        { id: 's', params: { rps: 1 } },
        { id: 'gw', params: { replicas: 100, service: { dist: 'exponential', meanMs: 1 } } },
        { id: 'cache', params: { replicas: 100, hitRatio: 0.5, service: { dist: 'constant', meanMs: 1 } } },
        { id: 'db', params: { replicas: 100, service: { dist: 'constant', meanMs: 10 } } },
      ],
      [{ source: 's', target: 'gw' }, { source: 'gw', target: 'cache', params: { networkMs: 5 } }, { source: 'cache', target: 'db' }],
    );
    const r = run(d);
    expect(r.latencyMs.mean).toBeCloseTo(1 + 5 + 1 + 0.5 * 10, 6);
    // Half the requests take 6 ms + Exp(1 ms), half 16 ms + Exp(1 ms): the median is 16 ms.
    expect(r.latencyMs.p50).toBeCloseTo(16, 4);
    expect(r.latencyMs.p99).toBeCloseTo(16 - Math.log(0.02), 4);
  });
  it('a tandem of M/M/1 has the exact hypoexponential p99, and a slower stage only adds', () => {
    const base = run(ORACLES.get('O8')!.design as Design);
    const slower = structuredClone(ORACLES.get('O8')!.design as Design);
    slower.nodes[1].params.service = { dist: 'exponential', meanMs: 12 };
    expect(run(slower).latencyMs.p99!).toBeGreaterThan(base.latencyMs.p99!);
  });
  it('a load sweep up to maxRps gives a latency that rises with load (the hockey stick)', () => {
    const d = ORACLES.get('O8')!.design as Design;
    const p99s = [0.2, 0.4, 0.6, 0.8, 0.95].map((f) => run(d, (f * 62.5) / 50).latencyMs.p99!);
    for (let i = 1; i < p99s.length; i++) expect(p99s[i]).toBeGreaterThan(p99s[i - 1]);
    expect(p99s[4] / p99s[0]).toBeGreaterThan(10);
  });
});

describe('edges of the model', () => {
  it('an overloaded component passes on only what it completes', () => {
    const d = design(
      [{ id: 's', params: { rps: 150 } }, { id: 'A', params: exp(10) }, { id: 'B', params: exp(1) }],
      [{ source: 's', target: 'A' }, { source: 'A', target: 'B' }],
    );
    const r = run(d);
    expect(r.stable).toBe(false);
    expect(r.overloaded).toEqual(['A']);
    expect(r.nodes.A.throughputRps).toBeCloseTo(100, 9);
    expect(r.nodes.B.arrivalRps).toBeCloseTo(100, 9);
    expect(r.nodes.B.utilization).toBeCloseTo(0.1, 9);
  });
  it('a rejection fails the user request on a sync path, only the message on an async one', () => {
    const limited = { ...exp(10), queueLimit: 10 };
    const viaSync = run(design([{ id: 's', params: { rps: 120 } }, { id: 'A', params: limited }], [{ source: 's', target: 'A' }]));
    const viaAsync = run(design([{ id: 's', params: { rps: 120 } }, { id: 'A', params: limited }], [{ source: 's', target: 'A', params: { mode: 'async' } }]));
    expect(viaSync.nodes.A.errorRate).toBeGreaterThan(0.1);
    expect(viaAsync.nodes.A.errorRate).toBeCloseTo(viaSync.nodes.A.errorRate, 12);
    expect(viaSync.errorRate).toBeCloseTo(viaSync.nodes.A.errorRate, 12);
    expect(viaAsync.errorRate).toBe(0);
    expect(viaAsync.throughputRps).toBeCloseTo(120, 9);
  });
  it('a source serves none of its own requests: its latency starts with its calls', () => {
    const d = design([{ id: 's', params: { rps: 1, ...exp(50) } }, { id: 'A', params: { replicas: 100, service: { dist: 'constant', meanMs: 3 } } }], [{ source: 's', target: 'A' }]);
    expect(run(d).latencyMs.mean).toBeCloseTo(3, 9);
  });
  it('dispatch "one" with every weight 0 sends nothing and takes no time', () => {
    const d = design([{ id: 's', params: { rps: 1 } }, { id: 'lb', params: { dispatch: 'one' } }, { id: 'A', params: exp(1) }], [{ source: 's', target: 'lb' }, { source: 'lb', target: 'A', params: { weight: 0 } }]);
    const r = run(d);
    expect(r.nodes.A.arrivalRps).toBe(0);
    expect(r.latencyMs).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0 });
  });
});

describe('refused designs', () => {
  it('a cycle through sync/async connections is refused, naming its components', () => {
    const d = design(
      [{ id: 's', params: { rps: 1 } }, { id: 'A', params: exp(1) }, { id: 'B', params: exp(1) }, { id: 'C', params: exp(1) }],
      [{ source: 's', target: 'A' }, { source: 'A', target: 'B' }, { source: 'B', target: 'C', params: { mode: 'async' } }, { source: 'C', target: 'A' }],
    );
    const r = analyze(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/cycle/i);
    for (const id of ['A', 'B', 'C']) expect(r.error).toContain(id);
    expect(new Set(r.cycle)).toEqual(new Set(['A', 'B', 'C']));
  });
  it('the same loop closed by an offline connection is fine', () => {
    const d = design(
      [{ id: 's', params: { rps: 1 } }, { id: 'A', params: exp(1) }, { id: 'B', params: exp(1) }],
      [{ source: 's', target: 'A' }, { source: 'A', target: 'B' }, { source: 'B', target: 'A', params: { mode: 'offline' } }],
    );
    expect(analyze(d).ok).toBe(true);
  });
  it('a negative or non-numeric parameter is an error naming the component', () => {
    const d = design([{ id: 's', params: { rps: 1 } }, { id: 'A', params: { service: { dist: 'exponential', meanMs: -1 } } }], [{ source: 's', target: 'A' }]);
    const r = analyze(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('A');
  });
});
