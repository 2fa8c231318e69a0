// Components served ahead of time (docs/simulation.md, "Served ahead"). A FIFO component whose
// calls all come over connections with the same network delay receives its calls in the order
// they are made (a resilience attempt is a call like any other; its outcome reaches the host at
// its time, ../calls.ts, finishAt). Its c servers then serve them by the
// Kiefer–Wolfowitz recursion: a call arriving at a starts at max(a, the earliest time a server
// is free) and that server is next free at start + service. So the call's whole stay is known
// the moment it is sent — no arrival event, no waiting line, no end-of-service event unless the
// component then makes calls of its own. Same queue, same sample path as serving it when it
// arrives; only the order the random numbers are drawn in differs. A scenario turns it off for
// the components it acts on (servers come and go, components go down).
import { grew } from './memory';
import * as T from './tables';

/**
 * Component u is served ahead: 1 when a call is sent; 2 when it arrives, its connections in
 * having different network delays (the event list then puts its arrivals in time order; what is
 * saved is the waiting line and, for a call that makes none of its own, the end of service).
 */
export let on = new StaticArray<u8>(0);
/**
 * A component served ahead: what serving a call there reads and keeps, side by side in one
 * record. Its service time, failure rate and queue limit are copied from the tables by plan:
 * a scenario turns serving ahead off for the components it acts on, so they never change. It
 * keeps its counters and its histogram's count, sum, least and greatest here too, copied into
 * the tables (`flush`) before anything reads them there.
 */
@unmanaged export class Pool {
  mean: f64;
  lnMu: f64;
  lnSigma: f64;
  failRate: f64;
  arrivals: f64;
  completions: f64;
  busyArea: f64;
  countArea: f64;
  waitSum: f64;
  samples: f64;
  sum: f64;
  min: f64;
  max: f64;
  /** Its log (./ahead-log.ts). */
  log: usize;
  /** Its histogram's buckets. */
  buckets: usize;
  /** Where its servers' free times begin in `free`. */
  base: i32;
  servers: i32;
  /** Free times listed in its bag. */
  busy: i32;
  /** Calls a heaped pool has had since it last counted its busy servers. */
  calls: i32;
  limit: i32;
  dist: u8;
  pass: u8;
  heaped: u8;
}
let poolMemory = new StaticArray<u8>(0);
let pools: usize = 0;

/** Component u's Pool (only a component served ahead has one filled in). */
@inline export function pool(u: i32): Pool {
  return changetype<Pool>(pools + <usize>u * offsetof<Pool>());
}

/** A warm sample v at pool p: its component's histogram (../tables.ts, addSample), its bucket counted later. */
@inline export function sample(p: Pool, v: f64): void {
  p.samples += 1;
  p.sum += v;
  if (v < p.min) p.min = v;
  if (v > p.max) p.max = v;
  T.countLater(p.buckets + (<usize>T.bucketOf(v) << 2));
}

/** The tables' counters and histogram figures of u into its pool. */
export function pull(p: Pool, u: i32): void {
  p.arrivals = T.arrivals[u];
  p.completions = T.completions[u];
  p.busyArea = T.busyArea[u];
  p.countArea = T.countArea[u];
  p.waitSum = T.waitSum[u];
  p.samples = T.hN[u];
  p.sum = T.hSum[u];
  p.min = T.hMin[u];
  p.max = T.hMax[u];
}

/** The pool's counters and histogram figures into the tables, for u. */
export function push(p: Pool, u: i32): void {
  T.arrivals[u] = p.arrivals;
  T.completions[u] = p.completions;
  T.busyArea[u] = p.busyArea;
  T.countArea[u] = p.countArea;
  T.waitSum[u] = p.waitSum;
  T.hN[u] = p.samples;
  T.hSum[u] = p.sum;
  T.hMin[u] = p.min;
  T.hMax[u] = p.max;
}

/** Every component served ahead: its pool's counters into the tables, where JavaScript and the window read them. */
export function flush(): void {
  T.countBuckets();
  const n = on.length;
  for (let u = 0; u < n; u++) if (on[u]) push(pool(u), u);
}

/** The bag slot of the earliest free time startOf found, all servers busy: the one occupy replaces. */
let earliest: i32 = 0;
/**
 * The servers' free times, each pool's servers + 1 slots from its `base`, kept one of two ways.
 * A `bag`: the free times of the busy servers (and of some since freed), unsorted, `busy` of
 * them. A server free by an arrival is idle, and every idle server is alike to the calls that
 * follow (they arrive later still), so while fewer than c are listed some server is idle and a
 * call starts when it arrives; only when c are listed are the ones freed by then dropped (a
 * scan), and if all c are still busy the earliest is the one the call waits for. A pool found
 * more than seven eighths busy after that scan keeps a `heap` instead: all c free times, a
 * min-heap whose root is the earliest (the slot past it +∞, so a node's second child can always
 * be read); every 4c calls it counts its busy servers, and below three quarters goes back to a bag.
 */
let free = new StaticArray<f64>(0);
/** With a queue limit: the start times of admitted calls, a ring from `ring[u]` of limit + 1. */
let ring = new StaticArray<i32>(0);
let head = new StaticArray<i32>(0);
let count = new StaticArray<i32>(0);
let starts = new StaticArray<f64>(0);

/** Pools of fewer servers keep a heap throughout: as shallow as a bag's scan is short. */
const SMALL_POOL: i32 = 8;
/** The servers' heaps take at most this many slots (16 MB) in all; a pool past them, event by event. */
const HEAP_BUDGET: i32 = 1 << 21;
/** The queue limits' rings of start times take at most this many slots (8 MB) in all; a limit past them, event by event. */
const RING_BUDGET: i32 = 1 << 20;

/** Picks the components served ahead, once the tables are written. */
export function plan(): void {
  const n = T.servers.length;
  const m = T.eTo.length;
  on = new StaticArray<u8>(n);
  poolMemory = new StaticArray<u8>(n * <i32>offsetof<Pool>());
  pools = changetype<usize>(poolMemory);
  ring = new StaticArray<i32>(n);
  head = new StaticArray<i32>(n);
  count = new StaticArray<i32>(n);
  // The network delay of u's connections in; NaN once two differ.
  const net = new StaticArray<f64>(n);
  const seen = new StaticArray<u8>(n);
  for (let k = 0; k < m; k++) {
    const u = T.eTo[k];
    if (seen[u] && net[u] != T.eNet[k]) net[u] = NaN;
    else if (!seen[u]) net[u] = T.eNet[k];
    seen[u] = 1;
  }
  let heap = 0;
  let rings = 0;
  for (let u = 0; u < n; u++) {
    const limit = T.queueLimit[u];
    if (!seen[u] || T.batchMax[u] > 0 || T.llmAt[u] >= 0) continue;
    if (!T.pass[u] && (T.servers[u] < 1 || T.servers[u] >= HEAP_BUDGET - heap || limit >= RING_BUDGET - rings || constant(u))) continue;
    on[u] = isNaN(net[u]) ? 2 : 1;
    const p = pool(u);
    p.mean = T.mean[u];
    p.lnMu = T.lnMu[u];
    p.lnSigma = T.lnSigma[u];
    p.failRate = T.failRate[u];
    p.buckets = changetype<usize>(T.hCounts) + (<usize>u * T.BUCKETS << 2);
    pull(p, u);
    p.base = heap;
    p.servers = T.servers[u];
    p.limit = limit;
    p.dist = T.dist[u];
    p.pass = T.pass[u];
    if (!T.pass[u]) heap += T.servers[u] + 1;
    ring[u] = rings;
    if (!T.pass[u] && limit >= 0) rings += limit + 1;
  }
  free = new StaticArray<f64>(heap);
  free.fill(Infinity);
  for (let u = 0; u < n; u++) if (on[u] && !T.pass[u] && T.servers[u] < SMALL_POOL) toHeap(pool(u));
  starts = new StaticArray<f64>(rings);
  grew();
}

/**
 * A service time that can be constant. An arrival then may come exactly when a server frees,
 * and which goes first is the order the two events were scheduled in (the tie rule: docs/simulation.md, "The engine"),
 * which only the event list knows. With a continuous service time such ties have probability 0.
 */
function constant(u: i32): bool {
  const kind = T.dist[u] == 3 ? T.baseDist[u] : T.dist[u];
  return kind == 1 || (kind == 2 && T.lnSigma[u] == 0);
}

/** A scenario acts on u (its servers, speed, hit ratio or frame change while calls are on their way): u is simulated event by event. */
export function off(u: i32): void {
  if (on[u]) push(pool(u), u);
  on[u] = 0;
}

/**
 * When a call to u (its pool p) arriving at `at` starts: at once if a server is idle by then, else when the
 * earliest busy one frees; −1 if a full queue refuses it.
 */
@inline export function startOf(p: Pool, u: i32, at: f64): f64 {
  const b = p.base;
  const c = p.servers;
  let start = at;
  if (p.heaped) {
    if (free[b] > at) start = free[b];
    if (c >= SMALL_POOL && ++p.calls >= 4 * c) recount(p, at);
  } else if (p.busy >= c) {
    const n = drop(b, p.busy, at);
    p.busy = n;
    if (n >= c) start = free[b + (earliest = first(b, n))];
    if (n > c - (c >> 3)) {
      toHeap(p);
      start = free[b] > at ? free[b] : at;
    }
  }
  const limit = p.limit;
  return limit >= 0 && !admitted(u, limit, at, start) ? -1 : start;
}

/** The server startOf gave is busy until `done`: listed in the bag (replacing the earliest when all were busy), or the heap's root replaced. */
export function occupy(p: Pool, done: f64): void {
  const b = p.base;
  if (p.heaped) return climb(b, hole(b, p.servers), done);
  const n = p.busy;
  if (n < p.servers) {
    free[b + n] = done;
    p.busy = n + 1;
  } else free[b + earliest] = done;
}

/** Keeps in the bag of n from b only the free times later than `at`; returns how many. */
function drop(b: i32, n: i32, at: f64): i32 {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = free[b + i];
    free[b + m] = v;
    m += select<i32>(1, 0, v > at);
  }
  return m;
}

/** The slot of the earliest of n free times from b. */
function first(b: i32, n: i32): i32 {
  let k = 0;
  for (let i = 1; i < n; i++) if (free[b + i] < free[b + k]) k = i;
  return k;
}

/** The pool's bag becomes a heap of all c servers: the idle ones free at 0, then heapified (Floyd). */
function toHeap(p: Pool): void {
  const b = p.base;
  const c = p.servers;
  for (let i = p.busy; i < c; i++) free[b + i] = 0;
  p.busy = c;
  p.heaped = 1;
  p.calls = 0;
  for (let i = (c >> 1) - 1; i >= 0; i--) {
    const v = free[b + i];
    let j = i;
    for (;;) {
      let k = 2 * j + 1;
      if (k >= c) break;
      if (free[b + k + 1] < free[b + k]) k++;
      if (free[b + k] >= v) break;
      free[b + j] = free[b + k];
      j = k;
    }
    free[b + j] = v;
  }
}

/** A heaped pool counts its servers busy at `at`: under three quarters, it goes back to a bag of them. */
function recount(p: Pool, at: f64): void {
  const b = p.base;
  const c = p.servers;
  p.calls = 0;
  let n = 0;
  for (let i = 0; i < c; i++) n += select<i32>(1, 0, free[b + i] > at);
  if (4 * n >= 3 * c) return;
  p.heaped = 0;
  p.busy = drop(b, c, at);
}

/**
 * Floyd's bottom-up replacement: the root's hole goes down the smaller children of a heap of n
 * to a leaf (the slot past the heap reads +∞), where it is returned for the new value to climb
 * from — mostly not at all, a new end of service being later than most.
 */
@inline function hole(b: i32, n: i32): i32 {
  const heap = free;
  let i = 0;
  for (let l = 1; l < n; l = 2 * i + 1) {
    const k = l + select<i32>(1, 0, heap[b + l + 1] < heap[b + l]);
    heap[b + i] = heap[b + k];
    i = k;
  }
  return i;
}

@inline function climb(b: i32, i: i32, v: f64): void {
  const heap = free;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[b + p] <= v) break;
    heap[b + i] = heap[b + p];
    i = p;
  }
  heap[b + i] = v;
}

/**
 * The queue-limit test at the arrival: calls admitted earlier that have not started by `at`
 * are the ones waiting (FIFO, so start times never decrease and the ring stays sorted).
 */
function admitted(u: i32, limit: i32, at: f64, start: f64): bool {
  const r = ring[u];
  const size = limit + 1;
  let h = head[u];
  let n = count[u];
  while (n > 0 && starts[r + h] <= at) {
    h = h + 1 == size ? 0 : h + 1;
    n--;
  }
  head[u] = h;
  if (start > at) {
    if (n >= limit) {
      count[u] = n;
      return false;
    }
    const tail = h + n;
    starts[r + (tail >= size ? tail - size : tail)] = start;
    n++;
  }
  count[u] = n;
  return true;
}
