// Design → SVG picture, drawn from the document itself (not from the page): plain <rect>,
// <path> and <text> with every colour written in, so any SVG reader (browsers, rsvg-convert,
// Inkscape, office suites) shows what the canvas shows. Names of kinds and icons come from the
// catalog, which this layer may not import: the caller passes them in, as for mermaid.ts.
import { GROUP_KIND, NOTE_KIND, type Design, type DesignEdge, type DesignNode } from '../model/design';
import { boxesOf, extentOf, type Box } from './svg-boxes';
import { componentShape, frameShape, noteShape, type NodeFigures, type PictureIcon } from './svg-nodes';
import { pipeGeometry, pipeLabel, pipeLine, plainLook, type PipeGeometry, type PipeLook } from './svg-pipes';
import { FONT_STACK, PALETTES, type PictureTheme } from './svg-theme';
import { xmlText } from './svg-text';

export type { NodeFigures, PictureIcon, PictureTheme, PipeLook };

export interface PictureOptions {
  theme: PictureTheme;
  /** The name shown on a component: its label, else its catalog name. */
  labelOf: (node: DesignNode) => string;
  /** The line under the name; `unknown` for a kind the catalog does not know. */
  kindOf: (node: DesignNode) => { name: string; unknown: boolean };
  iconOf?: (node: DesignNode) => PictureIcon | undefined;
  /** A simulation's figures per component, if one ran. */
  figures?: ReadonlyMap<string, NodeFigures>;
  /** A connection's width and label text (from its traffic, if a simulation ran). */
  pipeLookOf?: (edge: DesignEdge) => PipeLook;
}

export interface Picture {
  svg: string;
  /** Size in CSS pixels (the picture's width and height attributes). */
  width: number;
  height: number;
}

const PADDING = 32;
const EMPTY: Box = { x: 0, y: 0, width: 200, height: 100 };

/** Frames inside frames are drawn after the frame that holds them. */
function depth(design: Design, node: DesignNode): number {
  let d = 0;
  const seen = new Set<string>();
  for (let p = node.parentId; p && !seen.has(p); p = design.nodes.find((x) => x.id === p)?.parentId) {
    seen.add(p);
    d++;
  }
  return d;
}

export function designToSvg(design: Design, o: PictureOptions): Picture {
  const c = PALETTES[o.theme];
  const boxes = boxesOf(design);
  const pipes: { edge: DesignEdge; g: PipeGeometry; look: PipeLook }[] = [];
  for (const edge of design.edges) {
    const from = boxes.get(edge.source);
    const to = boxes.get(edge.target);
    if (from && to) pipes.push({ edge, g: pipeGeometry(from, to, edge), look: (o.pipeLookOf ?? plainLook)(edge) });
  }

  const frames = design.nodes.filter((nd) => nd.kind === GROUP_KIND).sort((a, b) => depth(design, a) - depth(design, b));
  const parts = frames.map((f) => frameShape(f, boxes.get(f.id)!, c));
  for (const p of pipes) parts.push(pipeLine(p.edge, p.g, c, p.look));
  for (const p of pipes) parts.push(pipeLabel(p.g, c, p.look));
  for (const nd of design.nodes) {
    if (nd.kind === GROUP_KIND) continue;
    const b = boxes.get(nd.id)!;
    if (nd.kind === NOTE_KIND) {
      parts.push(noteShape(nd, b, c));
      continue;
    }
    const kind = o.kindOf(nd);
    parts.push(componentShape(b, { label: o.labelOf(nd), kind: kind.name, unknown: kind.unknown, icon: o.iconOf?.(nd) }, c, o.figures?.get(nd.id)));
  }

  // Room for the bottleneck tag above a component and for curves bulging backwards.
  const e = extentOf(boxes.values(), pipes.flatMap((p) => [...p.g.points, p.g.tip])) ?? EMPTY;
  const x = Math.floor(e.x - PADDING);
  const y = Math.floor(e.y - PADDING);
  const width = Math.ceil(e.x + e.width + PADDING) - x;
  const height = Math.ceil(e.y + e.height + PADDING) - y;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x} ${y} ${width} ${height}" ` +
    `font-family="${FONT_STACK}">` +
    `<title>${xmlText(design.name)}</title>` +
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${c.bg}"/>` +
    parts.join('\n') +
    '</svg>\n';
  return { svg, width, height };
}
