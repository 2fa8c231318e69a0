// The discrete-event engine's tables: the compiled design flattened into typed arrays (read
// on every event, so no property lookups through SimNode objects), and the run's counters.
// The arrays live in the engine's memory (engine-memory.ts): these classes hold views on them,
// made afresh by `attach` when the memory grows — so code outside the engine reads a field
// each time and keeps no array across a call into the engine.
import type { SimGraph } from './graph';
import type { EngineExports, EngineViews } from './engine-memory';

/** Request numbers where a run changes phase: the end of the warm-up, and half-way after it. */
export function milestoneCounts(requests: number, warmupFraction: number): { warmCount: number; halfCount: number } {
  const warmCount = Math.min(requests - 1, Math.ceil(requests * warmupFraction));
  return { warmCount, halfCount: warmCount + Math.floor((requests - warmCount) / 2) };
}

/** Between the cuts, a call served ahead is logged only if it ends more than this many ms after it is served (engine/ahead-log.ts). */
export const LOG_HORIZON_MS = 250;

/**
 * The request from which the engine's served-ahead logs list every call again, for the window's
 * cut at the last one: far enough before it that the window ends less than LOG_HORIZON_MS later
 * with a chance below 10⁻¹³. In any LOG_HORIZON_MS the open sources send at most a Poisson count
 * of mean μ (a uniform source at most rate × horizon + 1), and μ + 8√μ + 40 bounds that count
 * past the chance (Chernoff: P(N ≥ μ + x) ≤ exp(−x² / 2(μ + x/3))). If it happens all the same,
 * the engine says so and the run is made again listing every call (des.ts). 0 (always) with
 * closed-loop users, whose requests wait on their answers.
 */
export function keepLogFrom(sources: readonly number[], rate: Float64Array, uniform: Uint8Array, think: Float64Array, requests: number, warmCount: number): number {
  let mu = 0;
  let uniformMax = 0;
  for (const s of sources) {
    if (think[s] >= 0) return 0;
    const perHorizon = (rate[s] * LOG_HORIZON_MS) / 1000;
    if (uniform[s]) uniformMax += perHorizon + 1;
    else mu += perHorizon;
  }
  const from = requests - Math.ceil(mu + 8 * Math.sqrt(mu) + 40 + uniformMax) - 1;
  return from > warmCount + 1 ? from : 0;
}

/** Node and connection-slot tables, and the run state of each component. */
export class Nodes {
  servers!: Int32Array;
  pass!: Uint8Array;
  /** 0 exponential, 1 constant, 2 lognormal; 3 a slow share on top of one of those. */
  dist!: Uint8Array;
  mean!: Float64Array;
  lnMu!: Float64Array;
  lnSigma!: Float64Array;
  /** Waiting requests that make an arrival be rejected; −1 = no limit. */
  queueLimit!: Int32Array;
  hit!: Float64Array;
  dispatchOne!: Uint8Array;
  sequential!: Uint8Array;
  hasAsync!: Uint8Array;
  /** One synchronous call, always made (dispatch to all): the commonest case, taken first. */
  pipe!: Uint8Array;
  batchMax!: Int32Array;
  batchTimeout!: Float64Array;
  batchPerItem!: Float64Array;
  rate!: Float64Array;
  uniform!: Uint8Array;
  /** Outgoing connections of node u are slots outStart[u] … outStart[u + 1] − 1 (graph.ts's routes). */
  outStart!: Int32Array;
  eTo!: Int32Array;
  eAsync!: Uint8Array;
  /** The call's share of the caller's flow: its probability, or for dispatch to one its weight's share. */
  eShare!: Float64Array;
  /** Dispatch to one: the shares of the caller's slots up to and including this one. */
  eCumShare!: Float64Array;
  eNet!: Float64Array;
  /** 1: the connection has timeout/retry/breaker/hedge settings, and its calls go through engine/resilience.ts. */
  eRes!: Uint8Array;
  /** A served request fails with this probability (`failureRate`). */
  failRate!: Float64Array;
  /** With a slow share: the base distribution (0–2), the share and the factor. */
  baseDist!: Uint8Array;
  slowShare!: Float64Array;
  slowFactor!: Float64Array;
  // Run state.
  busy!: Int32Array;
  inSystem!: Int32Array;
  timerPending!: Uint8Array;
  /** > 0 while a scenario has the component refuse calls (its frame is down, or no replica is left). */
  down!: Uint8Array;
  /** Slot → index in SimGraph.edges. */
  readonly edgeId: Int32Array;
  /** Any connection with resilience settings or any failing component: the engine then counts failures by cause. */
  readonly faulty: boolean;

  /** Writes the design's tables into the engine's arrays `v`. */
  constructor(g: SimGraph, loadScale: number, v: EngineViews) {
    this.attach(v);
    const r = g.routes;
    this.edgeId = r.edge;
    v.outStart.set(r.outStart);
    v.eTo.set(r.to);
    v.eShare.set(r.share);
    v.eCumShare.set(r.cumShare);
    g.nodes.forEach((node, u) => {
      v.servers[u] = node.servers;
      v.pass[u] = node.meanMs <= 0 && !node.batch ? 1 : 0;
      v.dist[u] = node.dist === 'exponential' ? 0 : node.dist === 'constant' ? 1 : 2;
      v.mean[u] = node.meanMs;
      // Lognormal with mean m and coefficient of variation cv: σ² = ln(1 + cv²), μ = ln m − σ²/2.
      // A slow share: the engine draws the base service and stretches a share of the draws.
      const slow = node.faults?.slow;
      const mean = slow ? slow.baseMeanMs : node.meanMs;
      const cv = slow ? slow.baseCv : node.cv;
      if (slow) {
        v.baseDist[u] = slow.baseDist === 'exponential' ? 0 : slow.baseDist === 'constant' ? 1 : 2;
        v.dist[u] = 3;
        v.mean[u] = mean;
        v.slowShare[u] = slow.share;
        v.slowFactor[u] = slow.factor;
      }
      v.failRate[u] = node.faults?.failureRate ?? 0;
      const s2 = Math.log(1 + cv * cv);
      v.lnSigma[u] = Math.sqrt(s2);
      v.lnMu[u] = Math.log(Math.max(mean, 1e-300)) - s2 / 2;
      v.queueLimit[u] = node.queueLimit ?? -1;
      v.hit[u] = node.hitRatio;
      v.dispatchOne[u] = node.dispatch === 'one' ? 1 : 0;
      v.sequential[u] = node.fanout === 'sequential' ? 1 : 0;
      v.batchMax[u] = node.batch ? node.batch.maxSize : 0;
      v.batchTimeout[u] = node.batch?.timeoutMs ?? 0;
      v.batchPerItem[u] = node.batch?.perItemMs ?? 0;
      v.rate[u] = node.isSource ? node.rps * loadScale : 0;
      v.uniform[u] = node.arrivals === 'uniform' ? 1 : 0;
      for (let k = r.outStart[u]; k < r.outStart[u + 1]; k++) {
        const edge = g.edges[r.edge[k]];
        v.eAsync[k] = edge.mode === 'async' ? 1 : 0;
        v.eNet[k] = edge.networkMs;
        v.eRes[k] = edge.resilience ? 1 : 0;
        if (edge.mode === 'async') v.hasAsync[u] = 1;
      }
      const k = r.outStart[u];
      v.pipe[u] = r.outStart[u + 1] === k + 1 && !v.dispatchOne[u] && !v.eAsync[k] && r.share[k] >= 1 ? 1 : 0;
    });
    this.faulty = g.edges.some((e) => e.resilience) || g.nodes.some((node) => (node.faults?.failureRate ?? 0) > 0);
  }

  /** Takes the views of a (grown) memory. */
  attach(v: EngineViews): void {
    this.servers = v.servers;
    this.pass = v.pass;
    this.dist = v.dist;
    this.mean = v.mean;
    this.lnMu = v.lnMu;
    this.lnSigma = v.lnSigma;
    this.queueLimit = v.queueLimit;
    this.hit = v.hit;
    this.dispatchOne = v.dispatchOne;
    this.sequential = v.sequential;
    this.hasAsync = v.hasAsync;
    this.pipe = v.pipe;
    this.batchMax = v.batchMax;
    this.batchTimeout = v.batchTimeout;
    this.batchPerItem = v.batchPerItem;
    this.rate = v.rate;
    this.uniform = v.uniform;
    this.outStart = v.outStart;
    this.eTo = v.eTo;
    this.eAsync = v.eAsync;
    this.eShare = v.eShare;
    this.eCumShare = v.eCumShare;
    this.eNet = v.eNet;
    this.eRes = v.eRes;
    this.failRate = v.failRate;
    this.baseDist = v.baseDist;
    this.slowShare = v.slowShare;
    this.slowFactor = v.slowFactor;
    this.busy = v.busy;
    this.inSystem = v.inSystem;
    this.timerPending = v.timerPending;
    this.down = v.down;
  }
}

/** The counters the window's figures frozen at the last source arrival come from. */
export interface CounterWindow {
  arrivals: Float64Array;
  completions: Float64Array;
  rejections: Float64Array;
  edgeCalls: Float64Array;
  batches: Float64Array;
  busyArea: Float64Array;
  countArea: Float64Array;
  rootsDone: number;
}

/**
 * Counts over the measurement window (warm-up end to the last source arrival), and sums. The
 * engine resets them at the end of the warm-up and freezes the window at the last source arrival.
 */
export class Counters {
  arrivals!: Float64Array;
  completions!: Float64Array;
  rejections!: Float64Array;
  waitSum!: Float64Array;
  edgeCalls!: Float64Array;
  /** Batches started by batching components. */
  batches!: Float64Array;
  /** Time integrals of busy servers and of requests present (utilization, L). */
  busyArea!: Float64Array;
  countArea!: Float64Array;
  /** Per connection slot, after the warm-up: calls made through engine/resilience.ts (each with its attempts), retries sent, hedges sent, attempts timed out, calls refused by an open breaker. */
  resCalls!: Float64Array;
  retries!: Float64Array;
  hedges!: Float64Array;
  timedOut!: Float64Array;
  breakerOpen!: Float64Array;
  /** Failed user requests after the warm-up by cause: rejected, timed out, breaker open, failed (failureRate). */
  rootCauses!: Float64Array;
  /** Sum and count of the latencies of the first half of the requests, then of the second. */
  halves!: Float64Array;
  private stats!: Float64Array;
  private v!: EngineViews;

  constructor(
    v: EngineViews,
    private readonly x: EngineExports,
  ) {
    this.attach(v);
  }

  attach(v: EngineViews): void {
    this.v = v;
    this.arrivals = v.arrivals;
    this.completions = v.completions;
    this.rejections = v.rejections;
    this.waitSum = v.waitSum;
    this.edgeCalls = v.edgeCalls;
    this.batches = v.batches;
    this.busyArea = v.busyArea;
    this.countArea = v.countArea;
    this.resCalls = v.resCalls;
    this.retries = v.retries;
    this.hedges = v.hedges;
    this.timedOut = v.timedOut;
    this.breakerOpen = v.breakerOpen;
    this.stats = v.stats;
    this.rootCauses = v.stats.subarray(2, 6);
    this.halves = v.stats.subarray(6, 10);
  }

  get rootsDone(): number {
    return this.stats[0];
  }

  get rootsFailed(): number {
    return this.stats[1];
  }

  /** Integrates node u's busy servers and requests present up to now. */
  advance(u: number): void {
    this.x.advance(u);
  }

  /**
   * The counters as of now, calls served ahead counted only up to now (a scenario's bucket
   * end). In the window's arrays: a steady-state run's window is not read in a scenario.
   */
  counted(): Pick<CounterWindow, 'arrivals' | 'rejections' | 'busyArea' | 'countArea'> {
    this.x.counted();
    const v = this.v;
    return { arrivals: v.wArrivals, rejections: v.wRejections, busyArea: v.wBusyArea, countArea: v.wCountArea };
  }

  /** The window's figures, frozen at the last source arrival; null before it. */
  get window(): CounterWindow | null {
    const v = this.v;
    if (this.stats[11] !== 1) return null;
    return { arrivals: v.wArrivals, completions: v.wCompletions, rejections: v.wRejections, edgeCalls: v.wEdgeCalls, batches: v.wBatches, busyArea: v.wBusyArea, countArea: v.wCountArea, rootsDone: this.stats[10] };
  }
}
