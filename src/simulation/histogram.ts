// Latency percentiles without keeping samples: buckets read straight from the bits of the
// double (HdrHistogram's idea) — each power of two split into 128 equal steps, so a bucket is at
// most 0.78 % wide and any percentile read back is within that of the sample percentile. No
// logarithm per sample. Values are interpolated inside their bucket and clamped to the exact
// minimum and maximum, which keeps constant latencies exact. Range 1 µs … 12 days; 20 kB each
// (a design of hundreds of components keeps one per component in the processor's cache, and
// 2,000 components need 40 MB, not 80).
const SUB_BITS = 7;
const SUB = 1 << SUB_BITS;
const MIN_EXP = -10; // 2⁻¹⁰ ms ≈ 1 µs: anything below counts in bucket 0
const MAX_EXP = 30;
export const BUCKETS = (MAX_EXP - MIN_EXP) * SUB + 1;
const scratch = new Float64Array(1);
const bits = new Uint32Array(scratch.buffer);
// The high word of a double: sign, 11 exponent bits, then the top 20 mantissa bits.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function bucketOf(v: number): number {
  scratch[0] = v;
  const hi = bits[HI];
  const b = (((hi >>> 20) - 1023 - MIN_EXP) << SUB_BITS) + ((hi >>> (20 - SUB_BITS)) & (SUB - 1)) + 1;
  return b < 1 || v < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
}

/** Lower edge and width of bucket b. */
function edges(b: number): [number, number] {
  if (b === 0) return [0, 2 ** MIN_EXP];
  const octave = 2 ** (((b - 1) >> SUB_BITS) + MIN_EXP);
  return [octave * (1 + ((b - 1) & (SUB - 1)) / SUB), octave / SUB];
}

/** The arrays of a set of histograms: counts per bucket, and per histogram n, sum, min and max. */
export interface HistogramArrays {
  counts: Uint32Array;
  n: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/** Many histograms in one typed array (one per component, per source, end to end). */
export class Histograms implements HistogramArrays {
  counts!: Uint32Array;
  n!: Float64Array;
  sum!: Float64Array;
  min!: Float64Array;
  max!: Float64Array;

  /** `count` new histograms, or the engine's (engine-memory.ts), whose arrays `attach` replaces when its memory grows. */
  constructor(of: number | HistogramArrays) {
    if (typeof of !== 'number') {
      this.attach(of);
      return;
    }
    this.attach({
      counts: new Uint32Array(of * BUCKETS),
      n: new Float64Array(of),
      sum: new Float64Array(of),
      min: new Float64Array(of).fill(Infinity),
      max: new Float64Array(of).fill(-Infinity),
    });
  }

  attach(a: HistogramArrays): void {
    this.counts = a.counts;
    this.n = a.n;
    this.sum = a.sum;
    this.min = a.min;
    this.max = a.max;
  }

  /**
   * The value `addSample` records next. The engine hands values over in this field: a double
   * passed to a call the compiler did not inline is boxed in a fresh heap object.
   */
  sample = 0.5;

  add(h: number, v: number): void {
    this.sample = v;
    this.addSample(h);
  }

  addSample(h: number): void {
    const v = this.sample;
    this.n[h]++;
    this.sum[h] += v;
    if (v < this.min[h]) this.min[h] = v;
    if (v > this.max[h]) this.max[h] = v;
    this.counts[h * BUCKETS + bucketOf(v)]++;
  }

  /** Makes histogram `to` a copy of histogram `from`. */
  copy(from: number, to: number): void {
    this.counts.copyWithin(to * BUCKETS, from * BUCKETS, (from + 1) * BUCKETS);
    this.n[to] = this.n[from];
    this.sum[to] = this.sum[from];
    this.min[to] = this.min[from];
    this.max[to] = this.max[from];
  }

  mean(h: number): number | null {
    return this.n[h] > 0 ? this.sum[h] / this.n[h] : null;
  }

  /** p_q: the ⌈q·n⌉-th smallest sample, to within the bucket width. */
  quantile(h: number, q: number): number | null {
    const n = this.n[h];
    if (n === 0) return null;
    const rank = Math.max(1, Math.ceil(q * n - 1e-9));
    if (rank >= n) return this.max[h];
    const base = h * BUCKETS;
    let below = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = this.counts[base + b];
      if (below + c >= rank) {
        if (b === BUCKETS - 1) return this.max[h]; // beyond the range: only the maximum is known
        const [lo, width] = edges(b);
        const v = lo + (width * (rank - below - 0.5)) / c;
        return Math.min(this.max[h], Math.max(this.min[h], v));
      }
      below += c;
    }
    return this.max[h];
  }

  /** A coarse linear histogram for display: `bins` equal bins from 0 to the p99.9, the rest in the last. */
  display(h: number, bins = 40): { binsMs: number[]; counts: number[] } {
    const top = this.quantile(h, 0.999);
    if (top === null) return { binsMs: [], counts: [] };
    const width = niceWidth(top / bins);
    const k = Math.max(1, Math.min(bins, Math.ceil(top / width)));
    const counts = new Array<number>(k).fill(0);
    const base = h * BUCKETS;
    for (let b = 0; b < BUCKETS; b++) {
      const c = this.counts[base + b];
      if (c === 0) continue;
      const [lo, w] = edges(b);
      const mid = lo + w / 2;
      counts[Math.min(k - 1, Math.floor(Math.min(this.max[h], Math.max(this.min[h], mid)) / width))] += c;
    }
    return { binsMs: counts.map((_, i) => i * width), counts };
  }
}

/** 1, 2 or 5 × a power of ten, at least x: readable bin edges. */
function niceWidth(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
