// Circuit breakers, per connection slot (./resilience.ts). Nygard, Release It!, 2nd ed., 2018,
// "Circuit Breaker": closed, a breaker counts the outcomes of the last `window` attempts; when
// the failed share reaches `errorRate` over a full window it opens for `openMs`, refusing calls
// at once; then one trial call goes through — a success closes it with a fresh window, a
// failure opens it again.
import * as S from './state';

const CLOSED: u8 = 0;
const OPEN: u8 = 1;
/** Open time over; one trial call is in flight and every other call is refused. */
const TRIAL: u8 = 2;
/** 0: no breaker. */
let window = new StaticArray<i32>(0);
let errorRate = new StaticArray<f64>(0);
let openMs = new StaticArray<f64>(0);
let state = new StaticArray<u8>(0);
let until = new StaticArray<f64>(0);
/** Where each breaker's ring of outcomes (1 failed) begins in `outcomes`. */
let ringAt = new StaticArray<i32>(0);
let outcomes = new StaticArray<u8>(0);
let pos = new StaticArray<i32>(0);
let filled = new StaticArray<i32>(0);
let errors = new StaticArray<i32>(0);

/** Tables for m connection slots, no breaker on any yet. */
export function allocate(m: i32): void {
  window = new StaticArray<i32>(m);
  errorRate = new StaticArray<f64>(m);
  openMs = new StaticArray<f64>(m);
  state = new StaticArray<u8>(m);
  until = new StaticArray<f64>(m);
  ringAt = new StaticArray<i32>(m);
  outcomes = new StaticArray<u8>(0);
  pos = new StaticArray<i32>(m);
  filled = new StaticArray<i32>(m);
  errors = new StaticArray<i32>(m);
}

/** Connection slot k's breaker: over the last `w` outcomes (0: none), open at that failed share, for that long. */
export function set(k: i32, w: i32, rate: f64, ms: f64): void {
  window[k] = w;
  errorRate[k] = rate;
  openMs[k] = ms;
  if (w > 0) {
    ringAt[k] = outcomes.length;
    const grown = new StaticArray<u8>(outcomes.length + w);
    memory.copy(changetype<usize>(grown), changetype<usize>(outcomes), <usize>outcomes.length);
    outcomes = grown;
  }
}

/** Connection slot k has a breaker: its outcomes count in the order they come. */
@inline export function has(k: i32): bool {
  return window[k] > 0;
}

/** A call over connection slot k now: 0 refused (open), 1 passes, 2 passes as the trial call. */
export function admit(k: i32): i32 {
  const s = state[k];
  if (s == CLOSED) return 1;
  if (s == OPEN && S.now >= until[k]) {
    state[k] = TRIAL;
    return 2;
  }
  return 0;
}

/** An attempt over connection slot k failed or not (`trial`: it was the trial call). */
export function outcome(k: i32, failed: bool, trial: bool): void {
  const w = window[k];
  if (w == 0) return;
  const at = ringAt[k];
  if (trial) {
    if (failed) {
      state[k] = OPEN;
      until[k] = S.now + openMs[k];
    } else {
      state[k] = CLOSED;
      for (let i = 0; i < w; i++) outcomes[at + i] = 0;
      pos[k] = filled[k] = errors[k] = 0;
    }
    return;
  }
  if (state[k] != CLOSED) return; // an attempt sent before the breaker opened
  const p = pos[k];
  if (filled[k] == w) errors[k] -= outcomes[at + p];
  else filled[k]++;
  const bit: u8 = failed ? 1 : 0;
  outcomes[at + p] = bit;
  errors[k] += bit;
  pos[k] = p + 1 == w ? 0 : p + 1;
  if (filled[k] == w && <f64>errors[k] >= errorRate[k] * <f64>w) {
    state[k] = OPEN;
    until[k] = S.now + openMs[k];
  }
}
