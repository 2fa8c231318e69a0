// The WebAssembly engine (engine/, compiled into engine-wasm.ts) and the views JavaScript keeps
// on its memory. The engine's tables and counters are arrays in that memory; the rest of the
// simulator reads and writes them through the typed arrays made here. Growing the memory
// (more requests in flight, a longer event list) detaches every view: the engine then calls
// the host's `grown`, and `views` is made afresh.
import { ENGINE_WASM } from './engine-wasm';
import { BUCKETS } from './histogram';

/** What the engine exports (engine/index.ts). */
export interface EngineExports {
  readonly memory: WebAssembly.Memory;
  setup(n: number, m: number, histograms: number, seedBits: number): void;
  setRule(k: number, timeoutMs: number, hedgeMs: number, maxAttempts: number, baseMs: number, capMs: number, jitter: number, budget: number, window: number, errorRate: number, openMs: number): void;
  openCalls(): number;
  llmSetup(components: number, slots: number, stepsPerEvent: number, histBase: number): void;
  llmComponent(
    k: number, u: number, first: number, replicas: number, staticBatch: number, maxSeqs: number, kvCapacity: number, limit: number,
    promptMean: number, promptCv: number, promptMu: number, promptSigma: number, outMean: number, outCv: number, outMu: number, outSigma: number,
    twoActive: number, flopsPerMs: number, bytesPerMs: number, kvBytes: number, overheadMs: number,
  ): void;
  llmWeights(k: number, batch: number, bytes: number): void;
  llmHistogram(k: number, which: number): number;
  llmFigure(k: number, which: number): number;
  llmReplicas(u: number, replicas: number): void;
  llmSlow(u: number, f: number): void;
  timelineSetup(n: number, open: number, warmMs: number, endMs: number, bucketMs: number, buckets: number, hist: number): void;
  timelineSource(s: number, rate: number, shape: number, a: number, b: number, c: number): void;
  timelinePoint(s: number, t: number, m: number): void;
  timelineBound(s: number, seg: number, bound: number): void;
  timelineFirst(s: number, rate: number): void;
  timelineRate(s: number, t: number): number;
  timelineOffer(): void;
  timelineFlushes(count: number): void;
  timelineFlush(u: number, atMs: number, warmMs: number): void;
  timelineClose(b: number): void;
  timelineFigure(which: number, b: number): number;
  arrayAt(i: number): number;
  begin(requests: number, warmCount: number, halfCount: number, e2e: number): void;
  keepLogFrom(from: number, ms: number): void;
  listEveryCall(): void;
  cutShort(): number;
  step(budget: number): number;
  now(): number;
  events(): number;
  generated(): number;
  tWarm(): number;
  setTWarm(t: number): void;
  tHalf(): number;
  tEnd(): number;
  setScenario(on: number): void;
  eventByEvent(u: number): void;
  aheadMode(u: number): number;
  counted(): number;
  pending(): number;
  schedule(at: number, payload: number): void;
  scheduleNumbered(at: number, seq: number, payload: number): void;
  number(): number;
  takeEvent(): number;
  uniform(): number;
  exponential(mean: number): number;
  normal(): number;
  exp(x: number): number;
  startRequest(s: number): void;
  refill(u: number): void;
  advance(u: number): void;
}

/** What the engine calls in JavaScript (engine/host.ts, engine/memory.ts). */
export interface EngineHost {
  grown(): void;
  scenarioSource(s: number): void;
  scenarioAct(id: number): void;
  scenarioFailed(t: number): void;
  usersKeep(s: number): number;
  scenarioFault(cause: number): void;
}

const TYPES = { i32: Int32Array, u8: Uint8Array, f64: Float64Array, u32: Uint32Array } as const;
/** n: per component, n1: n + 1, m: per connection slot, h: per histogram, hb: histograms × buckets, or a count. */
type Length = 'n' | 'n1' | 'm' | 'h' | 'hb' | number;

/** The shared arrays in the order the engine lists them (engine/tables.ts, allocate). */
const ARRAYS = [
  ['servers', 'i32', 'n'],
  ['pass', 'u8', 'n'],
  ['dist', 'u8', 'n'],
  ['mean', 'f64', 'n'],
  ['lnMu', 'f64', 'n'],
  ['lnSigma', 'f64', 'n'],
  ['queueLimit', 'i32', 'n'],
  ['hit', 'f64', 'n'],
  ['dispatchOne', 'u8', 'n'],
  ['sequential', 'u8', 'n'],
  ['hasAsync', 'u8', 'n'],
  ['pipe', 'u8', 'n'],
  ['batchMax', 'i32', 'n'],
  ['batchTimeout', 'f64', 'n'],
  ['batchPerItem', 'f64', 'n'],
  ['rate', 'f64', 'n'],
  ['uniform', 'u8', 'n'],
  ['failRate', 'f64', 'n'],
  ['baseDist', 'u8', 'n'],
  ['slowShare', 'f64', 'n'],
  ['slowFactor', 'f64', 'n'],
  ['outStart', 'i32', 'n1'],
  ['think', 'f64', 'n'],
  ['sourceHist', 'i32', 'n'],
  ['llmAt', 'i32', 'n'],
  ['busy', 'i32', 'n'],
  ['inSystem', 'i32', 'n'],
  ['timerPending', 'u8', 'n'],
  ['down', 'u8', 'n'],
  ['eTo', 'i32', 'm'],
  ['eAsync', 'u8', 'm'],
  ['eShare', 'f64', 'm'],
  ['eCumShare', 'f64', 'm'],
  ['eNet', 'f64', 'm'],
  ['eRes', 'u8', 'm'],
  ['arrivals', 'f64', 'n'],
  ['completions', 'f64', 'n'],
  ['rejections', 'f64', 'n'],
  ['waitSum', 'f64', 'n'],
  ['batches', 'f64', 'n'],
  ['busyArea', 'f64', 'n'],
  ['countArea', 'f64', 'n'],
  ['last', 'f64', 'n'],
  ['edgeCalls', 'f64', 'm'],
  ['resCalls', 'f64', 'm'],
  ['retries', 'f64', 'm'],
  ['hedges', 'f64', 'm'],
  ['timedOut', 'f64', 'm'],
  ['breakerOpen', 'f64', 'm'],
  ['stats', 'f64', 12],
  ['wArrivals', 'f64', 'n'],
  ['wCompletions', 'f64', 'n'],
  ['wRejections', 'f64', 'n'],
  ['wBatches', 'f64', 'n'],
  ['wBusyArea', 'f64', 'n'],
  ['wCountArea', 'f64', 'n'],
  ['wEdgeCalls', 'f64', 'm'],
  ['hCounts', 'u32', 'hb'],
  ['hN', 'f64', 'h'],
  ['hSum', 'f64', 'h'],
  ['hMin', 'f64', 'h'],
  ['hMax', 'f64', 'h'],
] as const satisfies readonly (readonly [string, keyof typeof TYPES, Length])[];

type Entry = (typeof ARRAYS)[number];
/** Every shared array by name, as a typed array of its type. */
export type EngineViews = { [E in Entry as E[0]]: InstanceType<(typeof TYPES)[E[1]]> };

let compiled: WebAssembly.Module | null = null;

/** The engine's compiled module, once per worker (about 1 ms). */
function engineModule(): WebAssembly.Module {
  if (compiled) return compiled;
  const text = atob(ENGINE_WASM);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  try {
    return (compiled = new WebAssembly.Module(bytes));
  } catch (err) {
    // A security policy without 'wasm-unsafe-eval' refuses to compile any WebAssembly.
    if (err instanceof WebAssembly.CompileError && /unsafe-eval|Content Security Policy|CSP/i.test(err.message)) {
      throw new Error("this page's security policy does not allow WebAssembly, which the discrete-event engine runs on ('wasm-unsafe-eval' in script-src).");
    }
    throw err;
  }
}

/** A fresh engine instance (one per run) calling `host`. */
export function instantiateEngine(host: EngineHost): EngineExports {
  let exports: EngineExports | null = null;
  const instance = new WebAssembly.Instance(engineModule(), {
    env: {
      abort: (message: number) => {
        const why = exports ? readString(exports.memory, message) : '';
        throw new Error(/allocation too large|invalid length/i.test(why) ? OUT_OF_MEMORY : `The simulation engine stopped on an internal error${why ? ` (${why})` : ''}.`);
      },
    },
    host: { ...host },
  });
  exports = instance.exports as unknown as EngineExports;
  return exports;
}

const OUT_OF_MEMORY = 'The simulation ran out of memory: fewer requests, or a design that is not overloaded, will fit.';

/** What a trap of the engine means to the user: its allocator traps when the memory cannot grow any more. */
export function engineTrap(err: unknown): unknown {
  if (!(err instanceof WebAssembly.RuntimeError)) return err;
  return new Error(/unreachable/i.test(err.message) ? OUT_OF_MEMORY : `The simulation engine stopped on an internal error (${err.message}).`);
}

/** An AssemblyScript string at `ptr`: UTF-16, its byte length in the word before it. */
function readString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >> 1));
}

/** Views on every shared array of an engine set up with n components, m connection slots and h histograms. */
export function engineViews(x: EngineExports, n: number, m: number, h: number): EngineViews {
  const size = (len: Length) => (len === 'n' ? n : len === 'n1' ? n + 1 : len === 'm' ? m : len === 'h' ? h : len === 'hb' ? h * BUCKETS : len);
  const buffer = x.memory.buffer;
  const views: Record<string, ArrayBufferView> = {};
  ARRAYS.forEach(([name, type, len], i) => (views[name] = new TYPES[type](buffer, x.arrayAt(i), size(len))));
  return views as unknown as EngineViews;
}
