// Timeouts, retries, circuit breakers and hedging of the discrete-event engine, for the calls
// over connections that have such settings (a design without any never builds this). A call
// over such a connection is a *call record* here; the engine's request slots are its attempts,
// whose parent is the record (coded −(record + 2)). Semantics and sources: docs/simulation.md,
// "Resilience".
//
// - Timeout (per attempt): the caller stops waiting; the attempt's slot is detached (its parent
//   set to −1), so the callee still does the work and its answer is dropped when it comes.
// - Retries: a failed attempt (rejected, failed, timed out, breaker open) is tried again after
//   a backoff drawn as in Brooker's "Exponential Backoff and Jitter" (AWS, 2015), if attempts
//   and — with a budget — retry tokens remain (Finagle's RetryBudget, gRPC retry throttling).
// - Breaker (Nygard, Release It!): per connection, over the last `window` outcomes.
// - Hedging (Dean & Barroso, "The Tail at Scale"): one more copy if no answer after hedgeMs.
//
// Timers are events of kind 5 whose id is a timer slot here; a timer outlived by its record
// (the record finished, maybe reused) is recognised by the record's generation and dropped.
// A connection's timeout (and its hedge delay) is one constant, so its timers go off in the
// order they were set: they wait in a FIFO per connection and only the first is in the event
// list, numbered when it was set — the order is the same, and a long timeout no longer fills
// the calendar with far-future events (which it walks a whole year to pass). When one goes off,
// the ones behind it whose attempt is over by then are dropped: they would do nothing.
import type { SimGraph } from './graph';
import type { SimResilience } from './resilience-compile';
import type { Random } from './random';
import type { Counters } from './des-state';
import { Breakers, RetryBudgets, backoff } from './resilience-policy';
import { IntQueue } from './int-queue';

/** What the engine does for this module. */
export interface CallHost {
  readonly rng: Random;
  /** Now, in ms. */
  time(): number;
  /** Makes a call over connection slot k for parent code `parent`; returns its slot, not yet sent. */
  prepare(k: number, parent: number): number;
  /** Sends a prepared call (it may be answered before this returns). */
  launch(k: number, child: number): void;
  /** The attempt's answer goes nowhere: the caller no longer waits for it. */
  detach(job: number): void;
  /** Tells `parent` one of its calls is over, with `flags` holding the failure and its cause. */
  answer(parent: number, flags: number): void;
  /** An attempt timed out or an open breaker refused a call (a scenario's timeline counts them). */
  fault(cause: 'timedOut' | 'breakerOpen'): void;
  /** Schedules an event of kind 5 with this id at time `at`. */
  timer(at: number, id: number): void;
  /** The same with the sequence number `seq` handed out earlier by `number()` (equal times go in that order). */
  timerNumbered(at: number, seq: number, id: number): void;
  /** The next sequence number of the event list, for a timer that enters it later. */
  number(): number;
}

// Failure flags, as the engine's request flags (des-engine.ts).
export const FAILED = 1;
export const REJECTED = 8;
export const TIMED_OUT = 16;
export const BREAKER_OPEN = 32;
export const ERRORED = 64;
/** Every cause bit with FAILED: what a failed call passes to its caller. */
export const CAUSES = FAILED | REJECTED | TIMED_OUT | BREAKER_OPEN | ERRORED;

const T_TIMEOUT = 0;
const T_RETRY = 1;
const T_HEDGE = 2;

export class Resilience {
  private readonly rules: (SimResilience | undefined)[];
  private readonly breakers: Breakers;
  private readonly budgets: RetryBudgets;

  // Call records.
  private cap = 256;
  private rParent = new Int32Array(this.cap);
  private rEdge = new Int32Array(this.cap);
  private rGen = new Int32Array(this.cap);
  private rAttempts = new Int32Array(this.cap);
  /** The attempts in flight (at most two: one and its hedge), slots and serial numbers. */
  private rJob = new Int32Array(this.cap * 2);
  private rSerial = new Int32Array(this.cap * 2);
  private rTrial = new Uint8Array(this.cap);
  private rPrevSleep = new Float64Array(this.cap);
  private rFree: number[] = [];
  private rUsed = 0;
  private serial = 0;

  // Timers: record, its generation then, attempt serial (timeouts, hedges), type.
  private tRec: number[] = [];
  private tGen: number[] = [];
  private tSerial: number[] = [];
  private tType: number[] = [];
  private tFree: number[] = [];
  /** Time and sequence number of a timer waiting in a connection's FIFO. */
  private tAt: number[] = [];
  private tSeq: number[] = [];
  /** The connection slot a timer was set for (its record may have been reused since). */
  private tK: number[] = [];
  /** Per connection slot: its pending timeouts (2k) and hedges (2k + 1), first set first. */
  private readonly lanes: IntQueue[];

  constructor(
    g: SimGraph,
    edgeOfSlot: Int32Array,
    private readonly c: Counters,
    private readonly host: CallHost,
  ) {
    this.rules = Array.from(edgeOfSlot, (e) => g.edges[e].resilience);
    this.breakers = new Breakers(this.rules);
    this.budgets = new RetryBudgets(this.rules);
    this.lanes = Array.from({ length: this.rules.length * 2 }, () => new IntQueue());
  }

  /** Call records in flight: calls made and not yet answered. */
  get open(): number {
    return this.rUsed - this.rFree.length;
  }

  /** A synchronous call over slot k for request `parent`. */
  call(k: number, parent: number): void {
    const r = this.alloc();
    this.rParent[r] = parent;
    this.rEdge[r] = k;
    this.rAttempts[r] = 1;
    this.rJob[2 * r] = this.rJob[2 * r + 1] = -1;
    this.rTrial[r] = 0;
    this.rPrevSleep[r] = this.rules[k]!.baseMs;
    this.budgets.deposit(k);
    this.c.resCalls[k]++;
    this.attempt(r, false);
  }

  /** An attempt of record r finished (its flags: FAILED and the cause, or 0). */
  attemptDone(r: number, job: number, flags: number): void {
    const i = this.rJob[2 * r] === job ? 2 * r : 2 * r + 1;
    this.rJob[i] = -1;
    const k = this.rEdge[r];
    const failed = (flags & FAILED) !== 0;
    this.breakers.outcome(k, failed, this.rTrial[r] === 1, this.host.time());
    this.rTrial[r] = 0;
    if (!failed) return this.complete(r, 0);
    if (this.rJob[i ^ 1] < 0) this.retryOrFail(r, flags & CAUSES);
  }

  /** A timer of kind 5 went off. */
  fire(t: number): void {
    const r = this.tRec[t];
    const stale = this.tGen[t] !== this.rGen[r];
    const serial = this.tSerial[t];
    const type = this.tType[t];
    if (type !== T_RETRY) {
      const lane = this.lanes[2 * this.tK[t] + (type === T_HEDGE ? 1 : 0)];
      lane.shift();
      // The timers behind it whose attempt is already over would go off to no effect: dropped.
      while (lane.size > 0 && this.over(lane.peek())) this.tFree.push(lane.shift());
      if (lane.size > 0) {
        const next = lane.peek();
        this.host.timerNumbered(this.tAt[next], this.tSeq[next], next);
      }
    }
    this.tFree.push(t);
    if (stale) return;
    if (type === T_RETRY) {
      this.rAttempts[r]++;
      this.c.retries[this.rEdge[r]]++;
      return this.attempt(r, false);
    }
    const i = this.rSerial[2 * r] === serial && this.rJob[2 * r] >= 0 ? 2 * r : this.rSerial[2 * r + 1] === serial && this.rJob[2 * r + 1] >= 0 ? 2 * r + 1 : -1;
    if (i < 0) return; // that attempt is already over
    if (type === T_HEDGE) {
      if (this.rJob[i ^ 1] < 0) {
        this.c.hedges[this.rEdge[r]]++;
        this.attempt(r, true);
      }
      return;
    }
    const k = this.rEdge[r];
    this.c.timedOut[k]++;
    this.host.fault('timedOut');
    this.host.detach(this.rJob[i]);
    this.rJob[i] = -1;
    this.breakers.outcome(k, true, this.rTrial[r] === 1, this.host.time());
    this.rTrial[r] = 0;
    if (this.rJob[i ^ 1] < 0) this.retryOrFail(r, FAILED | TIMED_OUT);
  }

  /** Whether timer t (a timeout or a hedge) is for an attempt that is over: then it never will do anything. */
  private over(t: number): boolean {
    const r = this.tRec[t];
    if (this.tGen[t] !== this.rGen[r]) return true;
    const serial = this.tSerial[t];
    return !((this.rSerial[2 * r] === serial && this.rJob[2 * r] >= 0) || (this.rSerial[2 * r + 1] === serial && this.rJob[2 * r + 1] >= 0));
  }

  /** Sends an attempt (or a hedge's copy) unless the breaker refuses it. */
  private attempt(r: number, hedge: boolean): void {
    const k = this.rEdge[r];
    const now = this.host.time();
    const gate = this.breakers.admit(k, now);
    if (gate === 0) {
      if (hedge) return;
      this.c.breakerOpen[k]++;
      this.host.fault('breakerOpen');
      return this.retryOrFail(r, FAILED | BREAKER_OPEN);
    }
    if (gate === 2) this.rTrial[r] = 1;
    const rule = this.rules[k]!;
    const i = this.rJob[2 * r] < 0 ? 2 * r : 2 * r + 1;
    const child = this.host.prepare(k, -(r + 2));
    const serial = ++this.serial;
    this.rJob[i] = child;
    this.rSerial[i] = serial;
    if (rule.timeoutMs < Infinity) this.schedule(now + rule.timeoutMs, r, serial, T_TIMEOUT);
    if (!hedge && rule.hedgeMs < Infinity) this.schedule(now + rule.hedgeMs, r, serial, T_HEDGE);
    // Last: the attempt may be answered (and this record finished and reused) before it returns.
    this.host.launch(k, child);
  }

  private retryOrFail(r: number, cause: number): void {
    const k = this.rEdge[r];
    const rule = this.rules[k]!;
    if (this.rAttempts[r] < rule.maxAttempts && this.budgets.spend(k)) {
      const sleep = backoff(rule, this.rAttempts[r], this.rPrevSleep[r], this.host.rng.next());
      this.rPrevSleep[r] = sleep;
      return this.schedule(this.host.time() + sleep, r, -1, T_RETRY);
    }
    this.complete(r, cause);
  }

  /** The call is over: a copy still in flight is no longer waited for, and the caller is told. */
  private complete(r: number, flags: number): void {
    for (let i = 2 * r; i < 2 * r + 2; i++) {
      if (this.rJob[i] >= 0) this.host.detach(this.rJob[i]);
      this.rJob[i] = -1;
    }
    const parent = this.rParent[r];
    this.rGen[r]++;
    this.rFree.push(r);
    this.host.answer(parent, flags);
  }

  private schedule(at: number, r: number, serial: number, type: number): void {
    const t = this.tFree.length > 0 ? this.tFree.pop()! : this.tRec.length;
    this.tRec[t] = r;
    this.tGen[t] = this.rGen[r];
    this.tSerial[t] = serial;
    this.tType[t] = type;
    this.tK[t] = this.rEdge[r];
    if (type === T_RETRY) return this.host.timer(at, t);
    const lane = this.lanes[2 * this.tK[t] + (type === T_HEDGE ? 1 : 0)];
    const seq = this.host.number();
    this.tAt[t] = at;
    this.tSeq[t] = seq;
    lane.push(t);
    if (lane.size === 1) this.host.timerNumbered(at, seq, t);
  }

  private alloc(): number {
    if (this.rFree.length > 0) return this.rFree.pop()!;
    if (this.rUsed === this.cap) this.grow();
    return this.rUsed++;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.rParent = g(this.rParent, cap);
    this.rEdge = g(this.rEdge, cap);
    this.rGen = g(this.rGen, cap);
    this.rAttempts = g(this.rAttempts, cap);
    this.rJob = g(this.rJob, cap * 2);
    this.rSerial = g(this.rSerial, cap * 2);
    this.rTrial = g(this.rTrial, cap);
    this.rPrevSleep = g(this.rPrevSleep, cap);
    this.cap = cap;
  }
}
