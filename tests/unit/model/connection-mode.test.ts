// A new connection takes the mode of what it joins: nobody waits on training (offline), a
// message into Kafka is taken up later (async), a call between online services is waited for.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog';
import { Editor } from '../../../src/app/editor.svelte';
import { connectionMode } from '../../../src/model/connection-mode';
import { addComponent, connectNodes } from '../../../src/model/commands';
import { emptyDesign, type DesignNode, type EdgeMode } from '../../../src/model/design';

const kinds = catalog.kinds;

/** Connects a node of kind `a` to one of kind `b` through the editor, as the canvas does. */
function connected(a: string, b: string): EdgeMode {
  const editor = new Editor();
  const s = editor.addComponent(a, { x: 0, y: 0 });
  const t = editor.addComponent(b, { x: 300, y: 0 });
  editor.connect(s, t);
  return editor.design.edges[0].params.mode;
}

/** Adds a node of kind `b` connected from the selected one of kind `a` (palette, Ctrl+K). */
function addedFrom(a: string, b: string): EdgeMode {
  const editor = new Editor();
  const s = editor.addComponent(a, { x: 0, y: 0 });
  editor.addComponent(b, { x: 300, y: 0 }, s);
  return editor.design.edges[0].params.mode;
}

describe('connection mode from the kinds joined', () => {
  it('every pair of catalog kinds, connected or added from, gets the mode the rule gives', () => {
    const seen = new Set<EdgeMode>();
    for (const a of kinds) {
      for (const b of kinds) {
        if (a.kind === b.kind) continue;
        const mode = connectionMode(a, b);
        seen.add(mode);
        expect(connected(a.kind, b.kind), `${a.kind} → ${b.kind}`).toBe(mode);
        expect(addedFrom(a.kind, b.kind), `${a.kind} → ${b.kind} (added)`).toBe(mode);
        // What the rule promises, pair by pair.
        if (b.role === 'offline' || a.role === 'offline') expect(mode, `${a.kind} → ${b.kind}`).toBe('offline');
        else if (b.category === 'streaming' || b.kind === 'event-collector') expect(mode, `${a.kind} → ${b.kind}`).toBe('async');
        else if (a.category !== 'streaming' && b.kind !== 'object-storage') expect(mode, `${a.kind} → ${b.kind}`).toBe('sync');
      }
    }
    expect([...seen].sort()).toEqual(['async', 'offline', 'sync']);
  });

  it.each([
    ['client', 'kafka', 'async'],
    ['client', 'event-collector', 'async'],
    ['app-service', 'task-queue', 'async'],
    ['kafka', 'stream-processor', 'async'],
    ['kafka', 'training-cluster', 'offline'],
    ['training-cluster', 'model-registry', 'offline'],
    ['model-registry', 'model-server-gpu', 'offline'],
    ['app-service', 'feature-store-offline', 'offline'],
    ['app-service', 'object-storage', 'offline'],
    ['kafka', 'data-lake', 'offline'],
    ['client', 'api-gateway', 'sync'],
    ['api-gateway', 'model-server-gpu', 'sync'],
    ['ranking-service', 'feature-store-online', 'sync'],
    ['client', 'ab-testing', 'sync'],
  ] as const)('%s → %s is %s', (a, b, mode) => {
    expect(connected(a, b)).toBe(mode);
  });

  it('an unknown kind counts as an online service; a mode given explicitly is kept', () => {
    const node = (id: string, kind: string): DesignNode => ({ id, kind, position: { x: 0, y: 0 }, params: {} });
    const roleOf = (k: string) => catalog.get(k);
    let d = addComponent(emptyDesign('t'), node('a', 'made-up'), undefined, roleOf);
    d = addComponent(d, node('b', 'kafka'), 'a', roleOf);
    d = addComponent(d, node('c', 'made-up'), 'a', roleOf);
    expect(d.edges.map((e) => e.params.mode)).toEqual(['async', 'sync']);
    d = connectNodes(d, 'b', 'c', { mode: 'sync' }, roleOf);
    expect(d.edges.at(-1)!.params.mode).toBe('sync');
    // Without the catalog the model has no roles to read: every connection is a plain call.
    expect(connectNodes(d, 'c', 'b').edges.at(-1)!.params.mode).toBe('sync');
  });
});
