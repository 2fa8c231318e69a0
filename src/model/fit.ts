// Fitting edits to the rules of rules.ts: a number out of range is clamped, a value that is no
// number at all (NaN, text) is refused and the field keeps what it had, text is cleaned and cut.
// Every command passes its input through here, so whatever the editor holds saves and reopens.
import type { DesignEdge, DesignNode, EdgeParams, NodeParams, Position, Slo } from './design';
import { getParam, setParam } from './param-path';
import { COORD_LIMIT, DEFAULT_DESIGN_NAME, EDGE_CHOICES, EDGE_GROUPS, EDGE_RULES, PARAM_CHOICES, PARAM_GROUPS, PARAM_RULES, SIZE_RULES, SLO_RULES, TEXT_LIMITS, type NumberRule } from './rules';
import { fitGroups } from './resilience-fit';
import { cleanText, cutText, fitText } from './text';

/** Keys restore() drops (they could pollute prototypes), so no edit may write them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value within the rule, or undefined when it is not a finite number (nothing to clamp). */
export function clampNumber(value: unknown, rule: NumberRule): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const v = Math.min(rule.max, Math.max(rule.min, rule.integer ? Math.round(value) : value));
  return rule.aboveMin && v <= rule.min ? undefined : v;
}

/**
 * A value as JSON keeps it and restore() reads it back unchanged: text cleaned, numbers that are
 * not finite and prototype keys left out. Returns the same object when nothing had to change.
 */
export function jsonSafe<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  let changed = false;
  if (Array.isArray(value)) {
    const out = value.map((v) => {
      const next = typeof v === 'number' && !Number.isFinite(v) ? null : v === undefined ? null : jsonSafe(v);
      if (next !== v) changed = true;
      return next;
    });
    return (changed ? out : value) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = cleanText(k);
    if (FORBIDDEN_KEYS.has(key) || v === undefined || typeof v === 'function' || (typeof v === 'number' && !Number.isFinite(v))) {
      changed = true;
      continue;
    }
    const next = jsonSafe(v);
    if (next !== v || key !== k) changed = true;
    out[key] = next;
  }
  return (changed ? out : value) as T;
}

/** `next` params with every ruled value clamped; a value that cannot be clamped keeps `prev`'s. */
export function fitNodeParams(prev: NodeParams, next: NodeParams): NodeParams {
  let out = next;
  for (const group of PARAM_GROUPS) {
    if (out[group] !== undefined && !isPlainObject(out[group])) out = setParam(out, group, prev[group]);
  }
  // A kind's own numbers (a price, a schedule) have no rule, but JSON cannot carry NaN either.
  for (const [key, v] of Object.entries(out)) {
    if (typeof v === 'number' && !Number.isFinite(v)) out = setParam(out, key, prev[key]);
  }
  for (const [key, rule] of Object.entries(PARAM_RULES)) {
    const v = getParam(out, key);
    if (v === undefined) continue;
    const fitted = clampNumber(v, rule);
    if (fitted !== v) out = setParam(out, key, fitted ?? getParam(prev, key));
  }
  for (const [key, options] of Object.entries(PARAM_CHOICES)) {
    const v = getParam(out, key);
    if (v !== undefined && !(options as readonly unknown[]).includes(v)) out = setParam(out, key, getParam(prev, key));
  }
  out = fitGroups(prev, out, ['autoscale']);
  // Last, so a ruled value that was not finite has been replaced rather than left out.
  return jsonSafe(out);
}

export function fitEdgeParams(prev: EdgeParams, next: EdgeParams): EdgeParams {
  let out: EdgeParams = { ...next };
  if (!(EDGE_CHOICES.mode as readonly unknown[]).includes(out.mode)) out.mode = (EDGE_CHOICES.mode as readonly unknown[]).includes(prev.mode) ? prev.mode : 'sync';
  for (const group of EDGE_GROUPS) {
    if (out[group] !== undefined && !isPlainObject(out[group])) out = setParam(out, group, prev[group]) as EdgeParams;
  }
  for (const [key, rule] of Object.entries(EDGE_RULES)) {
    const v = getParam(out, key);
    if (v === undefined) continue;
    const fitted = clampNumber(v, rule);
    if (fitted !== v) out = setParam(out, key, fitted ?? getParam(prev, key)) as EdgeParams;
  }
  for (const [key, options] of Object.entries(EDGE_CHOICES)) {
    const v = getParam(out, key);
    if (key !== 'mode' && v !== undefined && !(options as readonly unknown[]).includes(v)) out = setParam(out, key, getParam(prev, key)) as EdgeParams;
  }
  return jsonSafe(fitGroups(prev, out, EDGE_GROUPS));
}

const COORD: NumberRule = { min: -COORD_LIMIT, max: COORD_LIMIT };

export function fitPosition(p: Position, prev: Position = { x: 0, y: 0 }): Position {
  const x = clampNumber(p.x, COORD) ?? prev.x;
  const y = clampNumber(p.y, COORD) ?? prev.y;
  return x === p.x && y === p.y ? p : { x, y };
}

export function fitSize(s: { width: number; height: number }, prev = { width: 200, height: 120 }): { width: number; height: number } {
  const width = clampNumber(s.width, SIZE_RULES.width) ?? prev.width;
  const height = clampNumber(s.height, SIZE_RULES.height) ?? prev.height;
  return width === s.width && height === s.height ? s : { width, height };
}

/** A design name: cleaned, trimmed, at most 200 code points, never empty. */
export function fitName(raw: string): string {
  return cutText(cleanText(raw).trim(), TEXT_LIMITS.name).trim() || DEFAULT_DESIGN_NAME;
}

/** A text field cleaned and cut; one that is not text is left out. */
function fitTextField(obj: Record<string, unknown>, key: string, max: number): void {
  if (typeof obj[key] === 'string') obj[key] = fitText(obj[key], max);
  else delete obj[key];
}

/** A node as it may enter a design (added or pasted). */
export function fitNode(n: DesignNode): DesignNode {
  const out = jsonSafe(n);
  const next: DesignNode = { ...out, position: fitPosition(out.position), params: fitNodeParams({}, isPlainObject(out.params) ? out.params : {}) };
  fitTextField(next, 'label', TEXT_LIMITS.label);
  fitTextField(next, 'text', TEXT_LIMITS.note);
  if (out.size) next.size = fitSize(out.size);
  return next;
}

export function fitEdge(e: DesignEdge): DesignEdge {
  const out = jsonSafe(e);
  const next: DesignEdge = { ...out, params: fitEdgeParams({ mode: 'sync' }, isPlainObject(out.params) ? out.params : { mode: 'sync' }) };
  fitTextField(next, 'label', TEXT_LIMITS.label);
  return next;
}

/** An SLO within its rules, or null when a value is not a number above zero. */
export function fitSlo(slo: Slo): Slo | null {
  const p99Ms = clampNumber(slo.p99Ms, SLO_RULES.p99Ms);
  const rps = clampNumber(slo.rps, SLO_RULES.rps);
  return p99Ms === undefined || rps === undefined ? null : { p99Ms, rps };
}
