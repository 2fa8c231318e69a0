// Where the canvas stands when a design is opened. A design is fitted whole; one too large to
// read whole (DRAW_VISIBLE_FROM components on) opens at a readable zoom where its requests
// enter, so that only the few dozen components in view are drawn.
import type { Design, DesignNode } from '../../model/design';
import { absolutePosition, nodeSize } from '../../app/design-view';
import { sourcesOf } from '../../app/catalog-view';

export interface View {
  x: number;
  y: number;
  zoom: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Names and figures readable (the far-out look starts below 0.45), a few dozen components in view. */
export const READABLE_ZOOM = 0.75;
/** Screen pixels between the pane's edge and the first components. */
const MARGIN = 40;

/** The boxes' extent, in canvas units; null for none. */
function extentOf(design: Design, nodes: readonly DesignNode[], absolute: boolean): Box | null {
  let box: Box | null = null;
  for (const n of nodes) {
    const { x, y } = absolute ? absolutePosition(design, n) : n.position;
    const { width, height } = nodeSize(n);
    box = box
      ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x + width), y1: Math.max(box.y1, y + height) }
      : { x0: x, y0: y, x1: x + width, y1: y + height };
  }
  return box;
}

/** About the zoom a fit of the whole design chooses (its padding of 0.15 a side, at most life size). */
export function fitZoom(design: Design, pane: { width: number; height: number }): number {
  const box = extentOf(design, design.nodes.filter((n) => !n.parentId), false);
  if (!box) return 1;
  return Math.min(pane.width / ((box.x1 - box.x0) * 1.3 || 1), pane.height / ((box.y1 - box.y0) * 1.3 || 1), 1);
}

/**
 * A large design's opening view, at READABLE_ZOOM: its sources at the left of the pane
 * (centred top to bottom when they fit, else from their top), or without sources, its top-left
 * corner.
 */
export function readableView(design: Design, pane: { width: number; height: number }): View {
  const zoom = READABLE_ZOOM;
  const sources = extentOf(design, sourcesOf(design), true);
  const box = sources ?? extentOf(design, design.nodes.filter((n) => !n.parentId), false);
  if (!box) return { x: 0, y: 0, zoom };
  const tall = (box.y1 - box.y0) * zoom;
  const top = sources && tall + 2 * MARGIN < pane.height ? (pane.height - tall) / 2 : MARGIN;
  return { x: MARGIN - box.x0 * zoom, y: top - box.y0 * zoom, zoom };
}
