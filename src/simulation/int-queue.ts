// Waiting lines kept on the TypeScript side of a run: an LLM server's queue (llm/station.ts).
/** A FIFO of ints in a growable ring buffer. */
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
