// The event loop and the stations: each component is a FIFO multi-server queue (or a batching
// server) over the request slots; events are (time, sequence, id·8 + kind) in the calendar. A
// call without network delay is handled at once, without the event list. The host (TypeScript)
// takes a scenario's actions (event kind 4) but its sources' arrivals.
import * as C from './calendar';
import * as R from './random';
import * as T from './tables';
import * as S from './state';
import { IntQueue, lanes, queues } from './queues';
import * as A from './ahead';
import { served } from './ahead-log';
import { calls, dispatch, finish, finishAt, quiet, settled, source } from './calls';
import { scenarioAct, scenarioFailed } from './host';
import * as Timeline from './timeline';
import * as Llm from './llm';
import { fire as resilienceTimer } from './resilience';

// Event kinds, in the low three bits of a payload.
export const SOURCE = 0;
/** id = the connection's slot: the first call waiting in its FIFO arrives. */
export const ARRIVE = 1;
export const DONE = 2;
/** A batching server's timeout. */
const TIMER = 3;
export const SCENARIO = 4;
export const CALL_TIMER = 5;
export const LLM_STEP = 6;
/** id = a request whose calls were all answered ahead of time: it moves on now. */
export const SETTLE = 7;

// Request flags: 1 failed, its cause (rejected 8, timed out 16, breaker open 32, failed 64),
// 2 a user request, 4 calls one after another.
export const FAILED: u8 = 1;
const ERRORED: u8 = 64;

/** Runs up to `budget` events; true when the run is over. */
export function step(budget: i32): bool {
  for (let i = 0; i < budget; i++) {
    if (C.size == 0) return true;
    const d = C.take();
    S.now = C.time;
    S.events += 1;
    const id = d >> 3;
    const kind = d & 7;
    if (kind == DONE) {
      const u = T.slot(id).node;
      if (A.on[u]) calls(id);
      else if (T.batchMax[u] > 0) batchDone(id);
      else done(id);
    } else if (kind == SETTLE) settled(id);
    else if (kind == SOURCE) source(id);
    else if (kind == ARRIVE) {
      const lane = lanes[id];
      const job = lane.shift();
      if (lane.size > 0) {
        const next = T.slot(lane.peek());
        C.add(next.arrive, next.seq, id * 8 + ARRIVE);
      }
      arrive(job);
    } else if (kind == SCENARIO) {
      // Ids below the node count are the sources' next candidate arrivals (./timeline.ts).
      if (id < T.servers.length) Timeline.candidate(id);
      else scenarioAct(id);
    }
    else if (kind == CALL_TIMER) resilienceTimer(id);
    else if (kind == LLM_STEP) Llm.step(id);
    else {
      T.timerPending[id] = 0;
      tryBatch(id);
    }
  }
  return false;
}

export function arrive(job: i32): void {
  const u = T.slot(job).node;
  if (A.on[u]) return serveAhead(u, job);
  T.arrivals[u] += 1;
  // Its frame is down, or it has no replica left: the call is refused.
  if (S.scenario && T.down[u] != 0) return reject(u, job);
  if (T.pass[u]) {
    T.completions[u] += 1;
    if (S.now >= S.tWarm) T.addSample(u, 0);
    failMaybe(u, job, S.now);
    dispatch(job);
    return;
  }
  if (T.llmAt[u] >= 0) return Llm.arrive(u, job);
  const q = queues[u];
  const limit = T.queueLimit[u];
  const canStart = T.batchMax[u] == 0 && T.busy[u] < T.servers[u];
  if (!canStart && limit >= 0 && q.size >= limit) return reject(u, job);
  S.advance(u);
  T.inSystem[u]++;
  if (canStart) {
    T.busy[u]++;
    T.slot(job).start = S.now;
    serve(u, 0, job * 8 + DONE);
  } else {
    q.push(job);
    if (T.batchMax[u] > 0) tryBatch(u);
  }
}

/** Component u refuses the call (a full queue, a frame down, no replica up): it fails. */
function reject(u: i32, job: i32): void {
  T.rejections[u] += 1;
  T.slot(job).flags |= FAILED;
  finish(job);
}

function done(job: i32): void {
  const u = T.slot(job).node;
  S.advance(u);
  T.inSystem[u]--;
  record(u, job);
  const q = queues[u];
  // A scenario may have taken servers away (a failure, a scale-down): a busy one drains.
  if (q.size > 0 && (!S.scenario || T.busy[u] <= T.servers[u])) {
    const next = q.shift();
    T.slot(next).start = S.now;
    serve(u, 0, next * 8 + DONE);
  } else T.busy[u]--;
  dispatch(job);
}

/** Counts a request served at u; one that arrived during the warm-up is not measured. */
export function record(u: i32, job: i32): void {
  T.completions[u] += 1;
  const j = T.slot(job);
  const arrive = j.arrive;
  const wait = j.start - arrive;
  failMaybe(u, job, S.now);
  if (arrive >= S.tWarm) {
    T.addSample(u, S.now - arrive);
    T.waitSum[u] += wait;
  }
}

/** A request served at u, its service over at t, fails with the component's failure rate, independently. */
@inline function failMaybe(u: i32, job: i32, t: f64): void {
  T.slot(job).flags |= failDraw(T.failRate[u], t);
}

/** The flags of a service over at t at a component failing at rate `fail`: failed with that rate, independently. */
@inline function failDraw(fail: f64, t: f64): u8 {
  if (fail > 0 && R.uniform() < fail) {
    if (S.scenario) scenarioFailed(t);
    return FAILED | ERRORED;
  }
  return 0;
}

/** Schedules the end of a service starting now at u; `extra` batch items add their per-item time. */
export function serve(u: i32, extra: i32, payload: i32): void {
  C.schedule(S.now + draw(u) + <f64>extra * T.batchPerItem[u], payload);
}

/** A service time at u. */
@inline function draw(u: i32): f64 {
  const kind = T.dist[u];
  return kind < 3 ? baseDraw(u, kind) : slowDraw(u);
}

/** A service time at u of distribution `kind`. */
@inline function baseDraw(u: i32, kind: u8): f64 {
  return sample(kind, T.mean[u], T.lnMu[u], T.lnSigma[u]);
}

/** A service time at u served ahead, from its pool's copy of the distribution. */
@inline function poolDraw(p: A.Pool, u: i32): f64 {
  return p.dist < 3 ? sample(p.dist, p.mean, p.lnMu, p.lnSigma) : slowDraw(u);
}

/** A service time of distribution `kind` (0 exponential, 1 constant, 2 lognormal) with these parameters. */
@inline function sample(kind: u8, mean: f64, lnMu: f64, lnSigma: f64): f64 {
  return kind == 0 ? R.exp1() * mean : kind == 1 ? mean : R.lognormal(lnMu, lnSigma);
}

/**
 * A call to a component served ahead (./ahead.ts), arriving at jArrive: its whole stay is
 * settled now — counted, measured — and what follows its service is scheduled for its end.
 */
@inline export function serveAhead(u: i32, job: i32): void {
  const j = T.slot(job);
  j.flags |= serveAt(u, j.arrive);
  after(job, doneAt);
}

/** When the call serveAt settled last is over (or was refused). */
export let doneAt: f64 = 0;

/** Serves ahead a call arriving at u at `at`: counts and measures it, sets `doneAt`, returns the flags it fails with (0 if none). */
export function serveAt(u: i32, at: f64): u8 {
  const p = A.pool(u);
  p.arrivals += 1;
  const warm = at >= S.tWarm;
  if (p.pass) {
    p.completions += 1;
    served(p, at, at, at, S.now);
    if (warm) A.sample(p, 0);
    doneAt = at;
    return failDraw(p.failRate, at);
  }
  const start = A.startOf(p, u, at);
  if (start < 0) {
    T.rejections[u] += 1;
    doneAt = at;
    return FAILED;
  }
  const s = poolDraw(p, u);
  const done = start + s;
  A.occupy(p, done);
  p.busyArea += s;
  p.countArea += done - at;
  p.completions += 1;
  served(p, at, start, done, S.now);
  const flags = failDraw(p.failRate, done);
  if (warm) {
    A.sample(p, done - at);
    p.waitSum += start - at;
  }
  doneAt = done;
  return flags;
}

/** At t the call's service is over: its calls go out then (an event), or, making none, it is answered at t. */
@inline function after(job: i32, t: f64): void {
  if (quiet(job, t)) finishAt(job, t);
  else if (t > S.now) C.schedule(t, job * 8 + DONE);
  else calls(job);
}

/** A service time with a slow share: the base draw, stretched by the factor in that share of draws (docs/simulation.md, "Resilience"). */
function slowDraw(u: i32): f64 {
  const s = baseDraw(u, T.baseDist[u]);
  return R.uniform() < T.slowShare[u] ? s * T.slowFactor[u] : s;
}

/** A free batching server takes up to batchMax waiting requests, or waits out the first one's timeout. */
export function tryBatch(u: i32): void {
  const q = queues[u];
  const max = T.batchMax[u];
  while (T.busy[u] < T.servers[u] && q.size > 0) {
    let n = q.size;
    if (n >= max) n = max;
    else if (S.now < T.slot(q.peek()).arrive + T.batchTimeout[u]) {
      if (!T.timerPending[u]) {
        T.timerPending[u] = 1;
        C.schedule(T.slot(q.peek()).arrive + T.batchTimeout[u], u * 8 + TIMER);
      }
      return;
    }
    S.advance(u);
    T.batches[u] += 1;
    T.busy[u]++;
    const head = q.shift();
    let last = head;
    T.slot(head).start = S.now;
    for (let k = 1; k < n; k++) {
      const j = q.shift();
      T.slot(j).start = S.now;
      T.slot(last).next = j;
      last = j;
    }
    T.slot(last).next = -1;
    serve(u, n - 1, head * 8 + DONE);
  }
}

function batchDone(head: i32): void {
  const u = T.slot(head).node;
  S.advance(u);
  T.busy[u]--;
  let count = 0;
  for (let j = head; j >= 0; j = T.slot(j).next) {
    record(u, j);
    count++;
  }
  T.inSystem[u] -= count;
  tryBatch(u);
  for (let j = head; j >= 0; ) {
    const next = T.slot(j).next;
    dispatch(j);
    j = next;
  }
}

/** A scenario gave component u more servers (a recovery, a scale-up): waiting requests start on them. */
export function refill(u: i32): void {
  if (T.batchMax[u] > 0) return tryBatch(u);
  const q: IntQueue = queues[u];
  S.advance(u);
  while (T.busy[u] < T.servers[u] && q.size > 0) {
    const next = q.shift();
    T.busy[u]++;
    T.slot(next).start = S.now;
    serve(u, 0, next * 8 + DONE);
  }
}
