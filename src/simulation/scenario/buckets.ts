// A scenario run's raw timeline: per bucket what the sources sent, what completed and what
// failed, latency percentiles of the requests completing in it, and per component the
// arrivals, busy-server and requests-present time integrals, read from the engine's counters
// at each bucket's end (differences of running totals, so nothing is added per request; calls
// served ahead counted up to that moment: ../engine/ahead.ts). The engine counts each bucket's
// requests and keeps the open bucket's latency histogram (../engine/timeline.ts).
import type { DesEngine } from '../des-engine';

/** Why a call failed, as the timeline counts it. */
export type ErrorCause = 'rejected' | 'timedOut' | 'breakerOpen' | 'failed';

export class Buckets {
  /** Buckets closed so far. */
  closed = 0;
  readonly offered: Float64Array;
  readonly good: Float64Array;
  /** User requests that failed, any cause. */
  readonly lost: Float64Array;
  readonly rejected: Float64Array;
  readonly timedOut: Float64Array;
  readonly breakerOpen: Float64Array;
  readonly failed: Float64Array;
  readonly p50: Float64Array;
  readonly p99: Float64Array;
  readonly mean: Float64Array;
  /** Bucket widths, ms (the last may be shorter). */
  readonly width: Float64Array;
  /** Per node, node-major (u · buckets + b). */
  readonly arrivalRps: Float64Array;
  readonly utilization: Float64Array;
  readonly queue: Float64Array;
  readonly replicas: Float64Array;
  edgeStart: Float64Array;
  edgeEnd: Float64Array;

  private readonly lastArr: Float64Array;
  private readonly lastBusy: Float64Array;
  private readonly lastCount: Float64Array;
  private readonly lastSrv: Float64Array;
  private readonly srvArea: Float64Array;
  private readonly srvLast: Float64Array;
  private lastRej = 0;
  private lastT = 0;

  constructor(
    private readonly e: DesEngine,
    private readonly n: number,
    m: number,
    readonly buckets: number,
  ) {
    const b = () => new Float64Array(buckets);
    const nb = () => new Float64Array(n * buckets).fill(NaN);
    this.offered = b();
    this.good = b();
    this.lost = b();
    this.rejected = b();
    this.timedOut = b();
    this.breakerOpen = b();
    this.failed = b();
    this.p50 = b().fill(NaN);
    this.p99 = b().fill(NaN);
    this.mean = b().fill(NaN);
    this.width = b();
    this.arrivalRps = nb();
    this.utilization = nb();
    this.queue = nb();
    this.replicas = nb();
    this.edgeStart = new Float64Array(m);
    this.edgeEnd = new Float64Array(m);
    this.lastArr = new Float64Array(n);
    this.lastBusy = new Float64Array(n);
    this.lastCount = new Float64Array(n);
    this.lastSrv = new Float64Array(n);
    this.srvArea = new Float64Array(n);
    this.srvLast = new Float64Array(n);
  }

  cause(cause: ErrorCause, b: number): void {
    if (cause === 'rejected') this.rejected[b]++;
    else if (cause === 'timedOut') this.timedOut[b]++;
    else if (cause === 'breakerOpen') this.breakerOpen[b]++;
    else this.failed[b]++;
  }

  /** User requests sent in the scenario's window that succeeded so far. */
  get ok(): number {
    return this.e.timeline.timelineFigure(3, 0);
  }

  /** Their latencies' sum, ms. */
  get okMs(): number {
    return this.e.timeline.timelineFigure(4, 0);
  }

  /** Component u had `servers` serving servers until `t` (it is about to change). */
  serversChange(u: number, servers: number, t: number): void {
    this.srvArea[u] += servers * (t - this.srvLast[u]);
    this.srvLast[u] = t;
  }

  /** t = 0 of the scenario: counting starts. */
  start(e: DesEngine): void {
    this.snapshot(e);
    this.edgeStart = e.c.edgeCalls.slice();
  }

  /** The end of bucket b: its figures from the counters' growth since the last, its requests and latencies from the engine. */
  close(b: number, concurrency: readonly number[]): void {
    const e = this.e;
    const t = e.time();
    const N = e.nodes;
    const c = e.c.counted();
    const w = t - this.lastT;
    this.width[b] = w;
    const B = this.buckets;
    let rej = 0;
    for (let u = 0; u < this.n; u++) {
      this.serversChange(u, N.servers[u], t);
      rej += c.rejections[u];
      const busy = c.busyArea[u] - this.lastBusy[u];
      const srv = this.srvArea[u] - this.lastSrv[u];
      this.arrivalRps[u * B + b] = ((c.arrivals[u] - this.lastArr[u]) * 1000) / w;
      // Busy servers over serving ones; a removed server still finishing its request counts as busy, so at most 1.
      this.utilization[u * B + b] = N.pass[u] ? 0 : srv > 0 ? Math.min(1, busy / srv) : busy > 0 ? 1 : 0;
      this.queue[u * B + b] = Math.max(0, (c.countArea[u] - this.lastCount[u] - busy) / w);
      this.replicas[u * B + b] = N.servers[u] / concurrency[u];
    }
    this.rejected[b] += rej - this.lastRej;
    const x = e.timeline;
    this.offered[b] = x.timelineFigure(0, b);
    this.good[b] = x.timelineFigure(1, b);
    this.lost[b] = x.timelineFigure(2, b);
    const h = e.timelineHist;
    this.p50[b] = e.hist.quantile(h, 0.5) ?? NaN;
    this.p99[b] = e.hist.quantile(h, 0.99) ?? NaN;
    this.mean[b] = e.hist.mean(h) ?? NaN;
    x.timelineClose(b);
    this.snapshot(e);
    this.closed = b + 1;
    if (b + 1 === B) this.edgeEnd = e.c.edgeCalls.slice();
  }

  private snapshot(e: DesEngine): void {
    const t = e.time();
    const c = e.c.counted();
    let rej = 0;
    for (let u = 0; u < this.n; u++) {
      this.serversChange(u, e.nodes.servers[u], t);
      this.lastArr[u] = c.arrivals[u];
      this.lastBusy[u] = c.busyArea[u];
      this.lastCount[u] = c.countArea[u];
      this.lastSrv[u] = this.srvArea[u];
      rej += c.rejections[u];
    }
    this.lastRej = rej;
    this.lastT = t;
  }
}
