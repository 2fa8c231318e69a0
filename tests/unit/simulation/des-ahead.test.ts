// Components served ahead (engine/ahead.ts, docs/simulation.md "Served ahead") against the same
// components served event by event. With arrivals evenly spaced the only random numbers are the
// service times, drawn in the order services start either way — so the two must give the same
// sample path, figure for figure, the window's counters included (cut at the warm-up's end and
// at the window's end). The reference is the same design run with `serveAhead: false`.
import { describe, expect, it } from 'vitest';
import { simulateDes } from '../../../src/simulation/des';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import { ScenarioHooks } from '../../../src/simulation/scenario/hooks';
import { planScenario } from '../../../src/simulation/scenario/plan';
import { compileGraph } from '../../../src/simulation/graph';
import { DesEngine } from '../../../src/simulation/des-engine';
import type { Scenario } from '../../../src/model/scenario';
import type { Report } from '../../../src/simulation/report';
import type { ScenarioResult } from '../../../src/simulation/scenario/timeline';
import { wrap } from './oracle-helpers';

type Shape = 'plain' | 'mixed' | 'sequence';

/**
 * src → gw → A → leaf, evenly spaced. `sequence`: A calls a second leaf after the first. `mixed`: A is also called by a second gateway over another
 * network delay, so it is served when each call arrives, not when it is sent.
 */
function design(station: Record<string, unknown>, rps: number, shape: Shape = 'plain') {
  const mixed = shape === 'mixed';
  const nodes: object[] = [
    { id: 'src', kind: 'client', params: { rps, arrivals: 'uniform' } },
    // No service time: passed through, its calls out at the moment they arrive.
    { id: 'gw', kind: 'service', params: { service: { dist: 'exponential', meanMs: 0 } } },
    { id: 'A', kind: 'service', params: station },
    // Passed through too: answered ahead, so is A's call, and so is the user request (the
    // window's count of requests ended is cut like the rest).
    { id: 'leaf', kind: 'service', params: { service: { dist: 'exponential', meanMs: 0 } } },
  ];
  const edges: object[] = [
    { id: 'front', source: 'src', target: 'gw', params: { mode: 'sync', networkMs: 3 } },
    // Mixed: 20 ms, longer than the gap between requests, so later requests' calls overtake.
    { id: 'in', source: 'gw', target: 'A', params: { mode: 'sync', networkMs: mixed ? 20 : 2 } },
    { id: 'out', source: 'A', target: 'leaf', params: { mode: 'sync', networkMs: 1 } },
  ];
  if (shape === 'sequence') {
    // A calls leaf, then a second pass-through over 4 ms (A's fanout sequential).
    nodes.push({ id: 'leaf2', kind: 'service', params: { service: { dist: 'exponential', meanMs: 0 } } });
    edges.push({ id: 'out2', source: 'A', target: 'leaf2', params: { mode: 'sync', networkMs: 4 } });
  }
  if (mixed) {
    nodes.push({ id: 'gw2', kind: 'service', params: { service: { dist: 'exponential', meanMs: 0 } } });
    edges.push({ id: 'front2', source: 'src', target: 'gw2', params: { mode: 'sync', networkMs: 0.3 } });
    edges.push({ id: 'in2', source: 'gw2', target: 'A', params: { mode: 'sync', networkMs: 0.1 } });
  }
  return wrap({ nodes, edges } as never, 'served ahead');
}

function des(eventByEvent: boolean, station: Record<string, unknown>, rps: number, requests = 20_000, shape: Shape = 'plain'): Report {
  const r = simulateDes(design(station, rps, shape), { requests, seed: 5, serveAhead: !eventByEvent });
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

/** The same figures, to rounding: sums taken in another order differ in the last bits. */
function same(a: Report, b: Report, ids: string[]) {
  const close = (x: number | null, y: number | null, what: string) => {
    if (x === null || y === null) return expect(x, what).toBe(y);
    expect(Math.abs(x - y), `${what}: ${x} vs ${y}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
  };
  close(a.throughputRps, b.throughputRps, 'throughput');
  close(a.errorRate, b.errorRate, 'error rate');
  for (const k of ['mean', 'p50', 'p95', 'p99'] as const) close(a.latencyMs[k], b.latencyMs[k], `latency ${k}`);
  for (const id of ids) {
    const x = a.nodes[id];
    const y = b.nodes[id];
    for (const f of ['arrivalRps', 'throughputRps', 'utilization', 'meanWaitMs', 'meanResponseMs', 'p99Ms', 'rejectedRps', 'L'] as const) close(x[f], y[f], `${id} ${f}`);
  }
}

function scenarioRun(scenario: Scenario, station: Record<string, unknown>, rps: number, eventByEvent: boolean) {
  const r = simulateScenario({ ...design(station, rps), scenario }, { seed: 9, serveAhead: !eventByEvent });
  if (!r.ok) throw new Error(r.error);
  return r.result;
}

/** Every figure of two scenario runs' timelines and summaries the same, to 1e-9. */
function sameRun(a: ScenarioResult, b: ScenarioResult, ids: string[]) {
  const close = (x: unknown, y: unknown, what: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      expect(Math.abs(x - y), `${what}: ${x} vs ${y}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
    } else if (x !== null && typeof x === 'object') {
      for (const k of Object.keys(x)) close((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${what}.${k}`);
    } else expect(x, what).toEqual(y);
  };
  close(a.timeline.goodputRps, b.timeline.goodputRps, 'goodput');
  for (const k of ['p50Ms', 'p99Ms', 'meanMs'] as const) close(a.timeline[k], b.timeline[k], k);
  for (const id of ids) close(a.timeline.nodes[id], b.timeline.nodes[id], id);
  close(a.summary, b.summary, 'summary');
}

describe('a component served ahead', () => {
  it('gives the sample path of the event-by-event engine: three servers that queue', () => {
    const station = { replicas: 3, service: { dist: 'exponential', meanMs: 10 } };
    const ahead = des(false, station, 270);
    const events = des(true, station, 270);
    expect(ahead.nodes.A.utilization).toBeGreaterThan(0.8);
    expect(ahead.nodes.A.meanWaitMs!).toBeGreaterThan(1);
    same(ahead, events, ['gw', 'A', 'leaf']);
  });

  it('and with a queue limit that turns calls away', () => {
    const station = { replicas: 2, queueLimit: 3, service: { dist: 'lognormal', meanMs: 10, cv: 1.2 } };
    const ahead = des(false, station, 210);
    const events = des(true, station, 210);
    expect(ahead.nodes.A.rejectedRps).toBeGreaterThan(5);
    same(ahead, events, ['gw', 'A', 'leaf']);
  });

  it('a component whose calls come over two network delays is served as each arrives: the same figures', () => {
    // Calls over 0.1 ms overtake calls over 20 ms sent earlier: A must take them in arrival order.
    const station = { replicas: 2, service: { dist: 'lognormal', meanMs: 10, cv: 1.2 } };
    // Every request calls A twice, once over each: 160 calls a second, 80 % of its two servers.
    const ahead = des(false, station, 80, 20_000, 'mixed');
    const events = des(true, station, 80, 20_000, 'mixed');
    expect(ahead.nodes.A.arrivalRps).toBeGreaterThan(155);
    expect(ahead.nodes.A.meanWaitMs!).toBeGreaterThan(1);
    same(ahead, events, ['gw', 'gw2', 'A', 'leaf']);
  });

  it('a component calling two others one after the other, its end known ahead once the last has answered', () => {
    // A's calls: leaf, then a second pass-through over 4 ms; A is answered when both are.
    const station = { replicas: 3, fanout: 'sequential', service: { dist: 'lognormal', meanMs: 10, cv: 1.2 } };
    const ahead = des(false, station, 250, 20_000, 'sequence');
    const events = des(true, station, 250, 20_000, 'sequence');
    // Each request waits for both calls in turn: 1 + 4 ms of network after A's service.
    expect(ahead.latencyMs.mean! - ahead.nodes.A.meanResponseMs!).toBeGreaterThan(5 + 3 + 2 - 0.01);
    same(ahead, events, ['gw', 'A', 'leaf', 'leaf2']);
  });

  it('a large pool few of whose servers are busy lists only those: the same figures', () => {
    // 1,000 servers, about 5 % busy: a call finds one idle without looking at the others.
    const station = { replicas: 1000, service: { dist: 'lognormal', meanMs: 50, cv: 1.5 } };
    const ahead = des(false, station, 1000);
    const events = des(true, station, 1000);
    expect(ahead.nodes.A.utilization).toBeGreaterThan(0.03);
    expect(ahead.nodes.A.utilization).toBeLessThan(0.08);
    same(ahead, events, ['gw', 'A', 'leaf']);
  });

  it('… and one busy enough to queue keeps a heap: the same figures', () => {
    // 200 servers 95 % busy, so calls queue and the earliest free server is the one waited for.
    const station = { replicas: 200, service: { dist: 'exponential', meanMs: 100 } };
    const ahead = des(false, station, 1900);
    const events = des(true, station, 1900);
    expect(ahead.nodes.A.utilization).toBeGreaterThan(0.9);
    expect(ahead.nodes.A.meanWaitMs!).toBeGreaterThan(1);
    same(ahead, events, ['gw', 'A', 'leaf']);
  });

  it('a pool switching between the two as its load rises and falls: every bucket the same', () => {
    // 24 servers at half load, then at 1.9 times that for 20 s (95 %, calls queue), then half again.
    const scenario: Scenario = { name: 'spike', durationS: 60, bucketS: 5, profiles: { src: { shape: 'spike', atS: 20, durationS: 20, factor: 1.9 } } };
    const station = { replicas: 24, service: { dist: 'lognormal', meanMs: 40, cv: 1.3 } };
    const ahead = scenarioRun(scenario, station, 300, false);
    const events = scenarioRun(scenario, station, 300, true);
    const wait = ahead.timeline.nodes.A.queue.mean;
    expect(Math.max(...wait.map((q) => q ?? 0))).toBeGreaterThan(1);
    expect(wait[1] ?? 1).toBeLessThan(0.05);
    expect(wait[wait.length - 1] ?? 1).toBeLessThan(0.05);
    sameRun(ahead, events, ['gw', 'A', 'leaf']);
  });

  it('and overloaded, its window counting only what ends inside it', () => {
    // Twice its capacity: every call served ahead is known to end far past the window's end.
    const station = { replicas: 1, service: { dist: 'exponential', meanMs: 10 } };
    const ahead = des(false, station, 200, 4_000);
    const events = des(true, station, 200, 4_000);
    expect(ahead.stable).toBe(false);
    expect(ahead.nodes.A.throughputRps).toBeGreaterThan(85);
    expect(ahead.nodes.A.throughputRps).toBeLessThan(115);
    expect(ahead.nodes.A.utilization).toBeGreaterThan(0.95);
    same(ahead, events, ['gw', 'A', 'leaf']);
  });

  it('in a scenario too, bucket by bucket, beside a component the scenario acts on (served event by event)', () => {
    // The load doubles for 20 s, so A queues; `gw`, slowed (a pass-through stays one), is
    // served event by event either way. Every figure of every bucket must be the same.
    const scenario: Scenario = {
      name: 'spike',
      durationS: 60,
      bucketS: 2.5,
      profiles: { src: { shape: 'spike', atS: 20, durationS: 20, factor: 2 } },
      events: [{ type: 'slow', atS: 10, node: 'gw', factor: 3, durationS: 40 }],
    };
    const station = { replicas: 3, service: { dist: 'lognormal', meanMs: 10, cv: 1.2 } };
    const ahead = scenarioRun(scenario, station, 140, false);
    const events = scenarioRun(scenario, station, 140, true);
    // A queues in the spike, and the buckets are not all alike.
    expect(Math.max(...ahead.timeline.nodes.A.queue.mean.map((q) => q ?? 0))).toBeGreaterThan(0.5);
    sameRun(ahead, events, ['gw', 'A', 'leaf']);
  });

  it('a scenario serves event by event only what it acts on', () => {
    const scenario: Scenario = { name: 'slow gw', durationS: 10, events: [{ type: 'slow', atS: 5, node: 'gw', factor: 2 }] };
    const station = { replicas: 3, service: { dist: 'exponential', meanMs: 10 } };
    const compiled = compileGraph({ ...design(station, 100), scenario });
    if (!compiled.ok) throw new Error(compiled.error);
    const g = compiled.graph;
    const planned = planScenario({ ...design(station, 100), scenario }, g);
    if (!planned.ok) throw new Error(planned.error);
    const engine = new DesEngine(g, 1, 1, 0, 1);
    const at = (id: string) => g.nodes.findIndex((n) => n.id === id);
    expect(engine.servedAhead(at('A'))).toBe(1);
    expect(engine.servedAhead(at('gw'))).toBe(1);
    engine.tl = new ScenarioHooks(engine, planned.plan);
    expect(engine.servedAhead(at('gw'))).toBe(0);
    expect(engine.servedAhead(at('A'))).toBe(1);
    expect(engine.servedAhead(at('leaf'))).toBe(1);
  });

  it('a call with a timeout and retries to a component served ahead: answered ahead when it beats its timeout, the same figures', () => {
    // A: two servers at ρ 0.75, so some calls wait past the 25 ms timeout and are tried again.
    const d = wrap(
      {
        nodes: [
          { id: 'src', kind: 'client', params: { rps: 150, arrivals: 'uniform' } },
          { id: 'gw', kind: 'service', params: { service: { dist: 'exponential', meanMs: 0 } } },
          { id: 'A', kind: 'service', params: { replicas: 2, service: { dist: 'exponential', meanMs: 10 } } },
        ],
        edges: [
          { id: 'front', source: 'src', target: 'gw', params: { mode: 'sync', networkMs: 3 } },
          { id: 'in', source: 'gw', target: 'A', params: { mode: 'sync', networkMs: 2, timeoutMs: 25, retry: { maxAttempts: 3, baseMs: 5, jitter: 'none' } } },
        ],
      } as never,
      'timeouts ahead',
    );
    const run = (serveAhead: boolean) => {
      const r = simulateDes(d, { requests: 20_000, seed: 5, serveAhead });
      if (!r.ok) throw new Error(r.error);
      return r.report;
    };
    const ahead = run(true);
    const events = run(false);
    same(ahead, events, ['gw', 'A']);
    const calls = ahead.resilience!.edges.in;
    expect(calls.timedOutPerCall).toBeGreaterThan(0.02);
    expect(calls.retriesPerCall).toBeGreaterThan(0.02);
    expect(ahead.resilience).toEqual(events.resilience);
  });

  it('calls made by chance are drawn when its service is known: each at its probability, and the request waits for those made', () => {
    // A (exponential, 2 ms, never queueing) calls B (10 ms) with probability 0.4 and C (30 ms)
    // with 0.7, side by side, and sends D a message with 0.5: the request takes 2 + E[the
    // slowest call made] = 2 + 0.7 × 30 + 0.3 × 0.4 × 10 = 24.2 ms on average.
    const constant = (meanMs: number) => ({ replicas: 100, service: { dist: 'constant', meanMs } });
    const d = wrap(
      {
        nodes: [
          { id: 'src', kind: 'client', params: { rps: 200 } },
          { id: 'A', kind: 'service', params: { replicas: 50, service: { dist: 'exponential', meanMs: 2 } } },
          { id: 'B', kind: 'service', params: constant(10) },
          { id: 'C', kind: 'service', params: constant(30) },
          { id: 'D', kind: 'service', params: constant(1) },
        ],
        edges: [
          { id: 'a', source: 'src', target: 'A', params: { mode: 'sync' } },
          { id: 'b', source: 'A', target: 'B', params: { mode: 'sync', probability: 0.4 } },
          { id: 'c', source: 'A', target: 'C', params: { mode: 'sync', probability: 0.7 } },
          { id: 'd', source: 'A', target: 'D', params: { mode: 'async', probability: 0.5 } },
        ],
      } as never,
      'by chance',
    );
    for (const serveAhead of [true, false]) {
      const r = simulateDes(d, { requests: 100_000, seed: 4, serveAhead });
      if (!r.ok) throw new Error(r.error);
      const rep = r.report;
      expect(Math.abs(rep.nodes.B.arrivalRps - 80), `B, served ahead ${serveAhead}`).toBeLessThan(2);
      expect(Math.abs(rep.nodes.C.arrivalRps - 140)).toBeLessThan(2);
      expect(Math.abs(rep.nodes.D.arrivalRps - 100)).toBeLessThan(2);
      // The latency's standard deviation is about 14 ms: ± 0.3 is over six standard errors.
      expect(Math.abs(rep.latencyMs.mean! - 24.2), `mean, served ahead ${serveAhead}`).toBeLessThan(0.3);
    }
  });
});
