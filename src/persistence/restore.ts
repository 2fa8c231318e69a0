// The one way in: IndexedDB records, files, share links, pastes and `npm run sim` all pass
// through restore(), which validates, migrates, fills catalog defaults and keeps unknown fields.
import { FORMAT, FORMAT_VERSION, GROUP_KIND, type Design, type DesignEdge, type DesignNode, type NodeParams } from '../model/design';
import { migrate } from './migrations';
import { checkNodeParams, checkEdgeParams } from './validate-params';

export type RestoreResult =
  | { ok: true; design: Design; warnings: string[] }
  | { ok: false; error: string };

export interface RestoreOptions {
  /** Catalog defaults of a kind, or undefined for a kind the catalog does not know. */
  defaultsFor?: (kind: string) => NodeParams | undefined;
}

export const MAX_TEXT_BYTES = 5_000_000;
export const MAX_NODES = 20_000;
const MAX_ID = 120;
const MAX_LABEL = 500;
const MAX_NOTE = 100_000;
const MAX_COORD = 1e7;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class RestoreError extends Error {}
const fail = (msg: string): never => {
  throw new RestoreError(msg);
};

/** JSON text or an already parsed value. */
export function restore(input: unknown, options: RestoreOptions = {}): RestoreResult {
  try {
    const raw = typeof input === 'string' ? parseText(input) : sanitize(input, 0);
    return restoreValue(raw, options);
  } catch (e) {
    if (e instanceof RestoreError) return { ok: false, error: e.message };
    return { ok: false, error: `This design could not be read (${(e as Error).message}).` };
  }
}

function parseText(text: string): unknown {
  if (text.length > MAX_TEXT_BYTES) fail(`This design is too large (${(text.length / 1e6).toFixed(1)} MB; the limit is 5 MB).`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail('This is not a design file: it is not valid JSON (it may be truncated).');
  }
  return sanitize(value, 0);
}

/** A deep copy made of plain objects, without prototype-polluting keys. */
function sanitize(value: unknown, depth: number): unknown {
  if (depth > 40) fail('This design is nested too deeply to be a design file.');
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(k)) continue;
      out[k] = sanitize(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return undefined;
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function restoreValue(raw: unknown, options: RestoreOptions): RestoreResult {
  if (!isObject(raw)) fail('This is not a design: expected a JSON object with "nodes" and "edges".');
  const doc = raw as Record<string, unknown>;
  if (doc.format !== undefined && doc.format !== FORMAT) fail(`This is not a design file (format "${String(doc.format).slice(0, 40)}").`);
  if (doc.format === undefined && !Array.isArray(doc.nodes)) fail('This is not a design: it has no "nodes" list.');
  const version = doc.version === undefined ? FORMAT_VERSION : doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail(`This design has an invalid format version (${String(version).slice(0, 20)}).`);
  if (version > FORMAT_VERSION) fail(`This design was saved by a newer version of the app (format ${version}); this one reads up to format ${FORMAT_VERSION}.`);
  const warnings: string[] = [];
  const current = migrate(doc, version as number);

  const name = typeof current.name === 'string' && current.name.trim() ? current.name.trim().slice(0, 200) : 'Untitled design';
  if (!Array.isArray(current.nodes)) fail('This design has no "nodes" list.');
  if (current.edges !== undefined && !Array.isArray(current.edges)) fail('This design\'s "edges" is not a list.');
  const rawNodes = current.nodes as unknown[];
  const rawEdges = (current.edges ?? []) as unknown[];
  if (rawNodes.length > MAX_NODES) fail(`This design has too many components (${rawNodes.length}; the limit is ${MAX_NODES}).`);
  if (rawEdges.length > MAX_NODES * 4) fail(`This design has too many connections (${rawEdges.length}).`);

  const ids = new Set<string>();
  const unknownKinds = new Set<string>();
  const nodes = rawNodes.map((n, i) => restoreNode(n, i, ids, options, unknownKinds));
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  for (const n of nodes) {
    if (n.parentId !== undefined && (kindOf.get(n.parentId) !== GROUP_KIND || n.parentId === n.id)) {
      warnings.push(`Component "${n.id}" was in a frame that does not exist; it was taken out.`);
      delete n.parentId;
    }
  }
  breakFrameCycles(nodes, warnings);
  const edgeIds = new Set<string>();
  const edges = rawEdges.map((e, i) => restoreEdge(e, i, ids, edgeIds));
  for (const kind of unknownKinds) warnings.push(`Unknown component kind "${kind}": opened as a generic component with its own parameters.`);

  const notes: Record<string, string> = {};
  if (isObject(current.notes)) {
    for (const [k, v] of Object.entries(current.notes)) if (typeof v === 'string') notes[k.slice(0, MAX_ID)] = v.slice(0, MAX_NOTE);
  }
  const design: Design = { ...current, format: FORMAT, version: FORMAT_VERSION, name, nodes, edges, notes };
  const bad = nonFinitePath(design, '');
  if (bad !== null) fail(`This design has a number that is not finite (NaN or Infinity) at ${bad.slice(1, 120)}.`);
  return { ok: true, design, warnings };
}

/**
 * Where a NaN or Infinity sits, or null. JSON cannot carry them, but a stored record or a pasted
 * object can, in fields that no check above reads (unknown ones are kept as they are).
 */
function nonFinitePath(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nonFinitePath(v, `${path}.${k}`);
    if (found !== null) return found;
  }
  return null;
}

/** Frames inside each other in a circle would hang the canvas: the circle is opened. */
function breakFrameCycles(nodes: DesignNode[], warnings: string[]): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    const seen = new Set<string>([n.id]);
    for (let p = n.parentId; p !== undefined; p = byId.get(p)?.parentId) {
      if (seen.has(p)) {
        warnings.push(`Frame "${n.id}" was inside itself (through other frames); it was taken out.`);
        delete n.parentId;
        break;
      }
      seen.add(p);
    }
  }
}

function text(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string' || v.length === 0) fail(`${what} must be a non-empty text.`);
  if ((v as string).length > max) fail(`${what} is too long (${(v as string).length} characters; at most ${max}).`);
  return v as string;
}

function coord(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_COORD) fail(`${what} must be a finite number within ±${MAX_COORD}.`);
  return Math.round((v as number) * 100) / 100;
}

function restoreNode(raw: unknown, i: number, ids: Set<string>, options: RestoreOptions, unknownKinds: Set<string>): DesignNode {
  if (!isObject(raw)) fail(`Component #${i + 1} is not an object.`);
  const n = raw as Record<string, unknown>;
  const id = text(n.id, `Component #${i + 1}'s id`, MAX_ID);
  if (ids.has(id)) fail(`Two components have the same id "${id}".`);
  ids.add(id);
  const kind = text(n.kind, `Component "${id}"'s kind`, MAX_ID);
  const pos = isObject(n.position) ? n.position : { x: 0, y: 0 };
  const position = { x: coord(pos.x ?? 0, `Component "${id}"'s x`), y: coord(pos.y ?? 0, `Component "${id}"'s y`) };
  if (n.params !== undefined && !isObject(n.params)) fail(`Component "${id}"'s params must be an object.`);
  const given = (n.params ?? {}) as NodeParams;
  const defaults = options.defaultsFor?.(kind);
  if (options.defaultsFor && !defaults && kind !== 'group' && kind !== 'note') unknownKinds.add(kind);
  const params = mergeDefaults(defaults ?? {}, given);
  const problem = checkNodeParams(params);
  if (problem) fail(`Component "${id}": ${problem}`);
  const node: DesignNode = { ...n, id, kind, position, params };
  if (n.label !== undefined) node.label = typeof n.label === 'string' ? n.label.slice(0, MAX_LABEL) : String(n.label).slice(0, MAX_LABEL);
  if (n.text !== undefined) node.text = String(n.text).slice(0, MAX_NOTE);
  if (n.parentId !== undefined) node.parentId = typeof n.parentId === 'string' ? n.parentId : undefined;
  if (node.parentId === undefined) delete node.parentId;
  if (n.size !== undefined) {
    const s = isObject(n.size) ? n.size : {};
    node.size = { width: Math.max(40, coord(s.width ?? 200, `Component "${id}"'s width`)), height: Math.max(30, coord(s.height ?? 120, `Component "${id}"'s height`)) };
  }
  return node;
}

/** Catalog defaults under the given values; nested objects (service, batch) merge one level. */
function mergeDefaults(defaults: NodeParams, given: NodeParams): NodeParams {
  const out: NodeParams = structuredClone(defaults);
  for (const [k, v] of Object.entries(given)) {
    const d = out[k];
    out[k] = isObject(d) && isObject(v) ? { ...d, ...v } : v;
  }
  return out;
}

function restoreEdge(raw: unknown, i: number, nodeIds: Set<string>, edgeIds: Set<string>): DesignEdge {
  if (!isObject(raw)) fail(`Connection #${i + 1} is not an object.`);
  const e = raw as Record<string, unknown>;
  const id = text(e.id ?? `e${i + 1}`, `Connection #${i + 1}'s id`, MAX_ID);
  if (edgeIds.has(id) || nodeIds.has(id)) fail(`Two elements have the same id "${id}".`);
  edgeIds.add(id);
  const source = text(e.source, `Connection "${id}"'s source`, MAX_ID);
  const target = text(e.target, `Connection "${id}"'s target`, MAX_ID);
  if (!nodeIds.has(source)) fail(`Connection "${id}" starts at a missing component "${source}".`);
  if (!nodeIds.has(target)) fail(`Connection "${id}" ends at a missing component "${target}".`);
  if (e.params !== undefined && !isObject(e.params)) fail(`Connection "${id}"'s params must be an object.`);
  const params = { mode: 'sync', ...((e.params ?? {}) as object) } as DesignEdge['params'];
  const problem = checkEdgeParams(params);
  if (problem) fail(`Connection "${id}" (${source} → ${target}): ${problem}`);
  const edge: DesignEdge = { ...e, id, source, target, params };
  if (e.label !== undefined) edge.label = String(e.label).slice(0, MAX_LABEL);
  return edge;
}
