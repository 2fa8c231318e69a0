// Comments written in the text pane (`# …`, docs/text-format.md), kept in the design so that a
// reprint, a reload or a share link gives them back where they were typed: each belongs to the
// statement below it (`above`) or on its line (`after`). Keys: `design`, `slo`, `n:<node id>`,
// `e:<connection id>`, and `end` for the lines after the last statement.
import type { Design } from './design';
import { TEXT_LIMITS } from './rules';

export interface TextComment {
  /** The comment lines above the statement, without their `#`, joined by newlines. */
  above?: string;
  /** The comment at the end of the statement's line (one line). */
  after?: string;
}

export type TextComments = Record<string, TextComment>;

export const nodeCommentKey = (id: string) => `n:${id}`;
export const edgeCommentKey = (id: string) => `e:${id}`;

export function textCommentsOf(design: Design): TextComments {
  const c = design.textComments;
  return c !== null && typeof c === 'object' && !Array.isArray(c) ? (c as TextComments) : {};
}

/**
 * The comments a stored design may keep: text only, within the note limit in all, one line
 * after a statement, and only for statements the design still has (a deleted component's
 * comment goes with it). Undefined when none is left.
 */
export function fitTextComments(value: unknown, design: Pick<Design, 'nodes' | 'edges' | 'slo'>): TextComments | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = new Set(['design', 'end', ...design.nodes.map((n) => nodeCommentKey(n.id)), ...design.edges.map((e) => edgeCommentKey(e.id))]);
  if (design.slo) keys.add('slo');
  const out: TextComments = {};
  let budget = TEXT_LIMITS.note;
  for (const [key, c] of Object.entries(value as Record<string, unknown>)) {
    if (!keys.has(key) || c === null || typeof c !== 'object') continue;
    const { above, after } = c as Record<string, unknown>;
    const kept: TextComment = {};
    if (typeof above === 'string' && above.length <= budget) {
      kept.above = above;
      budget -= above.length;
    }
    if (typeof after === 'string' && after.length <= budget) {
      kept.after = after.replace(/[\r\n]+/g, ' ');
      budget -= after.length;
    }
    if (kept.above !== undefined || kept.after !== undefined) Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
