// A request's way through the design, for the discrete-event engine (des-core.ts runs the
// events and the stations): a source starts it, each component it is served at makes its
// calls (to all, one of them by share, or one after another; async ones not waited for),
// each call is answered when the component it went to is done with it, and the request is
// over when its last call has answered. Timeouts, retries and hedges (resilience.ts) sit
// between a call and its answer when a connection has them.
import { DesCore } from './des-core';
import { passMilestone } from './des-state';

// Event kinds and request flags as in des-core.ts (module constants, not imports: see there).
const SOURCE = 0;
const ARRIVE = 1;
const FAILED = 1;
const ROOT = 2;
const SEQ = 4;
/** FAILED and its cause (resilience.ts): rejected 8, timed out 16, breaker open 32, failed 64. */
const CAUSES = 121;

export abstract class DesCalls extends DesCore {
  /** The next request number at which passMilestone() has something to do. */
  private nextMark = 0;

  protected source(s: number): void {
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

  /** After service: the request's downstream calls (none on a cache hit). */
  protected dispatch(job: number): void {
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
  protected finish(job: number): void {
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

  // A user request's extras (scenario, closed-loop users), in des-engine.ts.
  protected abstract rootExtras(s: number, flags: number, arrive: number): void;
}
