// Analytic mode: rates through the graph, each component as a queue, then the end-to-end
// latency distribution composed along the calls. Fast enough to rerun on every edit.
import type { Design } from '../model/design';
import { capacityRps, compileGraph, offeredPerUnit, type SimGraph } from './graph';
import { designCapacity } from './capacity';
import { analyzeQueue, type QueueResult } from './queue';
import { analyzeBatchQueue } from './batching';
import { analyzeLlm } from './llm/analytic';
import { endToEnd } from './compose';
import { quantile, type Dist } from './dist';
import { approximation } from './accuracy';
import { regularFeeders, throughRegularPair } from './tandem';
import { outcomes, type Outcomes } from './failures';
import { closedLoopReport, solveClosedLoops } from './closed-loop';
import { byId, type LatencySummary, type NodeReport, type Report, type SimResult } from './report';

export interface AnalyzeOptions {
  /** Multiplies every source's rate (load sweeps, SLO checks, capacity planning). */
  loadScale?: number;
}

export interface Flow {
  /** Offered arrivals per second at each node. */
  lambda: Float64Array;
  /** Requests per second over each edge. */
  edgeRps: Float64Array;
  queues: QueueResult[];
  /** Squared coefficient of variation of each node's arrivals (1 = Poisson). */
  ca2: Float64Array;
  /** The part of each node's arrivals a user request waits for (reached by sync calls only). */
  userLambda: Float64Array;
  /** Share of each node's admitted arrivals it completes: 1, or less past capacity. */
  served: Float64Array;
  totalSourceRps: number;
  /**
   * For a constant single server feeding another (tandem.ts), the response through both,
   * the second's own calls excluded; indexed by the first.
   */
  pair: (Dist | undefined)[];
  /** Failed and completed calls, callees first (failures.ts). */
  outcomes: Outcomes;
}

export function analyze(design: Design, opts: AnalyzeOptions = {}): SimResult {
  const t0 = performance.now();
  const compiled = compileGraph(design);
  if (!compiled.ok) return compiled;
  const report = analyzeGraph(compiled.graph, opts.loadScale ?? 1);
  report.wallMs = performance.now() - t0;
  return { ok: true, report };
}

export function analyzeGraph(g: SimGraph, loadScale = 1): Report {
  const closed = solveClosedLoops(g, loadScale, analyzeGraph); // closed-loop sources at their fixed-point rate
  if (closed) return closedLoopReport(closed, loadScale, analyzeGraph);
  const flow = computeFlow(g, loadScale);
  const { lambda, queues, totalSourceRps } = flow;
  const { overloaded, saturated } = overloadOf(g, queues);
  const stable = overloaded.length === 0;
  const { maxRps, bottleneck } = designCapacity(g);

  const nodes = byId<NodeReport>();
  for (const u of g.order) {
    const n = g.nodes[u];
    const q = queues[u];
    if (n.isSource && n.meanMs <= 0) continue;
    const X = lambda[u] * (1 - q.blockProb);
    nodes[n.id] = {
      arrivalRps: lambda[u],
      throughputRps: q.stable ? X : capacityRps(n),
      utilization: q.utilization,
      meanWaitMs: finite(q.waitMs),
      meanResponseMs: finite(q.responseMs),
      p99Ms: q.stable ? quantile(q.response, 0.99) : null,
      errorRate: q.blockProb,
      rejectedRps: lambda[u] * q.blockProb,
      L: q.stable ? (X / 1000) * q.responseMs : null,
    };
    if (n.batch || n.llm) nodes[n.id].load = lambda[u] / capacityRps(n);
    if (n.llm) nodes[n.id].llm = analyzeLlm(n.llm, lambda[u] / 1000, n.servers).report;
  }
  // A user request fails when a call on its synchronous path is rejected (a rejected async
  // message fails none); it completes when every component on that path finishes its part.
  let failedRps = 0;
  let completedRps = 0;
  for (const u of g.sources) {
    const rps = g.nodes[u].rps * loadScale;
    failedRps += rps * flow.outcomes.sourceFail[u];
    completedRps += rps * flow.outcomes.sourceComplete[u];
  }
  const errorRate = totalSourceRps > 0 ? Math.min(1, failedRps / totalSourceRps) : 0;
  const sources = byId<Report['sources'][string]>();
  let overall: LatencySummary = { mean: null, p50: null, p95: null, p99: null };
  const approximate = stable ? approximation(g, flow) : undefined;
  if (stable) {
    const e2e = endToEnd(g, flow);
    for (const [u, d] of e2e.perSource) sources[g.nodes[u].id] = { rps: g.nodes[u].rps * loadScale, latencyMs: summary(d) };
    if (e2e.overall) overall = summary(e2e.overall);
  } else {
    for (const u of g.sources) sources[g.nodes[u].id] = { rps: g.nodes[u].rps * loadScale, latencyMs: overall };
  }
  const edges = byId<Report['edges'][string]>();
  g.edges.forEach((e, i) => (edges[e.id] = { rps: flow.edgeRps[i] }));
  return {
    mode: 'analytic',
    stable,
    throughputRps: stable ? totalSourceRps * (1 - errorRate) : completedRps,
    errorRate,
    latencyMs: overall,
    maxRps,
    bottleneck,
    overloaded,
    saturated,
    nodes,
    edges,
    sources,
    events: 0,
    wallMs: 0,
    ...(approximate ? { approximate } : {}),
  };
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function summary(d: Dist): LatencySummary {
  return { mean: d.mean, p50: quantile(d, 0.5), p95: quantile(d, 0.95), p99: quantile(d, 0.99) };
}

/**
 * Arrival rates in topological order: callers' completions × probability (× 1 − hit ratio).
 * A sequential fan-out stops at a failed call, so what its later callees see depends on the
 * failures below it, which depend on their loads: passes until the two agree (one pass when no
 * queue limit can reject).
 */
export function computeFlow(g: SimGraph, loadScale: number): Flow {
  let flow = flowPass(g, loadScale, undefined);
  // Retries and timeouts also make the flow depend on the failures (resilience-analytic.ts).
  const stops = (g.nodes.some((n) => n.queueLimit !== null) && g.nodes.some((n) => n.fanout === 'sequential' && n.out.length > 1)) || g.edges.some((e) => e.resilience);
  for (let i = 0; stops && i < 50; i++) {
    const next = flowPass(g, loadScale, flow.outcomes);
    let change = 0;
    for (let u = 0; u < g.nodes.length; u++) change = Math.max(change, Math.abs(next.outcomes.fail[u] - flow.outcomes.fail[u]));
    flow = next;
    if (change < 1e-12) break;
  }
  return flow;
}

function flowPass(g: SimGraph, loadScale: number, prev: Outcomes | undefined): Flow {
  const n = g.nodes.length;
  const lambda = new Float64Array(n);
  const ca2Weighted = new Float64Array(n);
  const ca2 = new Float64Array(n);
  const userLambda = new Float64Array(n);
  const servedShare = new Float64Array(n);
  const edgeRps = new Float64Array(g.edges.length);
  const queues: QueueResult[] = new Array(n);
  const pair: (Dist | undefined)[] = new Array(n);
  const feeders = regularFeeders(g);
  let totalSourceRps = 0;
  for (const u of g.order) {
    const node = g.nodes[u];
    const own = node.isSource ? node.rps * loadScale : 0;
    totalSourceRps += own;
    const inRate = lambda[u];
    const ca2In = inRate > 0 ? ca2Weighted[u] / inRate : 1;
    ca2[u] = ca2In;
    let q = node.llm ? analyzeLlm(node.llm, inRate / 1000, node.servers).queue : node.batch ? analyzeBatchQueue(node, inRate / 1000, ca2In) : analyzeQueue(node, inRate / 1000, ca2In);
    const f = feeders[u];
    if (f >= 0 && q.stable && queues[f].stable) {
      const t = throughRegularPair(g.nodes[f], queues[f], node, q, lambda[f] / 1000, ca2[f]);
      q = t.second;
      pair[f] = t.both;
    }
    queues[u] = q;
    // Completions go on; an overloaded component passes on what it can finish.
    const served = q.stable ? inRate * (1 - q.blockProb) : Math.min(inRate, capacityRps(node));
    servedShare[u] = q.stable || inRate <= 0 ? 1 : served / inRate;
    const outRate = served + own;
    const outCa2 = outRate > 0 ? (served * q.cd2 + own * (node.arrivals === 'uniform' ? 0 : 1)) / outRate : 1;
    // A request failed by its component's failureRate makes no calls.
    const forward = (outRate - served * (node.faults?.failureRate ?? 0)) * (1 - node.hitRatio);
    const userOut = (q.stable ? userLambda[u] * (1 - q.blockProb) : userLambda[u] * (served / Math.max(inRate, 1e-300))) + own;
    let reached = 1; // a sequential fan-out: the share of requests no earlier call has failed
    for (const e of node.out) {
      const edge = g.edges[e];
      const share = edge.share * (edge.mode === 'sync' ? reached : 1);
      if (prev && node.fanout === 'sequential' && node.dispatch === 'all' && edge.mode === 'sync') reached *= 1 - edge.probability * prev.callFail[e];
      const rate = forward * share * (prev ? prev.amp[e] : 1);
      const p = outRate > 0 ? rate / outRate : 0;
      edgeRps[e] = rate;
      lambda[edge.to] += rate;
      if (edge.mode === 'sync') userLambda[edge.to] += userOut * (1 - node.hitRatio) * share;
      ca2Weighted[edge.to] += rate * (p * outCa2 + 1 - p); // thinning, then a rate-weighted merge
    }
  }
  return { lambda, edgeRps, queues, ca2, userLambda, served: servedShare, totalSourceRps, pair, outcomes: outcomes(g, queues, servedShare) };
}

/**
 * Components with no steady state, and those past capacity that reject the excess instead
 * (a queue limit keeps them stable; offered utilization ≥ 1 says they are overloaded all the same).
 */
export function overloadOf(g: SimGraph, queues: QueueResult[]): { overloaded: string[]; saturated: string[] } {
  const overloaded: string[] = [];
  const saturated: string[] = [];
  for (const u of g.order) {
    const q = queues[u];
    if (!q.stable) overloaded.push(g.nodes[u].id);
    else if (q.blockProb > 0 && q.rho >= 1) saturated.push(g.nodes[u].id);
  }
  return { overloaded, saturated };
}

// Capacity and offered flow are compiled with the graph (graph.ts), the design's maximum load
// found in capacity.ts; re-exported for the planner and the discrete-event report.
export { capacityRps, offeredPerUnit, designCapacity };
