// Reported speech: "X said (that) …", "according to X, …", "…, officials say.", "X told reporters …". Each sentence
// with a reporting cue gets a source chosen by a learned ranker over its mentions and "the article itself"; the
// claims read it. Same features and training as the quote model (src/train/attribution.ts).

import type { Paragraph, Span } from '../types';
import type { Token } from '../text';
import { isCapitalized, isLyAdverb, startsLowercase } from '../text';
import { TITLES } from '../lexicon';
import type { LinearModel } from '../models/linear';
import { candidateSink, featureNames } from '../models/featureSink';
import { ASIDE, buckets, cueAfter, cueBefore, cueBucket, cueProbability, mentionFeatures, SKIPPABLE, type CueLexicon } from './features';
import { findMentions, type Masked, type Mention } from './mentions';
import { cueLinks } from './links';
import { tokenWindow, type TokenWindow } from './window';

import { rank, type AttributionModel, type RankedCandidate } from './quoteSpeaker';

/** The feature names written below (see FeatureName). */
const NAMES = featureNames('bias', 'inAppositive', 'order:', 'at:', 'opensSentence', 'cueR:', 'cueRp', 'cueR=', 'cueR:that', 'cueR:then.', 'cueR:then,', 'cueR:thenp', 'cueR:sentenceEnd', 'cueR:thenName', 'cueL:', 'cueLp', 'cueL=', 'nocue', 'subj:', 'subjp', 'subj=', 'subj:aside:', 'subj:strongest', 'inv:', 'invp', 'inv=', 'inv:strongest', 'nolink', 'verb=', 'verb:cue:', 'verb2=', '_', 'verb:afterAppositive:', 'subjectOfVerb', 'subjectOfVerb:cue:', 'subjectOfVerb:first', 'cueSubject', 'rest:', 'said:', 'sentenceQuotes', 'none', 'none:', 'cue:', 'cues:', 'cue=', 'has=', 'w=', 'according', 'len:', 'quoted', 'nomention', 'question', 'opensWithCue');

export interface ReportedSpeech {
  /** The sentence. */
  start: number;
  end: number;
  source: Span;
  cue: Span | null;
  /** For a pronoun source, the pronoun; `source` is then the person it refers to when one was found. */
  mention?: Span;
  anonymous: boolean;
  /** Why the source is anonymous, in plain words. */
  note?: string;
  confidence: number;
}

export interface SentenceCandidates {
  sentence: { start: number; end: number };
  tokens: Token[];
  candidates: RankedCandidate[];
}

/** Lowest learned cue probability a word needs for its sentence to be ranked at all. */
const SENTENCE_GATE = 0.05;

// The buckets of the counts the sentence features read.
const ORDER = buckets(0, 1, 2, 4);
const AT = buckets(0, 2, 5, 10, 20);
const REST = buckets(0, 2, 5, 10);
const SAID = buckets(2, 5, 10, 20);
const CUE_COUNT = buckets(0, 1, 2, 3);
const LENGTH = buckets(8, 15, 25, 40);

/**
 * The predicate right after a mention: skips auxiliaries and adverbs ("has repeatedly said") and an appositive
 * between commas ("Sanders, a Vermont senator, has supported"). Its token index (-1 for none), and the appositive's
 * commas when one was skipped.
 */
export function predicateAfter(window: TokenWindow, last: number): { at: number; appositive: [number, number] | null } {
  const { tokens, masked } = window;
  let v = last + 1;
  let appositive: [number, number] | null = null;
  if (tokens[v]?.text === ',') {
    let j = v + 1;
    while (j < tokens.length && j - v <= 20 && tokens[j].text !== ',' && !masked(j) && tokens[j].text !== '.') j++;
    if (tokens[j]?.text === ',' && j > v + 1) {
      appositive = [v, j];
      v = j + 1;
    }
  }
  while (v < tokens.length && tokens[v].type === 'word' && (SKIPPABLE.has(window.lower[v]) || isLyAdverb(tokens[v].text))) v++;
  const t = tokens[v];
  return { at: t && t.type === 'word' && startsLowercase(t.text) && !masked(v) ? v : -1, appositive };
}

// Scratch space of sentenceCandidates, reused sentence after sentence (it never runs inside itself).
let wordsBeforeBuffer = new Int32Array(256);
let wordAtBuffer = new Int32Array(128);

/**
 * Whether the word at wordAt[i] is the first of wordAt[0, i] with its `text`: a scan, since a sentence is short
 * (ranked sentences stop at 120 tokens), and a set would cost more to fill and empty sentence after sentence.
 */
function firstWithText(wordAt: Int32Array, i: number, text: (k: number) => string): boolean {
  const t = text(wordAt[i]);
  for (let j = 0; j < i; j++) if (text(wordAt[j]) === t) return false;
  return true;
}

/**
 * Candidates for one sentence's source, with their features or their scores under `model`; null when no word in it is
 * a likely reporting cue.
 */
export function sentenceCandidates(tokens: Token[], masked: Masked, cues: CueLexicon, sentence: { start: number; end: number }, subjects: Mention[] = [], model?: LinearModel, window = tokenWindow(tokens, masked, cues)): SentenceCandidates | null {
  const { lower, cue, keys } = window;
  let strongest = 0;
  let strongestAt = -1;
  let cueCount = 0;
  let according = false;
  for (let k = 0; k < tokens.length; k++) {
    if (masked(k) || tokens[k].type !== 'word') continue;
    const w = lower[k];
    const p = cue[k];
    if (p >= 0.1) cueCount++;
    if (p > strongest) {
      strongest = p;
      strongestAt = k;
    }
    if (w === 'according' && lower[k + 1] === 'to') according = true;
  }
  // Without a word that is ever a reporting cue, the sentence is the article's own (and is not ranked at all).
  if (strongest < SENTENCE_GATE) return null;
  const mentions = findMentions(window, 0, tokens.length);
  // The subjects of the sentence's cues ("Some advocates for stem cell research said"), when not found already.
  for (const m of subjects) if (!mentions.some((x) => x.start === m.start && x.end === m.end)) mentions.push(m);
  const candidates: RankedCandidate[] = [];
  const quoted = tokens.some((_, k) => masked(k));
  const firstWordAt = tokens.findIndex((t) => t.type === 'word');
  // Words outside quotes before each token, for the words a candidate leaves over ("rest"). One buffer for every
  // sentence: a small typed array costs more to make than to fill.
  if (wordsBeforeBuffer.length < tokens.length + 1) wordsBeforeBuffer = new Int32Array(2 * (tokens.length + 1));
  const wordsBefore = wordsBeforeBuffer;
  wordsBefore[0] = 0;
  for (let k = 0; k < tokens.length; k++) wordsBefore[k + 1] = wordsBefore[k] + (tokens[k].type === 'word' && !masked(k) ? 1 : 0);
  const predicates = mentions.map((m) => predicateAfter(window, m.last));
  const appositives: Array<[number, number]> = [];
  for (const p of predicates) if (p.appositive) appositives.push(p.appositive);
  mentions.forEach((m, i) => {
    const f = candidateSink(model);
    f.add(NAMES.bias);
    if (appositives.some(([a, b]) => a < m.first && m.last < b)) f.add(NAMES.inAppositive);
    mentionFeatures(window, m, f, cues);
    f.addKey(NAMES['order:'], ORDER(i));
    f.addKey(NAMES['at:'], AT(m.first));
    if (m.first === firstWordAt || (m.first === firstWordAt + 1 && lower[firstWordAt] === 'the')) f.add(NAMES.opensSentence);
    const after = cueAfter(window, m.last, tokens.length, 5);
    const before = cueBefore(window, m.first, 0);
    if (after) {
      f.addKey(NAMES['cueR:'], cueBucket(after.p));
      f.add(NAMES.cueRp, after.p);
      f.addKey(NAMES['cueR='], after.key);
      const next = tokens[after.at + 1];
      if (next && lower[after.at + 1] === 'that') f.add(NAMES['cueR:that']);
      if (next && next.type === 'punct') f.add(next.text === '.' ? NAMES['cueR:then.'] : next.text === ',' ? NAMES['cueR:then,'] : NAMES['cueR:thenp']);
      if (after.at === tokens.length - 2 || after.at === tokens.length - 1) f.add(NAMES['cueR:sentenceEnd']);
      // "…, said Robert Egge": a name right after the cue is its subject.
      if (next && next.type === 'word' && (isCapitalized(next.text) || TITLES.has(lower[after.at + 1]))) f.add(NAMES['cueR:thenName']);
    }
    if (before) {
      f.addKey(NAMES['cueL:'], cueBucket(before.p));
      f.add(NAMES.cueLp, before.p);
      f.addKey(NAMES['cueL='], before.key);
    }
    if (!after && !before) f.add(NAMES.nocue);
    const link = cueLinks(window, m);
    if (link.subject) {
      f.addKey(NAMES['subj:'], cueBucket(link.subject.p));
      f.add(NAMES.subjp, link.subject.p);
      f.addKey(NAMES['subj='], keys[link.subject.at].stem);
      f.addKey(NAMES['subj:aside:'], ASIDE(link.subject.aside));
      if (link.subject.p >= strongest - 1e-9) f.add(NAMES['subj:strongest']);
    }
    if (link.inverted) {
      f.addKey(NAMES['inv:'], cueBucket(link.inverted.p));
      f.add(NAMES.invp, link.inverted.p);
      f.addKey(NAMES['inv='], keys[link.inverted.at].stem);
      if (link.inverted.p >= strongest - 1e-9) f.add(NAMES['inv:strongest']);
    }
    if (!link.subject && !link.inverted) f.add(NAMES.nolink);
    // The mention is a clause subject: its predicate, by stem ("Israel regards", "Ted Cruz is protesting").
    const { at: v, appositive } = predicates[i];
    const verbCue = v >= 0 ? cue[v] : 0;
    if (v >= 0) {
      const word = lower[v];
      const p = verbCue;
      f.addKey(NAMES['verb='], keys[v].verb);
      f.addKey(NAMES['verb:cue:'], cueBucket(p));
      const next = tokens[v + 1];
      f.scoped(NAMES['verb2=']).addKey(keys[v].verb, next ? keys[v + 1].afterVerb : NAMES._);
      // "Scot Ross, executive director of One Wisconsin Now, said": the cue is the name's, not the appositive's.
      if (appositive) f.addKey(NAMES['verb:afterAppositive:'], cueBucket(p));
      if (word.endsWith('s') || word.endsWith('ed') || word.endsWith('ing')) {
        f.add(NAMES.subjectOfVerb);
        f.addKey(NAMES['subjectOfVerb:cue:'], cueBucket(p));
        if (i === 0) f.add(NAMES['subjectOfVerb:first']);
      }
    }
    if (m.shape === 'phrase' && subjects.includes(m)) f.add(NAMES.cueSubject);
    // Little said besides the source and its cue ("Trump said.", "he wrote."): the words are in a quote elsewhere.
    const cueAt = after?.at ?? before?.at ?? v;
    let rest = wordsBefore[tokens.length] - (wordsBefore[m.last + 1] - wordsBefore[m.first]);
    if (cueAt >= 0 && (cueAt < m.first || cueAt > m.last) && tokens[cueAt].type === 'word' && !masked(cueAt)) rest--;
    f.addKey(NAMES['rest:'], REST(rest));
    // What the cue introduces: words after it, to the sentence's end.
    if (cueAt >= 0 && cueAt > m.last) f.addKey(NAMES['said:'], SAID(tokens.length - cueAt));
    if (quoted) f.add(NAMES.sentenceQuotes);
    candidates.push({ start: m.start, end: m.end, source: 'mention', shape: m.shape, cue: link.subject?.at ?? link.inverted?.at ?? after?.at ?? before?.at ?? (v >= 0 && verbCue >= 0.05 ? v : undefined), features: f.features, score: f.score, probability: 0 });
  });
  const f = candidateSink(model);
  f.add(NAMES.none);
  const none = f.scoped(NAMES['none:']);
  none.addKey(NAMES['cue:'], cueBucket(strongest));
  none.addKey(NAMES['cues:'], CUE_COUNT(cueCount));
  none.addKey(NAMES['cue='], keys[strongestAt].stem);
  // The words outside quotes, for the lists below.
  if (wordAtBuffer.length < tokens.length) wordAtBuffer = new Int32Array(2 * tokens.length);
  const wordAt = wordAtBuffer;
  let words = 0;
  for (let k = 0; k < tokens.length; k++) if (!masked(k) && tokens[k].type === 'word') wordAt[words++] = k;
  // Each likely cue word once (a word's cue probability is the same wherever it stands outside quotes).
  const lowerOf = (k: number) => lower[k];
  for (let i = 0; i < words; i++) if (cue[wordAt[i]] >= 0.05 && firstWithText(wordAt, i, lowerOf)) none.addKey(NAMES['has='], keys[wordAt[i]].stem);
  // Every word of the sentence, by stem: stances and actions ("is panning", "took swipes at") are attributions too.
  const stemOf = (k: number) => keys[k].stem.text;
  for (let i = 0; i < words; i++) if (firstWithText(wordAt, i, stemOf)) none.addKey(NAMES['w='], keys[wordAt[i]].stem);
  if (according) none.add(NAMES.according);
  none.addKey(NAMES['len:'], LENGTH(tokens.length));
  if (quoted) none.add(NAMES.quoted);
  if (!mentions.length) none.add(NAMES.nomention);
  if (tokens[tokens.length - 1]?.text === '?') none.add(NAMES.question);
  const firstWord = tokens[firstWordAt];
  if (firstWord) {
    const p = cueProbability(cues, lower[firstWordAt]);
    if (p >= 0.1) none.add(NAMES.opensWithCue);
  }
  candidates.push({ start: -1, end: -1, source: 'none', features: f.features, score: f.score, probability: 0 });
  return { sentence, tokens, candidates };
}

/** The ranked decision for a sentence: its best source, or null when the article itself asserts it. */
export function decideSource(model: AttributionModel, found: SentenceCandidates): RankedCandidate | null {
  const { none, best, referent: mass } = rank(model.reported, found.candidates);
  if (!best) return null;
  // Compared as shown (two decimals), so that the cut means the same on the confidence in the JSON.
  if (Math.round(mass * 100) / 100 < model.claimThreshold || (none && none.probability > mass)) return null;
  best.probability = mass;
  return best;
}

/** A sentence of a paragraph with its tokens, which of them are inside quotes, and where they start. */
export interface ParagraphSentence {
  sentence: { start: number; end: number };
  tokens: Token[];
  masked: Masked;
  /** Index of the sentence's first token in its paragraph's tokens. */
  at: number;
}

/**
 * The sentences of one paragraph, given its tokens (at offset `base`: the paragraph's start for relative tokens) and
 * which of them are inside quotes (`quoted`, one per token).
 */
export function sentencesOfParagraph(paragraph: Paragraph, all: Token[], quoted: readonly boolean[], base: number): ParagraphSentence[] {
  const out: ParagraphSentence[] = [];
  let k = 0;
  for (const s of paragraph.sentences) {
    while (k < all.length && all[k].start + base < s.start) k++;
    const from = k;
    while (k < all.length && all[k].start + base < s.end) k++;
    const to = Math.min(k, from + 120);
    const tokens = all.slice(from, to);
    // A feature may ask for an index past the sentence's ends: not quoted.
    const n = to - from;
    out.push({ sentence: s, tokens, masked: (i) => i >= 0 && i < n && quoted[from + i], at: from });
  }
  return out;
}
