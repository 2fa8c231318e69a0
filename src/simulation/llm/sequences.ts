// The requests an LLM server holds (station.ts), pooled: one slot per request from its arrival
// to its last token, its fields in typed arrays grown by doubling, slots reused once free.
export class Sequences {
  /** The engine's request slot. */
  job: Int32Array;
  /** Prompt and output lengths in tokens. */
  prompt: Int32Array;
  out: Int32Array;
  /** When it arrived, was admitted, had its first token. */
  arrive: Float64Array;
  admit: Float64Array;
  first: Float64Array;
  /** Its context at its last decode step (prompt + output), taken off the replica's sum then. */
  ctxEnd: Float64Array;
  private cap: number;
  private free: number[] = [];
  private used = 0;

  constructor(cap = 256) {
    this.cap = cap;
    this.job = new Int32Array(cap);
    this.prompt = new Int32Array(cap);
    this.out = new Int32Array(cap);
    this.arrive = new Float64Array(cap);
    this.admit = new Float64Array(cap);
    this.first = new Float64Array(cap);
    this.ctxEnd = new Float64Array(cap);
  }

  alloc(): number {
    if (this.free.length > 0) return this.free.pop()!;
    if (this.used === this.cap) this.grow();
    return this.used++;
  }

  release(s: number): void {
    this.free.push(s);
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.job = g(this.job);
    this.prompt = g(this.prompt);
    this.out = g(this.out);
    this.arrive = g(this.arrive);
    this.admit = g(this.admit);
    this.first = g(this.first);
    this.ctxEnd = g(this.ctxEnd);
    this.cap = cap;
  }
}
