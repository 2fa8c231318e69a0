// The future-event list: a calendar queue (R. Brown, "Calendar queues: a fast O(1) priority
// queue implementation for the simulation event set problem", CACM 31(10), 1988). Time is cut
// into buckets of equal width laid round a "year" of a power-of-two number of buckets, each
// holding its events as a sorted list, so a push or a pop costs a few steps however many events
// are pending (a binary heap pays log₂ n levels); up to SMALL pending events it is one sorted list. Ties go by sequence number, the order the events
// were scheduled in (SimPy's (time, priority, id) with one priority), unless the engine keeps a
// number handed out earlier. The width changes only how fast the earliest is found, never which.
import { copyF64, copyI32, grew } from './memory';

const REVIEW: i32 = 1 << 14;
const SMALL: i32 = 8;

export let size: i32 = 0;
/** Time of the event `take` returned last. */
export let time: f64 = 0;
/** The next sequence number (a double: long runs pass 2³¹ events). */
let seq: f64 = 0;

let eTime = new StaticArray<f64>(1024);
let eSeq = new StaticArray<f64>(1024);
let eData = new StaticArray<i32>(1024);
let eNext = new StaticArray<i32>(1024);
/** Each event's bucket number before the modulo (bucketOf its time), so the search compares integers. */
let eVb = new StaticArray<i32>(1024);
let free = new StaticArray<i32>(1024);
let freeTop: i32 = 0;
let used: i32 = 0;

let mask: i32 = 0;
let heads = new StaticArray<i32>(1);
let growAt: i32 = SMALL;
let shrinkAt: i32 = -1;
let origin: f64 = 0;
let invWidth: f64 = 1;
/** Virtual bucket (before the modulo) the search starts from: no pending event lies before it. */
let cur: i32 = 0;
/** List steps taken (insertions into a bucket's list) and empty buckets walked past (searches) since the last review. */
let steps: i32 = 0;
let empties: i32 = 0;
/**
 * Brown's width times this: halved when insertions walk long lists while searches find their
 * bucket at once (buckets too wide for how the events bunch near the front), doubled the other
 * way round; between 1/64 and 64.
 */
let tune: f64 = 1;
let countdown: i32 = 64;
/** Scratch lists of resize, kept: the allocator never frees. */
let all = new StaticArray<i32>(1024);
let tails = new StaticArray<i32>(1024);

export function reset(): void {
  size = 0;
  time = 0;
  seq = 0;
  freeTop = 0;
  used = 0;
  mask = 0;
  heads[0] = -1;
  growAt = SMALL;
  shrinkAt = -1;
  cur = 0;
  steps = 0;
  empties = 0;
  tune = 1;
  countdown = 64;
}

/** Hands out the next sequence number, for an event that enters the queue later. */
@inline export function number(): f64 {
  const s = seq;
  seq = s + 1;
  return s;
}

/** Adds an event at `t`, numbered next in schedule order. */
@inline export function schedule(t: f64, payload: i32): void {
  add(t, number(), payload);
}

/** (t − origin) / width truncated, held within ±10⁹: a number that never decreases with t. */
@inline function bucketOf(t: f64): i32 {
  const x = (t - origin) * invWidth;
  return x < 1e9 ? (x > -1e9 ? <i32>x : -1000000000) : 1000000000;
}

/** Adds an event at time t with sequence number s. */
export function add(t: f64, s: f64, payload: i32): void {
  const e = freeTop > 0 ? free[--freeTop] : fresh();
  eTime[e] = t;
  eSeq[e] = s;
  eData[e] = payload;
  const vb = mask == 0 ? 0 : bucketOf(t);
  eVb[e] = vb;
  const b = vb & mask;
  const p = heads[b];
  if (p < 0 || t < eTime[p] || (t == eTime[p] && s < eSeq[p])) {
    eNext[e] = p;
    heads[b] = e;
  } else insertAfter(p, e, t, s);
  if (vb < cur) cur = vb;
  if (++size > growAt) resize(mask == 0 ? SMALL : (mask + 1) << 1);
}

function insertAfter(p: i32, e: i32, t: f64, s: f64): void {
  let q = eNext[p];
  while (q >= 0 && (eTime[q] < t || (eTime[q] == t && eSeq[q] < s))) {
    p = q;
    q = eNext[q];
    steps++;
  }
  eNext[e] = q;
  eNext[p] = e;
}

/** Takes back the pending event at time t with this payload (false if there is none). */
export function cancel(t: f64, payload: i32): bool {
  const b = mask == 0 ? 0 : bucketOf(t) & mask;
  let p = -1;
  let e = heads[b];
  while (e >= 0 && (eData[e] != payload || eTime[e] != t)) {
    p = e;
    e = eNext[e];
  }
  if (e < 0) return false;
  if (p < 0) heads[b] = eNext[e];
  else eNext[p] = eNext[e];
  free[freeTop++] = e;
  size--;
  return true;
}

/** Removes the earliest event and returns its payload; its time is then in `time`. */
@inline export function take(): i32 {
  const e = find();
  heads[cur & mask] = eNext[e];
  free[freeTop++] = e;
  time = eTime[e];
  if (--size < shrinkAt || --countdown == 0) review();
  return eData[e];
}

/** Walks the year from the current bucket for an event due in it; failing that, takes the earliest head. */
@inline function find(): i32 {
  if (mask == 0) return heads[0];
  let vb = cur;
  for (let i = 0; i <= mask; i++, vb++) {
    const h = heads[vb & mask];
    if (h >= 0 && eVb[h] == vb) {
      empties += i;
      cur = vb;
      return h;
    }
  }
  let best = -1;
  for (let b = 0; b <= mask; b++) {
    const h = heads[b];
    if (h >= 0 && (best < 0 || before(h, best))) best = h;
  }
  empties += 2 * mask;
  cur = eVb[best];
  return best;
}

@inline function before(a: i32, b: i32): bool {
  return eTime[a] < eTime[b] || (eTime[a] == eTime[b] && eSeq[a] < eSeq[b]);
}

/**
 * A calendar four times too large is laid out afresh, smaller; one costing many steps per
 * operation, afresh at the width Brown's estimate gives now; one whose steps are mostly list
 * steps, or mostly empty buckets, at a narrower or a wider width (a self-tuning calendar, after
 * Tan and Thng's SNOOPy calendar queue, 2000).
 */
function review(): void {
  const nb = mask + 1;
  if (size < shrinkAt) return resize(nb > SMALL ? nb >> 1 : 1);
  if (steps + empties > 6 * REVIEW || cur > 1 << 29) return resize(nb);
  if (steps + empties > REVIEW >> 1 && mask > 0) {
    if (steps > 3 * empties && tune > 1.0 / 64) {
      tune *= 0.5;
      return resize(nb);
    }
    if (empties > 3 * steps && tune < 64) {
      tune *= 2;
      return resize(nb);
    }
  }
  steps = 0;
  empties = 0;
  countdown = REVIEW;
}

/** Lays the pending events out over `nb` buckets, three times the mean gap between the earliest wide (Brown). */
function resize(nb: i32): void {
  if (all.length < size) all = new StaticArray<i32>(size << 1);
  if (tails.length < nb) tails = new StaticArray<i32>(nb);
  let n = 0;
  for (let b = 0; b <= mask; b++) for (let e = heads[b]; e >= 0; e = eNext[e]) all[n++] = e;
  sortByTime(all, n);
  const width = estimateWidth(all, n) * tune;
  if (width > 0) invWidth = 1 / width;
  origin = n > 0 ? eTime[all[0]] : 0;
  mask = nb - 1;
  growAt = nb == 1 ? SMALL : 2 * nb;
  shrinkAt = nb == 1 ? -1 : nb == SMALL ? SMALL >> 2 : nb >> 2;
  if (heads.length < nb) heads = new StaticArray<i32>(nb);
  for (let b = 0; b < nb; b++) heads[b] = -1;
  cur = 0;
  steps = 0;
  empties = 0;
  countdown = REVIEW;
  for (let i = 0; i < n; i++) {
    const e = all[i];
    const vb = bucketOf(eTime[e]);
    eVb[e] = vb;
    const b = vb & mask;
    // Sorted order, so each goes at the end of its list.
    eNext[e] = -1;
    if (heads[b] < 0) heads[b] = e;
    else eNext[tails[b]] = e;
    tails[b] = e;
  }
  grew();
}

/** Three times the mean gap between the (up to) 25 earliest times, gaps over twice the mean left out; 0 if unknown. */
function estimateWidth(sorted: StaticArray<i32>, n: i32): f64 {
  const k = min(n, 25);
  if (k < 2) return 0;
  const mean = (eTime[sorted[k - 1]] - eTime[sorted[0]]) / <f64>(k - 1);
  let sum: f64 = 0;
  let count = 0;
  for (let i = 1; i < k; i++) {
    const gap = eTime[sorted[i]] - eTime[sorted[i - 1]];
    if (gap <= 2 * mean) {
      sum += gap;
      count++;
    }
  }
  return count > 0 && sum > 0 ? (3 * sum) / count : 0;
}

/** Heapsort of event slots by (time, sequence): a total order, so any sort gives this one. */
function sortByTime(a: StaticArray<i32>, n: i32): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) sift(a, i, n);
  for (let end = n - 1; end > 0; end--) {
    const t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift(a, 0, end);
  }
}

function sift(a: StaticArray<i32>, i: i32, n: i32): void {
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) return;
    if (c + 1 < n && before(a[c], a[c + 1])) c++;
    if (!before(a[i], a[c])) return;
    const t = a[i];
    a[i] = a[c];
    a[c] = t;
    i = c;
  }
}

function fresh(): i32 {
  if (used == eTime.length) {
    const n = used << 1;
    eTime = copyF64(eTime, n);
    eSeq = copyF64(eSeq, n);
    eData = copyI32(eData, n);
    eNext = copyI32(eNext, n);
    eVb = copyI32(eVb, n);
    free = new StaticArray<i32>(n);
    grew();
  }
  return used++;
}
