// Backoff jitter as Brooker's study ("Exponential Backoff and Jitter", AWS Architecture Blog,
// 2015) measured it: 100 clients contend at once for one resource that turns away whoever finds
// it busy, each retrying with exponential backoff. Without jitter the retries stay in lockstep
// and collide again and again; jitter spreads them. The study: no jitter is "the clear loser"
// in work and in time; of the jittered ones equal jitter does slightly more work than full
// jitter and takes much longer; decorrelated jitter takes the least time.
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../src/simulation/graph';
import { DesEngine } from '../../../src/simulation/des-engine';
import type { Jitter } from '../../../src/model/scenario';
import { wrap } from './oracle-helpers';

const CLIENTS = 100;
const SEEDS = 10;

/** Calls made and the time the last client was done (ms), averaged over SEEDS runs. */
function contend(jitter: Jitter): { calls: number; doneMs: number; gaveUp: number } {
  // The clients arrive 1 µs apart; the resource serves one at a time for 1 ms and queues none.
  const d = wrap({
    nodes: [
      { id: 'clients', kind: 'client', params: { rps: 1e6, arrivals: 'uniform' } },
      { id: 'resource', kind: 'service', params: { service: { dist: 'constant', meanMs: 1 }, queueLimit: 0 } },
    ],
    edges: [{ id: 'e', source: 'clients', target: 'resource', params: { mode: 'sync', retry: { maxAttempts: 10, baseMs: 5, capMs: 1000, jitter } } }],
  } as never);
  const g = compileGraph(d);
  if (!g.ok) throw new Error(g.error);
  let calls = 0;
  let doneMs = 0;
  let gaveUp = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const e = new DesEngine(g.graph, CLIENTS, seed, 0, 1);
    while (!e.step(1 << 16));
    calls += e.c.edgeCalls[0];
    doneMs += e.time();
    gaveUp += e.c.rootsFailed;
  }
  return { calls: calls / SEEDS, doneMs: doneMs / SEEDS, gaveUp: gaveUp / SEEDS };
}

describe('backoff jitter under contention', () => {
  const none = contend('none');
  const equal = contend('equal');
  const full = contend('full');
  const decorrelated = contend('decorrelated');

  it('without jitter the retries collide in lockstep: one client gets through per round', () => {
    // Every round all waiting clients retry at the same instant and one wins: after 10 attempts
    // 10 are served and 90 give up, having made 10 calls each — 955 calls in all.
    expect(none.gaveUp).toBe(CLIENTS - 10);
    expect(none.calls).toBe(Array.from({ length: 10 }, (_, i) => i + 1).reduce((a, b) => a + b) + 90 * 10);
  });

  it('no jitter is the clear loser in work and in time', () => {
    for (const j of [equal, full, decorrelated]) {
      expect(none.calls).toBeGreaterThan(1.5 * j.calls);
      expect(none.doneMs).toBeGreaterThan(2 * j.doneMs);
    }
  });

  it('equal jitter takes longer than full jitter, for no less work; decorrelated jitter finishes first', () => {
    expect(equal.doneMs).toBeGreaterThan(full.doneMs);
    expect(equal.calls).toBeGreaterThan(0.97 * full.calls);
    expect(decorrelated.doneMs).toBeLessThan(full.doneMs);
    for (const j of [equal, full]) expect(j.gaveUp).toBeLessThan(1);
  });
});
