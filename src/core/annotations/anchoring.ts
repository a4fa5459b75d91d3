// Anchoring, as Hypothesis does it: an annotation is found again in the article after it changes, by its position,
// then its exact quote in context, then a fuzzy match. Offsets are UTF-16 code units.
import search from 'approx-string-match';
import type { Anchor, SeedAnnotation, TextPositionSelector, TextQuoteSelector } from './types';
import { isWordCode } from '../words';

/** Characters of context kept on each side of the quote (fewer when a surrogate pair would be split). */
export const CONTEXT_LENGTH = 32;
/** Longer stored context (written by other tools) is cut to this many characters nearest the quote for scoring. */
const MAX_CONTEXT = 64;

/**
 * Fuzzy anchoring allows at most this share of the quote's length in edits (insertions, deletions, substitutions),
 * and never more than MAX_FUZZY_ERRORS: a match is then at least 75% the same as the quote.
 */
export const FUZZY_ERROR_RATIO = 0.25;
export const MAX_FUZZY_ERRORS = 256;
/** Quotes shorter than this match elsewhere (exactly or fuzzily) only when their context is at least half the same. */
export const SHORT_QUOTE = 32;
const MIN_CONTEXT_SCORE = 0.5;
/** A fuzzy match whose context changed too is taken when it is at least this similar to the quote. */
const MOVED_QUOTE_SCORE = 0.9;
/** A fuzzy match found near the old position with at least this score is taken without searching the whole text. */
const GOOD_NEARBY_SCORE = 0.85;
/** Exact occurrences scored for their context: those nearest the old position (plus any whose context is intact). */
const MAX_SCORED_OCCURRENCES = 200;
/** Fuzzy matches scored per searched region: the ones nearest the old position (all have the fewest errors). */
const MAX_FUZZY_CANDIDATES = 50;

// Hypothesis's weights (match-quote.js).
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The selectors for text[start, end): the quote with about 32 characters of context each side, and the position. */
export function selectorsFor(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  let s = Math.max(0, Math.min(text.length, Math.min(start, end)));
  let e = Math.max(0, Math.min(text.length, Math.max(start, end)));
  if (!Number.isFinite(s)) s = 0;
  if (!Number.isFinite(e)) e = s;
  let prefixStart = Math.max(0, s - CONTEXT_LENGTH);
  if (prefixStart > 0 && isLow(text.charCodeAt(prefixStart)) && isHigh(text.charCodeAt(prefixStart - 1))) prefixStart++;
  let suffixEnd = Math.min(text.length, e + CONTEXT_LENGTH);
  if (suffixEnd < text.length && isLow(text.charCodeAt(suffixEnd)) && isHigh(text.charCodeAt(suffixEnd - 1))) suffixEnd--;
  return [
    { type: 'TextQuoteSelector', exact: text.slice(s, e), prefix: text.slice(prefixStart, s), suffix: text.slice(e, suffixEnd) },
    { type: 'TextPositionSelector', start: s, end: e },
  ];
}


interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Scored {
  start: number;
  end: number;
  score: number;
  quote: number;
  context: number;
}

let column = new Int32Array(0);

/**
 * How much of `str` is found in `text` (1 = all of it): Hypothesis's textMatchScore, 1 - errors / length for the best
 * approximate occurrence of `str` anywhere in `text`. Contexts are short (32 characters), so a plain dynamic programme
 * (Sellers) over one reused column is cheaper than a bit-parallel search with its allocations.
 */
function textMatchScore(text: string, str: string): number {
  if (text === str) return 1;
  const m = str.length;
  if (!m || !text.length) return 0;
  if (column.length < m + 1) column = new Int32Array(m + 1);
  const col = column;
  for (let i = 0; i <= m; i++) col[i] = i;
  let bestErrors = m;
  for (let j = 0; j < text.length; j++) {
    const ch = text.charCodeAt(j);
    let diagonal = 0; // row 0 is free: a match may start anywhere in text
    col[0] = 0;
    for (let i = 1; i <= m; i++) {
      const up = col[i];
      const cost = str.charCodeAt(i - 1) === ch ? diagonal : diagonal + 1;
      const v = Math.min(cost, up + 1, col[i - 1] + 1);
      diagonal = up;
      col[i] = v;
    }
    if (col[m] < bestErrors) bestErrors = col[m];
  }
  return Math.max(0, 1 - bestErrors / m);
}

interface Context {
  text: string;
  exact: string;
  prefix: string;
  suffix: string;
  hint: number;
}

function prefixScore(c: Context, start: number): number {
  // An empty prefix was taken at the start of the text.
  if (!c.prefix) return start === 0 ? 1 : 0.5;
  return textMatchScore(c.text.slice(Math.max(0, start - c.prefix.length), start), c.prefix);
}

function suffixScore(c: Context, end: number): number {
  if (!c.suffix) return end === c.text.length ? 1 : 0.5;
  return textMatchScore(c.text.slice(end, end + c.suffix.length), c.suffix);
}

function score(c: Context, m: Candidate): Scored {
  const quote = Math.max(0, 1 - m.errors / Math.max(1, c.exact.length));
  const p = prefixScore(c, m.start);
  const s = suffixScore(c, m.end);
  const pos = Math.max(0, 1 - Math.abs(m.start - c.hint) / Math.max(1, c.text.length));
  return { start: m.start, end: m.end, quote, context: (p + s) / 2, score: (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * p + SUFFIX_WEIGHT * s + POSITION_WEIGHT * pos) / MAX_SCORE };
}

function best(scored: Scored[]): Scored | undefined {
  let top: Scored | undefined;
  for (const s of scored) {
    // Ties go to the match nearest the old position (then the earlier one), so the choice is deterministic.
    if (!top || s.score > top.score) top = s;
  }
  return top;
}

function contextIntact(c: Context, start: number, end: number): boolean {
  return (c.prefix ? c.text.slice(start - c.prefix.length, start) === c.prefix && start >= c.prefix.length : start === 0) && (c.suffix ? c.text.slice(end, end + c.suffix.length) === c.suffix : end === c.text.length);
}

/** Enough context to trust an exact occurrence away from the old position: a long quote, or a short one in context. */
function trusted(c: Context, s: Scored): boolean {
  return c.exact.length >= SHORT_QUOTE || s.context >= MIN_CONTEXT_SCORE;
}

/** A fuzzy match needs its context at least half the same, or a long quote nearly unchanged (a passage moved). */
function trustedFuzzy(c: Context, s: Scored): boolean {
  return s.context >= MIN_CONTEXT_SCORE || (c.exact.length >= SHORT_QUOTE && s.quote >= MOVED_QUOTE_SCORE);
}

const isWordAt = (s: string, i: number) => i >= 0 && i < s.length && isWordCode(s.charCodeAt(i));

/**
 * A fuzzy match, adjusted: never splitting a surrogate pair, and ending (starting) at a word boundary when the quote
 * did and the match stops at most a few characters inside a word ("build it" edited to "build that" gives
 * "build that", not "build t").
 */
function widen(c: Context, m: Candidate, slack: number): Candidate {
  const { text, exact } = c;
  let { start, end } = m;
  if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (end > 0 && end < text.length && isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end++;
  const quoteEndsWord = isWordAt(exact, exact.length - 1) && !isWordAt(c.suffix, 0);
  if (quoteEndsWord && isWordAt(text, end - 1) && isWordAt(text, end)) {
    let e = end;
    while (e < text.length && e - end <= slack && isWordAt(text, e)) e++;
    if (!isWordAt(text, e)) end = e;
  }
  const quoteStartsWord = isWordAt(exact, 0) && !isWordAt(c.prefix, c.prefix.length - 1);
  if (quoteStartsWord && isWordAt(text, start) && isWordAt(text, start - 1)) {
    let b = start;
    while (b > 0 && start - b <= slack && isWordAt(text, b - 1)) b--;
    if (!isWordAt(text, b - 1)) start = b;
  }
  return { start, end, errors: m.errors };
}

function selectorsOf(a: SeedAnnotation): { quote?: TextQuoteSelector; position?: TextPositionSelector } {
  const selectors = (a?.target?.selector ?? []) as unknown as Array<TextQuoteSelector | TextPositionSelector>;
  const list = Array.isArray(selectors) ? selectors : [selectors];
  return {
    quote: list.find((s): s is TextQuoteSelector => s?.type === 'TextQuoteSelector'),
    position: list.find((s): s is TextPositionSelector => s?.type === 'TextPositionSelector'),
  };
}

/**
 * Finds the annotation in `text`:
 * 1. position: the text at the stored position is still the quote (and its context is intact, or no other occurrence
 *    of the quote has a better context);
 * 2. quote: the best exact occurrence of the quote, by prefix and suffix similarity and distance from the old position;
 * 3. fuzzy: approx-string-match with up to a quarter of the quote's length in errors (at most 256), near the old
 *    position first, then in the whole text, scored like Hypothesis (quote 50, prefix 20, suffix 20, position 2).
 * Quotes shorter than 32 characters are taken away from their position only when their context is at least half the
 * same. Empty or blank quotes anchor only by position. Anything else is orphaned.
 */
export function anchorAnnotation(text: string, annotation: SeedAnnotation): Anchor {
  const first = anchorExactly(text, annotation);
  return 'pending' in first ? anchorFuzzily(first.pending, first.pending.hint) : first;
}

/** An annotation not found at its position or as its exact quote: its context, for the fuzzy search. */
type Pending = { pending: Context };

/** Steps 1 and 2: the position, then the exact quote. */
function anchorExactly(text: string, annotation: SeedAnnotation): Anchor | Pending {
  const { quote, position } = selectorsOf(annotation);
  if (!quote || typeof quote.exact !== 'string') return { orphaned: true };
  const exact = quote.exact;
  const start = Number.isInteger(position?.start) ? position!.start : -1;
  const end = Number.isInteger(position?.end) ? position!.end : -1;
  const positionFits = start >= 0 && end >= start && end <= text.length && text.slice(start, end) === exact;
  if (!exact.trim()) return positionFits ? { start, end, method: 'position', score: 1 } : { orphaned: true };
  // Context from other tools may be long: the nearest MAX_CONTEXT characters are enough to score with.
  const prefix = typeof quote.prefix === 'string' ? quote.prefix.slice(-MAX_CONTEXT) : '';
  const suffix = typeof quote.suffix === 'string' ? quote.suffix.slice(0, MAX_CONTEXT) : '';
  const c: Context = { text, exact, prefix, suffix, hint: start >= 0 ? start : 0 };
  if (positionFits && contextIntact(c, start, end)) return { start, end, method: 'position', score: 1 };

  // 2. Exact occurrences of the quote.
  const occurrences: number[] = [];
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) occurrences.push(i);
  if (occurrences.length) {
    const intact = occurrences.filter((o) => contextIntact(c, o, o + exact.length));
    let pool: number[];
    if (intact.length) pool = intact;
    else if (occurrences.length <= MAX_SCORED_OCCURRENCES) pool = occurrences;
    else pool = [...occurrences].sort((x, y) => Math.abs(x - c.hint) - Math.abs(y - c.hint) || x - y).slice(0, MAX_SCORED_OCCURRENCES);
    if (positionFits && !pool.includes(start)) pool.push(start);
    const scored = pool.sort((x, y) => x - y).map((o) => score(c, { start: o, end: o + exact.length, errors: 0 }));
    const top = best(scored.sort((x, y) => Math.abs(x.start - c.hint) - Math.abs(y.start - c.hint) || x.start - y.start))!;
    if (positionFits) {
      const here = scored.find((s) => s.start === start)!;
      if (top.start === start || top.score <= here.score) return { start, end, method: 'position', score: here.score };
      return { start: top.start, end: top.end, method: 'quote', score: top.score };
    }
    if (trusted(c, top)) return { start: top.start, end: top.end, method: 'quote', score: top.score };
  }

  return { pending: c };
}

/** Step 3: a fuzzy search for the quote, near `hint` first. */
function anchorFuzzily(context: Context, hint: number): Anchor {
  const c: Context = { ...context, hint: Math.max(0, Math.min(context.text.length, hint)) };
  const { text, exact } = c;
  // 3. Fuzzy.
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(exact.length * FUZZY_ERROR_RATIO));
  if (maxErrors < 1) return { orphaned: true };
  // The best matches of a region, at most MAX_FUZZY_CANDIDATES of them (those nearest the old position) scored.
  const fuzzy = (from: number, to: number): Scored[] =>
    search(text.slice(from, to), exact, maxErrors)
      .map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }))
      .sort((x, y) => Math.abs(x.start - c.hint) - Math.abs(y.start - c.hint) || x.start - y.start)
      .slice(0, MAX_FUZZY_CANDIDATES)
      .map((m) => score(c, widen(c, m, maxErrors)));
  const acceptable = (list: Scored[]) => list.filter((s) => trustedFuzzy(c, s)).sort((x, y) => Math.abs(x.start - c.hint) - Math.abs(y.start - c.hint) || x.start - y.start);
  // Near the expected position first; then, unless that gave a good match, the rest of the text where the q-gram
  // lemma leaves room for a match.
  const margin = Math.max(256, exact.length);
  const nearFrom = Math.max(0, c.hint - margin);
  const nearTo = Math.min(text.length, c.hint + exact.length + margin);
  let found = trigramIndex(text).mayMatch(exact, maxErrors, nearFrom, nearTo) ? acceptable(fuzzy(nearFrom, nearTo)) : [];
  let top = best(found);
  if ((!top || top.score < GOOD_NEARBY_SCORE) && (nearFrom > 0 || nearTo < text.length)) {
    const more: Scored[] = [];
    // Parts outside the near window, overlapping it enough to find a match across its edge.
    const overlap = exact.length + maxErrors;
    for (const [f, t] of trigramIndex(text).regions(exact, maxErrors) ?? [[0, text.length]]) {
      if (f < nearFrom) more.push(...fuzzy(f, Math.min(t, nearFrom + overlap)));
      if (t > nearTo) more.push(...fuzzy(Math.max(f, nearTo - overlap), t));
    }
    found = acceptable([...found, ...more]);
    top = best(found);
  }
  return top ? { start: top.start, end: top.end, method: 'fuzzy', score: top.score } : { orphaned: true };
}

/**
 * Anchors all of an article's annotations. Those that need a fuzzy search look first where their neighbours went: the
 * old position moved by the shift of the nearest annotation found exactly (edits before a passage move it).
 */
export function anchorAll(text: string, annotations: SeedAnnotation[]): Array<{ annotation: SeedAnnotation; anchor: Anchor }> {
  const first = annotations.map((annotation) => anchorExactly(text, annotation));
  // [old start, shift] of the annotations found exactly, by old start.
  const shifts: Array<[number, number]> = [];
  first.forEach((anchor, i) => {
    const old = selectorsOf(annotations[i]).position?.start;
    if (!('pending' in anchor) && !('orphaned' in anchor) && Number.isInteger(old)) shifts.push([old!, anchor.start - old!]);
  });
  shifts.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const shiftAt = (old: number): number => {
    if (!shifts.length) return 0;
    let lo = 0;
    let hi = shifts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (shifts[mid][0] <= old) lo = mid;
      else hi = mid - 1;
    }
    const left = shifts[lo];
    const right = shifts[Math.min(shifts.length - 1, lo + 1)];
    return Math.abs(right[0] - old) < Math.abs(old - left[0]) ? right[1] : left[1];
  };
  return annotations.map((annotation, i) => {
    const anchor = first[i];
    if (!('pending' in anchor)) return { annotation, anchor };
    return { annotation, anchor: anchorFuzzily(anchor.pending, anchor.pending.hint + shiftAt(anchor.pending.hint)) };
  });
}

const Q = 3;

function trigramHash(s: string, i: number, shift: number): number {
  return (Math.imul(s.charCodeAt(i), 0x9e3779b1) ^ Math.imul(s.charCodeAt(i + 1), 0x85ebca6b) ^ Math.imul(s.charCodeAt(i + 2), 0xc2b2ae35)) >>> shift;
}

/** The last text's trigram index: anchoring all of an article's annotations builds it once. */
let lastIndex: TrigramIndex | undefined;

function trigramIndex(text: string): TrigramIndex {
  if (lastIndex?.text !== text) lastIndex = new TrigramIndex(text);
  return lastIndex;
}

/**
 * The text's trigrams (hashed), to rule out most of the text before a fuzzy search. By the q-gram lemma, a match of a
 * pattern of length m with at most k errors keeps at least m - 2 - 3k of the pattern's trigrams, each within k of
 * where the match's start puts it. Hash collisions only add candidates, never lose one.
 */
class TrigramIndex {
  private readonly starts: Int32Array;
  private readonly positions: Int32Array;
  /** Hashes have 32 - shift bits: about as many buckets as trigrams, from 2^8 to 2^16. */
  private readonly shift: number;

  constructor(readonly text: string) {
    const n = Math.max(0, text.length - Q + 1);
    const bits = Math.min(16, Math.max(8, Math.ceil(Math.log2(n + 1))));
    const BUCKETS = 1 << bits;
    this.shift = 32 - bits;
    const hashes = new Uint16Array(n);
    const starts = new Int32Array(BUCKETS + 1);
    for (let i = 0; i < n; i++) {
      const h = trigramHash(text, i, this.shift);
      hashes[i] = h;
      starts[h + 1]++;
    }
    for (let h = 0; h < BUCKETS; h++) starts[h + 1] += starts[h];
    const cursor = starts.slice(0, BUCKETS);
    const positions = new Int32Array(n);
    for (let i = 0; i < n; i++) positions[cursor[hashes[i]]++] = i;
    this.starts = starts;
    this.positions = positions;
  }

  /** Whether text[from, to) may hold a match: enough of the pattern's trigrams occur in it at all. */
  mayMatch(pattern: string, k: number, from: number, to: number): boolean {
    const m = pattern.length;
    const threshold = m - Q + 1 - k * Q;
    if (threshold <= 0) return true;
    let present = 0;
    for (let j = 0; j + Q <= m; j++) {
      const h = trigramHash(pattern, j, this.shift);
      // The first position >= from among this trigram's (in order): is it before to - 2?
      let lo = this.starts[h];
      let hi = this.starts[h + 1];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.positions[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      if (lo < this.starts[h + 1] && this.positions[lo] + Q <= to && ++present >= threshold) return true;
      if (present + (m - Q - j) < threshold) return false;
    }
    return present >= threshold;
  }

  /** Ranges of the text (merged, in order) that may hold a match; undefined when the lemma rules nothing out. */
  regions(pattern: string, k: number): Array<[number, number]> | undefined {
    const m = pattern.length;
    const threshold = m - Q + 1 - k * Q;
    if (threshold <= 0) return undefined;
    // Votes per band of start diagonals (k + 1 wide; a match's trigrams fall within three consecutive bands).
    const w = k + 1;
    const bins = new Int32Array(Math.ceil((this.text.length + m) / w) + 2);
    for (let j = 0; j + Q <= m; j++) {
      const h = trigramHash(pattern, j, this.shift);
      // One vote per pattern trigram and band (positions are in order, so repeats in a band are consecutive).
      let last = -1;
      for (let x = this.starts[h], end = this.starts[h + 1]; x < end; x++) {
        const b = Math.floor((this.positions[x] - j + m) / w);
        if (b !== last) bins[b]++;
        last = b;
      }
    }
    const out: Array<[number, number]> = [];
    for (let b = 0; b < bins.length; b++) {
      const votes = (b > 0 ? bins[b - 1] : 0) + bins[b] + (b + 1 < bins.length ? bins[b + 1] : 0);
      if (votes < threshold) continue;
      const from = Math.max(0, (b - 1) * w - m - k);
      const to = Math.min(this.text.length, (b + 2) * w + 2 * k);
      const last = out[out.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else out.push([from, to]);
    }
    return out;
  }
}
