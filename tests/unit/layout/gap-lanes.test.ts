import { describe, expect, it } from 'vitest';
import { assignLanes, crossed, type Run } from '../../../src/layout/gap-lanes';

/** Crossings among runs in their lanes. */
function crossings(runs: Run[]): number {
  let sum = 0;
  for (const a of runs) for (const b of runs) if (a !== b && a.lane! < b.lane!) sum += crossed(a, b);
  return sum;
}

/** The fewest crossings any order of lanes gives. */
function fewest(runs: Run[]): number {
  let best = Infinity;
  const permute = (left: Run[], lane: number) => {
    if (left.length === 0) best = Math.min(best, crossings(runs));
    for (const r of left) {
      r.lane = lane;
      permute(left.filter((x) => x !== r), lane + 1);
    }
  };
  permute(runs, 0);
  return best;
}

describe('lanes of a gap between bands', () => {
  it('puts a run starting further right above one it overlaps going the same way, so they do not cross', () => {
    const runs: Run[] = [{ top: 0, bottom: 100 }, { top: 50, bottom: 150 }];
    assignLanes(runs);
    expect(runs.map((r) => r.lane)).toEqual([1, 0]);
    expect(crossings(runs)).toBe(0);
  });

  it('crosses two runs once where their ports are in opposite orders', () => {
    const runs: Run[] = [{ top: 0, bottom: 200 }, { top: 100, bottom: 50 }];
    assignLanes(runs);
    expect(crossings(runs)).toBe(1);
  });

  it('finds the fewest crossings for random runs of a template-sized gap', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 300; t++) {
      const runs: Run[] = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => ({ top: Math.round(rand() * 1000), bottom: Math.round(rand() * 1000) }));
      assignLanes(runs);
      const got = crossings(runs);
      expect(got).toBe(fewest(runs.map((r) => ({ ...r }))));
    }
  });
});
