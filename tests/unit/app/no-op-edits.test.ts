// An edit that changes nothing returns the very design it was given: no new history entry, no
// autosave, no rerun of anything that watches the design.
import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import * as cmd from '../../../src/model/commands';
import type { Design } from '../../../src/model/design';

function sample() {
  const editor = new Editor();
  const a = editor.addComponent('client', { x: 0, y: 0 });
  const b = editor.addComponent('model-server-cpu', { x: 300, y: 0 }, a);
  const frame = editor.addFrame({ x: 600, y: 0 });
  const note = editor.addNote({ x: 0, y: 300 });
  editor.setStepNote('requirements', 'p99 < 200 ms');
  editor.setSlo({ p99Ms: 200, rps: 500 });
  return { editor, d: editor.design, a, b, frame, note, e: editor.design.edges[0] };
}

describe('a no-op edit returns the same design', () => {
  const { editor, d, a, b, frame, note, e } = sample();
  const na = d.nodes.find((n) => n.id === a)!;
  const cases: [string, (d: Design) => Design][] = [
    ['rename to the same name', (x) => cmd.rename(x, x.name)],
    ['add nothing', (x) => cmd.addNodes(x, [])],
    ['connect an existing pair', (x) => cmd.connectNodes(x, a, b)],
    ['connect a node to itself', (x) => cmd.connectNodes(x, a, a)],
    ['remove nothing', (x) => cmd.removeElements(x, ['nope'], ['nope'])],
    ['move to where it is', (x) => cmd.moveNodes(x, new Map([[a, na.position]]))],
    ['nudge by nothing', (x) => cmd.nudge(x, [a, b], 0, 0)],
    ['update a node to what it is', (x) => cmd.updateNode(x, a, { label: na.label, params: na.params })],
    ['set a parameter to its value', (x) => cmd.setNodeParam(x, a, 'rps', na.params.rps)],
    ['set a parameter of a missing node', (x) => cmd.setNodeParam(x, 'nope', 'rps', 5)],
    ['set a connection mode to its mode', (x) => cmd.setEdgeParams(x, e.id, { mode: e.params.mode })],
    ['update a connection to what it is', (x) => cmd.updateEdge(x, e.id, { params: e.params })],
    ['set the replicas it has', (x) => cmd.setReplicas(x, { [b]: x.nodes.find((n) => n.id === b)!.params.replicas ?? 1 })],
    ['set the SLO it has', (x) => cmd.setSlo(x, { p99Ms: 200, rps: 500 })],
    ['set a step note to its text', (x) => cmd.setNotes(x, 'requirements', 'p99 < 200 ms')],
    ['put a node in the frame it is not leaving', (x) => cmd.setParent(x, [a], undefined)],
    ['frame nothing', (x) => cmd.frameNodes(x, { id: 'g9', kind: 'group', position: { x: 0, y: 0 }, params: {} }, [])],
    ['reconnect to the same ends', (x) => cmd.reconnect(x, e.id, a, b)],
    ['reconnect into a loop', (x) => cmd.reconnect(x, e.id, a, a)],
    ['reconnect to a missing node', (x) => cmd.reconnect(x, e.id, a, 'nope')],
    ['drop nodes where they are, outside any frame', (x) => cmd.dropNodes(x, new Map([[a, na.position]]))],
    ['drop nothing', (x) => cmd.dropNodes(x, new Map())],
    ['resize a note to its size', (x) => cmd.updateNode(x, note, { size: x.nodes.find((n) => n.id === note)!.size })],
    ['move a frame to where it is', (x) => cmd.updateNode(x, frame, { position: x.nodes.find((n) => n.id === frame)!.position })],
  ];
  it.each(cases)('%s', (_what, edit) => {
    expect(edit(d)).toBe(d);
  });

  it('the editor adds no undo step for a no-op verb', () => {
    const history = editor.history;
    editor.setParam(a, 'rps', na.params.rps);
    editor.setEdgeParams(e.id, { mode: e.params.mode });
    editor.reconnect(e.id, a, b);
    editor.dropNodes(new Map([[a, na.position]]));
    editor.rename(d.name);
    expect(editor.design).toBe(d);
    expect(editor.history.past).toBe(history.past);
  });

  it('a second pipe between the same two components is refused when reconnecting', () => {
    const c = editor.addComponent('cache', { x: 300, y: 200 }, a);
    const second = editor.design.edges.find((x) => x.target === c)!;
    const before = editor.design;
    editor.reconnect(second.id, a, b);
    expect(editor.design).toBe(before);
  });
});
