// The end-to-end latency of a request: its response time at a component is the time there
// plus its synchronous calls — summed when sequential, the slowest when parallel, a mixture
// over cache hits, call probabilities and "dispatch one" choices. Callees first, memoised.
import type { SimEdge, SimGraph } from './graph';
import type { Flow } from './analytic';
import { delay, mixture, sum, ZERO, type Dist } from './dist';
import { maxOf } from './dist-max';

/** A source's latency is only read (three quantiles), never composed further: keep it exact longer. */
const SOURCE_COST = 2000;

export function endToEnd(g: SimGraph, flow: Flow): { perSource: Map<number, Dist>; overall: Dist | null } {
  const R: (Dist | undefined)[] = new Array(g.nodes.length);
  const inbound = new Uint32Array(g.nodes.length);
  const syncInbound = new Uint32Array(g.nodes.length);
  for (const e of g.edges) {
    inbound[e.to]++;
    if (e.mode === 'sync') syncInbound[e.to]++;
  }
  const perSource = new Map<number, Dist>();
  for (let i = g.order.length - 1; i >= 0; i--) {
    const u = g.order[i];
    // Only async messages reach it: no request waits for it, so its time is never read.
    if (syncInbound[u] === 0 && !g.nodes[u].isSource) continue;
    const calls = downstream(g, u, flow, R as Dist[], inbound);
    R[u] = throughPair(g, u, flow, R as Dist[], inbound) ?? sum(flow.queues[u].response, calls);
    // A source's own requests start with its calls: only what other components send it
    // queues there (computeFlow routes the source's rate straight to its connections).
    if (g.nodes[u].isSource) perSource.set(u, calls);
  }
  const weighted = g.sources.filter((u) => g.nodes[u].rps > 0).map((u) => ({ w: g.nodes[u].rps, d: perSource.get(u)! }));
  return { perSource, overall: weighted.length ? mixture(weighted, SOURCE_COST) : null };
}

/** The time a request at node u spends waiting for its synchronous calls. */
function downstream(g: SimGraph, u: number, flow: Flow, R: Dist[], inbound: Uint32Array): Dist {
  const node = g.nodes[u];
  const sync: SimEdge[] = [];
  for (const e of node.out) if (g.edges[e].mode === 'sync') sync.push(g.edges[e]);
  if (sync.length === 0) return ZERO;
  let made: Dist;
  if (node.dispatch === 'one') {
    made = mixture(node.out.map((i) => ({ w: g.edges[i].share, d: g.edges[i].mode === 'sync' ? callTime(g.edges[i], R) : ZERO })));
  } else {
    const each = sync.map((e) => (e.probability >= 1 ? callTime(e, R) : mixture([{ w: 1 - e.probability, d: ZERO }, { w: e.probability, d: callTime(e, R) }])));
    if (node.fanout === 'sequential') made = each.reduce((acc, d) => sum(acc, d), ZERO);
    else made = maxOf(each, forkJoinMean(g, u, sync, flow, inbound), node.isSource ? SOURCE_COST : undefined);
  }
  return node.hitRatio > 0 ? mixture([{ w: node.hitRatio, d: ZERO }, { w: 1 - node.hitRatio, d: made }]) : made;
}

const callTime = (e: SimEdge, R: Dist[]) => delay(R[e.to], e.networkMs);

/**
 * A constant single server whose one synchronous call goes to another it alone feeds
 * (tandem.ts): the two stations' times are not independent, so the pair's response is taken
 * whole, then the second's own calls.
 */
function throughPair(g: SimGraph, u: number, flow: Flow, R: Dist[], inbound: Uint32Array): Dist | undefined {
  const both = flow.pair[u];
  if (!both) return undefined;
  let call: SimEdge | undefined;
  for (const e of g.nodes[u].out) {
    if (g.edges[e].mode !== 'sync') continue;
    if (call) return undefined;
    call = g.edges[e];
  }
  if (!call) return undefined;
  return sum(delay(both, call.networkMs), downstream(g, call.to, flow, R, inbound));
}

/**
 * Parallel calls to K ≥ 2 identical single-server exponential leaves that all see the same
 * Poisson arrivals (and nothing else): the leaves' queues are correlated, so the product of
 * their CDFs overstates the mean. Flatto–Hahn / Nelson–Tantawi give it (exact at K = 2, within
 * a few % to K = 32). Any other fork keeps the product's mean, exact for independent branches.
 */
function forkJoinMean(g: SimGraph, u: number, sync: SimGraph['edges'], flow: Flow, inbound: Uint32Array): number | undefined {
  if (sync.length < 2) return undefined;
  const first = g.nodes[sync[0].to];
  const q0 = flow.queues[sync[0].to];
  for (const e of sync) {
    const leaf = g.nodes[e.to];
    const ok =
      e.probability >= 1 && e.networkMs === sync[0].networkMs && leaf.servers === 1 && leaf.dist === 'exponential' && !leaf.batch &&
      leaf.queueLimit === null && leaf.meanMs === first.meanMs && leaf.hitRatio === 0 && leaf.out.every((x) => g.edges[x].mode !== 'sync') &&
      inbound[e.to] === 1 && Math.abs(flow.ca2[e.to] - 1) < 1e-9 && Math.abs(flow.queues[e.to].rho - q0.rho) < 1e-12;
    if (!ok) return undefined;
  }
  const K = sync.length;
  const mu = 1 / first.meanMs;
  const lambda = q0.rho * mu;
  const rho = q0.rho;
  let hK = 0;
  for (let i = 1; i <= K; i++) hK += 1 / i;
  const ratio = hK / 1.5;
  const r2 = ((12 - rho) / 8) * (1 / (mu - lambda));
  return sync[0].networkMs + (ratio + (1 - ratio) * (4 * rho) / 11) * r2;
}
