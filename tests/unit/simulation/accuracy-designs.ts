// The accuracy reference set: one or more designs per class of design where the analytic
// engine is an approximation. scripts/accuracy-references.ts runs each through the
// discrete-event engine (several seeds) into tests/fixtures/accuracy/references.json;
// analytic-accuracy.test.ts compares the analytic engine with those figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Design } from '../../../src/model/design';
import { loadCatalogFromDir } from '../../../src/catalog/load-node';
import { restore } from '../../../src/persistence/restore';
import { wrap } from './oracle-helpers';

export interface AccuracyCase {
  id: string;
  /** The class of design (a row of docs/accuracy.md). */
  cls: string;
  design: Design;
  /** Components whose utilization is compared as well. */
  watch: string[];
  /** Requests per seed when the references are made. */
  requests: number;
}

type P = Record<string, unknown>;
type N = { id: string; params: P; kind?: string };
type E = { source: string; target: string; params?: P };
const design = (name: string, nodes: N[], edges: E[]): Design =>
  wrap({ nodes: nodes.map((n) => ({ kind: 'svc', ...n })), edges: edges.map((e, i) => ({ id: `e${i}`, ...e, params: { mode: 'sync', ...e.params } })) } as never, name);
const svc = (dist: string, meanMs: number, extra: P = {}, cv?: number): P => ({ service: { dist, meanMs, ...(cv === undefined ? {} : { cv }) }, ...extra });
const chain = (ids: string[]) => ids.slice(1).map((t, i) => ({ source: ids[i], target: t }));

const ROOT = join(import.meta.dirname, '../../..');

function template(id: string): Design {
  const catalog = loadCatalogFromDir(join(ROOT, 'components-catalog'));
  const r = restore(readFileSync(join(ROOT, 'src/templates/designs', `${id}.json`), 'utf8'), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  return r.design;
}

/** A batching model server behind a source at `load` × its capacity with full batches. */
function batching(load: number, servers: number): Design {
  // Full batches of 16: 8 + 15 × 0.5 = 15.5 ms for 16 requests per server.
  const capacity = (servers * 16 * 1000) / 15.5;
  return design(`batching ${load}`, [
    { id: 'src', params: { rps: load * capacity } },
    { id: 'model', params: svc('constant', 8, { replicas: servers, batch: { maxSize: 16, timeoutMs: 4, perItemMs: 0.5 } }) },
    { id: 'post', params: svc('exponential', 1, { replicas: 8 }) },
  ], chain(['src', 'model', 'post']));
}

/** Layers of `width` components, each calling two of the next with probability 0.5; caches, async calls, lognormal services. */
export function layeredDesign(n: number, width = 20): Design {
  const nodes: N[] = [];
  const edges: E[] = [];
  for (let i = 0; i < 4; i++) nodes.push({ id: `s${i}`, kind: 'client', params: { rps: 400 } });
  for (let i = 0; i < n - 4; i++) {
    const p: P = { replicas: 1 + (i % 4), service: { dist: i % 3 === 2 ? 'lognormal' : 'exponential', meanMs: 1.5 + (i % 6), cv: 1.8 } };
    if (i % 9 === 0) p.hitRatio = 0.5;
    nodes.push({ id: `c${i}`, params: p });
  }
  const id = (layer: number, k: number) => (layer < 0 ? `s${k % 4}` : `c${layer * width + (k % width)}`);
  const layers = Math.ceil((n - 4) / width);
  const have = new Set(nodes.map((x) => x.id));
  for (let layer = -1; layer < layers - 1; layer++) {
    const count = layer < 0 ? 4 : Math.min(width, n - 4 - layer * width);
    for (let k = 0; k < count; k++) {
      for (const j of layer < 0 ? [k, k + 4, k + 8, k + 12, k + 16] : [k, k + 5]) {
        const to = id(layer + 1, j);
        if (!have.has(to)) continue;
        edges.push({ source: id(layer, k), target: to, params: { mode: edges.length % 6 === 5 ? 'async' : 'sync', probability: layer < 0 ? 1 / 5 : 0.5 } });
      }
    }
  }
  return design(`layered ${n}`, nodes, edges);
}

export function accuracyCases(): AccuracyCase[] {
  const M = 1_000_000;
  return [
    // Shipped templates: mixed services, fan-outs, caches, batching.
    ...['visual-search', 'street-view-blurring', 'video-recommendation', 'personalized-news-feed'].map((t) => ({ id: `template ${t}`, cls: 'templates', design: template(t), watch: [], requests: 400_000 })),
    // Dynamic batching near its capacity.
    ...[0.8, 0.9, 0.95].map((load) => ({ id: `batching ${load * 100} %`, cls: 'batching near capacity', design: batching(load, 2), watch: ['post'], requests: M })),
    // Arrivals smoothed by a queue or a constant service, then a constant service.
    {
      id: 'uniform → exp → constant', cls: 'smoothed arrivals', watch: [], requests: M,
      design: design('smoothed 1', [
        { id: 'src', params: { rps: 70, arrivals: 'uniform' } },
        { id: 'A', params: svc('exponential', 10) },
        { id: 'B', params: svc('constant', 12) },
      ], chain(['src', 'A', 'B'])),
    },
    {
      id: 'poisson → constant → constant', cls: 'smoothed arrivals', watch: [], requests: M,
      design: design('smoothed 2', [
        { id: 'src', params: { rps: 80 } },
        { id: 'A', params: svc('constant', 10) },
        { id: 'B', params: svc('constant', 11) },
      ], chain(['src', 'A', 'B'])),
    },
    // Heavy-tailed services on several servers.
    // Past 16 servers, or behind evenly spaced arrivals, the wait is Allen–Cunneen's (queue.ts).
    ...[[3, 4, 0.8], [2, 8, 0.7], [3, 2, 0.6], [2, 12, 0.8], [3, 16, 0.7], [2, 24, 0.8], [3, 20, 0.7], [2, 4, 0.7, 1]].map(([cv, c, rho, even]) => ({
      id: `lognormal cv ${cv}, ${c} servers, ρ ${rho}${even ? ', evenly spaced arrivals' : ''}`,
      cls: c > 16 || even ? 'heavy-tailed, past 16 servers or not Poisson' : 'heavy-tailed multi-server', watch: [], requests: M,
      design: design('heavy', [{ id: 'src', params: { rps: (rho * c * 1000) / 20, ...(even ? { arrivals: 'uniform' } : {}) } }, { id: 'A', params: svc('lognormal', 20, { replicas: c }, cv) }], chain(['src', 'A'])),
    })),
    // Fork-join of multi-server branches.
    {
      id: '3-way fork of 4-server branches', cls: 'multi-server fork-join', watch: [], requests: M,
      design: design('fork 1', [
        { id: 'src', params: { rps: 280 } },
        ...['A', 'B', 'C'].map((id) => ({ id, params: svc('exponential', 10, { replicas: 4 }) })),
      ], ['A', 'B', 'C'].map((t) => ({ source: 'src', target: t }))),
    },
    {
      id: '4-way fork, probabilistic lognormal branches', cls: 'multi-server fork-join', watch: [], requests: M,
      design: design('fork 2', [
        { id: 'src', params: { rps: 300 } },
        { id: 'gw', params: svc('exponential', 0.5, { replicas: 2 }) },
        ...['A', 'B', 'C', 'D'].map((id) => ({ id, params: svc('lognormal', 8, { replicas: 4 }, 2) })),
      ], [{ source: 'src', target: 'gw' }, ...['A', 'B', 'C', 'D'].map((t, i) => ({ source: 'gw', target: t, params: { probability: i < 2 ? 1 : 0.6 } }))]),
    },
    // Queue limits followed by sequential calls: a rejected call stops the sequence.
    {
      id: 'queue limit, then sequential calls', cls: 'queue limits + sequential calls', watch: ['A', 'B', 'C'], requests: M,
      design: design('limits', [
        { id: 'src', params: { rps: 95 } },
        { id: 'gw', params: { fanout: 'sequential', ...svc('exponential', 0.2, { replicas: 4 }) } },
        { id: 'A', params: svc('exponential', 10, { queueLimit: 3 }) },
        { id: 'B', params: svc('exponential', 8, { queueLimit: 5 }) },
        { id: 'C', params: svc('exponential', 6, { replicas: 2 }) },
      ], [{ source: 'src', target: 'gw' }, { source: 'gw', target: 'A' }, { source: 'gw', target: 'B' }, { source: 'gw', target: 'C' }]),
    },
    // A large layered design.
    { id: 'layered 600', cls: 'large layered design', design: layeredDesign(604), watch: [], requests: 200_000 },
  ];
}

/** One figure of a reference: the mean over the seeds and the half-width of its 95 % interval. */
export interface Reference {
  fingerprint: string;
  requests: number;
  seeds: number;
  figures: Record<string, { value: number; ci: number }>;
}

/** A short hash of the design, so that a reference made for another design is never used. */
export function fingerprint(d: Design): string {
  const s = JSON.stringify({ nodes: d.nodes.map((n) => [n.id, n.params]), edges: d.edges.map((e) => [e.source, e.target, e.params]) });
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}
