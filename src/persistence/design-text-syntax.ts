// The words of the design text language (docs/text-format.md): one line cut into tokens, and
// values written so that reading them back gives the same value. Kept apart from the grammar in
// design-text.ts so each reads in one sitting.

export type Arrow = '->' | '~>' | '..>';

export type Token =
  /** A bare word: an id, a kind, a key or a value, exactly as typed. */
  | { t: 'word'; v: string; col: number }
  /** A quoted string, its escapes read. */
  | { t: 'str'; v: string; col: number }
  /** A list or object value written as JSON after `=`. */
  | { t: 'json'; v: unknown; col: number }
  | { t: 'arrow'; v: Arrow; col: number }
  | { t: ':' | '=' | '{' | '}'; col: number };

/** `comment`: what follows a `#` on the line, without it (absent when there is none). */
export type Lexed = { ok: true; tokens: Token[]; comment?: string } | { ok: false; error: string };

const ARROWS: readonly Arrow[] = ['->', '~>', '..>'];
const PUNCT = new Set([':', '=', '{', '}']);

const arrowAt = (line: string, i: number) => ARROWS.find((a) => line.startsWith(a, i));

/** The tokens of one line; a `#` where a token would start begins a comment. */
export function lex(line: string): Lexed {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') return { ok: true, tokens, comment: line.slice(i + 1).trim() };
    const col = i + 1;
    const arrow = arrowAt(line, i);
    if (arrow) {
      tokens.push({ t: 'arrow', v: arrow, col });
      i += arrow.length;
    } else if (c === '"') {
      const end = closingQuote(line, i);
      if (end < 0) return { ok: false, error: `a text starting at column ${col} has no closing quote (").` };
      const v = readJson(line.slice(i, end + 1));
      if (typeof v !== 'string') return { ok: false, error: `the text at column ${col} has an escape (\\) that means nothing.` };
      tokens.push({ t: 'str', v, col });
      i = end + 1;
    } else if ((c === '[' || c === '{') && tokens.at(-1)?.t === '=') {
      const end = closingBracket(line, i);
      const v = end < 0 ? undefined : readJson(line.slice(i, end + 1));
      if (v === undefined) return { ok: false, error: `the value at column ${col} is not a complete list or object.` };
      tokens.push({ t: 'json', v, col });
      i = end + 1;
    } else if (PUNCT.has(c)) {
      tokens.push({ t: c as ':' | '=' | '{' | '}', col });
      i++;
    } else {
      let j = i;
      while (j < line.length && !/\s/.test(line[j]) && !PUNCT.has(line[j]) && line[j] !== '"' && !(j > i && arrowAt(line, j))) j++;
      tokens.push({ t: 'word', v: line.slice(i, j), col });
      i = j;
    }
  }
  return { ok: true, tokens };
}

function closingQuote(line: string, start: number): number {
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return i;
  }
  return -1;
}

/** The end of a JSON list or object, quotes respected; -1 when it never closes on this line. */
function closingBracket(line: string, start: number): number {
  let depth = 0;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      i = closingQuote(line, i);
      if (i < 0) return -1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const BARE_ID = /^[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*$/;
const BARE_VALUE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };

/** A bare word as a value: a number, true/false/null, or else the word itself. */
export function wordValue(word: string): unknown {
  if (NUMBER.test(word)) return Number(word);
  return Object.hasOwn(LITERALS, word) ? LITERALS[word] : word;
}

/** An id or kind as written: bare when it reads back as itself, else quoted. */
export function writeId(id: string): string {
  return BARE_ID.test(id) ? id : JSON.stringify(id);
}

export function writeText(text: string): string {
  return JSON.stringify(text);
}

/** A value as written after `=`, read back by `wordValue` or as quoted text or JSON. */
export function writeValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? String(v) : '0';
  if (typeof v === 'string') return BARE_VALUE.test(v) && !Object.hasOwn(LITERALS, v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? 'null';
}
