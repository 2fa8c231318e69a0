// The future-event list: earliest first, and equal times in the order they were scheduled.
import { describe, expect, it } from 'vitest';
import { CalendarQueue } from '../../../src/simulation/calendar-queue';
import { Prng } from '../../../src/simulation/prng';

function drain(h: CalendarQueue): [number, number][] {
  const out: [number, number][] = [];
  while (h.size > 0) {
    out.push([h.peekTime(), h.peekData()]);
    h.pop();
  }
  return out;
}

describe('CalendarQueue', () => {
  it('pops equal-time events in the order they were scheduled', () => {
    const h = new CalendarQueue(4);
    for (let i = 0; i < 200; i++) h.push(5, i);
    expect(drain(h).map(([, d]) => d)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('orders by time, then by schedule order, whatever the mix (as sorting by (time, sequence))', () => {
    const rng = new Prng(7);
    const h = new CalendarQueue(2);
    const pushed: [number, number][] = [];
    let payload = 0;
    // Few distinct times, so most events tie; pops interleaved with pushes as in a run.
    for (let round = 0; round < 2000; round++) {
      const t = Math.floor(rng.next() * 8);
      h.push(t, payload);
      pushed.push([t, payload++]);
      if (round % 3 === 2) {
        const [t0, d0] = [h.peekTime(), h.peekData()];
        h.pop();
        const first = pushed.reduce((a, b) => (b[0] < a[0] ? b : a));
        expect([t0, d0]).toEqual(first);
        pushed.splice(pushed.indexOf(first), 1);
      }
    }
    expect(drain(h)).toEqual([...pushed].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('keeps a number handed out earlier: an event that waited elsewhere goes before later ones at its time', () => {
    const h = new CalendarQueue();
    const early = h.number();
    h.push(3, 10);
    h.push(3, 11);
    h.pushNumbered(3, early, 12);
    h.push(1, 13);
    expect(drain(h)).toEqual([[1, 13], [3, 12], [3, 10], [3, 11]]);
  });

  it('gives the earliest event at every size and spread, through every resize and width change', () => {
    // Thousands pending then few, times close together then far apart (a width estimated for one
    // spread is poor for the next), events far beyond a year, and many equal times.
    const rng = new Prng(11);
    const q = new CalendarQueue(2);
    const pending: [number, number, number][] = [];
    let now = 0;
    let payload = 0;
    const check = () => {
      const t = q.peekTime();
      const d = q.peekData();
      const dt = q.take();
      let best = 0;
      for (let i = 1; i < pending.length; i++) if (pending[i][0] < pending[best][0] || (pending[i][0] === pending[best][0] && pending[i][1] < pending[best][1])) best = i;
      const [bt, , bd] = pending.splice(best, 1)[0];
      expect([t, d, dt, q.time]).toEqual([bt, bd, bd, bt]);
      now = bt;
    };
    let seq = 0;
    for (const [count, spread, pops] of [[3000, 1, 0.4], [5000, 1e-3, 0.6], [2000, 1e4, 0.55], [4000, 50, 0.9], [3000, 0, 0.5]] as const) {
      for (let i = 0; i < count; i++) {
        const t = now + (spread === 0 ? 1 : rng.exponential(spread) * (i % 97 === 0 ? 1e6 : 1));
        q.push(t, payload);
        pending.push([t, seq++, payload++]);
        if (rng.next() < pops) check();
        // A peek remembers the earliest; the next push may come before it.
        else if (rng.next() < 0.3) q.peekTime();
      }
    }
    while (pending.length > 0) check();
    expect(q.size).toBe(0);
  });
});
