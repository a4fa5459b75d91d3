// Sentence boundaries inside one paragraph. Intl.Segmenter does the splitting (it is fast per paragraph, but
// super-linear on multi-megabyte strings, so it is never given more than one paragraph); the abbreviation list
// then mends the splits it gets wrong ("U.S. Secretary of State", "Dr. Anna Shvets", "Jan. 5").

import { ABBREVIATIONS, TITLES } from './lexicon';
import { isWhitespaceCode } from './text';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Words that follow a country abbreviation inside a sentence ("U.S. Secretary", "U.N. officials"). */
const AFTER_COUNTRY = new Set([
  'secretary', 'president', 'state', 'department', 'officials', 'official', 'army', 'navy', 'military', 'forces',
  'embassy', 'ambassador', 'senate', 'house', 'congress', 'government', 'administration', 'treasury', 'attorney',
  'district', 'court', 'supreme', 'intelligence', 'troops', 'envoy', 'diplomats', 'diplomat', 'security', 'general',
  'representative', 'delegation', 'citizens', 'election', 'elections', 'economy', 'dollar', 'allies', 'navy', 'air',
  'national', 'federal', 'capitol', 'special', 'central', 'border', 'mission', 'council', 'charter', 'peacekeepers',
]);
const COUNTRY_ABBREVIATIONS = new Set(['u.s.', 'u.k.', 'u.n.', 'e.u.', 'u.s.a.', 'd.c.']);

function lastWord(s: string): string {
  // A scan from the end: a regex like /(\S+)\s*$/ retries at every position of a long segment.
  let end = s.length;
  while (end > 0 && isWhitespaceCode(s.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && !isWhitespaceCode(s.charCodeAt(start - 1))) start--;
  return s.slice(start, end).toLowerCase();
}

// The patterns of the merge tests, made once (a regular expression literal is a new object each time it runs).
const FIRST_WORD = /^\s*([\p{L}\p{N}][\p{L}\p{N}.’'-]*)/u;
const QUOTE_MARK_END = /[?!][”"’')]+$/u;
const LOWER_START = /^\s*\p{Ll}/u;
const OPENING_MARKS = /^[“"‘(]+/;
const LOWER_OR_DIGIT = /^[\p{Ll}\p{N}]/u;
const INITIAL = /^\p{L}\.$/u;
const CAPITAL_DOT_END = /\p{Lu}\.\s*$/u;

function firstWord(s: string): string {
  const m = FIRST_WORD.exec(s);
  return m ? m[1] : '';
}

function shouldMerge(previous: string, next: string): boolean {
  // “Why not?” she asked. / “Now!” said the mayor: a quote's question or exclamation, then its attribution.
  if (QUOTE_MARK_END.test(previous.trimEnd()) && LOWER_START.test(next)) return true;
  const last = lastWord(previous).replace(OPENING_MARKS, '');
  if (!last.endsWith('.')) return false;
  const nextWord = firstWord(next);
  if (!nextWord) return false;
  if (LOWER_OR_DIGIT.test(nextWord)) return true; // "Jan. 5", "a.m. on"
  if (INITIAL.test(last) && CAPITAL_DOT_END.test(previous.slice(-3))) return true; // an initial: "George W. Bush"
  if (COUNTRY_ABBREVIATIONS.has(last)) return AFTER_COUNTRY.has(nextWord.toLowerCase());
  if (ABBREVIATIONS.has(last)) return true;
  if (TITLES.has(last)) return true;
  return false;
}

/** Paragraphs longer than this are cut into pieces of about this size before segmenting. */
const CHUNK = 4000;

/**
 * Cuts text[start, end) at sentence-like boundaries (a full stop, question or exclamation mark, then a space and a
 * capital or an opening mark) into pieces of at least CHUNK characters, so the segmenter never sees a huge string.
 */
function chunks(text: string, start: number, end: number): Array<[number, number]> {
  if (end - start <= CHUNK * 2) return [[start, end]];
  const out: Array<[number, number]> = [];
  let from = start;
  let i = start + CHUNK;
  while (i < end - CHUNK) {
    const c = text[i];
    if ((c === '.' || c === '?' || c === '!') && /\s/.test(text[i + 1] ?? '') && /[\p{Lu}“"‘(]/u.test(text[i + 2] ?? '')) {
      out.push([from, i + 1]);
      from = i + 1;
      i = from + CHUNK;
      continue;
    }
    i++;
  }
  out.push([from, end]);
  return out;
}

/** Returns sentence ranges (trimmed of surrounding whitespace) within text[start, end). */
export function splitSentences(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const raw: Array<{ start: number; end: number }> = [];
  for (const [from, to] of chunks(text, start, end)) {
    const slice = text.slice(from, to);
    for (const seg of segmenter.segment(slice)) {
      const s = seg.segment;
      // The whitespace trim() takes off each end, counted in place (no trimmed copies).
      let lead = 0;
      while (lead < s.length && isWhitespaceCode(s.charCodeAt(lead))) lead++;
      if (lead === s.length) continue;
      let trail = 0;
      while (isWhitespaceCode(s.charCodeAt(s.length - 1 - trail))) trail++;
      const range = { start: from + seg.index + lead, end: from + seg.index + s.length - trail };
      const prev = raw[raw.length - 1];
      // Only the tail of the previous sentence matters for mending; slicing all of it would be quadratic.
      if (prev && shouldMerge(text.slice(Math.max(prev.start, prev.end - 200), prev.end), s)) prev.end = range.end;
      else raw.push(range);
    }
  }
  return raw;
}
