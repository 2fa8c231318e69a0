import { describe, expect, it } from 'vitest';
import { Position } from '@xyflow/svelte';
import { designId, flowEdges, flowId, flowNodes, type FlowNode } from '../../../src/ui/canvas/flow-adapter';
import { ARROW_LENGTH, arrowHead, pipeWidth } from '../../../src/ui/canvas/pipe-look';
import { emptyDesign, NOTE_KIND, type Design } from '../../../src/model/design';
import { addNodes, moveNodes, updateNode } from '../../../src/model/commands';

function design(): Design {
  const nodes = ['a', 'b', 'c'].map((id, i) => ({ id, kind: 'cache', position: { x: i * 240, y: 0 }, params: {} }));
  const edges = [{ id: 'e1', source: 'a', target: 'b', params: { mode: 'sync' as const } }];
  return addNodes(emptyDesign(), nodes, edges);
}

/** What xyflow does once it has drawn the nodes: replaces each with a copy that knows its size. */
const measured = (nodes: FlowNode[]) => nodes.map((n) => ({ ...n, measured: { width: 184, height: 64 } }));

describe('design → canvas nodes', () => {
  it('hands back the very array the canvas holds when nothing it shows changed', () => {
    const d = design();
    const held = measured(flowNodes(d, new Set(), undefined, []));
    expect(flowNodes(d, new Set(), undefined, held)).toBe(held);
  });

  it("keeps xyflow's measured objects on a selection, replacing only the selected node", () => {
    const d = design();
    const held = measured(flowNodes(d, new Set(), undefined, []));
    const next = flowNodes(d, new Set(['b']), undefined, held);
    expect(next[0]).toBe(held[0]);
    expect(next[2]).toBe(held[2]);
    expect(next[1]).not.toBe(held[1]);
    expect(next[1].selected).toBe(true);
    // Without its measurement xyflow would forget the node's handles and drop its edges.
    expect(next[1].measured).toEqual({ width: 184, height: 64 });
  });

  it('keeps every unchanged node when an edit adds at the end, adds a frame in front, or removes one', () => {
    const d = design();
    const held = measured(flowNodes(d, new Set(), undefined, []));
    const byId = (nodes: FlowNode[]) => new Map(nodes.map((n) => [n.id, n]));
    const added = flowNodes(addNodes(d, [{ id: 'd', kind: 'cache', position: { x: 0, y: 200 }, params: {} }]), new Set(), undefined, held);
    expect(added.slice(0, 3)).toEqual(held);
    expect(added.slice(0, 3).every((n, i) => n === held[i])).toBe(true);
    const framed = flowNodes(addNodes(d, [{ id: 'f', kind: 'group', position: { x: 0, y: 0 }, size: { width: 600, height: 300 }, params: {} }]), new Set(), undefined, held);
    expect(framed.map((n) => n.id)).toEqual(['f', 'a', 'b', 'c']);
    for (const n of held) expect(byId(framed).get(n.id)).toBe(n);
    const removed = flowNodes({ ...d, nodes: d.nodes.filter((n) => n.id !== 'a') }, new Set(), undefined, held);
    expect(removed).toEqual([held[1], held[2]]);
    expect(removed[0]).toBe(held[1]);
  });

  it('moves a node to its place in the design, keeping its measurement', () => {
    const d = design();
    const held = measured(flowNodes(d, new Set(), undefined, []));
    const moved = moveNodes(d, new Map([['a', { x: 10, y: 20 }]]));
    const next = flowNodes(moved, new Set(), undefined, held);
    expect(next[0].position).toEqual({ x: 10, y: 20 });
    expect(next[0].measured).toEqual({ width: 184, height: 64 });
    expect(next[1]).toBe(held[1]);
  });

  it('lets a frame whose size changed be measured again', () => {
    const d = addNodes(emptyDesign(), [{ id: 'f', kind: 'group', position: { x: 0, y: 0 }, size: { width: 300, height: 200 }, params: {} }]);
    const held = flowNodes(d, new Set(), undefined, []).map((n) => ({ ...n, measured: { width: 300, height: 200 } }));
    const next = flowNodes(updateNode(d, 'f', { size: { width: 400, height: 200 } }), new Set(), undefined, held);
    expect(next[0].measured).toBeUndefined();
    expect(next[0].width).toBe(400);
  });

  it('gives components of a design drawn only where visible their size and handles, so xyflow need not draw them first', () => {
    const d = addNodes(design(), [{ id: 'c2', kind: NOTE_KIND, position: { x: 0, y: 200 }, params: {} }], []);
    const next = flowNodes(d, new Set(), undefined, [], true);
    const [a] = next;
    expect(a.measured).toEqual({ width: 184, height: 64 });
    expect(a.handles!.map((h) => [h.type, h.position, h.x + (h.position === Position.Right ? h.width! : 0), h.y + h.height! / 2])).toEqual([
      ['target', Position.Left, -3, 32],
      ['source', Position.Right, 187, 32],
    ]);
    // A note draws at its own size: xyflow measures it.
    expect(next[3].handles).toBeUndefined();
    expect(next[3].measured).toBeUndefined();
    // Drawn taller (presentation), xyflow's own measurement stands: declared handles would be wrong.
    const tall = next.map((n) => ({ ...n, measured: { width: 184, height: 92 }, handles: undefined }));
    const again = flowNodes(updateNode(d, 'a', { label: 'A' }), new Set(), undefined, tall, true);
    expect(again[0].measured).toEqual({ width: 184, height: 92 });
    expect(again[0].handles).toBeUndefined();
    // Drawn whole, nothing is declared.
    expect(flowNodes(d, new Set(), undefined, [])[0].measured).toBeUndefined();
  });
});

describe('design → canvas edges', () => {
  it('keeps edge objects the canvas holds unless their traffic or selection changed', () => {
    const d = design();
    const held = flowEdges(d, new Set(), undefined, []);
    expect(flowEdges(d, new Set(), undefined, held)).toBe(held);
    const busy = flowEdges(d, new Set(), new Map([['e1', 50]]), held);
    expect(busy[0]).not.toBe(held[0]);
    expect(busy[0].data).toMatchObject({ trafficRps: 50, maxTrafficRps: 50 });
  });

  it('keeps the edges a new connection does not touch, and the rest after one is removed', () => {
    const d = design();
    const held = flowEdges(d, new Set(), undefined, []);
    const more = addNodes(d, [], [{ id: 'e2', source: 'b', target: 'c', params: { mode: 'async' } }]);
    const grown = flowEdges(more, new Set(), undefined, held);
    expect(grown[0]).toBe(held[0]);
    const both = flowEdges(more, new Set(), undefined, grown);
    expect(both).toBe(grown);
    const less = flowEdges({ ...more, edges: more.edges.filter((e) => e.id !== 'e1') }, new Set(), undefined, both);
    expect(less).toEqual([both[1]]);
    expect(less[0]).toBe(both[1]);
  });
});

describe('pipe look', () => {
  it('draws the same arrowhead on a thin and on the busiest pipe, its tip on the handle', () => {
    const a = arrowHead(100, 50, Position.Left);
    expect(a).toEqual({ baseX: 100 - ARROW_LENGTH, baseY: 50, d: 'M90,55L100,50L90,45Z' });
    expect(pipeWidth(undefined, 0)).toBe(1.5);
    expect(pipeWidth(1000, 1000)).toBe(6);
  });

  it('points the arrow into the node whichever side it enters', () => {
    expect(arrowHead(0, 0, Position.Top)).toMatchObject({ baseX: 0, baseY: -ARROW_LENGTH });
    expect(arrowHead(0, 0, Position.Right)).toMatchObject({ baseX: ARROW_LENGTH, baseY: 0 });
  });
});

describe('ids crossing to xyflow', () => {
  const HOSTILE = ['a"b', 'x]y', '\\', '</script>', 'a~22~b', "it's", 'new\nline', '🚀', 'lone \ud800', '', '_-', 'ä b'];

  it('makes every id safe inside a quoted CSS selector and gives it back exactly', () => {
    for (const id of HOSTILE) {
      const f = flowId(id);
      expect(f, id).toMatch(/^[A-Za-z0-9_~-]*$/);
      expect(designId(f), id).toBe(id);
    }
    // Different ids stay different, even one that looks like an escaped one.
    expect(new Set(HOSTILE.map(flowId)).size).toBe(HOSTILE.length);
  });

  it('leaves the ids the app makes as they are', () => {
    for (const id of ['cache-1', 'n0', 'e12', 'ranking-service-3', 'g_1']) expect(flowId(id)).toBe(id);
  });

  it('hands xyflow nodes, parents and edges by the safe ids, and keeps our ids in the data', () => {
    const nodes = [
      { id: 'f"1', kind: 'group', position: { x: 0, y: 0 }, size: { width: 400, height: 300 }, params: {} },
      { id: 'a"b', kind: 'cache', position: { x: 10, y: 10 }, parentId: 'f"1', params: {} },
      { id: 'x]y', kind: 'cache', position: { x: 300, y: 0 }, params: {} },
    ];
    const d = addNodes(emptyDesign(), nodes, [{ id: 'e"1', source: 'a"b', target: 'x]y', params: { mode: 'sync' as const } }]);
    const fn = flowNodes(d, new Set(['a"b']), undefined, []);
    expect(fn.map((n) => n.id)).toEqual(['f~22~1', 'a~22~b', 'x~5d~y']);
    expect(fn[1].parentId).toBe('f~22~1');
    expect(fn[1].selected).toBe(true);
    expect(fn[1].data.node.id).toBe('a"b');
    const fe = flowEdges(d, new Set(), undefined, []);
    expect([fe[0].id, fe[0].source, fe[0].target]).toEqual(['e~22~1', 'a~22~b', 'x~5d~y']);
    // Held objects are found again by our ids: nothing changed, the same array comes back.
    expect(flowNodes(d, new Set(['a"b']), undefined, fn)).toBe(fn);
    expect(flowEdges(d, new Set(), undefined, fe)).toBe(fe);
  });
});

describe('what xyflow adds by itself', () => {
  it('an edge xyflow drew on a connection, without our data, is replaced by the design\'s', () => {
    const d = design();
    const held = [...flowEdges(d, new Set(), undefined, []), { id: 'xy-edge__ab', source: 'a', target: 'b' }];
    const next = flowEdges(d, new Set(), undefined, held as never);
    expect(next.map((e) => e.id)).toEqual(['e1']);
  });
});
