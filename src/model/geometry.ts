// The size each node is drawn at, in canvas units. The canvas, the minimap, auto-layout, frame
// fitting, the SVG/PNG picture and the Excalidraw export all place boxes by it.
import { isDrawingOnly, type DesignNode } from './design';

export interface Size {
  width: number;
  height: number;
}

/** Every component is drawn at this size; only frames and notes are drawn at their own (`DesignNode.size`). */
export const COMPONENT_SIZE: Readonly<Size> = Object.freeze({ width: 184, height: 64 });

/** A frame or note that was saved without a size. */
export const DRAWING_SIZE: Readonly<Size> = Object.freeze({ width: 200, height: 90 });

/** The size a node is drawn at. A size saved on a component is kept in the document but not drawn. */
export function nodeSize(node: DesignNode): Readonly<Size> {
  return isDrawingOnly(node) ? (node.size ?? DRAWING_SIZE) : COMPONENT_SIZE;
}
