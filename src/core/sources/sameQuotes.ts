// The same quote given to different speakers in different articles: a sign that one of them is misattributed (or
// that a line passed from mouth to mouth). Quotes are compared the way claims are (sameClaims.ts): the duplicate
// engine's normalised words, so case, punctuation and quote styles do not count; the same words match from four
// words up, and another wording from eight words up when its word-level alignment is close (2·LCS / total ≥ 0.85)
// with the same figures.
import { appendInts, DEFAULT_DUPLICATE_OPTIONS, FingerprintIndex, similarity, wordHashes, wordTokens, type DuplicateOptions } from '../duplicates';
import type { ArticleDigest } from './digest';

export const SAME_QUOTE = {
  /** Quotes shorter than this (words) never count: "a slow emergency" can be said by anyone. */
  minWords: 4,
  /** Other wordings count from this many words… */
  minAlignedWords: 8,
  /** …when they align this closely. */
  minSimilarity: 0.85,
  k: 3,
  /** 3-word runs in more quotes than this are stock phrases, not evidence. */
  maxQuoteFrequency: 50,
} as const;

/** Where a quote stands and whom its article gives it to: shared by the Sources entries and same-quote pairs. */
export interface QuotePlace {
  path: string;
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  text: string;
  /** The speaker as the article writes it. */
  speaker: string;
}

export interface QuoteSide extends QuotePlace {
  /** The source's id (see build.ts). */
  source: string;
}

export interface SameQuote {
  a: QuoteSide;
  b: QuoteSide;
  /** Word-level similarity, 0–1 (1: the same words). */
  similarity: number;
}

interface Entry {
  article: number;
  quote: number;
  sources: string[];
  /**
   * Where its words' hashes start in the one array holding every quote's, and how many: no array or view per quote
   * (each is an object and a buffer of its own, for 10,000 articles' quotes).
   */
  from: number;
  count: number;
  figures: string;
  /** wordsKey(words): equal for the same words (and, rarely, for others: sameWords decides). */
  key: string;
}

/** Two independent 32-bit mixes of the word hashes, as one short string. */
function wordsKey(words: Int32Array): string {
  let a = 0x811c9dc5;
  let b = words.length;
  for (let i = 0; i < words.length; i++) {
    a = Math.imul(a ^ words[i], 0x01000193);
    b = Math.imul(b + words[i], 0x5bd1e995) ^ (b >>> 13);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

function sameWords(words: Int32Array, a: Entry, b: Entry): boolean {
  if (a.count !== b.count) return false;
  for (let i = 0; i < a.count; i++) if (words[a.from + i] !== words[b.from + i]) return false;
  return true;
}

/** The words of a quote that hold a digit, space-separated: quotes with other figures are other claims. */
function figuresOf(text: string): string {
  const tokens = wordTokens(text);
  const figures: string[] = [];
  for (let w = 0; w < tokens.count; w++) {
    const word = text.slice(tokens.starts[w], tokens.ends[w]);
    if (/\d/.test(word)) figures.push(word);
  }
  return figures.join(' ');
}

const INDEX_OPTIONS: DuplicateOptions = { ...DEFAULT_DUPLICATE_OPTIONS, k: SAME_QUOTE.k, window: 1, maxDocumentFrequency: SAME_QUOTE.maxQuoteFrequency };

/** The surname key of a named source's id ("named:vladimir putin" → "putin"), else undefined. */
function surnameOf(id: string): string | undefined {
  return id.startsWith('named:') ? id.slice(Math.max(id.lastIndexOf(' '), id.indexOf(':')) + 1) : undefined;
}

/** True when two sources may be one person: the same id, or named sources with the same surname. */
function sameSpeaker(a: string[], b: string[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x === y) return true;
      const s = surnameOf(x);
      if (s !== undefined && s === surnameOf(y)) return true;
    }
  }
  return false;
}

/**
 * The pairs of quotes, in different articles, with the same (or nearly the same) words and speakers that are not the
 * same source. `sourceIds[i][j]` is the corpus id of article i's source j. Each quote gets at most one counterpart per
 * other source (the first in input order), and each pair is listed once, in input order (of its first quote, then its second).
 */
export function findSameQuotes(digests: readonly ArticleDigest[], sourceIds: readonly string[][]): SameQuote[] {
  const entries: Entry[] = [];
  const exact = new Map<string, number[]>();
  const index = new FingerprintIndex(INDEX_OPTIONS);
  let allWords: Int32Array = new Int32Array(1 << 16);
  let used = 0;
  digests.forEach((d, article) => {
    d.quotes.forEach((q, quote) => {
      if (!q.sources.length) return;
      // Hashes only, in a reused buffer: 10,000 articles' quotes would otherwise leave a hundred thousand small
      // buffers outside the heap, and the process's memory grown for good.
      const { hashes, count } = wordHashes(q.text);
      if (count < SAME_QUOTE.minWords) return;
      const words = hashes.subarray(0, count);
      const key = wordsKey(words);
      allWords = appendInts(allWords, used, words);
      const e: Entry = { article, quote, sources: q.sources.map((s) => sourceIds[article][s]), from: used, count, figures: /\d/.test(q.text) ? figuresOf(q.text) : '', key };
      used += count;
      const id = entries.length;
      entries.push(e);
      const list = exact.get(key);
      if (list) list.push(id);
      else exact.set(key, [id]);
      if (count >= SAME_QUOTE.minAlignedWords) index.setText(String(id), q.text);
    });
  });
  const wordsOf = (e: Entry) => allWords.subarray(e.from, e.from + e.count);
  const pairs = new Map<string, SameQuote>();
  const sideOf = (e: Entry, source: string): QuoteSide => {
    const d = digests[e.article];
    const q = d.quotes[e.quote];
    return { path: d.path, start: q.start, end: q.end, line: q.line, column: q.column, text: q.text, speaker: q.speaker ?? '', source };
  };
  const consider = (i: number, j: number, sim: number, seen: Set<string>) => {
    const a = entries[i];
    const b = entries[j];
    if (a.article === b.article || sameSpeaker(a.sources, b.sources)) return;
    const other = b.sources[0];
    if (seen.has(other)) return;
    seen.add(other);
    const [x, y] = i < j ? [i, j] : [j, i];
    const key = `${x},${y}`;
    if (!pairs.has(key)) pairs.set(key, { a: sideOf(entries[x], entries[x].sources[0]), b: sideOf(entries[y], entries[y].sources[0]), similarity: sim });
  };
  entries.forEach((e, i) => {
    const seen = new Set<string>();
    for (const j of exact.get(e.key)!) if (j !== i && sameWords(allWords, e, entries[j])) consider(i, j, 1, seen);
    if (e.count < SAME_QUOTE.minAlignedWords) return;
    const n = e.count;
    const minShared = Math.max(2, Math.floor((n - SAME_QUOTE.k + 1) * 0.25));
    const candidates = index
      .candidates(String(i), minShared, Infinity)
      .map((c) => Number(c.id))
      .sort((x, y) => x - y);
    for (const j of candidates) {
      const o = entries[j];
      if (o.figures !== e.figures || (2 * Math.min(n, o.count)) / (n + o.count) < SAME_QUOTE.minSimilarity) continue;
      const sim = similarity(wordsOf(e), wordsOf(o), SAME_QUOTE.minSimilarity);
      if (sim >= SAME_QUOTE.minSimilarity && sim < 1) consider(i, j, Math.round(sim * 1000) / 1000, seen);
    }
  });
  // Pairs were keyed by entry numbers, which follow the input order.
  return [...pairs.entries()].sort(([x], [y]) => compareKeys(x, y)).map(([, p]) => p);
}

function compareKeys(x: string, y: string): number {
  const [a1, b1] = x.split(',').map(Number);
  const [a2, b2] = y.split(',').map(Number);
  return a1 - a2 || b1 - b2;
}
