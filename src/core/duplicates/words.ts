// Word tokens: the words of a text, normalised and hashed, with their offsets in the original text (UTF-16 code
// units). Every later stage (k-grams, fingerprints, alignment) works on these.

import { isWordCode, wordCharWidth } from '../words';
import type { ArticleTokens } from '../articleTokens';
import { paragraphText } from '../structure';
import type { Token } from '../text';

/** Normalised word tokens of a text: a 32-bit hash per word and the word's offsets in the original text. */
export interface WordTokens {
  hashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a line break lies between the previous word and this one (or this is the first word). */
  lineStarts: Uint8Array;
  count: number;
}

/** Per BMP code unit: its lower-case form + 1 (0 = not computed yet). */
const LOWER = new Uint16Array(65536);
/** Per ASCII code: the lower-case code of a letter or digit, 0 for anything else. */
const ASCII_FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  ASCII_FOLD[c] = word ? (c >= 65 && c <= 90 ? c + 32 : c) : 0;
}

/** Lower case of a non-ASCII BMP code unit (the first unit of its lower-case form). */
function lowerCode(c: number): number {
  let l = LOWER[c];
  if (l === 0) LOWER[c] = l = String.fromCharCode(c).toLowerCase().charCodeAt(0) + 1;
  return l - 1;
}

/** 2 when text[i] starts an astral word character (a surrogate pair), else 0. Emoji are not words. */
function astralWordWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? wordCharWidth(text, i) : 0;
}

/**
 * Words, lower-cased, with apostrophes inside a word folded ("Russia’s" = "russia's" = "russias") and all other
 * punctuation, quote styles and whitespace ignored. Linear in the text length.
 */
export function wordTokens(text: string): WordTokens {
  return scanWords(text, true);
}

/**
 * wordTokens()'s hashes and count only, in a buffer reused by the next call (read or copy them before): for indexing
 * many short texts without an allocation each.
 */
export function wordHashes(text: string): WordTokens {
  return scanWords(text, false);
}

/**
 * wordTokens() of an analysed article, read from its token stream: each word token is scanned as wordTokens scans
 * the text (so "U.S." is two words, "Russia’s" one), and a word opens a line when it opens its paragraph (a line).
 */
export function wordTokensOfArticle(article: ArticleTokens): WordTokens {
  if (article.reusesTokens) return joinedParagraphWords(article);
  let count = 0;
  for (let p = 0; p < article.paragraphs.length; p++) count += article.relative(p).length;
  const ranges = newRanges(count);
  for (let p = 0; p < article.paragraphs.length; p++) addParagraphWords(ranges, article.relative(p), article.paragraphs[p].start);
  return scanWords(article.text, true, ranges);
}

function newRanges(capacity: number): Ranges {
  return { starts: new Int32Array(capacity), ends: new Int32Array(capacity), opensLine: new Uint8Array(capacity), count: 0 };
}

/** Adds a paragraph's word tokens (their offsets + `at`) to `ranges`; the first opens a line. */
function addParagraphWords(ranges: Ranges, tokens: readonly Token[], at: number): void {
  let first = true;
  for (const t of tokens) {
    if (t.type !== 'word') continue;
    const r = ranges.count++;
    ranges.starts[r] = t.start + at;
    ranges.ends[r] = t.end + at;
    ranges.opensLine[r] = first ? 1 : 0;
    first = false;
  }
}

/**
 * Each paragraph's words (offsets relative to the paragraph), by its cached relative tokens: re-analysis scans only
 * the paragraphs that changed. Entries go with the tokens the cache drops.
 */
const paragraphWords = new WeakMap<readonly Token[], WordTokens>();

/** wordTokensOfArticle() of an article whose paragraph tokens are cached: each paragraph's words, joined. */
function joinedParagraphWords(article: ArticleTokens): WordTokens {
  const { paragraphs } = article;
  const parts: WordTokens[] = [];
  let count = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const tokens = article.relative(p);
    let words = paragraphWords.get(tokens);
    if (!words) {
      // The paragraph's text and word tokens, scanned as wordTokensOfArticle scans them in the article: a word's
      // hash reads its token's characters only, and the first word of a paragraph opens a line.
      let n = 0;
      for (const t of tokens) if (t.type === 'word') n++;
      const ranges = newRanges(n);
      addParagraphWords(ranges, tokens, 0);
      words = scanWords(paragraphText(article.text, paragraphs[p]), true, ranges);
      paragraphWords.set(tokens, words);
    }
    parts.push(words);
    count += words.count;
  }
  const joined: WordTokens = { hashes: new Int32Array(count), starts: new Int32Array(count), ends: new Int32Array(count), lineStarts: new Uint8Array(count), count };
  let r = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    const at = paragraphs[p].start;
    joined.hashes.set(part.hashes.subarray(0, part.count), r);
    joined.lineStarts.set(part.lineStarts.subarray(0, part.count), r);
    for (let i = 0; i < part.count; i++, r++) {
      joined.starts[r] = part.starts[i] + at;
      joined.ends[r] = part.ends[i] + at;
    }
  }
  return joined;
}

/** Spans of the text to scan (word tokens), and which of them open a line. */
interface Ranges {
  starts: Int32Array;
  ends: Int32Array;
  opensLine: Uint8Array;
  count: number;
}

/** Reused by `scanWords(text, false)`: word hashes only, for indexing (see FingerprintIndex.setText). */
let scratchHashes = new Int32Array(1024);

/**
 * The tokenizer. With `full` false it keeps only the hashes, in `scratchHashes` (valid until the next call), and
 * allocates nothing.
 */
export function scanWords(text: string, full: boolean, ranges?: Ranges): WordTokens {
  let n = text.length;
  let cap = Math.max(16, Math.ceil(n / 5));
  if (!full && scratchHashes.length < cap) scratchHashes = new Int32Array(cap);
  if (!full) cap = scratchHashes.length;
  let hashes = full ? new Int32Array(cap) : scratchHashes;
  let starts = full ? new Int32Array(cap) : EMPTY_INT32;
  let ends = full ? new Int32Array(cap) : EMPTY_INT32;
  let lineStarts = full ? new Uint8Array(cap) : EMPTY_UINT8;
  let count = 0;
  let i = 0;
  let sawBreak = true;
  for (let r = 0; r < (ranges ? ranges.count : 1); r++) {
    if (ranges) {
      i = ranges.starts[r];
      n = ranges.ends[r];
      if (ranges.opensLine[r]) sawBreak = true;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        if (ASCII_FOLD[c] === 0) {
          if (c === 10 || c === 13) sawBreak = true;
          i++;
          continue;
        }
      } else if (c >= 0xd800 && c <= 0xdbff ? !astralWordWidth(text, i) : !isWordCode(c)) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      while (i < n) {
        const ch = text.charCodeAt(i);
        if (ch < 128) {
          const folded = ASCII_FOLD[ch];
          if (folded !== 0) {
            h = Math.imul(h ^ folded, 0x01000193);
            i++;
            continue;
          }
        } else {
          const astral = ch >= 0xd800 && ch <= 0xdbff ? astralWordWidth(text, i) : 0;
          if (astral) {
            h = Math.imul(h ^ text.codePointAt(i)!, 0x01000193);
            i += astral;
            continue;
          }
          if (isWordCode(ch)) {
            h = Math.imul(h ^ lowerCode(ch), 0x01000193);
            i++;
            continue;
          }
        }
        if ((ch === 0x2019 || ch === 39 || ch === 45) && i + 1 < n && isWordCode(text.charCodeAt(i + 1)) && i > start) {
          i++; // apostrophes and hyphens inside a word are skipped, not hashed
        } else break;
      }
      if (count === cap) {
        cap *= 2;
        const grow = (a: Int32Array) => {
          const b = new Int32Array(cap);
          b.set(a);
          return b;
        };
        hashes = grow(hashes);
        if (full) {
          starts = grow(starts);
          ends = grow(ends);
          const more = new Uint8Array(cap);
          more.set(lineStarts);
          lineStarts = more;
        } else scratchHashes = hashes;
      }
      hashes[count] = h;
      if (full) {
        lineStarts[count] = sawBreak ? 1 : 0;
        starts[count] = start;
        ends[count] = i;
      }
      sawBreak = false;
      count++;
    }
  }
  return { hashes, starts, ends, lineStarts, count };
}

const EMPTY_INT32 = new Int32Array(0);
const EMPTY_UINT8 = new Uint8Array(0);
