// The discrete-event core, the one engine for every design. Requests live in preallocated
// slots (struct of arrays, a free list), events are (time, sequence, id·8 + kind) triples in a
// calendar queue that pops equal times in the order they were scheduled (calendar-queue.ts),
// each component is a FIFO multi-server queue with a ring buffer: no object is created per
// request or per event. A call over a connection without network delay is handled at once,
// without the event queue. Network delays are constant per connection, so the calls in flight on one
// connection arrive in the order they were made: they wait in that connection's FIFO and only
// the first of them is in the queue, which stays as small as the number of busy servers.
// This file: the event loop and the FIFO stations. A request's calls and answers are in
// des-calls.ts, batching and LLM servers and what scenarios ask in des-engine.ts — one class
// in three layers (DesCore ← DesCalls ← DesEngine); only DesEngine is ever made, so every
// call between them is to one known method, which the compiler inlines as in one class.
import type { SimGraph } from './graph';
import { IntQueue } from './int-queue';
import { CalendarQueue } from './calendar-queue';
import { Histograms } from './histogram';
import { Prng } from './prng';
import { Counters, Nodes, milestoneCounts } from './des-state';
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
// 3: a batching server's timeout (des-engine.ts).
// Kinds 4–7 are free for the engine's other event sources: 4 scenario events (load-profile
// changes, failures, autoscaling and timeline ticks), 5 per-call timers (timeouts, retry
// backoff, hedges), 6 a token-level LLM server's step.
const SCENARIO = 4;
const CALL_TIMER = 5;
const LLM_STEP = 6;

// Request flags: 1 failed (its cause in the bits of resilience.ts: rejected 8, timed out 16,
// breaker open 32, failed 64), 2 a user request, 4 calls one after another (des-calls.ts).
const FAILED = 1;
const ERRORED = 64;

export abstract class DesCore extends RequestSlots implements CallHost {
  readonly nodes: Nodes;
  readonly heap = new CalendarQueue(4096);
  readonly rng: Prng;
  /** Per-component response times, then one per source, then end to end. */
  readonly hist: Histograms;
  readonly c: Counters;
  protected readonly queues: IntQueue[];
  /** Calls in flight over each connection with a network delay, oldest first. */
  protected readonly lanes: IntQueue[];
  /** Histogram of each source's requests (the end-to-end one when there is a single source). */
  readonly sourceHist: Int32Array;
  readonly e2e: number;
  /** Where the samples of requests that arrived during the warm-up go, never read (see record). */
  protected readonly sink: number;
  /** Timeouts, retries, breakers, hedging (resilience.ts); null when no connection has them. */
  readonly res: Resilience | null;
  /** LLM servers' replicas and KV caches (llm/station.ts); null when the design has none. */
  readonly llm: LlmServers | null;
  /** The running scenario (scenario/hooks.ts); null in a steady-state run, where each hook is this one check. */
  tl: ScenarioHooks | null = null;
  /** Think time of each closed-loop source, −1 for every other node (closed-loop.ts). */
  protected readonly think: Float64Array;

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
  /**
   * The current time. A field, not an argument: a double passed to a method the compiler did
   * not inline is boxed in a fresh heap object on every call.
   */
  protected now = 0.5;

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

  protected arrive(job: number): void {
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

  /**
   * Counts a request served at u. One that arrived during the warm-up is recorded too, in a
   * histogram nobody reads: the same code runs from the first request, so none of it is first
   * reached after the compiler has optimized the engine (which would throw that code away).
   */
  protected record(u: number, job: number): void {
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
  protected serve(u: number, extra: number, payload: number): void {
    const N = this.nodes;
    const kind = N.dist[u];
    const s = kind === 0 ? this.rng.exponential(N.mean[u]) : kind === 1 ? N.mean[u] : kind === 2 ? Math.exp(N.lnMu[u] + N.lnSigma[u] * this.rng.normal()) : slowDraw(N, this.rng, u);
    this.heap.at = this.now + s + extra * N.batchPerItem[u];
    this.heap.schedule(payload);
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

  // A request's calls and answers, in des-calls.ts.
  protected abstract source(s: number): void;
  protected abstract dispatch(job: number): void;
  protected abstract finish(job: number): void;
  abstract prepare(k: number, parent: number): number;
  abstract launch(k: number, child: number): void;
  abstract answer(parent: number, flags: number): void;
  // The rarer stations, in des-engine.ts.
  protected abstract tryBatch(u: number): void;
  protected abstract batchDone(head: number): void;
  protected abstract llmArrive(u: number, job: number): void;
  protected abstract llmStep(slot: number): void;
}
