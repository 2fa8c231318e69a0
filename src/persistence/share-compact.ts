// What a share link leaves out because restore() fills it back in: format, empty notes, catalog
// defaults, the default connection mode, positional edge ids; positions rounded to whole pixels.
import type { Design, DesignEdge, DesignNode, NodeParams } from '../model/design';
import type { RestoreOptions } from './restore';

export interface ShareOptions {
  /** Catalog defaults of a kind: parameters equal to them are left out of the link. */
  defaultsFor?: RestoreOptions['defaultsFor'];
}

/** The design without what restore() restores by itself: defaults, `format`, empty notes. */
export function compactDesign(design: Design, options: ShareOptions = {}): Record<string, unknown> {
  const { format: _f, nodes, edges, notes, ...rest } = design;
  const out: Record<string, unknown> = { ...rest, nodes: nodes.map((n) => compactNode(n, options)), edges: edges.map(compactEdge) };
  if (notes && Object.keys(notes).length > 0) out.notes = notes;
  return out;
}

function compactNode(node: DesignNode, options: ShareOptions): Record<string, unknown> {
  const { params, position, size, ...rest } = node;
  const out: Record<string, unknown> = { ...rest, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  if (size) out.size = { width: Math.round(size.width), height: Math.round(size.height) };
  const defaults = options.defaultsFor?.(node.kind);
  const kept = defaults ? withoutDefaults(params, defaults) : params;
  if (kept && Object.keys(kept).length > 0) out.params = kept;
  return out;
}

function compactEdge(edge: DesignEdge, index: number): Record<string, unknown> {
  const { params, id, ...rest } = edge;
  // restore() names a connection without an id `e<its position>`.
  if (id !== `e${index + 1}`) (rest as Record<string, unknown>).id = id;
  const { mode, ...others } = params;
  // 'sync' is what restore() assumes for a connection without a mode.
  const kept: Record<string, unknown> = mode === 'sync' ? others : { mode, ...others };
  return Object.keys(kept).length > 0 ? { ...rest, params: kept } : rest;
}

/** Params minus the keys equal to the defaults; nested objects compare one level down, as restore() merges. */
function withoutDefaults(params: NodeParams, defaults: NodeParams): NodeParams {
  const out: NodeParams = {};
  for (const [k, v] of Object.entries(params)) {
    const d = defaults[k];
    if (isPlainObject(v) && isPlainObject(d)) {
      const inner = Object.fromEntries(Object.entries(v).filter(([ik, iv]) => !sameValue(iv, d[ik])));
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else if (!sameValue(v, d)) {
      out[k] = v;
    }
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
