// The single-queue fast path: one source calling one single-server FIFO component (the M/M/1,
// M/D/1, M/G/1/K family of the oracles, and the commonest first sketch). It is the same
// simulation as DesEngine — the same events in the same order, the same random draws, the same
// counters — with the general machinery taken away: two pending events need no heap (the next
// arrival and the one service in progress), a FIFO of arrival times needs no request slots,
// and the component's latency histogram is the end-to-end one, so it is filled once and copied.
// Reports are identical to DesEngine's for the same seed (a test checks it).
//
// Ties: DesEngine's heap holds at most these two events, and a binary heap of two pops equal
// times in the order they were pushed; the push counters below reproduce that.
import type { SimGraph } from './graph';
import { Histograms } from './histogram';
import { Prng } from './prng';
import { Counters, Nodes, milestoneCounts, passMilestone, type DesRun } from './des-state';

/** Whether the fast path gives exactly DesEngine's run for this design. */
export function singleQueue(g: SimGraph, N: Nodes): boolean {
  if (g.sources.length !== 1 || g.nodes.length !== 2 || g.edges.length !== 1) return false;
  const s = g.sources[0];
  const u = 1 - s;
  const k = N.outStart[s];
  if (N.outStart[s + 1] !== k + 1 || N.eTo[k] !== u || N.outStart[u + 1] !== N.outStart[u]) return false;
  if (!(N.rate[s] > 0) || N.hit[s] > 0 || N.eAsync[k] || N.eNet[k] > 0) return false;
  // One-of-N dispatch picks by weight, all-dispatch by probability: either way the one call is always made.
  if (N.dispatchOne[s] ? !(N.eWeight[k] > 0) : N.eProb[k] < 1) return false;
  return N.servers[u] === 1 && N.batchMax[u] === 0 && !N.pass[u];
}

export class SingleQueueRun implements DesRun {
  readonly nodes: Nodes;
  readonly rng: Prng;
  readonly hist: Histograms;
  readonly c: Counters;
  readonly sourceHist: Int32Array;
  readonly e2e = 2;
  generated = 0;
  events = 0;
  tWarm = Infinity;
  tHalf = Infinity;
  tEnd = NaN;
  private readonly s: number;
  private readonly u: number;
  readonly warmCount: number;
  readonly halfCount: number;
  // The two pending events (Infinity: none) and the order they were scheduled in.
  private nextArrival = Infinity;
  private nextDone = Infinity;
  private arrivalSeq = 0;
  private doneSeq = 0;
  private seq = 0;
  /** Arrival and start of the request in service. */
  private curArrive = 0.5;
  private curStart = 0.5;
  /** Waiting requests' arrival times, a ring buffer. */
  private wait: Float64Array = new Float64Array(1024);
  private head = 0;
  private waiting = 0;
  private finished = false;
  private nextMark = 0;

  constructor(
    g: SimGraph,
    nodes: Nodes,
    readonly requests: number,
    seed: number,
    warmupFraction: number,
  ) {
    this.nodes = nodes;
    this.s = g.sources[0];
    this.u = 1 - this.s;
    this.rng = new Prng(seed);
    this.sourceHist = new Int32Array(2).fill(-1);
    this.sourceHist[this.s] = this.e2e;
    this.hist = new Histograms(3);
    this.c = new Counters(2, 1);
    ({ warmCount: this.warmCount, halfCount: this.halfCount } = milestoneCounts(requests, warmupFraction));
    if (this.warmCount <= 0) this.tWarm = 0;
    const rate = nodes.rate[this.s];
    this.nextArrival = nodes.uniform[this.s] ? 1000 / rate : this.rng.exponential(1000 / rate);
    this.arrivalSeq = this.seq++;
  }

  /** Runs up to `budget` events; true when the run is over. */
  step(budget: number): boolean {
    const N = this.nodes;
    const c = this.c;
    const rng = this.rng;
    const hist = this.hist;
    const s = this.s;
    const u = this.u;
    const k = N.outStart[s];
    const gap = 1000 / N.rate[s];
    const uniform = N.uniform[s] === 1;
    const drawOne = N.dispatchOne[s] === 1;
    const dist = N.dist[u];
    const mean = N.mean[u];
    const limit = N.queueLimit[u];
    const busy = N.busy;
    const inSystem = N.inSystem;
    const { busyArea, countArea, last, arrivals, completions, rejections, edgeCalls, waitSum, halves } = c;
    // The run's state in locals for the loop (written back below): field loads and stores
    // on every event cost about a tenth of the time.
    let ta = this.nextArrival;
    let td = this.nextDone;
    let arrivalSeq = this.arrivalSeq;
    let doneSeq = this.doneSeq;
    let seq = this.seq;
    let curArrive = this.curArrive;
    let curStart = this.curStart;
    let wait: Float64Array = this.wait;
    let mask = wait.length - 1;
    let head = this.head;
    let waiting = this.waiting;
    let tWarm = this.tWarm;
    let tHalf = this.tHalf;
    let generated = this.generated;
    let events = this.events;
    const requests = this.requests;
    let nextMark = this.nextMark;
    for (let i = 0; i < budget; i++) {
      let t: number;
      if (td < ta || (td === ta && doneSeq < arrivalSeq)) {
        // The request in service leaves.
        t = td;
        events++;
        const dt = t - last[u];
        busyArea[u] += busy[u] * dt;
        countArea[u] += inSystem[u] * dt;
        last[u] = t;
        inSystem[u]--;
        completions[u]++;
        const arrive = curArrive;
        if (arrive >= tWarm) {
          hist.add(u, t - arrive);
          waitSum[u] += curStart - arrive;
        }
        if (waiting > 0) {
          curArrive = wait[head];
          head = (head + 1) & mask;
          waiting--;
          curStart = t;
          td = t + (dist === 0 ? mean * rng.exp1() : this.service());
          doneSeq = seq++;
        } else {
          busy[u] = 0;
          td = Infinity;
        }
        // End to end: the same latency (copied from the component's histogram at the end).
        c.rootsDone++;
        if (arrive >= tWarm) {
          const half = arrive < tHalf ? 0 : 2;
          halves[half] += t - arrive;
          halves[half + 1]++;
        }
      } else if (ta !== Infinity) {
        // A source request: schedule the next, then call the component.
        t = ta;
        events++;
        const n = generated++;
        if (n === nextMark) {
          nextMark = passMilestone(this, n, t);
          tWarm = this.tWarm;
          tHalf = this.tHalf;
        }
        if (n + 1 < requests) {
          ta = t + (uniform ? gap : gap * rng.exp1());
          arrivalSeq = seq++;
        } else {
          ta = Infinity;
        }
        if (drawOne) rng.next();
        edgeCalls[k]++;
        events++;
        arrivals[u]++;
        const idle = busy[u] === 0;
        if (!idle && limit >= 0 && waiting >= limit) {
          rejections[u]++;
          if (t >= tWarm) c.rootsFailed++;
          continue;
        }
        const dt = t - last[u];
        busyArea[u] += busy[u] * dt;
        countArea[u] += inSystem[u] * dt;
        last[u] = t;
        inSystem[u]++;
        if (idle) {
          busy[u] = 1;
          curArrive = t;
          curStart = t;
          td = t + (dist === 0 ? mean * rng.exp1() : this.service());
          doneSeq = seq++;
        } else {
          if (waiting === wait.length) {
            wait = this.grow(wait, head, waiting);
            mask = wait.length - 1;
            head = 0;
          }
          wait[(head + waiting++) & mask] = t;
        }
      } else {
        break;
      }
    }
    this.nextArrival = ta;
    this.nextDone = td;
    this.arrivalSeq = arrivalSeq;
    this.doneSeq = doneSeq;
    this.seq = seq;
    this.curArrive = curArrive;
    this.curStart = curStart;
    this.wait = wait;
    this.head = head;
    this.waiting = waiting;
    this.nextMark = nextMark;
    this.generated = generated;
    this.events = events;
    const over = ta === Infinity && td === Infinity;
    if (over && !this.finished) this.finish();
    return over;
  }

  /** Constant and lognormal service, as DesEngine draws them. */
  private service(): number {
    const N = this.nodes;
    const u = this.u;
    if (N.dist[u] === 1) return N.mean[u];
    return Math.exp(N.lnMu[u] + N.lnSigma[u] * this.rng.normal());
  }

  /** Every request's end-to-end latency is its latency at the component: copy the histogram. */
  private finish(): void {
    this.finished = true;
    this.hist.copy(this.u, this.e2e);
  }

  /** The waiting line at twice the size, oldest first. */
  private grow(old: Float64Array, head: number, waiting: number): Float64Array {
    const buf = new Float64Array(old.length * 2);
    for (let j = 0; j < waiting; j++) buf[j] = old[(head + j) & (old.length - 1)];
    return buf;
  }
}
