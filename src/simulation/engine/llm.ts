// The LLM servers of a design (docs/llm-serving.md): every replica runs steps one after another.
// Between steps it admits waiting requests from its component's one FIFO queue, as many as its
// sequence limit and its KV cache allow, and prefills them in one step; otherwise it runs one
// decode step for all its running sequences (prefills first, as vLLM's default scheduler does,
// so a prefill pauses decoding). A request reserves the KV cache for its prompt and its whole
// output when admitted, so no sequence is ever preempted. A replica's step is an event of kind
// LLM_STEP whose id is its slot; O(log batch) per request and O(1) per step, so a step costs the
// same whatever the batch.
//
// Decode steps that nothing can change run as one event (./llm-runs.ts): while its component's
// queue is empty and until its next sequence finishes. A request that then queues is admitted at
// the first step end of any replica (`look`); a scenario's slowdown cuts the runs too.
//
// The numbers that depend only on a component's settings — the roofline's rates, the weights a
// step of each batch size reads, the lengths' lognormal parameters — are worked out once by
// ../llm/station.ts and kept in ./llm-config.ts, with the step times and lengths they give.
import * as C from './calendar';
import * as R from './random';
import * as T from './tables';
import * as S from './state';
import { IntQueue } from './queues';
import { grew } from './memory';
import { LLM_STEP, record } from './stations';
import { dispatch } from './calls';
import * as Config from './llm-config';
import * as Runs from './llm-runs';
import { FinishHeap, allocSequence, releaseSequence, resetSequences, sAdmit, sArrive, sCtxEnd, sFirst, sJob, sOut, sPrompt } from './llm-pool';

const IDLE: u8 = 0;
const PREFILL: u8 = 1;
const DECODE: u8 = 2;

// ---- per LLM component k ----
let nodeOf = new StaticArray<i32>(0);
/** Its replica slots: firstSlot[k] … firstSlot[k] + slotCount[k] − 1. */
let firstSlot = new StaticArray<i32>(0);
let slotCount = new StaticArray<i32>(0);
/** Replicas serving (a scenario takes some out and puts them back). */
let serving = new StaticArray<i32>(0);
/** Step times' factor (a scenario's slowdown). */
let speed = new StaticArray<f64>(0);
let queues = new StaticArray<IntQueue>(0);
/** Idle replicas, a stack per component from firstSlot[k] (the next to start on top). */
let idle = new StaticArray<i32>(0);
let idleTop = new StaticArray<i32>(0);
/** Where the components' time-to-first-token histograms begin; the end-to-end ones follow. */
let histBase: i32 = 0;
let tpotSum = new StaticArray<f64>(0);
let tpotCount = new StaticArray<f64>(0);
/** Output tokens of requests finished inside the measurement window. */
let tokens = new StaticArray<f64>(0);
let K: i32 = 0;

// ---- per replica slot ----
let kOf = new StaticArray<i32>(0);
let phase = new StaticArray<u8>(0);
let retired = new StaticArray<u8>(0);
let running = new StaticArray<i32>(0);
let kvUsed = new StaticArray<f64>(0);
let sumCtx = new StaticArray<f64>(0);
let decodes = new StaticArray<f64>(0);
let heaps = new StaticArray<FinishHeap>(0);
/** Filled on a replica's first admission: a design may have many replicas that stay idle. */
let admitted = new StaticArray<StaticArray<i32> | null>(0);
let admittedCount = new StaticArray<i32>(0);
/** When the step just started ends (−1: the replica went idle). */
let stepEnd: f64 = 0;
/** Requests finished by the last step, and when each was admitted. */
let done = new StaticArray<i32>(0);
let doneStart = new StaticArray<f64>(0);
/** Replicas a scenario put back that start a step now, and when that step ends. */
let started = new StaticArray<i32>(0);
let startedEnd = new StaticArray<f64>(0);

/** Tables for `components` LLM components with `slots` replicas in all; their histograms from `hist`. */
export function allocate(components: i32, slots: i32, steps: i32, hist: i32): void {
  K = components;
  histBase = hist;
  Config.allocate(components);
  Runs.allocate(components, slots, steps);
  nodeOf = new StaticArray<i32>(K);
  firstSlot = new StaticArray<i32>(K);
  slotCount = new StaticArray<i32>(K);
  serving = new StaticArray<i32>(K);
  speed = new StaticArray<f64>(K);
  queues = new StaticArray<IntQueue>(K);
  idleTop = new StaticArray<i32>(K);
  tpotSum = new StaticArray<f64>(K);
  tpotCount = new StaticArray<f64>(K);
  tokens = new StaticArray<f64>(K);
  kOf = new StaticArray<i32>(slots);
  phase = new StaticArray<u8>(slots);
  retired = new StaticArray<u8>(slots);
  running = new StaticArray<i32>(slots);
  kvUsed = new StaticArray<f64>(slots);
  sumCtx = new StaticArray<f64>(slots);
  decodes = new StaticArray<f64>(slots);
  heaps = new StaticArray<FinishHeap>(slots);
  for (let i = 0; i < slots; i++) heaps[i] = new FinishHeap();
  admitted = new StaticArray<StaticArray<i32> | null>(slots);
  admittedCount = new StaticArray<i32>(slots);
  idle = new StaticArray<i32>(slots);
  started = new StaticArray<i32>(slots);
  startedEnd = new StaticArray<f64>(slots);
  done = new StaticArray<i32>(1);
  doneStart = new StaticArray<f64>(1);
  stepEnd = 0;
  resetSequences();
}

/** LLM component k (node u), its replicas from slot `first`, and the numbers its settings give (./llm-config.ts). */
export function component(
  k: i32, u: i32, first: i32, replicas: i32, staticBatch: bool, seqs: i32, kv: f64, longest: f64,
  pMean: f64, pCv: f64, pMu: f64, pSigma: f64, oMean: f64, oCv: f64, oMu: f64, oSigma: f64,
  active2: f64, flops: f64, bytes: f64, kvPerToken: f64, overhead: f64,
): void {
  Config.set(k, staticBatch, seqs, kv, longest, pMean, pCv, pMu, pSigma, oMean, oCv, oMu, oSigma, active2, flops, bytes, kvPerToken, overhead);
  nodeOf[k] = u;
  firstSlot[k] = first;
  slotCount[k] = replicas;
  serving[k] = replicas;
  speed[k] = 1;
  queues[k] = new IntQueue();
  // The idle stack holds the replicas last first, so the first is taken first.
  for (let i = 0; i < replicas; i++) {
    kOf[first + i] = k;
    idle[first + i] = first + replicas - 1 - i;
  }
  idleTop[k] = replicas;
  if (seqs > done.length) {
    done = new StaticArray<i32>(seqs);
    doneStart = new StaticArray<f64>(seqs);
  }
  grew();
}

/** Time to first token (which 0) or end to end (1) of component k: its histogram. */
export function histogramOf(k: i32, which: i32): i32 {
  return histBase + which * K + k;
}

/** Component k's mean time per output token (sum 0, count 1) and output tokens in the window (2). */
export function figure(k: i32, which: i32): f64 {
  return which == 0 ? tpotSum[k] : which == 1 ? tpotCount[k] : tokens[k];
}

/** A request joins LLM server u's queue; a replica that was idle starts a step. */
export function arrive(u: i32, job: i32): void {
  S.advance(u);
  T.inSystem[u]++;
  const k = T.llmAt[u];
  const now = S.now;
  const s = allocSequence();
  sJob[s] = job;
  sArrive[s] = now;
  // Lengths within the model's context and the KV cache, so that every request can run.
  const prompt = min(Config.length(Config.promptMean[k], Config.promptCv[k], Config.promptMu[k], Config.promptSigma[k]), Config.limit[k] - 1);
  sPrompt[s] = <i32>prompt;
  sOut[s] = <i32>min(Config.length(Config.outMean[k], Config.outCv[k], Config.outMu[k], Config.outSigma[k]), Config.limit[k] - prompt);
  const waiting = queues[k].size;
  queues[k].push(s);
  // Requests already waited: the last look found the replica whose step ends first, and no
  // replica's steps changed since (each step's end looks again), so it would find the same.
  if (idleTop[k] == 0) {
    if (waiting == 0) look(k, now);
    return;
  }
  const slot = idle[firstSlot[k] + --idleTop[k]];
  next(slot, now);
  T.busy[u]++;
  C.schedule(stepEnd, slot * 8 + LLM_STEP);
}

/** Replica `slot`'s step ended: its finished requests go on as after a service, and its next step starts. */
export function step(slot: i32): void {
  const k = kOf[slot];
  const u = nodeOf[k];
  const now = S.now;
  const heap = heaps[slot];
  let n = 0;
  if (phase[slot] == PREFILL) {
    const list = admitted[slot]!;
    const count = admittedCount[slot];
    let longest = 1;
    for (let i = 0; i < count; i++) longest = max(longest, sOut[list[i]]);
    for (let i = 0; i < count; i++) {
      const s = list[i];
      sFirst[s] = now;
      // A static batch decodes until its longest sequence ends; the others ride along as padding.
      const steps = (Config.isStatic[k] ? longest : sOut[s]) - 1;
      sCtxEnd[s] = <f64>(sPrompt[s] + 1 + steps);
      if (steps == 0) {
        n = finish(slot, s, now, n);
        continue;
      }
      running[slot]++;
      sumCtx[slot] += <f64>(sPrompt[s] + 1);
      heap.push(decodes[slot] + <f64>steps, s);
    }
  } else if (phase[slot] == DECODE) {
    const steps = Runs.planned[slot];
    const d = (decodes[slot] += <f64>steps);
    sumCtx[slot] += <f64>steps * <f64>running[slot];
    while (heap.topKey() <= d) {
      const s = heap.pop();
      running[slot]--;
      sumCtx[slot] -= sCtxEnd[s];
      n = finish(slot, s, now, n);
    }
  }
  next(slot, now);
  if (stepEnd < 0 && retired[slot] == 0) idle[firstSlot[k] + idleTop[k]++] = slot;
  look(k, now);
  S.advance(u);
  T.inSystem[u] -= n;
  if (stepEnd >= 0) C.schedule(stepEnd, slot * 8 + LLM_STEP);
  else T.busy[u]--;
  for (let i = 0; i < n; i++) {
    T.slot(done[i]).start = doneStart[i];
    record(u, done[i]);
  }
  for (let i = 0; i < n; i++) dispatch(done[i]);
}

/**
 * A scenario sets LLM server u to `replicas` serving replicas (a failure, a recovery). A replica
 * taken out finishes the sequences it runs and admits no more, as the generic servers drain;
 * idle ones go first. A replica put back starts on the queue at once.
 */
export function setReplicas(u: i32, replicas: f64): void {
  const k = T.llmAt[u];
  const now = S.now;
  const first = firstSlot[k];
  const count = slotCount[k];
  const want = <i32>max(0, min(<f64>count, Math.round(replicas)));
  let n = 0;
  for (let i = count - 1; serving[k] > want && i >= 0; i--) {
    const slot = first + i;
    if (retired[slot] || phase[slot] != IDLE) continue;
    retire(slot, k);
  }
  for (let i = count - 1; serving[k] > want && i >= 0; i--) if (!retired[first + i]) retire(first + i, k);
  for (let i = 0; serving[k] < want && i < count; i++) {
    const slot = first + i;
    if (!retired[slot]) continue;
    retired[slot] = 0;
    serving[k]++;
    // Still draining what it ran: it simply admits again at its next step.
    if (phase[slot] != IDLE) continue;
    next(slot, now);
    if (stepEnd < 0) idle[first + idleTop[k]++] = slot;
    else {
      started[n] = slot;
      startedEnd[n++] = stepEnd;
    }
  }
  look(k, now);
  // Busy replicas integrated up to now before they change.
  S.advance(u);
  for (let i = 0; i < n; i++) {
    T.busy[u]++;
    C.schedule(startedEnd[i], started[i] * 8 + LLM_STEP);
  }
}

/** Step times of LLM server u × f from the next step on (a slowdown, or its end with 1/f). */
export function slow(u: i32, f: f64): void {
  const k = T.llmAt[u];
  for (let slot = firstSlot[k]; slot < firstSlot[k] + slotCount[k]; slot++) if (phase[slot] == DECODE) Runs.cut(slot, k, S.now);
  speed[k] *= f;
}

function retire(slot: i32, k: i32): void {
  retired[slot] = 1;
  serving[k]--;
  const first = firstSlot[k];
  const top = idleTop[k];
  for (let i = 0; i < top; i++) {
    if (idle[first + i] != slot) continue;
    for (let j = i + 1; j < top; j++) idle[first + j - 1] = idle[first + j];
    idleTop[k] = top - 1;
    return;
  }
}

/** Starts the replica's next step: a prefill of what can be admitted, else a decode step, else idle. */
function next(slot: i32, now: f64): void {
  const k = kOf[slot];
  const q = queues[k];
  if (admitted[slot] == null) admitted[slot] = newList(Config.maxSeqs[k]);
  const list = admitted[slot]!;
  let count = 0;
  let prompts = 0;
  if (retired[slot] == 0 && (!Config.isStatic[k] || running[slot] == 0)) {
    const seqs = Config.maxSeqs[k];
    const kv = Config.kvCapacity[k];
    while (q.size > 0 && running[slot] + count < seqs) {
      const s = q.peek();
      const need = <f64>(sPrompt[s] + sOut[s]);
      if (kvUsed[slot] + need > kv) break;
      q.shift();
      kvUsed[slot] += need;
      sAdmit[s] = now;
      prompts += sPrompt[s];
      list[count++] = s;
    }
  }
  admittedCount[slot] = count;
  Runs.setLong(slot, k, false);
  if (count > 0) {
    phase[slot] = PREFILL;
    stepEnd = now + Config.prefillMs(k, <f64>prompts, count) * speed[k];
  } else if (running[slot] > 0) {
    phase[slot] = DECODE;
    // Steps on until a sequence finishes, unless a request waits that this replica could admit.
    const blocked = q.size == 0 || Config.isStatic[k] != 0 || retired[slot] != 0;
    const until = blocked ? heaps[slot].topKey() - decodes[slot] : 1;
    stepEnd = Runs.decodeRun(slot, k, now, until, running[slot], sumCtx[slot], speed[k]);
  } else {
    phase[slot] = IDLE;
    stepEnd = -1;
  }
  Runs.plan(slot, stepEnd, phase[slot] == PREFILL);
}

function newList(n: i32): StaticArray<i32> {
  const list = new StaticArray<i32>(n);
  grew();
  return list;
}

/**
 * Requests wait at component k: of the replicas that admit at a step's end (not one taken out
 * of service), the one whose step ends first must look at them then. Nothing to cut when no run
 * has steps past the one under way (every run one step, or cut already), or in a static batch,
 * which admits only when its run is over.
 */
function look(k: i32, now: f64): void {
  if (queues[k].size == 0 || Config.isStatic[k] != 0 || Runs.longRuns[k] == 0) return;
  let first = -1;
  let firstEnd = Infinity;
  for (let slot = firstSlot[k]; slot < firstSlot[k] + slotCount[k]; slot++) {
    if (phase[slot] == IDLE || retired[slot] != 0) continue;
    let end = Runs.cutEnd[slot];
    if (end < now) end = Runs.stepEndAfter(slot, now);
    if (end < firstEnd) {
      first = slot;
      firstEnd = end;
    }
  }
  if (first >= 0) Runs.cut(first, k, now);
}

function finish(slot: i32, s: i32, now: f64, n: i32): i32 {
  const k = kOf[slot];
  const out = sOut[s];
  kvUsed[slot] -= <f64>(sPrompt[s] + out);
  done[n] = sJob[s];
  doneStart[n] = sAdmit[s];
  const arrive = sArrive[s];
  if (arrive >= S.tWarm) {
    T.addSample(histBase + k, sFirst[s] - arrive);
    T.addSample(histBase + K + k, now - arrive);
    if (out > 1) {
      tpotSum[k] += (now - sFirst[s]) / <f64>(out - 1);
      tpotCount[k] += 1;
    }
  }
  if (now >= S.tWarm && !(now > S.tEnd)) tokens[k] += <f64>out;
  releaseSequence(s);
  return n + 1;
}
