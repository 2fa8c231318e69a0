// How readable a design is as drawn: connections crossing each other, connections drawn through
// a component that is neither of their ends, and the shape of the whole drawing against the
// view's. Pure: it reads positions and the very curve (or route) the canvas draws
// (model/pipe-geometry.ts), so the bench and the tests measure what a person sees.
import { absolutePosition } from '../model/commands';
import { GROUP_KIND, NOTE_KIND, type Design } from '../model/design';
import { nodeSize } from '../model/geometry';
import { pipeEnds, pipePath, routeOf, samplePipe, type Point, type Rect } from '../model/pipe-geometry';
import { countCrossings, polylineHitsRect } from './crossings';

/** Points along a pipe this far apart: curves bend little over it. */
const SAMPLE_STEP = 12;

export interface LayoutQuality {
  /** Pairs of connections whose drawn lines cross (each crossing point counted). */
  crossings: number;
  /** Connections drawn through a component other than their own ends. */
  edgesThroughComponents: number;
  /** Width ÷ height of the box around every component and frame. */
  aspectRatio: number;
}

/**
 * A line must go this far into a box to count as through it: a pipe passing along a border, or
 * an arrow's tip at its handle, is not through.
 */
const INSET = 4;

export function layoutQuality(design: Design): LayoutQuality {
  const boxes = new Map<string, Rect>();
  for (const n of design.nodes) {
    const p = absolutePosition(design, n);
    boxes.set(n.id, { x: p.x, y: p.y, ...nodeSize(n) });
  }
  const components = design.nodes.filter((n) => n.kind !== GROUP_KIND && n.kind !== NOTE_KIND);
  const lines: { source: string; target: string; points: Point[] }[] = [];
  for (const e of design.edges) {
    const from = boxes.get(e.source);
    const to = boxes.get(e.target);
    if (!from || !to || e.source === e.target) continue;
    // To the arrow's base: the arrowhead itself sits on the target's handle.
    const { start, end } = pipeEnds(from, to);
    const points = samplePipe(pipePath(start[0], start[1], end[0], end[1], routeOf(e)), SAMPLE_STEP);
    lines.push({ source: e.source, target: e.target, points });
  }

  let through = 0;
  for (const l of lines) {
    const hit = components.some((c) => {
      if (c.id === l.source || c.id === l.target) return false;
      const b = boxes.get(c.id)!;
      return polylineHitsRect(l.points, { x: b.x + INSET, y: b.y + INSET, width: b.width - 2 * INSET, height: b.height - 2 * INSET });
    });
    if (hit) through++;
  }

  const crossings = countCrossings(lines.map((l) => l.points));

  const all = [...boxes.values()];
  const minX = Math.min(...all.map((b) => b.x));
  const minY = Math.min(...all.map((b) => b.y));
  const maxX = Math.max(...all.map((b) => b.x + b.width));
  const maxY = Math.max(...all.map((b) => b.y + b.height));
  const aspectRatio = all.length ? (maxX - minX) / Math.max(1, maxY - minY) : 1;
  return { crossings, edgesThroughComponents: through, aspectRatio };
}
