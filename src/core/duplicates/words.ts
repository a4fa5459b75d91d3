// Word tokens: the words of a text, normalised and hashed, with their offsets in the original text (UTF-16 code
// units). Every later stage (k-grams, fingerprints, alignment) works on these.

/** Normalised word tokens of a text: a 32-bit hash per word and the word's offsets in the original text. */
export interface WordTokens {
  hashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a line break lies between the previous word and this one (or this is the first word). */
  lineStarts: Uint8Array;
  count: number;
}

/** Per BMP code unit: 0 not classified yet, 1 not a word character, 2 a word character. Filled lazily. */
const WORD_CLASS = new Uint8Array(65536);
/** Per BMP code unit: its lower-case form + 1 (0 = not computed yet). */
const LOWER = new Uint16Array(65536);
/** Per ASCII code: the lower-case code of a letter or digit, 0 for anything else. */
const ASCII_FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  WORD_CLASS[c] = word ? 2 : 1;
  ASCII_FOLD[c] = word ? (c >= 65 && c <= 90 ? c + 32 : c) : 0;
}

function classifyWordCode(c: number): boolean {
  if (c === 0x2019 || c === 0x2018 || c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2013 || c === 0xfeff || c === 0xa0) return false;
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation and spaces
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral characters are handled by astralWordWidth
  return /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c));
}

function isWordCode(c: number): boolean {
  let k = WORD_CLASS[c];
  if (k === 0) WORD_CLASS[c] = k = classifyWordCode(c) ? 2 : 1;
  return k === 2;
}

/** Lower case of a non-ASCII BMP code unit (the first unit of its lower-case form). */
function lowerCode(c: number): number {
  let l = LOWER[c];
  if (l === 0) LOWER[c] = l = String.fromCharCode(c).toLowerCase().charCodeAt(0) + 1;
  return l - 1;
}

/** 2 when text[i] starts an astral letter or digit (a surrogate pair), else 0. Emoji are not words. */
function astralWordWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 0;
  const cp = text.codePointAt(i)!;
  return cp > 0xffff && /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/**
 * Words, lower-cased, with apostrophes inside a word folded ("Russia’s" = "russia's" = "russias") and all other
 * punctuation, quote styles and whitespace ignored. Linear in the text length.
 */
export function wordTokens(text: string): WordTokens {
  return scanWords(text, true);
}

/** Reused by `scanWords(text, false)`: word hashes only, for indexing (see FingerprintIndex.setText). */
let scratchHashes = new Int32Array(1024);

/**
 * The tokenizer. With `full` false it keeps only the hashes, in `scratchHashes` (valid until the next call), and
 * allocates nothing.
 */
export function scanWords(text: string, full: boolean): WordTokens {
  const n = text.length;
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
  return { hashes, starts, ends, lineStarts, count };
}

const EMPTY_INT32 = new Int32Array(0);
const EMPTY_UINT8 = new Uint8Array(0);
