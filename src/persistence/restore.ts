// The one way in: IndexedDB records, files, share links, pastes and `npm run sim` all pass
// through restore(), which validates, migrates, fills catalog defaults and keeps unknown fields.
import { FORMAT, FORMAT_VERSION, GROUP_KIND, type Design, type DesignNode, type NodeParams } from '../model/design';
import { sloProblem } from '../model/checks';
import { fitTextComments } from '../model/text-comments';
import { fitName } from '../model/fit';
import { fitScenario } from '../model/scenario-fit';
import { DEFAULT_DESIGN_NAME, TEXT_LIMITS } from '../model/rules';
import { cleanText, fitText } from '../model/text';
import { migrate } from './migrations';
import { contextWarnings, fail, newContext, restoreEdge, restoreNode, RestoreError } from './restore-elements';

export type RestoreResult =
  | { ok: true; design: Design; warnings: string[] }
  | { ok: false; error: string };

export interface RestoreOptions {
  /** Catalog defaults of a kind, or undefined for a kind the catalog does not know. */
  defaultsFor?: (kind: string) => NodeParams | undefined;
}

export const MAX_TEXT_BYTES = 5_000_000;
/** The most components the canvas opens in a few seconds; docs/format.md states the same. */
export const MAX_NODES = 5_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON text or an already parsed value. */
export function restore(input: unknown, options: RestoreOptions = {}): RestoreResult {
  try {
    const raw = typeof input === 'string' ? parseText(input) : sanitize(input, 0);
    return restoreValue(raw, options);
  } catch (e) {
    if (e instanceof RestoreError) return { ok: false, error: e.message };
    // A shape no check above foresaw: the program's own words would mean nothing to a person.
    return { ok: false, error: 'This design could not be read: part of it does not have the shape of a design.' };
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
  // Refused before the deep copy: a design over the limit costs nothing more to turn away.
  if (isObject(value)) checkCounts(value);
  return sanitize(value, 0);
}

/**
 * A deep copy made of plain objects, without prototype-polluting keys, and with every text
 * cleaned of characters XML cannot carry (they would break an SVG export of the design).
 */
function sanitize(value: unknown, depth: number): unknown {
  if (depth > 40) fail('This design is nested too deeply to be a design file.');
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = cleanText(k);
      if (FORBIDDEN_KEYS.has(key)) continue;
      out[key] = sanitize(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return undefined;
  return value;
}

/** A value quoted in a message, safe for any shape (an object's own `toString` may be anything). */
const shown = (v: unknown, max: number) => (typeof v === 'string' ? `"${v.slice(0, max)}"` : typeof v === 'number' ? String(v) : Array.isArray(v) ? 'a list' : typeof v);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function restoreValue(raw: unknown, options: RestoreOptions): RestoreResult {
  if (!isObject(raw)) fail('This is not a design: expected a JSON object with "nodes" and "edges".');
  const doc = raw as Record<string, unknown>;
  if (doc.format !== undefined && doc.format !== FORMAT) fail(`This is not a design file (format ${shown(doc.format, 40)}).`);
  if (doc.format === undefined && !Array.isArray(doc.nodes)) fail('This is not a design: it has no "nodes" list.');
  const version = doc.version === undefined ? FORMAT_VERSION : doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail(`This design has an invalid format version (${shown(version, 20)}).`);
  if (version > FORMAT_VERSION) fail(`This design was saved by a newer version of the app (format ${version}); this one reads up to format ${FORMAT_VERSION}.`);
  const warnings: string[] = [];
  const current = migrate(doc, version as number);

  const name = typeof current.name === 'string' ? fitName(current.name) : DEFAULT_DESIGN_NAME;
  if (!Array.isArray(current.nodes)) fail('This design has no "nodes" list.');
  if (current.edges !== undefined && !Array.isArray(current.edges)) fail('This design\'s "edges" is not a list.');
  const rawNodes = current.nodes as unknown[];
  const rawEdges = (current.edges ?? []) as unknown[];
  checkCounts({ nodes: rawNodes, edges: rawEdges });

  const ctx = newContext(options);
  const nodes = rawNodes.map((n, i) => restoreNode(n, i, ctx));
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  for (const n of nodes) {
    if (n.parentId !== undefined && (kindOf.get(n.parentId) !== GROUP_KIND || n.parentId === n.id)) {
      warnings.push(`Component "${n.id}" was in a frame that does not exist; it was taken out.`);
      delete n.parentId;
    }
  }
  breakFrameCycles(nodes, warnings);
  const edges = rawEdges.map((e, i) => restoreEdge(e, i, ctx));
  const notes: Record<string, string> = {};
  if (isObject(current.notes)) {
    for (const [k, v] of Object.entries(current.notes)) if (typeof v === 'string') notes[fitText(k, TEXT_LIMITS.id)] = ctx.fit(v, TEXT_LIMITS.note);
  }
  const design: Design = { ...current, format: FORMAT, version: FORMAT_VERSION, name, nodes, edges, notes };
  if (design.scenario !== undefined) {
    const scenario = fitScenario(design.scenario, nodes, (m) => ctx.repairs.push(m));
    if (scenario === undefined) delete design.scenario;
    else design.scenario = scenario;
  }
  const sloIssue = sloProblem(design.slo);
  if (sloIssue) {
    delete design.slo;
    warnings.push(`${sloIssue} The SLO was removed; set it again in the results panel.`);
  }
  const comments = fitTextComments(current.textComments, design);
  if (comments) design.textComments = comments;
  else delete design.textComments;
  const bad = nonFinitePath(design, '');
  if (bad !== null) fail(`This design has a number that is not finite (NaN or Infinity) at ${bad.slice(1, 120)}.`);
  warnings.push(...contextWarnings(ctx));
  return { ok: true, design, warnings };
}

function checkCounts(doc: Record<string, unknown>): void {
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  const [nodes, edges] = [count(doc.nodes), count(doc.edges)];
  const n = (x: number) => x.toLocaleString('en-US');
  if (nodes > MAX_NODES) fail(`This design has too many components (${n(nodes)}; the limit is ${n(MAX_NODES)}).`);
  if (edges > MAX_NODES * 4) fail(`This design has too many connections (${n(edges)}; the limit is ${n(MAX_NODES * 4)}).`);
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
