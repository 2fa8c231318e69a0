// A connection's timeout and hedge delay are constants, so their timers go off in the order
// they were set: they wait in a FIFO per connection and only the first is in the event list.
// The calendar then holds a few events however many calls are in flight, also with a timeout
// of hours (which a calendar would otherwise walk a whole year to pass, at every pop).
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../src/simulation/graph';
import { DesEngine } from '../../../src/simulation/des-engine';
import { wrap } from './oracle-helpers';

/** A source at 90 % of two servers' capacity, over a connection with a timeout and a hedge that rarely fire. */
const busy = wrap({
  nodes: [
    { id: 'src', kind: 'client', params: { rps: 180 } },
    { id: 'B', kind: 'service', params: { replicas: 2, service: { dist: 'exponential', meanMs: 10 } } },
  ],
  edges: [{ id: 'e', source: 'src', target: 'B', params: { mode: 'sync', timeoutMs: 1e7, hedgeMs: 5e6, retry: { maxAttempts: 2, baseMs: 5, jitter: 'full' } } }],
} as never);

describe('timers of a connection', () => {
  it('keep the event list as short as the busy servers, the source and one timer of each kind', () => {
    const compiled = compileGraph(busy);
    if (!compiled.ok) throw new Error(compiled.error);
    const engine = new DesEngine(compiled.graph, 20_000, 3, 0.01, 1);
    let most = 0;
    let inFlight = 0;
    while (!engine.step(1)) {
      const open = engine.openCalls;
      inFlight = Math.max(inFlight, open);
      most = Math.max(most, engine.pending() - open);
    }
    // An M/M/2 at ρ = 0.9 queues dozens at times: each of those calls has a timeout and a hedge
    // pending, yet besides one answer per call (B is served ahead: each call's end is an event,
    // docs/simulation.md, "Served ahead") the list holds the next arrival and the first of each FIFO.
    expect(inFlight).toBeGreaterThan(20);
    expect(most).toBeLessThanOrEqual(3);
  });
});

describe('timers of attempts already over', () => {
  /** Events of a run of `busy` with this timeout (no hedge, no retry). */
  const events = (timeoutMs: number) => {
    const design = structuredClone(busy);
    design.edges[0].params = { mode: 'sync', timeoutMs };
    const compiled = compileGraph(design);
    if (!compiled.ok) throw new Error(compiled.error);
    const engine = new DesEngine(compiled.graph, 20_000, 3, 0.01, 1);
    while (!engine.step(1 << 16));
    return { events: engine.events, timedOut: engine.c.timedOut.reduce((a, b) => a + b, 0) };
  };

  it('are dropped when the one ahead of them goes off: a timeout rarely reached costs a few events, not one per call', () => {
    // At 150 ms a call of this M/M/2 (mean response about 53 ms) times out now and then, and at
    // 10⁷ ms no timer goes off within the run: the difference is the timers that went off.
    const short = events(150);
    const never = events(1e7);
    expect(short.timedOut).toBeGreaterThan(0);
    expect(short.events - never.events).toBeGreaterThan(short.timedOut);
    // Every call's timer going off would be 20,000 more.
    expect(short.events - never.events).toBeLessThan(0.15 * 20_000);
  });
});
