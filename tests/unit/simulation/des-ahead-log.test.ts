// The served-ahead logs between the cuts (engine/ahead-log.ts): from the warm-up's end until
// shortly before the last request, only the calls ending more than LOG_HORIZON_MS after they are
// served are listed. The report must be the one listing every call gives, byte for byte; a
// window that ends too soon after the logs list every call again is run again.
import { describe, expect, it } from 'vitest';
import { simulateDes, type DesOptions } from '../../../src/simulation/des';
import { compileGraph } from '../../../src/simulation/graph';
import { DesEngine } from '../../../src/simulation/des-engine';
import { LOG_HORIZON_MS, keepLogFrom, milestoneCounts } from '../../../src/simulation/des-state';
import type { Design } from '../../../src/model/design';
import { wrap } from './oracle-helpers';

const svc = (meanMs: number, replicas: number, dist = 'lognormal') => ({ replicas, service: { dist, meanMs, cv: 1.5 } });

/** src → gw → {A, B in sequence}, A → leaf; `long`: B's calls take seconds, past the horizon and the run's last stretch. */
function design(rps: number, opts: { uniform?: boolean; second?: number; long?: boolean } = {}): Design {
  const nodes: object[] = [
    { id: 'src', kind: 'client', params: { rps, ...(opts.uniform ? { arrivals: 'uniform' } : {}) } },
    { id: 'gw', kind: 'service', params: { ...svc(0.2, 8, 'exponential'), fanout: 'sequential' } },
    { id: 'A', kind: 'service', params: svc(3, Math.ceil((rps * 3) / 600)) },
    { id: 'B', kind: 'service', params: opts.long ? svc(2000, 400) : svc(30, Math.ceil((rps * 30) / 500)) },
    { id: 'leaf', kind: 'service', params: svc(1, 4) },
  ];
  const edges: object[] = [
    { id: 'e0', source: 'src', target: 'gw', params: { mode: 'sync', networkMs: 20 } },
    { id: 'e1', source: 'gw', target: 'A', params: { mode: 'sync', networkMs: 0.5 } },
    { id: 'e2', source: 'gw', target: 'B', params: { mode: 'sync', networkMs: 0.5 } },
    { id: 'e3', source: 'A', target: 'leaf', params: { mode: 'sync', networkMs: 0.5 } },
    { id: 'e4', source: 'A', target: 'leaf', params: { mode: 'async', networkMs: 2 } },
  ];
  if (opts.second) {
    nodes.push({ id: 'src2', kind: 'client', params: { rps: opts.second } });
    edges.push({ id: 'e5', source: 'src2', target: 'A', params: { mode: 'sync', networkMs: 0.5 } });
  }
  return wrap({ nodes, edges } as never, 'logs');
}

function report(d: Design, opts: DesOptions): string {
  const r = simulateDes(d, { seed: 3, ...opts });
  if (!r.ok) throw new Error(r.error);
  const { wallMs: _, ...rest } = r.report;
  return JSON.stringify(rest);
}

/** The request from which the run's logs list every call again, as the engine is told. */
function from(d: Design, requests: number): number {
  const c = compileGraph(d);
  if (!c.ok) throw new Error(c.error);
  const e = new DesEngine(c.graph, requests, 3, 0.01, 1);
  return keepLogFrom(c.graph.sources, e.nodes.rate, e.nodes.uniform, new Float64Array(c.graph.nodes.length).fill(-1), requests, milestoneCounts(requests, 0.01).warmCount);
}

describe('served-ahead logs between the cuts', () => {
  const cases: [string, Design, number][] = [
    ['Poisson arrivals', design(2000), 60_000],
    ['evenly spaced arrivals', design(1500, { uniform: true }), 40_000],
    ['two sources', design(1200, { second: 400 }), 50_000],
    ['calls longer than the horizon', design(98, { long: true }), 20_000],
  ];
  for (const [what, d, requests] of cases) {
    it(`${what}: the same report as listing every call`, () => {
      // Left out for most of the run: the window's cut is what is tested.
      expect(from(d, requests)).toBeGreaterThan(requests / 2);
      expect(report(d, { requests })).toBe(report(d, { requests, keepLogFrom: 0 }));
    });
  }

  it('a window that ends too soon after the logs list every call again is run again', () => {
    const d = design(2000);
    const requests = 30_000;
    const c = compileGraph(d);
    if (!c.ok) throw new Error(c.error);
    // Two requests before the end: half a millisecond apart at 2,000 rps, far inside the horizon.
    const e = new DesEngine(c.graph, requests, 3, 0.01, 1, { keepLogFrom: requests - 2 });
    while (!e.step(1 << 16));
    expect(e.cutShort).toBe(true);
    const fine = new DesEngine(c.graph, requests, 3, 0.01, 1);
    while (!fine.step(1 << 16));
    expect(fine.cutShort).toBe(false);
    // B's calls last 30 ms or more: many of those the logs left out are in service at the end.
    expect(report(d, { requests, keepLogFrom: requests - 2 })).toBe(report(d, { requests, keepLogFrom: 0 }));
  });

  it('the request it lists every call again from bounds the arrivals within the horizon', () => {
    const rate = new Float64Array([2000, 0, 500]);
    const none = new Uint8Array(3);
    const open = new Float64Array(3).fill(-1);
    // μ = 2,500 × 0.25 = 625 arrivals a horizon; 625 + 8·25 + 40 = 865, one more for the last.
    expect(LOG_HORIZON_MS).toBe(250);
    expect(keepLogFrom([0, 2], rate, none, open, 100_000, 1000)).toBe(100_000 - 866);
    // An evenly spaced source sends at most rate × horizon + 1 in any horizon.
    expect(keepLogFrom([0], rate, new Uint8Array([1, 0, 0]), open, 100_000, 1000)).toBe(100_000 - 542);
    // Closed-loop users: always listed; so is a run too short to leave anything out.
    expect(keepLogFrom([0], rate, none, new Float64Array([5, -1, -1]), 100_000, 1000)).toBe(0);
    expect(keepLogFrom([0], rate, none, open, 700, 7)).toBe(0);
  });
});
