import { describe, expect, it } from 'vitest';
import { levelOf, noLoad, toMetrics, toTraffic, type NodeMetrics } from '../../../src/app/sim-view';
import { emptyDesign, type Design } from '../../../src/model/design';
import { addNodes, connect, connectNodes, setReplicas } from '../../../src/model/commands';
import type { NodeReport, Report } from '../../../src/simulation/report';
import { readFileSync } from 'node:fs';
import { analyze } from '../../../src/simulation/analytic';
import { simulateDes } from '../../../src/simulation/des';

const nodeReport = (utilization: number, p99Ms: number | null): NodeReport => ({
  arrivalRps: 100, throughputRps: 100, utilization, meanWaitMs: 1, meanResponseMs: 2, p99Ms, errorRate: 0, rejectedRps: 0, L: 0.2,
});

const metrics = (m: Partial<NodeMetrics>): NodeMetrics => ({ utilization: 0.5, p99Ms: 1, overloaded: false, saturated: false, rejected: 0, bottleneck: false, ...m });

function report(nodes: Record<string, NodeReport>, extra: Partial<Report> = {}): Report {
  return {
    mode: 'analytic', stable: true, throughputRps: 100, errorRate: 0,
    latencyMs: { mean: 2, p50: 1, p95: 5, p99: 9 }, maxRps: 500, bottleneck: 'b', overloaded: [], saturated: [],
    nodes, edges: {}, sources: { users: { rps: 100, latencyMs: { mean: 2, p50: 1, p95: 5, p99: 9 } } }, events: 0, wallMs: 0, ...extra,
  };
}

describe('canvas metrics', () => {
  it('colours by utilization bands, and overload is red whatever the number says', () => {
    const m = (utilization: number, overloaded = false) => levelOf(metrics({ utilization, overloaded }));
    expect([m(0), m(0.69), m(0.7), m(0.89), m(0.9), m(1.4)]).toEqual(['green', 'green', 'amber', 'amber', 'red', 'red']);
    expect(m(0.1, true)).toBe('red');
    expect(levelOf(metrics({ utilization: 0.1, saturated: true }))).toBe('red');
  });

  it('keeps the record of a component whose numbers did not change', () => {
    const first = toMetrics(report({ a: nodeReport(0.2, 3), b: nodeReport(0.5, 8) }))!;
    const second = toMetrics(report({ a: nodeReport(0.2, 3), b: nodeReport(0.6, 9) }), first)!;
    expect(second.get('a')).toBe(first.get('a'));
    expect(second.get('b')).not.toBe(first.get('b'));
    expect(second.get('b')).toEqual(metrics({ utilization: 0.6, p99Ms: 9, bottleneck: true }));
    // Nothing changed at all: the very same map, so the canvas has nothing to redo.
    expect(toMetrics(report({ a: nodeReport(0.2, 3), b: nodeReport(0.6, 9) }), second)).toBe(second);
  });

  it('never gives an overloaded component a finite p99', () => {
    const m = toMetrics(report({ a: nodeReport(1.3, 50) }, { stable: false, overloaded: ['a'], bottleneck: 'a' }))!;
    expect(m.get('a')).toEqual(metrics({ utilization: 1.3, p99Ms: null, overloaded: true, bottleneck: true }));
    expect(toMetrics(null)).toBeUndefined();
  });

  it('tags the bottleneck only once it is busy enough to matter, or past capacity', () => {
    const at = (utilization: number, extra: Partial<Report> = {}) => toMetrics(report({ b: nodeReport(utilization, 3) }, extra))!.get('b')!.bottleneck;
    expect([at(0.1), at(0.49), at(0.5), at(0.8)]).toEqual([false, false, true, true]);
    expect(at(0.1, { saturated: ['b'] })).toBe(true);
  });

  it('carries the rejections of a component past capacity behind its queue limit', () => {
    const gw = { ...nodeReport(1, 530), errorRate: 0.51, rejectedRps: 10_196 };
    const m = toMetrics(report({ gw, b: { ...nodeReport(0.9, 5), errorRate: 1e-5 } }, { saturated: ['gw'] }))!;
    expect(m.get('gw')).toMatchObject({ saturated: true, overloaded: false, rejected: 0.51, p99Ms: 530 });
    expect(m.get('b')!.rejected).toBe(0); // too few to show as a share
  });

  it('knows a design with no load', () => {
    expect(noLoad(report({}))).toBe(false);
    expect(noLoad(report({}, { sources: {} }))).toBe(true);
    expect(noLoad(report({}, { sources: { users: { rps: 0, latencyMs: { mean: null, p50: null, p95: null, p99: null } } } }))).toBe(true);
  });

  it('gives no figures to a component no request reaches', () => {
    const idle = { ...nodeReport(0, 0), arrivalRps: 0, throughputRps: 0 };
    const m = toMetrics(report({ a: nodeReport(0.2, 3), offline: idle }))!;
    expect([...m.keys()]).toEqual(['a']);
  });

  it('reads the rate of each drawn connection and keeps the map when the rates hold', () => {
    let d: Design = addNodes(emptyDesign('t'), [
      { id: 'a', kind: 'client', position: { x: 0, y: 0 }, params: { rps: 10 } },
      { id: 'b', kind: 'cache', position: { x: 0, y: 0 }, params: {} },
    ]);
    d = connect(d, { id: 'e1', source: 'a', target: 'b', params: { mode: 'sync' } });
    const r = report({ b: nodeReport(0.1, 1) }, { edges: { e1: { rps: 10 } } });
    const t = toTraffic(d, r)!;
    expect([...t]).toEqual([['e1', 10]]);
    expect(toTraffic(d, r, t)).toBe(t);
    expect(toTraffic(d, report({}, { edges: { e1: { rps: 20 } } }), t)!.get('e1')).toBe(20);
    // A connection named like a property every object has reads no rate it does not have.
    const named = connect(d, { id: 'toString', source: 'a', target: 'b', params: { mode: 'offline' } });
    expect(toTraffic(named, r)!.has('toString')).toBe(false);
  });
});

describe('setReplicas', () => {
  it('sets several components in one new design and leaves the rest alone', () => {
    const d = addNodes(emptyDesign('t'), [
      { id: 'a', kind: 'cache', position: { x: 0, y: 0 }, params: { replicas: 1 } },
      { id: 'b', kind: 'cache', position: { x: 0, y: 0 }, params: { replicas: 2, concurrency: 4 } },
      { id: 'c', kind: 'cache', position: { x: 0, y: 0 }, params: { replicas: 3 } },
    ]);
    const next = setReplicas(d, { a: 4, b: 5 });
    expect(next.nodes.map((n) => n.params.replicas)).toEqual([4, 5, 3]);
    expect(next.nodes[1].params.concurrency).toBe(4);
    expect(next.nodes[2]).toBe(d.nodes[2]);
    expect(setReplicas(d, { a: 1, c: 3 })).toBe(d);
  });
});

describe('a batching server is coloured by its load, not its busy share', () => {
  // A default client (1,000 requests/s) into a default GPU model server: 7 replicas with
  // batches of up to 8 complete 7 · 8 / (25.5 + 7 · 1.5) ms ≈ 1,556 requests/s. Each replica
  // is busy nearly all the time gathering small batches, yet the server runs at 64 % of what it
  // can complete: green, not red.
  const catalogDefaults = JSON.parse(readFileSync('components-catalog/online-serving/model-server-gpu.json', 'utf8')).defaults;
  const client = JSON.parse(readFileSync('components-catalog/clients-edge/client.json', 'utf8')).defaults;
  let d: Design = emptyDesign();
  d = addNodes(d, [
    { id: 'c', kind: 'client', position: { x: 0, y: 0 }, params: client },
    { id: 'm', kind: 'model-server-gpu', position: { x: 300, y: 0 }, params: catalogDefaults },
  ]);
  d = connectNodes(d, 'c', 'm');
  const capacity = (7 * 8) / (25.5 + 7 * 1.5);

  for (const [engine, run] of [
    ['analytic', () => analyze(d)],
    ['discrete-event', () => simulateDes(d, { requests: 60_000, seed: 3 })],
  ] as const) {
    it(`${engine}: load = arrivals / full-batch capacity, and the colour follows it`, () => {
      const r = run();
      if (!r.ok) throw new Error(r.error);
      const n = r.report.nodes.m;
      expect(n.load!).toBeCloseTo(n.arrivalRps / (capacity * 1000), 6);
      expect(n.load!).toBeGreaterThan(0.6);
      expect(n.load!).toBeLessThan(0.68);
      expect(n.utilization).toBeGreaterThan(0.7);
      const m = toMetrics(r.report)!.get('m')!;
      expect(levelOf(m)).toBe('green');
    });
  }
});
