// The engine's memory, shared with JavaScript: the tables and counters the rest of the
// simulator reads and writes are views on it (../des-engine.ts). Growing the memory detaches
// those views, so every allocation that may grow it ends with grew(), which tells the host
// to make them afresh.

@external("host", "grown")
declare function grown(): void;

let pages: i32 = 0;

export function grew(): void {
  const now = memory.size();
  if (now != pages) {
    pages = now;
    grown();
  }
}

/** A copy of `a` in a new array of length n (the rest zero): how the engine grows its arrays. */
export function copyF64(a: StaticArray<f64>, n: i32): StaticArray<f64> {
  const b = new StaticArray<f64>(n);
  memory.copy(changetype<usize>(b), changetype<usize>(a), <usize>a.length << 3);
  return b;
}

/** The same for 32-bit integers. */
export function copyI32(a: StaticArray<i32>, n: i32): StaticArray<i32> {
  const b = new StaticArray<i32>(n);
  memory.copy(changetype<usize>(b), changetype<usize>(a), <usize>a.length << 2);
  return b;
}
