// Design → text in the language of docs/text-format.md. Only what a person reads is written:
// parameters equal to the kind's catalog defaults are left out (reading fills them in again),
// and positions, sizes and the framework's step notes stay in the design, not in the text.
import { GROUP_KIND, NOTE_KIND, type Design, type DesignNode, type EdgeMode, type NodeParams } from '../model/design';
import { writeId, writeText, writeValue, type Arrow } from './design-text-syntax';
import { edgeCommentKey, nodeCommentKey, textCommentsOf, type TextComments } from '../model/text-comments';

export type DefaultsFor = (kind: string) => NodeParams | undefined;

export const ARROW_OF: Record<EdgeMode, Arrow> = { sync: '->', async: '~>', offline: '..>' };
/** Short names of connection parameters in the text. */
export const EDGE_SHORT: Record<string, string> = { probability: 'p', weight: 'w', networkMs: 'net' };

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function printDesign(design: Design, defaultsFor: DefaultsFor = () => undefined): string {
  const notes = textCommentsOf(design);
  const head = [commented(notes, 'design', `design ${writeText(design.name)}`)];
  if (design.slo) head.push(commented(notes, 'slo', `slo p99Ms=${writeValue(design.slo.p99Ms)} rps=${writeValue(design.slo.rps)}`));
  const nodes = design.nodes.map((n) => commented(notes, nodeCommentKey(n.id), nodeLine(design, n, defaultsFor)));
  const edges = design.edges.map((e) => {
    const params = Object.entries(e.params).filter(([k]) => k !== 'mode');
    const arrow = ARROW_OF[e.params.mode] ?? '->';
    const label = e.label !== undefined ? ` ${writeText(e.label)}` : '';
    return commented(notes, edgeCommentKey(e.id), `${writeId(e.source)} ${arrow} ${writeId(e.target)}${label}${pairs(params.map(([k, v]) => [EDGE_SHORT[k] ?? writeKey(k), v]))}`);
  });
  const end = Object.hasOwn(notes, 'end') && notes.end.above !== undefined ? [commentLines(notes.end.above)] : [];
  return [head, nodes, edges, end].filter((part) => part.length > 0).map((part) => part.join('\n')).join('\n\n') + '\n';
}

const commentLines = (text: string) => text.split('\n').map((c) => (c ? `# ${c}` : '#')).join('\n');

/** A statement with the comments typed above it and on its line. */
function commented(notes: TextComments, key: string, line: string): string {
  const c = Object.hasOwn(notes, key) ? notes[key] : undefined;
  if (!c) return line;
  const above = c.above !== undefined ? `${commentLines(c.above)}\n` : '';
  return `${above}${line}${c.after ? `  # ${c.after}` : ''}`;
}

function nodeLine(design: Design, n: DesignNode, defaultsFor: DefaultsFor): string {
  const label = n.label !== undefined ? ` ${writeText(n.label)}` : '';
  const params = pairs(paramLeaves(n.params, n.kind === GROUP_KIND || n.kind === NOTE_KIND ? undefined : defaultsFor(n.kind)));
  if (n.kind === GROUP_KIND) {
    const members = design.nodes.filter((m) => m.parentId === n.id).map((m) => writeId(m.id));
    return `frame ${writeId(n.id)}${label}${params} { ${members.join(' ')}${members.length ? ' ' : ''}}`;
  }
  if (n.kind === NOTE_KIND) {
    const extra = n.label !== undefined ? ` label=${writeText(n.label)}` : '';
    return `note ${writeId(n.id)} ${writeText(n.text ?? '')}${extra}${params}`;
  }
  return `${writeId(n.id)}: ${writeId(n.kind)}${label}${params}`;
}

/** `key=value` pairs, each key already as written. */
function pairs(entries: [string, unknown][]): string {
  return entries.map(([k, v]) => ` ${k}=${writeValue(v)}`).join('');
}

/** A key that is one word stays bare; any other is quoted, and read back whole (never split at dots). */
const writeKey = (k: string) => (SEGMENT.test(k) ? k : writeText(k));

/**
 * The parameters that differ from the defaults, by dotted key (`service.meanMs`). An object is
 * written whole when a default key is missing from it or one of its keys cannot be dotted.
 */
export function paramLeaves(params: NodeParams, defaults: NodeParams | undefined, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(params)) {
    const d = defaults?.[k];
    const key = prefix + k;
    if (!SEGMENT.test(k)) {
      out.push([writeKey(k), v]);
    } else if (isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((s) => SEGMENT.test(s)) && (!isPlainObject(d) || Object.keys(d).every((dk) => Object.hasOwn(v, dk)))) {
      out.push(...paramLeaves(v, isPlainObject(d) ? d : undefined, `${key}.`));
    } else if (d === undefined || !same(v, d)) {
      out.push([key, v]);
    }
  }
  return out;
}
