// Connections in an exported SVG, drawn as the canvas draws them (ui/canvas/PipeEdge.svelte,
// pipe-look.ts): a bezier from the source's right handle to the target's left handle, as
// xyflow's getBezierPath curves it, ending in a filled arrowhead of the pipe's own colour.
// Sync pipes are solid, async dashed, offline dotted and faint.
import type { DesignEdge } from '../model/design';
import type { Box } from './svg-boxes';
import type { Palette } from './svg-theme';
import { fitLine, textWidth, xmlText } from './svg-text';

/** xyflow's handles sit on the border and stick out by this much; pipes start at their tip. */
const HANDLE_OUT = 2.5;
const ARROW_LENGTH = 10;
const ARROW_HALF_WIDTH = 5;
const LABEL_SIZE = 11;

export interface PipeGeometry {
  /** Start (the source handle), the two control points, and the end (the arrow's base). */
  points: [number, number][];
  tip: [number, number];
  /** Where the canvas puts the pipe's label: the curve at t = 0.5. */
  mid: [number, number];
}

/** xyflow's control offset: half the distance forwards, a curvature-scaled bulge backwards. */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

export function pipeGeometry(from: Box, to: Box): PipeGeometry {
  const sx = from.x + from.width + HANDLE_OUT;
  const sy = from.y + from.height / 2;
  const tip: [number, number] = [to.x - HANDLE_OUT, to.y + to.height / 2];
  const [ex, ey] = [tip[0] - ARROW_LENGTH, tip[1]];
  const off = controlOffset(ex - sx);
  const points: [number, number][] = [[sx, sy], [sx + off, sy], [ex - off, ey], [ex, ey]];
  const mid: [number, number] = [0.5 * (sx + ex), 0.5 * (sy + ey)];
  return { points, tip, mid };
}

/** How a pipe is drawn beyond its mode: its width and the text of its label. */
export interface PipeLook {
  width: number;
  label: string;
}

/** Without a simulation: thin, labelled with its own label, else its mode unless sync. */
export function plainLook(edge: DesignEdge): PipeLook {
  const mode = edge.params.mode;
  return { width: 1.5, label: edge.label ?? (mode === 'sync' ? '' : mode) };
}

const n = (v: number) => String(Math.round(v * 10) / 10);
const pt = ([x, y]: [number, number]) => `${n(x)},${n(y)}`;

export function pipeLine(edge: DesignEdge, g: PipeGeometry, c: Palette, look: PipeLook): string {
  const mode = edge.params.mode;
  const [p0, p1, p2, p3] = g.points;
  // Offline pipes are dotted at a fixed width: no request travels them.
  const style =
    mode === 'async' ? ` stroke-width="${n(look.width)}" stroke-dasharray="8 5"`
    : mode === 'offline' ? ' stroke-width="2.5" stroke-dasharray="0 6" stroke-linecap="round"'
    : ` stroke-width="${n(look.width)}"`;
  const [tx, ty] = g.tip;
  const arrow = `M${n(p3[0])},${n(ty + ARROW_HALF_WIDTH)}L${n(tx)},${n(ty)}L${n(p3[0])},${n(ty - ARROW_HALF_WIDTH)}Z`;
  return (
    `<g${mode === 'offline' ? ' opacity="0.55"' : ''}>` +
    `<path d="M${pt(p0)}C${pt(p1)} ${pt(p2)} ${pt(p3)}" fill="none" stroke="${c.muted}"${style}/>` +
    `<path d="${arrow}" fill="${c.muted}" stroke="${c.muted}" stroke-width="1" stroke-linejoin="round"/></g>`
  );
}

/** The pipe's label in its box, at the middle of the curve. */
export function pipeLabel(g: PipeGeometry, c: Palette, look: PipeLook): string {
  const text = fitLine(look.label, 220, LABEL_SIZE);
  if (!text) return '';
  const w = textWidth(text, LABEL_SIZE) + 10;
  const h = 16;
  const [x, y] = g.mid;
  return (
    `<rect x="${n(x - w / 2)}" y="${n(y - h / 2)}" width="${n(w)}" height="${h}" rx="4" fill="${c.panel}" stroke="${c.border}"/>` +
    `<text x="${n(x)}" y="${n(y + 4)}" font-size="${LABEL_SIZE}" fill="${c.muted}" text-anchor="middle">${xmlText(text)}</text>`
  );
}
