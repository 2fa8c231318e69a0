// Timeouts, retries, circuit breakers and hedging, for the calls over connections that have such
// settings (T.eRes[k] = 1; the rules are set per connection slot by ../des-engine.ts from
// ../resilience-compile.ts). A call over such a connection is a *call record* here; the
// request slots are its attempts, whose parent is the record, coded −(record + 2). Semantics
// and sources: docs/simulation.md, "Resilience".
//
// - Timeout (per attempt): the caller stops waiting; the attempt's slot is detached (its parent
//   set to −1), so the callee still does the work and its answer is dropped when it comes.
// - Retries: a failed attempt (rejected, failed, timed out, breaker open) is tried again after
//   a backoff drawn as in Brooker's "Exponential Backoff and Jitter" (AWS, 2015), if attempts
//   and — with a budget — retry tokens remain (Finagle's RetryBudget, gRPC retry throttling).
// - Breaker (Nygard, Release It!): per connection, over the last `window` outcomes (./breakers.ts).
// - Hedging (Dean & Barroso, "The Tail at Scale"): one more copy if no answer after hedgeMs.
//
// Timers are events of kind CALL_TIMER whose id is a timer slot here; a timer outlived by its
// record (the record finished, maybe reused) is recognised by the record's generation and
// dropped. A connection's timeout (and its hedge delay) is one constant, so its timers go off
// in the order they were set: they wait in a FIFO per connection and only the first is in the
// event list, numbered when it was set — the order is the same, and a long timeout does not fill
// the calendar with far-future events (which it walks a whole year to pass). When one goes off,
// the ones behind it whose attempt is already over are dropped: they would do nothing.
import * as C from './calendar';
import * as R from './random';
import * as T from './tables';
import * as S from './state';
import { IntQueue } from './queues';
import { copyF64, copyI32, grew } from './memory';
import { answerAt, launch, prepare } from './calls';
import { CALL_TIMER, FAILED } from './stations';
import { scenarioFault } from './host';
import * as Breakers from './breakers';

const TIMED_OUT: u8 = 16;
const BREAKER_OPEN: u8 = 32;
/** FAILED and every cause bit: what a failed call passes to its caller. */
const CAUSES: u8 = 121;

const T_TIMEOUT: u8 = 0;
const T_RETRY: u8 = 1;
const T_HEDGE: u8 = 2;

// ---- the rules, per connection slot ----
/** Per attempt; +∞ = none. */
let timeoutMs = new StaticArray<f64>(0);
/** +∞ = no hedging. */
let hedgeMs = new StaticArray<f64>(0);
let maxAttempts = new StaticArray<i32>(0);
let baseMs = new StaticArray<f64>(0);
let capMs = new StaticArray<f64>(0);
/** 0 none, 1 full, 2 equal, 3 decorrelated (../resilience-compile.ts, JITTER_CODE). */
let jitter = new StaticArray<u8>(0);
/** Retry tokens a first attempt deposits; −1 = no budget. */
let budget = new StaticArray<f64>(0);
/** A retry budget's tokens: it starts full, as gRPC's token count does. */
export const BUDGET_CAP: f64 = 10;
let tokens = new StaticArray<f64>(0);

// ---- call records ----
let cap: i32 = 0;
let rParent = new StaticArray<i32>(0);
let rEdge = new StaticArray<i32>(0);
let rGen = new StaticArray<i32>(0);
let rAttempts = new StaticArray<i32>(0);
/** The attempts in flight (at most two: one and its hedge): slots (−1 none) and serial numbers. */
let rJob = new StaticArray<i32>(0);
let rSerial = new StaticArray<i32>(0);
/** When each attempt in flight was sent: its timeout goes off `timeoutMs` later. */
let rSent = new StaticArray<f64>(0);
/** 1 while the attempt in flight is its breaker's trial call. */
let rTrial = new StaticArray<i32>(0);
let rPrevSleep = new StaticArray<f64>(0);
let rFree = new StaticArray<i32>(0);
let rFreeTop: i32 = 0;
let rUsed: i32 = 0;
let serial: i32 = 0;

// ---- timers: record, its generation then, attempt serial (timeouts, hedges), type ----
let tCap: i32 = 0;
let tRec = new StaticArray<i32>(0);
let tGen = new StaticArray<i32>(0);
let tSerial = new StaticArray<i32>(0);
let tType = new StaticArray<i32>(0);
/** The connection slot a timer was set for (its record may have been reused since). */
let tK = new StaticArray<i32>(0);
/** Time and sequence number of a timer waiting in a connection's FIFO. */
let tAt = new StaticArray<f64>(0);
let tSeq = new StaticArray<f64>(0);
let tFree = new StaticArray<i32>(0);
let tFreeTop: i32 = 0;
let tUsed: i32 = 0;
/** Per connection slot: its pending timeouts (2k) and hedges (2k + 1), first set first. */
let timerLanes = new StaticArray<IntQueue | null>(0);

/** Tables for m connection slots, no rules yet. */
export function allocate(m: i32): void {
  timeoutMs = new StaticArray<f64>(m);
  hedgeMs = new StaticArray<f64>(m);
  maxAttempts = new StaticArray<i32>(m);
  baseMs = new StaticArray<f64>(m);
  capMs = new StaticArray<f64>(m);
  jitter = new StaticArray<u8>(m);
  budget = new StaticArray<f64>(m);
  tokens = new StaticArray<f64>(m);
  Breakers.allocate(m);
  timerLanes = new StaticArray<IntQueue | null>(m * 2);
  cap = 0;
  rUsed = rFreeTop = serial = 0;
  tCap = 0;
  tUsed = tFreeTop = 0;
  growRecords(256);
  growTimers(256);
}

/** Connection slot k's settings (../resilience-compile.ts, SimResilience); window 0: no breaker. */
export function setRule(k: i32, timeout: f64, hedge: f64, attempts: i32, base: f64, capAt: f64, jitterCode: i32, tokensPerCall: f64, breakerWindow: i32, breakerErrorRate: f64, breakerOpenMs: f64): void {
  T.eRes[k] = 1;
  timeoutMs[k] = timeout;
  hedgeMs[k] = hedge;
  maxAttempts[k] = attempts;
  baseMs[k] = base;
  capMs[k] = capAt;
  jitter[k] = <u8>jitterCode;
  budget[k] = tokensPerCall;
  tokens[k] = BUDGET_CAP;
  Breakers.set(k, breakerWindow, breakerErrorRate, breakerOpenMs);
  timerLanes[2 * k] = new IntQueue();
  timerLanes[2 * k + 1] = new IntQueue();
  grew();
}

/** Call records in flight: calls made and not yet answered. */
export function open(): i32 {
  return rUsed - rFreeTop;
}

/** A synchronous call over slot k for request `parent`. */
export function call(k: i32, parent: i32): void {
  const r = alloc();
  rParent[r] = parent;
  rEdge[r] = k;
  rAttempts[r] = 1;
  rJob[2 * r] = -1;
  rJob[2 * r + 1] = -1;
  rTrial[r] = 0;
  rPrevSleep[r] = baseMs[k];
  const rate = budget[k];
  if (rate > 0) tokens[k] = min(BUDGET_CAP, tokens[k] + rate);
  T.resCalls[k] += 1;
  attempt(r, false);
}

/**
 * Whether attempt `job` of record r, over at t with these flags and known now, can be settled
 * now (attemptDone with t): it succeeds before its timeout goes off, and no breaker or hedge
 * on its connection could act on it before t. Otherwise its outcome waits for t (an event).
 */
export function knownAhead(r: i32, job: i32, flags: u8, t: f64): bool {
  const k = rEdge[r];
  if ((flags & FAILED) != 0 || Breakers.has(k) || hedgeMs[k] < Infinity) return false;
  return t < rSent[rJob[2 * r] == job ? 2 * r : 2 * r + 1] + timeoutMs[k];
}

/** An attempt of record r finished (its flags: FAILED and the cause, or 0), its answer due at t ≥ now. */
export function attemptDone(r: i32, job: i32, flags: u8, t: f64): void {
  const i = rJob[2 * r] == job ? 2 * r : 2 * r + 1;
  rJob[i] = -1;
  const k = rEdge[r];
  const failed = (flags & FAILED) != 0;
  Breakers.outcome(k, failed, rTrial[r] == 1);
  rTrial[r] = 0;
  if (!failed) return complete(r, 0, t);
  if (rJob[i ^ 1] < 0) retryOrFail(r, flags & CAUSES);
}

/** Timer t went off. */
export function fire(t: i32): void {
  const r = tRec[t];
  const stale = tGen[t] != rGen[r];
  const s = tSerial[t];
  const type = tType[t];
  if (type != T_RETRY) {
    const lane = timerLanes[2 * tK[t] + (type == T_HEDGE ? 1 : 0)]!;
    lane.shift();
    // The timers behind it whose attempt is already over would go off to no effect: dropped.
    while (lane.size > 0 && over(lane.peek())) tFree[tFreeTop++] = lane.shift();
    if (lane.size > 0) {
      const next = lane.peek();
      C.add(tAt[next], tSeq[next], next * 8 + CALL_TIMER);
    }
  }
  tFree[tFreeTop++] = t;
  if (stale) return;
  if (type == T_RETRY) {
    rAttempts[r]++;
    T.retries[rEdge[r]] += 1;
    return attempt(r, false);
  }
  const i = inFlight(r, s);
  if (i < 0) return; // that attempt is already over
  if (type == T_HEDGE) {
    if (rJob[i ^ 1] < 0) {
      T.hedges[rEdge[r]] += 1;
      attempt(r, true);
    }
    return;
  }
  const k = rEdge[r];
  T.timedOut[k] += 1;
  if (S.scenario) scenarioFault(0);
  T.slot(rJob[i]).parent = -1;
  rJob[i] = -1;
  Breakers.outcome(k, true, rTrial[r] == 1);
  rTrial[r] = 0;
  if (rJob[i ^ 1] < 0) retryOrFail(r, FAILED | TIMED_OUT);
}

/** The slot (2r or 2r + 1) of record r's attempt with this serial number still in flight, or −1. */
@inline function inFlight(r: i32, s: i32): i32 {
  return rSerial[2 * r] == s && rJob[2 * r] >= 0 ? 2 * r : rSerial[2 * r + 1] == s && rJob[2 * r + 1] >= 0 ? 2 * r + 1 : -1;
}

/** Whether timer t (a timeout or a hedge) is for an attempt that is over: then it never will do anything. */
function over(t: i32): bool {
  const r = tRec[t];
  return tGen[t] != rGen[r] || inFlight(r, tSerial[t]) < 0;
}

/** Sends an attempt (or a hedge's copy) unless the breaker refuses it. */
function attempt(r: i32, hedge: bool): void {
  const k = rEdge[r];
  const gate = Breakers.admit(k);
  if (gate == 0) {
    if (hedge) return;
    T.breakerOpen[k] += 1;
    if (S.scenario) scenarioFault(1);
    return retryOrFail(r, FAILED | BREAKER_OPEN);
  }
  if (gate == 2) rTrial[r] = 1;
  const i = rJob[2 * r] < 0 ? 2 * r : 2 * r + 1;
  const child = prepare(k, -(r + 2));
  const s = ++serial;
  rJob[i] = child;
  rSerial[i] = s;
  rSent[i] = S.now;
  if (timeoutMs[k] < Infinity) schedule(S.now + timeoutMs[k], r, s, T_TIMEOUT);
  if (!hedge && hedgeMs[k] < Infinity) schedule(S.now + hedgeMs[k], r, s, T_HEDGE);
  // Last: the attempt may be answered (and this record finished and reused) before it returns.
  launch(k, child);
}

function retryOrFail(r: i32, cause: u8): void {
  const k = rEdge[r];
  if (rAttempts[r] < maxAttempts[k] && spend(k)) {
    const sleep = backoff(k, rAttempts[r], rPrevSleep[r], R.uniform());
    rPrevSleep[r] = sleep;
    return schedule(S.now + sleep, r, -1, T_RETRY);
  }
  complete(r, cause, S.now);
}

/** The call is over, its answer due at t ≥ now: a copy still in flight is no longer waited for, and the caller is told. */
function complete(r: i32, flags: u8, t: f64): void {
  for (let i = 2 * r; i < 2 * r + 2; i++) {
    if (rJob[i] >= 0) T.slot(rJob[i]).parent = -1;
    rJob[i] = -1;
  }
  const parent = rParent[r];
  rGen[r]++;
  rFree[rFreeTop++] = r;
  answerAt(parent, flags, t);
}

function schedule(at: f64, r: i32, s: i32, type: u8): void {
  const t = tFreeTop > 0 ? tFree[--tFreeTop] : newTimer();
  tRec[t] = r;
  tGen[t] = rGen[r];
  tSerial[t] = s;
  tType[t] = type;
  tK[t] = rEdge[r];
  if (type == T_RETRY) return C.schedule(at, t * 8 + CALL_TIMER);
  const lane = timerLanes[2 * tK[t] + (type == T_HEDGE ? 1 : 0)]!;
  const seq = C.number();
  tAt[t] = at;
  tSeq[t] = seq;
  lane.push(t);
  if (lane.size == 1) C.add(at, seq, t * 8 + CALL_TIMER);
}

/**
 * The wait before retry number `attempts` (the attempts made so far, ≥ 1), u uniform on [0, 1):
 * Brooker, "Exponential Backoff and Jitter", AWS Architecture Blog (2015). With e = min(cap,
 * base·2^(attempts−1)): none e; full U(0, e); equal e/2 + U(0, e/2); decorrelated
 * min(cap, U(base, 3 × the previous wait)).
 */
export function backoff(k: i32, attempts: i32, previous: f64, u: f64): f64 {
  const code = jitter[k];
  if (code == 3) return min(capMs[k], baseMs[k] + u * (3 * previous - baseMs[k]));
  const e = min(capMs[k], baseMs[k] * Math.pow(2, <f64>(attempts - 1)));
  return code == 0 ? e : code == 1 ? u * e : e / 2 + (u * e) / 2;
}

/** A retry spends one token of the connection's budget, if it has one; with less than one there is no retry. */
function spend(k: i32): bool {
  if (budget[k] < 0) return true;
  if (tokens[k] < 1) return false;
  tokens[k] -= 1;
  return true;
}

function alloc(): i32 {
  if (rFreeTop > 0) return rFree[--rFreeTop];
  if (rUsed == cap) growRecords(cap << 1);
  return rUsed++;
}

function growRecords(n: i32): void {
  rParent = copyI32(rParent, n);
  rEdge = copyI32(rEdge, n);
  rGen = copyI32(rGen, n);
  rAttempts = copyI32(rAttempts, n);
  rJob = copyI32(rJob, n * 2);
  rSerial = copyI32(rSerial, n * 2);
  rSent = copyF64(rSent, n * 2);
  rTrial = copyI32(rTrial, n);
  rPrevSleep = copyF64(rPrevSleep, n);
  rFree = copyI32(rFree, n);
  cap = n;
  grew();
}

function newTimer(): i32 {
  if (tUsed == tCap) growTimers(tCap << 1);
  return tUsed++;
}

function growTimers(n: i32): void {
  tRec = copyI32(tRec, n);
  tGen = copyI32(tGen, n);
  tSerial = copyI32(tSerial, n);
  tType = copyI32(tType, n);
  tK = copyI32(tK, n);
  tAt = copyF64(tAt, n);
  tSeq = copyF64(tSeq, n);
  tFree = copyI32(tFree, n);
  tCap = n;
  grew();
}
