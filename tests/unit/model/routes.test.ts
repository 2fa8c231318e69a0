import { describe, expect, it } from 'vitest';
import * as cmd from '../../../src/model/commands';
import { cloneFragment, extractFragment } from '../../../src/model/fragment';
import { dropRoutesAt, ROUTE_MAX_POINTS } from '../../../src/model/routes';
import type { Design } from '../../../src/model/design';
import { COORD_LIMIT } from '../../../src/model/rules';
import { designToJson } from '../../../src/persistence/design-file';
import { restore } from '../../../src/persistence/restore';
import { decodeShareLink, encodeShareLink } from '../../../src/persistence/share-link';

const ROUTE = [{ x: 220, y: 32 }, { x: 220, y: 232 }, { x: 380, y: 232 }];

/** a → b (routed), b → c (routed), c → d (plain); frame g holds c. */
function routed(): Design {
  return {
    format: 'mlsd-design', version: 1, name: 'routes', notes: {},
    nodes: [
      { id: 'g', kind: 'group', position: { x: 600, y: 0 }, size: { width: 400, height: 200 }, params: {} },
      { id: 'a', kind: 'cache', position: { x: 0, y: 0 }, params: {} },
      { id: 'b', kind: 'cache', position: { x: 400, y: 200 }, params: {} },
      { id: 'c', kind: 'cache', position: { x: 40, y: 60 }, parentId: 'g', params: {} },
      { id: 'd', kind: 'cache', position: { x: 1200, y: 0 }, params: {} },
    ],
    edges: [
      { id: 'ab', source: 'a', target: 'b', params: { mode: 'sync' }, route: ROUTE },
      { id: 'bc', source: 'b', target: 'c', params: { mode: 'sync' }, route: [{ x: 610, y: 232 }, { x: 610, y: 92 }] },
      { id: 'cd', source: 'c', target: 'd', params: { mode: 'sync' } },
    ],
  };
}
const routeOf = (d: Design, id: string) => d.edges.find((e) => e.id === id)!.route;

describe('a connection route', () => {
  it('comes back the same from a saved file and from a share link', async () => {
    const d = routed();
    const file = restore(designToJson(d));
    expect(file.ok && file.design.edges.map((e) => e.route)).toEqual([ROUTE, d.edges[1].route, undefined]);
    expect(file.ok && file.warnings).toEqual([]);
    const link = await decodeShareLink(await encodeShareLink(d));
    expect(link.ok && link.design.edges.map((e) => e.route)).toEqual([ROUTE, d.edges[1].route, undefined]);
  });

  it.each([
    ['not a list', { x: 1, y: 2 }],
    ['a point without y', [{ x: 1 }]],
    ['a point out of the canvas', [{ x: COORD_LIMIT * 2, y: 0 }]],
    ['a number too large for JSON', '1e999'],
    ['too many points', Array.from({ length: ROUTE_MAX_POINTS + 1 }, (_, i) => ({ x: i, y: 0 }))],
  ])('is dropped with a warning when it is %s, and the rest opens unchanged', (_what, bad) => {
    const json = designToJson(routed()).replace(JSON.stringify(ROUTE, null, 2).replace(/\n/g, '\n      '), '"BAD"');
    expect(json).toContain('"BAD"');
    const r = restore(json.replace('"BAD"', typeof bad === 'string' ? `[{"x": ${bad}, "y": 0}]` : JSON.stringify(bad)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(routeOf(r.design, 'ab')).toBeUndefined();
    expect(routeOf(r.design, 'bc')).toEqual(routed().edges[1].route);
    expect(r.warnings).toEqual([expect.stringMatching(/^1 connection had a route that could not be drawn/)]);
  });

  it('is dropped when either end is moved by hand, and kept on connections that did not move', () => {
    const d = routed();
    const moved = cmd.moveNodes(d, new Map([['b', { x: 420, y: 200 }]]));
    expect([routeOf(moved, 'ab'), routeOf(moved, 'bc')]).toEqual([undefined, undefined]);
    const nudged = cmd.nudge(d, ['a'], 10, 0);
    expect([routeOf(nudged, 'ab'), routeOf(nudged, 'bc')]).toEqual([undefined, d.edges[1].route]);
    const patched = cmd.updateNode(d, 'a', { position: { x: 5, y: 5 } });
    expect(routeOf(patched, 'ab')).toBeUndefined();
    const dropped = cmd.dropNodes(d, new Map([['a', { x: 0, y: 30 }]]));
    expect(routeOf(dropped, 'ab')).toBeUndefined();
  });

  it('is dropped for the connections of a frame\'s members when the frame moves', () => {
    const d = cmd.moveNodes(routed(), new Map([['g', { x: 650, y: 0 }]]));
    expect([routeOf(d, 'ab'), routeOf(d, 'bc')]).toEqual([ROUTE, undefined]);
  });

  it('stays when nothing moves, and is dropped when the connection is moved to other ends or copied', () => {
    const d = routed();
    expect(cmd.moveNodes(d, new Map([['a', { x: 0, y: 0 }]]))).toBe(d);
    expect(dropRoutesAt(d, [])).toBe(d);
    expect(routeOf(cmd.reconnect(d, 'ab', 'a', 'd'), 'ab')).toBeUndefined();
    const copy = cloneFragment(d, extractFragment(d, ['a', 'b']));
    expect(copy.edges.map((e) => e.route)).toEqual([undefined]);
  });
});
