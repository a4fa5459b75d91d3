// The attribution rules' view of a paragraph: words and punctuation with abbreviation dots joined to their word, and
// the small helpers every rule uses to read them.

import type { Span, Speaker } from '../types';
import type { QuoteSpan } from '../quotes';
import { isCapitalized, startsLowercase, type Token } from '../text';
import { ABBREVIATIONS } from '../lexicon';

export const QUOTE_MARKS = new Set(['“', '”', '"', '‘', '’', "'", '«', '»', '„']);

export const SENTENCE_END = new Set(['.', '!', '?', ';']);

export const lower = (t: Token | undefined) => (t ? t.text.toLowerCase() : '');

export const isWord = (t: Token | undefined): t is Token => !!t && t.type === 'word';

export const isQuoteMark = (t: Token | undefined) => !!t && t.type === 'punct' && QUOTE_MARKS.has(t.text);

export function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

export interface Candidate {
  speaker: Span;
  cue: Span;
  via: Speaker['via'];
  /** The reporting verb is a labelling or speech verb close to the quote. */
  close: boolean;
}

/** How many tokens on each side of a quote the attribution looks at. */
export const WINDOW = 50;

/** Index of the first item (tokens, quote spans: sorted by start) that starts at or after `offset` (binary search). */
export function firstIndexAtOrAfter(tokens: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Honorifics and titles written with a dot that never ends a sentence before a name: "Mr. Obama", "Sen. Cruz". */
export const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'sens', 'rep', 'reps', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'adm', 'maj',
  'cmdr', 'rev', 'st', 'jr', 'sr', 'hon', 'pres', 'messrs', 'atty', 'supt', 'det', 'amb', 'cpl', 'pvt', 'fr', 'del',
]);

/**
 * The article's tokens (articleTokens.ts) as the rules read them: the dot of an abbreviation joined to its word when
 * it cannot end a sentence: "Mr. Obama", "Lawrence B. Cummings", "(D-Md.)", "R-Ky., said". With `at` (a paragraph's
 * start, for tokens relative to it), new tokens at their offsets in the article.
 */
export function attributionTokens(raw: readonly Token[], at?: number): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    // With `at`, each token is copied there as it is read (no copy of the whole list first).
    const r = raw[i];
    const t = at === undefined ? r : { start: r.start + at, end: r.end + at, text: r.text, type: r.type };
    const prev = out[out.length - 1];
    if (t.text === '.' && prev && prev.type === 'word' && prev.end === t.start && !prev.text.endsWith('.')) {
      const w = prev.text.toLowerCase();
      const next = raw[i + 1];
      const nextIsName = !!next && next.type === 'word' && isCapitalized(next.text);
      const join =
        (HONORIFICS.has(w) && (nextIsName || next?.text === ',')) ||
        (/^\p{Lu}$/u.test(prev.text) && nextIsName) ||
        (!!next && (next.text === ',' || next.text === ')')) ||
        (ABBREVIATIONS.has(w + '.') && !!next && next.type === 'word' && startsLowercase(next.text));
      if (join) {
        out[out.length - 1] = { start: prev.start, end: t.end, text: prev.text + '.', type: 'word' };
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** The last span starting at or before `offset` (spans sorted by start), or -1 for none. */
function lastStartingAtOrBefore(spans: QuoteSpan[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether `offset` is inside spans[found] or one of the few spans before it (`found` as lastStartingAtOrBefore gives). */
function insideFrom(spans: QuoteSpan[], found: number, offset: number): boolean {
  // Walk back over a few spans: an outer span may start before a nested one that already ended.
  for (let i = found; i >= 0 && i > found - 4; i--) if (spans[i].start <= offset && offset < spans[i].end) return true;
  return false;
}

/** True when `offset` lies inside a quote (spans sorted by start; nested spans lie inside their outer span). */
export function insideAnyQuote(spans: QuoteSpan[], offset: number): boolean {
  return insideFrom(spans, lastStartingAtOrBefore(spans, offset), offset);
}

/**
 * insideAnyQuote() of each token's start (token offsets + `at`), for tokens in order: one search for the first, then
 * the last span starting at or before each offset only moves forward.
 */
export function quotedFlags(spans: QuoteSpan[], tokens: readonly Token[], at: number): boolean[] {
  const out = new Array<boolean>(tokens.length);
  if (!tokens.length) return out;
  let found = lastStartingAtOrBefore(spans, tokens[0].start + at);
  for (let k = 0; k < tokens.length; k++) {
    const offset = tokens[k].start + at;
    while (found + 1 < spans.length && spans[found + 1].start <= offset) found++;
    out[k] = insideFrom(spans, found, offset);
  }
  return out;
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
