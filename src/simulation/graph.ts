// A design compiled for simulation: drawing-only nodes and offline connections dropped,
// parameters resolved with the engine's fallbacks, numbers checked, cycles refused, and the
// components in topological order. Both engines start from this, and from the routing and
// capacity figures worked out here once: each connection's share of its caller's flow, the
// outgoing calls as flat arrays, a component's capacity in requests per second.
import { isDrawingOnly, type Design, type ServiceDist } from '../model/design';
import { isSource } from '../model/source';
import { compileEdgeResilience, compileFaults, effectiveService, type SimFaults, type SimResilience } from './resilience-compile';
import { compileLlm, llmNodeFields, type LlmConfig } from './llm/config';
import { llmCapacityRps } from './llm/analytic';

export interface SimNode {
  id: string;
  label: string;
  isSource: boolean;
  rps: number;
  arrivals: 'poisson' | 'uniform';
  /** Servers: replicas × concurrency (batches in flight for a batching server). */
  servers: number;
  /** Mean service time including itemsPerRequest × perItemMs; 0 = a pass-through. */
  meanMs: number;
  dist: ServiceDist;
  /** Coefficient of variation of the service time (exponential 1, constant 0). */
  cv: number;
  queueLimit: number | null;
  hitRatio: number;
  dispatch: 'all' | 'one';
  fanout: 'parallel' | 'sequential';
  batch: { maxSize: number; timeoutMs: number; perItemMs: number } | null;
  /** Indexes into SimGraph.edges of this node's outgoing connections, in design order. */
  out: number[];
  replicas: number;
  /** Failure rate and slow share (resilience-compile.ts); absent = none. With a slow share, meanMs/dist/cv are the mixture's. */
  faults?: SimFaults;
  /** Closed-loop sources (closed-loop.ts): users who each wait for their answer, then think `thinkMs` on average. */
  users?: number;
  thinkMs?: number;
  /** An LLM server (llm/config.ts): token-level steps and KV cache instead of a service time. */
  llm?: LlmConfig;
}

export interface SimEdge {
  id: string;
  from: number;
  to: number;
  mode: 'sync' | 'async';
  probability: number;
  weight: number;
  networkMs: number;
  /** The share of the caller's forwarded flow it carries: its probability, or for `dispatch: "one"` its weight over the caller's total. */
  share: number;
  /** Timeout, retries, breaker, hedging of a sync connection; absent = none (resilience-compile.ts). */
  resilience?: SimResilience;
}

/** Outgoing calls as flat arrays (compressed rows), in the order the discrete-event engine reads them. */
export interface Routes {
  /** Node u's connections are slots outStart[u] … outStart[u + 1] − 1, in design order. */
  outStart: Int32Array;
  /** Slot → index in SimGraph.edges. */
  edge: Int32Array;
  to: Int32Array;
  share: Float64Array;
  /** `dispatch: "one"`: the shares of the node's slots up to and including this one. */
  cumShare: Float64Array;
}

export interface SimGraph {
  nodes: SimNode[];
  edges: SimEdge[];
  /** Node indexes, callers before callees. */
  order: number[];
  sources: number[];
  routes: Routes;
}

export type CompileResult = { ok: true; graph: SimGraph } | { ok: false; error: string; cycle?: string[] };

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isNonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const unsetOrNonNegative = (v: unknown) => v === undefined || isNonNegative(v);
/**
 * The first numeric parameter set to something other than a finite number ≥ 0. Read by name,
 * not in a loop over the names: parameter objects come in many shapes, and a computed key on
 * them is a slow generic lookup, repeated for every component.
 */
function badNumericParam(p: Record<string, unknown>): string | undefined {
  if (!unsetOrNonNegative(p.rps)) return 'rps';
  if (!unsetOrNonNegative(p.replicas)) return 'replicas';
  if (!unsetOrNonNegative(p.concurrency)) return 'concurrency';
  if (!unsetOrNonNegative(p.queueLimit)) return 'queueLimit';
  if (!unsetOrNonNegative(p.hitRatio)) return 'hitRatio';
  if (!unsetOrNonNegative(p.itemsPerRequest)) return 'itemsPerRequest';
  if (!unsetOrNonNegative(p.perItemMs)) return 'perItemMs';
  return undefined;
}
const bad = (label: string, field: string, v: unknown) => ({ ok: false as const, error: `${label}: ${field} must be a finite number ≥ 0 (got ${String(v)}).` });

export function compileGraph(design: Design): CompileResult {
  const nodes: SimNode[] = [];
  const index = new Map<string, number>();
  for (const n of design.nodes) {
    if (isDrawingOnly(n)) continue;
    const p = n.params ?? {};
    const label = n.label || n.id;
    const s = (p.service ?? {}) as { dist?: ServiceDist; meanMs?: number; cv?: number };
    const badKey = badNumericParam(p);
    if (badKey) return bad(label, badKey, p[badKey]);
    if (s.meanMs !== undefined && !isNonNegative(s.meanMs)) return bad(label, 'service.meanMs', s.meanMs);
    if (s.cv !== undefined && !isNonNegative(s.cv)) return bad(label, 'service.cv', s.cv);
    if ((num(p.hitRatio) ?? 0) > 1) return { ok: false, error: `${label}: hitRatio must be between 0 and 1.` };
    const replicas = Math.max(1, Math.floor(num(p.replicas) ?? 1));
    const concurrency = Math.max(1, Math.floor(num(p.concurrency) ?? 1));
    const dist: ServiceDist = s.dist === 'constant' || s.dist === 'lognormal' ? s.dist : 'exponential';
    const items = (num(p.itemsPerRequest) ?? 0) * (num(p.perItemMs) ?? 0);
    const baseCv = dist === 'exponential' ? 1 : dist === 'constant' ? 0 : (num(s.cv) ?? 1);
    const faults = compileFaults(p, dist, (num(s.meanMs) ?? 0) + items, baseCv, label);
    if (!faults.ok) return faults;
    const service = effectiveService(faults.value, dist, (num(s.meanMs) ?? 0) + items, baseCv);
    const b = p.batch as { maxSize?: number; timeoutMs?: number; perItemMs?: number } | undefined;
    const batch = b && (b.maxSize ?? 1) > 1 ? { maxSize: Math.floor(b.maxSize!), timeoutMs: Math.max(0, b.timeoutMs ?? 0), perItemMs: Math.max(0, b.perItemMs ?? 0) } : null;
    const llm = compileLlm(p, replicas);
    if (typeof llm === 'string') return { ok: false, error: `${label}: ${llm}` };
    index.set(n.id, nodes.length);
    nodes.push({
      id: n.id,
      label,
      isSource: isSource(n),
      rps: num(p.rps) ?? 0,
      arrivals: p.arrivals === 'uniform' ? 'uniform' : 'poisson',
      servers: replicas * concurrency,
      replicas,
      meanMs: service.meanMs,
      dist: service.dist,
      cv: service.cv,
      queueLimit: typeof p.queueLimit === 'number' ? Math.floor(p.queueLimit) : null,
      hitRatio: num(p.hitRatio) ?? 0,
      dispatch: p.dispatch === 'one' ? 'one' : 'all',
      fanout: p.fanout === 'sequential' ? 'sequential' : 'parallel',
      batch,
      out: [],
      ...(faults.value.failureRate > 0 || faults.value.slow ? { faults: faults.value } : {}),
      ...(isSource(n) && Number.isFinite(p.users) && (p.users as number) >= 1 ? { users: Math.floor(p.users as number), thinkMs: Number.isFinite(p.thinkMs) ? Math.max(0, p.thinkMs as number) : 0 } : {}),
      ...(llm ? llmNodeFields(llm) : {}),
    });
  }
  const edges: SimEdge[] = [];
  for (const e of design.edges) {
    const mode = e.params?.mode ?? 'sync';
    if (mode === 'offline') continue;
    const from = index.get(e.source);
    const to = index.get(e.target);
    if (from === undefined || to === undefined) continue; // a connection to a frame or a note
    const probability = num(e.params.probability) ?? 1;
    const weight = num(e.params.weight) ?? 1;
    const networkMs = num(e.params.networkMs) ?? 0;
    const field = !(probability >= 0 && probability <= 1) ? 'probability' : !isNonNegative(weight) ? 'weight' : !isNonNegative(networkMs) ? 'networkMs' : null;
    if (field) return { ok: false, error: `Connection ${nodes[from].label} → ${nodes[to].label}: ${field} is out of range (${e.params[field]}).` };
    const resilience = compileEdgeResilience(e.params, `Connection ${nodes[from].label} → ${nodes[to].label}`);
    if (!resilience.ok) return resilience;
    nodes[from].out.push(edges.length);
    edges.push({ id: e.id, from, to, mode: mode === 'async' ? 'async' : 'sync', probability, weight, networkMs, share: 0, ...(resilience.value && mode !== 'async' ? { resilience: resilience.value } : {}) });
  }
  const routes = compileRoutes(nodes, edges);
  const order = topologicalOrder(nodes, edges);
  if (!order.ok) return order;
  const sources: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (nodes[i].isSource) sources.push(i);
  return { ok: true, graph: { nodes, edges, order: order.order, sources, routes } };
}

/** Sets each connection's share and lays the calls out as flat arrays. */
function compileRoutes(nodes: SimNode[], edges: SimEdge[]): Routes {
  const m = edges.length;
  const r: Routes = { outStart: new Int32Array(nodes.length + 1), edge: new Int32Array(m), to: new Int32Array(m), share: new Float64Array(m), cumShare: new Float64Array(m) };
  let k = 0;
  nodes.forEach((node, u) => {
    r.outStart[u] = k;
    let weights = 0;
    for (const e of node.out) weights += edges[e].weight;
    let cum = 0;
    for (const e of node.out) {
      const edge = edges[e];
      edge.share = node.dispatch === 'one' ? (weights > 0 ? edge.weight / weights : 0) : edge.probability;
      cum += edge.share;
      r.edge[k] = e;
      r.to[k] = edge.to;
      r.share[k] = edge.share;
      r.cumShare[k] = cum;
      k++;
    }
  });
  r.outStart[nodes.length] = k;
  return r;
}

/** Requests per second a component completes when never idle (with full batches if it batches). */
export function capacityRps(node: SimNode): number {
  if (node.llm) return llmCapacityRps(node.llm, node.servers);
  if (!node.batch) return (node.servers / node.meanMs) * 1000;
  const B = node.batch.maxSize;
  return ((node.servers * B) / (node.meanMs + (B - 1) * node.batch.perItemMs)) * 1000;
}

/**
 * The offered arrival rate at each node per request per second of the sources, as if every
 * component passed on all it is sent: no rejections, no throttling by an overloaded caller.
 */
export function offeredPerUnit(g: SimGraph): { lambda: Float64Array; total: number } {
  const lambda = new Float64Array(g.nodes.length);
  let total = 0;
  for (const u of g.order) {
    const node = g.nodes[u];
    total += node.isSource ? node.rps : 0;
    const forward = (lambda[u] + (node.isSource ? node.rps : 0)) * (1 - node.hitRatio);
    for (const e of node.out) lambda[g.edges[e].to] += forward * g.edges[e].share;
  }
  return { lambda, total };
}

function topologicalOrder(nodes: SimNode[], edges: SimEdge[]): { ok: true; order: number[] } | { ok: false; error: string; cycle: string[] } {
  const n = nodes.length;
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  // Iterative depth-first search (designs may be thousands deep): the path from the start,
  // and how many of each path node's connections have been followed.
  const path = new Int32Array(n);
  const next = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (state[start]) continue;
    let depth = 0;
    path[0] = start;
    next[0] = 0;
    state[start] = 1;
    while (depth >= 0) {
      const u = path[depth];
      const k = next[depth];
      if (k < nodes[u].out.length) {
        next[depth]++;
        const v = edges[nodes[u].out[k]].to;
        if (state[v] === 1) {
          const onPath = Array.from(path.subarray(0, depth + 1));
          const cycle = [...onPath.slice(onPath.indexOf(v)), v].map((i) => nodes[i].label);
          return { ok: false, error: `Cycle through sync/async connections: ${cycle.join(' → ')}. Requests would loop for ever; make one of them offline or remove it.`, cycle };
        }
        if (state[v] === 0) {
          state[v] = 1;
          depth++;
          path[depth] = v;
          next[depth] = 0;
        }
      } else {
        state[u] = 2;
        depth--;
        order.push(u);
      }
    }
  }
  return { ok: true, order: order.reverse() };
}
