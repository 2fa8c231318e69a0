// A plain Mermaid flowchart → a design: `flowchart LR; A[Client] --> B[API gateway]`. Each node's
// kind is guessed from its text against the catalog's names (kinds-guess.ts); subgraphs become
// frames; solid links are sync calls, dotted ones async (as our own Mermaid export writes them),
// and a link labelled "offline…" offline. Nodes are placed in columns by their distance from a
// source; auto-layout can tidy them after. What the result is worth is decided by restore().
import { FORMAT, FORMAT_VERSION, GROUP_KIND, type DesignEdge, type DesignNode, type EdgeMode } from '../model/design';
import { nextId } from '../model/ids';
import { guessKind, type KindName } from './kinds-guess';
import { placeInColumns } from './mermaid-layout';

export type { KindName } from './kinds-guess';

const HEADER = /^\s*(?:%%[^\n]*\n\s*)*(?:flowchart|graph)(?:\s+(?:LR|RL|TB|TD|BT))?\s*(?:;|\n|$)/i;
const IGNORED = /^(?:classDef|class|style|linkStyle|click|direction|accTitle|accDescr)\b/;
const NODE_ID = /^[A-Za-z0-9_]+/;
const LINK = /^(<?)(?:(--|==|-\.)\s+(.*?)\s+)?(-{2,}|={2,}|-?\.+-|~~~)([>xo]?)/;

export function looksLikeMermaid(text: string): boolean {
  return HEADER.test(text);
}

export type MermaidImport = { ok: true; design: Record<string, unknown>; skipped: number[] } | { ok: false; error: string };

/** Mermaid's entity codes and line breaks, as our export and people write them. */
function plain(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: ' ' };
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/#(\d+|[a-z]+);/gi, (m, code: string) => (/^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : (named[code.toLowerCase()] ?? m)))
    .trim();
}

/** Statements: lines, and `;` between statements, never inside quotes. */
function statements(text: string, firstLine: number): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    let cur = '';
    let quoted = false;
    for (const c of raw.replace(/%%.*$/, '')) {
      if (c === '"') quoted = !quoted;
      if (c === ';' && !quoted) {
        out.push({ line: firstLine + i, text: cur.trim() });
        cur = '';
      } else cur += c;
    }
    out.push({ line: firstLine + i, text: cur.trim() });
  });
  return out.filter((s) => s.text !== '');
}

/** One node reference at the start of `s`: its id, its text if written, and what follows. */
function readNode(s: string): { id: string; text?: string; rest: string } | null {
  const m = NODE_ID.exec(s);
  if (!m) return null;
  let rest = s.slice(m[0].length);
  let text: string | undefined;
  const open = /^(\(\[|\[\[|\[\(|\(\(|\{\{|\[\/|\[\\|\[|\(|\{|>)/.exec(rest);
  if (open) {
    rest = rest.slice(open[0].length);
    const quoted = /^\s*"([^"]*)"/.exec(rest);
    const body = quoted ?? /^([^\])}]*)/.exec(rest)!;
    text = plain(quoted ? quoted[1] : body[1].replace(/[/\\]$/, ''));
    rest = rest.slice(body[0].length).replace(/^[\])}/\\]+/, '');
  }
  return { id: m[0], text, rest: rest.replace(/^:::[\w-]+/, '') };
}

export function mermaidToDesign(source: string, kinds: readonly KindName[]): MermaidImport {
  const header = HEADER.exec(source);
  if (!header) return { ok: false, error: 'This is not a Mermaid flowchart (it does not start with "flowchart" or "graph").' };
  const name = /%%\s*([^\n]+)/.exec(source.slice(header[0].length).split('\n').find((l) => l.trim() !== '') ?? '')?.[1];
  const nodes = new Map<string, DesignNode>();
  const edges: DesignEdge[] = [];
  const frames: string[] = [];
  const skipped: number[] = [];
  const parentOf = () => frames.at(-1);
  const use = (id: string, text?: string, isFrame = false) => {
    const known = nodes.get(id);
    if (known) {
      if (text !== undefined && !isFrame) Object.assign(known, { label: text, kind: guessKind(text, kinds) });
      return;
    }
    const label = text ?? id;
    const node: DesignNode = { id, kind: isFrame ? GROUP_KIND : guessKind(label, kinds), label, position: { x: 0, y: 0 }, params: {} };
    if (parentOf()) node.parentId = parentOf();
    nodes.set(id, node);
  };

  for (const st of statements(source.slice(header[0].length), header[0].split('\n').length)) {
    if (IGNORED.test(st.text)) continue;
    if (st.text === 'end') {
      frames.pop();
      continue;
    }
    const sub = /^subgraph\s+(.*)$/.exec(st.text);
    if (sub) {
      const r = readNode(sub[1].trim().replace(/^(\w+)\s+(?=[[({])/, '$1'));
      const id = r && r.rest.trim() === '' ? r.id : `frame-${frames.length}-${st.line}`;
      use(id, r?.text ?? (r && r.rest.trim() === '' ? r.id : plain(sub[1].replace(/^"|"$/g, ''))), true);
      frames.push(id);
      continue;
    }
    if (!readChain(st.text, use, edges)) skipped.push(st.line);
  }
  if (nodes.size === 0) return { ok: false, error: 'This Mermaid flowchart has no nodes this app can read.' };
  const all = [...nodes.values()];
  // A node may be called e1 too: connection ids are chosen once every node id is known.
  const taken = new Set(nodes.keys());
  for (const e of edges) taken.add((e.id = nextId(taken, 'e')));
  placeInColumns(all, edges);
  const design = { format: FORMAT, version: FORMAT_VERSION, name: name?.trim() || 'Imported flowchart', nodes: all, edges, notes: {} };
  return { ok: true, design, skipped };
}

/** `A & B --> C -.-> D`: the nodes and links of one statement, all or nothing; false when it cannot be read. */
function readChain(text: string, use: (id: string, text?: string) => void, edges: DesignEdge[]): boolean {
  const seen: [string, string | undefined][] = [];
  const links: DesignEdge[] = [];
  let rest = text;
  let prev: string[] | null = null;
  let mode: EdgeMode = 'sync';
  let label: string | undefined;
  for (;;) {
    const group: string[] = [];
    for (;;) {
      const n = readNode(rest.trimStart());
      if (!n) return false;
      seen.push([n.id, n.text]);
      group.push(n.id);
      rest = n.rest.trimStart();
      if (!rest.startsWith('&')) break;
      rest = rest.slice(1);
    }
    for (const source of prev ?? []) {
      for (const target of group) links.push({ id: '', source, target, params: { mode }, ...(label ? { label } : {}) });
    }
    if (rest === '') break;
    const link = LINK.exec(rest);
    if (!link) return false;
    rest = rest.slice(link[0].length);
    const pipe = /^\s*\|([^|]*)\|/.exec(rest);
    if (pipe) rest = rest.slice(pipe[0].length);
    const said = plain(pipe?.[1] ?? link[3] ?? '').replace(/^"|"$/g, '');
    const offline = /^offline\b:?\s*/i.exec(said);
    mode = offline ? 'offline' : link[4].includes('.') || link[2] === '-.' ? 'async' : 'sync';
    label = (offline ? said.slice(offline[0].length) : said) || undefined;
    prev = group;
  }
  for (const [id, t] of seen) use(id, t);
  edges.push(...links);
  return true;
}
