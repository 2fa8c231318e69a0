// The design's routing as the calls read it (./calls.ts): each connection slot's and each
// component's figures side by side in one record, so a call reads them from one address.
// Copied from the tables (./tables.ts, written by JavaScript) once the run begins; none changes
// during a run but how a component is served, which `off` follows.
import { grew } from './memory';
import * as T from './tables';
import * as A from './ahead';

/** A connection slot. */
@unmanaged export class Route {
  net: f64;
  share: f64;
  /** The shares of the caller's slots up to and including this one (dispatch to one). */
  cumShare: f64;
  to: i32;
  /** Its calls go through the resilience rules (./resilience.ts). */
  res: u8;
  async: u8;
  /** How its component is served (./ahead.ts, `on`). */
  ahead: u8;
  /** Its component makes no calls of its own. */
  leaf: u8;
}

/** A component's calls out. */
@unmanaged export class Fanout {
  /** Its connection slots: from … to − 1. */
  from: i32;
  to: i32;
  /** The last slot a sequence can call (synchronous, its share above 0), −1 if none. */
  lastSync: i32;
  /** One synchronous call, always made. */
  pipe: u8;
  /** To one of them, by share. */
  one: u8;
  /** One after another. */
  sequential: u8;
  hasAsync: u8;
  /** To all, some by chance: which are called is drawn when the service's end is known (./calls.ts, `quiet`). */
  chancy: u8;
  /** A cache a scenario flushes: its hit ratio moves over time (./flushes.ts). */
  flushed: u8;
}

let routeMemory = new StaticArray<u8>(0);
let routes: usize = 0;
let fanoutMemory = new StaticArray<u8>(0);
let fanouts: usize = 0;
/** The connection slots into each component: into[intoStart[u]] … into[intoStart[u + 1] − 1]. */
let intoStart = new StaticArray<i32>(0);
let into = new StaticArray<i32>(0);

@inline export function route(k: i32): Route {
  return changetype<Route>(routes + <usize>k * offsetof<Route>());
}

@inline export function fanout(u: i32): Fanout {
  return changetype<Fanout>(fanouts + <usize>u * offsetof<Fanout>());
}

/** Copies the routing from the tables, once they are written and the components served ahead are picked. */
export function plan(): void {
  const n = T.servers.length;
  const m = T.eTo.length;
  routeMemory = new StaticArray<u8>(m * <i32>offsetof<Route>());
  routes = changetype<usize>(routeMemory);
  fanoutMemory = new StaticArray<u8>(n * <i32>offsetof<Fanout>());
  fanouts = changetype<usize>(fanoutMemory);
  for (let k = 0; k < m; k++) {
    const r = route(k);
    const to = T.eTo[k];
    r.net = T.eNet[k];
    r.share = T.eShare[k];
    r.cumShare = T.eCumShare[k];
    r.to = to;
    r.res = T.eRes[k];
    r.async = T.eAsync[k];
    r.ahead = A.on[to];
    r.leaf = T.outStart[to] == T.outStart[to + 1] ? 1 : 0;
  }
  for (let u = 0; u < n; u++) {
    const f = fanout(u);
    f.from = T.outStart[u];
    f.to = T.outStart[u + 1];
    f.lastSync = -1;
    for (let k = f.from; k < f.to; k++) if (!T.eAsync[k] && T.eShare[k] > 0) f.lastSync = k;
    f.pipe = T.pipe[u];
    f.one = T.dispatchOne[u];
    f.sequential = T.sequential[u];
    f.hasAsync = T.hasAsync[u];
    let chance = false;
    for (let k = f.from; k < f.to; k++) if (T.eShare[k] < 1) chance = true;
    f.chancy = chance && !f.pipe && !f.one && !f.sequential && f.to - f.from <= 32 ? 1 : 0;
    f.flushed = 0;
  }
  intoStart = new StaticArray<i32>(n + 1);
  into = new StaticArray<i32>(m);
  for (let k = 0; k < m; k++) intoStart[T.eTo[k] + 1]++;
  for (let u = 0; u < n; u++) intoStart[u + 1] += intoStart[u];
  const filled = new StaticArray<i32>(n);
  for (let k = 0; k < m; k++) {
    const u = T.eTo[k];
    into[intoStart[u] + filled[u]++] = k;
  }
  grew();
}

/** Component u is simulated event by event from now on: the routes to it say so. */
export function off(u: i32): void {
  for (let i = intoStart[u]; i < intoStart[u + 1]; i++) route(into[i]).ahead = A.on[u];
}
