// A structural validity check of a restored design, independent of restore()'s own code: what
// the canvas, the simulator and storage rely on. Returns the first problem, or null.
import type { Design } from '../../../src/model/design';
import { edgeParamsProblem as checkEdgeParams, nodeParamsProblem as checkNodeParams } from '../../../src/model/checks';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

function ownKeysProblem(value: unknown, path: string, depth = 0): string | null {
  if (depth > 60) return `${path}: nested too deeply`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `${path}: not finite`;
  if (value === null || typeof value !== 'object') return null;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return `${path}: not a plain object`;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || FORBIDDEN.includes(key)) return `${path}: forbidden key ${String(key)}`;
    const p = ownKeysProblem((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (p) return p;
  }
  return null;
}

export function designProblem(d: Design): string | null {
  if (d.format !== 'mlsd-design' || d.version !== 1) return 'format/version';
  if (typeof d.name !== 'string' || !d.name) return 'name';
  if (!Array.isArray(d.nodes) || !Array.isArray(d.edges)) return 'lists';
  if (d.notes === null || typeof d.notes !== 'object') return 'notes';
  for (const v of Object.values(d.notes)) if (typeof v !== 'string') return 'note not text';
  const ids = new Set<string>();
  const kinds = new Map<string, string>();
  for (const n of d.nodes) {
    if (typeof n.id !== 'string' || !n.id || ids.has(n.id)) return `node id ${String(n.id)}`;
    ids.add(n.id);
    kinds.set(n.id, n.kind);
    if (typeof n.kind !== 'string' || !n.kind) return `kind of ${n.id}`;
    if (!Number.isFinite(n.position?.x) || !Number.isFinite(n.position?.y)) return `position of ${n.id}`;
    if (n.label !== undefined && typeof n.label !== 'string') return `label of ${n.id}`;
    if (n.params === null || typeof n.params !== 'object' || Array.isArray(n.params)) return `params of ${n.id}`;
    const p = checkNodeParams(n.params);
    if (p) return `params of ${n.id}: ${p}`;
    if (n.size && !(n.size.width > 0 && n.size.height > 0)) return `size of ${n.id}`;
  }
  for (const n of d.nodes) {
    if (n.parentId === undefined) continue;
    if (kinds.get(n.parentId) !== 'group' || n.parentId === n.id) return `parent of ${n.id}`;
    const seen = new Set([n.id]);
    for (let p: string | undefined = n.parentId; p; p = d.nodes.find((m) => m.id === p)?.parentId) {
      if (seen.has(p)) return `frame cycle at ${n.id}`;
      seen.add(p);
    }
  }
  const edgeIds = new Set<string>();
  for (const e of d.edges) {
    if (typeof e.id !== 'string' || !e.id || edgeIds.has(e.id) || ids.has(e.id)) return `edge id ${String(e.id)}`;
    edgeIds.add(e.id);
    if (!ids.has(e.source) || !ids.has(e.target)) return `edge ends of ${e.id}`;
    const p = checkEdgeParams(e.params);
    if (p) return `edge params of ${e.id}: ${p}`;
  }
  return ownKeysProblem(d, 'design');
}
