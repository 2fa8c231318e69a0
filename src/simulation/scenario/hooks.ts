// The scenario's side of the discrete-event engine: the scenario's events, autoscaling, closed
// loops' users and the timeline's buckets. Everything is an action in one list, run by the
// engine as event kind 4 with the action's number, from the node count up, as id. What a
// scenario does for every request — its open sources' arrivals along their load profiles, each
// request's end counted in its bucket — the engine does itself (engine/timeline.ts), set up
// here. The engine calls in here only when a scenario runs.
import type { DesEngine } from '../des-engine';
import type { ScenarioPlan } from './plan';
import { maxOn, multiplier, profileCode } from './profile';
import { Buckets, type ErrorCause } from './buckets';
import { ScenarioUsers } from './users';

const KIND = 4;

const enum A {
  Start,
  Tick,
  Fail,
  Unfail,
  Slow,
  Unslow,
  Down,
  Up,
  Scale,
  Provisioned,
}

export class ScenarioHooks {
  readonly out: Buckets;
  private readonly n: number;
  private readonly W: number;
  private readonly end: number;
  private readonly bm: number;
  private readonly nb: number;
  private readonly zero: Uint8Array;
  private readonly pending: Int32Array;
  private readonly scaleBusy: Float64Array;
  private readonly aType: number[] = [];
  private readonly aNode: number[] = [];
  private readonly aValue: number[] = [];
  /** Closed-loop sources' users as their profiles move them. */
  readonly users: ScenarioUsers;

  constructor(
    private readonly e: DesEngine,
    private readonly plan: ScenarioPlan,
  ) {
    const n = (this.n = e.nodes.servers.length);
    this.W = plan.warmMs;
    this.end = plan.warmMs + plan.durationMs;
    this.bm = plan.bucketMs;
    this.nb = plan.buckets;
    this.out = new Buckets(e, n, e.nodes.eTo.length, plan.buckets);
    this.zero = new Uint8Array(n);
    this.pending = new Int32Array(n);
    this.scaleBusy = new Float64Array(n);
    // Each open source draws candidates at a bound on its rate per segment (the warm-up, then
    // each bucket) and keeps them along its profile (profile.ts, engine/timeline.ts).
    const x = e.timeline;
    const base = Float64Array.from(e.nodes.rate);
    const open = (s: number) => base[s] > 0 && !plan.closed[s];
    x.timelineSetup(n, base.filter((_, s) => open(s)).length, this.W, this.end, this.bm, this.nb, e.timelineHist);
    for (let s = 0; s < n; s++) {
      if (!open(s)) continue;
      const p = plan.profiles[s];
      x.timelineSource(s, base[s], ...profileCode(p));
      if (p?.shape === 'points') for (const [t, m] of p.points) x.timelinePoint(s, t, m);
      const first = base[s] * multiplier(p, 0);
      x.timelineBound(s, 0, first);
      for (let b = 0; b < this.nb; b++) x.timelineBound(s, b + 1, base[s] * maxOn(p, (b * this.bm) / 1000, Math.min(this.end - this.W, (b + 1) * this.bm) / 1000));
      x.timelineFirst(s, first);
    }
    // A flush is the engine's from the start (engine/flushes.ts): its cache is still served ahead.
    const flushes = plan.events
      .filter((ev) => ev.event.type === 'flush')
      .map((ev) => ({ u: ev.nodes[0], at: this.W + ev.event.atS * 1000, warm: (ev.event as { warmupS: number }).warmupS * 1000 }))
      .sort((a, b) => a.u - b.u || a.at - b.at);
    x.timelineFlushes(flushes.length);
    for (const f of flushes) x.timelineFlush(f.u, f.at, f.warm);
    // What the scenario acts on otherwise is simulated event by event; the rest may be served ahead.
    for (const ev of plan.events) if (ev.event.type !== 'flush') for (const u of ev.nodes) e.eventByEvent(u);
    plan.autoscale.forEach((a, u) => {
      if (!a) return;
      e.eventByEvent(u);
      const replicas = Math.min(a.max, Math.max(a.min, e.nodes.servers[u] / plan.concurrency[u]));
      this.setServers(u, replicas * plan.concurrency[u]);
      this.later(a.periodS * 1000, A.Scale, u, 0);
    });
    this.users = new ScenarioUsers(plan.users, plan.profiles);
    this.users.adjust(0, (s) => e.addUser(s));
    this.later(this.W, A.Start, 0, 0);
    plan.events.forEach((ev, k) => {
      if (ev.event.type === 'flush') return;
      const type = ev.event.type === 'fail' ? A.Fail : ev.event.type === 'slow' ? A.Slow : A.Down;
      this.later(this.W + ev.event.atS * 1000, type, k, 0);
    });
  }

  /** Counts a failure of the given cause in the bucket of t (timeouts, open breakers, failed services). */
  count(cause: ErrorCause, t = this.e.time()): void {
    const b = this.bucketAt(t);
    if (b >= 0) this.out.cause(cause, b);
  }

  /** An engine source event: a closed-loop user sends; an open source's first event from the engine is dropped (its arrivals are the timeline's, kind 4). */
  source(s: number): void {
    if (!this.plan.closed[s] || this.e.time() >= this.end) return;
    this.e.timeline.timelineOffer();
    this.e.startRequest(s);
  }

  act(id: number): void {
    const k = id - this.n;
    const u = this.aNode[k];
    const v = this.aValue[k];
    const N = this.e.nodes;
    switch (this.aType[k]) {
      case A.Start:
        this.out.start(this.e);
        return this.later(this.bucketEnd(0), A.Tick, 0, 0);
      case A.Tick:
        return this.tick(v);
      case A.Fail: {
        const ev = this.plan.events[u].event as { node: string; replicas: number; durationS?: number };
        const node = this.plan.events[u].nodes[0];
        const c = this.plan.concurrency[node];
        const lose = Math.min(ev.replicas, Math.floor(N.servers[node] / c));
        this.setServers(node, N.servers[node] - lose * c);
        if (ev.durationS !== undefined) this.after(ev.durationS, A.Unfail, node, lose);
        return;
      }
      case A.Unfail:
        return this.setServers(u, N.servers[u] + v * this.plan.concurrency[u]);
      case A.Slow: {
        const ev = this.plan.events[u].event as { factor: number; durationS?: number };
        const node = this.plan.events[u].nodes[0];
        this.slow(node, ev.factor);
        if (ev.durationS !== undefined) this.after(ev.durationS, A.Unslow, node, ev.factor);
        return;
      }
      case A.Unslow:
        return this.slow(u, 1 / v);
      case A.Down:
      case A.Up: {
        const ev = this.plan.events[u];
        const d = this.aType[k] === A.Down ? 1 : -1;
        for (const node of ev.nodes) this.e.nodes.down[node] += d;
        const dur = (ev.event as { durationS?: number }).durationS;
        if (d > 0 && dur !== undefined) this.after(dur, A.Up, u, 0);
        if (d < 0) for (const node of ev.nodes) this.e.refill(node);
        return;
      }
      case A.Scale:
        return this.scale(u);
      case A.Provisioned:
        this.pending[u] -= v;
        return this.setServers(u, N.servers[u] + v * this.plan.concurrency[u]);
    }
  }

  /**
   * Autoscaling, the Kubernetes Horizontal Pod Autoscaler's rule: desired = ⌈current ×
   * utilization / target⌉ — here ⌈busy replicas averaged over the period / target⌉, within
   * [min, max]. A scale-up serves after the provisioning delay; a scale-down is immediate (the
   * removed replicas finish what they serve).
   */
  private scale(u: number): void {
    const a = this.plan.autoscale[u]!;
    const e = this.e;
    const N = e.nodes;
    e.c.advance(u);
    const busy = (e.c.busyArea[u] - this.scaleBusy[u]) / (a.periodS * 1000) / this.plan.concurrency[u];
    this.scaleBusy[u] = e.c.busyArea[u];
    const desired = Math.min(a.max, Math.max(a.min, Math.ceil(busy / a.target - 1e-9)));
    const current = N.servers[u] / this.plan.concurrency[u];
    if (desired > current + this.pending[u]) {
      const add = desired - current - this.pending[u];
      this.pending[u] += add;
      this.after(a.delayS, A.Provisioned, u, add);
    } else if (desired < current) {
      this.setServers(u, desired * this.plan.concurrency[u]);
    }
    this.after(a.periodS, A.Scale, u, 0);
  }

  /** Service times × f from now on (a lognormal's μ moves by ln f, its shape kept). */
  private slow(u: number, f: number): void {
    const N = this.e.nodes;
    if (this.e.llm !== null && this.e.llm.at[u] >= 0) this.e.llmSlow(u, f);
    N.mean[u] *= f;
    N.lnMu[u] += Math.log(f);
    N.batchPerItem[u] *= f;
  }

  private setServers(u: number, servers: number): void {
    const N = this.e.nodes;
    this.out.serversChange(u, N.servers[u], this.e.time());
    const more = servers > N.servers[u];
    N.servers[u] = servers;
    if (this.e.llm !== null && this.e.llm.at[u] >= 0) this.e.llmReplicas(u, servers);
    const zero = servers <= 0 ? 1 : 0;
    if (zero !== this.zero[u]) this.e.nodes.down[u] += zero ? 1 : -1;
    this.zero[u] = zero;
    if (more) this.e.refill(u);
  }

  private tick(b: number): void {
    this.out.close(b, this.plan.concurrency);
    this.users.adjust(((b + 1) * this.bm) / 1000, (s) => this.e.addUser(s));
    if (b + 1 < this.nb) this.later(this.bucketEnd(b + 1), A.Tick, 0, b + 1);
  }

  private bucketEnd(b: number): number {
    return b + 1 >= this.nb ? this.end : this.W + (b + 1) * this.bm;
  }

  private bucketAt(t: number): number {
    if (t < this.W || t >= this.end) return -1;
    return Math.min(this.nb - 1, Math.floor((t - this.W) / this.bm));
  }

  /** `delayS` seconds from now; nothing after the end of the scenario. */
  private after(delayS: number, type: A, u: number, v: number): void {
    const at = this.e.time() + delayS * 1000;
    if (at <= this.end) this.later(at, type, u, v);
  }

  /** Schedules an action. */
  private later(at: number, type: A, u: number, v: number): void {
    const id = this.n + this.aType.length;
    this.aType.push(type);
    this.aNode.push(u);
    this.aValue.push(v);
    this.e.schedule(at, id * 8 + KIND);
  }
}
