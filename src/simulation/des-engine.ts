// The discrete-event engine (des-core.ts: the event loop and FIFO stations; des-calls.ts: a
// request's calls and answers): here the stations that serve several requests at once — batching
// servers and token-level LLM servers — and what a scenario or a closed-loop source asks of
// the engine (a user who thinks and sends again, a request started by a profile, servers
// given back after a failure or a scale-up).
import { DesCalls } from './des-calls';

// Event kinds and request flags as in des-core.ts (module constants, not imports: see there).
const SOURCE = 0;
const DONE = 2;
const TIMER = 3;
const LLM_STEP = 6;
const FAILED = 1;
const ROOT = 2;

export class DesEngine extends DesCalls {
  /** A free batching server takes up to maxSize waiting requests, or waits out the first one's timeout. */
  protected tryBatch(u: number): void {
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

  protected batchDone(head: number): void {
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
  protected llmArrive(u: number, job: number): void {
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
  protected llmStep(slot: number): void {
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

  /** A user request is over: a scenario's timeline counts it, and a closed-loop user thinks, then sends again. */
  protected rootExtras(s: number, flags: number, arrive: number): void {
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
