// The discrete-event engine in WebAssembly: what ../des-engine.ts calls. One instance runs one
// simulation; its memory holds every table and counter (views in ../engine-memory.ts).
import * as C from './calendar';
import * as R from './random';
import * as T from './tables';
import * as S from './state';
import { allocateQueues } from './queues';
import * as A from './ahead';
import * as Res from './resilience';
import { record, refill as refillStation, step as runEvents } from './stations';
import { dispatch as dispatchJob, startRequest as startUserRequest } from './calls';

/** Allocates the tables of a design of n components, m connection slots and `histograms` histograms. */
export function setup(n: i32, m: i32, histograms: i32, seedBits: i32): void {
  T.allocate(n, m, histograms);
  allocateQueues(n, m);
  Res.allocate(m);
  C.reset();
  R.seed(seedBits);
}

/** Connection slot k's timeouts, retries, breaker and hedging (./resilience.ts): its calls go through them. */
export function setRule(k: i32, timeoutMs: f64, hedgeMs: f64, maxAttempts: i32, baseMs: f64, capMs: f64, jitter: i32, budget: f64, window: i32, errorRate: f64, openMs: f64): void {
  Res.setRule(k, timeoutMs, hedgeMs, maxAttempts, baseMs, capMs, jitter, budget, window, errorRate, openMs);
}

/** Calls over such connections not answered yet. */
export function openCalls(): i32 {
  return Res.open();
}

/** Where shared array i lives (../engine-memory.ts lists them). */
export function arrayAt(i: i32): usize {
  return T.arrays[i];
}

/** Starts the run once the tables are written: `requests` user requests, the milestones, the end-to-end histogram. */
export function begin(requests: i32, warmCount: i32, halfCount: i32, e2e: i32): void {
  S.begin(requests, warmCount, halfCount, e2e);
  A.plan();
}

export function step(budget: i32): bool {
  return runEvents(budget);
}

// The clock and phases.
export function now(): f64 {
  return S.now;
}
export function events(): f64 {
  return S.events;
}
export function generated(): i32 {
  return S.generated;
}
export function tWarm(): f64 {
  return S.tWarm;
}
export function setTWarm(t: f64): void {
  S.tWarm = t;
}
export function tHalf(): f64 {
  return S.tHalf;
}
export function tEnd(): f64 {
  return S.tEnd;
}
export function setScenario(on: bool): void {
  S.scenario = on;
}
/** How component u is served: 0 event by event, 1 ahead when a call is sent, 2 ahead when it arrives (./ahead.ts). */
export function aheadMode(u: i32): i32 {
  return A.on[u];
}
/** Component u is simulated event by event (a scenario acts on it). */
export function eventByEvent(u: i32): void {
  A.off(u);
}
/** The window's counters (w…) set to the live ones as of now: what calls served ahead do later left out. */
export function counted(): void {
  S.counted();
}

// The event list.
export function pending(): i32 {
  return C.size;
}
export function schedule(at: f64, payload: i32): void {
  C.schedule(at, payload);
}
/** The same with a sequence number handed out earlier by number(): equal times go in that order. */
export function scheduleNumbered(at: f64, seq: f64, payload: i32): void {
  C.add(at, seq, payload);
}
export function number(): f64 {
  return C.number();
}
/** Takes back a pending event (its time and payload); false if there was none. */
export function cancel(at: f64, payload: i32): bool {
  return C.cancel(at, payload);
}
/** Takes the earliest event without running it, its time then in now(): the event list on its own. */
export function takeEvent(): i32 {
  const payload = C.take();
  S.now = C.time;
  return payload;
}

// Random numbers, one stream for the engine and the host.
export function uniform(): f64 {
  return R.uniform();
}
export function exponential(mean: f64): f64 {
  return mean * R.exp1();
}
export function normal(): f64 {
  return R.normal();
}

// Requests and components, for scenarios and LLM servers.
export function startRequest(s: i32): void {
  startUserRequest(s);
}
export function refill(u: i32): void {
  refillStation(u);
}
/** An LLM server's request finished at `start`-ed service: measured, then its calls go out. */
export function served(u: i32, job: i32, start: f64): void {
  T.jStart[job] = start;
  record(u, job);
}
export function dispatch(job: i32): void {
  dispatchJob(job);
}
export function advance(u: i32): void {
  S.advance(u);
}
