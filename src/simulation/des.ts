// Discrete-event mode: simulates the design request by request (des-engine.ts) and reports the
// same fields as analytic mode, measured. Rates, utilization and L are taken over the window
// from the end of the warm-up to the last source arrival; latencies over every request that
// arrived after the warm-up (the run drains, so slow requests are not cut off).
//
// Where docs/simulation.md is silent, as a JMT user would expect: a call rejected by a queue limit fails
// at once and fails the request that made it (a sequential fan-out makes no further calls, a
// parallel one still waits for the calls in flight); a failed user request counts in errorRate
// and not in latency, while a rejected async message counts only at its component. A source's
// own requests start at the source without queueing there. `requests` counts user requests of
// all sources together.
import type { Design } from '../model/design';
import { capacityRps, compileGraph, type SimGraph } from './graph';
import { analyzeGraph, computeFlow, designCapacity, overloadOf } from './analytic';
import { solveClosedLoops } from './closed-loop';
import { DesEngine } from './des-engine';
import { resilienceReport } from './resilience-report';
import { llmDesReport } from './llm/des-report';
import { byId, type LatencySummary, type NodeReport, type Report, type SimResult } from './report';

export interface DesOptions {
  /** Source requests to generate, all sources together (default 200,000). */
  requests?: number;
  seed?: number;
  /** Share of the first requests left out of the figures (default 0.01). */
  warmupFraction?: number;
  /** Multiplies every source's rate. */
  loadScale?: number;
  /** Called every few hundred thousand events with the share of requests generated. */
  onProgress?: (fraction: number) => void;
  /** Polled as often: true stops the run. */
  shouldStop?: () => boolean;
  /**
   * At most this many of an LLM replica's decode steps in one event (default 64): 1 runs each
   * step as an event of its own, the same sample path, slower.
   */
  llmStepsPerEvent?: number;
  /** false: every component event by event, none served ahead (engine/ahead.ts) — the same queues, slower. */
  serveAhead?: boolean;
  /**
   * The request from which the served-ahead logs list every call again (des-state.ts,
   * keepLogFrom; 0 from the start) — the same report, slower; one too late for the window's cut
   * makes the run go again from 0.
   */
  keepLogFrom?: number;
}

const STEP = 1 << 17;

export function simulateDes(design: Design, opts: DesOptions = {}): SimResult {
  const t0 = performance.now();
  const compiled = compileGraph(design);
  if (!compiled.ok) return compiled;
  const g = compiled.graph;
  const requests = Math.max(1, Math.floor(opts.requests ?? 200_000));
  const loadScale = opts.loadScale ?? 1;
  // Closed-loop sources are simulated user by user; stability and capacity are judged at their analytic throughput.
  const open = solveClosedLoops(g, loadScale, analyzeGraph)?.atThroughput ?? g;
  if (!open.sources.some((s) => open.nodes[s].rps * loadScale > 0)) return { ok: false, error: 'Nothing to simulate: no component has a request rate (rps) above 0.' };
  const engine = new DesEngine(g, requests, opts.seed ?? 1, opts.warmupFraction ?? 0.01, loadScale, opts);
  for (;;) {
    if (engine.step(STEP)) break;
    opts.onProgress?.(engine.generated / requests);
    if (opts.shouldStop?.()) return { ok: false, error: 'The discrete-event run was stopped.' };
  }
  // The window's cut could miss calls the logs left out (des-state.ts, keepLogFrom): the same run, every call listed.
  if (engine.cutShort) return simulateDes(design, { ...opts, keepLogFrom: 0 });
  opts.onProgress?.(1);
  const report = buildReport(open, engine, loadScale);
  const resilience = resilienceReport(g, engine.nodes, engine.c, engine.hist.n[engine.e2e] + engine.c.rootsFailed);
  if (resilience) report.resilience = resilience;
  report.wallMs = performance.now() - t0;
  return { ok: true, report };
}

function buildReport(g: SimGraph, e: DesEngine, loadScale: number): Report {
  // Stability is a property of the offered load, not of one finite run: a component offered
  // ρ ≥ 1 has no steady state however its numbers looked when the run stopped.
  const flow = computeFlow(g, loadScale);
  const { overloaded, saturated } = overloadOf(g, flow.queues);
  const stable = overloaded.length === 0;
  const c = e.c;
  const w = c.window!;
  const spanMs = e.tEnd - e.tWarm;
  const perSec = (x: number) => (spanMs > 0 ? (x * 1000) / spanMs : 0);
  const h = e.hist;

  const nodes = byId<NodeReport>();
  for (const u of g.order) {
    const n = g.nodes[u];
    if (n.isSource && n.meanMs <= 0) continue;
    const steady = flow.queues[u].stable;
    const count = h.n[u];
    nodes[n.id] = {
      arrivalRps: perSec(w.arrivals[u]),
      throughputRps: perSec(w.completions[u]),
      utilization: spanMs > 0 && !e.nodes.pass[u] ? w.busyArea[u] / (n.servers * spanMs) : 0,
      meanWaitMs: steady && count > 0 ? c.waitSum[u] / count : null,
      meanResponseMs: steady ? h.mean(u) : null,
      p99Ms: steady ? h.quantile(u, 0.99) : null,
      errorRate: w.arrivals[u] > 0 ? w.rejections[u] / w.arrivals[u] : 0,
      rejectedRps: perSec(w.rejections[u]),
      L: steady && spanMs > 0 ? w.countArea[u] / spanMs : null,
    };
    if (n.batch) {
      nodes[n.id].meanBatchSize = w.batches[u] > 0 ? w.completions[u] / w.batches[u] : 0;
      nodes[n.id].load = nodes[n.id].arrivalRps / capacityRps(n);
    }
    if (n.llm && e.llm) Object.assign(nodes[n.id], llmDesReport(n, e.llm, u, nodes[n.id].arrivalRps, spanMs, steady));
  }
  const edges = byId<Report['edges'][string]>();
  for (let k = 0; k < w.edgeCalls.length; k++) edges[g.edges[e.nodes.edgeId[k]].id] = { rps: perSec(w.edgeCalls[k]) };

  const none: LatencySummary = { mean: null, p50: null, p95: null, p99: null };
  const summary = (i: number): LatencySummary => ({ mean: h.mean(i), p50: h.quantile(i, 0.5), p95: h.quantile(i, 0.95), p99: h.quantile(i, 0.99) });
  const sources = byId<Report['sources'][string]>();
  for (const s of g.sources) sources[g.nodes[s].id] = { rps: g.nodes[s].rps * loadScale, latencyMs: stable ? summary(e.sourceHist[s]) : none };

  const { maxRps, bottleneck } = designCapacity(g);
  const measuredRoots = h.n[e.e2e] + c.rootsFailed;
  return {
    mode: 'des',
    stable,
    throughputRps: perSec(w.rootsDone),
    errorRate: measuredRoots > 0 ? c.rootsFailed / measuredRoots : 0,
    latencyMs: stable ? summary(e.e2e) : none,
    maxRps,
    bottleneck,
    overloaded,
    saturated,
    nodes,
    edges,
    sources,
    events: e.events,
    wallMs: 0,
    histogram: h.display(e.e2e),
    measured: {
      latencyMs: summary(e.e2e),
      firstHalfMeanMs: c.halves[1] > 0 ? c.halves[0] / c.halves[1] : null,
      secondHalfMeanMs: c.halves[3] > 0 ? c.halves[2] / c.halves[3] : null,
    },
  };
}
