// The learned model's part of quote attribution: the context the ranker reads around a quote, and applying its
// decision to the quote the rules have already filled in.

import type { Paragraph, Quote, Span, Speaker } from '../types';
import type { QuoteSpan } from '../quotes';
import { countWords, isCapitalized, RunCache, type Token } from '../text';
import type { AttributionModel, QuoteSpeakerContext, RankedCandidate, Ranking } from './quoteSpeaker';
import type { Mention } from './mentions';
import { firstIndexAtOrAfter, round2, span, WINDOW } from './tokens';
import { subjectBefore } from './subjects';
import { WindowBuilder, type TokenWindow } from './window';
import { trimSpeaker, withoutPossessive } from './names';
import { paragraphText } from '../structure';

/** A sentence's reported-speech source, relative to the sentence's start (cached per sentence). */
export interface SentencePick {
  start: number;
  end: number;
  cueStart: number;
  cueEnd: number;
  probability: number;
}

export interface PreviousSpoken {
  quote: Quote;
  start: number;
  end: number;
  text: string;
  sameParagraph: boolean;
  previousParagraph: boolean;
  quoteEnd: number;
}

/**
 * The last top-level quote before `q` if it has a speaker and ended at most two paragraphs earlier, with no heading
 * between them: a new section does not continue the last speaker's quote.
 */
export function previousSpoken(quotes: Quote[], paragraphs: Paragraph[], q: QuoteSpan): PreviousSpoken | null {
  for (let i = quotes.length - 1; i >= 0; i--) {
    const p = quotes[i];
    if (p.nested) continue;
    if (!p.speaker) return null;
    const horizon = paragraphs[Math.max(0, q.firstParagraph - 2)].start;
    if (p.end < horizon) return null;
    for (let k = q.firstParagraph - 1; k >= 0 && paragraphs[k].start >= p.end; k--) {
      if (paragraphs[k].role === 'heading' || paragraphs[k].role === 'headline') return null;
    }
    const firstStart = paragraphs[q.firstParagraph].start;
    const prevStart = q.firstParagraph > 0 ? paragraphs[q.firstParagraph - 1].start : firstStart;
    return { quote: p, start: p.speaker.start, end: p.speaker.end, text: p.speaker.text, sameParagraph: p.end >= firstStart, previousParagraph: p.end < firstStart && p.end >= prevStart, quoteEnd: p.end };
  }
  return null;
}

export interface QuoteShape {
  words: number;
  endPunct: string;
  opensParagraph: boolean;
  atSentenceStart: boolean;
  before: string;
  after: string;
}

export function modelContext(
  text: string,
  paragraphs: Paragraph[],
  q: QuoteSpan,
  windowOf: (p: number) => TokenWindow,
  tokensOf: (p: number) => Token[],
  sentenceIndexAt: (p: number, offset: number) => number,
  globalSentence: (p: number, offset: number) => number,
  quote: Quote,
  previous: PreviousSpoken | null,
  shape: QuoteShape,
  salience: QuoteSpeakerContext['salience'],
  spokeBefore: QuoteSpeakerContext['spokeBefore'],
): QuoteSpeakerContext {
  const firstP = q.firstParagraph;
  const lastP = q.lastParagraph;
  const sentencesFirst = paragraphs[firstP].sentences;
  const si = sentenceIndexAt(firstP, q.start);
  const from = si > 0 ? sentencesFirst[si - 1].start : paragraphs[firstP].start;
  const sentencesLast = paragraphs[lastP].sentences;
  const sj = sentenceIndexAt(lastP, Math.max(paragraphs[lastP].start, Math.min(q.end, paragraphs[lastP].end) - 1));
  const to = sj >= 0 && sj + 1 < sentencesLast.length ? sentencesLast[sj + 1].end : paragraphs[lastP].end;
  // The window's tokens at their offsets in the article, with their facts taken from their paragraphs' windows
  // (worked out once per paragraph).
  const built = new WindowBuilder();
  if (shape.opensParagraph && firstP > 0 && paragraphs[firstP - 1].role === 'paragraph') {
    const prevWindow = windowOf(firstP - 1);
    const prev = tokensOf(firstP - 1);
    const ps = paragraphs[firstP - 1].sentences;
    const lastStart = ps.length ? ps[ps.length - 1].start : paragraphs[firstP - 1].start;
    for (let k = Math.max(firstIndexAtOrAfter(prev, lastStart), prev.length - WINDOW); k < prev.length; k++) built.push(prevWindow, k, prev[k]);
  }
  const firstWindow = windowOf(firstP);
  const first = tokensOf(firstP);
  const qAt = firstIndexAtOrAfter(first, q.start);
  const firstEnd = firstP === lastP ? to : paragraphs[firstP].end;
  for (let k = Math.max(firstIndexAtOrAfter(first, from), qAt - 2 * WINDOW), n = 0; k < first.length && first[k].start < firstEnd && n < 4 * WINDOW + 200; k++, n++) built.push(firstWindow, k, first[k]);
  if (lastP !== firstP) {
    const lastWindow = windowOf(lastP);
    const last = tokensOf(lastP);
    const endAt = firstIndexAtOrAfter(last, q.end);
    for (let k = Math.max(0, endAt - 20); k < last.length && last[k].start < to && k < endAt + 2 * WINDOW; k++) built.push(lastWindow, k, last[k]);
  }
  const window = built.build();
  const { tokens, masked } = window;
  const quoteFrom = firstIndexAtOrAfter(tokens, q.start);
  const quoteTo = firstIndexAtOrAfter(tokens, q.end);
  const paragraphOf = (offset: number) => {
    let lo = 0;
    let hi = paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paragraphs[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // The subject of every likely cue in the window, as a candidate phrase.
  const subjects: Mention[] = [];
  for (let k = 1; k < tokens.length; k++) {
    if (window.cue[k] < 0.3) continue;
    const subject = subjectBefore(tokens, k, Math.max(0, k - 30), window.lower);
    if (subject && !masked(subject.first) && subject.last > subject.first) subjects.push({ start: subject.start, end: subject.end, first: subject.first, last: subject.last, shape: 'phrase' });
  }
  const inner = quote.text.split(/\s+/).filter(Boolean);
  const titleCase = inner.length >= 2 && inner.length <= 8 && inner.every((w) => isCapitalized(w) || /^(?:of|the|and|a|an|in|on|for|to)$/.test(w));
  return {
    tokens,
    quoteFrom,
    quoteTo,
    window,
    sentenceOf: (offset) => globalSentence(paragraphOf(offset), offset),
    paragraphOf,
    quote: { start: q.start, end: q.end, words: shape.words, endPunct: shape.endPunct, opensParagraph: shape.opensParagraph, atSentenceStart: shape.atSentenceStart, kind: quote.kind, paragraphs: lastP - firstP + 1, titleCase, before: shape.before, after: shape.after },
    rule: quote.speaker ? { start: quote.speaker.start, end: quote.speaker.end, via: quote.speaker.via } : null,
    salience,
    spokeBefore,
    subjects,
    previous: previous ? { start: previous.start, end: previous.end, text: previous.text, sameParagraph: previous.sameParagraph, previousParagraph: previous.previousParagraph, quoteEnd: previous.quoteEnd, kind: previous.quote.kind } : null,
  };
}

/** The ranker's decision for a quote: all applyModel reads of the ranked candidates. */
export interface QuotePick {
  /** P(nobody speaks). */
  none: number;
  /** The likeliest speaker other than nobody, with its reporting cue's token; null when there is no candidate. */
  best: { source: RankedCandidate['source']; start: number; end: number; cue: Span | null } | null;
  /** The probability of the best candidate and of every candidate overlapping it (the same referent). */
  confidence: number;
}

export function quotePick({ none, best, referent: confidence }: Ranking, tokens: Token[]): QuotePick {
  if (!best) return { none: none?.probability ?? 0, best: null, confidence: 0 };
  const cueToken = best.cue !== undefined ? tokens[best.cue] : undefined;
  return { none: none?.probability ?? 0, best: { source: best.source, start: best.start, end: best.end, cue: cueToken ? { start: cueToken.start, end: cueToken.end, text: cueToken.text } : null }, confidence };
}

/** The pick with its offsets moved by `by`. */
export function shiftedPick(pick: QuotePick, by: number): QuotePick {
  const { best } = pick;
  if (!best) return pick;
  const cue = best.cue && { start: best.cue.start + by, end: best.cue.end + by, text: best.cue.text };
  return { none: pick.none, best: { source: best.source, start: best.start + by, end: best.end + by, cue }, confidence: pick.confidence };
}

/** Applies the ranker's decision (asked for only when it counts) to a quote that the rules have already filled in. */
export function applyModel(text: string, model: AttributionModel, quote: Quote, decision: () => QuotePick, previous: Quote | null, layout: boolean): void {
  // A transcript ("WALLACE: …") or a signature (“…” ― Jane Doe) is a layout, not a judgement, and the training
  // articles have none, so the model has no evidence about it: the rules' reading stands.
  if (layout && quote.speaker) {
    quote.speaker.confidence = 0.99;
    return;
  }
  const pick = decision();
  const pNone = pick.none;
  const best = pick.best;
  const words = countWords(quote.text);
  if (!best || pNone >= model.noneThreshold) {
    quote.speaker = null;
    quote.cue = null;
    quote.anonymous = false;
    // A short partial quote with no one behind it is a quoted term; a whole sentence in marks stays a quote.
    if (words <= 4 && quote.kind === 'partial') quote.kind = 'scare';
    quote.confidence = round2(pNone);
    quote.note = quote.kind === 'scare' ? 'a quoted term: no one is said to have used it' : 'no speaker or reporting verb found next to the quote, and no earlier quote it continues';
    return;
  }
  const confidence = pick.confidence;
  const rule = quote.speaker;
  if (best.source === 'previous' && previous?.speaker) {
    quote.speaker = { ...previous.speaker, via: 'continuation', confidence: round2(confidence) };
    quote.cue = previous.cue;
    quote.anonymous = previous.anonymous;
    quote.note = 'continues the previous quote';
  } else if (rule && rule.via !== 'continuation' && (best.source === 'rule' || (best.start === rule.start && best.end === rule.end))) {
    quote.speaker = { ...rule, confidence: round2(confidence) };
  } else {
    const s = withoutPossessive(text, trimSpeaker(text, span(text, best.start, best.end)));
    const cueToken = best.cue;
    let via: Speaker['via'] = 'context';
    if (cueToken && cueToken.text.toLowerCase() === 'according') via = 'according-to';
    else if (cueToken) via = best.start >= quote.end ? 'after-quote' : cueToken.start >= quote.end ? 'clause-subject' : 'before-quote';
    quote.speaker = { ...s, via, confidence: round2(confidence) };
    quote.cue = cueToken ? (cueToken.text.toLowerCase() === 'according' ? span(text, cueToken.start, Math.min(text.length, cueToken.end + 3)) : span(text, cueToken.start, cueToken.end)) : null;
    quote.anonymous = false;
    delete quote.note;
  }
  if (quote.kind === 'scare') quote.kind = 'partial';
  if (quote.note && /^no speaker/.test(quote.note)) delete quote.note;
}

/** Decisions kept per quote context: enough for a paragraph repeated a few times in an article. */
const MAX_DECISIONS_PER_KEY = 4;
/** Quote contexts kept per context text: a paragraph's quotes, and a few of their earlier shapes. */
const MAX_KEYS_PER_TEXT = 32;

/** A quote context's key (see quoteContextKey): the text the context reads, and the rest. */
export interface QuoteContextKey {
  text: string;
  key: string;
}

/**
 * What the quote model computed in one document's previous analysis, for re-analysis after an edit (for one model:
 * another model starts afresh). A decision is kept by its context's key (quoteContextKey) with the article-wide facts
 * it read (how often a word is named, whether it named an earlier speaker), and reused only while those read the same.
 */

export class QuoteModelCache {
  private model: AttributionModel | undefined;
  /**
   * Per context text, then per the rest of the context's key, the decisions made under different facts (a repeated
   * paragraph reads different earlier speakers). The text comes first: a paragraph's own string is the same object
   * every run while it is unchanged (see buildStructure), found without comparing it again.
   */
  private picks = new RunCache<Map<string, CachedPick[]>>();
  private salience = new RunCache<Map<string, Salience>>();

  private use(model: AttributionModel): void {
    if (model === this.model) return;
    this.model = model;
    this.picks = new RunCache();
    this.salience = new RunCache();
  }

  /** The cached decision for `key` if the facts it read still hold, else `compute()`'s (kept for the next run). */
  pick(model: AttributionModel, { text, key }: QuoteContextKey, facts: ArticleFacts, compute: (facts: ArticleFacts) => QuotePick): QuotePick {
    this.use(model);
    const byKey = this.picks.get(text, () => new Map());
    let decisions = byKey.get(key);
    if (!decisions) {
      // Bounded: the same text under ever new quotes or sentence splits (rare) would otherwise pile up.
      if (byKey.size >= MAX_KEYS_PER_TEXT) byKey.clear();
      byKey.set(key, (decisions = []));
    }
    const valid = decisions.find((cached) =>
      cached.salience.every(([word, count, cued]) => {
        const now = facts.salience(word);
        return now.count === count && now.cued === cued;
      }) && cached.spoke.every(([word, spoke]) => facts.spokeBefore.has(word) === spoke));
    if (valid) return valid.pick;
    const salience: CachedPick['salience'] = [];
    const spoke: CachedPick['spoke'] = [];
    const pick = compute({
      salience: (word) => {
        const s = facts.salience(word);
        salience.push([word, s.count, s.cued]);
        return s;
      },
      spokeBefore: {
        has: (word) => {
          const has = facts.spokeBefore.has(word);
          spoke.push([word, has]);
          return has;
        },
      },
    });
    if (decisions.length >= MAX_DECISIONS_PER_KEY) decisions.shift();
    decisions.push({ pick, salience, spoke });
    return pick;
  }

  /** Per paragraph text, the salience counts of its words (see attribution.ts). */
  paragraphSalience(model: AttributionModel, paragraph: string, compute: () => Map<string, Salience>): Map<string, Salience> {
    this.use(model);
    return this.salience.get(paragraph, compute);
  }

  endRun(): void {
    this.picks.endRun();
    this.salience.endRun();
  }
}

/** How often a capitalised word is named in the article, and how often right before a likely reporting cue. */
export interface Salience {
  count: number;
  cued: number;
}

/** What the quote model reads of the whole article rather than of a quote's context. */
export interface ArticleFacts {
  salience: QuoteSpeakerContext['salience'];
  spokeBefore: QuoteSpeakerContext['spokeBefore'];
}

interface CachedPick {
  /** Relative to the key's base. */
  pick: QuotePick;
  salience: Array<[word: string, count: number, cued: number]>;
  spoke: Array<[word: string, spoke: boolean]>;
}

/**
 * Everything modelContext() and quoteCandidates() read about a quote besides the article facts, relative to `base`,
 * the start of the paragraphs they read: those paragraphs' text, roles and sentences, the quote and its shape, the
 * quote spans insideAnyQuote() can visit there, the rules' pick and the previous speaker. Equal keys give equal
 * candidates (offsets moved by the difference of the bases).
 */
export function quoteContextKey(text: string, paragraphs: Paragraph[], q: QuoteSpan, spans: QuoteSpan[], quote: Quote, previous: PreviousSpoken | null, shape: QuoteShape): { key: QuoteContextKey; base: number } {
  const firstP = q.firstParagraph;
  const lastP = q.lastParagraph;
  // modelContext reads the paragraph before only for a quote that opens its own (see there).
  const from = shape.opensParagraph && firstP > 0 && paragraphs[firstP - 1].role === 'paragraph' ? firstP - 1 : firstP;
  const base = paragraphs[from].start;
  const end = Math.max(paragraphs[lastP].end, q.end);
  let key = `${firstP - from},${lastP - from}|`;
  for (let p = from; p <= lastP; p++) {
    const { role, start, end: paragraphEnd, sentences } = paragraphs[p];
    key += `${role},${start - base},${paragraphEnd - base}:`;
    for (const s of sentences) key += `${s.start - base},${s.end - base},`;
    key += '|';
  }
  key += `${q.start - base},${q.end - base},${q.innerStart - base},${q.innerEnd - base},${quote.kind},${shape.words},${+shape.opensParagraph},${+shape.atSentenceStart}\u0001${shape.endPunct}\u0001${shape.before}\u0001${shape.after}\u0001`;
  const rule = quote.speaker;
  key += rule ? `${rule.via},${rule.start - base},${rule.end - base}|` : '-|';
  // insideAnyQuote(offset) visits the last span starting at or before offset and the three before it. For an offset
  // here, a span that ends by `base` counts only as one visited, and one that starts before it as starting before.
  for (let i = Math.max(0, firstIndexAtOrAfter(spans, base) - 4); i < spans.length && spans[i].start < end; i++) {
    const { start: s, end: e } = spans[i];
    key += e <= base ? 'x;' : `${Math.max(-1, s - base)},${e - base};`;
  }
  key += previous
    ? `|${previous.start - base},${previous.end - base},${+previous.sameParagraph},${+previous.previousParagraph},${previous.quoteEnd - base},${previous.quote.kind},${previous.text.length}:${previous.text}`
    : '|-';
  // The text read: within one paragraph, the paragraph's own string.
  const read = from === lastP && end === paragraphs[lastP].end ? paragraphText(text, paragraphs[lastP]) : text.slice(base, end);
  return { key: { text: read, key }, base };
}
