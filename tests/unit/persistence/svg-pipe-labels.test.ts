// A picture puts a pipe's label where the canvas does: along the pipe when it fits, above two
// components side by side when the pipe is shorter than the label, never over a component.
import { describe, expect, it } from 'vitest';
import { pictureOf } from '../../../src/ui/exports';
import { wrap } from '../simulation/oracle-helpers';

const SIZE = { width: 184, height: 64 };
type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (p: Rect, q: Rect) => p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;

/** The label boxes the picture draws (rounded 4, as svg-pipes draws them), with their text. */
function labels(svg: string): (Rect & { text: string })[] {
  const re = /<rect x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="16" rx="4"[^>]*\/><text[^>]*>([^<]*)<\/text>/g;
  return [...svg.matchAll(re)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: 16, text: m[4] }));
}

describe('pipe labels in a picture', () => {
  const design = wrap({
    nodes: [
      { id: 'a', kind: 'app-service', position: { x: 0, y: 0 }, params: {} },
      { id: 'b', kind: 'kafka', position: { x: 214, y: 0 }, params: {} },
      { id: 'c', kind: 'app-service', position: { x: 0, y: 300 }, params: {} },
      { id: 'd', kind: 'kafka', position: { x: 600, y: 300 }, params: {} },
      { id: 'e', kind: 'app-service', position: { x: 0, y: 600 }, params: {} },
      { id: 'f', kind: 'kafka', position: { x: 200, y: 680 }, params: {} },
    ],
    edges: [
      { id: 'short', source: 'a', target: 'b', label: 'events to the log', params: { mode: 'async' } },
      { id: 'long', source: 'c', target: 'd', label: 'clicks to the log', params: { mode: 'async' } },
      { id: 'down', source: 'e', target: 'f', label: 'audit to the log', params: { mode: 'async' } },
    ],
  } as never);
  const boxes = Object.fromEntries(design.nodes.map((n) => [n.id, { ...n.position, ...SIZE }]));
  const drawn = labels(pictureOf(design, { theme: 'light' }).svg);

  it('along the pipe when it fits, between its components', () => {
    const long = drawn.find((l) => l.text === 'clicks to the log')!;
    expect(long.x).toBeGreaterThan(boxes.c.x + SIZE.width);
    expect(long.x + long.width).toBeLessThan(boxes.d.x);
    expect(long.y).toBeGreaterThan(boxes.c.y);
  });

  it('above two components side by side when the pipe is shorter, covering neither', () => {
    const short = drawn.find((l) => l.text === 'events to the log')!;
    for (const id of ['a', 'b']) {
      expect(overlaps(short, boxes[id])).toBe(false);
      expect(short.y + short.height).toBeLessThanOrEqual(boxes[id].y);
    }
  });

  it('left out where it would cover a component, as the canvas shows it only on selection', () => {
    expect(drawn.map((l) => l.text).sort()).toEqual(['clicks to the log', 'events to the log']);
    for (const l of drawn) for (const b of Object.values(boxes)) expect(overlaps(l, b)).toBe(false);
  });
});
