// Components, frames and notes in an exported SVG, drawn as the canvas draws them
// (ui/canvas/ComponentNode.svelte, FrameNode.svelte, NoteNode.svelte): the same boxes, colours,
// font sizes and text positions, with text cut or wrapped to stay inside its box.
import type { DesignNode } from '../model/design';
import { displayName } from '../model/display-name';
import type { Box } from './svg-boxes';
import type { Palette } from './svg-theme';
import { fitLine, textWidth, wrapText, xmlText } from './svg-text';

/** A simulation's figures for one component: its colour band, tag and the text of its badge. */
export interface NodeFigures {
  level: 'green' | 'amber' | 'red';
  bottleneck: boolean;
  badge: { text: string; strong?: boolean }[];
}

/** An icon drawn on a 24×24 grid: brand logos are filled shapes, line icons stroked ones. */
export interface PictureIcon {
  body: string;
  style: 'fill' | 'stroke';
}

export interface ComponentText {
  label: string;
  kind: string;
  /** A kind the catalog does not know: drawn with a dashed border. */
  unknown: boolean;
  icon?: PictureIcon;
}

const n = (v: number) => String(Math.round(v * 10) / 10);
/** The text column: after the 10 px padding, the 22 px icon and an 8 px gap. */
const TEXT_X = 40;
const TEXT_WIDTH = 134;

function icon(i: PictureIcon, c: Palette): string {
  const paint = i.style === 'fill'
    ? `fill="${c.icon}"`
    : `fill="none" stroke="${c.icon}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"`;
  return `<g transform="translate(10 21) scale(${22 / 24})" ${paint}>${i.body}</g>`;
}

function badge(m: NodeFigures, c: Palette, right: number): { svg: string; width: number } {
  const strong = m.level === 'red' ? c.bad : c.fg;
  const body = m.badge
    .map((p) => (p.strong ? `<tspan font-weight="600" fill="${strong}">${xmlText(p.text)}</tspan>` : xmlText(p.text)))
    .join('');
  const width = textWidth(m.badge.map((p) => p.text).join(''), 10, true);
  return { svg: `<text x="${right}" y="45" font-size="10" fill="${c.muted}" text-anchor="end" xml:space="preserve">${body}</text>`, width };
}

/** The colour band: a 4 px strip inside the left border, following its rounded corners. */
function bandPath(s: number, h: number): string {
  const r = 10 - s;
  const dy = r - Math.sqrt(r * r - (r - 4) * (r - 4));
  return `M${n(s + 4)},${n(s + dy)}A${n(r)},${n(r)} 0 0 0 ${n(s)},${n(s + r)}V${n(h - s - r)}A${n(r)},${n(r)} 0 0 0 ${n(s + 4)},${n(h - s - dy)}Z`;
}

export function componentShape(b: Box, t: ComponentText, c: Palette, m?: NodeFigures): string {
  const band = m ? { green: c.ok, amber: c.warn, red: c.bad }[m.level] : null;
  const stroke = m?.bottleneck ? 3 : 1.5;
  const parts = [`<g transform="translate(${n(b.x)} ${n(b.y)})">`];
  if (m?.bottleneck && m.level === 'red') parts.push(`<rect x="-3" y="-3" width="${b.width + 6}" height="${b.height + 6}" rx="13" fill="${c.badBg}"/>`);
  parts.push(
    `<rect x="${stroke / 2}" y="${stroke / 2}" width="${b.width - stroke}" height="${b.height - stroke}" rx="10" fill="${c.nodeBg}" ` +
      `stroke="${band ?? c.nodeBorder}" stroke-width="${stroke}"${t.unknown ? ' stroke-dasharray="5 3"' : ''}/>`,
  );
  if (band) parts.push(`<path d="${bandPath(stroke, b.height)}" fill="${band}"/>`);
  if (t.icon) parts.push(icon(t.icon, c));
  parts.push(`<text x="${TEXT_X}" y="30" font-size="13" font-weight="600" fill="${c.fg}">${xmlText(fitLine(t.label, TEXT_WIDTH, 13, true))}</text>`);
  const fig = m ? badge(m, c, TEXT_X + TEXT_WIDTH) : null;
  const kindWidth = fig ? TEXT_WIDTH - fig.width - 6 : TEXT_WIDTH;
  if (kindWidth > 20) parts.push(`<text x="${TEXT_X}" y="45" font-size="11" fill="${c.muted}">${xmlText(fitLine(t.kind, kindWidth, 11))}</text>`);
  if (fig) parts.push(fig.svg);
  if (m?.bottleneck) {
    const w = textWidth('BOTTLENECK', 9) + 10;
    parts.push(
      `<rect x="${n(b.width - 8 - w)}" y="-9" width="${n(w)}" height="15" rx="6" fill="${c.bad}"/>` +
        `<text x="${n(b.width - 8 - w / 2)}" y="2" font-size="9" letter-spacing="0.36" fill="${c.onAccent}" text-anchor="middle">BOTTLENECK</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

export function frameShape(node: DesignNode, b: Box, c: Palette): string {
  const title = fitLine(displayName(node), b.width - 24, 13, true);
  return (
    `<rect x="${n(b.x + 0.75)}" y="${n(b.y + 0.75)}" width="${n(Math.max(0, b.width - 1.5))}" height="${n(Math.max(0, b.height - 1.5))}" rx="12" ` +
    `fill="${c.frameTint}" fill-opacity="${c.frameOpacity}" stroke="${c.frameBorder}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
    `<text x="${n(b.x + 12)}" y="${n(b.y + 20)}" font-size="13" font-weight="600" fill="${c.muted}">${xmlText(title)}</text>`
  );
}

const NOTE_SIZE = 14;
const NOTE_LINE = 17;

export function noteShape(node: DesignNode, b: Box, c: Palette): string {
  const lines = wrapText(node.text ?? '', b.width - 20, NOTE_SIZE, Math.floor((b.height - 16) / NOTE_LINE));
  const text = lines
    .map((l, i) => `<tspan x="${n(b.x + 10)}" y="${n(b.y + 8 + 13 + i * NOTE_LINE)}">${xmlText(l)}</tspan>`)
    .join('');
  return (
    `<rect x="${n(b.x)}" y="${n(b.y + 1)}" width="${n(b.width)}" height="${n(b.height)}" rx="6" fill="#000" fill-opacity="0.12"/>` +
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="6" fill="${c.noteBg}"/>` +
    (text ? `<text font-size="${NOTE_SIZE}" fill="${c.fg}" xml:space="preserve">${text}</text>` : '')
  );
}
