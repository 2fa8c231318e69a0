// A replica's run of decode steps (./llm.ts): while nothing can change them, its steps follow
// from its batch alone, so their ends are summed ahead — each as the step-by-step run adds it —
// and only the last is an event. A request that queues meanwhile is admitted at the first step
// end of any replica, as it would be step by step: the replica whose step ends first has its run
// cut there (`cut`). Same sample path as an event per step (llm-steps.test.ts).
import * as C from './calendar';
import { LLM_STEP } from './stations';
import * as Config from './llm-config';

/** At most this many decode steps in one event (DesOptions.llmStepsPerEvent). */
let stepsPerEvent: i32 = 64;
// Per replica slot: how many steps end at its scheduled event, and when that event is; when
// each step ends (from slot × stepsPerEvent), and a cursor on them for cutting (the step under
// way when last asked, and its end).
export let planned = new StaticArray<i32>(0);
let planEnd = new StaticArray<f64>(0);
let ends = new StaticArray<f64>(0);
export let cutEnd = new StaticArray<f64>(0);
let cutStep = new StaticArray<i32>(0);
/** 1 while the replica's run has steps past the one under way that no cut has taken off; per component, how many such runs. */
let long = new StaticArray<u8>(0);
export let longRuns = new StaticArray<i32>(0);

/** Tables for `components` components with `slots` replicas in all, up to `steps` steps an event. */
export function allocate(components: i32, slots: i32, steps: i32): void {
  stepsPerEvent = steps;
  longRuns = new StaticArray<i32>(components);
  planned = new StaticArray<i32>(slots);
  planEnd = new StaticArray<f64>(slots);
  ends = new StaticArray<f64>(slots * steps);
  cutEnd = new StaticArray<f64>(slots);
  cutStep = new StaticArray<i32>(slots);
  long = new StaticArray<u8>(slots);
}

/** The replica's next event is at `end` (−1: none, it is idle): a prefill, one step that cannot be cut, or the run decodeRun planned. */
export function plan(slot: i32, end: f64, prefill: bool): void {
  planEnd[slot] = end;
  if (prefill) cutEnd[slot] = end;
}

/**
 * Decode steps of component k's replica from now until the `until`-th (or the chunk's last),
 * for `batch` sequences whose contexts sum to `ctx`, step times × f: returns when the last ends.
 */
export function decodeRun(slot: i32, k: i32, now: f64, until: f64, batch: i32, ctx: f64, f: f64): f64 {
  const steps = <i32>min(until, <f64>stepsPerEvent);
  const at = slot * stepsPerEvent;
  const weights = Config.weights[Config.weightsAt[k] + batch];
  const kvBytes = Config.kvBytes[k];
  const rate = Config.bytesPerMs[k];
  const compute = Config.decodeComputeMs(k, batch);
  const overhead = Config.overheadMs[k];
  let t = now + Config.decodeStepMs(weights, ctx, kvBytes, rate, compute, overhead) * f;
  ends[at] = t;
  for (let i = 1; i < steps; i++) {
    ctx += <f64>batch;
    t += Config.decodeStepMs(weights, ctx, kvBytes, rate, compute, overhead) * f;
    ends[at + i] = t;
  }
  planned[slot] = steps;
  if (steps > 1) setLong(slot, k, true);
  cutStep[slot] = 0;
  cutEnd[slot] = ends[at];
  return t;
}

/** The end of the slot's step under way at `now` (its cursor moved up to the step before). */
export function stepEndAfter(slot: i32, now: f64): f64 {
  let end = cutEnd[slot];
  if (end >= now) return end;
  const at = slot * stepsPerEvent;
  let i = cutStep[slot];
  while (end < now && i + 1 < planned[slot]) end = ends[at + ++i];
  cutStep[slot] = i;
  cutEnd[slot] = end;
  return end;
}

/** Component k's replica's run of decode steps ends with the step under way at `now`: its event is moved there. */
export function cut(slot: i32, k: i32, now: f64): void {
  const end = stepEndAfter(slot, now);
  if (end == planEnd[slot]) return;
  planned[slot] = cutStep[slot] + 1;
  if (!C.cancel(planEnd[slot], slot * 8 + LLM_STEP)) throw new Error('an LLM replica had no step to move');
  C.schedule(end, slot * 8 + LLM_STEP);
  planEnd[slot] = end;
  setLong(slot, k, false);
}

/** Whether the replica's run has steps past the one under way (component k counts such runs). */
@inline export function setLong(slot: i32, k: i32, on: bool): void {
  const was = long[slot];
  const now: u8 = on ? 1 : 0;
  if (was == now) return;
  long[slot] = now;
  longRuns[k] += on ? 1 : -1;
}
