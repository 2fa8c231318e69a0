// The lanes of the runs across one gap between two bands (cross-band-routes.ts). A run drops
// from its port on the band above to its lane, runs along it and drops on to its port on the
// band below; two runs cross where one's level part passes the other's drop. Each pair takes
// the order that crosses less, so runs cross only where their ports' order makes them. Pure.

/** A run across one gap: where it leaves the band above and where it reaches the band below. */
export interface Run {
  top: number;
  bottom: number;
  /** Its lane, top (0) to bottom: set by assignLanes. */
  lane?: number;
}

/** Crossings between two runs of one gap when `a` takes the lane above `b`. */
export function crossed(a: Run, b: Run): number {
  const inside = (x: number, r: Run) => x > Math.min(r.top, r.bottom) + 0.5 && x < Math.max(r.top, r.bottom) - 0.5;
  // a's level part against b's drop from the band above, and b's level part against a's drop to the band below.
  return Number(inside(b.top, a)) + Number(inside(a.bottom, b));
}

/** Lanes for the runs of one gap, top to bottom: each pair in the order that crosses less. */
export function assignLanes(runs: Run[]): void {
  const n = runs.length;
  const above = runs.map(() => new Set<number>());
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [ij, ji] = [crossed(runs[i], runs[j]), crossed(runs[j], runs[i])];
      if (ij < ji) above[j].add(i);
      else if (ji < ij) above[i].add(j);
    }
  }
  // Topological order of "goes above"; a cycle is broken at the run with fewest left above it.
  const placed = new Set<number>();
  for (let lane = 0; lane < n; lane++) {
    let best = -1;
    let bestWaiting = Infinity;
    for (let i = 0; i < n; i++) {
      if (placed.has(i)) continue;
      let waiting = 0;
      for (const k of above[i]) if (!placed.has(k)) waiting++;
      // Among the free, the one with the run furthest left: level parts stay short and nested.
      if (waiting < bestWaiting || (waiting === bestWaiting && Math.min(runs[i].top, runs[i].bottom) < Math.min(runs[best].top, runs[best].bottom))) {
        best = i;
        bestWaiting = waiting;
      }
    }
    placed.add(best);
    runs[best].lane = lane;
  }
}
