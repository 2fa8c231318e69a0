// Connections in an exported SVG, drawn as the canvas draws them (ui/canvas/PipeEdge.svelte,
// pipe-look.ts) from the one geometry both read (model/pipe-geometry.ts): a bezier from the
// source's right handle to the target's left handle, or the route auto-layout found, ending in
// a filled arrowhead of the pipe's own colour. Sync pipes are solid, async dashed, offline
// dotted and faint.
import type { DesignEdge } from '../model/design';
import { ARROW_HALF_WIDTH, labelSpot, pipeEnds, pipePath, routeOf, type PipePath, type Point } from '../model/pipe-geometry';
import type { Box } from './svg-boxes';
import type { Palette } from './svg-theme';
import { fitLine, textWidth, xmlText } from './svg-text';

const LABEL_SIZE = 11;

export interface PipeGeometry {
  path: PipePath;
  /** Every point the drawing reaches out to (ends, control or bend points), for the picture's extent. */
  points: Point[];
  tip: Point;
  /** Where the canvas puts the pipe's label. */
  mid: Point;
}

export function pipeGeometry(from: Box, to: Box, edge?: DesignEdge): PipeGeometry {
  const { start, tip, end } = pipeEnds(from, to);
  const route = edge ? routeOf(edge) : undefined;
  const path = pipePath(start[0], start[1], end[0], end[1], route);
  const inner: Point[] = path.cubic ? [path.cubic[0], path.cubic[1]] : (route ?? []).map((p): Point => [p.x, p.y]);
  return { path, points: [start, ...inner, end], tip, mid: path.mid };
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

export function pipeLine(edge: DesignEdge, g: PipeGeometry, c: Palette, look: PipeLook): string {
  const mode = edge.params.mode;
  const base = g.points[g.points.length - 1];
  // Offline pipes are dotted at a fixed width: no request travels them.
  const style =
    mode === 'async' ? ` stroke-width="${n(look.width)}" stroke-dasharray="8 5"`
    : mode === 'offline' ? ' stroke-width="2.5" stroke-dasharray="0 6" stroke-linecap="round"'
    : ` stroke-width="${n(look.width)}"`;
  const [tx, ty] = g.tip;
  const arrow = `M${n(base[0])},${n(ty + ARROW_HALF_WIDTH)}L${n(tx)},${n(ty)}L${n(base[0])},${n(ty - ARROW_HALF_WIDTH)}Z`;
  return (
    `<g${mode === 'offline' ? ' opacity="0.55"' : ''}>` +
    `<path d="${g.path.d}" fill="none" stroke="${c.muted}"${style}/>` +
    `<path d="${arrow}" fill="${c.muted}" stroke="${c.muted}" stroke-width="1" stroke-linejoin="round"/></g>`
  );
}

/** The pipe's label in its box where the canvas puts it (labelSpot); none where the canvas shows it only on selection. */
export function pipeLabel(g: PipeGeometry, c: Palette, look: PipeLook): string {
  const text = fitLine(look.label, 220, LABEL_SIZE);
  if (!text) return '';
  const w = textWidth(text, LABEL_SIZE) + 10;
  const h = 16;
  const spot = labelSpot(g.path, w, g.points[0][1], g.points[g.points.length - 1][1]);
  if (!spot) return '';
  const [x, y] = spot;
  return (
    `<rect x="${n(x - w / 2)}" y="${n(y - h / 2)}" width="${n(w)}" height="${h}" rx="4" fill="${c.panel}" stroke="${c.border}"/>` +
    `<text x="${n(x)}" y="${n(y + 4)}" font-size="${LABEL_SIZE}" fill="${c.muted}" text-anchor="middle">${xmlText(text)}</text>`
  );
}
