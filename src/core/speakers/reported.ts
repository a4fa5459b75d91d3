// Reported speech: "X said (that) …", "according to X, …", "…, officials say.", "X told reporters …". Each sentence
// with a reporting cue gets a source chosen by a learned ranker over its mentions and "the article itself"; the
// claims read it. Same features and training as the quote model (src/train/attribution.ts).

import type { Paragraph, Span } from '../types';
import type { Token } from '../text';
import type { FeatureVector } from '../models/linear';
import { bucket, cueAfter, cueBefore, cueBucket, mentionFeatures, type CueLexicon } from './features';
import { findMentions, type Masked } from './mentions';

/** Auxiliaries and adverbs between a subject and its verb. */
const SKIP = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'also', 'now', 'still', 'has', 'been', 'repeatedly', 'often', 'later', 'then', 'recently', 'already', 'publicly', 'privately']);
import { rank, type AttributionModel, type RankedCandidate } from './quoteSpeaker';

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

/** Candidates for one sentence's source, or null when no word in it is a likely reporting cue. */
export function sentenceCandidates(tokens: Token[], masked: Masked, cues: CueLexicon, sentence: { start: number; end: number }): SentenceCandidates | null {
  let strongest = 0;
  let cueCount = 0;
  for (let k = 0; k < tokens.length; k++) {
    if (masked(k) || tokens[k].type !== 'word') continue;
    const p = cues[tokens[k].text.toLowerCase()] ?? 0;
    if (p >= 0.1) cueCount++;
    strongest = Math.max(strongest, p);
  }
  // Without a word that is often a reporting cue, the sentence is the article's own (and is not ranked at all).
  if (strongest < 0.2) return null;
  const mentions = findMentions(tokens, 0, tokens.length, masked);
  const candidates: RankedCandidate[] = [];
  const quoted = tokens.some((_, k) => masked(k));
  mentions.forEach((m, i) => {
    const f: FeatureVector = [['bias', 1]];
    mentionFeatures(tokens, m, f, '');
    f.push([`order:${bucket(i, [0, 1, 2, 4])}`, 1]);
    f.push([`at:${bucket(m.first, [0, 2, 5, 10, 20])}`, 1]);
    const after = cueAfter(tokens, m.last, tokens.length, cues, masked, 5);
    const before = cueBefore(tokens, m.first, 0, cues, masked);
    if (after) {
      f.push([`cueR:${cueBucket(after.p)}`, 1]);
      f.push(['cueRp', after.p]);
      f.push([`cueR=${after.word}`, 1]);
      const next = tokens[after.at + 1];
      if (next && next.text.toLowerCase() === 'that') f.push(['cueR:that', 1]);
      if (next && next.type === 'punct') f.push([`cueR:then${next.text === '.' ? '.' : next.text === ',' ? ',' : 'p'}`, 1]);
      if (after.at === tokens.length - 2 || after.at === tokens.length - 1) f.push(['cueR:sentenceEnd', 1]);
    }
    if (before) {
      f.push([`cueL:${cueBucket(before.p)}`, 1]);
      f.push(['cueLp', before.p]);
      f.push([`cueL=${before.word}`, 1]);
    }
    if (!after && !before) f.push(['nocue', 1]);
    // The mention is a clause subject: a finite-looking verb follows it ("Ted Cruz is protesting", "Israel regards").
    let v = m.last + 1;
    while (v < tokens.length && tokens[v].type === 'word' && SKIP.has(tokens[v].text.toLowerCase())) v++;
    const verb = tokens[v];
    if (verb && verb.type === 'word' && /^\p{Ll}/u.test(verb.text) && /(?:s|ed|ing)$/.test(verb.text) && !masked(v)) {
      f.push(['subjectOfVerb', 1]);
      f.push([`subjectOfVerb:cue:${cueBucket(cues[verb.text.toLowerCase()] ?? 0)}`, 1]);
      if (i === 0) f.push(['subjectOfVerb:first', 1]);
    }
    if (quoted) f.push(['sentenceQuotes', 1]);
    candidates.push({ start: m.start, end: m.end, source: 'mention', shape: m.shape, cue: after?.at ?? before?.at, features: f, probability: 0 });
  });
  const none: FeatureVector = [['none', 1], [`none:cue:${cueBucket(strongest)}`, 1], [`none:cues:${bucket(cueCount, [1, 2, 3])}`, 1]];
  none.push([`none:len:${bucket(tokens.length, [8, 15, 25, 40])}`, 1]);
  if (quoted) none.push(['none:quoted', 1]);
  if (!mentions.length) none.push(['none:nomention', 1]);
  const firstWord = tokens.find((t) => t.type === 'word');
  if (firstWord) {
    const p = cues[firstWord.text.toLowerCase()] ?? 0;
    if (p >= 0.1) none.push(['none:opensWithCue', 1]);
  }
  candidates.push({ start: -1, end: -1, source: 'none', features: none, probability: 0 });
  return { sentence, tokens, candidates };
}

/** The ranked decision for a sentence: its best source, or null when the article itself asserts it. */
export function decideSource(model: AttributionModel, found: SentenceCandidates): RankedCandidate | null {
  const ranked = rank(model.reported, found.candidates);
  const none = ranked.find((c) => c.source === 'none');
  const best = ranked.find((c) => c.source !== 'none');
  if (!best) return null;
  // Names of the same referent share their probability ("Mr. Smith" and "Smith" are one answer).
  const mass = ranked.filter((c) => c.source !== 'none' && c.start < best.end && best.start < c.end).reduce((s, c) => s + c.probability, 0);
  if (mass < model.reportedThreshold || (none && none.probability > mass)) return null;
  best.probability = mass;
  return best;
}

/** Every paragraph sentence, with its tokens (document offsets) and which of them are inside quotes. */
export function* paragraphSentences(paragraphs: Paragraph[], tokensOf: (p: number) => Token[], inQuote: (offset: number) => boolean): Generator<{ sentence: { start: number; end: number }; tokens: Token[]; masked: Masked; paragraph: number }> {
  for (let p = 0; p < paragraphs.length; p++) {
    if (paragraphs[p].role !== 'paragraph') continue;
    const all = tokensOf(p);
    let k = 0;
    for (const s of paragraphs[p].sentences) {
      while (k < all.length && all[k].start < s.start) k++;
      const from = k;
      while (k < all.length && all[k].start < s.end) k++;
      const tokens = all.slice(from, Math.min(k, from + 120));
      const flags = tokens.map((t) => inQuote(t.start));
      yield { sentence: s, tokens, masked: (i) => flags[i], paragraph: p };
    }
  }
}
