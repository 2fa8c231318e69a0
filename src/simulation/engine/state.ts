// The run's clock and phases: the current time, the counts of events and user requests, and the
// milestones — the end of the warm-up resets the counters, half-way is noted, the last user
// request freezes the window's counters (read in ../des.ts as the report's window).
import * as T from './tables';
import * as A from './ahead';
import { coveredEnd, keepAll, warmedUp, windowCut } from './ahead-log';

export let now: f64 = 0;
export let events: u64 = 0;
export let generated: i32 = 0;
export let requests: i32 = 0;
export let warmCount: i32 = 0;
export let halfCount: i32 = 0;
/** Requests that arrive from here on are measured. */
export let tWarm: f64 = Infinity;
export let tHalf: f64 = Infinity;
export let tEnd: f64 = NaN;
/** A scenario runs (../scenario/hooks.ts): the host is asked at each of its hooks. */
export let scenario: bool = false;
/** The end-to-end histogram (the warm-up's requests are not measured). */
export let e2e: i32 = 0;
/** The next request number at which passMilestone has something to do. */
export let nextMark: i32 = 0;
/** From this request on the served-ahead logs list every call again, and how far ahead the others may end (./ahead-log.ts); 0: they always do. */
let keepCount: i32 = 0;
let horizonMs: f64 = Infinity;
/** The window ended too soon after keepCount for the logs to hold every call its cut needs: the host runs again (../des.ts). */
export let cutShort: bool = false;

export function begin(req: i32, warm: i32, half: i32, endToEnd: i32): void {
  // Closed-loop users start thinking at 0.5 ms (../closed-loop.ts, startUsers), and so do the
  // users a scenario adds before the first event.
  now = 0.5;
  events = 0;
  generated = 0;
  requests = req;
  warmCount = warm;
  halfCount = half;
  tWarm = warm <= 0 ? 0 : Infinity;
  tHalf = Infinity;
  tEnd = NaN;
  scenario = false;
  e2e = endToEnd;
  nextMark = 0;
  keepCount = 0;
  horizonMs = Infinity;
  cutShort = false;
}

/** Between the warm-up's end and request `from`, the logs list only the calls ending more than `ms` after they are served. */
export function keepLogFrom(from: i32, ms: f64): void {
  keepCount = from;
  horizonMs = ms;
}

/** Integrates node u's busy servers and requests present up to now. */
@inline export function advance(u: i32): void {
  const dt = now - T.last[u];
  T.busyArea[u] += <f64>T.busy[u] * dt;
  T.countArea[u] += <f64>T.inSystem[u] * dt;
  T.last[u] = now;
}

/** Source request i was generated now. Returns the next request number with something to do. */
export function passMilestone(i: i32): i32 {
  if (i == warmCount && i > 0) {
    tWarm = now;
    resetCounters();
  }
  if (i == warmCount && i + 1 < keepCount) keepAll(false, horizonMs, now);
  if (i == keepCount && i > warmCount) keepAll(true, horizonMs, now);
  if (i == halfCount) tHalf = now;
  if (i + 1 == requests) {
    tEnd = now;
    snapshot();
    cutShort = !coveredEnd(now);
  }
  let next = requests - 1;
  if (halfCount > i && halfCount < next) next = halfCount;
  if (warmCount > i && warmCount < next) next = warmCount;
  if (keepCount > i && keepCount < next) next = keepCount;
  return next;
}

function resetCounters(): void {
  const n = T.last.length;
  for (let u = 0; u < n; u++) advance(u);
  T.arrivals.fill(0);
  T.completions.fill(0);
  T.rejections.fill(0);
  T.edgeCalls.fill(0);
  T.batches.fill(0);
  T.busyArea.fill(0);
  T.countArea.fill(0);
  T.resCalls.fill(0);
  T.retries.fill(0);
  T.hedges.fill(0);
  T.timedOut.fill(0);
  T.breakerOpen.fill(0);
  T.stats[0] = warmedUp(now);
}

function snapshot(): void {
  T.stats[10] = T.stats[0] - counted();
  T.stats[11] = 1;
}

/**
 * The live counters copied to the window's (w…) as of now, what calls served ahead do after now
 * left out; returns the user requests known to end after now. Also a scenario's bucket ends.
 */
export function counted(): f64 {
  const n = T.last.length;
  for (let u = 0; u < n; u++) advance(u);
  A.flush();
  copy(T.wArrivals, T.arrivals);
  copy(T.wCompletions, T.completions);
  copy(T.wRejections, T.rejections);
  copy(T.wBatches, T.batches);
  copy(T.wBusyArea, T.busyArea);
  copy(T.wCountArea, T.countArea);
  copy(T.wEdgeCalls, T.edgeCalls);
  return windowCut(now);
}

function copy(to: StaticArray<f64>, from: StaticArray<f64>): void {
  memory.copy(changetype<usize>(to), changetype<usize>(from), <usize>from.length << 3);
}
