// The future-event list: earliest first, and equal times in the order they were scheduled.
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../../src/simulation/event-heap';
import { Prng } from '../../../src/simulation/prng';

function drain(h: EventHeap): [number, number][] {
  const out: [number, number][] = [];
  while (h.size > 0) {
    out.push([h.peekTime(), h.peekData()]);
    h.pop();
  }
  return out;
}

describe('EventHeap', () => {
  it('pops equal-time events in the order they were scheduled', () => {
    const h = new EventHeap(4);
    for (let i = 0; i < 200; i++) h.push(5, i);
    expect(drain(h).map(([, d]) => d)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('orders by time, then by schedule order, whatever the mix (as sorting by (time, sequence))', () => {
    const rng = new Prng(7);
    const h = new EventHeap(2);
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
    const h = new EventHeap();
    const early = h.number();
    h.push(3, 10);
    h.push(3, 11);
    h.pushNumbered(3, early, 12);
    h.push(1, 13);
    expect(drain(h)).toEqual([[1, 13], [3, 12], [3, 10], [3, 11]]);
  });
});
