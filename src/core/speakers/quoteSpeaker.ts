// The learned speaker of a quote: every mention around it, the previous quote's speaker, the rules' own pick, and
// "nobody" are ranked by one linear model (a conditional logit, trained on PolNeAR by src/train/attribution.ts).
// The probability of "nobody" decides the unattributed-quote warning; the winner's probability is the confidence.

import type { Token } from '../text';
import type { FeatureVector, LinearModel } from '../models/linear';
import { linearScore, softmax } from '../models/linear';
import { bucket, cueAfter, cueBefore, cueBucket, cueProbability, mentionFeatures, type CueLexicon } from './features';
import { findMentions, type Masked, type Mention } from './mentions';
import { cueLinks } from './links';

export interface QuoteSpeakerContext {
  /** Tokens around the quote (document offsets), in order; may cover more than one paragraph. */
  tokens: Token[];
  /** Index of the first token at or after the quote's start, and of the first token at or after its end. */
  quoteFrom: number;
  quoteTo: number;
  /** Tokens that are inside quotes (the quote itself and others). */
  masked: Masked;
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
  features: FeatureVector;
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

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Candidates for a quote with their features (probabilities not yet set). */
export function quoteCandidates(ctx: QuoteSpeakerContext, cues: CueLexicon): RankedCandidate[] {
  const { tokens, quoteFrom, quoteTo, masked, quote } = ctx;
  const mentions = findMentions(tokens, 0, tokens.length, masked);
  // Subjects of the cues around the quote ("informal conversations between A and B suggested"), when no mention has
  // the same span already.
  for (const m of ctx.subjects ?? []) if (!mentions.some((x) => x.start === m.start && x.end === m.end)) mentions.push(m);
  const qSentStart = ctx.sentenceOf(quote.start);
  const qSentEnd = ctx.sentenceOf(Math.max(quote.start, quote.end - 1));
  const qParaStart = ctx.paragraphOf(quote.start);
  const qParaEnd = ctx.paragraphOf(Math.max(quote.start, quote.end - 1));
  const out: RankedCandidate[] = [];
  const quoteFeatures = (f: FeatureVector, p: string) => {
    f.push([`${p}q:len:${bucket(quote.words, [1, 2, 4, 8, 20])}`, 1]);
    f.push([`${p}q:end:${quote.endPunct || 'none'}`, 1]);
    f.push([`${p}q:kind:${quote.kind}`, 1]);
    if (quote.opensParagraph) f.push([`${p}q:opens`, 1]);
    if (quote.atSentenceStart) f.push([`${p}q:sentstart`, 1]);
    if (quote.paragraphs > 1) f.push([`${p}q:multipara`, 1]);
  };
  // Nearest-first rank of each mention on its side.
  const left = mentions.filter((m) => m.end <= quote.start).sort((a, b) => b.end - a.end);
  const right = mentions.filter((m) => m.start >= quote.end).sort((a, b) => a.start - b.start);
  const rankOf = new Map<Mention, number>();
  left.forEach((m, i) => rankOf.set(m, i));
  right.forEach((m, i) => rankOf.set(m, i));
  // The reporting cues nearest the quote on each side: a candidate tied to one of them is the likeliest speaker.
  const cueP = tokens.map((t, k) => (masked(k) || t.type !== 'word' ? 0 : cueProbability(cues, t.text.toLowerCase())));
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
    const f: FeatureVector = [];
    const p = `${side}:`;
    f.push([`${p}bias`, 1]);
    mentionFeatures(tokens, m, f, p);
    const rank = rankOf.get(m) ?? 9;
    f.push([`${p}rank:${bucket(rank, [0, 1, 2, 4])}`, 1]);
    const sentence = ctx.sentenceOf(m.start);
    const dSent = side === 'L' ? qSentStart - sentence : sentence - qSentEnd;
    f.push([`${p}sent:${bucket(dSent, [0, 1, 2])}`, 1]);
    const para = ctx.paragraphOf(m.start);
    const dPara = side === 'L' ? qParaStart - para : para - qParaEnd;
    if (dPara !== 0) f.push([`${p}otherpara:${bucket(dPara, [1])}`, 1]);
    const gap = side === 'L' ? countWords(tokens, m.last + 1, quoteFrom) : countWords(tokens, quoteTo, m.first);
    f.push([`${p}gap:${bucket(gap, [0, 1, 3, 6, 12, 25])}`, 1]);
    const after = cueAfter(tokens, m.last, tokens.length, cues, masked);
    const before = cueBefore(tokens, m.first, 0, cues, masked);
    if (after) {
      f.push([`${p}cueR:${cueBucket(after.p)}`, 1]);
      f.push([`${p}cueRp`, after.p]);
      f.push([`cueR=${after.word}`, 1]);
      f.push([`${p}cueR=${after.word}`, 1]);
      // The cue lies between the mention and the quote ("X said, “…”") or beyond it.
      const between = side === 'L' ? tokens[after.at].end <= quote.start : false;
      if (between) f.push([`${p}cueR:between`, 1]);
    }
    if (before) {
      f.push([`${p}cueL:${cueBucket(before.p)}`, 1]);
      f.push([`${p}cueLp`, before.p]);
      f.push([`cueL=${before.word}`, 1]);
      f.push([`${p}cueL=${before.word}`, 1]);
      if (side === 'R' && tokens[before.at].start >= quote.end) f.push([`${p}cueL:between`, 1]);
    }
    // A signature: “…” ― Jane Doe (a dash, then a name that ends the paragraph or the sentence).
    if (side === 'R' && gap === 0 && /^[―—–-]$/.test(tokens[m.first - 1]?.text ?? '') && (!tokens[m.last + 1] || ['.', ',', '('].includes(tokens[m.last + 1].text) || ctx.paragraphOf(tokens[m.last + 1].start) !== ctx.paragraphOf(m.start))) f.push(['R:signature', 1]);
    const own = [after?.at, before?.at];
    if (own.includes(side === 'L' ? nearestLeftCue : nearestRightCue)) f.push([`${p}ownsNearestCue`, 1]);
    const between = side === 'L' ? cuesBetween((after && tokens[after.at].end <= quote.start ? after.at : m.last) + 1, quoteFrom) : cuesBetween(quoteTo, before && tokens[before.at].start >= quote.end ? before.at : m.first);
    f.push([`${p}cuesBetween:${bucket(between, [0, 1])}`, 1]);
    if (after && gap <= 3) f.push([`${p}cueR:near:${quote.endPunct || 'none'}`, 1]);
    if (before && gap <= 3) f.push([`${p}cueL:near:${quote.endPunct || 'none'}`, 1]);
    if (!after && !before) f.push([`${p}nocue:gap:${bucket(gap, [0, 3, 10])}`, 1]);
    // The cue's subject over an aside ("Jane Miller, 34, a nurse, said"), or an inverted cue's ("…,” said Tom Reyes).
    const link = cueLinks(tokens, m, cues, masked);
    if (link.subject) {
      f.push([`${p}subj:${cueBucket(link.subject.p)}`, 1]);
      f.push([`${p}subj:aside:${bucket(link.subject.aside, [0, 3, 8, 20])}`, 1]);
      if (side === 'L' && tokens[link.subject.at].end <= quote.start) f.push([`${p}subj:between`, 1]);
    }
    if (link.inverted) {
      f.push([`${p}inv:${cueBucket(link.inverted.p)}`, 1]);
      if (side === 'R' && tokens[link.inverted.at].start >= quote.end) f.push([`${p}inv:between`, 1]);
    }
    if (ctx.rule && overlaps(ctx.rule, m)) {
      f.push(['rule', 1]);
      f.push([`rule:${ctx.rule.via}`, 1]);
      if (ctx.rule.start === m.start && ctx.rule.end === m.end) f.push(['rule:exact', 1]);
    }
    if (ctx.previous && sameReferent(tokens, m, ctx.previous.text)) f.push([`${p}sameAsPrevious`, 1]);
    const head = tokens[m.last].text.toLowerCase();
    if (m.shape === 'name' || m.shape === 'role') {
      f.push([`head=${head}`, 1]);
      const { count, cued } = ctx.salience(head);
      f.push([`${p}salience:${bucket(count, [1, 2, 4, 8])}`, 1]);
      f.push([`${p}cued:${bucket(cued, [0, 1, 3])}`, 1]);
      if (ctx.spokeBefore.has(head)) f.push([`${p}spokeBefore`, 1]);
    }
    if (m.shape === 'pronoun') f.push([`${p}pron:${head}:${quote.opensParagraph ? 'opens' : 'in'}`, 1]);
    quoteFeatures(f, `${p}`);
    out.push({ start: m.start, end: m.end, source: 'mention', shape: m.shape, cue: after?.at ?? before?.at, features: f, probability: 0 });
  }
  if (ctx.rule && ctx.rule.via !== 'continuation' && !out.some((c) => c.start === ctx.rule!.start && c.end === ctx.rule!.end)) {
    const f: FeatureVector = [['ruleOnly', 1], [`ruleOnly:${ctx.rule.via}`, 1], ['rule', 1]];
    // What the rules' span looks like: a name, a single lower-case word ("came"), a phrase holding its own cue.
    const words = tokens.filter((t) => t.type === 'word' && t.start >= ctx.rule!.start && t.end <= ctx.rule!.end);
    f.push([`ruleOnly:len:${bucket(words.length, [1, 2, 3, 5])}`, 1]);
    const capitals = words.filter((t) => /^\p{Lu}/u.test(t.text)).length;
    f.push([`ruleOnly:caps:${capitals === words.length ? 'all' : capitals === 0 ? 'none' : 'some'}`, 1]);
    if (words.some((t) => cueProbability(cues, t.text.toLowerCase()) >= 0.3)) f.push(['ruleOnly:holdsCue', 1]);
    quoteFeatures(f, 'ruleOnly:');
    out.push({ start: ctx.rule.start, end: ctx.rule.end, source: 'rule', features: f, probability: 0 });
  }
  if (ctx.previous) {
    const f: FeatureVector = [['prev', 1]];
    if (ctx.rule?.via === 'continuation') f.push(['rule:continuation', 1]);
    f.push([`prev:kind:${ctx.previous.kind}`, 1]);
    f.push([`prev:kind:${ctx.previous.kind}:${quote.kind}`, 1]);
    if (ctx.previous.sameParagraph) f.push(['prev:samepara', 1]);
    if (ctx.previous.previousParagraph) f.push(['prev:prevpara', 1]);
    const gap = quote.start - ctx.previous.quoteEnd;
    f.push([`prev:gapchars:${bucket(gap, [3, 40, 200, 600])}`, 1]);
    // Another speech cue between the previous quote and this one suggests someone else speaks.
    const cuesBetween = tokens.filter((t, k) => cueP[k] >= 0.3 && t.start >= ctx.previous!.quoteEnd && t.end <= quote.start).length;
    f.push([`prev:cuesBetween:${bucket(cuesBetween, [0, 1])}`, 1]);
    quoteFeatures(f, 'prev:');
    out.push({ start: ctx.previous.start, end: ctx.previous.end, source: 'previous', features: f, probability: 0 });
  }
  const none: FeatureVector = [['none', 1]];
  quoteFeatures(none, 'none:');
  none.push([`none:before:${quote.before}`, 1]);
  none.push([`none:after:${quote.after}`, 1]);
  if (quote.titleCase) none.push(['none:titlecase', 1]);
  if (!ctx.rule) none.push(['none:norule', 1]);
  const strongestCue = cueP.reduce((a, b) => Math.max(a, b), 0);
  none.push([`none:cue:${cueBucket(strongestCue)}`, 1]);
  out.push({ start: -1, end: -1, source: 'none', features: none, probability: 0 });
  return out;
}

/**
 * The probability of `best` and of every other candidate overlapping it: names of one referent ("Mr. Smith" and
 * "Smith") are one answer.
 */
export function referentProbability(ranked: RankedCandidate[], best: RankedCandidate): number {
  return ranked.filter((c) => c.source !== 'none' && (c === best || (c.start < best.end && best.start < c.end))).reduce((sum, c) => sum + c.probability, 0);
}

/** Scores candidates in place and returns them best first. */
export function rank(model: LinearModel, candidates: RankedCandidate[]): RankedCandidate[] {
  const probabilities = softmax(candidates.map((c) => linearScore(model, c.features)));
  candidates.forEach((c, i) => (c.probability = Number.isFinite(probabilities[i]) ? probabilities[i] : 0));
  return candidates.slice().sort((a, b) => b.probability - a.probability || a.start - b.start);
}

function countWords(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let k = Math.max(0, from); k < Math.min(tokens.length, to); k++) if (tokens[k].type === 'word') n++;
  return n;
}

function sameReferent(tokens: Token[], m: Mention, previous: string): boolean {
  const lastWord = tokens[m.last].text.toLowerCase();
  const words = previous.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length > 0 && words[words.length - 1] === lastWord;
}
