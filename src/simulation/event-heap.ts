// The future-event list: a binary min-heap over two typed arrays (times and an int payload
// that packs the event kind with a slot or node index). No object per event and no comparator
// closure: both cost a factor of about three at millions of events per second.
//
// Tie rule: events are ordered by time, then by sequence number — the order they were
// scheduled in, as SimPy's (time, priority, id) with one priority. A payload names at most one
// pending event (a request's completion, a source's next arrival, a connection's first call in
// flight, a component's batch timer), so the sequence numbers live in a table indexed by
// payload, read only when two times are equal: the heap moves two numbers per step, not three.
// `push` numbers an event itself; `pushNumbered` keeps a number handed out earlier by
// `number()` (a call that waited in its connection's FIFO keeps its place among equal times).
export class EventHeap {
  private time: Float64Array;
  private data: Int32Array;
  /** Sequence number of the pending event with each payload. */
  private order: Float64Array;
  size = 0;
  /** The next sequence number (a double: long runs pass 2³¹ events). */
  private seq = 0.5;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.data = new Int32Array(capacity);
    this.order = new Float64Array(capacity);
  }

  /** Hands out the next sequence number, for an event that enters the heap later. */
  number(): number {
    return this.seq++;
  }

  push(t: number, payload: number): void {
    this.pushNumbered(t, this.seq++, payload);
  }

  pushNumbered(t: number, s: number, payload: number): void {
    if (this.size === this.time.length) this.grow();
    if (payload >= this.order.length) this.growOrder(payload);
    const time = this.time;
    const data = this.data;
    const order = this.order;
    order[payload] = s;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = time[p];
      if (tp < t || (tp === t && order[data[p]] < s)) break;
      time[i] = tp;
      data[i] = data[p];
      i = p;
    }
    time[i] = t;
    data[i] = payload;
  }

  /** Time of the earliest event; the heap must not be empty. */
  peekTime(): number {
    return this.time[0];
  }

  /** Payload of the earliest event; the heap must not be empty. */
  peekData(): number {
    return this.data[0];
  }

  /** Removes the earliest event (read it with peekTime/peekData first). */
  pop(): void {
    const time = this.time;
    const data = this.data;
    const order = this.order;
    const n = --this.size;
    if (n === 0) return;
    const t = time[n];
    const d = data[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let tc = time[c];
      if (c + 1 < n) {
        const tr = time[c + 1];
        if (tr < tc || (tr === tc && order[data[c + 1]] < order[data[c]])) {
          c++;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && order[d] < order[data[c]])) break;
      time[i] = tc;
      data[i] = data[c];
      i = c;
    }
    time[i] = t;
    data[i] = d;
  }

  private grow(): void {
    const time = new Float64Array(this.time.length * 2);
    const data = new Int32Array(this.data.length * 2);
    time.set(this.time);
    data.set(this.data);
    this.time = time;
    this.data = data;
  }

  private growOrder(payload: number): void {
    let n = this.order.length * 2;
    while (n <= payload) n *= 2;
    const order = new Float64Array(n);
    order.set(this.order);
    this.order = order;
  }
}
/** A FIFO of ints in a growable ring buffer: a component's waiting line. */
export class IntQueue {
  private buf = new Int32Array(16);
  private head = 0;
  size = 0;

  push(v: number): void {
    if (this.size === this.buf.length) this.grow();
    this.buf[(this.head + this.size++) & (this.buf.length - 1)] = v;
  }

  peek(): number {
    return this.buf[this.head];
  }

  shift(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.size--;
    return v;
  }

  private grow(): void {
    const buf = new Int32Array(this.buf.length * 2);
    for (let i = 0; i < this.size; i++) buf[i] = this.buf[(this.head + i) & (this.buf.length - 1)];
    this.buf = buf;
    this.head = 0;
  }
}
