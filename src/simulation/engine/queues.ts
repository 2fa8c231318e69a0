// Waiting lines: each component's FIFO of requests, and each connection's FIFO of calls in
// flight over its network delay (constant, so they arrive in the order they were made).
import { grew } from './memory';

/** A FIFO of ints in a growable ring buffer. */
export class IntQueue {
  buf: StaticArray<i32> = new StaticArray<i32>(16);
  head: i32 = 0;
  size: i32 = 0;

  @inline push(v: i32): void {
    if (this.size == this.buf.length) this.grow();
    this.buf[(this.head + this.size++) & (this.buf.length - 1)] = v;
  }

  @inline peek(): i32 {
    return this.buf[this.head];
  }

  @inline shift(): i32 {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.size--;
    return v;
  }

  grow(): void {
    const n = this.buf.length;
    const buf = new StaticArray<i32>(n << 1);
    for (let i = 0; i < this.size; i++) buf[i] = this.buf[(this.head + i) & (n - 1)];
    this.buf = buf;
    this.head = 0;
    grew();
  }
}

export let queues = new StaticArray<IntQueue>(0);
export let lanes = new StaticArray<IntQueue>(0);

export function allocateQueues(n: i32, m: i32): void {
  queues = new StaticArray<IntQueue>(n);
  for (let i = 0; i < n; i++) queues[i] = new IntQueue();
  lanes = new StaticArray<IntQueue>(m);
  for (let i = 0; i < m; i++) lanes[i] = new IntQueue();
  grew();
}
