// The engine's future-event list (src/simulation/engine/calendar.ts): earliest first, and equal
// times in the order they were scheduled — driven through the engine's own exports.
import { describe, expect, it } from 'vitest';
import type { EngineExports } from '../../../src/simulation/engine-memory';
import { bareEngine } from './bare-engine';
import { Prng } from './reference-prng';

const eventList = () => bareEngine();

function drain(x: EngineExports): [number, number][] {
  const out: [number, number][] = [];
  while (x.pending() > 0) {
    const payload = x.takeEvent();
    out.push([x.now(), payload]);
  }
  return out;
}

describe('the event list', () => {
  it('pops equal-time events in the order they were scheduled', () => {
    const x = eventList();
    for (let i = 0; i < 200; i++) x.schedule(5, i);
    expect(drain(x).map(([, d]) => d)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('orders by time, then by schedule order, whatever the mix (as sorting by (time, sequence))', () => {
    const rng = new Prng(7);
    const x = eventList();
    const pushed: [number, number][] = [];
    let payload = 0;
    // Few distinct times, so most events tie; pops interleaved with pushes as in a run.
    for (let round = 0; round < 2000; round++) {
      const t = Math.floor(rng.next() * 8);
      x.schedule(t, payload);
      pushed.push([t, payload++]);
      if (round % 3 === 2) {
        const d0 = x.takeEvent();
        const first = pushed.reduce((a, b) => (b[0] < a[0] ? b : a));
        expect([x.now(), d0]).toEqual(first);
        pushed.splice(pushed.indexOf(first), 1);
      }
    }
    expect(drain(x)).toEqual([...pushed].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('keeps a number handed out earlier: an event that waited elsewhere goes before later ones at its time', () => {
    const x = eventList();
    const early = x.number();
    x.schedule(3, 10);
    x.schedule(3, 11);
    x.scheduleNumbered(3, early, 12);
    x.schedule(1, 13);
    expect(drain(x)).toEqual([[1, 13], [3, 12], [3, 10], [3, 11]]);
  });

  it('gives the earliest event at every size and spread, through every resize and width change', () => {
    // Thousands pending then few, times close together then far apart (a width estimated for one
    // spread is poor for the next), events far beyond a year, and many equal times.
    const rng = new Prng(11);
    const x = eventList();
    const pending: [number, number, number][] = [];
    let now = 0;
    let payload = 0;
    const check = () => {
      const d = x.takeEvent();
      let best = 0;
      for (let i = 1; i < pending.length; i++) if (pending[i][0] < pending[best][0] || (pending[i][0] === pending[best][0] && pending[i][1] < pending[best][1])) best = i;
      const [bt, , bd] = pending.splice(best, 1)[0];
      expect([x.now(), d]).toEqual([bt, bd]);
      now = bt;
    };
    let seq = 0;
    for (const [count, spread, pops] of [[3000, 1, 0.4], [5000, 1e-3, 0.6], [2000, 1e4, 0.55], [4000, 50, 0.9], [3000, 0, 0.5]] as const) {
      for (let i = 0; i < count; i++) {
        const t = now + (spread === 0 ? 1 : rng.exponential(spread) * (i % 97 === 0 ? 1e6 : 1));
        x.schedule(t, payload);
        pending.push([t, seq++, payload++]);
        if (rng.next() < pops) check();
      }
    }
    while (pending.length > 0) check();
    expect(x.pending()).toBe(0);
  });
});
