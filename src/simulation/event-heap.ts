// The future-event list: a binary min-heap on time over two typed arrays (times and an int
// payload that packs the event kind with a slot or node index). No object per event and no
// comparator closure: both cost a factor of about three at millions of events per second.
export class EventHeap {
  private time: Float64Array;
  private data: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.data = new Int32Array(capacity);
  }

  push(t: number, payload: number): void {
    if (this.size === this.time.length) this.grow();
    const time = this.time;
    const data = this.data;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (time[p] <= t) break;
      time[i] = time[p];
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
    const n = --this.size;
    if (n === 0) return;
    const t = time[n];
    const d = data[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && time[c + 1] < time[c]) c++;
      if (time[c] >= t) break;
      time[i] = time[c];
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
