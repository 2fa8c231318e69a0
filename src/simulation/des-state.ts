// The discrete-event engine's tables: the compiled design flattened into typed arrays (read
// on every event, so no property lookups through SimNode objects), and the run's counters.
import type { SimGraph } from './graph';

/** Request numbers where a run changes phase: the end of the warm-up, and half-way after it. */
export function milestoneCounts(requests: number, warmupFraction: number): { warmCount: number; halfCount: number } {
  const warmCount = Math.min(requests - 1, Math.ceil(requests * warmupFraction));
  return { warmCount, halfCount: warmCount + Math.floor((requests - warmCount) / 2) };
}

/** The part of a run its milestones read and write. */
export interface MilestoneRun {
  readonly requests: number;
  readonly warmCount: number;
  readonly halfCount: number;
  readonly c: Counters;
  readonly nodes: Nodes;
  tWarm: number;
  tHalf: number;
  tEnd: number;
}

/**
 * Source request `i` was generated at `t`: the end of the warm-up resets the counters,
 * half-way is noted, the last request snapshots them. Returns the next request number with
 * something to do, so the engine calls this only then, out of its hot loop (and for each of
 * the first 255 requests, see below).
 */
export function passMilestone(run: MilestoneRun, i: number, t: number): number {
  if (i === run.warmCount && i > 0) {
    run.tWarm = t;
    run.c.reset(t, run.nodes);
  }
  if (i === run.halfCount) run.tHalf = t;
  if (i + 1 === run.requests) {
    run.tEnd = t;
    run.c.snapshot(t, run.nodes);
  }
  // Called for each of the first requests too: the compiler then knows this call when it
  // optimizes the engine, and the milestones reached later do not throw that code away.
  if (i < 255) return i + 1;
  let next = run.requests - 1;
  if (run.halfCount > i && run.halfCount < next) next = run.halfCount;
  if (run.warmCount > i && run.warmCount < next) next = run.warmCount;
  return next;
}

export class Nodes {
  readonly servers: Int32Array;
  readonly pass: Uint8Array;
  /** 0 exponential, 1 constant, 2 lognormal; 3 a slow share on top of one of those (resilience.ts draws it). */
  readonly dist: Uint8Array;
  readonly mean: Float64Array;
  readonly lnMu: Float64Array;
  readonly lnSigma: Float64Array;
  /** Waiting requests that make an arrival be rejected; −1 = no limit. */
  readonly queueLimit: Int32Array;
  readonly hit: Float64Array;
  readonly dispatchOne: Uint8Array;
  readonly sequential: Uint8Array;
  readonly hasAsync: Uint8Array;
  /** One synchronous call, always made (dispatch to all): the commonest case, taken first. */
  readonly pipe: Uint8Array;
  readonly batchMax: Int32Array;
  readonly batchTimeout: Float64Array;
  readonly batchPerItem: Float64Array;
  readonly rate: Float64Array;
  readonly uniform: Uint8Array;
  /** Outgoing connections of node u are slots outStart[u] … outStart[u + 1] − 1 (graph.ts's routes). */
  readonly outStart: Int32Array;
  /** Slot → index in SimGraph.edges. */
  readonly edgeId: Int32Array;
  readonly eTo: Int32Array;
  readonly eAsync: Uint8Array;
  /** The call's share of the caller's flow: its probability, or for dispatch to one its weight's share. */
  readonly eShare: Float64Array;
  /** Dispatch to one: the shares of the caller's slots up to and including this one. */
  readonly eCumShare: Float64Array;
  readonly eNet: Float64Array;
  /** 1: the connection has timeout/retry/breaker/hedge settings, and its calls go through resilience.ts. */
  readonly eRes: Uint8Array;
  /** A served request fails with this probability (`failureRate`). */
  readonly failRate: Float64Array;
  /** With a slow share: the base distribution (0–2), the share and the factor. */
  readonly baseDist: Uint8Array;
  readonly slowShare: Float64Array;
  readonly slowFactor: Float64Array;
  /** Any connection with resilience settings or any failing component: the engine then counts failures by cause. */
  readonly faulty: boolean;
  // Run state.
  readonly busy: Int32Array;
  readonly inSystem: Int32Array;
  readonly timerPending: Uint8Array;

  constructor(g: SimGraph, loadScale: number) {
    const n = g.nodes.length;
    const m = g.edges.length;
    this.servers = new Int32Array(n);
    this.pass = new Uint8Array(n);
    this.dist = new Uint8Array(n);
    this.mean = new Float64Array(n);
    this.lnMu = new Float64Array(n);
    this.lnSigma = new Float64Array(n);
    this.queueLimit = new Int32Array(n);
    this.hit = new Float64Array(n);
    this.dispatchOne = new Uint8Array(n);
    this.sequential = new Uint8Array(n);
    this.hasAsync = new Uint8Array(n);
    this.pipe = new Uint8Array(n);
    this.batchMax = new Int32Array(n);
    this.batchTimeout = new Float64Array(n);
    this.batchPerItem = new Float64Array(n);
    this.rate = new Float64Array(n);
    this.uniform = new Uint8Array(n);
    const r = g.routes;
    this.outStart = r.outStart;
    this.edgeId = r.edge;
    this.eTo = r.to;
    this.eShare = r.share;
    this.eCumShare = r.cumShare;
    this.eAsync = new Uint8Array(m);
    this.eNet = new Float64Array(m);
    this.eRes = new Uint8Array(m);
    this.failRate = new Float64Array(n);
    this.baseDist = new Uint8Array(n);
    this.slowShare = new Float64Array(n);
    this.slowFactor = new Float64Array(n);
    this.busy = new Int32Array(n);
    this.inSystem = new Int32Array(n);
    this.timerPending = new Uint8Array(n);
    g.nodes.forEach((node, u) => {
      this.servers[u] = node.servers;
      this.pass[u] = node.meanMs <= 0 && !node.batch ? 1 : 0;
      this.dist[u] = node.dist === 'exponential' ? 0 : node.dist === 'constant' ? 1 : 2;
      this.mean[u] = node.meanMs;
      // Lognormal with mean m and coefficient of variation cv: σ² = ln(1 + cv²), μ = ln m − σ²/2.
      // A slow share: the engine draws the base service and stretches a share of the draws.
      const slow = node.faults?.slow;
      const mean = slow ? slow.baseMeanMs : node.meanMs;
      const cv = slow ? slow.baseCv : node.cv;
      if (slow) {
        this.baseDist[u] = slow.baseDist === 'exponential' ? 0 : slow.baseDist === 'constant' ? 1 : 2;
        this.dist[u] = 3;
        this.mean[u] = mean;
        this.slowShare[u] = slow.share;
        this.slowFactor[u] = slow.factor;
      }
      this.failRate[u] = node.faults?.failureRate ?? 0;
      const s2 = Math.log(1 + cv * cv);
      this.lnSigma[u] = Math.sqrt(s2);
      this.lnMu[u] = Math.log(Math.max(mean, 1e-300)) - s2 / 2;
      this.queueLimit[u] = node.queueLimit ?? -1;
      this.hit[u] = node.hitRatio;
      this.dispatchOne[u] = node.dispatch === 'one' ? 1 : 0;
      this.sequential[u] = node.fanout === 'sequential' ? 1 : 0;
      this.batchMax[u] = node.batch ? node.batch.maxSize : 0;
      this.batchTimeout[u] = node.batch?.timeoutMs ?? 0;
      this.batchPerItem[u] = node.batch?.perItemMs ?? 0;
      this.rate[u] = node.isSource ? node.rps * loadScale : 0;
      this.uniform[u] = node.arrivals === 'uniform' ? 1 : 0;
      for (let k = r.outStart[u]; k < r.outStart[u + 1]; k++) {
        const edge = g.edges[r.edge[k]];
        this.eAsync[k] = edge.mode === 'async' ? 1 : 0;
        this.eNet[k] = edge.networkMs;
        this.eRes[k] = edge.resilience ? 1 : 0;
        if (edge.mode === 'async') this.hasAsync[u] = 1;
      }
      const k = r.outStart[u];
      this.pipe[u] = r.outStart[u + 1] === k + 1 && !this.dispatchOne[u] && !this.eAsync[k] && r.share[k] >= 1 ? 1 : 0;
    });
    this.faulty = g.edges.some((e) => e.resilience) || g.nodes.some((node) => (node.faults?.failureRate ?? 0) > 0);
  }
}

/** Counts over the measurement window (warm-up end to the last source arrival), and sums. */
export class Counters {
  readonly arrivals: Float64Array;
  readonly completions: Float64Array;
  readonly rejections: Float64Array;
  readonly waitSum: Float64Array;
  readonly edgeCalls: Float64Array;
  /** Batches started by batching components. */
  readonly batches: Float64Array;
  /** Time integrals of busy servers and of requests present (utilization, L). */
  readonly busyArea: Float64Array;
  readonly countArea: Float64Array;
  readonly last: Float64Array;
  rootsDone = 0;
  rootsFailed = 0;
  /** Failed user requests after the warm-up by cause: rejected, timed out, breaker open, failed (failureRate). */
  readonly rootCauses = new Float64Array(4);
  /** Sum and count of the latencies of the first half of the requests, then of the second. */
  readonly halves = new Float64Array(4);
  /** Per connection slot, after the warm-up: calls made through resilience.ts (each with its attempts), retries sent, hedges sent, attempts timed out, calls refused by an open breaker. */
  readonly resCalls: Float64Array;
  readonly retries: Float64Array;
  readonly hedges: Float64Array;
  readonly timedOut: Float64Array;
  readonly breakerOpen: Float64Array;
  /** The window's figures, frozen at the last source arrival. */
  window: { arrivals: Float64Array; completions: Float64Array; rejections: Float64Array; edgeCalls: Float64Array; batches: Float64Array; busyArea: Float64Array; countArea: Float64Array; rootsDone: number } | null = null;

  constructor(n: number, m: number) {
    this.arrivals = new Float64Array(n);
    this.completions = new Float64Array(n);
    this.rejections = new Float64Array(n);
    this.waitSum = new Float64Array(n);
    this.edgeCalls = new Float64Array(m);
    this.resCalls = new Float64Array(m);
    this.retries = new Float64Array(m);
    this.hedges = new Float64Array(m);
    this.timedOut = new Float64Array(m);
    this.breakerOpen = new Float64Array(m);
    this.batches = new Float64Array(n);
    this.busyArea = new Float64Array(n);
    this.countArea = new Float64Array(n);
    this.last = new Float64Array(n);
  }

  /** The engine's current time, kept here so that `advance` needs no double argument (it would be boxed). */
  now = 0.5;

  /** A user request failed (flags: FAILED and its cause bits, resilience.ts). A failure with no other cause was a rejection. */
  failed(flags: number): void {
    this.rootsFailed++;
    this.rootCauses[flags & 16 ? 1 : flags & 32 ? 2 : flags & 64 ? 3 : 0]++;
  }

  /** Integrates node u's busy servers and requests present up to `now`. */
  advance(u: number, N: Nodes): void {
    const t = this.now;
    const dt = t - this.last[u];
    this.busyArea[u] += N.busy[u] * dt;
    this.countArea[u] += N.inSystem[u] * dt;
    this.last[u] = t;
  }

  /** Warm-up over: start counting afresh. */
  reset(t: number, N: Nodes): void {
    this.now = t;
    for (let u = 0; u < this.last.length; u++) this.advance(u, N);
    for (const a of [this.arrivals, this.completions, this.rejections, this.edgeCalls, this.batches, this.busyArea, this.countArea, this.resCalls, this.retries, this.hedges, this.timedOut, this.breakerOpen]) a.fill(0);
    this.rootsDone = 0;
  }

  snapshot(t: number, N: Nodes): void {
    this.now = t;
    for (let u = 0; u < this.last.length; u++) this.advance(u, N);
    this.window = {
      arrivals: this.arrivals.slice(),
      completions: this.completions.slice(),
      rejections: this.rejections.slice(),
      edgeCalls: this.edgeCalls.slice(),
      batches: this.batches.slice(),
      busyArea: this.busyArea.slice(),
      countArea: this.countArea.slice(),
      rootsDone: this.rootsDone,
    };
  }
}
