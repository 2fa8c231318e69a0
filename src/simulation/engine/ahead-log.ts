// The calls served ahead that are not over yet, and the cuts of the counters they need (docs/
// simulation.md, "Served ahead"): a call served ahead is counted whole when it is sent, so
// where the warm-up ends and where the window ends, what it does after that moment is moved to
// the other side.
import { copyF64, grew } from './memory';
import * as T from './tables';
import { Pool, on, pool, pull, push, sample } from './ahead';

/**
 * A component's calls served ahead whose service is not over yet, each as (arrival, start,
 * end), so that the counters can be cut (../state.ts). In the order they were served; when
 * the arrays are full the calls over by then are dropped (the rest kept in order), and the
 * arrays double if still more than half full — so they stay within four times the most calls
 * in service at once, however long one of them takes (dropping only from the front, one long
 * call would hold every call after it).
 */
class Log {
  at: StaticArray<f64> = new StaticArray<f64>(16);
  start: StaticArray<f64> = new StaticArray<f64>(16);
  done: StaticArray<f64> = new StaticArray<f64>(16);
  size: i32 = 0;

  @inline add(at: f64, start: f64, done: f64, now: f64): void {
    if (this.size == this.done.length) this.prune(now);
    const i = this.size++;
    this.at[i] = at;
    this.start[i] = start;
    this.done[i] = done;
  }

  /** Full: the calls over by now are dropped, and the arrays double if still more than half full. */
  prune(now: f64): void {
    const at = this.at;
    const start = this.start;
    const done = this.done;
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      const d = done[i];
      if (d <= now) continue;
      at[kept] = at[i];
      start[kept] = start[i];
      done[kept] = d;
      kept++;
    }
    this.size = kept;
    if (kept > done.length >> 1) this.grow();
  }

  grow(): void {
    const n = this.done.length << 1;
    this.at = copyF64(this.at, n);
    this.start = copyF64(this.start, n);
    this.done = copyF64(this.done, n);
    grew();
  }
}

let logs = new StaticArray<Log | null>(0);
/** User requests whose end is known ahead: when each ends (start and arrival unused). */
let roots = new Log();

/**
 * The logs are read only at the two cuts, and a call over before a cut never counts there. So
 * between the warm-up's end and the request `keepFrom` (set by the host from the sources' rates,
 * far enough before the last one that the window almost surely ends more than `horizon` ms after
 * it) only the calls ending more than `horizon` ms after they are served are listed: every other
 * call served then is over before the window ends. Whether that held is checked at the end
 * (`coveredEnd`); if it did not, the host runs again listing every call.
 */
let keeping = true;
let horizon: f64 = Infinity;
/** When listing every call last started (−∞: it never stopped). */
let keptSince: f64 = -Infinity;
/**
 * A scenario cuts the counters at times known ahead (its start, then each bucket's end:
 * ./timeline.ts), and a call over by the next cut counts at none: only the calls ending after it
 * are listed. −∞ in a steady-state run, whose window ends at a time not known ahead.
 */
let nextCut: f64 = -Infinity;
/** false: the logs list every call whatever the next cut (a check: the same figures, slower). */
let cutsAhead = true;

/** Gives each component served ahead its log, once ./ahead.ts has picked them. */
export function plan(): void {
  const n = on.length;
  logs = new StaticArray<Log | null>(n);
  roots = new Log();
  keeping = true;
  horizon = Infinity;
  keptSince = -Infinity;
  nextCut = -Infinity;
  cutsAhead = true;
  for (let u = 0; u < n; u++) {
    if (!on[u]) continue;
    const log = new Log();
    logs[u] = log;
    pool(u).log = changetype<usize>(log);
  }
  grew();
}

/** A call to pool p arrived at `at`, started at `start`, ends at `done` (all known at `now`). */
@inline export function served(p: Pool, at: f64, start: f64, done: f64, now: f64): void {
  if (done > max(now, nextCut) && (keeping || done - now > horizon)) changetype<Log>(p.log).add(at, start, done, now);
}

/** A user request ends at t > now, known at `now`. */
@inline export function rootAhead(t: f64, now: f64): void {
  if (t > nextCut && (keeping || t - now > horizon)) roots.add(t, t, t, now);
}

/** The counters' next cut is at `t`: the calls over by then are not listed (a scenario's). */
export function cutNext(t: f64): void {
  if (cutsAhead) nextCut = t;
}

/** The logs list every call whenever the cuts come (a check). */
export function listEveryCall(): void {
  cutsAhead = false;
  nextCut = -Infinity;
}

/** From now on the logs list every call (`on`), or only those ending more than `ms` after they are served. */
export function keepAll(on: bool, ms: f64, now: f64): void {
  if (on && !keeping) keptSince = now;
  keeping = on;
  horizon = ms;
}

/** Whether the logs hold every call a cut at `now` needs: they list every call, and have since `horizon` ms before it. */
export function coveredEnd(now: f64): bool {
  return keeping && now - keptSince >= horizon;
}

/**
 * The end of the warm-up, at `now`, the counters just reset: gives back what the calls served
 * ahead and not over yet do after now, and measures the ones arriving from now on (measured as
 * warm-up calls when served, the warm-up's end not yet known). Returns the user requests ending
 * after now.
 */
export function warmedUp(now: f64): f64 {
  const n = on.length;
  for (let u = 0; u < n; u++) {
    const log = logs[u];
    if (log == null) continue;
    // A component no longer served ahead counts in the tables: through its pool here all the same.
    const p = pool(u);
    if (!on[u]) pull(p, u);
    p.arrivals = 0;
    p.completions = 0;
    p.busyArea = 0;
    p.countArea = 0;
    for (let i = 0; i < log.size; i++) {
      const done = log.done[i];
      if (done <= now) continue;
      const at = log.at[i];
      const start = log.start[i];
      if (at > now) p.arrivals += 1;
      p.completions += 1;
      if (at >= now) {
        sample(p, done - at);
        if (!p.pass) p.waitSum += start - at;
      }
      if (p.pass) continue;
      p.busyArea += done - (start > now ? start : now);
      p.countArea += done - (at > now ? at : now);
    }
    if (!on[u]) push(p, u);
  }
  return later(now);
}

/** The window's counters, copied from the live ones at `now`: takes out what the calls served ahead do after now. Returns the user requests ending after now. */
export function windowCut(now: f64): f64 {
  const n = on.length;
  for (let u = 0; u < n; u++) {
    const log = logs[u];
    if (log == null) continue;
    for (let i = 0; i < log.size; i++) {
      const done = log.done[i];
      if (done <= now) continue;
      const at = log.at[i];
      const start = log.start[i];
      if (at > now) T.wArrivals[u] -= 1;
      T.wCompletions[u] -= 1;
      if (T.pass[u]) continue;
      T.wBusyArea[u] -= done - (start > now ? start : now);
      T.wCountArea[u] -= done - (at > now ? at : now);
    }
  }
  return later(now);
}

/** User requests known to end after now. */
function later(now: f64): f64 {
  let count: f64 = 0;
  for (let i = 0; i < roots.size; i++) if (roots.done[i] > now) count++;
  return count;
}
