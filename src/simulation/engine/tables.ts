// The engine's tables in its memory: the compiled design flattened into arrays (written once
// by ../des-engine.ts from ../des-state.ts's Nodes, then changed by scenarios), the run's state
// and counters, the latency histograms, and the request slots. JavaScript sees the arrays
// listed in `arrays` through typed-array views, in that order (../engine-memory.ts).
import { copyI32, grew } from './memory';

// ---- per component (n) ----
export let servers = new StaticArray<i32>(0);
export let pass = new StaticArray<u8>(0);
/** 0 exponential, 1 constant, 2 lognormal, 3 a slow share on top of baseDist. */
export let dist = new StaticArray<u8>(0);
export let mean = new StaticArray<f64>(0);
export let lnMu = new StaticArray<f64>(0);
export let lnSigma = new StaticArray<f64>(0);
/** Waiting requests that make an arrival be rejected; −1 = no limit. */
export let queueLimit = new StaticArray<i32>(0);
export let hit = new StaticArray<f64>(0);
export let dispatchOne = new StaticArray<u8>(0);
export let sequential = new StaticArray<u8>(0);
export let hasAsync = new StaticArray<u8>(0);
/** One synchronous call, always made: the commonest case, taken first. */
export let pipe = new StaticArray<u8>(0);
export let batchMax = new StaticArray<i32>(0);
export let batchTimeout = new StaticArray<f64>(0);
export let batchPerItem = new StaticArray<f64>(0);
export let rate = new StaticArray<f64>(0);
export let uniform = new StaticArray<u8>(0);
export let failRate = new StaticArray<f64>(0);
export let baseDist = new StaticArray<u8>(0);
export let slowShare = new StaticArray<f64>(0);
export let slowFactor = new StaticArray<f64>(0);
/** Outgoing connection slots of u: outStart[u] … outStart[u + 1] − 1 (n + 1 entries). */
export let outStart = new StaticArray<i32>(0);
/** Think time of a closed-loop source, −1 for every other node. */
export let think = new StaticArray<f64>(0);
/** Histogram of each source's requests; −1 for other nodes. */
export let sourceHist = new StaticArray<i32>(0);
/** The LLM servers' index (../llm/station.ts), −1 for other nodes. */
export let llmAt = new StaticArray<i32>(0);
// Run state.
export let busy = new StaticArray<i32>(0);
export let inSystem = new StaticArray<i32>(0);
export let timerPending = new StaticArray<u8>(0);
/** > 0 while a scenario has the component refuse calls. */
export let down = new StaticArray<u8>(0);

// ---- per connection slot (m) ----
export let eTo = new StaticArray<i32>(0);
export let eAsync = new StaticArray<u8>(0);
export let eShare = new StaticArray<f64>(0);
export let eCumShare = new StaticArray<f64>(0);
export let eNet = new StaticArray<f64>(0);
/** 1: the connection's calls go through the host's resilience (timeouts, retries, breakers, hedges). */
export let eRes = new StaticArray<u8>(0);

// ---- counters (../des-state.ts, Counters) ----
export let arrivals = new StaticArray<f64>(0);
export let completions = new StaticArray<f64>(0);
export let rejections = new StaticArray<f64>(0);
export let waitSum = new StaticArray<f64>(0);
export let batches = new StaticArray<f64>(0);
export let busyArea = new StaticArray<f64>(0);
export let countArea = new StaticArray<f64>(0);
export let last = new StaticArray<f64>(0);
export let edgeCalls = new StaticArray<f64>(0);
export let resCalls = new StaticArray<f64>(0);
export let retries = new StaticArray<f64>(0);
export let hedges = new StaticArray<f64>(0);
export let timedOut = new StaticArray<f64>(0);
export let breakerOpen = new StaticArray<f64>(0);
/** rootsDone, rootsFailed, rootCauses ×4, halves ×4, the window's rootsDone, a window taken (1). */
export let stats = new StaticArray<f64>(12);
// The window: the counters frozen at the last source arrival.
export let wArrivals = new StaticArray<f64>(0);
export let wCompletions = new StaticArray<f64>(0);
export let wRejections = new StaticArray<f64>(0);
export let wBatches = new StaticArray<f64>(0);
export let wBusyArea = new StaticArray<f64>(0);
export let wCountArea = new StaticArray<f64>(0);
export let wEdgeCalls = new StaticArray<f64>(0);

// ---- histograms (../histogram.ts) ----
export const BUCKETS: i32 = 40 * 128 + 1;
export let hCounts = new StaticArray<u32>(0);
export let hN = new StaticArray<f64>(0);
export let hSum = new StaticArray<f64>(0);
export let hMin = new StaticArray<f64>(0);
export let hMax = new StaticArray<f64>(0);

/** The pointers of the shared arrays, in the order ../engine-memory.ts lists them. */
export const arrays = new StaticArray<usize>(64);

export function allocate(n: i32, m: i32, histograms: i32): void {
  servers = new StaticArray<i32>(n);
  pass = new StaticArray<u8>(n);
  dist = new StaticArray<u8>(n);
  mean = new StaticArray<f64>(n);
  lnMu = new StaticArray<f64>(n);
  lnSigma = new StaticArray<f64>(n);
  queueLimit = new StaticArray<i32>(n);
  hit = new StaticArray<f64>(n);
  dispatchOne = new StaticArray<u8>(n);
  sequential = new StaticArray<u8>(n);
  hasAsync = new StaticArray<u8>(n);
  pipe = new StaticArray<u8>(n);
  batchMax = new StaticArray<i32>(n);
  batchTimeout = new StaticArray<f64>(n);
  batchPerItem = new StaticArray<f64>(n);
  rate = new StaticArray<f64>(n);
  uniform = new StaticArray<u8>(n);
  failRate = new StaticArray<f64>(n);
  baseDist = new StaticArray<u8>(n);
  slowShare = new StaticArray<f64>(n);
  slowFactor = new StaticArray<f64>(n);
  outStart = new StaticArray<i32>(n + 1);
  think = new StaticArray<f64>(n);
  sourceHist = new StaticArray<i32>(n);
  llmAt = new StaticArray<i32>(n);
  busy = new StaticArray<i32>(n);
  inSystem = new StaticArray<i32>(n);
  timerPending = new StaticArray<u8>(n);
  down = new StaticArray<u8>(n);
  eTo = new StaticArray<i32>(m);
  eAsync = new StaticArray<u8>(m);
  eShare = new StaticArray<f64>(m);
  eCumShare = new StaticArray<f64>(m);
  eNet = new StaticArray<f64>(m);
  eRes = new StaticArray<u8>(m);
  arrivals = new StaticArray<f64>(n);
  completions = new StaticArray<f64>(n);
  rejections = new StaticArray<f64>(n);
  waitSum = new StaticArray<f64>(n);
  batches = new StaticArray<f64>(n);
  busyArea = new StaticArray<f64>(n);
  countArea = new StaticArray<f64>(n);
  last = new StaticArray<f64>(n);
  edgeCalls = new StaticArray<f64>(m);
  resCalls = new StaticArray<f64>(m);
  retries = new StaticArray<f64>(m);
  hedges = new StaticArray<f64>(m);
  timedOut = new StaticArray<f64>(m);
  breakerOpen = new StaticArray<f64>(m);
  wArrivals = new StaticArray<f64>(n);
  wCompletions = new StaticArray<f64>(n);
  wRejections = new StaticArray<f64>(n);
  wBatches = new StaticArray<f64>(n);
  wBusyArea = new StaticArray<f64>(n);
  wCountArea = new StaticArray<f64>(n);
  wEdgeCalls = new StaticArray<f64>(m);
  hCounts = new StaticArray<u32>(histograms * BUCKETS);
  hN = new StaticArray<f64>(histograms);
  hSum = new StaticArray<f64>(histograms);
  hMin = new StaticArray<f64>(histograms);
  hMax = new StaticArray<f64>(histograms);
  for (let h = 0; h < histograms; h++) {
    hMin[h] = Infinity;
    hMax[h] = -Infinity;
  }
  let i = 0;
  // Order: ../engine-memory.ts, ARRAYS.
  arrays[i++] = changetype<usize>(servers);
  arrays[i++] = changetype<usize>(pass);
  arrays[i++] = changetype<usize>(dist);
  arrays[i++] = changetype<usize>(mean);
  arrays[i++] = changetype<usize>(lnMu);
  arrays[i++] = changetype<usize>(lnSigma);
  arrays[i++] = changetype<usize>(queueLimit);
  arrays[i++] = changetype<usize>(hit);
  arrays[i++] = changetype<usize>(dispatchOne);
  arrays[i++] = changetype<usize>(sequential);
  arrays[i++] = changetype<usize>(hasAsync);
  arrays[i++] = changetype<usize>(pipe);
  arrays[i++] = changetype<usize>(batchMax);
  arrays[i++] = changetype<usize>(batchTimeout);
  arrays[i++] = changetype<usize>(batchPerItem);
  arrays[i++] = changetype<usize>(rate);
  arrays[i++] = changetype<usize>(uniform);
  arrays[i++] = changetype<usize>(failRate);
  arrays[i++] = changetype<usize>(baseDist);
  arrays[i++] = changetype<usize>(slowShare);
  arrays[i++] = changetype<usize>(slowFactor);
  arrays[i++] = changetype<usize>(outStart);
  arrays[i++] = changetype<usize>(think);
  arrays[i++] = changetype<usize>(sourceHist);
  arrays[i++] = changetype<usize>(llmAt);
  arrays[i++] = changetype<usize>(busy);
  arrays[i++] = changetype<usize>(inSystem);
  arrays[i++] = changetype<usize>(timerPending);
  arrays[i++] = changetype<usize>(down);
  arrays[i++] = changetype<usize>(eTo);
  arrays[i++] = changetype<usize>(eAsync);
  arrays[i++] = changetype<usize>(eShare);
  arrays[i++] = changetype<usize>(eCumShare);
  arrays[i++] = changetype<usize>(eNet);
  arrays[i++] = changetype<usize>(eRes);
  arrays[i++] = changetype<usize>(arrivals);
  arrays[i++] = changetype<usize>(completions);
  arrays[i++] = changetype<usize>(rejections);
  arrays[i++] = changetype<usize>(waitSum);
  arrays[i++] = changetype<usize>(batches);
  arrays[i++] = changetype<usize>(busyArea);
  arrays[i++] = changetype<usize>(countArea);
  arrays[i++] = changetype<usize>(last);
  arrays[i++] = changetype<usize>(edgeCalls);
  arrays[i++] = changetype<usize>(resCalls);
  arrays[i++] = changetype<usize>(retries);
  arrays[i++] = changetype<usize>(hedges);
  arrays[i++] = changetype<usize>(timedOut);
  arrays[i++] = changetype<usize>(breakerOpen);
  arrays[i++] = changetype<usize>(stats);
  arrays[i++] = changetype<usize>(wArrivals);
  arrays[i++] = changetype<usize>(wCompletions);
  arrays[i++] = changetype<usize>(wRejections);
  arrays[i++] = changetype<usize>(wBatches);
  arrays[i++] = changetype<usize>(wBusyArea);
  arrays[i++] = changetype<usize>(wCountArea);
  arrays[i++] = changetype<usize>(wEdgeCalls);
  arrays[i++] = changetype<usize>(hCounts);
  arrays[i++] = changetype<usize>(hN);
  arrays[i++] = changetype<usize>(hSum);
  arrays[i++] = changetype<usize>(hMin);
  arrays[i++] = changetype<usize>(hMax);
  grew();
}

// ---- request slots: a request or call in flight is a slot number ----
/** A request or call in flight: its fields side by side, so a function reads them from one address. */
@unmanaged export class Slot {
  /** When it arrived at its component. */
  arrive: f64;
  start: f64;
  /** Sequence number of its arrival while it waits in a connection's FIFO. */
  seq: f64;
  /** When the last of its calls out is answered, answers known ahead included (./ahead.ts). */
  due: f64;
  node: i32;
  parent: i32;
  pending: i32;
  pos: i32;
  next: i32;
  /** Which of its calls out are made, one bit per connection slot, when drawn ahead (../calls.ts, `quiet`). */
  chosen: u32;
  flags: u8;
}
/** log₂ of a slot's size in bytes. */
const SLOT_SHIFT: i32 = 6;
let cap: i32 = 1024;
let slotMemory = new StaticArray<u8>(cap << SLOT_SHIFT);
let slots: usize = changetype<usize>(slotMemory);
let jFree = new StaticArray<i32>(1024);
let freeTop: i32 = 0;
let used: i32 = 0;

/** Slot `job`'s fields, valid until the next alloc: the slots grow by moving. */
@inline export function slot(job: i32): Slot {
  return changetype<Slot>(slots + (<usize>job << SLOT_SHIFT));
}

@inline export function alloc(): i32 {
  if (freeTop > 0) return jFree[--freeTop];
  if (used == cap) growSlots();
  return used++;
}

@inline export function release(job: i32): void {
  jFree[freeTop++] = job;
}

function growSlots(): void {
  const c = cap << 1;
  const more = new StaticArray<u8>(c << SLOT_SHIFT);
  memory.copy(changetype<usize>(more), slots, <usize>cap << SLOT_SHIFT);
  slotMemory = more;
  slots = changetype<usize>(more);
  jFree = copyI32(jFree, c);
  cap = c;
  grew();
}

// ---- histograms ----
/**
 * Adds v to histogram h: buckets read straight from the bits of the double (HdrHistogram's
 * idea), each power of two split into 128 steps, from 2⁻¹⁰ ms up (../histogram.ts).
 */
@inline export function addSample(h: i32, v: f64): void {
  hN[h] += 1;
  hSum[h] += v;
  if (v < hMin[h]) hMin[h] = v;
  if (v > hMax[h]) hMax[h] = v;
  hCounts[h * BUCKETS + bucketOf(v)]++;
}

/**
 * Histogram buckets samples fell in, not yet counted (their addresses): counting each at once
 * waits on a cache miss in most calls served ahead (a histogram is 20 KB), counting a run of
 * them lets the misses overlap. Counted before anything reads the histograms (./ahead.ts,
 * flush: at the end of every step and at every cut of the counters).
 */
const LATER: i32 = 1024;
const later = new StaticArray<u32>(LATER);
let laterCount: i32 = 0;

@inline export function countLater(at: usize): void {
  unchecked((later[laterCount] = <u32>at));
  if (++laterCount == LATER) countBuckets();
}

export function countBuckets(): void {
  for (let i = 0; i < laterCount; i++) {
    const at = <usize>unchecked(later[i]);
    store<u32>(at, load<u32>(at) + 1);
  }
  laterCount = 0;
}

/** The bucket of v in a histogram. */
@inline export function bucketOf(v: f64): i32 {
  const hi = <u32>(reinterpret<u64>(v) >>> 32);
  const b = ((<i32>(hi >>> 20) - 1023 + 10) << 7) + <i32>((hi >>> 13) & 127) + 1;
  return b < 1 || v < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
}
