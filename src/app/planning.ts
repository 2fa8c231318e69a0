// Capacity planning for the results panel: the load sweep, the fewest replicas that meet the
// SLO, and what the month would cost with them.
import type { Design, Slo } from '../model/design';
import { setReplicas } from '../model/commands';
import { monthlyCost, planCapacity } from '../simulation/planning';

export { loadSweep, monthlyCost, type SweepPoint } from '../simulation/planning';
export type { Report } from '../simulation/report';

/** A replica count to change: [component id, replicas now, replicas proposed]. */
export type ReplicaChange = [id: string, from: number, to: number];

export type CapacityProposal = { ok: true; changes: ReplicaChange[]; costUsd: number } | { ok: false; error: string };

/** The changes that would meet the SLO at the fewest replicas, and the monthly cost after them. */
export function proposeCapacity(design: Design, slo: Slo): CapacityProposal {
  const r = planCapacity(design, slo);
  if (!r.ok) return r;
  const current = new Map(design.nodes.map((n) => [n.id, n.params.replicas ?? 1]));
  const changes = Object.entries(r.replicas)
    .filter(([id, n]) => current.get(id) !== n)
    .map(([id, n]): ReplicaChange => [id, current.get(id) ?? 1, n]);
  return { ok: true, changes, costUsd: monthlyCost(setReplicas(design, r.replicas)).totalUsd };
}
