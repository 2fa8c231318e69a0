// What a scenario does for every request, in the engine (the rest — its events, autoscaling,
// closing its timeline's buckets — is ../scenario/hooks.ts): its open sources' arrivals, drawn
// against their load profiles by thinning (Lewis & Shedler 1979: candidates at a constant rate
// at least the profile's, each kept with probability rate(t) / that bound, the bound taken per
// bucket so that a short spike does not make the whole run draw ten times the candidates it
// keeps; ../scenario/profile.ts), and each user request's end counted in the bucket it falls in.
// The bounds are worked out once by the hooks (`maxOn`); the profile itself is evaluated here.
import * as C from './calendar';
import * as R from './random';
import * as T from './tables';
import * as S from './state';
import { startRequest } from './calls';
import { SCENARIO } from './stations';
import { copyF64, copyI32, grew } from './memory';
import { cutNext } from './ahead-log';

// The scenario's window in engine time: its warm-up before W, then nb buckets of bm ms up to end.
let W: f64 = 0;
let end: f64 = 0;
let bm: f64 = 1;
let nb: i32 = 0;

// ---- per bucket ----
let offered = new StaticArray<f64>(0);
let good = new StaticArray<f64>(0);
let lost = new StaticArray<f64>(0);
/** Buckets closed so far: the open one's requests go into its latency histogram `hist`. */
let closed: i32 = 0;
let hist: i32 = 0;
/** Latencies of requests known ahead to end in a bucket not open yet, and those buckets. */
let laterBucket = new StaticArray<i32>(0);
let laterMs = new StaticArray<f64>(0);
let laterCount: i32 = 0;
/** User requests sent in the scenario's window that succeeded, and their latency sum. */
let ok: f64 = 0;
let okMs: f64 = 0;

// ---- per node: the open sources' profiles ----
/** No profile: the source sends at its rate, and keeps every candidate without a draw. */
const NONE: u8 = 0;
const FLAT: u8 = 1;
const STEP: u8 = 2;
const RAMP: u8 = 3;
const SPIKE: u8 = 4;
const DIURNAL: u8 = 5;
const POINTS: u8 = 6;
let shape = new StaticArray<u8>(0);
let base = new StaticArray<f64>(0);
// step: at, factor; ramp: from, to, factor; spike: at, duration, factor; diurnal: period,
// amplitude, phase; points: where its pairs begin in `points`, how many.
let pa = new StaticArray<f64>(0);
let pb = new StaticArray<f64>(0);
let pc = new StaticArray<f64>(0);
let points = new StaticArray<f64>(0);
/** Per open source from majAt[s], per segment (the warm-up, then each bucket): the bound its candidates are drawn at. */
let maj = new StaticArray<f64>(0);
let majAt = new StaticArray<i32>(0);
let sources: i32 = 0;
/** The bound the source's pending candidate was drawn at. */
let candMaj = new StaticArray<f64>(0);

/** A scenario over n nodes, `open` of them open sources: warm-up up to `warm` ms, `buckets` buckets of `bucketMs`, ending at `endMs`; the open bucket's latencies in histogram `h`. */
export function setup(n: i32, open: i32, warm: f64, endMs: f64, bucketMs: f64, buckets: i32, h: i32): void {
  W = warm;
  end = endMs;
  bm = bucketMs;
  nb = buckets;
  hist = h;
  offered = new StaticArray<f64>(buckets);
  good = new StaticArray<f64>(buckets);
  lost = new StaticArray<f64>(buckets);
  closed = 0;
  laterBucket = new StaticArray<i32>(64);
  laterMs = new StaticArray<f64>(64);
  laterCount = 0;
  ok = okMs = 0;
  shape = new StaticArray<u8>(n);
  base = new StaticArray<f64>(n);
  pa = new StaticArray<f64>(n);
  pb = new StaticArray<f64>(n);
  pc = new StaticArray<f64>(n);
  points = new StaticArray<f64>(0);
  maj = new StaticArray<f64>(open * (buckets + 1));
  majAt = new StaticArray<i32>(n);
  sources = 0;
  candMaj = new StaticArray<f64>(n);
  // The first cut of the counters is the scenario's start.
  cutNext(warm);
  grew();
}

/** Open source s at `rate` rps and its profile (none 0, flat 1, step 2, ramp 3, spike 4, diurnal 5, points 6: then addPoint). */
export function source(s: i32, rate: f64, profile: i32, a: f64, b: f64, c: f64): void {
  majAt[s] = sources++ * (nb + 1);
  base[s] = rate;
  shape[s] = <u8>profile;
  pa[s] = a;
  pb[s] = b;
  pc[s] = c;
}

/** The next (seconds, multiplier) pair of source s's profile by points, in time order. */
export function addPoint(s: i32, t: f64, m: f64): void {
  if (pb[s] == 0) pa[s] = <f64>(points.length >> 1);
  const at = points.length;
  points = copyF64(points, at + 2);
  points[at] = t;
  points[at + 1] = m;
  pb[s] += 1;
  grew();
}

/** Source s's candidates are drawn at `bound` rps in segment `seg` (0: the warm-up, b + 1: bucket b). */
export function setBound(s: i32, seg: i32, bound: f64): void {
  maj[majAt[s] + seg] = bound;
}

/** Source s's first candidate, from time 0 (`rate`: a source that sends evenly spaced sends at it). */
export function first(s: i32, rate: f64): void {
  nextCandidate(s, 0, -1, rate);
}

/** Source s's rate at `t` seconds from the start of the scenario, rps. */
export function rate(s: i32, t: f64): f64 {
  return base[s] * multiplier(s, t);
}

/** A source's candidate arrival: kept with probability rate(t) / the bound it was drawn at. */
export function candidate(s: i32): void {
  const t = S.now;
  const none = shape[s] == NONE;
  const rate = none ? base[s] : base[s] * multiplier(s, t < W ? 0 : (t - W) / 1000);
  // Its segment: −1 the warm-up, else its bucket (a candidate comes before the end).
  const seg = t < W ? -1 : <i32>min(<f64>(nb - 1), Math.floor((t - W) / bm));
  // A source without a profile draws at its rate: every candidate is kept.
  const keep = T.uniform[s] ? rate > 0 : none || R.uniform() * candMaj[s] < rate;
  nextCandidate(s, t, seg, rate);
  if (!keep) return;
  if (seg >= 0) offered[seg] += 1;
  startRequest(s);
}

/** A request sent at t counts as offered in t's bucket. */
export function offer(t: f64): void {
  const b = bucketAt(t);
  if (b >= 0) offered[b] += 1;
}

/** A user request that arrived at `arrive` ended at t (known ahead of time when t is later than now). */
export function rootDone(failed: bool, arrive: f64, t: f64): void {
  const b = bucketAt(t);
  if (failed) {
    if (b >= 0) lost[b] += 1;
    return;
  }
  const v = t - arrive;
  if (arrive >= W && arrive < end) {
    ok += 1;
    okMs += v;
  }
  if (b < 0) return;
  good[b] += 1;
  // The latency histogram is the open bucket's; a later bucket's waits for it.
  if (b == closed) return T.addSample(hist, v);
  if (laterCount == laterBucket.length) growLater();
  laterBucket[laterCount] = b;
  laterMs[laterCount++] = v;
}

/** Bucket b is closed (its latencies read): the histogram starts afresh with what was known ahead to end in the next. */
export function close(b: i32): void {
  closed = b + 1;
  T.hCounts.fill(0, hist * T.BUCKETS, (hist + 1) * T.BUCKETS);
  T.hN[hist] = 0;
  T.hSum[hist] = 0;
  T.hMin[hist] = Infinity;
  T.hMax[hist] = -Infinity;
  let kept = 0;
  for (let i = 0; i < laterCount; i++) {
    if (laterBucket[i] == b + 1) T.addSample(hist, laterMs[i]);
    else {
      laterBucket[kept] = laterBucket[i];
      laterMs[kept++] = laterMs[i];
    }
  }
  laterCount = kept;
}

/**
 * The counters were cut at `now` (the scenario's start or a bucket's end, ../scenario/buckets.ts):
 * the next cut is the first bucket end after now, worked out as the hooks schedule it.
 */
export function cutTaken(now: f64): void {
  let next: f64 = Infinity;
  if (now < W) next = W;
  else {
    for (let b = max(0, <i32>Math.floor((now - W) / bm) - 1); b < nb; b++) {
      if (bucketEnd(b) > now) {
        next = bucketEnd(b);
        break;
      }
    }
  }
  cutNext(next);
}

/** Bucket b's requests offered (0), succeeded (1) and failed (2); the window's successes (3) and their latency sum (4). */
export function figure(which: i32, b: i32): f64 {
  return which == 0 ? offered[b] : which == 1 ? good[b] : which == 2 ? lost[b] : which == 3 ? ok : okMs;
}

/**
 * The next candidate after `t` (in segment `seg`): exponential gaps at the segment's bound,
 * restarted at the segment's end when a gap crosses it (memoryless, so the stream stays
 * exact); evenly spaced sources space by the current rate. None past the end of the run.
 */
function nextCandidate(s: i32, t: f64, seg: i32, rate: f64): void {
  const at = majAt[s];
  let x = t;
  if (T.uniform[s]) {
    x = rate > 0 ? t + 1000 / rate : segEnd(seg);
    if (x < end) C.schedule(x, s * 8 + SCENARIO);
    return;
  }
  for (let k = seg; k < nb; k++) {
    const bound = maj[at + k + 1];
    const stop = segEnd(k);
    if (bound > 0) {
      x += (1000 / bound) * R.exp1();
      if (x < stop) {
        candMaj[s] = bound;
        C.schedule(x, s * 8 + SCENARIO);
        return;
      }
    }
    x = stop;
  }
}

@inline function bucketEnd(b: i32): f64 {
  return b + 1 >= nb ? end : W + <f64>(b + 1) * bm;
}

@inline function segEnd(seg: i32): f64 {
  return seg < 0 ? W : bucketEnd(seg);
}

@inline function bucketAt(t: f64): i32 {
  if (t < W || t >= end) return -1;
  return <i32>min(<f64>(nb - 1), Math.floor((t - W) / bm));
}

/** Source s's profile at `t` seconds from the start of the scenario (../scenario/profile.ts, multiplier). */
function multiplier(s: i32, t: f64): f64 {
  const kind = shape[s];
  if (kind == NONE || kind == FLAT) return 1;
  const a = pa[s];
  const b = pb[s];
  const c = pc[s];
  if (kind == STEP) return t >= a ? b : 1;
  if (kind == RAMP) {
    if (t <= a) return 1;
    if (t >= b) return c;
    return 1 + ((c - 1) * (t - a)) / (b - a);
  }
  if (kind == SPIKE) return t >= a && t < a + b ? c : 1;
  if (kind == DIURNAL) return max(0, 1 + b * Math.sin((2 * Math.PI * (t - c)) / a));
  // Points: (seconds, multiplier) pairs from pair `a`, `b` of them, in time order.
  const at = <i32>a << 1;
  const count = <i32>b;
  if (count == 0) return 1;
  if (t <= points[at]) return points[at + 1];
  for (let i = 1; i < count; i++) {
    const t1 = points[at + 2 * i];
    if (t <= t1) {
      const t0 = points[at + 2 * i - 2];
      const m0 = points[at + 2 * i - 1];
      const m1 = points[at + 2 * i + 1];
      return t1 > t0 ? m0 + ((m1 - m0) * (t - t0)) / (t1 - t0) : m1;
    }
  }
  return points[at + 2 * count - 1];
}

function growLater(): void {
  const n = laterBucket.length << 1;
  laterBucket = copyI32(laterBucket, n);
  laterMs = copyF64(laterMs, n);
  grew();
}
