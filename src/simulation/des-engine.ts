// The discrete-event engine: the one engine for every design, steady state and scenarios. Its
// event loop, stations, calls and answers, random numbers and histograms run in WebAssembly
// (engine/, compiled into engine-wasm.ts; docs/simulation.md, "The engine"), with every table
// and counter in its memory. This class is its face for the rest of the simulator: it writes the
// compiled design into the tables, keeps views on them (engine-memory.ts), and does what the
// engine asks of JavaScript — a scenario's actions (scenario/hooks.ts). A steady-state run is
// entirely in WebAssembly, timeouts, retries, breakers and hedges (engine/resilience.ts) and
// token-level LLM servers (engine/llm.ts, set up by llm/station.ts) included.
import type { SimGraph } from './graph';
import { engineTrap, engineViews, instantiateEngine, type EngineExports, type EngineHost, type EngineViews } from './engine-memory';
import { Counters, LOG_HORIZON_MS, Nodes, keepLogFrom, milestoneCounts } from './des-state';
import { Histograms } from './histogram';
import type { Random } from './random';
import type { ScenarioHooks } from './scenario/hooks';
import { startUsers } from './closed-loop';
import { LlmServers, llmIndex } from './llm/station';

/** What a scenario's hooks ask of the engine for its timeline (engine/timeline.ts). */
export type TimelineEngine = Pick<EngineExports, 'timelineSetup' | 'timelineSource' | 'timelinePoint' | 'timelineBound' | 'timelineFirst' | 'timelineOffer' | 'timelineFlushes' | 'timelineFlush' | 'timelineClose' | 'timelineFigure'>;

// Event kinds, in the low three bits of a payload (engine/stations.ts).
const SOURCE = 0;

export class DesEngine {
  readonly nodes: Nodes;
  readonly c: Counters;
  /** Per-component response times, then one per source, then end to end. */
  readonly hist: Histograms;
  /** The engine's stream of random numbers, shared with the parts that run here. */
  readonly rng: Random;
  /** Histogram of each source's requests (the end-to-end one when there is a single source). */
  readonly sourceHist: Int32Array;
  readonly e2e: number;
  /** The histogram a scenario's open timeline bucket measures its latencies in (engine/timeline.ts). */
  readonly timelineHist: number;
  /** LLM servers' figures (llm/station.ts); null when the design has none. */
  readonly llm: LlmServers | null;
  private readonly x: EngineExports;
  private v: EngineViews;
  /** Components, connection slots and histograms: the lengths of the views. */
  private readonly sizes: [number, number, number];
  private scenario: ScenarioHooks | null = null;

  constructor(
    g: SimGraph,
    readonly requests: number,
    seed: number,
    warmupFraction: number,
    loadScale: number,
    /** Checking switches (des.ts, DesOptions; scenario/run.ts, ScenarioOptions): decode steps per event, serving ahead off, where the logs list every call again, a scenario's logs listing every call. */
    checks: { llmStepsPerEvent?: number; serveAhead?: boolean; keepLogFrom?: number; listEveryCall?: boolean } = {},
  ) {
    const n = g.nodes.length;
    const m = g.edges.length;
    this.e2e = n + (g.sources.length > 1 ? g.sources.length : 0);
    // Per component, per source, end to end; then each LLM server's time to
    // first token and end to end; last, a scenario's open timeline bucket.
    const llm = llmIndex(g);
    const histograms = this.e2e + 1 + 2 * llm.components + 1;
    this.timelineHist = histograms - 1;
    this.sizes = [n, m, histograms];
    this.x = instantiateEngine(this.host());
    const x = this.x;
    x.setup(n, m, histograms, (seed | 0) ^ Math.floor(seed / 4294967296));
    const v = (this.v = engineViews(x, n, m, histograms));
    this.nodes = new Nodes(g, loadScale, v);
    this.c = new Counters(v, x);
    this.hist = new Histograms({ counts: v.hCounts, n: v.hN, sum: v.hSum, min: v.hMin, max: v.hMax });
    this.rng = { next: () => x.uniform(), exponential: (mean) => x.exponential(mean), normal: () => x.normal() };
    this.sourceHist = new Int32Array(n).fill(-1);
    g.sources.forEach((s, i) => (this.sourceHist[s] = g.sources.length > 1 ? n + i : this.e2e));
    v.sourceHist.set(this.sourceHist);
    v.llmAt.set(llm.at);
    // What follows allocates in the engine's memory, which may grow: views through this.v only.
    this.nodes.edgeId.forEach((e, k) => {
      const r = g.edges[e].resilience;
      if (r) x.setRule(k, r.timeoutMs, r.hedgeMs, r.maxAttempts, r.baseMs, r.capMs, r.jitter, r.budget, r.breaker?.window ?? 0, r.breaker?.errorRate ?? 0, r.breaker?.openMs ?? 0);
    });
    this.llm = llm.components > 0 ? new LlmServers(g, llm.at, x, this.hist, llm.slots, this.e2e + 1, checks.llmStepsPerEvent) : null;
    const { warmCount, halfCount } = milestoneCounts(requests, warmupFraction);
    x.begin(requests, warmCount, halfCount, this.e2e);
    if (checks.serveAhead === false) g.nodes.forEach((_, u) => x.eventByEvent(u));
    const think = startUsers(g, loadScale, (at, payload) => x.schedule(at, payload), this.rng, SOURCE);
    this.v.think.set(think);
    // A scenario's run (requests = 1) keeps listing the calls that its next cut needs: its
    // buckets' cuts come all along, at times known ahead (engine/timeline.ts, cutTaken).
    x.keepLogFrom(checks.keepLogFrom ?? keepLogFrom(g.sources, this.nodes.rate, this.nodes.uniform, think, requests, warmCount), LOG_HORIZON_MS);
    if (checks.listEveryCall) x.listEveryCall();
    for (const s of g.sources) {
      const rate = this.nodes.rate[s];
      if (rate > 0 && think[s] < 0) x.schedule(this.nodes.uniform[s] ? 1000 / rate : this.rng.exponential(1000 / rate), s * 8 + SOURCE);
    }
  }

  /** Runs up to `budget` events; true when the run is over. */
  step(budget: number): boolean {
    try {
      return this.x.step(budget) !== 0;
    } catch (err) {
      throw engineTrap(err);
    }
  }

  get events(): number {
    return this.x.events();
  }

  /** The window ended too soon after the logs went back to listing every call (des-state.ts, keepLogFrom): its cut may miss calls. */
  get cutShort(): boolean {
    return this.x.cutShort() !== 0;
  }

  /** User requests started so far. */
  get generated(): number {
    return this.x.generated();
  }

  /** Requests that arrive from tWarm on are measured; half-way at tHalf; the last user request at tEnd. */
  get tWarm(): number {
    return this.x.tWarm();
  }

  set tWarm(t: number) {
    this.x.setTWarm(t);
  }

  get tHalf(): number {
    return this.x.tHalf();
  }

  get tEnd(): number {
    return this.x.tEnd();
  }

  /** The running scenario (scenario/hooks.ts); null in a steady-state run. */
  get tl(): ScenarioHooks | null {
    return this.scenario;
  }

  set tl(hooks: ScenarioHooks | null) {
    this.scenario = hooks;
    this.x.setScenario(hooks ? 1 : 0);
  }

  /** Events waiting in the event list. */
  pending(): number {
    return this.x.pending();
  }

  time(): number {
    return this.x.now();
  }

  schedule(at: number, payload: number): void {
    this.x.schedule(at, payload);
  }

  /** Calls over connections with timeouts, retries, breakers or hedging not answered yet (engine/resilience.ts). */
  get openCalls(): number {
    return this.x.openCalls();
  }

  // What scenario/hooks.ts asks.
  /** How component u is served: 0 event by event, 1 ahead when a call is sent, 2 when it arrives (engine/ahead.ts). */
  servedAhead(u: number): number {
    return this.x.aheadMode(u);
  }

  /** A scenario acts on component u: it is simulated event by event. */
  eventByEvent(u: number): void {
    this.x.eventByEvent(u);
  }

  /** A scenario's source sends a user request now. */
  startRequest(s: number): void {
    this.x.startRequest(s);
  }

  /** A scenario's profile added a user to closed-loop source s: it thinks, then sends. */
  addUser(s: number): void {
    this.x.schedule(this.x.now() + this.rng.exponential(this.v.think[s]), s * 8 + SOURCE);
  }

  /** A scenario gave component u more servers (a recovery, a scale-up): waiting requests start on them. */
  refill(u: number): void {
    this.x.refill(u);
  }

  /** The engine's side of a scenario's timeline: its sources' arrivals and its buckets' requests (engine/timeline.ts). */
  get timeline(): TimelineEngine {
    return this.x;
  }

  /** A scenario set LLM server u's serving replicas: the ones that start on its queue now get their step. */
  llmReplicas(u: number, replicas: number): void {
    this.x.llmReplicas(u, replicas);
  }

  /** Step times of LLM server u × f from the next step on (a slowdown, or its end with 1/f). */
  llmSlow(u: number, f: number): void {
    this.x.llmSlow(u, f);
  }

  /** The engine's calls into JavaScript. */
  private host(): EngineHost {
    return {
      grown: () => {
        // Before the constructor has made the views, there is nothing to renew.
        if (!this.nodes) return;
        const v = (this.v = engineViews(this.x, this.sizes[0], this.sizes[1], this.sizes[2]));
        this.nodes.attach(v);
        this.c.attach(v);
        this.hist.attach({ counts: v.hCounts, n: v.hN, sum: v.hSum, min: v.hMin, max: v.hMax });
      },
      scenarioSource: (s) => this.scenario!.source(s),
      scenarioAct: (id) => this.scenario!.act(id),
      scenarioFailed: (t) => this.scenario!.count('failed', t),
      usersKeep: (s) => (this.scenario!.users.keep(s) ? 1 : 0),
      scenarioFault: (cause) => this.scenario!.count(cause === 0 ? 'timedOut' : 'breakerOpen'),
    };
  }
}
