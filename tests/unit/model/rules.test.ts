// The rules at the entrance: text cleaned and cut on code points, numbers clamped or refused by
// every command, so an edited design always saves and reopens.
import { describe, expect, it } from 'vitest';
import { emptyDesign, type Design } from '../../../src/model/design';
import { addNodes, moveNodes, nudge, rename, setNotes, setReplicas, setSlo, updateEdge, updateNode, connect } from '../../../src/model/commands';
import { COORD_LIMIT, PARAM_RULES, TEXT_LIMITS } from '../../../src/model/rules';
import { cleanText, codePointLength, cutText } from '../../../src/model/text';
import { restore } from '../../../src/persistence/restore';
import { catalog } from '../../../src/catalog';

const opts = { defaultsFor: (k: string) => catalog.defaultsFor(k) };
const ESC = '\u001b';
const EMOJI = '😀';

function design(): Design {
  const d = addNodes(emptyDesign('t'), [
    { id: 'c', kind: 'client', label: 'Users', position: { x: 0, y: 0 }, params: catalog.defaultsFor('client')! },
    { id: 'f', kind: 'feature-store-online', label: 'Features', position: { x: 300, y: 0 }, params: catalog.defaultsFor('feature-store-online')! },
  ]);
  return connect(d, { id: 'e1', source: 'c', target: 'f', params: { mode: 'sync' } });
}

/** Saved as JSON and opened again: the same bytes, or the reason it is not. */
function reopened(d: Design): string {
  const r = restore(JSON.stringify(d), opts);
  if (!r.ok) return `refused: ${r.error}`;
  return JSON.stringify(r.design);
}

describe('text at the entrance', () => {
  it('removes what XML cannot carry and keeps tab, newline, return and whole emoji', () => {
    expect(cleanText(`a${ESC}[31mb\u0000c\uFFFEd\uFFFF`)).toBe('a[31mbcd');
    expect(cleanText('x\ty\nz\r')).toBe('x\ty\nz\r');
    expect(cleanText(`${EMOJI}\uD83D`)).toBe(EMOJI);
    expect(cleanText('\uDE00tail')).toBe('tail');
  });

  it('cuts on code points, never inside an emoji', () => {
    const label = 'a'.repeat(TEXT_LIMITS.label - 1) + EMOJI + EMOJI;
    const cut = cutText(label, TEXT_LIMITS.label);
    expect(codePointLength(cut)).toBe(TEXT_LIMITS.label);
    expect(cut.endsWith(EMOJI)).toBe(true);
    expect(cleanText(cut)).toBe(cut);
  });
});

describe('commands keep a design within the rules', () => {
  it('a capacity plan of 375,001 replicas is clamped to the rule, and the design reopens', () => {
    const d = setReplicas(design(), { f: 375_001 });
    expect(d.nodes[1].params.replicas).toBe(PARAM_RULES.replicas.max);
    expect(reopened(d)).toBe(JSON.stringify(d));
  });

  it('a replica count that is not a number changes nothing', () => {
    const d = design();
    expect(setReplicas(d, { f: Number.NaN })).toBe(d);
    expect(setReplicas(d, { f: 2.6 }).nodes[1].params.replicas).toBe(3);
  });

  it('a parameter edit is clamped; NaN or text keeps the value that was there', () => {
    const d = design();
    const rps = (p: object) => updateNode(d, 'c', { params: { ...d.nodes[0].params, ...p } }).nodes[0].params.rps;
    expect(rps({ rps: 2e8 })).toBe(PARAM_RULES.rps.max);
    expect(rps({ rps: Infinity })).toBe(d.nodes[0].params.rps);
    expect(rps({ rps: Number.NaN })).toBe(d.nodes[0].params.rps);
    expect(rps({ rps: '5' })).toBe(d.nodes[0].params.rps);
    const odd = updateNode(d, 'f', { params: { ...d.nodes[1].params, service: [] as never, dispatch: 'sideways' as never, extra: [Infinity] } });
    expect(odd.nodes[1].params.service).toEqual(d.nodes[1].params.service);
    expect(odd.nodes[1].params.dispatch).toBe(d.nodes[1].params.dispatch);
    expect(reopened(odd)).toBe(JSON.stringify(odd));
  });

  it('labels, notes and names are cleaned and cut at their limits', () => {
    let d = updateNode(design(), 'c', { label: `${ESC}x`.repeat(TEXT_LIMITS.label) });
    expect(d.nodes[0].label).toBe('x'.repeat(TEXT_LIMITS.label));
    d = rename(d, `  ${'n'.repeat(199)} tail  `);
    expect(d.name).toBe('n'.repeat(199));
    d = setNotes(d, 'requirements', '\uD800'.repeat(10) + 'y'.repeat(TEXT_LIMITS.note + 5));
    expect(codePointLength(d.notes.requirements)).toBe(TEXT_LIMITS.note);
    expect(rename(d, ` ${ESC} `).name).toBe('Untitled design');
    expect(reopened(d)).toBe(JSON.stringify(d));
  });

  it('positions stay within ±1e7, whatever a move or a nudge asks', () => {
    let d = moveNodes(design(), new Map([['c', { x: 5e9, y: -Infinity }]]));
    expect(d.nodes[0].position).toEqual({ x: COORD_LIMIT, y: 0 });
    d = nudge(d, ['c', 'f'], 1e7, 1e7);
    expect(d.nodes.map((n) => n.position)).toEqual([{ x: COORD_LIMIT, y: COORD_LIMIT }, { x: COORD_LIMIT, y: COORD_LIMIT }]);
    expect(reopened(d)).toBe(JSON.stringify(d));
  });

  it('connection parameters are clamped, and a pasted node with hostile values is fitted', () => {
    let d = updateEdge(design(), 'e1', { params: { mode: 'sync', probability: 7, networkMs: Number.NaN } });
    expect(d.edges[0].params).toEqual({ mode: 'sync', probability: 1 });
    d = addNodes(d, [{ id: 'p', kind: 'cache', label: 'L' + ESC, position: { x: Number.NaN, y: 1e300 }, params: { ...catalog.defaultsFor('cache'), replicas: 1e9, note: 'x' + ESC }, size: { width: 1, height: 1e99 } }]);
    expect(d.nodes[2]).toMatchObject({ label: 'L', position: { x: 0, y: COORD_LIMIT }, params: { replicas: PARAM_RULES.replicas.max, note: 'x' }, size: { width: 40, height: COORD_LIMIT } });
    expect(reopened(d)).toBe(JSON.stringify(d));
  });

  it('an SLO is clamped to its rules; zero or NaN is refused', () => {
    const d = design();
    expect(setSlo(d, { p99Ms: 150, rps: 2e8 }).slo).toEqual({ p99Ms: 150, rps: PARAM_RULES.rps.max });
    expect(setSlo(d, { p99Ms: 0, rps: 10 })).toBe(d);
    expect(setSlo(d, { p99Ms: Number.NaN, rps: 10 })).toBe(d);
    expect(setSlo(setSlo(d, { p99Ms: 1, rps: 1 }), null).slo).toBeUndefined();
  });
});
