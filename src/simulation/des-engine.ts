// The discrete-event core, the one engine for every design. Requests live in preallocated
// slots (struct of arrays, a free list), events are (time, sequence, id·8 + kind) triples in a
// calendar queue that pops equal times in the order they were scheduled (calendar-queue.ts),
// each component is a FIFO multi-server queue with a ring buffer: no object is created per
// request or per event. A call over a connection without network delay is handled at once,
// without the event queue. Network delays are constant per connection, so the calls in flight on one
// connection arrive in the order they were made: they wait in that connection's FIFO and only
// the first of them is in the queue, which stays as small as the number of busy servers.
import type { SimGraph } from './graph';
import { IntQueue } from './int-queue';
import { CalendarQueue } from './calendar-queue';
import { Histograms } from './histogram';
import { Prng } from './prng';
import { Counters, Nodes, milestoneCounts, passMilestone } from './des-state';
import type { ScenarioHooks } from './scenario/hooks';
import { startUsers } from './closed-loop';
import { Resilience, type CallHost } from './resilience';
import { slowDraw } from './resilience-policy';
import type { ErrorCause } from './scenario/buckets';
import { LlmServers } from './llm/station';
import { RequestSlots } from './des-slots';

// Event kinds, in the low three bits of a payload. Declared here, not imported: the hot loop
// reads them on every event, and a module binding compiled to CommonJS (tsx, the tests and
// the bench) is a getter call each time.
const SOURCE = 0;
/** id = the connection's slot: the first call waiting in its FIFO arrives. */
const ARRIVE = 1;
const DONE = 2;
const TIMER = 3;
// Kinds 4–7 are free for the engine's other event sources: 4 scenario events (load-profile
// changes, failures, autoscaling and timeline ticks), 5 per-call timers (timeouts, retry
// backoff, hedges), 6 a token-level LLM server's step.
const SCENARIO = 4;
const CALL_TIMER = 5;
const LLM_STEP = 6;

const FAILED = 1;
const ROOT = 2;
const SEQ = 4;
/** FAILED and its cause (resilience.ts): rejected 8, timed out 16, breaker open 32, failed 64. */
const CAUSES = 121;
const ERRORED = 64;

export class DesEngine extends RequestSlots implements CallHost {
  readonly nodes: Nodes;
  readonly heap = new CalendarQueue(4096);
  readonly rng: Prng;
  /** Per-component response times, then one per source, then end to end. */
  readonly hist: Histograms;
  readonly c: Counters;
  private readonly queues: IntQueue[];
  /** Calls in flight over each connection with a network delay, oldest first. */
  private readonly lanes: IntQueue[];
  /** Histogram of each source's requests (the end-to-end one when there is a single source). */
  readonly sourceHist: Int32Array;
  readonly e2e: number;
  /** Where the samples of requests that arrived during the warm-up go, never read (see record). */
  private readonly sink: number;
  /** Timeouts, retries, breakers, hedging (resilience.ts); null when no connection has them. */
  readonly res: Resilience | null;
  /** LLM servers' replicas and KV caches (llm/station.ts); null when the design has none. */
  readonly llm: LlmServers | null;
  /** The running scenario (scenario/hooks.ts); null in a steady-state run, where each hook is this one check. */
  tl: ScenarioHooks | null = null;
  /** Think time of each closed-loop source, −1 for every other node (closed-loop.ts). */
  private readonly think: Float64Array;

  generated = 0;
  events = 0;
  // Times start as non-integers so that their fields hold doubles from the start: a field
  // that changes representation mid-run throws away the optimized code of every method. The
  // constructor writes them twice (see there).
  tWarm = Infinity;
  tHalf = Infinity;
  tEnd = NaN;
  readonly warmCount: number;
  readonly halfCount: number;
  /** The next request number at which passMilestone() has something to do. */
  private nextMark = 0;
  /**
   * The current time. A field, not an argument: a double passed to a method the compiler did
   * not inline is boxed in a fresh heap object on every call.
   */
  private now = 0.5;

  constructor(
    g: SimGraph,
    readonly requests: number,
    seed: number,
    warmupFraction: number,
    loadScale: number,
  ) {
    super();
    this.nodes = new Nodes(g, loadScale);
    const n = g.nodes.length;
    this.rng = new Prng(seed);
    this.queues = Array.from({ length: n }, () => new IntQueue());
    this.lanes = Array.from({ length: g.edges.length }, () => new IntQueue());
    this.sourceHist = new Int32Array(n).fill(-1);
    this.e2e = n + (g.sources.length > 1 ? g.sources.length : 0);
    g.sources.forEach((s, i) => (this.sourceHist[s] = g.sources.length > 1 ? n + i : this.e2e));
    this.sink = this.e2e + 1;
    this.hist = new Histograms(this.e2e + 2);
    this.c = new Counters(n, g.edges.length);
    this.res = g.edges.some((e) => e.resilience) ? new Resilience(g, this.nodes.edgeId, this.c, this) : null;
    this.llm = g.nodes.some((x) => x.llm) ? new LlmServers(g, this.rng, this) : null;
    ({ warmCount: this.warmCount, halfCount: this.halfCount } = milestoneCounts(requests, warmupFraction));
    // V8 folds a field that was only ever written once into optimized code as a constant,
    // and throws away every method that did so when it changes: these change at the end of
    // the warm-up and half-way, so they are written twice now and compiled as variables.
    this.tWarm = this.tHalf = this.tEnd = 0.5;
    this.tWarm = this.warmCount <= 0 ? 0 : Infinity;
    this.tHalf = Infinity;
    this.tEnd = NaN;
    this.think = startUsers(g, loadScale, this.heap, this.rng, SOURCE);
    for (const s of g.sources) {
      const rate = this.nodes.rate[s];
      if (rate > 0 && this.think[s] < 0) this.heap.push(this.nodes.uniform[s] ? 1000 / rate : this.rng.exponential(1000 / rate), s * 8 + SOURCE);
    }
  }

  /** Runs up to `budget` events; true when the run is over. */
  step(budget: number): boolean {
    const heap = this.heap;
    // The answer is decided inside the loop: a comparison first reached when the loop ends
    // has no type feedback, and would throw the optimized loop away on every call.
    let over = false;
    for (let i = 0; i < budget; i++) {
      if (heap.size === 0) {
        over = true;
        break;
      }
      const d = heap.take();
      this.now = heap.time;
      this.c.now = heap.time;
      this.events++;
      const id = d >> 3;
      const kind = d & 7;
      if (kind === DONE) {
        if (this.nodes.batchMax[this.jNode[id]] > 0) this.batchDone(id);
        else this.done(id);
      } else if (kind === SOURCE) {
        this.source(id);
      } else if (kind === ARRIVE) {
        const lane = this.lanes[id];
        const job = lane.shift();
        if (lane.size > 0) {
          const next = lane.peek();
          heap.at = this.jArrive[next];
          heap.atSeq = this.jSeq[next];
          heap.add(id * 8 + ARRIVE);
        }
        this.arrive(job);
      } else if (kind === SCENARIO) {
        this.tl!.act(id);
      } else if (kind === CALL_TIMER) {
        this.res!.fire(id);
      } else if (kind === LLM_STEP) {
        this.llmStep(id);
      } else {
        this.nodes.timerPending[id] = 0;
        this.tryBatch(id);
      }
    }
    return over;
  }

  private source(s: number): void {
    if (this.tl !== null) return this.tl.source(s);
    const t = this.now;
    const i = this.generated;
    if (i >= this.requests) return;
    this.generated = i + 1;
    if (i === this.nextMark) this.nextMark = passMilestone(this, i, t);
    if (i + 1 < this.requests && this.think[s] < 0) {
      const rate = this.nodes.rate[s];
      this.heap.at = t + (this.nodes.uniform[s] ? 1000 / rate : this.rng.exponential(1000 / rate));
      this.heap.schedule(s * 8 + SOURCE);
    }
    const job = this.alloc();
    this.jNode[job] = s;
    this.jParent[job] = -1;
    this.jFlags[job] = ROOT;
    this.jArrive[job] = t;
    this.dispatch(job);
  }

  private arrive(job: number): void {
    const t = this.now;
    const N = this.nodes;
    const u = this.jNode[job];
    this.c.arrivals[u]++;
    // Its frame is down, or it has no replica left: the call is refused.
    if (this.tl !== null && this.tl.down[u] !== 0) return this.reject(u, job);
    if (N.pass[u]) {
      this.c.completions[u]++;
      const sink = this.sink;
      this.hist.sample = 0;
      this.hist.addSample(t >= this.tWarm ? u : sink);
      this.failMaybe(u, job);
      this.dispatch(job);
      return;
    }
    if (this.llm !== null && this.llm.at[u] >= 0) return this.llmArrive(u, job);
    const q = this.queues[u];
    const limit = N.queueLimit[u];
    const canStart = N.batchMax[u] === 0 && N.busy[u] < N.servers[u];
    if (!canStart && limit >= 0 && q.size >= limit) return this.reject(u, job);
    this.c.advance(u, N);
    N.inSystem[u]++;
    if (canStart) {
      N.busy[u]++;
      this.jStart[job] = t;
      this.serve(u, 0, job * 8 + DONE);
    } else {
      q.push(job);
      if (N.batchMax[u] > 0) this.tryBatch(u);
    }
  }

  /** Component u refuses the call (a full queue, a frame down, no replica up): it fails. */
  private reject(u: number, job: number): void {
    this.c.rejections[u]++;
    this.jFlags[job] |= FAILED;
    this.finish(job);
  }

  private done(job: number): void {
    const t = this.now;
    const N = this.nodes;
    const u = this.jNode[job];
    this.c.advance(u, N);
    N.inSystem[u]--;
    this.record(u, job);
    const q = this.queues[u];
    // A scenario may have taken servers away (a failure, a scale-down): a busy one drains.
    if (q.size > 0 && (this.tl === null || N.busy[u] <= N.servers[u])) {
      const next = q.shift();
      this.jStart[next] = t;
      this.serve(u, 0, next * 8 + DONE);
    } else {
      N.busy[u]--;
    }
    this.dispatch(job);
  }

  /** A free batching server takes up to maxSize waiting requests, or waits out the first one's timeout. */
  private tryBatch(u: number): void {
    const t = this.now;
    const N = this.nodes;
    const q = this.queues[u];
    const max = N.batchMax[u];
    while (N.busy[u] < N.servers[u] && q.size > 0) {
      let n = q.size;
      if (n >= max) n = max;
      else if (t < this.jArrive[q.peek()] + N.batchTimeout[u]) {
        if (!N.timerPending[u]) {
          N.timerPending[u] = 1;
          this.heap.at = this.jArrive[q.peek()] + N.batchTimeout[u];
          this.heap.schedule(u * 8 + TIMER);
        }
        return;
      }
      this.c.advance(u, N);
      this.c.batches[u]++;
      N.busy[u]++;
      const head = q.shift();
      let last = head;
      this.jStart[head] = t;
      for (let k = 1; k < n; k++) {
        const j = q.shift();
        this.jStart[j] = t;
        this.jNext[last] = j;
        last = j;
      }
      this.jNext[last] = -1;
      this.serve(u, n - 1, head * 8 + DONE);
    }
  }

  private batchDone(head: number): void {
    const N = this.nodes;
    const u = this.jNode[head];
    this.c.advance(u, N);
    N.busy[u]--;
    let count = 0;
    for (let j = head; j >= 0; j = this.jNext[j]) {
      this.record(u, j);
      count++;
    }
    N.inSystem[u] -= count;
    this.tryBatch(u);
    for (let j = head; j >= 0; ) {
      const next = this.jNext[j];
      this.dispatch(j);
      j = next;
    }
  }

  /** A request joins LLM server u's queue; a replica that was idle starts a step. */
  private llmArrive(u: number, job: number): void {
    const N = this.nodes;
    this.c.advance(u, N);
    N.inSystem[u]++;
    const slot = this.llm!.arrive(u, job, this.now);
    if (slot < 0) return;
    N.busy[u]++;
    this.heap.at = this.llm!.stepEnd;
    this.heap.schedule(slot * 8 + LLM_STEP);
  }

  /** A scenario set LLM server u's serving replicas: the ones that start on its queue now get their step. */
  llmReplicas(u: number, replicas: number): void {
    const started = this.llm!.setReplicas(u, replicas, this.now);
    for (let i = 0; i < started.length; i += 2) {
      this.nodes.busy[u]++;
      this.heap.at = started[i + 1];
      this.heap.schedule(started[i] * 8 + LLM_STEP);
    }
  }

  /** A replica's step ended: its finished requests go on as after DONE, and its next step starts. */
  private llmStep(slot: number): void {
    const L = this.llm!;
    const N = this.nodes;
    const u = L.slotNode[slot];
    const n = L.step(slot, this.now);
    this.c.advance(u, N);
    N.inSystem[u] -= n;
    if (L.stepEnd >= 0) {
      this.heap.at = L.stepEnd;
      this.heap.schedule(slot * 8 + LLM_STEP);
    } else N.busy[u]--;
    for (let i = 0; i < n; i++) {
      this.jStart[L.done[i]] = L.doneStart[i];
      this.record(u, L.done[i]);
    }
    for (let i = 0; i < n; i++) this.dispatch(L.done[i]);
  }

  /**
   * Counts a request served at u. One that arrived during the warm-up is recorded too, in a
   * histogram nobody reads: the same code runs from the first request, so none of it is first
   * reached after the compiler has optimized the engine (which would throw that code away).
   */
  private record(u: number, job: number): void {
    const t = this.now;
    this.c.completions[u]++;
    const arrive = this.jArrive[job];
    this.failMaybe(u, job);
    // Both operands read before the choice: a read in the branch not yet taken would have no type feedback.
    const warm = arrive >= this.tWarm;
    const sink = this.sink;
    const wait = this.jStart[job] - arrive;
    this.hist.sample = t - arrive;
    this.hist.addSample(warm ? u : sink);
    this.c.waitSum[u] += warm ? wait : 0;
  }

  /** A served request fails with the component's failure rate (failureRate), independently. */
  private failMaybe(u: number, job: number): void {
    const fail = this.nodes.failRate[u];
    if (fail > 0 && this.rng.next() < fail) {
      this.jFlags[job] |= FAILED | ERRORED;
      this.fault('failed');
    }
  }

  /**
   * Schedules the end of a service that starts now at component u (`extra` batch items more
   * than one add their per-item time). The time goes straight into the queue: a service time
   * returned by a call the compiler did not inline would be boxed.
   */
  private serve(u: number, extra: number, payload: number): void {
    const N = this.nodes;
    const kind = N.dist[u];
    const s = kind === 0 ? this.rng.exponential(N.mean[u]) : kind === 1 ? N.mean[u] : kind === 2 ? Math.exp(N.lnMu[u] + N.lnSigma[u] * this.rng.normal()) : slowDraw(N, this.rng, u);
    this.heap.at = this.now + s + extra * N.batchPerItem[u];
    this.heap.schedule(payload);
  }

  /** After service: the request's downstream calls (none on a cache hit). */
  private dispatch(job: number): void {
    const N = this.nodes;
    const u = this.jNode[job];
    const from = N.outStart[u];
    const to = N.outStart[u + 1];
    // A request that failed here (failureRate) makes no calls.
    if (from === to || (this.jFlags[job] & FAILED) !== 0 || (N.hit[u] > 0 && this.rng.next() < N.hit[u])) return this.finish(job);
    if (N.pipe[u]) {
      this.jPending[job] = 1;
      this.call(from, job);
      return;
    }
    if (N.dispatchOne[u]) {
      const r = this.rng.next();
      let k = from;
      while (k < to - 1 && r >= N.eCumShare[k]) k++;
      if (N.eShare[k] <= 0) return this.finish(job);
      if (N.eAsync[k]) {
        this.call(k, -1);
        return this.finish(job);
      }
      this.jPending[job] = 1;
      this.call(k, job);
      return;
    }
    if (N.hasAsync[u]) {
      for (let k = from; k < to; k++) if (N.eAsync[k] && this.chosen(k)) this.call(k, -1);
    }
    if (N.sequential[u]) {
      this.jFlags[job] |= SEQ;
      this.jPos[job] = from;
      return this.advance(job);
    }
    // One extra pending count while the calls go out: a call answered at once must not
    // complete the request before its siblings have been made.
    this.jPending[job] = 1;
    for (let k = from; k < to; k++) {
      if (N.eAsync[k] || !this.chosen(k)) continue;
      this.jPending[job]++;
      this.call(k, job);
    }
    if (--this.jPending[job] === 0) this.finish(job);
  }

  private chosen(k: number): boolean {
    const p = this.nodes.eShare[k];
    return p >= 1 || this.rng.next() < p;
  }

  /** Sequential fan-out: the next chosen synchronous call, or the end of the request here. */
  private advance(job: number): void {
    const N = this.nodes;
    if ((this.jFlags[job] & FAILED) === 0) {
      const to = N.outStart[this.jNode[job] + 1];
      for (let k = this.jPos[job]; k < to; k++) {
        if (N.eAsync[k] || !this.chosen(k)) continue;
        this.jPos[job] = k + 1;
        this.jPending[job] = 1;
        this.call(k, job);
        return;
      }
    }
    this.finish(job);
  }

  private call(k: number, parent: number): void {
    if (this.nodes.eRes[k] !== 0 && parent >= 0) return this.res!.call(k, parent);
    this.launch(k, this.prepare(k, parent));
  }

  /** A call's slot over connection slot k (every attempt and hedge counts as a call). */
  prepare(k: number, parent: number): number {
    this.c.edgeCalls[k]++;
    const child = this.alloc();
    this.jNode[child] = this.nodes.eTo[k];
    this.jParent[child] = parent;
    this.jFlags[child] = 0;
    return child;
  }

  /** Sends a prepared call: into the connection's FIFO, or straight to its component. */
  launch(k: number, child: number): void {
    const t = this.now;
    const net = this.nodes.eNet[k];
    if (net > 0) {
      const at = t + net;
      const seq = this.heap.number();
      this.jArrive[child] = at;
      this.jSeq[child] = seq;
      const lane = this.lanes[k];
      if (lane.size === 0) {
        this.heap.at = at;
        this.heap.atSeq = seq;
        this.heap.add(k * 8 + ARRIVE);
      }
      lane.push(child);
    } else {
      this.jArrive[child] = t;
      this.events++;
      this.arrive(child);
    }
  }

  /** The request is done at this component, synchronous calls included: tell the caller. */
  private finish(job: number): void {
    const flags = this.jFlags[job];
    const parent = this.jParent[job];
    const arrive = this.jArrive[job];
    const node = this.jNode[job];
    this.free[this.freeTop++] = job;
    if (flags & ROOT) return this.rootDone(node, flags, arrive);
    if (parent < 0) {
      // −1: an async message, or an attempt nobody waits for any more; below: a call record's attempt.
      if (parent < -1) this.res!.attemptDone(-parent - 2, job, flags);
      return;
    }
    this.answer(parent, flags);
  }

  /** One of `parent`'s calls is over; `flags` carry its failure and the cause. */
  answer(parent: number, flags: number): void {
    if (flags & FAILED) this.jFlags[parent] |= flags & CAUSES;
    if (--this.jPending[parent] > 0) return;
    if (this.jFlags[parent] & SEQ) this.advance(parent);
    else this.finish(parent);
  }

  detach(job: number): void {
    this.jParent[job] = -1;
  }

  time(): number {
    return this.now;
  }

  /** A call failed of this cause: a running scenario counts it in its timeline (rejections it counts itself). */
  fault(cause: ErrorCause): void {
    if (this.tl !== null) this.tl.count(cause);
  }

  timer(at: number, id: number): void {
    this.heap.at = at;
    this.heap.schedule(id * 8 + CALL_TIMER);
  }

  timerNumbered(at: number, seq: number, id: number): void {
    this.heap.pushNumbered(at, seq, id * 8 + CALL_TIMER);
  }

  number(): number {
    return this.heap.number();
  }

  private rootDone(s: number, flags: number, arrive: number): void {
    const t = this.now;
    const c = this.c;
    // Rare paths in a method of their own: a small rootDone is inlined where it is called.
    if (this.tl !== null || this.think[s] >= 0) this.rootExtras(s, flags, arrive);
    if (flags & FAILED) {
      if (arrive >= this.tWarm) c.failed(flags);
      return;
    }
    c.rootsDone++;
    // Warm-up requests into the sink, as in record().
    const warm = arrive >= this.tWarm;
    const e2e = this.e2e;
    const sink = this.sink;
    const v = t - arrive;
    this.hist.sample = v;
    this.hist.addSample(warm ? e2e : sink);
    const own = this.sourceHist[s];
    if (own !== e2e) this.hist.addSample(warm ? own : sink);
    const half = arrive < this.tHalf ? 0 : 2;
    c.halves[half] += warm ? v : 0;
    c.halves[half + 1] += warm ? 1 : 0;
  }

  /** A user request is over: a scenario's timeline counts it, and a closed-loop user thinks, then sends again. */
  private rootExtras(s: number, flags: number, arrive: number): void {
    if (this.tl !== null) this.tl.rootDone(flags & FAILED, arrive);
    if (this.think[s] >= 0 && (this.tl === null || this.tl.users.keep(s))) {
      this.heap.at = this.now + this.rng.exponential(this.think[s]);
      this.heap.schedule(s * 8 + SOURCE);
    }
  }

  /** A scenario's profile added a user to closed-loop source s: it thinks, then sends. */
  addUser(s: number): void {
    this.heap.at = this.now + this.rng.exponential(this.think[s]);
    this.heap.schedule(s * 8 + SOURCE);
  }

  /** A scenario's source sends a user request now. */
  startRequest(s: number): void {
    const job = this.alloc();
    this.jNode[job] = s;
    this.jParent[job] = -1;
    this.jFlags[job] = ROOT;
    this.jArrive[job] = this.now;
    this.dispatch(job);
  }

  /** A scenario gave component u more servers (a recovery, a scale-up): waiting requests start on them. */
  refill(u: number): void {
    const N = this.nodes;
    if (N.batchMax[u] > 0) return this.tryBatch(u);
    const q = this.queues[u];
    this.c.advance(u, N);
    while (N.busy[u] < N.servers[u] && q.size > 0) {
      const next = q.shift();
      N.busy[u]++;
      this.jStart[next] = this.now;
      this.serve(u, 0, next * 8 + DONE);
    }
  }
}
