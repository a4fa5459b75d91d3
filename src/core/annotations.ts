// Annotations: the user's own marks on an article (a note, tags, a verdict on a claim, replies), stored in a sidecar
// file next to the article in the W3C Web Annotation Data Model (JSON-LD), and found again in the article after it
// changes (anchoring, as Hypothesis does it: position, then the exact quote in its context, then a fuzzy match).
//
// Pure: no `vscode`, no Node built-ins. Reading and writing sidecars is the caller's job (src/cli/annotations.ts for
// the CLI, vscode.workspace.fs in the extension). Offsets are UTF-16 code units, as TextDocument.offsetAt counts them.
import search from 'approx-string-match';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type JSONPath, type Node, type ParseError } from 'jsonc-parser';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export type Verdict = 'verified' | 'disputed' | 'needs-source';

export const VERDICTS: ReadonlyArray<{ verdict: Verdict; label: string }> = [
  { verdict: 'verified', label: 'Verified' },
  { verdict: 'disputed', label: 'Disputed' },
  { verdict: 'needs-source', label: 'Needs source' },
];

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging' | 'assessing' | 'replying';
  format?: 'text/plain';
  created?: string;
  creator?: string;
}

export interface SeedAnnotation {
  /** 'urn:uuid:…' */
  id: string;
  type: 'Annotation';
  /** ISO 8601. */
  created: string;
  modified: string;
  creator?: string;
  motivation: 'commenting' | 'tagging' | 'assessing';
  /** The note (purpose commenting), each tag (tagging), the verdict (assessing, value = Verdict), replies (replying). */
  body: TextualBody[];
  /** source: the article's file name, relative (e.g. '003_….txt'). */
  target: { source: string; selector: [TextQuoteSelector, TextPositionSelector] };
  /** When the annotation is a verdict on a claim: the claim's id (from analyze().claims). */
  claimId?: string;
}

export interface SidecarDocument {
  '@context': string;
  type: 'AnnotationCollection';
  label?: string;
  generator?: string;
  total: number;
  items: SeedAnnotation[];
}

export type Anchor = { start: number; end: number; method: 'position' | 'quote' | 'fuzzy'; score: number } | { orphaned: true };

export interface SidecarProblem {
  message: string;
  /** 1-based. */
  line?: number;
  /** 1-based, in UTF-16 code units. */
  column?: number;
}

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

// ---------------------------------------------------------------------------------------------------------------------
// Bodies

/** The motivation bodies imply: assessing with a verdict, else commenting with a note, else tagging. */
export function motivationOf(body: TextualBody[]): SeedAnnotation['motivation'] {
  if (body.some((b) => b.purpose === 'assessing')) return 'assessing';
  if (body.some((b) => b.purpose === 'commenting')) return 'commenting';
  if (body.some((b) => b.purpose === 'tagging')) return 'tagging';
  return 'commenting';
}

const PURPOSE_ORDER: Record<TextualBody['purpose'], number> = { commenting: 0, tagging: 1, assessing: 2, replying: 3 };

/** Bodies in a stable order: the note, the tags, the verdict, then the replies (each group in its own order). */
function ordered(body: TextualBody[]): TextualBody[] {
  return body.map((b, i) => ({ b, i })).sort((x, y) => PURPOSE_ORDER[x.b.purpose] - PURPOSE_ORDER[y.b.purpose] || x.i - y.i).map((x) => x.b);
}

function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim();
    if (tag && !seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  }
  return out;
}

function isVerdict(v: unknown): v is Verdict {
  return v === 'verified' || v === 'disputed' || v === 'needs-source';
}

export function createAnnotation(input: {
  text: string;
  start: number;
  end: number;
  source: string;
  id: string;
  now: string;
  note?: string;
  tags?: string[];
  verdict?: Verdict;
  claimId?: string;
  creator?: string;
}): SeedAnnotation {
  const body: TextualBody[] = [];
  if (input.note !== undefined && input.note.trim()) body.push({ type: 'TextualBody', value: input.note, purpose: 'commenting', format: 'text/plain' });
  for (const tag of normaliseTags(input.tags ?? [])) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  if (input.verdict) body.push({ type: 'TextualBody', value: input.verdict, purpose: 'assessing' });
  const annotation: SeedAnnotation = {
    id: input.id,
    type: 'Annotation',
    created: input.now,
    modified: input.now,
    ...(input.creator ? { creator: input.creator } : {}),
    motivation: motivationOf(body),
    body,
    target: { source: input.source, selector: selectorsFor(input.text, input.start, input.end) },
    ...(input.claimId ? { claimId: input.claimId } : {}),
  };
  return annotation;
}

export function noteOf(a: SeedAnnotation): string | undefined {
  return a.body.find((b) => b.purpose === 'commenting')?.value;
}

export function tagsOf(a: SeedAnnotation): string[] {
  return a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}

export function verdictOf(a: SeedAnnotation): Verdict | undefined {
  const v = a.body.find((b) => b.purpose === 'assessing')?.value;
  return isVerdict(v) ? v : undefined;
}

export function repliesOf(a: SeedAnnotation): TextualBody[] {
  return a.body.filter((b) => b.purpose === 'replying');
}

function withBody(a: SeedAnnotation, body: TextualBody[], now: string): SeedAnnotation {
  const sorted = ordered(body);
  return { ...a, body: sorted, motivation: motivationOf(sorted), modified: now };
}

/** The annotation with this note (an empty or blank note removes it). */
export function withNote(a: SeedAnnotation, note: string | undefined, now: string): SeedAnnotation {
  const rest = a.body.filter((b) => b.purpose !== 'commenting');
  const old = a.body.find((b) => b.purpose === 'commenting');
  if (note === undefined || !note.trim()) return withBody(a, rest, now);
  return withBody(a, [{ ...(old ?? {}), type: 'TextualBody', value: note, purpose: 'commenting', format: 'text/plain' }, ...rest], now);
}

/** The annotation with these tags (trimmed, blank and repeated ones dropped), in this order. */
export function withTags(a: SeedAnnotation, tags: readonly string[], now: string): SeedAnnotation {
  const rest = a.body.filter((b) => b.purpose !== 'tagging');
  return withBody(a, [...rest, ...normaliseTags(tags).map((value): TextualBody => ({ type: 'TextualBody', value, purpose: 'tagging' }))], now);
}

/** The annotation with this verdict (undefined removes it). */
export function withVerdict(a: SeedAnnotation, verdict: Verdict | undefined, now: string): SeedAnnotation {
  const rest = a.body.filter((b) => b.purpose !== 'assessing');
  return withBody(a, verdict ? [...rest, { type: 'TextualBody', value: verdict, purpose: 'assessing' }] : rest, now);
}

/** The annotation with a reply added at the end. */
export function withReply(a: SeedAnnotation, reply: { value: string; creator?: string }, now: string): SeedAnnotation {
  const body: TextualBody = { type: 'TextualBody', value: reply.value, purpose: 'replying', format: 'text/plain', created: now, ...(reply.creator ? { creator: reply.creator } : {}) };
  return withBody(a, [...a.body, body], now);
}

/** The annotation without its `index`-th reply (as repliesOf lists them); unchanged when there is no such reply. */
export function withoutReply(a: SeedAnnotation, index: number, now: string): SeedAnnotation {
  const replies = repliesOf(a);
  if (index < 0 || index >= replies.length) return a;
  const gone = replies[index];
  return withBody(a, a.body.filter((b) => b !== gone), now);
}

/** The annotation with selectors for a new range of `text` (`modified` is updated only when `now` is given). */
export function reanchored(annotation: SeedAnnotation, text: string, start: number, end: number, now?: string): SeedAnnotation {
  return {
    ...annotation,
    ...(now !== undefined ? { modified: now } : {}),
    target: { ...annotation.target, selector: selectorsFor(text, start, end) },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Anchoring

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

const WORD = /[\p{L}\p{N}\p{M}]/u;
const isWordAt = (s: string, i: number) => i >= 0 && i < s.length && WORD.test(s[i]);

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

// ---------------------------------------------------------------------------------------------------------------------
// Tracking ranges across edits

/**
 * Where `offset` lands after `change` replaced [start, end) with newLength code units. Offsets before the change stay,
 * offsets after it move by the change in length. An offset at the start of a replaced range stays there and one at
 * its end follows the new text's end; an offset strictly inside a replaced range, or exactly at an insertion point,
 * goes to the start of the new text with affinity 'start' and to its end with affinity 'end'.
 */
export function mapOffsetThroughChange(offset: number, change: { start: number; end: number; newLength: number }, affinity: 'start' | 'end'): number {
  const { start, end, newLength } = change;
  if (offset < start) return offset;
  if (offset > end) return offset + newLength - (end - start);
  if (start === end) return affinity === 'start' ? start : start + newLength;
  if (offset === start) return start;
  if (offset === end) return start + newLength;
  return affinity === 'start' ? start : start + newLength;
}

/**
 * The range after the change: text typed at its start or end stays outside it, text typed inside it is part of it.
 * Undefined when the change replaced all of the range's text (the caller anchors the annotation again).
 */
export function mapRangeThroughChange(range: { start: number; end: number }, change: { start: number; end: number; newLength: number }): { start: number; end: number } | undefined {
  const { start, end } = range;
  if (change.end > change.start && change.start <= start && change.end >= end) return undefined;
  const s = mapOffsetThroughChange(start, change, 'end');
  const e = mapOffsetThroughChange(end, change, 'start');
  return { start: s, end: Math.max(s, e) };
}

// ---------------------------------------------------------------------------------------------------------------------
// Sidecar files

/** '003_x.txt' → '003_x.txt.annotations.json' (also for a path). */
export function sidecarNameFor(articleFileName: string): string {
  return `${articleFileName}.annotations.json`;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Invalid {
  constructor(
    readonly message: string,
    readonly path: JSONPath,
  ) {}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN_ANNOTATION_KEYS = ['id', 'type', 'created', 'modified', 'creator', 'motivation', 'claimId', 'body', 'target'];
const KNOWN_BODY_KEYS = ['type', 'value', 'purpose', 'format', 'created', 'creator'];

function extras(v: Record<string, unknown>, known: readonly string[], skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort()) if (!known.includes(key) && !skip.includes(key)) out[key] = v[key];
  return out;
}

function validateBody(v: unknown, path: JSONPath): TextualBody | Invalid {
  if (!isObject(v)) return new Invalid('a body must be an object', path);
  if (typeof v.value !== 'string') return new Invalid('a body needs a string "value"', path);
  if (v.type !== undefined && v.type !== 'TextualBody') return new Invalid(`body type ${JSON.stringify(v.type)} is not supported (only TextualBody)`, [...path, 'type']);
  const purpose = v.purpose ?? 'commenting';
  if (purpose !== 'commenting' && purpose !== 'tagging' && purpose !== 'assessing' && purpose !== 'replying') return new Invalid(`body purpose "${String(v.purpose)}" is not supported (commenting, tagging, assessing or replying)`, [...path, 'purpose']);
  for (const key of ['format', 'created', 'creator'] as const) if (v[key] !== undefined && typeof v[key] !== 'string') return new Invalid(`body "${key}" must be a string`, [...path, key]);
  return {
    type: 'TextualBody',
    value: v.value,
    purpose,
    ...(v.format !== undefined ? { format: v.format as 'text/plain' } : {}),
    ...(v.created !== undefined ? { created: v.created as string } : {}),
    ...(v.creator !== undefined ? { creator: v.creator as string } : {}),
    ...extras(v, KNOWN_BODY_KEYS),
  };
}

function validateAnnotation(v: unknown, path: JSONPath): SeedAnnotation | Invalid {
  if (!isObject(v)) return new Invalid('an annotation must be an object', path);
  if (typeof v.id !== 'string' || !v.id) return new Invalid('an annotation needs a string "id"', v.id === undefined ? path : [...path, 'id']);
  if (v.type !== 'Annotation') return new Invalid(`annotation ${v.id}: "type" must be "Annotation"`, v.type === undefined ? path : [...path, 'type']);
  for (const key of ['created', 'modified', 'creator', 'claimId'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') return new Invalid(`annotation ${v.id}: "${key}" must be a string`, [...path, key]);
  }
  if (v.motivation !== undefined && typeof v.motivation !== 'string') return new Invalid(`annotation ${v.id}: "motivation" must be a string`, [...path, 'motivation']);
  // Bodies: an array, one object, or the bodyValue shorthand.
  const body: TextualBody[] = [];
  if (v.body !== undefined) {
    const list = Array.isArray(v.body) ? v.body : [v.body];
    for (let i = 0; i < list.length; i++) {
      const b = validateBody(list[i], Array.isArray(v.body) ? [...path, 'body', i] : [...path, 'body']);
      if (b instanceof Invalid) return new Invalid(`annotation ${v.id}: ${b.message}`, b.path);
      body.push(b);
    }
  }
  if (v.bodyValue !== undefined) {
    if (typeof v.bodyValue !== 'string') return new Invalid(`annotation ${v.id}: "bodyValue" must be a string`, [...path, 'bodyValue']);
    body.unshift({ type: 'TextualBody', value: v.bodyValue, purpose: 'commenting', format: 'text/plain' });
  }
  const target = v.target;
  if (!isObject(target)) return new Invalid(`annotation ${v.id}: "target" must be an object with a TextQuoteSelector`, v.target === undefined ? path : [...path, 'target']);
  if (target.source !== undefined && typeof target.source !== 'string') return new Invalid(`annotation ${v.id}: "target.source" must be a string`, [...path, 'target', 'source']);
  const rawSelectors: unknown[] = Array.isArray(target.selector) ? target.selector : target.selector === undefined ? [] : [target.selector];
  const selPath = (i: number): JSONPath => (Array.isArray(target.selector) ? [...path, 'target', 'selector', i] : [...path, 'target', 'selector']);
  let quote: TextQuoteSelector | undefined;
  let position: TextPositionSelector | undefined;
  for (let i = 0; i < rawSelectors.length; i++) {
    const s = rawSelectors[i];
    if (!isObject(s)) return new Invalid(`annotation ${v.id}: a selector must be an object`, selPath(i));
    if (s.type === 'TextQuoteSelector') {
      if (typeof s.exact !== 'string') return new Invalid(`annotation ${v.id}: the TextQuoteSelector needs a string "exact"`, selPath(i));
      for (const key of ['prefix', 'suffix'] as const) if (s[key] !== undefined && typeof s[key] !== 'string') return new Invalid(`annotation ${v.id}: the TextQuoteSelector's "${key}" must be a string`, [...selPath(i), key]);
      quote = { type: 'TextQuoteSelector', exact: s.exact, prefix: (s.prefix as string | undefined) ?? '', suffix: (s.suffix as string | undefined) ?? '' };
    } else if (s.type === 'TextPositionSelector') {
      const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
      if (!ok(s.start) || !ok(s.end) || (s.end as number) < (s.start as number)) return new Invalid(`annotation ${v.id}: the TextPositionSelector needs whole numbers "start" ≤ "end"`, selPath(i));
      position = { type: 'TextPositionSelector', start: s.start as number, end: s.end as number };
    }
  }
  if (!quote) return new Invalid(`annotation ${v.id}: the target has no TextQuoteSelector`, [...path, 'target']);
  const motivation = v.motivation === 'commenting' || v.motivation === 'tagging' || v.motivation === 'assessing' ? v.motivation : motivationOf(body);
  const created = (v.created as string | undefined) ?? (v.modified as string | undefined) ?? '';
  return {
    id: v.id,
    type: 'Annotation',
    created,
    modified: (v.modified as string | undefined) ?? created,
    ...(v.creator !== undefined ? { creator: v.creator as string } : {}),
    motivation,
    body,
    target: { ...extras(target, ['source', 'selector']), source: target.source ?? '', selector: [quote, position ?? { type: 'TextPositionSelector', start: 0, end: 0 }] },
    ...(v.claimId !== undefined ? { claimId: v.claimId as string } : {}),
    ...extras(v, KNOWN_ANNOTATION_KEYS, ['bodyValue']),
  };
}

/**
 * Reads a sidecar's text (comments and trailing commas allowed). Accepts the AnnotationCollection serializeSidecar
 * writes, a bare array of annotations, or a single annotation. Any problem (bad JSON, an invalid annotation, a repeated
 * id) is reported with its line and column, and means the file is corrupt: show the valid annotations, never
 * overwrite the file. An empty file holds no annotations.
 */
export function parseSidecar(json: string): { annotations: SeedAnnotation[]; problem?: SidecarProblem } {
  const text = json.charCodeAt(0) === 0xfeff ? json.slice(1) : json;
  if (!text.trim()) return { annotations: [] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  let problem: SidecarProblem | undefined;
  const report = (message: string, offset: number) => {
    if (!problem) problem = { message, ...positionOf(text, offset) };
  };
  if (errors.length) report(`not valid JSON: ${printParseErrorCode(errors[0].error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`, errors[0].offset);
  const annotations: SeedAnnotation[] = [];
  if (!root) {
    if (!problem) report('not valid JSON', 0);
    return { annotations, problem };
  }
  let items: Node | undefined;
  let single = false;
  if (root.type === 'array') items = root;
  else if (root.type === 'object') {
    items = findNodeAtLocation(root, ['items']);
    if (!items) {
      const type = findNodeAtLocation(root, ['type']);
      if (type && getNodeValue(type) === 'Annotation') single = true;
      else report('not an annotation collection: no "items" array', root.offset);
    } else if (items.type !== 'array') {
      report('"items" must be an array of annotations', items.offset);
      items = undefined;
    }
  } else {
    report('not an annotation collection: expected a JSON object', root.offset);
  }
  const nodes = single ? [root] : (items?.children ?? []);
  const seen = new Set<string>();
  for (const node of nodes) {
    const result = validateAnnotation(getNodeValue(node), []);
    if (result instanceof Invalid) {
      const at = findNodeAtLocation(node, result.path) ?? node;
      report(result.message, at.offset);
      continue;
    }
    if (seen.has(result.id)) {
      report(`annotation id ${result.id} appears more than once`, (findNodeAtLocation(node, ['id']) ?? node).offset);
      continue;
    }
    seen.add(result.id);
    annotations.push(result);
  }
  return problem ? { annotations, problem } : { annotations };
}

function orderedKeys(v: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (v[key] !== undefined) out[key] = v[key];
  for (const key of Object.keys(v).sort()) if (!order.includes(key) && v[key] !== undefined) out[key] = v[key];
  return out;
}

function serializable(a: SeedAnnotation): Record<string, unknown> {
  const [quote, position] = a.target.selector;
  const target = orderedKeys(
    {
      ...a.target,
      selector: [orderedKeys({ ...quote }, ['type', 'exact', 'prefix', 'suffix']), orderedKeys({ ...position }, ['type', 'start', 'end'])],
    },
    ['source', 'selector'],
  );
  return orderedKeys({ ...a, body: ordered(a.body).map((b) => orderedKeys({ ...b }, KNOWN_BODY_KEYS)), target }, KNOWN_ANNOTATION_KEYS);
}

/** The sidecar's text: an AnnotationCollection, keys in a stable order, 2-space JSON, items by start then id. */
export function serializeSidecar(annotations: SeedAnnotation[], source: string): string {
  const startOf = (a: SeedAnnotation) => a.target.selector[1]?.start ?? 0;
  const items = [...annotations].sort((x, y) => startOf(x) - startOf(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).map(serializable);
  const doc = { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', label: `Annotations on ${source}`, total: items.length, items };
  return JSON.stringify(doc, null, 2) + '\n';
}
