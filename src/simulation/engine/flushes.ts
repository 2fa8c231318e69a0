// A scenario's cache flushes (planned by ../scenario/hooks.ts): the cache's hit ratio drops to 0
// and refills linearly to its own over the flush's warm-up. Known from the start of the run, so a
// flushed cache is served ahead like any other: a call's hit is drawn for the moment its service
// ends (./calls.ts, `quiet`), whenever that is worked out.
import * as T from './tables';
import { fanout } from './routes';
import { grew } from './memory';

/** Per node: its flushes are at[first[u]] … at[first[u] + count[u] − 1], in time order. */
let first = new StaticArray<i32>(0);
let count = new StaticArray<i32>(0);
let at = new StaticArray<f64>(0);
let warm = new StaticArray<f64>(0);
let size: i32 = 0;

export function setup(n: i32, flushes: i32): void {
  first = new StaticArray<i32>(n);
  count = new StaticArray<i32>(n);
  at = new StaticArray<f64>(flushes);
  warm = new StaticArray<f64>(flushes);
  size = 0;
  grew();
}

/** Node u is flushed at `atMs`, refilling over `warmMs` (each node's flushes added together, in time order). */
export function add(u: i32, atMs: f64, warmMs: f64): void {
  if (count[u] == 0) first[u] = size;
  count[u]++;
  at[size] = atMs;
  warm[size++] = warmMs;
  fanout(u).flushed = 1;
}

/** Node u's hit ratio at t: the latest flush before t sets it, 0 refilling linearly. */
export function hitAt(u: i32, t: f64): f64 {
  const h = T.hit[u];
  const from = first[u];
  for (let k = from + count[u] - 1; k >= from; k--) {
    const f = at[k];
    if (t < f) continue;
    const w = warm[k];
    return t - f >= w ? h : (h * (t - f)) / w;
  }
  return h;
}
