// What a word character is, once for the whole analysis: a letter, a digit or a combining mark, of any script. A
// variation selector is a mark too, but it only picks how an emoji looks (❤️), so it is no part of a word.
// The tokenizer, check-worthiness, claim ids, duplicates, quote marks and annotation anchoring all ask here.

/** The definition, as a regular expression source for one character (with the u flag). */
export const WORD_CHARACTER_SOURCE = String.raw`(?:(?![\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\p{L}\p{N}\p{M}])`;
/** The definition. The functions below answer the same by table or by code, and fall back to it. */
export const WORD_CHARACTER = new RegExp(WORD_CHARACTER_SOURCE, 'u');

/** Per BMP code unit: 0 not classified yet, 1 not a word character, 2 a word character. Filled lazily. */
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 2 : 1;
// Surrogates are never word characters on their own: a pair is read as one code point (wordCharWidth).
CLASS.fill(1, 0xd800, 0xe000);

/** True when the BMP code unit `c` is a word character (a lone surrogate is not). */
export function isWordCode(c: number): boolean {
  let k = CLASS[c];
  if (k === 0) CLASS[c] = k = WORD_CHARACTER.test(String.fromCharCode(c)) ? 2 : 1;
  return k === 2;
}

/** Length in UTF-16 code units of the code point at `i`: 2 for a surrogate pair, else 1 (a lone surrogate too). */
export function codePointWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/** Length in UTF-16 code units (1 or 2) of the word character at `i`, or 0 when there is none. */
export function wordCharWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return c === c && isWordCode(c) ? 1 : 0; // c !== c: NaN, past the end
  const low = text.charCodeAt(i + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return 0;
  return WORD_CHARACTER.test(text.slice(i, i + 2)) ? 2 : 0;
}

/** True when the string starts with a word character (a whole code point). */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && wordCharWidth(ch, 0) > 0;
}
