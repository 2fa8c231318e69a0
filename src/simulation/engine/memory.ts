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
