import { describe, expect, it } from 'vitest';
import { emptyDesign, type Design, type DesignNode } from '../../../src/model/design';
import { addNodes, connect, moveNodes, removeElements, setParent, updateNode, absolutePosition, nudge } from '../../../src/model/commands';
import { cloneFragment, extractFragment } from '../../../src/model/fragment';

const node = (id: string, x = 0, y = 0, extra: Partial<DesignNode> = {}): DesignNode => ({ id, kind: 'cache', position: { x, y }, params: {}, ...extra });
const edge = (id: string, source: string, target: string) => ({ id, source, target, params: { mode: 'sync' as const } });

function sample(): Design {
  let d = addNodes(emptyDesign('t'), [node('a'), node('b', 300), node('c', 600)]);
  d = connect(d, edge('e1', 'a', 'b'));
  return connect(d, edge('e2', 'b', 'c'));
}

describe('commands', () => {
  it('never mutates and keeps identity of unchanged parts', () => {
    const d = sample();
    const frozen = JSON.stringify(d);
    const moved = moveNodes(d, new Map([['a', { x: 5, y: 6 }]]));
    expect(JSON.stringify(d)).toBe(frozen);
    expect(moved.nodes[0].position).toEqual({ x: 5, y: 6 });
    expect(moved.nodes[1]).toBe(d.nodes[1]);
    expect(moved.edges).toBe(d.edges);
  });

  it('returns the same design when nothing changes', () => {
    const d = sample();
    expect(moveNodes(d, new Map([['a', { x: 0, y: 0 }]]))).toBe(d);
    expect(removeElements(d, ['nope'])).toBe(d);
    expect(connect(d, edge('e9', 'a', 'b'))).toBe(d);
    expect(connect(d, edge('e9', 'a', 'a'))).toBe(d);
  });

  it('removing a component removes its connections', () => {
    const d = removeElements(sample(), ['b']);
    expect(d.nodes.map((n) => n.id)).toEqual(['a', 'c']);
    expect(d.edges).toEqual([]);
  });

  it('a frame carries its members: deleting it deletes them', () => {
    let d = addNodes(sample(), [node('g', 100, 100, { kind: 'group', size: { width: 400, height: 300 } })]);
    d = setParent(d, ['a'], 'g');
    expect(d.nodes.find((n) => n.id === 'a')!.position).toEqual({ x: -100, y: -100 });
    expect(absolutePosition(d, d.nodes.find((n) => n.id === 'a')!)).toEqual({ x: 0, y: 0 });
    const moved = moveNodes(d, new Map([['g', { x: 200, y: 100 }]]));
    expect(absolutePosition(moved, moved.nodes.find((n) => n.id === 'a')!)).toEqual({ x: 100, y: 0 });
    const gone = removeElements(d, ['g']);
    expect(gone.nodes.map((n) => n.id)).toEqual(['b', 'c']);
    const out = setParent(d, ['a'], undefined);
    expect(out.nodes.find((n) => n.id === 'a')).toMatchObject({ position: { x: 0, y: 0 } });
    expect(out.nodes.find((n) => n.id === 'a')!.parentId).toBeUndefined();
  });

  it('frames are placed before other nodes so members draw above them', () => {
    const d = addNodes(sample(), [node('g', 0, 0, { kind: 'group' })]);
    expect(d.nodes[0].id).toBe('g');
  });

  it('updates a node and nudges a selection', () => {
    const d = updateNode(sample(), 'a', { label: 'Edge' });
    expect(d.nodes[0].label).toBe('Edge');
    expect(nudge(d, ['a', 'b'], 10, -1).nodes.map((n) => n.position)).toEqual([{ x: 10, y: -1 }, { x: 310, y: -1 }, { x: 600, y: 0 }]);
  });
});

describe('fragments (copy, duplicate, paste)', () => {
  it('copies the selection with the edges among it under fresh ids', () => {
    const d = sample();
    const frag = extractFragment(d, ['a', 'b']);
    expect(frag.edges.map((e) => e.id)).toEqual(['e1']);
    const copy = cloneFragment(d, frag);
    expect(copy.nodes.map((n) => n.id)).toEqual(['cache-1', 'cache-2']);
    expect(copy.nodes[0].position).toEqual({ x: 40, y: 40 });
    expect(copy.edges[0]).toMatchObject({ source: 'cache-1', target: 'cache-2' });
    const pasted = addNodes(d, copy.nodes, copy.edges);
    expect(new Set(pasted.nodes.map((n) => n.id)).size).toBe(5);
  });

  it('copying a frame copies its members, re-parented to the copy', () => {
    let d = addNodes(sample(), [node('g', 100, 100, { kind: 'group' })]);
    d = setParent(d, ['a', 'b'], 'g');
    const copy = cloneFragment(d, extractFragment(d, ['g']));
    expect(copy.nodes).toHaveLength(3);
    const g2 = copy.nodes.find((n) => n.kind === 'group')!;
    expect(copy.nodes.filter((n) => n.parentId === g2.id)).toHaveLength(2);
    expect(copy.edges).toHaveLength(1);
  });

  it('a member copied without its frame lands at its canvas position', () => {
    let d = addNodes(sample(), [node('g', 100, 100, { kind: 'group' })]);
    d = setParent(d, ['b'], 'g');
    const frag = extractFragment(d, ['b']);
    expect(frag.nodes[0].parentId).toBeUndefined();
    expect(frag.nodes[0].position).toEqual({ x: 300, y: 0 });
  });
});
