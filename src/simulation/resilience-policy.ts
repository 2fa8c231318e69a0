// The per-connection policies of resilience.ts — circuit breakers, retry budgets, backoff — and
// the draw of a service with a slow share. Sources in docs/simulation.md, "Resilience".
import type { SimResilience } from './resilience-compile';

const CLOSED = 0;
const OPEN = 1;
/** Open time over; one trial call is in flight and every other call is refused. */
const TRIAL = 2;

/**
 * Circuit breakers (Nygard, Release It!, 2nd ed., 2018, "Circuit Breaker"): closed, a breaker
 * counts the outcomes of the last `window` attempts; when the failed share reaches `errorRate`
 * over a full window it opens for `openMs`, refusing calls at once; then one trial call goes
 * through — a success closes it with a fresh window, a failure opens it again.
 */
export class Breakers {
  private readonly state: Uint8Array;
  private readonly until: Float64Array;
  private readonly ring: (Uint8Array | null)[];
  private readonly pos: Int32Array;
  private readonly filled: Int32Array;
  private readonly errors: Int32Array;

  constructor(private readonly rules: (SimResilience | undefined)[]) {
    const m = rules.length;
    this.state = new Uint8Array(m);
    this.until = new Float64Array(m);
    this.ring = rules.map((r) => (r?.breaker ? new Uint8Array(r.breaker.window) : null));
    this.pos = new Int32Array(m);
    this.filled = new Int32Array(m);
    this.errors = new Int32Array(m);
  }

  /** 0: refused (open); 1: passes; 2: passes as the trial call. */
  admit(k: number, now: number): number {
    const s = this.state[k];
    if (s === CLOSED) return 1;
    if (s === OPEN && now >= this.until[k]) {
      this.state[k] = TRIAL;
      return 2;
    }
    return 0;
  }

  outcome(k: number, failed: boolean, trial: boolean, now: number): void {
    const ring = this.ring[k];
    if (!ring) return;
    const b = this.rules[k]!.breaker!;
    if (trial) {
      if (failed) this.open(k, now, b.openMs);
      else {
        this.state[k] = CLOSED;
        ring.fill(0);
        this.pos[k] = this.filled[k] = this.errors[k] = 0;
      }
      return;
    }
    if (this.state[k] !== CLOSED) return; // an attempt sent before the breaker opened
    const p = this.pos[k];
    if (this.filled[k] === ring.length) this.errors[k] -= ring[p];
    else this.filled[k]++;
    ring[p] = failed ? 1 : 0;
    this.errors[k] += ring[p];
    this.pos[k] = p + 1 === ring.length ? 0 : p + 1;
    if (this.filled[k] === ring.length && this.errors[k] >= b.errorRate * ring.length) this.open(k, now, b.openMs);
  }

  private open(k: number, now: number, openMs: number): void {
    this.state[k] = OPEN;
    this.until[k] = now + openMs;
  }
}

/**
 * Retry budgets as token buckets (Finagle's RetryBudget; gRPC's retry throttling, gRFC A6):
 * each first attempt deposits `budget` tokens, up to BUDGET_CAP, and a retry spends one; with
 * less than one token there is no retry. So retries stay at most `budget` × first attempts over
 * any long stretch, whatever fails. The bucket starts full, as gRPC's token count does.
 */
export const BUDGET_CAP = 10;

export class RetryBudgets {
  private readonly tokens: Float64Array;
  private readonly rate: Float64Array;

  constructor(rules: (SimResilience | undefined)[]) {
    this.rate = Float64Array.from(rules, (r) => (r ? r.budget : -1));
    this.tokens = new Float64Array(rules.length).fill(BUDGET_CAP);
  }

  deposit(k: number): void {
    const r = this.rate[k];
    if (r > 0) this.tokens[k] = Math.min(BUDGET_CAP, this.tokens[k] + r);
  }

  spend(k: number): boolean {
    if (this.rate[k] < 0) return true;
    if (this.tokens[k] < 1) return false;
    this.tokens[k] -= 1;
    return true;
  }
}

/**
 * The wait before retry number `attempts` (the attempts made so far, ≥ 1), u uniform on [0, 1):
 * Brooker, "Exponential Backoff and Jitter", AWS Architecture Blog (2015). With e = min(cap,
 * base·2^(attempts−1)): none e; full U(0, e); equal e/2 + U(0, e/2); decorrelated
 * min(cap, U(base, 3 × the previous wait)).
 */
export function backoff(r: SimResilience, attempts: number, previous: number, u: number): number {
  if (r.jitter === 3) return Math.min(r.capMs, r.baseMs + u * (3 * previous - r.baseMs));
  const e = Math.min(r.capMs, r.baseMs * 2 ** (attempts - 1));
  return r.jitter === 0 ? e : r.jitter === 1 ? u * e : e / 2 + (u * e) / 2;
}

