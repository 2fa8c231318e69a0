// What-if questions on top of the analytic engine: latency against load (the "hockey stick"),
// the fewest replicas that meet an SLO, and the monthly bill.
import type { Design } from '../model/design';
import { compileGraph, type SimGraph } from './graph';
import { PARAM_RULES } from '../model/rules';
import { analyzeGraph, capacityRps, offeredPerUnit } from './analytic';
import type { LatencySummary, Report } from './report';
import { llmReplicaMonthUsd } from './llm/plan';

export interface SweepPoint {
  rps: number;
  latencyMs: LatencySummary;
}

/** Latency at fractions of the maximum sustainable load. */
export function loadSweep(design: Design, fractions: number[]): SweepPoint[] {
  const compiled = compileGraph(design);
  if (!compiled.ok) return [];
  const g = compiled.graph;
  const base = analyzeGraph(g, 1);
  const total = g.sources.reduce((s, u) => s + g.nodes[u].rps, 0);
  if (total <= 0 || base.maxRps <= 0) return [];
  return fractions.map((f) => {
    const r = analyzeGraph(g, (f * base.maxRps) / total);
    return { rps: f * base.maxRps, latencyMs: r.latencyMs };
  });
}

export type CapacityPlan =
  | { ok: true; replicas: Record<string, number>; report: Report }
  | { ok: false; error: string };

const MAX_STEPS = 2000;

/**
 * The fewest replicas that meet a p99 target at a load: start every component at the least
 * that keeps it stable, add one replica at a time where it lowers the p99 the most, then take
 * back any replica the target no longer needs (a greedy step can be made redundant by a later
 * one). The result meets the target, and no single replica can be removed from it.
 */
export function planCapacity(design: Design, slo: { p99Ms: number; rps: number }): CapacityPlan {
  const compiled = compileGraph(design);
  if (!compiled.ok) return compiled;
  const g: SimGraph = { ...compiled.graph, nodes: compiled.graph.nodes.map((n) => ({ ...n })) };
  const total = g.sources.reduce((s, u) => s + g.nodes[u].rps, 0);
  if (total <= 0) return { ok: false, error: 'The design has no load: give a client a rate (rps).' };
  const scale = slo.rps / total;
  const tunable = g.nodes.map((n, i) => ({ n, i })).filter(({ n }) => !n.isSource && n.meanMs > 0);
  const perReplica = (i: number) => g.nodes[i].servers / g.nodes[i].replicas;
  const setReplicas = (i: number, r: number) => {
    const per = perReplica(i);
    g.nodes[i].replicas = r;
    g.nodes[i].servers = per * r;
  };
  const p99Of = (r: Report) => (r.stable && r.latencyMs.p99 !== null ? r.latencyMs.p99 : Infinity);
  const meets = (r: Report) => p99Of(r) <= slo.p99Ms;
  // Least replicas for stability at the target load, each component offered the full flow its
  // callers send (as if they all kept up), so no round of fixing reveals a new overload.
  const offered = offeredPerUnit(g).lambda;
  const least = new Map<number, number>();
  for (const { n, i } of tunable) {
    const oneReplicaRps = capacityRps({ ...n, servers: perReplica(i) });
    const need = Math.max(1, Math.floor((offered[i] * scale) / oneReplicaRps) + 1);
    if (need > MAX_REPLICAS) return beyondLimit(slo, n.label, need);
    least.set(i, need);
    setReplicas(i, need);
  }
  let report = analyzeGraph(g, scale);
  for (let step = 0; !meets(report); step++) {
    if (step >= MAX_STEPS) return { ok: false, error: 'The capacity planner gave up after 2,000 steps.' };
    // Try one more replica on each of the busiest components; keep the best.
    const candidates = tunable
      .filter(({ n }) => (report.nodes[n.id]?.arrivalRps ?? 0) > 0 && n.replicas < MAX_REPLICAS)
      .sort((a, b) => (report.nodes[b.n.id]?.utilization ?? 0) - (report.nodes[a.n.id]?.utilization ?? 0))
      .slice(0, 8);
    let best: { i: number; p99: number; r: Report } | null = null;
    for (const { i } of candidates) {
      setReplicas(i, g.nodes[i].replicas + 1);
      const r = analyzeGraph(g, scale);
      if (!best || p99Of(r) < best.p99) best = { i, p99: p99Of(r), r };
      setReplicas(i, g.nodes[i].replicas - 1);
    }
    const current = p99Of(report);
    if (!best || best.p99 >= current - 1e-9) {
      const capped = tunable.find(({ n }) => n.replicas >= MAX_REPLICAS);
      if (capped) return beyondLimit(slo, capped.n.label, null, current);
      return { ok: false, error: `No number of replicas gets p99 under ${slo.p99Ms} ms at ${slo.rps} rps: the best is ${format(current)} — the service times themselves are too long. Shorten them, cache, or call in parallel.` };
    }
    setReplicas(best.i, g.nodes[best.i].replicas + 1);
    report = best.r;
  }
  for (let removed = true; removed; ) {
    removed = false;
    const idle = [...tunable].sort((a, b) => (report.nodes[a.n.id]?.utilization ?? 0) - (report.nodes[b.n.id]?.utilization ?? 0));
    for (const { n, i } of idle) {
      if (n.replicas <= least.get(i)!) continue;
      setReplicas(i, n.replicas - 1);
      const r = analyzeGraph(g, scale);
      if (meets(r)) {
        report = r;
        removed = true;
      } else setReplicas(i, n.replicas + 1);
    }
  }
  return { ok: true, replicas: Object.fromEntries(tunable.map(({ n }) => [n.id, n.replicas])), report };
}

/** The most replicas a component may have: a plan beyond it could not be saved and reopened. */
const MAX_REPLICAS = PARAM_RULES.replicas.max;

function beyondLimit(slo: { rps: number }, label: string, need: number | null, bestP99 = Infinity): CapacityPlan {
  const limit = `The SLO cannot be met within the limit of ${MAX_REPLICAS.toLocaleString('en-US')} replicas per component`;
  const why = need !== null ? `${label} alone would need ${need.toLocaleString('en-US')} to keep up with ${slo.rps.toLocaleString('en-US')} rps` : `with ${label} at the limit the best is p99 ${format(bestP99)}`;
  return { ok: false, error: `${limit}: ${why}. Shorten its service time, raise its concurrency, or cache in front of it.` };
}

const format = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'overloaded');

/** Monthly cost: replicas × each component's `pricePerReplicaMonthUsd`. */
export function monthlyCost(design: Design): { totalUsd: number; perNode: Record<string, number> } {
  const perNode: Record<string, number> = {};
  let totalUsd = 0;
  for (const n of design.nodes) {
    const price = llmReplicaMonthUsd(n.params) ?? n.params.pricePerReplicaMonthUsd;
    if (typeof price !== 'number' || !(price > 0)) continue;
    const cost = price * (typeof n.params.replicas === 'number' ? n.params.replicas : 1);
    perNode[n.id] = cost;
    totalUsd += cost;
  }
  return { totalUsd, perNode };
}
