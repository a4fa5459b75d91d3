// Sentence boundaries inside one paragraph. Intl.Segmenter does the splitting (it is fast per paragraph, but
// super-linear on multi-megabyte strings, so it is never given more than one paragraph); the abbreviation list
// then mends the splits it gets wrong ("U.S. Secretary of State", "Dr. Anna Shvets", "Jan. 5").

import { ABBREVIATIONS, TITLES } from './lexicon';

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
  const m = /(\S+)\s*$/.exec(s);
  return m ? m[1].toLowerCase() : '';
}

function firstWord(s: string): string {
  const m = /^\s*([\p{L}\p{N}][\p{L}\p{N}.’'-]*)/u.exec(s);
  return m ? m[1] : '';
}

function shouldMerge(previous: string, next: string): boolean {
  const last = lastWord(previous).replace(/^[“"‘(]+/, '');
  if (!last.endsWith('.')) return false;
  const nextWord = firstWord(next);
  if (!nextWord) return false;
  if (/^[\p{Ll}\p{N}]/u.test(nextWord)) return true; // "Jan. 5", "a.m. on"
  if (/^\p{Lu}\.$/u.test(last)) return true; // an initial: "George W. Bush"
  if (COUNTRY_ABBREVIATIONS.has(last)) return AFTER_COUNTRY.has(nextWord.toLowerCase());
  if (ABBREVIATIONS.has(last)) return true;
  if (TITLES.has(last)) return true;
  return false;
}

/** Returns sentence ranges (trimmed of surrounding whitespace) within text[start, end). */
export function splitSentences(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const slice = text.slice(start, end);
  const raw: Array<{ start: number; end: number }> = [];
  for (const seg of segmenter.segment(slice)) {
    const s = seg.segment;
    if (!s.trim()) continue;
    const lead = s.length - s.trimStart().length;
    const trail = s.length - s.trimEnd().length;
    const range = { start: start + seg.index + lead, end: start + seg.index + s.length - trail };
    const prev = raw[raw.length - 1];
    if (prev && shouldMerge(text.slice(prev.start, prev.end), s)) prev.end = range.end;
    else raw.push(range);
  }
  return raw;
}
