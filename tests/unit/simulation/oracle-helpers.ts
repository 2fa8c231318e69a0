// The queueing oracles (tests/fixtures/oracles) as version-1 documents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Design } from '../../../src/model/design';

export const ORACLE_DIR = join(import.meta.dirname, '../../fixtures/oracles');

export interface OracleCase {
  id: string;
  title: string;
  design: Design | string;
  expected: Record<string, any>;
  exact: string[];
}

export function loadOracles(): Map<string, OracleCase> {
  const raw = JSON.parse(readFileSync(join(ORACLE_DIR, 'oracles.json'), 'utf8')) as { cases: OracleCase[] };
  return new Map(raw.cases.map((c) => [c.id, { ...c, design: !c.design || typeof c.design === 'string' ? c.design : wrap(c.design as unknown as Pick<Design, 'nodes' | 'edges'>, c.id) }]));
}

export function loadNumerical(): Record<string, Record<string, number>> {
  return JSON.parse(readFileSync(join(ORACLE_DIR, 'numerical.json'), 'utf8'));
}

export function wrap(d: Pick<Design, 'nodes' | 'edges'>, name = 'oracle'): Design {
  return {
    format: 'mlsd-design', version: 1, name, notes: {},
    nodes: d.nodes.map((n) => ({ ...n, position: n.position ?? { x: 0, y: 0 } })),
    edges: d.edges,
  };
}

export const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

/** A source at `rps` with sync calls to K identical components (fork-join / fan-out oracles). */
export function fanOut(K: number, rps: number, leaf: Record<string, unknown>): Design {
  const nodes = [{ id: 'src', kind: 'client', params: { rps } }, ...Array.from({ length: K }, (_, i) => ({ id: `B${i + 1}`, kind: 'leaf', params: leaf }))];
  const edges = nodes.slice(1).map((n) => ({ id: `e-${n.id}`, source: 'src', target: n.id, params: { mode: 'sync' as const } }));
  return wrap({ nodes, edges } as never, `fan-out ${K}`);
}
