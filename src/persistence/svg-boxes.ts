// Where each node of a design sits in an exported picture: its box in flow coordinates, as the
// canvas places it (members of a frame are placed relative to the frame).
import { absolutePosition } from '../model/commands';
import type { Design } from '../model/design';
import { nodeSize } from '../model/geometry';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}


export function boxesOf(design: Design): Map<string, Box> {
  const boxes = new Map<string, Box>();
  for (const node of design.nodes) {
    const { x, y } = absolutePosition(design, node);
    const size = nodeSize(node);
    boxes.set(node.id, { x, y, width: size.width, height: size.height });
  }
  return boxes;
}

/** The smallest box holding every box and point, or null for nothing at all. */
export function extentOf(boxes: Iterable<Box>, points: Iterable<[number, number]>): Box | null {
  const all = [...boxes, ...[...points].map(([x, y]) => ({ x, y, width: 0, height: 0 }))];
  // A fold, not Math.min(...): a large design has more points than a call takes arguments.
  const [x, y, right, bottom] = all.reduce(
    ([x0, y0, x1, y1], b) => [Math.min(x0, b.x), Math.min(y0, b.y), Math.max(x1, b.x + b.width), Math.max(y1, b.y + b.height)],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  return Number.isFinite(x + y + right + bottom) ? { x, y, width: right - x, height: bottom - y } : null;
}
