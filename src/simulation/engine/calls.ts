// A request's way through the design (docs/simulation.md, "A request at a component"): a
// source starts it, each component it is served at makes its calls (to all, one of them by
// share, or one after another; async ones not waited for), each call is answered when its
// component is done with it, and the request is over when its last call has answered. Calls
// over a connection with timeouts, retries, breakers or hedges go through ./resilience.ts. A
// connection's calls wait out its network delay in its FIFO (constant delay: they arrive in the
// order they were made), only the first of them in the event list.
import * as C from './calendar';
import * as R from './random';
import * as T from './tables';
import * as S from './state';
import { lanes } from './queues';
import { rootAhead } from './ahead-log';
import { ARRIVE, FAILED, SETTLE, SOURCE, arrive, doneAt, serveAhead, serveAt } from './stations';
import { scenarioSource, usersKeep } from './host';
import * as Timeline from './timeline';
import * as Flushes from './flushes';
import * as Res from './resilience';
import { Route, fanout, route } from './routes';

const ROOT: u8 = 2;
const SEQ: u8 = 4;
/** FAILED and its cause bits: rejected 8, timed out 16, breaker open 32, failed 64. */
const CAUSES: u8 = 121;

export function source(s: i32): void {
  if (S.scenario) return scenarioSource(s);
  const i = S.generated;
  if (i >= S.requests) return;
  S.generated = i + 1;
  if (i == S.nextMark) S.nextMark = S.passMilestone(i);
  if (i + 1 < S.requests && T.think[s] < 0) {
    const rate = T.rate[s];
    C.schedule(S.now + (T.uniform[s] ? 1000 / rate : R.exp1() * (1000 / rate)), s * 8 + SOURCE);
  }
  startRequest(s);
}

/** A user request of source s starts now. */
export function startRequest(s: i32): void {
  const job = T.alloc();
  const j = T.slot(job);
  j.node = s;
  j.parent = -1;
  j.flags = ROOT;
  j.arrive = S.now;
  dispatch(job);
}

/** After service: the request's downstream calls (none on a cache hit, none once it failed). */
export function dispatch(job: i32): void {
  if (quiet(job, S.now)) finish(job);
  else calls(job);
}

/**
 * Whether the request makes no calls after its service here, which ends at t: none go out, it
 * failed, a cache hit, or none of its calls by chance is made (drawn now, as soon as the
 * service's end is known).
 */
@inline export function quiet(job: i32, t: f64): bool {
  const j = T.slot(job);
  const u = j.node;
  const f = fanout(u);
  if (f.from == f.to || (j.flags & FAILED) != 0) return true;
  const hit = f.flushed ? Flushes.hitAt(u, t) : T.hit[u];
  if (hit > 0 && R.uniform() < hit) return true;
  if (!f.chancy) return false;
  // A bit a connection, set without a branch on the draw (which goes either way).
  let mask: u32 = 0;
  for (let k = f.from; k < f.to; k++) mask |= <u32>chosen(k) << <u32>(k - f.from);
  j.chosen = mask;
  return mask == 0;
}

/** The request's calls after its service, now. */
export function calls(job: i32): void {
  const j = T.slot(job);
  const f = fanout(j.node);
  const from = f.from;
  const to = f.to;
  j.due = S.now;
  if (f.pipe) {
    j.pending = 1;
    call(from, job);
    return;
  }
  if (f.one) {
    const r = R.uniform();
    let k = from;
    while (k < to - 1 && r >= route(k).cumShare) k++;
    if (route(k).share <= 0) return finish(job);
    if (route(k).async) {
      call(k, -1);
      return finish(job);
    }
    j.pending = 1;
    call(k, job);
    return;
  }
  if (f.sequential) {
    // The async calls go out at once, the synchronous ones one after another.
    if (f.hasAsync) for (let k = from; k < to; k++) if (route(k).async && chosen(k)) call(k, -1);
    const again = T.slot(job);
    again.flags |= SEQ;
    again.pos = from;
    return next(job);
  }
  // One extra pending count while the calls go out: a call answered at once must not
  // complete the request before its siblings have been made.
  // (A call may grow the slots, moving this one: it is looked up again after each.)
  j.pending = 1;
  if (f.chancy) {
    // The calls drawn (quiet), one for each bit set.
    for (let m = j.chosen; m != 0; m &= m - 1) make(from + <i32>ctz(m), job);
  } else for (let k = from; k < to; k++) if (chosen(k)) make(k, job);
  if (--T.slot(job).pending == 0) settle(job);
}

/** A call of a parallel fan-out over slot k for `job` (counted pending while it is out, unless async). */
@inline function make(k: i32, job: i32): void {
  if (route(k).async) call(k, -1);
  else {
    T.slot(job).pending++;
    call(k, job);
  }
}

@inline function chosen(k: i32): bool {
  const p = route(k).share;
  return p >= 1 || R.uniform() < p;
}

/** Sequential fan-out: the next chosen synchronous call, or the end of the request here. */
function next(job: i32): void {
  const j = T.slot(job);
  if ((j.flags & FAILED) == 0) {
    const to = fanout(j.node).to;
    for (let k = j.pos; k < to; k++) {
      if (route(k).async || !chosen(k)) continue;
      j.pos = k + 1;
      j.pending = 1;
      j.due = S.now;
      call(k, job);
      return;
    }
  }
  finish(job);
}

function call(k: i32, parent: i32): void {
  const r = route(k);
  if (r.res != 0 && parent >= 0) return Res.call(k, parent);
  if (r.ahead == 1 && r.leaf) return leafAhead(k, r, parent);
  launch(k, prepare(k, parent));
}

/**
 * A call to a component served ahead that makes no calls of its own: settled and answered at
 * once, without a slot (what prepare, launch, serveAhead and finishAt do for it, in that order).
 */
function leafAhead(k: i32, r: Route, parent: i32): void {
  T.edgeCalls[k] += 1;
  S.events += 1;
  const flags = serveAt(r.to, S.now + r.net);
  if (parent >= 0) answerAt(parent, flags, doneAt);
}

/** A call's slot over connection slot k (every attempt and hedge counts as a call). */
@inline export function prepare(k: i32, parent: i32): i32 {
  T.edgeCalls[k] += 1;
  const child = T.alloc();
  const c = T.slot(child);
  c.node = route(k).to;
  c.parent = parent;
  c.flags = 0;
  return child;
}

/** Sends a prepared call: into the connection's FIFO, or straight to its component. */
@inline export function launch(k: i32, child: i32): void {
  const r = route(k);
  const net = r.net;
  const to = r.to;
  if (r.ahead == 1) {
    T.slot(child).arrive = S.now + net;
    S.events += 1;
    serveAhead(to, child);
  } else if (net > 0) {
    const at = S.now + net;
    const seq = C.number();
    const c = T.slot(child);
    c.arrive = at;
    c.seq = seq;
    const lane = lanes[k];
    if (lane.size == 0) C.add(at, seq, k * 8 + ARRIVE);
    lane.push(child);
  } else {
    T.slot(child).arrive = S.now;
    S.events += 1;
    arrive(child);
  }
}

/** The request is done at this component, synchronous calls included: tell the caller. */
@inline export function finish(job: i32): void {
  finishAt(job, S.now);
}

/**
 * The request is done at this component at t ≥ now — later than now when known ahead of time
 * (./ahead.ts): its caller hears now and moves on at t, unless that caller is the host's (a
 * call record's attempt) and a timeout, breaker or hedge could still act first: then it is
 * told at t itself.
 */
export function finishAt(job: i32, t: f64): void {
  const j = T.slot(job);
  const parent = j.parent;
  const flags = j.flags;
  const node = j.node;
  const later = t > S.now;
  // A call record's attempt is told at t unless its outcome is sure now (./resilience.ts,
  // knownAhead). In a scenario a closed-loop user decides at the end of its request whether to
  // send again (its profile may take it away meanwhile): that end is an event at its time.
  if (later && (parent < -1 ? !Res.knownAhead(-parent - 2, job, flags, t) : S.scenario && (flags & ROOT) != 0 && T.think[node] >= 0)) return C.schedule(t, job * 8 + SETTLE);
  const arrive = j.arrive;
  T.release(job);
  if (flags & ROOT) {
    if (later && (flags & FAILED) == 0) rootAhead(t, S.now);
    return rootDone(node, flags, arrive, t);
  }
  if (parent < 0) {
    // −1: an async message, or an attempt nobody waits for any more; below: a call record's attempt.
    if (parent < -1) Res.attemptDone(-parent - 2, job, flags, t);
    return;
  }
  answerAt(parent, flags, t);
}

/** One of `parent`'s calls is over, its answer due at t ≥ now. */
@inline export function answerAt(parent: i32, flags: u8, t: f64): void {
  const p = T.slot(parent);
  if (flags & FAILED) p.flags |= flags & CAUSES;
  if (t > p.due) p.due = t;
  if (--p.pending == 0) settle(parent);
}

/**
 * All of the request's calls are answered, the last at jDue: it moves on then — at once, known
 * ahead, when nothing is left to call (a sequence at its end, or calls made side by side).
 */
@inline function settle(job: i32): void {
  const j = T.slot(job);
  const due = j.due;
  if (due <= S.now) settled(job);
  else if (j.parent < -1 || ((j.flags & SEQ) != 0 && !lastOfSequence(j))) C.schedule(due, job * 8 + SETTLE);
  else {
    j.flags &= ~SEQ;
    finishAt(job, due);
  }
}

/** A sequence with no call left that could be made (it failed, or only async or never-taken connections follow). */
@inline function lastOfSequence(j: T.Slot): bool {
  return (j.flags & FAILED) != 0 || j.pos > fanout(j.node).lastSync;
}

/** The request's calls so far are answered, now: the next one of a sequence, or the end of it here. */
export function settled(job: i32): void {
  if (T.slot(job).flags & SEQ) next(job);
  else finish(job);
}

function rootDone(s: i32, flags: u8, arrive: f64, now: f64): void {
  if (S.scenario) Timeline.rootDone((flags & FAILED) != 0, arrive, now);
  // A closed-loop user thinks, then sends again (unless a scenario's profile takes the user away).
  if (T.think[s] >= 0 && (!S.scenario || usersKeep(s))) C.schedule(now + R.exp1() * T.think[s], s * 8 + SOURCE);
  const warm = arrive >= S.tWarm;
  if (flags & FAILED) {
    if (warm) failed(flags);
    return;
  }
  T.stats[0] += 1;
  const v = now - arrive;
  if (warm) {
    T.addSample(S.e2e, v);
    const own = T.sourceHist[s];
    if (own != S.e2e) T.addSample(own, v);
    const half = arrive < S.tHalf ? 6 : 8;
    T.stats[half] += v;
    T.stats[half + 1] += 1;
  }
}

/** A user request failed: counted by cause (a failure with no other cause was a rejection). */
function failed(flags: u8): void {
  T.stats[1] += 1;
  T.stats[flags & 16 ? 3 : flags & 32 ? 4 : flags & 64 ? 5 : 2] += 1;
}
