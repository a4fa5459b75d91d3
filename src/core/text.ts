// Offsets, lines and word tokens. Everything works in UTF-16 code units, like JavaScript strings and VS Code.

import { codePointWidth, wordCharWidth } from './words';

export interface LineSpan {
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line's last character, before its line break. */
  end: number;
}

/** Splits text into lines on \n, \r\n and lone \r, as VS Code does. */
export function splitLines(text: string): LineSpan[] {
  const lines: LineSpan[] = [];
  let start = 0;
  const n = text.length;
  if (text.indexOf('\r') < 0) {
    // Only \n ends lines: the engine's own search finds each faster than a loop over every character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.push({ start, end: i });
      start = i + 1;
    }
    lines.push({ start, end: n });
    return lines;
  }
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || c === 13 /* \r */) {
      lines.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ start, end: n });
  return lines;
}

/** JavaScript's \s (which includes the BOM and no-break spaces), by UTF-16 code unit, without a regex. */
export function isWhitespaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Maps offsets to 1-based line and column (columns in UTF-16 code units, as the JSON contract says). */
export class LineIndex {
  private readonly starts: number[];
  /** From the lines' spans (splitLines), or from their start offsets. */
  constructor(lines: LineSpan[] | number[]) {
    this.starts = typeof lines[0] === 'number' ? (lines as number[]) : (lines as LineSpan[]).map((l) => l.start);
  }
  /** The index of a text's lines (\n, \r\n or \r each end one), without a span object per line. */
  static ofText(text: string): LineIndex {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    return new LineIndex(starts);
  }
  /** Lines in the text. */
  get lineCount(): number {
    return this.starts.length;
  }
  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line] + 1 };
  }
}

export interface Token {
  start: number;
  end: number;
  text: string;
  /** 'word' (letters, digits, inner apostrophes, hyphens and abbreviation dots) or 'punct'. */
  type: 'word' | 'punct';
}


/** What tokenize() skips like space: whitespace, emoji and other symbols, joiners and variation selectors. */
const SKIPPED = /[\s\p{So}\p{Sk}]/u;
const isSkipped = (ch: string) => SKIPPED.test(ch) || ch === '\u200d' || ch === '\ufe0e' || ch === '\ufe0f' || ch === '\uFEFF';
/** Per BMP code unit: 0 not classified yet, 1 a token character, 2 skipped (isSkipped). Filled lazily. */
const SKIP_CLASS = new Uint8Array(65536);

/** True when the character at `i` (a code point: `width` code units) is skipped like space. */
function skippedAt(text: string, i: number, width: number): boolean {
  if (width === 2) return isSkipped(text.slice(i, i + 2));
  const c = text.charCodeAt(i);
  let k = SKIP_CLASS[c];
  if (k === 0) SKIP_CLASS[c] = k = isSkipped(String.fromCharCode(c)) ? 2 : 1;
  return k === 2;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const ABBREVIATION = /^(?:\p{L}\.)+\p{L}$/u;

/**
 * Tokenises text[start, end) into words and single punctuation characters (whitespace skipped). A word starts with a
 * word character (words.ts); apostrophes, hyphens and dots join words when word characters follow. Characters are
 * read by code unit and classified by table: every paragraph of every analysis passes through here.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    // One code point: a surrogate pair is two code units (as codePointAt reads it, even across `end`).
    const width = codePointWidth(text, i);
    // Emoji and other symbols (with their joiners and variation selectors) are skipped like space: "🌉 “Quote”"
    // still opens its sentence with the quote.
    if (skippedAt(text, i, width)) {
      i += width;
      continue;
    }
    if (wordCharWidth(text, i)) {
      let j = i + width;
      // A dot inside the word: only then can it be an abbreviation.
      let dotted = false;
      while (j < end) {
        const w = wordCharWidth(text, j);
        if (w) {
          j += w;
          continue;
        }
        // Joiners inside a word: Russia’s, don't, Euro-Atlantic, U.S. (a dot followed by a letter), 1,200, 3.5
        const joiner = text.charCodeAt(j);
        if ((joiner === 0x2019 || joiner === 0x27 || joiner === 0x2d || joiner === 0x2e || joiner === 0x2c) && j + 1 < end) {
          if (wordCharWidth(text, j + 1) && (joiner !== 0x2c || (isDigitCode(text.charCodeAt(j - 1)) && isDigitCode(text.charCodeAt(j + 1))))) {
            if (joiner === 0x2e) dotted = true;
            j += 1;
            continue;
          }
        }
        break;
      }
      const word = text.slice(i, j);
      // Abbreviations keep their final dot: U.S., Dr., Jan.
      if (dotted && j < end && text.charCodeAt(j) === 0x2e && ABBREVIATION.test(word)) {
        j += 1;
        tokens.push({ start: i, end: j, text: text.slice(i, j), type: 'word' });
      } else tokens.push({ start: i, end: j, text: word, type: 'word' });
      i = j;
      continue;
    }
    tokens.push({ start: i, end: i + width, text: width === 1 ? text[i] : text.slice(i, i + 2), type: 'punct' });
    i += width;
  }
  return tokens;
}

export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  // By code point (a surrogate pair is one), as `for…of` reads the string, without a string per character.
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const width = codePointWidth(text, i);
    const w = wordCharWidth(text, i) > 0;
    if (w && !inWord) n++;
    inWord = w || (inWord && (c === 0x2019 || c === 0x27 || c === 0x2d));
    i += width;
  }
  return n;
}

export function isCapitalized(word: string): boolean {
  const c = word.charCodeAt(0);
  // Most words start with an ASCII character, where an upper-case letter (\p{Lu}) is A-Z: no expression to run.
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(word);
}

/** True when the word starts with a lower-case letter (\p{Ll}), as /^\p{Ll}/u tests it. */
export function startsLowercase(word: string): boolean {
  const c = word.charCodeAt(0);
  // ASCII: a-z are its only lower-case letters.
  if (c < 128) return c >= 97 && c <= 122;
  return /^\p{Ll}/u.test(word);
}

/** True when the word is lower-case letters ending in "ly" ("repeatedly"), as /^\p{Ll}+ly$/u tests it. */
export function isLyAdverb(word: string): boolean {
  const n = word.length;
  if (n < 3 || word.charCodeAt(n - 1) !== 121 || word.charCodeAt(n - 2) !== 108) return false;
  for (let i = 0; i < n - 2; i++) {
    const c = word.charCodeAt(i);
    if (c >= 128) return /^\p{Ll}+ly$/u.test(word);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * A cache that keeps only what the last run used: entries move from `previous` to `current` when read, and
 * `endRun()` drops whatever the run did not touch. Memory stays proportional to the live document.
 */
export class RunCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  get(key: string, compute: () => V): V {
    let value = this.current.get(key);
    if (value !== undefined) return value;
    value = this.previous.get(key);
    if (value === undefined) value = compute();
    this.current.set(key, value);
    return value;
  }
  endRun(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** Index of the first of `items` (sorted, not overlapping) that ends after `offset`: a binary search. */
export function firstEndingAfter(items: ReadonlyArray<{ end: number }>, offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "1 file", "3 files" (and "1 duplicate passage", "2 duplicate passages"): the count and the word that goes with it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
