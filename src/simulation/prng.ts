// A seeded PRNG: sfc32 (Chris Doty-Humphrey's small fast counting generator) in int32
// arithmetic — the same seed gives the same stream on every engine and machine, and it runs
// several times faster than a generator that coerces with `>>> 0` at every step.
// The state lives in an Int32Array: object fields would box every value above 2³⁰.
export class Prng {
  private readonly s = new Int32Array(4);
  /** The second normal deviate of the last Box–Muller pair, or NaN. */
  private spare = NaN;

  constructor(seed: number) {
    // Spread the seed over the state, then discard the first outputs so seeds 1, 2, 3…
    // give unrelated streams.
    this.s[0] = 0x9e3779b9;
    this.s[1] = 0x243f6a88;
    this.s[2] = 0xb7e15162;
    this.s[3] = (seed | 0) ^ Math.floor(seed / 4294967296);
    for (let i = 0; i < 15; i++) this.nextInt();
  }

  nextInt(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t;
  }

  /** Uniform on [0, 1). */
  next(): number {
    return (this.nextInt() >>> 0) * 2.3283064365386963e-10;
  }

  /** Exponential with the given mean: 1 − U lies in (0, 1], so the log is finite. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Standard normal by Box–Muller, keeping the pair's second value for the next call. */
  normal(): number {
    const s = this.spare;
    if (s === s) {
      this.spare = NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const th = 6.283185307179586 * this.next();
    this.spare = r * Math.sin(th);
    return r * Math.cos(th);
  }
}
