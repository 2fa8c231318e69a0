// The discrete-event LLM servers of a design (docs/llm-serving.md): every replica runs steps
// one after another. Between steps it admits waiting requests from its component's one FIFO
// queue, as many as its sequence limit and its KV cache allow, and prefills them in one step;
// otherwise it runs one decode step for all its running sequences (prefills first, as vLLM's
// default scheduler does, so a prefill pauses decoding). A request reserves the KV cache for
// its prompt and its whole output when admitted, so no sequence is ever preempted.
//
// The engine schedules the steps (event kind 6, id = replica slot) and sends a finished
// request on downstream; everything else happens here, O(log batch) per request and O(1) per
// step, so a step costs the same whatever the batch.
//
// Decode steps that nothing can change run as one event: while its component's queue is empty
// and until its next sequence finishes, a replica's steps follow from its batch alone, so their
// ends are summed ahead (each as the step-by-step run adds it) and only the last is scheduled.
// A request that then queues is admitted at the first step end of any replica, as it would be:
// the replica whose next step ends first has its run of steps cut there (`look`). A scenario's
// slowdown cuts them too. Same sample path as an event per step (llm-steps.test.ts).
import type { SimGraph } from '../graph';
import { Histograms } from '../histogram';
import { IntQueue } from '../int-queue';
import type { Random } from '../random';
import type { LlmConfig } from './config';
import { FinishHeap } from './finish-heap';
import { Sequences } from './sequences';
import { decodeStepMs, prefillMs } from './roofline';

const IDLE = 0;
const EMPTY = new Int32Array(0);
const PREFILL = 1;
const DECODE = 2;

/** The part of the engine's run a finished request is measured against. */
export interface LlmWindow {
  tWarm: number;
  tEnd: number;
}

export class LlmServers {
  /** Node → its index among the LLM components, −1 for the others. */
  readonly at: Int32Array;
  readonly configs: LlmConfig[] = [];
  /** Replica slot → node. */
  readonly slotNode: Int32Array;
  /** When the step just started ends (−1: the replica went idle). Read right after arrive() or step(). */
  stepEnd = 0.5;
  /** Requests finished by the last step, and when each was admitted. */
  done: Int32Array;
  doneStart: Float64Array;
  /** Time to first token and end to end per LLM component (after the warm-up). */
  readonly ttft: Histograms;
  readonly e2e: Histograms;
  readonly tpotSum: Float64Array;
  readonly tpotCount: Float64Array;
  /** Output tokens of requests finished inside the measurement window. */
  readonly tokens: Float64Array;

  private readonly queues: IntQueue[] = [];
  private readonly idle: number[][] = [];
  private readonly nodeIndex: Int32Array;
  // What a scenario changes (scenario/hooks.ts): each component's replica slots, how many of
  // them serve, its step times' factor (a slowdown), and the slots taken out of service.
  private readonly slotsOf: number[][] = [];
  private readonly serving: Int32Array;
  private readonly speed: Float64Array;
  private readonly retired: Uint8Array;
  // Replicas.
  private readonly phase: Uint8Array;
  private readonly running: Int32Array;
  private readonly kvUsed: Float64Array;
  private readonly sumCtx: Float64Array;
  private readonly decodes: Float64Array;
  private readonly heaps: FinishHeap[];
  private readonly admitted: Int32Array[];
  private readonly admittedCount: Int32Array;
  /** Requests (sequences), pooled. */
  private readonly seq = new Sequences();
  // A replica's steps in flight: how many end at its scheduled event, when each ends, and a
  // cursor on them for cutting (the step under way when last asked: its number, its end).
  private readonly planned: Int32Array;
  private readonly planEnd: Float64Array;
  private readonly ends: Float64Array[];
  private readonly cutEnd: Float64Array;
  private readonly cutStep: Int32Array;
  private readonly stepsPerEvent: number;

  /**
   * `move(slot, from, to)`: the engine moves the slot's scheduled step end. `stepsPerEvent`:
   * at most this many decode steps in one event (1: every step an event of its own).
   */
  constructor(
    g: SimGraph,
    private readonly rng: Random,
    private readonly run: LlmWindow,
    private readonly move: (slot: number, from: number, to: number) => void,
    stepsPerEvent = 64,
  ) {
    this.stepsPerEvent = Math.max(1, Math.floor(stepsPerEvent) || 1);
    this.at = new Int32Array(g.nodes.length).fill(-1);
    const slots: number[] = [];
    let maxSeqs = 1;
    g.nodes.forEach((n, u) => {
      if (!n.llm) return;
      this.at[u] = this.configs.length;
      this.configs.push(n.llm);
      this.queues.push(new IntQueue());
      const idle: number[] = [];
      for (let r = 0; r < n.llm.replicas; r++) {
        idle.push(slots.length);
        slots.push(u);
      }
      this.slotsOf.push([...idle]);
      this.idle.push(idle.reverse());
      maxSeqs = Math.max(maxSeqs, n.llm.maxSeqs);
    });
    const k = this.configs.length;
    const m = slots.length;
    this.slotNode = Int32Array.from(slots);
    this.serving = Int32Array.from(this.configs, (c) => c.replicas);
    this.speed = new Float64Array(k).fill(1);
    this.retired = new Uint8Array(m);
    this.nodeIndex = Int32Array.from(slots, (u) => this.at[u]);
    this.phase = new Uint8Array(m);
    this.running = new Int32Array(m);
    this.kvUsed = new Float64Array(m);
    this.sumCtx = new Float64Array(m);
    this.decodes = new Float64Array(m);
    this.heaps = Array.from({ length: m }, () => new FinishHeap());
    // Filled on a replica's first admission: a design may have many replicas that stay idle.
    this.admitted = Array.from({ length: m }, () => EMPTY);
    this.admittedCount = new Int32Array(m);
    this.planned = new Int32Array(m);
    this.planEnd = new Float64Array(m);
    this.cutEnd = new Float64Array(m);
    this.cutStep = new Int32Array(m);
    this.ends = Array.from({ length: m }, () => new Float64Array(this.stepsPerEvent));
    this.done = new Int32Array(maxSeqs);
    this.doneStart = new Float64Array(maxSeqs);
    this.ttft = new Histograms(k);
    this.e2e = new Histograms(k);
    this.tpotSum = new Float64Array(k);
    this.tpotCount = new Float64Array(k);
    this.tokens = new Float64Array(k);
  }

  /** A request reaches LLM component u: queued, and the replica slot that starts a step for it, or −1. */
  arrive(u: number, job: number, now: number): number {
    const k = this.at[u];
    const c = this.configs[k];
    const s = this.seq.alloc();
    this.seq.job[s] = job;
    this.seq.arrive[s] = now;
    // Lengths within the model's context and the KV cache, so that every request can run.
    const limit = Math.min(c.model.maxContext, c.kvCapacity);
    const prompt = Math.min(this.length(c.promptTokens, c.promptCv), limit - 1);
    this.seq.prompt[s] = prompt;
    this.seq.out[s] = Math.min(this.length(c.outputTokens, c.outputCv), limit - prompt);
    this.queues[k].push(s);
    const idle = this.idle[k];
    if (idle.length === 0) {
      this.look(k, now);
      return -1;
    }
    const slot = idle.pop()!;
    this.next(slot, now);
    return slot;
  }

  /** The step of replica `slot` ends now: returns how many requests it finished (in `done`). */
  step(slot: number, now: number): number {
    const c = this.configs[this.nodeIndex[slot]];
    const heap = this.heaps[slot];
    let n = 0;
    if (this.phase[slot] === PREFILL) {
      const list = this.admitted[slot];
      const count = this.admittedCount[slot];
      let longest = 1;
      for (let i = 0; i < count; i++) longest = Math.max(longest, this.seq.out[list[i]]);
      for (let i = 0; i < count; i++) {
        const s = list[i];
        this.seq.first[s] = now;
        // A static batch decodes until its longest sequence ends; the others ride along as padding.
        const steps = (c.batching === 'static' ? longest : this.seq.out[s]) - 1;
        this.seq.ctxEnd[s] = this.seq.prompt[s] + 1 + steps;
        if (steps === 0) {
          n = this.finish(slot, s, now, n);
          continue;
        }
        this.running[slot]++;
        this.sumCtx[slot] += this.seq.prompt[s] + 1;
        heap.push(this.decodes[slot] + steps, s);
      }
    } else if (this.phase[slot] === DECODE) {
      const steps = this.planned[slot];
      const d = (this.decodes[slot] += steps);
      this.sumCtx[slot] += steps * this.running[slot];
      while (heap.topKey() <= d) {
        const s = heap.pop();
        this.running[slot]--;
        this.sumCtx[slot] -= this.seq.ctxEnd[s];
        n = this.finish(slot, s, now, n);
      }
    }
    this.next(slot, now);
    const k = this.nodeIndex[slot];
    if (this.stepEnd < 0 && this.retired[slot] === 0) this.idle[k].push(slot);
    this.look(k, now);
    return n;
  }

  /**
   * A scenario sets LLM component u to `replicas` serving replicas (a failure, a recovery). A
   * replica taken out finishes the sequences it runs and admits no more, as the generic servers
   * drain; idle ones go first. A replica put back starts on the queue at once. Returns the
   * replica slots that start a step now, each followed by the time it ends.
   */
  setReplicas(u: number, replicas: number, now: number): number[] {
    const k = this.at[u];
    const slots = this.slotsOf[k];
    const want = Math.max(0, Math.min(slots.length, Math.round(replicas)));
    const idle = this.idle[k];
    const started: number[] = [];
    for (let i = slots.length - 1; this.serving[k] > want && i >= 0; i--) {
      const slot = slots[i];
      if (this.retired[slot] || this.phase[slot] !== IDLE) continue;
      this.retire(slot, idle, k);
    }
    for (let i = slots.length - 1; this.serving[k] > want && i >= 0; i--) if (!this.retired[slots[i]]) this.retire(slots[i], idle, k);
    for (let i = 0; this.serving[k] < want && i < slots.length; i++) {
      const slot = slots[i];
      if (!this.retired[slot]) continue;
      this.retired[slot] = 0;
      this.serving[k]++;
      // Still draining what it ran: it simply admits again at its next step.
      if (this.phase[slot] !== IDLE) continue;
      this.next(slot, now);
      if (this.stepEnd < 0) idle.push(slot);
      else started.push(slot, this.stepEnd);
    }
    this.look(k, now);
    return started;
  }

  /** Step times of component u × f from the next step on (a slowdown, or its end with 1/f). */
  slow(u: number, f: number, now: number): void {
    const k = this.at[u];
    for (const slot of this.slotsOf[k]) if (this.phase[slot] === DECODE) this.cut(slot, now);
    this.speed[k] *= f;
  }

  private retire(slot: number, idle: number[], k: number): void {
    this.retired[slot] = 1;
    this.serving[k]--;
    const i = idle.indexOf(slot);
    if (i >= 0) idle.splice(i, 1);
  }

  /** Starts the replica's next step: a prefill of what can be admitted, else a decode step, else idle. */
  private next(slot: number, now: number): void {
    const k = this.nodeIndex[slot];
    const c = this.configs[k];
    const q = this.queues[k];
    if (this.admitted[slot] === EMPTY) this.admitted[slot] = new Int32Array(c.maxSeqs);
    const list = this.admitted[slot];
    let count = 0;
    let tokens = 0;
    if (this.retired[slot] === 0 && (c.batching === 'continuous' || this.running[slot] === 0)) {
      while (q.size > 0 && this.running[slot] + count < c.maxSeqs) {
        const s = q.peek();
        const need = this.seq.prompt[s] + this.seq.out[s];
        if (this.kvUsed[slot] + need > c.kvCapacity) break;
        q.shift();
        this.kvUsed[slot] += need;
        this.seq.admit[s] = now;
        tokens += this.seq.prompt[s];
        list[count++] = s;
      }
    }
    this.admittedCount[slot] = count;
    if (count > 0) {
      this.phase[slot] = PREFILL;
      this.stepEnd = now + prefillMs(c, tokens, count) * this.speed[k];
    } else if (this.running[slot] > 0) {
      this.phase[slot] = DECODE;
      // Steps on until a sequence finishes, unless a request waits that this replica could admit.
      const blocked = q.size === 0 || c.batching === 'static' || this.retired[slot] !== 0;
      this.decodeRun(slot, c, now, blocked ? this.heaps[slot].topKey() - this.decodes[slot] : 1);
    } else {
      this.phase[slot] = IDLE;
      this.stepEnd = -1;
    }
    this.planEnd[slot] = this.stepEnd;
    if (this.phase[slot] === PREFILL) this.cutEnd[slot] = this.stepEnd;
  }

  /** Decode steps from now until the `until`-th (or the chunk's last): their end in stepEnd. */
  private decodeRun(slot: number, c: LlmConfig, now: number, until: number): void {
    const speed = this.speed[this.nodeIndex[slot]];
    const running = this.running[slot];
    const steps = Math.min(until, this.stepsPerEvent);
    const ends = this.ends[slot];
    let ctx = this.sumCtx[slot];
    let t = now + decodeStepMs(c, running, ctx) * speed;
    ends[0] = t;
    for (let i = 1; i < steps; i++) {
      ctx += running;
      t += decodeStepMs(c, running, ctx) * speed;
      ends[i] = t;
    }
    this.planned[slot] = steps;
    this.stepEnd = t;
    this.cutStep[slot] = 0;
    this.cutEnd[slot] = ends[0];
  }

  /** The end of the slot's step under way at `now` (its cursor moved up to the step before). */
  private stepEndAfter(slot: number, now: number): number {
    let end = this.cutEnd[slot];
    if (end >= now) return end;
    const ends = this.ends[slot];
    let i = this.cutStep[slot];
    while (end < now && i + 1 < this.planned[slot]) end = ends[++i];
    this.cutStep[slot] = i;
    this.cutEnd[slot] = end;
    return end;
  }

  /** The slot's run of decode steps ends with the step under way at `now`. */
  private cut(slot: number, now: number): void {
    const end = this.stepEndAfter(slot, now);
    if (end === this.planEnd[slot]) return;
    this.planned[slot] = this.cutStep[slot] + 1;
    this.move(slot, this.planEnd[slot], end);
    this.planEnd[slot] = end;
  }

  /**
   * Requests wait at component k: of the replicas that admit at a step's end (not a static batch
   * before its run is over, not one taken out of service), the one whose step ends first must
   * look at them then.
   */
  private look(k: number, now: number): void {
    if (this.queues[k].size === 0) return;
    const continuous = this.configs[k].batching === 'continuous';
    let first = -1;
    let firstEnd = Infinity;
    const slots = this.slotsOf[k];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (this.phase[slot] === IDLE || this.retired[slot] !== 0) continue;
      let end = continuous ? this.cutEnd[slot] : this.planEnd[slot];
      if (end < now) end = this.stepEndAfter(slot, now);
      if (end < firstEnd) {
        first = slot;
        firstEnd = end;
      }
    }
    if (first >= 0 && continuous) this.cut(first, now);
  }

  private finish(slot: number, s: number, now: number, n: number): number {
    const k = this.nodeIndex[slot];
    this.kvUsed[slot] -= this.seq.prompt[s] + this.seq.out[s];
    this.done[n] = this.seq.job[s];
    this.doneStart[n] = this.seq.admit[s];
    const arrive = this.seq.arrive[s];
    const out = this.seq.out[s];
    if (arrive >= this.run.tWarm) {
      this.ttft.add(k, this.seq.first[s] - arrive);
      this.e2e.add(k, now - arrive);
      if (out > 1) {
        this.tpotSum[k] += (now - this.seq.first[s]) / (out - 1);
        this.tpotCount[k]++;
      }
    }
    if (now >= this.run.tWarm && !(now > this.run.tEnd)) this.tokens[k] += out;
    this.seq.release(s);
    return n + 1;
  }

  /** A length in tokens: lognormal with the given mean and CV (constant at CV 0), at least 1. */
  private length(mean: number, cv: number): number {
    if (cv <= 0) return Math.max(1, Math.round(mean));
    const s2 = Math.log(1 + cv * cv);
    const v = Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * this.rng.normal());
    return Math.max(1, Math.round(v));
  }
}
