// A design compiled for simulation: drawing-only nodes and offline connections dropped,
// parameters resolved with the engine's fallbacks, numbers checked, cycles refused, and the
// components in topological order. Both engines start from this.
import { isDrawingOnly, type Design, type ServiceDist } from '../model/design';

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
}

export interface SimEdge {
  id: string;
  from: number;
  to: number;
  mode: 'sync' | 'async';
  probability: number;
  weight: number;
  networkMs: number;
}

export interface SimGraph {
  nodes: SimNode[];
  edges: SimEdge[];
  /** Node indexes, callers before callees. */
  order: number[];
  sources: number[];
}

export type CompileResult = { ok: true; graph: SimGraph } | { ok: false; error: string; cycle?: string[] };

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isNonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const NUMERIC_PARAMS = ['rps', 'replicas', 'concurrency', 'queueLimit', 'hitRatio', 'itemsPerRequest', 'perItemMs'] as const;
const bad = (label: string, field: string, v: unknown) => ({ ok: false as const, error: `${label}: ${field} must be a finite number ≥ 0 (got ${String(v)}).` });

export function compileGraph(design: Design): CompileResult {
  const nodes: SimNode[] = [];
  const index = new Map<string, number>();
  for (const n of design.nodes) {
    if (isDrawingOnly(n)) continue;
    const p = n.params ?? {};
    const label = n.label || n.id;
    const s = (p.service ?? {}) as { dist?: ServiceDist; meanMs?: number; cv?: number };
    for (const key of NUMERIC_PARAMS) {
      const v = p[key];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) return bad(label, key, v);
    }
    if (s.meanMs !== undefined && !isNonNegative(s.meanMs)) return bad(label, 'service.meanMs', s.meanMs);
    if (s.cv !== undefined && !isNonNegative(s.cv)) return bad(label, 'service.cv', s.cv);
    if ((num(p.hitRatio) ?? 0) > 1) return { ok: false, error: `${label}: hitRatio must be between 0 and 1.` };
    const replicas = Math.max(1, Math.floor(num(p.replicas) ?? 1));
    const concurrency = Math.max(1, Math.floor(num(p.concurrency) ?? 1));
    const dist: ServiceDist = s.dist === 'constant' || s.dist === 'lognormal' ? s.dist : 'exponential';
    const items = (num(p.itemsPerRequest) ?? 0) * (num(p.perItemMs) ?? 0);
    const b = p.batch as { maxSize?: number; timeoutMs?: number; perItemMs?: number } | undefined;
    const batch = b && (b.maxSize ?? 1) > 1 ? { maxSize: Math.floor(b.maxSize!), timeoutMs: Math.max(0, b.timeoutMs ?? 0), perItemMs: Math.max(0, b.perItemMs ?? 0) } : null;
    index.set(n.id, nodes.length);
    nodes.push({
      id: n.id,
      label,
      isSource: typeof p.rps === 'number',
      rps: num(p.rps) ?? 0,
      arrivals: p.arrivals === 'uniform' ? 'uniform' : 'poisson',
      servers: replicas * concurrency,
      replicas,
      meanMs: (num(s.meanMs) ?? 0) + items,
      dist,
      cv: dist === 'exponential' ? 1 : dist === 'constant' ? 0 : (num(s.cv) ?? 1),
      queueLimit: typeof p.queueLimit === 'number' ? Math.floor(p.queueLimit) : null,
      hitRatio: num(p.hitRatio) ?? 0,
      dispatch: p.dispatch === 'one' ? 'one' : 'all',
      fanout: p.fanout === 'sequential' ? 'sequential' : 'parallel',
      batch,
      out: [],
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
    nodes[from].out.push(edges.length);
    edges.push({ id: e.id, from, to, mode: mode === 'async' ? 'async' : 'sync', probability, weight, networkMs });
  }
  const order = topologicalOrder(nodes, edges);
  if (!order.ok) return order;
  return { ok: true, graph: { nodes, edges, order: order.order, sources: nodes.flatMap((n, i) => (n.isSource ? [i] : [])) } };
}

function topologicalOrder(nodes: SimNode[], edges: SimEdge[]): { ok: true; order: number[] } | { ok: false; error: string; cycle: string[] } {
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  const stack: number[] = [];
  for (let start = 0; start < nodes.length; start++) {
    if (state[start]) continue;
    // Iterative depth-first search: designs may be thousands deep.
    const work: [number, number][] = [[start, 0]];
    state[start] = 1;
    stack.push(start);
    while (work.length) {
      const top = work[work.length - 1];
      const [u, k] = top;
      if (k < nodes[u].out.length) {
        top[1]++;
        const v = edges[nodes[u].out[k]].to;
        if (state[v] === 1) {
          const cycle = [...stack.slice(stack.indexOf(v)), v].map((i) => nodes[i].label);
          return { ok: false, error: `Cycle through sync/async connections: ${cycle.join(' → ')}. Requests would loop for ever; make one of them offline or remove it.`, cycle };
        }
        if (state[v] === 0) {
          state[v] = 1;
          stack.push(v);
          work.push([v, 0]);
        }
      } else {
        state[u] = 2;
        stack.pop();
        work.pop();
        order.push(u);
      }
    }
  }
  return { ok: true, order: order.reverse() };
}
