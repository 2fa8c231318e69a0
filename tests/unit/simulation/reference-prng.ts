// The engine's generator (src/simulation/engine/random.ts) in TypeScript: the reference its
// stream is checked against (engine-random.test.ts), and a seeded generator for the tests.
// sfc32 (Chris Doty-Humphrey's small fast counting generator) in int32 arithmetic; the state
// lives in an Int32Array.
import type { Random } from '../../../src/simulation/random';

// Ziggurat tables for the exponential (Marsaglia & Tsang 2000, 256 layers of equal area
// ZV), on 24-bit uniforms: ZK[i] accepts at once, ZW[i] scales to x, ZF[i] = e^(−x_i).
const ZR = 7.697117470131487;
const ZV = 3.949659822581572e-3;
const M = 2 ** 24;
const ZK = new Float64Array(256);
const ZW = new Float64Array(256);
const ZF = new Float64Array(256);
{
  let d = ZR;
  let td = d;
  const q = ZV / Math.exp(-d);
  ZK[0] = Math.floor((d / q) * M);
  ZK[1] = 0;
  ZW[0] = q / M;
  ZW[255] = d / M;
  ZF[0] = 1;
  ZF[255] = Math.exp(-d);
  for (let i = 254; i >= 1; i--) {
    d = -Math.log(ZV / d + Math.exp(-d));
    ZK[i + 1] = Math.floor((d / td) * M);
    td = d;
    ZF[i] = Math.exp(-d);
    ZW[i] = d / M;
  }
}

// Ziggurat tables for the standard normal's right half (Marsaglia & Tsang 2000, 128 layers
// of equal area NV), on 24-bit magnitudes: NK[i] accepts at once, NW[i] scales to x,
// NF[i] = e^(−x_i²/2).
const NR = 3.442619855899;
const NV = 9.91256303526217e-3;
const NK = new Float64Array(128);
const NW = new Float64Array(128);
const NF = new Float64Array(128);
{
  let d = NR;
  let td = d;
  const q = NV / Math.exp(-0.5 * d * d);
  NK[0] = Math.floor((d / q) * M);
  NK[1] = 0;
  NW[0] = q / M;
  NW[127] = d / M;
  NF[0] = 1;
  NF[127] = Math.exp(-0.5 * d * d);
  for (let i = 126; i >= 1; i--) {
    d = Math.sqrt(-2 * Math.log(NV / d + Math.exp(-0.5 * d * d)));
    NK[i + 1] = Math.floor((d / td) * M);
    td = d;
    NF[i] = Math.exp(-0.5 * d * d);
    NW[i] = d / M;
  }
}

export class Prng implements Random {
  private readonly s = new Int32Array(4);

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

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return mean * this.exp1();
  }

  /**
   * Standard exponential by Marsaglia and Tsang's ziggurat: one 32-bit draw, a table lookup
   * and a compare in 98.9 % of calls, where −ln U costs a logarithm on every call (a third of
   * the time of an M/M/1 run). The low 8 bits pick the layer, the upper 24 the point in it,
   * so layer and value come from different bits. Exact: the rejections and the tail beyond
   * the last layer (memoryless, so R + Exp(1)) make the distribution exponential.
   */
  exp1(): number {
    const j = this.nextInt();
    const i = j & 255;
    const x = j >>> 8;
    if (x < ZK[i]) return x * ZW[i];
    return this.expSlow(x, i);
  }

  private expSlow(x: number, i: number): number {
    for (;;) {
      if (i === 0) return ZR - Math.log(1 - this.next());
      const v = x * ZW[i];
      if (ZF[i] + this.next() * (ZF[i - 1] - ZF[i]) < Math.exp(-v)) return v;
      const j = this.nextInt();
      i = j & 255;
      x = j >>> 8;
      if (x < ZK[i]) return x * ZW[i];
    }
  }

  /**
   * Standard normal by Marsaglia and Tsang's ziggurat: one 32-bit draw, a lookup and a compare
   * in 98.8 % of calls, where Box–Muller costs a logarithm, a square root and a sine or cosine
   * per pair (lognormal service times draw one per request at each component). The low 7 bits
   * pick the layer, the top 25 the signed point in it (Doornik's remedy for the original's
   * shared bits). Exact: rejections in the wedges, and Marsaglia's tail method beyond the last
   * layer.
   */
  normal(): number {
    const j = this.nextInt();
    const i = j & 127;
    const x = j >> 7;
    if (Math.abs(x) < NK[i]) return x * NW[i];
    return this.normalSlow(x, i);
  }

  private normalSlow(x: number, i: number): number {
    for (;;) {
      if (i === 0) {
        // The tail beyond NR: x = −ln U₁ / NR, accepted when −2 ln U₂ > x².
        let t: number;
        let y: number;
        do {
          t = -Math.log(1 - this.next()) / NR;
          y = -Math.log(1 - this.next());
        } while (y + y < t * t);
        return x > 0 ? NR + t : -NR - t;
      }
      const v = x * NW[i];
      if (NF[i] + this.next() * (NF[i - 1] - NF[i]) < Math.exp(-0.5 * v * v)) return v;
      const j = this.nextInt();
      i = j & 127;
      x = j >> 7;
      if (Math.abs(x) < NK[i]) return x * NW[i];
    }
  }
}
