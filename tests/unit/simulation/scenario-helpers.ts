// Small designs for the scenario tests, and the per-run figures they compare.
import { emptyDesign, type Design, type DesignNode } from '../../../src/model/design';
import type { Scenario } from '../../../src/model/scenario';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import type { ScenarioResult, Series } from '../../../src/simulation/scenario/timeline';
import { replicationSeed } from '../../../src/simulation/replications';

export const node = (id: string, params: Record<string, unknown>): DesignNode => ({ id, kind: 'generic', position: { x: 0, y: 0 }, params });
export const sync = (id: string, source: string, target: string) => ({ id, source, target, params: { mode: 'sync' as const } });

export function design(nodes: DesignNode[], edges: Design['edges'], scenario?: Scenario): Design {
  return { ...emptyDesign('scenario test'), nodes, edges, ...(scenario ? { scenario } : {}) };
}

/** Runs one replication (seeded as replication i of seed 1) and fails the test on an error. */
export function run(d: Design, i = 0): ScenarioResult {
  const r = simulateScenario(d, { seed: replicationSeed(1, i) });
  if (!r.ok) throw new Error(r.error);
  return r.result;
}

/** The series' values as numbers (a missing one fails the test). */
export const values = (s: Series): number[] =>
  s.mean.map((v, i) => {
    if (v === null) throw new Error(`no value in bucket ${i}`);
    return v;
  });

export const average = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
