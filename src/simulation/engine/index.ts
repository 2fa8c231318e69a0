// The discrete-event engine in WebAssembly: what ../des-engine.ts calls. One instance runs one
// simulation; its memory holds every table and counter (views in ../engine-memory.ts).
import * as C from './calendar';
import * as R from './random';
import * as T from './tables';
import * as S from './state';
import { allocateQueues } from './queues';
import * as A from './ahead';
import { listEveryCall as listEveryCallAhead, plan as planLogs } from './ahead-log';
import * as Res from './resilience';
import * as Llm from './llm';
import { setWeights as setLlmWeights } from './llm-config';
import * as Timeline from './timeline';
import * as Flushes from './flushes';
import { refill as refillStation, step as runEvents } from './stations';
import { startRequest as startUserRequest } from './calls';
import { off as offRoutes, plan as planRoutes } from './routes';

/** Allocates the tables of a design of n components, m connection slots and `histograms` histograms. */
export function setup(n: i32, m: i32, histograms: i32, seedBits: i32): void {
  T.allocate(n, m, histograms);
  allocateQueues(n, m);
  Res.allocate(m);
  C.reset();
  R.seed(seedBits);
}

/** Connection slot k's timeouts, retries, breaker and hedging (./resilience.ts): its calls go through them. */
export function setRule(k: i32, timeoutMs: f64, hedgeMs: f64, maxAttempts: i32, baseMs: f64, capMs: f64, jitter: i32, budget: f64, window: i32, errorRate: f64, openMs: f64): void {
  Res.setRule(k, timeoutMs, hedgeMs, maxAttempts, baseMs, capMs, jitter, budget, window, errorRate, openMs);
}

/** Calls over such connections not answered yet. */
export function openCalls(): i32 {
  return Res.open();
}

/** `components` LLM servers with `slots` replicas in all, their histograms from `histBase` (./llm.ts). */
export function llmSetup(components: i32, slots: i32, stepsPerEvent: i32, histBase: i32): void {
  Llm.allocate(components, slots, stepsPerEvent, histBase);
}

/** LLM server k at node u, its replicas from slot `first`, and the numbers its settings give (../llm/station.ts). */
export function llmComponent(
  k: i32, u: i32, first: i32, replicas: i32, staticBatch: i32, maxSeqs: i32, kvCapacity: f64, limit: f64,
  promptMean: f64, promptCv: f64, promptMu: f64, promptSigma: f64, outMean: f64, outCv: f64, outMu: f64, outSigma: f64,
  twoActive: f64, flopsPerMs: f64, bytesPerMs: f64, kvBytes: f64, overheadMs: f64,
): void {
  Llm.component(k, u, first, replicas, staticBatch != 0, maxSeqs, kvCapacity, limit, promptMean, promptCv, promptMu, promptSigma, outMean, outCv, outMu, outSigma, twoActive, flopsPerMs, bytesPerMs, kvBytes, overheadMs);
}

/** Bytes of weights a step over `batch` sequences of LLM server k reads. */
export function llmWeights(k: i32, batch: i32, bytes: f64): void {
  setLlmWeights(k, batch, bytes);
}

/** The histogram of LLM server k's time to first token (which 0) or end to end (1). */
export function llmHistogram(k: i32, which: i32): i32 {
  return Llm.histogramOf(k, which);
}

/** LLM server k's time-per-output-token sum (0) and count (1), and output tokens in the window (2). */
export function llmFigure(k: i32, which: i32): f64 {
  return Llm.figure(k, which);
}

/** A scenario sets LLM server u's serving replicas. */
export function llmReplicas(u: i32, replicas: f64): void {
  Llm.setReplicas(u, replicas);
}

/** A scenario's slowdown of LLM server u: step times × f from the next step on. */
export function llmSlow(u: i32, f: f64): void {
  Llm.slow(u, f);
}

/** Where shared array i lives (../engine-memory.ts lists them). */
export function arrayAt(i: i32): usize {
  return T.arrays[i];
}

/** Starts the run once the tables are written: `requests` user requests, the milestones, the end-to-end histogram. */
export function begin(requests: i32, warmCount: i32, halfCount: i32, e2e: i32): void {
  S.begin(requests, warmCount, halfCount, e2e);
  A.plan();
  planLogs();
  planRoutes();
}

/** Between the warm-up's end and request `from`, the served-ahead logs list only the calls ending more than `ms` after they are served (./ahead-log.ts). */
export function keepLogFrom(from: i32, ms: f64): void {
  S.keepLogFrom(from, ms);
}
/** The served-ahead logs list every call, not only those a scenario's next cut needs (a check). */
export function listEveryCall(): void {
  listEveryCallAhead();
}

/** The run ended too soon after that request for the logs to hold what the window's cut needs: run it again listing every call. */
export function cutShort(): bool {
  return S.cutShort;
}

/** Runs up to `budget` events (true when the run is over), the counters then current in the tables. */
export function step(budget: i32): bool {
  const over = runEvents(budget);
  A.flush();
  return over;
}

// The clock and phases.
export function now(): f64 {
  return S.now;
}
export function events(): f64 {
  return <f64>S.events;
}
export function generated(): i32 {
  return S.generated;
}
export function tWarm(): f64 {
  return S.tWarm;
}
export function setTWarm(t: f64): void {
  S.tWarm = t;
}
export function tHalf(): f64 {
  return S.tHalf;
}
export function tEnd(): f64 {
  return S.tEnd;
}
export function setScenario(on: bool): void {
  S.scenario = on;
}
/** How component u is served: 0 event by event, 1 ahead when a call is sent, 2 ahead when it arrives (./ahead.ts). */
export function aheadMode(u: i32): i32 {
  return A.on[u];
}
/** Component u is simulated event by event (a scenario acts on it). */
export function eventByEvent(u: i32): void {
  A.off(u);
  offRoutes(u);
}
/** The window's counters (w…) set to the live ones as of now: what calls served ahead do later left out. */
export function counted(): void {
  S.counted();
  if (S.scenario) Timeline.cutTaken(S.now);
}

// A scenario's sources and timeline buckets (./timeline.ts).
/** A scenario over n nodes, `open` of them open sources: warm-up up to `warmMs`, `buckets` buckets of `bucketMs` up to `endMs`; the open bucket's latencies in histogram `hist`. */
export function timelineSetup(n: i32, open: i32, warmMs: f64, endMs: f64, bucketMs: f64, buckets: i32, hist: i32): void {
  Timeline.setup(n, open, warmMs, endMs, bucketMs, buckets, hist);
}
/** Open source s at `rate` rps and its load profile (none 0, flat 1, step 2, ramp 3, spike 4, diurnal 5, points 6). */
export function timelineSource(s: i32, rate: f64, shape: i32, a: f64, b: f64, c: f64): void {
  Timeline.source(s, rate, shape, a, b, c);
}
export function timelinePoint(s: i32, t: f64, m: f64): void {
  Timeline.addPoint(s, t, m);
}
/** The bound source s's candidates are drawn at in segment `seg` (0 the warm-up, b + 1 bucket b). */
export function timelineBound(s: i32, seg: i32, bound: f64): void {
  Timeline.setBound(s, seg, bound);
}
/** Source s's rate at `t` seconds into the scenario, rps: its profile as the engine reads it. */
export function timelineRate(s: i32, t: f64): f64 {
  return Timeline.rate(s, t);
}
/** Source s's first candidate arrival. */
export function timelineFirst(s: i32, rate: f64): void {
  Timeline.first(s, rate);
}
/** A closed-loop user's request, sent now, counts as offered. */
export function timelineOffer(): void {
  Timeline.offer(S.now);
}
/** A scenario's `count` cache flushes, added next by timelineFlush (./flushes.ts). */
export function timelineFlushes(count: i32): void {
  Flushes.setup(T.servers.length, count);
}
/** Cache u is flushed at `atMs` and refills over `warmMs`: each cache's flushes one after another, in time order. */
export function timelineFlush(u: i32, atMs: f64, warmMs: f64): void {
  Flushes.add(u, atMs, warmMs);
}
/** Bucket b is closed: the open bucket's histogram starts afresh. */
export function timelineClose(b: i32): void {
  Timeline.close(b);
}
/** Bucket b's offered (0), succeeded (1), failed (2) requests; the window's successes (3) and their latency sum (4). */
export function timelineFigure(which: i32, b: i32): f64 {
  return Timeline.figure(which, b);
}

// The event list.
export function pending(): i32 {
  return C.size;
}
export function schedule(at: f64, payload: i32): void {
  C.schedule(at, payload);
}
/** The same with a sequence number handed out earlier by number(): equal times go in that order. */
export function scheduleNumbered(at: f64, seq: f64, payload: i32): void {
  C.add(at, seq, payload);
}
export function number(): f64 {
  return C.number();
}
/** Takes the earliest event without running it, its time then in now(): the event list on its own. */
export function takeEvent(): i32 {
  const payload = C.take();
  S.now = C.time;
  return payload;
}

// Random numbers, one stream for the engine and the host.
export function uniform(): f64 {
  return R.uniform();
}
export function exponential(mean: f64): f64 {
  return mean * R.exp1();
}
export function normal(): f64 {
  return R.normal();
}
/** The exp the lognormal draws use (./random.ts). */
export function exp(x: f64): f64 {
  return R.exp(x);
}

// Requests and components, for scenarios.
export function startRequest(s: i32): void {
  startUserRequest(s);
}
export function refill(u: i32): void {
  refillStation(u);
}
export function advance(u: i32): void {
  S.advance(u);
}
