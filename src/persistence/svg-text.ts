// Text in an exported SVG: made safe for XML, and cut or wrapped to fit its box. The picture is
// drawn without a browser to measure glyphs, so widths are estimated from DejaVu Sans, the
// widest font of the picture's font stack: text that fits in DejaVu fits in Helvetica or Arial.

/** Characters XML 1.0 cannot hold: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlInvalid(text: string): string {
  return text.replace(XML_INVALID, '');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe as element content or as a quoted attribute value. */
export function xmlText(text: string): string {
  return stripXmlInvalid(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** JSON text with every character XML cannot hold written as a \u escape: the same JSON value. */
export function jsonForXml(json: string): string {
  return json.replace(XML_INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Advance widths in em, by character class (DejaVu Sans, rounded up). */
function charEm(c: string): number {
  if (c === ' ') return 0.32;
  if (/[il.,:;'!|`]/.test(c)) return 0.3;
  if (/[fjrtI()[\]{}\-"/\\]/.test(c)) return 0.42;
  if (/[mwMW@%]/.test(c)) return 1.0;
  if (/[A-Z&#]/.test(c)) return 0.76;
  if (/[\u0000-\u024F]/.test(c)) return 0.64;
  // CJK, emoji and the like are about a square each.
  return 1.0;
}

export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * size * (bold ? 1.1 : 1);
}

/** As much of the text as fits in `maxWidth` with "…" after it. Never splits a character. */
function withEllipsis(text: string, maxWidth: number, size: number, bold = false): string {
  let width = textWidth('…', size, bold);
  let out = '';
  for (const c of text) {
    width += textWidth(c, size, bold);
    if (width > maxWidth) break;
    out += c;
  }
  return out.trimEnd() + '…';
}

/** One line: the text if it fits, else its start followed by "…". */
export function fitLine(text: string, maxWidth: number, size: number, bold = false): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return textWidth(line, size, bold) <= maxWidth ? line : withEllipsis(line, maxWidth, size, bold);
}

/**
 * Text wrapped at spaces into lines of `maxWidth` (a word longer than a line is broken), kept
 * to `maxLines`; the last kept line ends in "…" when text was left out. Newlines are kept.
 */
export function wrapText(text: string, maxWidth: number, size: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of para.split(/[ \t]+/)) {
      const joined = line ? `${line} ${word}` : word;
      if (textWidth(joined, size) <= maxWidth) {
        line = joined;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      for (const c of word) {
        if (textWidth(line + c, size) > maxWidth && line) {
          lines.push(line);
          line = '';
        }
        line += c;
      }
    }
    lines.push(line);
    if (lines.length > maxLines) break;
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(0, maxLines));
  if (kept.length) kept[kept.length - 1] = withEllipsis(kept[kept.length - 1], maxWidth, size);
  return kept;
}
