// The capacity plan as the results panel shows it: only the replica counts that change, and the
// month's cost once they are applied.
import { describe, expect, it } from 'vitest';
import { proposeCapacity, monthlyCost } from '../../../src/app/planning';
import { setReplicas } from '../../../src/model/commands';
import { emptyDesign, type Design } from '../../../src/model/design';

function design(): Design {
  return {
    ...emptyDesign('Plan'),
    nodes: [
      { id: 'users', kind: 'client', position: { x: 0, y: 0 }, params: { rps: 100 } },
      { id: 'gw', kind: 'api-gateway', position: { x: 300, y: 0 }, params: { replicas: 1, concurrency: 64, service: { dist: 'constant', meanMs: 0.5 }, pricePerReplicaMonthUsd: 50 } },
      { id: 'model', kind: 'model-server-cpu', position: { x: 600, y: 0 }, params: { replicas: 1, concurrency: 1, service: { dist: 'exponential', meanMs: 20 }, pricePerReplicaMonthUsd: 300 } },
    ],
    edges: [
      { id: 'e1', source: 'users', target: 'gw', params: { mode: 'sync' } },
      { id: 'e2', source: 'gw', target: 'model', params: { mode: 'sync' } },
    ],
  };
}

describe('proposeCapacity', () => {
  it('lists only the replica counts that change, with the cost after them', () => {
    const d = design();
    const r = proposeCapacity(d, { p99Ms: 200, rps: 400 });
    if (!r.ok) throw new Error(r.error);
    expect(r.changes.map(([id, from]) => [id, from])).toEqual([['model', 1]]);
    const to = r.changes[0][2];
    expect(to).toBeGreaterThan(8); // 400 rps × 20 ms needs 8 servers just to keep up
    expect(r.costUsd).toBe(monthlyCost(setReplicas(d, { model: to })).totalUsd);
    expect(r.costUsd).toBe(50 + to * 300);
  });

  it('says in a sentence why there is no plan', () => {
    const d = design();
    d.nodes[0].params = {};
    expect(proposeCapacity(d, { p99Ms: 200, rps: 400 })).toEqual({ ok: false, error: 'The design has no load: give a client a rate (rps).' });
  });
});
