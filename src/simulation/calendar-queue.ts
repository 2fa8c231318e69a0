// The future-event list of the discrete-event engine: a calendar queue (R. Brown, "Calendar
// queues: a fast O(1) priority queue implementation for the simulation event set problem",
// CACM 31(10), 1988). Time is cut into buckets of equal width, laid round a "year" of
// `nb` buckets; each bucket holds its events as a sorted linked list. The earliest event is
// found by walking the buckets from the current one, so a push or a pop costs a few steps
// however many events are pending, where a binary heap pays log₂ n levels of unpredictable
// branches (the templates keep hundreds of servers busy: 10 levels, most of an event's cost).
//
// Tie rule: by time, then by sequence number — the order the events were scheduled in, as
// SimPy's (time, priority, id) with one priority — unless a number handed out earlier by
// `number()` is kept with `pushNumbered` (a call that waited in its connection's FIFO keeps its
// place among equal times). The bucket width changes only how fast the earliest is found, never
// which event it is, so a run gives the same result as with a binary heap.
//
// Events live in preallocated typed arrays with a free list: no object per event.
const REVIEW = 1 << 14;
/** Pending events kept in one sorted list, and the fewest buckets of a calendar. */
const SMALL = 8;

export class CalendarQueue {
  size = 0;
  /** The next sequence number (a double: long runs pass 2³¹ events). */
  private seq = 0.5;

  // Event slots: time, sequence number, payload, next in the bucket's list.
  private eTime: Float64Array;
  private eSeq: Float64Array;
  private eData: Int32Array;
  private eNext: Int32Array;
  private freeTop = 0;
  private free: Int32Array;
  private used = 0;

  // The calendar: a power-of-two number of buckets, each the head slot of its list or −1.
  // Up to SMALL events pending, one bucket: a sorted list whose head is the earliest.
  private mask = 0;
  private heads = new Int32Array(1).fill(-1);
  private growAt = SMALL;
  private shrinkAt = -1;
  /** Bucket of time t: (t − origin) / width as an integer (bucketOf), its low bits the bucket's index. */
  private origin = 0.5;
  private invWidth = 1.5;
  /** Virtual bucket (before the modulo) the search starts from: no pending event lies before it. */
  private cur = 0;
  /** The earliest event's slot once found, −1 when not known. */
  private top = -1;
  /** Time of the event `take` returned last. */
  time = 0.5;
  /** Time and sequence number of the event `add` inserts next. */
  at = 0.5;
  atSeq = 0.5;
  /** Buckets walked past and list steps taken since the last review: many per pop means a poor width. */
  private work = 0;
  // The first review comes early, while the code is still interpreted: a branch first taken
  // after the compiler has optimized `take` would throw that code away.
  private countdown = 64;

  constructor(capacity = 1024) {
    this.eTime = new Float64Array(capacity);
    this.eSeq = new Float64Array(capacity);
    this.eData = new Int32Array(capacity);
    this.eNext = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** Hands out the next sequence number, for an event that enters the queue later. */
  number(): number {
    return this.seq++;
  }

  push(t: number, payload: number): void {
    this.at = t;
    this.atSeq = this.seq++;
    this.add(payload);
  }

  pushNumbered(t: number, s: number, payload: number): void {
    this.at = t;
    this.atSeq = s;
    this.add(payload);
  }

  /** Adds an event at time `at`, numbered next in schedule order. */
  schedule(payload: number): void {
    this.atSeq = this.seq++;
    this.add(payload);
  }

  /**
   * Adds an event at time `at` with sequence number `atSeq`. The engine passes times through
   * these fields: a double passed to a call the compiler did not inline is boxed in a fresh
   * heap object, millions of them a second.
   */
  add(payload: number): void {
    const t = this.at;
    const s = this.atSeq;
    const e = this.freeTop > 0 ? this.free[--this.freeTop] : this.fresh();
    const time = this.eTime;
    const seq = this.eSeq;
    time[e] = t;
    seq[e] = s;
    this.eData[e] = payload;
    const mask = this.mask;
    const vb = mask === 0 ? 0 : this.bucketOf(t);
    const heads = this.heads;
    const b = vb & mask;
    const p = heads[b];
    if (p < 0 || t < time[p] || (t === time[p] && s < seq[p])) {
      this.eNext[e] = p;
      heads[b] = e;
    } else this.insertAfter(p, e);
    if (vb < this.cur) this.cur = vb;
    // A cached earliest event stays the earliest unless this one comes before it.
    const top = this.top;
    if (top >= 0 && (t < time[top] || (t === time[top] && s < seq[top]))) this.top = -1;
    if (++this.size > this.growAt) this.resize(this.mask === 0 ? SMALL : (this.mask + 1) << 1);
  }

  /**
   * Removes the earliest event and returns its payload; its time is then in `time`. One call
   * for both, so no double crosses a call boundary (a double passed or returned by a call the
   * compiler did not inline is boxed in a fresh heap object).
   */
  take(): number {
    let e = this.top;
    if (e < 0) e = this.find();
    // The earliest event heads the list of the current bucket.
    this.heads[this.cur & this.mask] = this.eNext[e];
    this.free[this.freeTop++] = e;
    this.top = -1;
    this.time = this.eTime[e];
    if (--this.size < this.shrinkAt || --this.countdown === 0) this.review();
    return this.eData[e];
  }

  /** Time of the earliest event; the queue must not be empty. */
  peekTime(): number {
    return this.eTime[this.top >= 0 ? this.top : this.find()];
  }

  /** Payload of the earliest event; the queue must not be empty. */
  peekData(): number {
    return this.eData[this.top >= 0 ? this.top : this.find()];
  }

  /** Removes the earliest event (read it with peekTime/peekData first). */
  pop(): void {
    this.take();
  }

  /**
   * (t − origin) / width truncated to an integer, held within ±10⁹ so that it stays a small
   * integer. Truncation, not floor: all the calendar needs is a number that never decreases
   * with t, and the truncation is one instruction.
   */
  private bucketOf(t: number): number {
    const x = (t - this.origin) * this.invWidth;
    return x < 1e9 ? (x > -1e9 ? x | 0 : -1e9) : 1e9;
  }

  /** Puts slot e in the list after p (which comes before it), after every event with an earlier (time, sequence). */
  private insertAfter(p: number, e: number): void {
    const time = this.eTime;
    const seq = this.eSeq;
    const next = this.eNext;
    const t = time[e];
    const s = seq[e];
    let q = next[p];
    while (q >= 0 && (time[q] < t || (time[q] === t && seq[q] < s))) {
      p = q;
      q = next[q];
      this.work++;
    }
    next[e] = q;
    next[p] = e;
  }

  /** Walks the year from the current bucket for an event due in it; failing that, takes the earliest head. */
  private find(): number {
    const heads = this.heads;
    const mask = this.mask;
    if (mask === 0) return (this.top = heads[0]);
    const time = this.eTime;
    let vb = this.cur;
    for (let i = 0; i <= mask; i++, vb++) {
      const h = heads[vb & mask];
      if (h >= 0 && this.bucketOf(time[h]) === vb) {
        this.work += i;
        this.cur = vb;
        this.top = h;
        return h;
      }
    }
    // Nothing due within a year: every bucket's head is its earliest, so take the earliest head.
    let best = -1;
    for (let b = 0; b <= mask; b++) {
      const h = heads[b];
      if (h >= 0 && (best < 0 || time[h] < time[best] || (time[h] === time[best] && this.eSeq[h] < this.eSeq[best]))) best = h;
    }
    this.work += 2 * mask;
    this.cur = this.bucketOf(time[best]);
    this.top = best;
    return best;
  }

  /**
   * After a pop that left the calendar four times too large, or every few thousand pops: a
   * width that costs many steps per operation, or a bucket number grown large, is set afresh.
   */
  private review(): void {
    const nb = this.mask + 1;
    if (this.size < this.shrinkAt) return this.resize(nb > SMALL ? nb >> 1 : 1);
    if (this.work > 6 * REVIEW || this.cur > 2 ** 29) return this.resize(nb);
    this.work = 0;
    this.countdown = REVIEW;
  }

  /**
   * Lays the pending events out over `nb` buckets, with a width of three times the mean gap
   * between the earliest events (gaps over twice the mean left out), as Brown proposes.
   */
  private resize(nb: number): void {
    const all = new Int32Array(this.size);
    let n = 0;
    for (let b = 0; b <= this.mask; b++) for (let e = this.heads[b]; e >= 0; e = this.eNext[e]) all[n++] = e;
    const time = this.eTime;
    const seq = this.eSeq;
    all.sort((a, b) => time[a] - time[b] || seq[a] - seq[b]);
    const times = Float64Array.from(all, (e) => time[e]);
    const tails = new Int32Array(nb);
    const width = estimateWidth(times);
    if (width > 0) this.invWidth = 1 / width;
    this.origin = n > 0 ? times[0] : 0;
    this.mask = nb - 1;
    this.growAt = nb === 1 ? SMALL : 2 * nb;
    this.shrinkAt = nb === 1 ? -1 : nb === SMALL ? SMALL >> 2 : nb >> 2;
    this.heads = new Int32Array(nb).fill(-1);
    this.top = -1;
    this.cur = 0;
    this.work = 0;
    this.countdown = REVIEW;
    for (let i = 0; i < n; i++) {
      const e = all[i];
      const b = this.bucketOf(this.eTime[e]) & this.mask;
      // Sorted order, so each goes at the end of its list.
      this.eNext[e] = -1;
      if (this.heads[b] < 0) this.heads[b] = e;
      else this.eNext[tails[b]] = e;
      tails[b] = e;
    }
  }

  private fresh(): number {
    if (this.used === this.eTime.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const n = this.eTime.length * 2;
    const time = new Float64Array(n);
    const seq = new Float64Array(n);
    const data = new Int32Array(n);
    const next = new Int32Array(n);
    time.set(this.eTime);
    seq.set(this.eSeq);
    data.set(this.eData);
    next.set(this.eNext);
    this.eTime = time;
    this.eSeq = seq;
    this.eData = data;
    this.eNext = next;
    this.free = new Int32Array(n);
  }
}

/** Three times the mean gap between the (up to) 25 earliest sorted times, gaps over twice the mean left out; 0 if unknown. */
function estimateWidth(sorted: Float64Array): number {
  const k = Math.min(sorted.length, 25);
  if (k < 2) return 0;
  const mean = (sorted[k - 1] - sorted[0]) / (k - 1);
  let sum = 0;
  let count = 0;
  for (let i = 1; i < k; i++) {
    const gap = sorted[i] - sorted[i - 1];
    if (gap <= 2 * mean) {
      sum += gap;
      count++;
    }
  }
  return count > 0 && sum > 0 ? (3 * sum) / count : 0;
}
