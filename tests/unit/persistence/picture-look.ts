// What a person must see in an exported picture, checked on its pixels: every connection drawn
// as a line of the pipe colour, and every component's name written inside its box. Where to
// look is worked out here from the design (xyflow's bezier between the handles), not taken from
// the code that draws the picture.
import { absolutePosition } from '../../../src/model/commands';
import { isDrawingOnly, type Design } from '../../../src/model/design';
import { PALETTES, type PictureTheme } from '../../../src/persistence/svg-theme';
import { countInRect, countNear, hexRgb, mix, type Pixels, type Rgb } from './picture-check';

export interface Placement {
  /** The flow coordinates at the picture's top-left corner, and pixels per flow unit. */
  x: number;
  y: number;
  scale: number;
}

/** Where an exported SVG puts the flow: read from its viewBox. */
export function placementOf(svg: string, scale: number): Placement {
  const m = /viewBox="(-?[\d.]+) (-?[\d.]+) /.exec(svg);
  if (!m) throw new Error('no viewBox');
  return { x: Number(m[1]), y: Number(m[2]), scale };
}

function boxOf(design: Design, id: string) {
  const node = design.nodes.find((n) => n.id === id)!;
  const { x, y } = absolutePosition(design, node);
  const size = isDrawingOnly(node) ? (node.size ?? { width: 200, height: 90 }) : { width: 184, height: 64 };
  return { x, y, ...size };
}

function inside(b: { x: number; y: number; width: number; height: number }, [x, y]: [number, number]): boolean {
  return x > b.x - 5 && x < b.x + b.width + 5 && y > b.y - 5 && y < b.y + b.height + 5;
}

/** The curve xyflow draws from the source's right side to the target's left side (to the arrow). */
function curve(design: Design, source: string, target: string) {
  const a = boxOf(design, source);
  const b = boxOf(design, target);
  const [sx, sy] = [a.x + a.width, a.y + a.height / 2];
  const [tx, ty] = [b.x - 10, b.y + b.height / 2];
  const d = tx - sx;
  const off = d >= 0 ? d / 2 : 6.25 * Math.sqrt(-d);
  const ctrl = [[sx, sy], [sx + off, sy], [tx - off, ty], [tx, ty]];
  const at = (t: number) => {
    const w = [(1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3];
    return [0, 1].map((k) => ctrl.reduce((s, p, i) => s + w[i] * p[k], 0)) as [number, number];
  };
  return { at, arrow: [b.x - 5, ty] as [number, number] };
}

/**
 * Connections whose arrowhead, or whose line, is not drawn in the pipe colour. The line is
 * looked for at points along the curve away from the label in its middle (whose text is of the
 * same colour); a pipe so short that its label covers it shows only its arrowhead.
 */
export function unseenPipes(p: Pixels, design: Design, at: Placement, theme: PictureTheme): string[] {
  const c = PALETTES[theme];
  const solid = hexRgb(c.muted);
  const faint = mix(solid, hexRgb(c.bg), 0.55);
  const nodes = new Set(design.nodes.map((n) => n.id));
  // Components and notes are drawn over pipes: a point under one shows the box, not the pipe.
  const covers = design.nodes.filter((n) => n.kind !== 'group').map((n) => boxOf(design, n.id));
  const seen = ([x, y]: [number, number], colour: Rgb) =>
    countNear(p, (x - at.x) * at.scale, (y - at.y) * at.scale, 4 * at.scale, colour, 32) > 0;
  return design.edges
    .filter((e) => nodes.has(e.source) && nodes.has(e.target))
    .filter((e) => {
      const colour = e.params.mode === 'offline' ? faint : solid;
      const k = curve(design, e.source, e.target);
      const labelled = e.params.mode !== 'sync' || !!e.label;
      const mid = k.at(0.5);
      const points = [0.15, 0.3, 0.45, 0.55, 0.7, 0.85]
        .map(k.at)
        .filter(([x, y]) => !labelled || Math.hypot(x - mid[0], y - mid[1]) > 50)
        .filter((q) => !covers.some((b) => inside(b, q)));
      const hits = points.filter((q) => seen(q, colour)).length;
      return !seen(k.arrow, colour) || hits < Math.min(2, points.length);
    })
    .map((e) => e.id);
}

/** Components whose name area holds fewer than a few dozen pixels of the text colour. */
export function componentsWithoutText(p: Pixels, design: Design, at: Placement, theme: PictureTheme): string[] {
  const fg = hexRgb(PALETTES[theme].fg);
  return design.nodes
    .filter((n) => !isDrawingOnly(n))
    .filter((n) => {
      const b = boxOf(design, n.id);
      const [x, y] = [(b.x + 40 - at.x) * at.scale, (b.y + 18 - at.y) * at.scale];
      return countInRect(p, x, y, 134 * at.scale, 16 * at.scale, fg, 60) < 12 * at.scale * at.scale;
    })
    .map((n) => n.id);
}
