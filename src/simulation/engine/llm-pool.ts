// The requests an LLM server holds (./llm.ts), pooled: one slot per request from its arrival to
// its last token, its fields in arrays grown by doubling, slots reused once free; and each
// replica's running sequences in a heap by the step they finish at.
import { copyF64, copyI32, grew } from './memory';

// ---- requests (sequences), pooled ----
let sCap: i32 = 0;
export let sJob = new StaticArray<i32>(0);
export let sPrompt = new StaticArray<i32>(0);
export let sOut = new StaticArray<i32>(0);
export let sArrive = new StaticArray<f64>(0);
export let sAdmit = new StaticArray<f64>(0);
export let sFirst = new StaticArray<f64>(0);
/** Its context at its last decode step (prompt + output), taken off the replica's sum then. */
export let sCtxEnd = new StaticArray<f64>(0);
let sFree = new StaticArray<i32>(0);
let sFreeTop: i32 = 0;
let sUsed: i32 = 0;

/** A fresh pool of sequences. */
export function resetSequences(): void {
  sCap = 0;
  sFreeTop = sUsed = 0;
  growSequences(256);
}

export function allocSequence(): i32 {
  if (sFreeTop > 0) return sFree[--sFreeTop];
  if (sUsed == sCap) growSequences(sCap << 1);
  return sUsed++;
}

function growSequences(n: i32): void {
  sJob = copyI32(sJob, n);
  sPrompt = copyI32(sPrompt, n);
  sOut = copyI32(sOut, n);
  sArrive = copyF64(sArrive, n);
  sAdmit = copyF64(sAdmit, n);
  sFirst = copyF64(sFirst, n);
  sCtxEnd = copyF64(sCtxEnd, n);
  sFree = copyI32(sFree, n);
  sCap = n;
  grew();
}

/** Sequence s is done: its slot is free for the next. */
@inline export function releaseSequence(s: i32): void {
  sFree[sFreeTop++] = s;
}

/** A binary min-heap of (step number, sequence) pairs: the running sequences of one replica, the one that finishes first on top. */
export class FinishHeap {
  keys: StaticArray<f64> = new StaticArray<f64>(8);
  vals: StaticArray<i32> = new StaticArray<i32>(8);
  size: i32 = 0;

  push(key: f64, val: i32): void {
    if (this.size == this.keys.length) {
      this.keys = copyF64(this.keys, this.size * 2);
      this.vals = copyI32(this.vals, this.size * 2);
      grew();
    }
    const keys = this.keys;
    const vals = this.vals;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      vals[i] = vals[p];
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }

  /** The smallest key (+∞ when empty). */
  @inline topKey(): f64 {
    return this.size > 0 ? this.keys[0] : Infinity;
  }

  pop(): i32 {
    const keys = this.keys;
    const vals = this.vals;
    const top = vals[0];
    const n = --this.size;
    const key = keys[n];
    const val = vals[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      vals[i] = vals[c];
      i = c;
    }
    keys[i] = key;
    vals[i] = val;
    return top;
  }
}
