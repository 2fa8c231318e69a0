// Independent discrete-event replications combined into one report. Each replication is a
// short seeded run of the same design; a figure is the average of the replications' figures
// (means and percentiles alike) and its 95 % confidence interval is Student's t over them:
// x̄ ± t(0.975, n−1)·s/√n. Replications are independent by construction (own seeds, each
// starting empty), which a single long run's successive requests are not.
import { combineLlm } from './llm/des-report';
import { combineResilience } from './resilience-report';
import { byId, type Confidence, type LatencySummary, type NodeReport, type Report } from './report';
import { studentTQuantile } from './student-t';

export const CONFIDENCE_LEVEL = 0.95;

/**
 * The seed of replication i of a run seeded `base`: a 32-bit mix of both, so replication 1 of
 * seed 7 is not replication 0 of seed 8, and the same base seed always gives the same runs.
 */
export function replicationSeed(base: number, i: number): number {
  let h = (Math.imul(base >>> 0, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The average of the values and the half-width of its 95 % interval; null if any value is. */
export function meanInterval(values: readonly (number | null | undefined)[]): { mean: number | null; half: number | null } {
  const n = values.length;
  if (n === 0 || values.some((v) => v === null || v === undefined || !Number.isFinite(v))) return { mean: null, half: null };
  const xs = values as number[];
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { mean, half: null };
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, half: studentTQuantile(1 - (1 - CONFIDENCE_LEVEL) / 2, n - 1) * Math.sqrt(variance / n) };
}

const avg = (xs: readonly (number | null | undefined)[]) => meanInterval(xs).mean;
const QUANTS = ['mean', 'p50', 'p95', 'p99'] as const;

function summaries(list: LatencySummary[]): { value: LatencySummary; half: LatencySummary } {
  const value = {} as LatencySummary;
  const half = {} as LatencySummary;
  for (const q of QUANTS) ({ mean: value[q], half: half[q] } = meanInterval(list.map((s) => s[q])));
  return { value, half };
}

function combineNode(list: NodeReport[]): NodeReport {
  const out = {} as NodeReport;
  for (const key of Object.keys(list[0]) as (keyof NodeReport)[]) {
    if (key !== 'llm') (out as unknown as Record<string, number | null>)[key] = avg(list.map((n) => n[key] as number | null | undefined));
  }
  if (list[0].llm) out.llm = combineLlm(list.map((n) => n.llm!), avg, (s) => summaries(s).value);
  // Counts and rates never average to null: a component reached in one run and not another is 0 there.
  out.arrivalRps ??= 0;
  out.throughputRps ??= 0;
  out.utilization ??= 0;
  out.errorRate ??= 0;
  out.rejectedRps ??= 0;
  return out;
}

/** The runs' histograms on the coarsest run's bins (runs choose their own bin widths). */
function combineHistograms(reports: Report[]): Report['histogram'] {
  const hs = reports.map((r) => r.histogram).filter((h) => h && h.binsMs.length > 1) as NonNullable<Report['histogram']>[];
  if (hs.length === 0) return reports[0].histogram;
  const width = Math.max(...hs.map((h) => h.binsMs[1] - h.binsMs[0]));
  const top = Math.max(...hs.map((h) => h.binsMs.at(-1)! + (h.binsMs[1] - h.binsMs[0])));
  const k = Math.max(1, Math.ceil(top / width));
  const counts = new Array<number>(k).fill(0);
  for (const h of hs) {
    const w = h.binsMs[1] - h.binsMs[0];
    h.counts.forEach((c, i) => (counts[Math.min(k - 1, Math.floor((h.binsMs[i] + w / 2) / width))] += c));
  }
  return { binsMs: counts.map((_, i) => i * width), counts };
}

/** One report from independent replications of one design (at least one). */
export function combineReplications(reports: readonly Report[], meta: { requestsPerReplication: number; seed: number }): Report {
  const first = reports[0];
  const n = reports.length;
  const latency = summaries(reports.map((r) => r.latencyMs));
  const throughput = meanInterval(reports.map((r) => r.throughputRps));
  const nodes = byId<NodeReport>();
  const nodeHalf: Confidence['nodes'] = byId();
  for (const id of Object.keys(first.nodes)) {
    const list = reports.map((r) => r.nodes[id]).filter(Boolean);
    nodes[id] = combineNode(list);
    const half = (key: 'utilization' | 'meanResponseMs' | 'p99Ms') => (list.length === n ? meanInterval(list.map((x) => x[key])).half : null);
    nodeHalf[id] = { utilization: half('utilization'), meanResponseMs: half('meanResponseMs'), p99Ms: half('p99Ms') };
  }
  const edges = byId<Report['edges'][string]>();
  for (const id of Object.keys(first.edges)) edges[id] = { rps: avg(reports.map((r) => r.edges[id]?.rps ?? 0)) ?? 0 };
  const sources = byId<Report['sources'][string]>();
  const sourceHalf = byId<LatencySummary>();
  for (const id of Object.keys(first.sources)) {
    const s = summaries(reports.map((r) => r.sources[id].latencyMs));
    sources[id] = { rps: first.sources[id].rps, latencyMs: s.value };
    sourceHalf[id] = s.half;
  }
  const measured = first.measured && {
    latencyMs: summaries(reports.map((r) => r.measured!.latencyMs)).value,
    firstHalfMeanMs: avg(reports.map((r) => r.measured!.firstHalfMeanMs)),
    secondHalfMeanMs: avg(reports.map((r) => r.measured!.secondHalfMeanMs)),
  };
  return {
    ...first,
    throughputRps: throughput.mean ?? 0,
    errorRate: avg(reports.map((r) => r.errorRate)) ?? 0,
    latencyMs: latency.value,
    nodes,
    edges,
    sources,
    events: reports.reduce((s, r) => s + r.events, 0),
    wallMs: Math.max(...reports.map((r) => r.wallMs)),
    histogram: combineHistograms([...reports]),
    measured,
    ...(first.resilience ? { resilience: combineResilience(reports.map((r) => r.resilience!), avg) } : {}),
    confidence: {
      replications: n,
      requestsPerReplication: meta.requestsPerReplication,
      seed: meta.seed,
      throughputRps: throughput.half,
      latencyMs: latency.half,
      sources: sourceHalf,
      nodes: nodeHalf,
    },
  };
}
