// Components and connections as restore() reads them: each field checked against the rules
// of src/model/rules.ts, with a sentence naming the element and the field when one is wrong.
import type { DesignEdge, DesignNode, EdgeParams, NodeParams } from '../model/design';
import { edgeParamsProblem, nodeParamsProblem } from '../model/checks';
import { COORD_LIMIT, EDGE_DEFAULTS, SIZE_RULES, TEXT_LIMITS } from '../model/rules';
import { codePointLength, fitText } from '../model/text';
import { fitRoute, routeProblem, ROUTE_MAX_POINTS } from '../model/routes';
import { repairEdgeParams, repairNodeParams } from './restore-resilience';

export class RestoreError extends Error {}
export const fail = (msg: string): never => {
  throw new RestoreError(msg);
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** How many unknown kinds a notice names before it says "…". */
const NAMED_KINDS = 3;

/** What one restore() run has seen so far: ids, unknown kinds, texts it had to cut. */
export interface Context {
  defaultsFor?: (kind: string) => NodeParams | undefined;
  ids: Set<string>;
  edgeIds: Set<string>;
  unknownKinds: Set<string>;
  cuts: number;
  /** Connections whose saved route was unusable and dropped. */
  droppedRoutes: number;
  /** Scenario and resilience values that were clamped or left out, one sentence each. */
  repairs: string[];
  /** A text cut to `max` code points, counted when it was longer. */
  fit(text: string, max: number): string;
}

export function newContext(options: { defaultsFor?: Context['defaultsFor'] }): Context {
  const ctx: Context = {
    defaultsFor: options.defaultsFor,
    ids: new Set(),
    edgeIds: new Set(),
    unknownKinds: new Set(),
    cuts: 0,
    droppedRoutes: 0,
    repairs: [],
    fit: (text, max) => {
      const out = fitText(text, max);
      if (out !== text) ctx.cuts++;
      return out;
    },
  };
  return ctx;
}

/** One notice per kind of repair, however many elements it touched. */
export function contextWarnings(ctx: Context): string[] {
  const out: string[] = [];
  const kinds = [...ctx.unknownKinds];
  if (kinds.length === 1) out.push(`Unknown component kind "${kinds[0]}": opened as a generic component with its own parameters.`);
  if (kinds.length > 1) {
    const named = kinds.slice(0, NAMED_KINDS).map((k) => (codePointLength(k) > 40 ? `${fitText(k, 40)}…` : k));
    const more = kinds.length > NAMED_KINDS ? '…' : '';
    out.push(`${kinds.length} unknown component kinds (${named.join(', ')}${more}) opened as generic components with their own parameters.`);
  }
  if (ctx.cuts > 0) {
    const what = ctx.cuts === 1 ? '1 text was' : `${ctx.cuts} texts were`;
    out.push(`${what} longer than allowed and cut (labels to ${TEXT_LIMITS.label} characters, notes to ${TEXT_LIMITS.note.toLocaleString('en-US')}).`);
  }
  if (ctx.droppedRoutes > 0) {
    const what = ctx.droppedRoutes === 1 ? '1 connection had a route' : `${ctx.droppedRoutes} connections had routes`;
    out.push(`${what} that could not be drawn (more than ${ROUTE_MAX_POINTS} points, or points that are not numbers on the canvas); drawn as curves until the next auto-layout.`);
  }
  out.push(...summarized(ctx.repairs));
  return out;
}

/** How many repairs are told one by one; past that, one sentence counts the rest. */
const TOLD_REPAIRS = 5;

/** The first few sentences, then how many more of the same there were. */
export function summarized(repairs: string[]): string[] {
  if (repairs.length <= TOLD_REPAIRS) return repairs;
  const more = repairs.length - TOLD_REPAIRS;
  return [...repairs.slice(0, TOLD_REPAIRS), `…and ${more.toLocaleString('en-US')} more ${more === 1 ? 'value' : 'values'} of the scenario and resilience settings were set within their limits or left out.`];
}

function text(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string' || v.length === 0) return fail(`${what} must be a non-empty text.`);
  const length = codePointLength(v);
  if (length > max) fail(`${what} is too long (${length} characters; at most ${max}).`);
  return v;
}

/** A label or a note: text, or a number or yes/no written as text; anything else is refused. */
function displayText(ctx: Context, v: unknown, what: string, max: number): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return fail(`${what} must be text.`);
  return ctx.fit(v, max);
}

/** A coordinate or a side of a box (a frame's members sit relative to it, so sides bound them). */
function coord(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > COORD_LIMIT) fail(`${what} must be a finite number within ±${COORD_LIMIT}.`);
  return v as number;
}

export function restoreNode(raw: unknown, i: number, ctx: Context): DesignNode {
  if (!isObject(raw)) fail(`Component #${i + 1} is not an object.`);
  const n = raw as Record<string, unknown>;
  const id = text(n.id, `Component #${i + 1}'s id`, TEXT_LIMITS.id);
  if (ctx.ids.has(id)) fail(`Two components have the same id "${id}".`);
  ctx.ids.add(id);
  const kind = text(n.kind, `Component "${id}"'s kind`, TEXT_LIMITS.id);
  const pos = isObject(n.position) ? n.position : {};
  const position = { x: coord(pos.x ?? 0, `Component "${id}"'s x`), y: coord(pos.y ?? 0, `Component "${id}"'s y`) };
  if (n.params !== undefined && !isObject(n.params)) fail(`Component "${id}"'s params must be an object.`);
  const given = (n.params ?? {}) as NodeParams;
  const defaults = ctx.defaultsFor?.(kind);
  if (ctx.defaultsFor && !defaults && kind !== 'group' && kind !== 'note') ctx.unknownKinds.add(kind);
  const params = repairNodeParams(mergeDefaults(defaults ?? {}, given), `Component "${id}"`, (m) => ctx.repairs.push(m));
  const problem = nodeParamsProblem(params);
  if (problem) fail(`Component "${id}": ${problem}`);
  const node: DesignNode = { ...n, id, kind, position, params };
  if (n.label !== undefined) node.label = displayText(ctx, n.label, `Component "${id}"'s label`, TEXT_LIMITS.label);
  if (n.text !== undefined) node.text = displayText(ctx, n.text, `Note "${id}"'s text`, TEXT_LIMITS.note);
  if (typeof n.parentId === 'string') node.parentId = n.parentId;
  else delete node.parentId;
  if (n.size !== undefined) {
    const s = isObject(n.size) ? n.size : {};
    const side = (v: unknown, what: 'width' | 'height', fallback: number) => Math.max(SIZE_RULES[what].min, coord(v ?? fallback, `Component "${id}"'s ${what}`));
    node.size = { width: side(s.width, 'width', 200), height: side(s.height, 'height', 120) };
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

export function restoreEdge(raw: unknown, i: number, ctx: Context): DesignEdge {
  if (!isObject(raw)) fail(`Connection #${i + 1} is not an object.`);
  const e = raw as Record<string, unknown>;
  const id = text(e.id ?? `e${i + 1}`, `Connection #${i + 1}'s id`, TEXT_LIMITS.id);
  if (ctx.edgeIds.has(id) || ctx.ids.has(id)) fail(`Two elements have the same id "${id}".`);
  ctx.edgeIds.add(id);
  const source = text(e.source, `Connection "${id}"'s source`, TEXT_LIMITS.id);
  const target = text(e.target, `Connection "${id}"'s target`, TEXT_LIMITS.id);
  if (!ctx.ids.has(source)) fail(`Connection "${id}" starts at a missing component "${source}".`);
  if (!ctx.ids.has(target)) fail(`Connection "${id}" ends at a missing component "${target}".`);
  if (e.params !== undefined && !isObject(e.params)) fail(`Connection "${id}"'s params must be an object.`);
  const given = { mode: EDGE_DEFAULTS.mode, ...((e.params ?? {}) as object) } as EdgeParams;
  const params = repairEdgeParams(given, `Connection "${id}" (${source} → ${target})`, (m) => ctx.repairs.push(m));
  const problem = edgeParamsProblem(params);
  if (problem) fail(`Connection "${id}" (${source} → ${target}): ${problem}`);
  const edge: DesignEdge = { ...e, id, source, target, params };
  if (e.label !== undefined) edge.label = displayText(ctx, e.label, `Connection "${id}"'s label`, TEXT_LIMITS.label);
  if (routeProblem(e.route) !== null) ctx.droppedRoutes++;
  return fitRoute(edge);
}
