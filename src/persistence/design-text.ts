// Text → design, in the language of docs/text-format.md, and the printer back (design-text-print.ts).
// Reading is line by line: each wrong line is one sentence naming the line, and a text with any
// wrong line changes nothing. What the text does not hold (positions, sizes, the framework's
// step notes, fields of other versions) comes from the design it replaces, matched by id; a
// connection keeps its id when the same pair of components is connected in the text.
import { emptyDesign, GROUP_KIND, NOTE_KIND, type Design, type DesignEdge, type DesignNode, type EdgeMode, type NodeParams } from '../model/design';
import { edgeParamsProblem, nodeParamsProblem, sloProblem } from '../model/checks';
import { FORBIDDEN_KEYS } from '../model/fit';
import { nextId, takenIds } from '../model/ids';
import { setParam } from '../model/param-path';
import { lex, wordValue, type Token } from './design-text-syntax';
import { ARROW_OF, EDGE_SHORT, type DefaultsFor } from './design-text-print';
import { restore } from './restore';
import { resolveFrames } from './design-text-frames';
import { unknownEdgeParam, unknownKind, unknownParam } from './design-text-names';
import { edgeCommentKey, nodeCommentKey, type TextComment, type TextComments } from '../model/text-comments';

export { printDesign } from './design-text-print';

export interface TextError {
  /** 1-based; 0 for the design as a whole. */
  line: number;
  message: string;
}

export type ParseResult = { ok: true; design: Design; added: string[] } | { ok: false; errors: TextError[] };

export interface ParseOptions {
  defaultsFor: DefaultsFor;
  /** The catalog's kinds, to suggest one for a kind it does not know. */
  kinds?: readonly string[];
  /** The design the text replaces: positions, sizes, step notes and ids come from it. */
  base?: Design;
  /**
   * Refuse parameter names that neither the kind, the simulator nor the element itself has (a
   * typo such as `replica=4`). Off, any name is kept, as a file may carry any.
   */
  knownParamsOnly?: boolean;
}

export interface NodeStatement {
  line: number;
  node: DesignNode;
  members?: { id: string; line: number }[];
}

const MODE_OF = Object.fromEntries(Object.entries(ARROW_OF).map(([m, a]) => [a, m])) as Record<string, EdgeMode>;
const EDGE_LONG = Object.fromEntries(Object.entries(EDGE_SHORT).map(([long, short]) => [short, long]));
const MAX_ERRORS = 20;

class LineError extends Error {}
const fail = (message: string): never => {
  throw new LineError(message);
};

const said = (tok: Token | undefined) => (!tok ? 'the end of the line' : tok.t === 'word' || tok.t === 'str' ? `"${tok.v}"` : tok.t === 'arrow' ? `"${tok.v}"` : tok.t === 'json' ? 'a list' : `"${tok.t}"`);

/** Reads `key=value` pairs from `at` to the end (or to a `{`). */
function readPairs(toks: Token[], at: number, stop?: '{'): { pairs: [string, unknown, boolean][]; next: number } {
  const pairs: [string, unknown, boolean][] = [];
  let i = at;
  while (i < toks.length && toks[i].t !== stop) {
    const k = toks[i];
    const eq = toks[i + 1];
    const v = toks[i + 2];
    if ((k.t !== 'word' && k.t !== 'str') || eq?.t !== '=') fail(`expected key=value but found ${said(k)}${k.t === 'word' && eq ? ` then ${said(eq)}` : ''}.`);
    if (!v || (v.t !== 'word' && v.t !== 'str' && v.t !== 'json')) fail(`"${(k as { v: string }).v}=" has no value.`);
    const key = (k as { v: string }).v;
    if (key.split('.').some((s) => FORBIDDEN_KEYS.has(s))) fail(`"${key}" cannot be a parameter name.`);
    pairs.push([key, v.t === 'word' ? wordValue(v.v) : (v as { v: unknown }).v, k.t === 'word']);
    i += 3;
  }
  return { pairs, next: i };
}

const idOf = (tok: Token | undefined, what: string): string =>
  tok && (tok.t === 'word' || tok.t === 'str') && tok.v !== '' ? tok.v : fail(`expected ${what} but found ${said(tok)}.`);

function withParams(params: NodeParams, pairs: [string, unknown, boolean][]): NodeParams {
  let out = params;
  for (const [k, v, dotted] of pairs) out = dotted ? setParam(out, k, v) : { ...out, [k]: v };
  return out;
}

export function parseDesign(text: string, options: ParseOptions): ParseResult {
  const { base, defaultsFor } = options;
  const errors: TextError[] = [];
  const nodes: NodeStatement[] = [];
  const edges: { line: number; edge: DesignEdge }[] = [];
  let name: string | undefined;
  let slo: Design['slo'];
  const baseKind = new Map(base?.nodes.map((n) => [n.id, n.kind]));
  // Comments go with the statement below them, or on their line; connections are keyed by their
  // place in the text until they have ids.
  const comments = new Map<string, TextComment>();
  let above: string[] = [];

  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (errors.length >= MAX_ERRORS) return;
    try {
      const lexed = lex(raw);
      if (!lexed.ok) return fail(lexed.error);
      const toks = lexed.tokens;
      if (toks.length === 0) {
        if (lexed.comment !== undefined) above.push(lexed.comment);
        return;
      }
      const comment: TextComment = {};
      if (above.length > 0) comment.above = above.join('\n');
      if (lexed.comment) comment.after = lexed.comment;
      above = [];
      const [first, second] = toks;
      const keep = (key: string) => void ((comment.above !== undefined || comment.after !== undefined) && comments.set(key, comment));
      const keyword = first.t === 'word' && second?.t !== ':' && second?.t !== 'arrow' ? first.v : null;
      if (keyword === 'design') {
        name = second?.t === 'str' ? second.v : fail('write the design\'s name in quotes: design "My design".');
        if (toks.length > 2) fail(`unexpected ${said(toks[2])} after the name.`);
        keep('design');
      } else if (keyword === 'slo') {
        const p = Object.fromEntries(readPairs(toks, 1).pairs.map(([k, v]) => [k, v]));
        const extra = Object.keys(p).find((k) => k !== 'p99Ms' && k !== 'rps');
        if (extra) fail(`the SLO has only p99Ms and rps, not "${extra}".`);
        const problem = sloProblem(p);
        if (problem) fail(problem);
        slo = { p99Ms: p.p99Ms as number, rps: p.rps as number };
        keep('slo');
      } else if (keyword === 'frame' || keyword === 'note') {
        const id = idOf(second, `the ${keyword}'s id`);
        let at = 2;
        const words = toks[at]?.t === 'str' ? (toks[at++] as { v: string }).v : undefined;
        const { pairs, next } = readPairs(toks, at, keyword === 'frame' ? '{' : undefined);
        const node: DesignNode = { id, kind: keyword === 'frame' ? GROUP_KIND : NOTE_KIND, position: { x: 0, y: 0 }, params: {} };
        if (keyword === 'note') {
          node.text = words ?? '';
          const label = pairs.find(([k]) => k === 'label');
          if (label) node.label = String(label[1]);
          node.params = withParams({}, pairs.filter(([k]) => k !== 'label'));
          keep(nodeCommentKey(id));
          return void nodes.push({ line, node });
        }
        if (words !== undefined) node.label = words;
        node.params = withParams({}, pairs);
        if (toks[next]?.t !== '{' || toks.at(-1)?.t !== '}') fail(`a frame lists its members in braces: frame ${id} "Label" { a b c }.`);
        const inner = toks.slice(next + 1, -1);
        const members = inner.map((t) => ({ id: idOf(t, 'a member id'), line }));
        keep(nodeCommentKey(id));
        nodes.push({ line, node, members });
      } else if (second?.t === ':') {
        const id = idOf(first, 'an id');
        const kindTok = toks[2];
        const kind = idOf(kindTok, `a kind after "${id}:"`);
        const defaults = defaultsFor(kind);
        if (!defaults && baseKind.get(id) !== kind) fail(unknownKind(kind, options.kinds));
        let at = 3;
        const node: DesignNode = { id, kind, position: { x: 0, y: 0 }, params: {} };
        if (toks[at]?.t === 'str') node.label = (toks[at++] as { v: string }).v;
        const { pairs } = readPairs(toks, at);
        const unknown = options.knownParamsOnly ? unknownParam(kind, pairs.map(([k]) => k), defaults, base?.nodes.find((n) => n.id === id)?.params) : null;
        if (unknown) fail(unknown);
        node.params = withParams(defaults ?? {}, pairs);
        const problem = nodeParamsProblem(node.params);
        if (problem) fail(problem);
        keep(nodeCommentKey(id));
        nodes.push({ line, node });
      } else if (second?.t === 'arrow') {
        const read = readEdges(toks, line, options);
        keep(`edge:${edges.length}`);
        edges.push(...read);
      } else {
        fail(`a line is a component (id: kind "Label"), a connection (a -> b), a frame, a note, design "…" or slo; "${raw.trim().slice(0, 30)}" is none of these.`);
      }
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      errors.push({ line, message: e.message });
    }
  });
  if (errors.length === 0) errors.push(...resolveFrames(nodes));
  const declared = new Map(nodes.map((s) => [s.node.id, s.line]));
  for (const { line, edge } of edges) {
    const missing = [edge.source, edge.target].find((id) => !declared.has(id));
    if (missing !== undefined) errors.push({ line, message: `"${missing}" is not a component: declare it on a line of its own first (${missing}: kind).` });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  if (above.length > 0) comments.set('end', { above: above.join('\n') });
  return assemble({ name, slo, nodes: nodes.map((s) => s.node), edges: edges.map((e) => e.edge), comments }, options);
}

function readEdges(toks: Token[], line: number, options: ParseOptions): { line: number; edge: DesignEdge }[] {
  const ends = [idOf(toks[0], 'an id')];
  const modes: EdgeMode[] = [];
  let i = 1;
  while (toks[i]?.t === 'arrow') {
    modes.push(MODE_OF[(toks[i] as { v: string }).v]);
    ends.push(idOf(toks[i + 1], `an id after "${(toks[i] as { v: string }).v}"`));
    i += 2;
  }
  const label = toks[i]?.t === 'str' ? (toks[i++] as { v: string }).v : undefined;
  const { pairs } = readPairs(toks, i);
  return modes.map((mode, k) => {
    const params: DesignEdge['params'] = { mode };
    for (const [key, v] of pairs) {
      if (key === 'mode') fail('the arrow sets the mode: -> sync, ~> async, ..> offline.');
      params[EDGE_LONG[key] ?? key] = v;
    }
    const unknown = options.knownParamsOnly ? unknownEdgeParam(Object.keys(params).filter((key) => key !== 'mode'), ends[k], ends[k + 1], options.base) : null;
    if (unknown) fail(unknown);
    const problem = edgeParamsProblem(params);
    if (problem) fail(problem);
    const edge: DesignEdge = { id: '', source: ends[k], target: ends[k + 1], params };
    if (label !== undefined) edge.label = label;
    return { line, edge };
  });
}

/** The read design over the base: kept fields, ids and positions; then restore() checks it whole. */
function assemble(read: { name?: string; slo?: Design['slo']; nodes: DesignNode[]; edges: DesignEdge[]; comments: Map<string, TextComment> }, options: ParseOptions): ParseResult {
  const base = options.base ?? emptyDesign();
  const baseNodes = new Map(base.nodes.map((n) => [n.id, n]));
  const added: string[] = [];
  const nodes = read.nodes.map((n) => {
    const old = baseNodes.get(n.id);
    if (!old) return added.push(n.id), n;
    const { label: _l, text: _t, parentId: _p, ...kept } = old;
    return { ...kept, ...n, position: old.position };
  });
  // The k-th connection from a to b in the text is the k-th one in the base.
  const baseEdges = new Map<string, DesignEdge[]>();
  for (const e of base.edges) baseEdges.set(`${e.source}\n${e.target}`, [...(baseEdges.get(`${e.source}\n${e.target}`) ?? []), e]);
  const taken = takenIds({ ...base, nodes, edges: [] });
  const edges = read.edges.map((e) => {
    const old = baseEdges.get(`${e.source}\n${e.target}`)?.shift();
    if (old && !taken.has(old.id)) {
      taken.add(old.id);
      const { label: _l, ...kept } = old;
      return { ...kept, ...e, id: old.id };
    }
    const id = nextId(taken, 'e');
    taken.add(id);
    return { ...e, id };
  });
  const { slo: _s, textComments: _c, ...rest } = base;
  const design: Design = { ...rest, name: read.name ?? base.name, nodes, edges };
  if (read.slo) design.slo = read.slo;
  const comments: TextComments = {};
  for (const [key, c] of read.comments) comments[key.startsWith('edge:') ? edgeCommentKey(edges[Number(key.slice(5))].id) : key] = c;
  if (Object.keys(comments).length > 0) design.textComments = comments;
  const r = restore(design, { defaultsFor: options.defaultsFor });
  return r.ok ? { ok: true, design: r.design, added } : { ok: false, errors: [{ line: 0, message: r.error }] };
}
