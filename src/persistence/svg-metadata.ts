// A design rides inside an exported SVG as XML-escaped text in <metadata>, so the picture
// re-imports as an editable design. Escaping <, > and & keeps any label inert: the text can
// never close the element or open a <script>. Characters XML cannot hold at all (a pasted ESC,
// half an emoji) are written as JSON \u escapes, so the file stays well-formed XML and the
// design comes back unchanged.
import { jsonForXml } from './svg-text';

const OPEN = '<metadata id="mlsd-design">';
const CLOSE = '</metadata>';
/** The opening <svg …> tag, quoted attribute values allowed to hold '>'. */
const SVG_OPEN = /<svg\b(?:[^>"']|"[^"]*"|'[^']*')*>/i;
const MAX_SVG_CHARS = 60_000_000;

export type SvgTextResult = { ok: true; text: string } | { ok: false; error: string };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

export function looksLikeSvg(text: string): boolean {
  return SVG_OPEN.test(text.slice(0, 4000));
}

/** The SVG with `json` as its first child's metadata (an older copy removed). */
export function embedTextInSvg(svg: string, json: string): string {
  const clean = removeOurs(svg);
  const open = SVG_OPEN.exec(clean);
  if (!open) throw new Error('Not an SVG document.');
  const at = open.index + open[0].length;
  return clean.slice(0, at) + OPEN + escapeXml(jsonForXml(json)) + CLOSE + clean.slice(at);
}

function removeOurs(svg: string): string {
  const start = svg.indexOf(OPEN);
  if (start < 0) return svg;
  const end = svg.indexOf(CLOSE, start);
  return end < 0 ? svg : svg.slice(0, start) + svg.slice(end + CLOSE.length);
}

/** The text stored in our <metadata>, or why there is none. */
export function extractTextFromSvg(svg: string): SvgTextResult {
  if (svg.length > MAX_SVG_CHARS) return { ok: false, error: 'This SVG image is too large to import.' };
  if (!looksLikeSvg(svg)) return { ok: false, error: 'This is not an SVG image.' };
  const start = svg.indexOf(OPEN);
  if (start < 0) return { ok: false, error: 'This SVG image holds no design (only images exported by this app can be imported).' };
  const end = svg.indexOf(CLOSE, start + OPEN.length);
  if (end < 0) return { ok: false, error: 'The design in this SVG image is truncated.' };
  return { ok: true, text: unescapeXml(svg.slice(start + OPEN.length, end)) };
}
