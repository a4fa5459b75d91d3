// The learned speaker of a quote: every mention around it, the previous quote's speaker, the rules' own pick, and
// "nobody" are ranked by one linear model (a conditional logit, trained on PolNeAR by src/train/attribution.ts).
// The probability of "nobody" decides the unattributed-quote warning; the winner's probability is the confidence.

import type { Token } from '../text';
import type { FeatureVector, LinearModel } from '../models/linear';
import { linearScore, softmaxInPlace } from '../models/linear';
import { candidateSink, FeatureName, featureNames, type FeatureSink } from '../models/featureSink';
import { ASIDE, buckets, cueAfter, cueBefore, cueBucket, cueProbability, mentionFeatures, WORD_COUNT, type CueLexicon } from './features';
import { findMentions, type Mention } from './mentions';
import { cueLinks } from './links';
import type { TokenWindow } from './window';

/** The feature names written below (see FeatureName). */
const SIDE_LEFT = new FeatureName('L:');
const SIDE_RIGHT = new FeatureName('R:');
const NAMES = featureNames('q:len:', 'q:end:', 'q:kind:', 'q:opens', 'q:sentstart', 'q:multipara', 'bias', 'rank:', 'sent:', 'otherpara:', 'gap:', 'cueR:', 'cueRp', 'cueR=', 'cueR:between', 'cueL:', 'cueLp', 'cueL=', 'cueL:between', 'R:signature', 'ownsNearestCue', 'cuesBetween:', 'cueR:near:', 'cueL:near:', 'nocue:gap:', 'subj:', 'subj:aside:', 'subj:between', 'inv:', 'inv:between', 'rule', 'rule:', 'rule:exact', 'sameAsPrevious', 'head=', 'salience:', 'cued:', 'spokeBefore', 'pron:', 'ruleOnly', 'ruleOnly:', 'len:', 'caps:', 'holdsCue', 'prev', 'rule:continuation', 'prev:', 'kind:', 'samepara', 'prevpara', 'gapchars:', 'none', 'none:', 'before:', 'after:', 'titlecase', 'norule', 'cue:');

export interface QuoteSpeakerContext {
  /** Tokens around the quote (document offsets), in order; may cover more than one paragraph. */
  tokens: Token[];
  /** Index of the first token at or after the quote's start, and of the first token at or after its end. */
  quoteFrom: number;
  quoteTo: number;
  /** The tokens with which of them are inside quotes (the quote itself and others), their lower case and cue probabilities. */
  window: TokenWindow;
  /** Sentence number (any monotone numbering) and paragraph number of an offset. */
  sentenceOf: (offset: number) => number;
  paragraphOf: (offset: number) => number;
  quote: { start: number; end: number; words: number; endPunct: string; opensParagraph: boolean; atSentenceStart: boolean; kind: string; paragraphs: number; titleCase: boolean; before: string; after: string };
  /** The rule cascade's pick, as a feature. */
  rule: { start: number; end: number; via: string } | null;
  /** How often a (lower-case) word is named in the article, and how often right before a reporting cue. */
  salience: (word: string) => { count: number; cued: number };
  /** Noun phrases that are the subject of a reporting cue near the quote (shape 'phrase'). */
  subjects?: Mention[];
  /** Last words of the speakers of earlier quotes in the article. */
  spokeBefore: Pick<ReadonlySet<string>, 'has'>;
  /** The previous quote's speaker (and where that quote was). */
  previous: { start: number; end: number; text: string; sameParagraph: boolean; previousParagraph: boolean; quoteEnd: number; kind: string } | null;
}

export interface RankedCandidate {
  start: number;
  end: number;
  /** 'none' for "nobody speaks"; 'previous' for the previous quote's speaker. */
  source: 'mention' | 'rule' | 'previous' | 'none';
  shape?: Mention['shape'];
  /** Token index of the reporting cue tied to this candidate, if any. */
  cue?: number;
  /** The features listed (training, tests); empty when they went straight into `score`. */
  features: FeatureVector;
  /** The ranking model's score, when the candidate was made for one (run time). */
  score?: number;
  probability: number;
}

export interface AttributionModel {
  quote: LinearModel;
  reported: LinearModel;
  cues: CueLexicon;
  /** P(nobody) at or above which a quote is reported as having no speaker. */
  noneThreshold: number;
  /**
   * The confidence a claim's speaker needs: a reported sentence's source below it is not given, and a claim whose
   * quote's speaker is below it is the article's own (the quote keeps its speaker, shown as "probably …").
   */
  claimThreshold: number;
}

// The buckets of the counts the quote features read.
const QUOTE_WORDS = buckets(1, 2, 4, 8, 20);
const RANK = buckets(0, 1, 2, 4);
const SENTENCES = buckets(0, 1, 2);
const PARAGRAPHS = buckets(1);
const GAP = buckets(0, 1, 3, 6, 12, 25);
const GAP_WITHOUT_CUE = buckets(0, 3, 10);
const CUES_BETWEEN = buckets(0, 1);
const SALIENCE = buckets(1, 2, 4, 8);
const CUED = buckets(0, 1, 3);
const GAP_CHARS = buckets(3, 40, 200, 600);

// Made once: a regular expression literal makes a new object each time it is evaluated.
const DASH = /^[―—–-]$/;
const STARTS_UPPER = /^\p{Lu}/u;

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Candidates for a quote with their features, or their scores under `model` (probabilities not yet set). */
export function quoteCandidates(ctx: QuoteSpeakerContext, cues: CueLexicon, model?: LinearModel): RankedCandidate[] {
  const { tokens, quoteFrom, quoteTo, quote, window } = ctx;
  const previousLastWord = ctx.previous ? lastWordOf(ctx.previous.text) : undefined;
  const mentions = findMentions(window, 0, tokens.length);
  // Subjects of the cues around the quote ("informal conversations between A and B suggested"), when no mention has
  // the same span already.
  for (const m of ctx.subjects ?? []) if (!mentions.some((x) => x.start === m.start && x.end === m.end)) mentions.push(m);
  const qSentStart = ctx.sentenceOf(quote.start);
  const qSentEnd = ctx.sentenceOf(Math.max(quote.start, quote.end - 1));
  const qParaStart = ctx.paragraphOf(quote.start);
  const qParaEnd = ctx.paragraphOf(Math.max(quote.start, quote.end - 1));
  const out: RankedCandidate[] = [];
  const quoteLength = QUOTE_WORDS(quote.words);
  const endPunct = quote.endPunct || 'none';
  /** The quote's own features, under a candidate's prefix. */
  const quoteFeatures = (f: FeatureSink) => {
    f.addKey(NAMES['q:len:'], quoteLength);
    f.addKey(NAMES['q:end:'], endPunct);
    f.addKey(NAMES['q:kind:'], quote.kind);
    if (quote.opensParagraph) f.add(NAMES['q:opens']);
    if (quote.atSentenceStart) f.add(NAMES['q:sentstart']);
    if (quote.paragraphs > 1) f.add(NAMES['q:multipara']);
  };
  // Nearest-first rank of each mention on its side.
  const left = mentions.filter((m) => m.end <= quote.start).sort((a, b) => b.end - a.end);
  const right = mentions.filter((m) => m.start >= quote.end).sort((a, b) => a.start - b.start);
  const rankOf = new Map<Mention, number>();
  left.forEach((m, i) => rankOf.set(m, i));
  right.forEach((m, i) => rankOf.set(m, i));
  // The reporting cues nearest the quote on each side: a candidate tied to one of them is the likeliest speaker.
  const cueP = window.cue;
  const isCue = (k: number) => cueP[k] >= 0.3;
  let nearestLeftCue = -1;
  for (let k = quoteFrom - 1; k >= 0; k--) if (isCue(k)) { nearestLeftCue = k; break; }
  let nearestRightCue = -1;
  for (let k = quoteTo; k < tokens.length; k++) if (isCue(k)) { nearestRightCue = k; break; }
  const cuesBetween = (from: number, to: number) => {
    let n = 0;
    for (let k = Math.max(0, from); k < Math.min(tokens.length, to); k++) if (isCue(k)) n++;
    return n;
  };
  for (const m of mentions) {
    if (m.start < quote.end && quote.start < m.end) continue;
    const side = m.end <= quote.start ? 'L' : 'R';
    const f = candidateSink(model);
    // Most names are the side's: "L:bias", "R:cueR=said".
    const s = f.scoped(side === 'L' ? SIDE_LEFT : SIDE_RIGHT);
    s.add(NAMES.bias);
    mentionFeatures(window, m, s);
    const rank = rankOf.get(m) ?? 9;
    s.addKey(NAMES['rank:'], RANK(rank));
    const sentence = ctx.sentenceOf(m.start);
    const dSent = side === 'L' ? qSentStart - sentence : sentence - qSentEnd;
    s.addKey(NAMES['sent:'], SENTENCES(dSent));
    const para = ctx.paragraphOf(m.start);
    const dPara = side === 'L' ? qParaStart - para : para - qParaEnd;
    if (dPara !== 0) s.addKey(NAMES['otherpara:'], PARAGRAPHS(dPara));
    const gap = side === 'L' ? countWords(tokens, m.last + 1, quoteFrom) : countWords(tokens, quoteTo, m.first);
    s.addKey(NAMES['gap:'], GAP(gap));
    const after = cueAfter(window, m.last, tokens.length);
    const before = cueBefore(window, m.first, 0);
    if (after) {
      s.addKey(NAMES['cueR:'], cueBucket(after.p));
      s.add(NAMES.cueRp, after.p);
      f.addKey(NAMES['cueR='], after.key);
      s.addKey(NAMES['cueR='], after.key);
      // The cue lies between the mention and the quote ("X said, “…”") or beyond it.
      const between = side === 'L' ? tokens[after.at].end <= quote.start : false;
      if (between) s.add(NAMES['cueR:between']);
    }
    if (before) {
      s.addKey(NAMES['cueL:'], cueBucket(before.p));
      s.add(NAMES.cueLp, before.p);
      f.addKey(NAMES['cueL='], before.key);
      s.addKey(NAMES['cueL='], before.key);
      if (side === 'R' && tokens[before.at].start >= quote.end) s.add(NAMES['cueL:between']);
    }
    // A signature: “…” ― Jane Doe (a dash, then a name that ends the paragraph or the sentence).
    if (side === 'R' && gap === 0 && DASH.test(tokens[m.first - 1]?.text ?? '') && (!tokens[m.last + 1] || ['.', ',', '('].includes(tokens[m.last + 1].text) || ctx.paragraphOf(tokens[m.last + 1].start) !== ctx.paragraphOf(m.start))) f.add(NAMES['R:signature']);
    const nearest = side === 'L' ? nearestLeftCue : nearestRightCue;
    if (after?.at === nearest || before?.at === nearest) s.add(NAMES.ownsNearestCue);
    const between = side === 'L' ? cuesBetween((after && tokens[after.at].end <= quote.start ? after.at : m.last) + 1, quoteFrom) : cuesBetween(quoteTo, before && tokens[before.at].start >= quote.end ? before.at : m.first);
    s.addKey(NAMES['cuesBetween:'], CUES_BETWEEN(between));
    if (after && gap <= 3) s.addKey(NAMES['cueR:near:'], endPunct);
    if (before && gap <= 3) s.addKey(NAMES['cueL:near:'], endPunct);
    if (!after && !before) s.addKey(NAMES['nocue:gap:'], GAP_WITHOUT_CUE(gap));
    // The cue's subject over an aside ("Jane Miller, 34, a nurse, said"), or an inverted cue's ("…,” said Tom Reyes).
    const link = cueLinks(window, m);
    if (link.subject) {
      s.addKey(NAMES['subj:'], cueBucket(link.subject.p));
      s.addKey(NAMES['subj:aside:'], ASIDE(link.subject.aside));
      if (side === 'L' && tokens[link.subject.at].end <= quote.start) s.add(NAMES['subj:between']);
    }
    if (link.inverted) {
      s.addKey(NAMES['inv:'], cueBucket(link.inverted.p));
      if (side === 'R' && tokens[link.inverted.at].start >= quote.end) s.add(NAMES['inv:between']);
    }
    if (ctx.rule && overlaps(ctx.rule, m)) {
      f.add(NAMES.rule);
      f.addKey(NAMES['rule:'], ctx.rule.via);
      if (ctx.rule.start === m.start && ctx.rule.end === m.end) f.add(NAMES['rule:exact']);
    }
    if (previousLastWord !== undefined && window.lower[m.last] === previousLastWord) s.add(NAMES.sameAsPrevious);
    const head = window.lower[m.last];
    if (m.shape === 'name' || m.shape === 'role') {
      f.addKey(NAMES['head='], window.keys[m.last].lower);
      const { count, cued } = ctx.salience(head);
      s.addKey(NAMES['salience:'], SALIENCE(count));
      s.addKey(NAMES['cued:'], CUED(cued));
      if (ctx.spokeBefore.has(head)) s.add(NAMES.spokeBefore);
    }
    if (m.shape === 'pronoun') s.scoped(NAMES['pron:']).addKey(window.keys[m.last].lower, quote.opensParagraph ? ':opens' : ':in');
    quoteFeatures(s);
    out.push({ start: m.start, end: m.end, source: 'mention', shape: m.shape, cue: after?.at ?? before?.at, features: f.features, score: f.score, probability: 0 });
  }
  if (ctx.rule && ctx.rule.via !== 'continuation' && !out.some((c) => c.start === ctx.rule!.start && c.end === ctx.rule!.end)) {
    const f = candidateSink(model);
    f.add(NAMES.ruleOnly);
    f.addKey(NAMES['ruleOnly:'], ctx.rule.via);
    f.add(NAMES.rule);
    // What the rules' span looks like: a name, a single lower-case word ("came"), a phrase holding its own cue.
    const words = tokens.filter((t) => t.type === 'word' && t.start >= ctx.rule!.start && t.end <= ctx.rule!.end);
    const r = f.scoped(NAMES['ruleOnly:']);
    r.addKey(NAMES['len:'], WORD_COUNT(words.length));
    const capitals = words.filter((t) => STARTS_UPPER.test(t.text)).length;
    r.addKey(NAMES['caps:'], capitals === words.length ? 'all' : capitals === 0 ? 'none' : 'some');
    if (words.some((t) => cueProbability(cues, t.text.toLowerCase()) >= 0.3)) r.add(NAMES.holdsCue);
    quoteFeatures(r);
    out.push({ start: ctx.rule.start, end: ctx.rule.end, source: 'rule', features: f.features, score: f.score, probability: 0 });
  }
  if (ctx.previous) {
    const f = candidateSink(model);
    f.add(NAMES.prev);
    if (ctx.rule?.via === 'continuation') f.add(NAMES['rule:continuation']);
    const p = f.scoped(NAMES['prev:']);
    p.addKey(NAMES['kind:'], ctx.previous.kind);
    p.scoped(NAMES['kind:']).addKey(ctx.previous.kind, `:${quote.kind}`);
    if (ctx.previous.sameParagraph) p.add(NAMES.samepara);
    if (ctx.previous.previousParagraph) p.add(NAMES.prevpara);
    const gap = quote.start - ctx.previous.quoteEnd;
    p.addKey(NAMES['gapchars:'], GAP_CHARS(gap));
    // Another speech cue between the previous quote and this one suggests someone else speaks.
    const cuesBetween = tokens.filter((t, k) => cueP[k] >= 0.3 && t.start >= ctx.previous!.quoteEnd && t.end <= quote.start).length;
    p.addKey(NAMES['cuesBetween:'], CUES_BETWEEN(cuesBetween));
    quoteFeatures(p);
    out.push({ start: ctx.previous.start, end: ctx.previous.end, source: 'previous', features: f.features, score: f.score, probability: 0 });
  }
  const f = candidateSink(model);
  f.add(NAMES.none);
  const none = f.scoped(NAMES['none:']);
  quoteFeatures(none);
  none.addKey(NAMES['before:'], quote.before);
  none.addKey(NAMES['after:'], quote.after);
  if (quote.titleCase) none.add(NAMES.titlecase);
  if (!ctx.rule) none.add(NAMES.norule);
  const strongestCue = cueP.reduce((a, b) => Math.max(a, b), 0);
  none.addKey(NAMES['cue:'], cueBucket(strongestCue));
  out.push({ start: -1, end: -1, source: 'none', features: f.features, score: f.score, probability: 0 });
  return out;
}

/** What a ranking decides: "nobody", the likeliest other candidate, and the probability of that one's referent. */
export interface Ranking {
  none: RankedCandidate | undefined;
  best: RankedCandidate | undefined;
  /**
   * The probability of `best` and of every other candidate overlapping it: names of one referent ("Mr. Smith" and
   * "Smith") are one answer. 0 without a best.
   */
  referent: number;
}

/** Candidates best first: the likelier, and of equally likely ones the earlier (a stable sort keeps their order). */
const bestFirst = (a: RankedCandidate, b: RankedCandidate) => b.probability - a.probability || a.start - b.start;

/** rank()'s scratch space, reused ranking after ranking (it never runs inside itself). */
let probabilities = new Float64Array(64);
const referentScratch: RankedCandidate[] = [];

/**
 * Sets the candidates' probabilities and reads the decision off them. Only the winners are needed, so nothing is
 * sorted but the winner's referent, summed best first as a sorted list would be (the same number to the last bit).
 */
export function rank(model: LinearModel, candidates: RankedCandidate[]): Ranking {
  const n = candidates.length;
  if (probabilities.length < n) probabilities = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) probabilities[i] = candidates[i].score ?? linearScore(model, candidates[i].features);
  softmaxInPlace(probabilities, n);
  let none: RankedCandidate | undefined;
  let best: RankedCandidate | undefined;
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    c.probability = Number.isFinite(probabilities[i]) ? probabilities[i] : 0;
    if (c.source === 'none') {
      if (!none || bestFirst(c, none) < 0) none = c;
    } else if (!best || bestFirst(c, best) < 0) best = c;
  }
  if (!best) return { none, best, referent: 0 };
  const referent = referentScratch;
  referent.length = 0;
  for (const c of candidates) if (c.source !== 'none' && (c === best || (c.start < best.end && best.start < c.end))) referent.push(c);
  // Two probabilities add up to the same in either order; three or more are added best first.
  if (referent.length > 2) referent.sort(bestFirst);
  let sum = 0;
  for (const c of referent) sum += c.probability;
  referent.length = 0;
  return { none, best, referent: sum };
}

function countWords(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let k = Math.max(0, from); k < Math.min(tokens.length, to); k++) if (tokens[k].type === 'word') n++;
  return n;
}

/** The last word of a speaker's name, in lower case: a mention ending in it is the same referent. */
function lastWordOf(name: string): string | undefined {
  const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words[words.length - 1];
}
