// The engine's seeded random numbers, in WebAssembly: sfc32 (Chris Doty-Humphrey's small fast
// counting generator) on 32-bit integers, with Marsaglia and Tsang's ziggurats (2000) for the
// exponential and the standard normal (docs/simulation.md, "The engine"). The TypeScript side of
// a run draws from this stream too (../random.ts).

const ZR: f64 = 7.697117470131487;
const ZV: f64 = 3.949659822581572e-3;
const NR: f64 = 3.442619855899;
const NV: f64 = 9.91256303526217e-3;
const M: f64 = 16777216; // 2²⁴: the ziggurats draw 24-bit points
const ZK = new StaticArray<f64>(256);
const ZW = new StaticArray<f64>(256);
const ZF = new StaticArray<f64>(256);
const NK = new StaticArray<f64>(128);
/** 2^(j/64), j = 0 … 63: the table of `exp` below. */
const EXP2 = new StaticArray<f64>(64);
const NW = new StaticArray<f64>(128);
const NF = new StaticArray<f64>(128);

let s0: i32 = 0;
let s1: i32 = 0;
let s2: i32 = 0;
let s3: i32 = 0;

/** Fills the ziggurat tables (the exponential's 256 layers, the normal's 128). */
function tables(): void {
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
  d = NR;
  td = d;
  const qn = NV / Math.exp(-0.5 * d * d);
  NK[0] = Math.floor((d / qn) * M);
  NK[1] = 0;
  NW[0] = qn / M;
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
  for (let j = 0; j < 64; j++) EXP2[j] = Math.pow(2, <f64>j / 64);
}

/** Starts the stream of a seed, given as its low 32 bits xor its high ones. */
export function seed(lowXorHigh: i32): void {
  tables();
  s0 = 0x9e3779b9;
  s1 = 0x243f6a88;
  s2 = 0xb7e15162;
  s3 = lowXorHigh;
  for (let i = 0; i < 15; i++) nextInt();
}

@inline export function nextInt(): i32 {
  const a = s0;
  const b = s1;
  const c = s2;
  const d = s3;
  const t = a + b + d;
  s3 = d + 1;
  s0 = b ^ (b >>> 9);
  s1 = c + (c << 3);
  s2 = ((c << 21) | (c >>> 11)) + t;
  return t;
}

/** Uniform on [0, 1). */
@inline export function uniform(): f64 {
  return <f64>(<u32>nextInt()) * 2.3283064365386963e-10;
}

/** Standard exponential: a table lookup and a compare in 98.9 % of draws. */
@inline export function exp1(): f64 {
  const j = nextInt();
  const i = j & 255;
  const x = <f64>(j >>> 8);
  if (x < ZK[i]) return x * ZW[i];
  return expSlow(x, i);
}

function expSlow(x: f64, i: i32): f64 {
  for (;;) {
    if (i == 0) return ZR - Math.log(1 - uniform());
    const v = x * ZW[i];
    if (ZF[i] + uniform() * (ZF[i - 1] - ZF[i]) < Math.exp(-v)) return v;
    const j = nextInt();
    i = j & 255;
    x = <f64>(j >>> 8);
    if (x < ZK[i]) return x * ZW[i];
  }
  return 0; // not reached
}

/** Standard normal: a table lookup and a compare in 98.8 % of draws. */
@inline export function normal(): f64 {
  const j = nextInt();
  const i = j & 127;
  const x = <f64>(j >> 7);
  if (Math.abs(x) < NK[i]) return x * NW[i];
  return normalSlow(x, i);
}

/** A lognormal draw: e^(μ + σZ), Z standard normal. */
@inline export function lognormal(mu: f64, sigma: f64): f64 {
  return exp(mu + sigma * normal());
}

const INV_LN2_64: f64 = 92.33248261689366; // 64 / ln 2
const LN2_64_HI: f64 = 0.010830424609594047; // ln 2 / 64 to 27 bits: k · HI is exact for |k| < 2²⁶
const LN2_64_LO: f64 = 8.66550983900947e-11; // ln 2 / 64 − HI
const ROUND: f64 = 6755399441055744; // 1.5 · 2⁵²

/**
 * e^x to within a few units in the last place: x = k·ln2/64 + r, |r| ≤ ln2/128, so
 * e^x = 2^(k/64) · e^r with 2^(k/64) from a 64-entry table and e^r from its Taylor series to r⁵
 * (the next term is below 4·10⁻¹⁷). Outside ±700, where 2^(k/64) leaves the normal range, Math.exp.
 */
@inline export function exp(x: f64): f64 {
  if (!(Math.abs(x) < 700)) return Math.exp(x);
  // Adding 1.5·2⁵² rounds x·64/ln 2 to the nearest integer, which lands in the low bits.
  const kd = x * INV_LN2_64 + ROUND;
  const ki = <i32>reinterpret<u64>(kd);
  const k = kd - ROUND;
  const r = x - k * LN2_64_HI - k * LN2_64_LO;
  const scale = reinterpret<f64>(<u64>((ki >> 6) + 1023) << 52) * EXP2[ki & 63];
  const p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
  return scale * p;
}

function normalSlow(x: f64, i: i32): f64 {
  for (;;) {
    if (i == 0) {
      // The tail beyond NR: x = −ln U₁ / NR, accepted when −2 ln U₂ > x².
      let t: f64 = 0;
      let y: f64 = 0;
      do {
        t = -Math.log(1 - uniform()) / NR;
        y = -Math.log(1 - uniform());
      } while (y + y < t * t);
      return x > 0 ? NR + t : -NR - t;
    }
    const v = x * NW[i];
    if (NF[i] + uniform() * (NF[i - 1] - NF[i]) < Math.exp(-0.5 * v * v)) return v;
    const j = nextInt();
    i = j & 127;
    x = <f64>(j >> 7);
    if (Math.abs(x) < NK[i]) return x * NW[i];
  }
  return 0; // not reached
}
