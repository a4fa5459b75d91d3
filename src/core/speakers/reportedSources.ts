// Reported speech wired into an article's attribution: each sentence with a likely reporting cue gets the source the
// model picks (decided per sentence and cached across edits), trimmed, resolved from a pronoun and checked for
// anonymity like a quote's speaker.

import type { Paragraph, Quote, Span } from '../types';
import { RunCache, type Token } from '../text';
import { PRONOUNS } from '../lexicon';
import type { AttributionModel } from './quoteSpeaker';
import type { CueLexicon } from './features';
import type { Mention } from './mentions';
import { decideSource, sentenceCandidates, sentencesOfParagraph, type ParagraphSentence, type ReportedSpeech, type SentenceCandidates } from './reported';
import type { SentencePick } from './modelBridge';
import { subWindow, type TokenWindow } from './window';
import { round2, span } from './tokens';
import { subjectBefore } from './subjects';
import { trimSpeaker, withoutPossessive, type PeopleIndex } from './names';
import { anonymousReason } from './anonymity';
import { paragraphText } from '../structure';

export interface ReportedInput {
  text: string;
  paragraphs: Paragraph[];
  /** A paragraph's tokens at their offsets in the article (what a collector reads). */
  tokensOf: (p: number) => Token[];
  /** A paragraph's tokens relative to its start (what the ranking reads: the same tokens, not copied). */
  relativeTokensOf: (p: number) => Token[];
  /** Which of a paragraph's tokens are inside quotes (one flag per token). */
  quotedOf: (p: number) => boolean[];
  /** A paragraph's tokens as the speaker models read them. */
  windowOf: (p: number) => TokenWindow;
  people: PeopleIndex;
  /** The article's quotes, attributed: their unnamed speakers are what a later "they" can stand for. */
  quotes?: readonly Quote[];
  sentenceCache?: ReportedCache;
  model?: AttributionModel;
  cues?: CueLexicon;
  collectSentence?: (found: SentenceCandidates) => void;
}

/**
 * What reported-speech ranking decided in one document's previous analysis, for re-analysis after an edit (for one
 * model: another starts afresh). Decisions are relative to their sentence's start.
 */
export class ReportedCache {
  private model: AttributionModel | undefined;
  /**
   * Per paragraph text, and then per which of its tokens are quoted, every sentence's decision: an unchanged paragraph
   * skips its sentences. Keyed by the text alone first, so that the paragraph's own string (the same object every run
   * while it is unchanged, see buildStructure) finds its entry without the text being compared again.
   */
  private paragraphs = new RunCache<Map<string, Array<SentencePick | null>>>();
  /** Per sentence (its text and which tokens are quoted), for the sentences of a changed paragraph. */
  private sentences = new RunCache<SentencePick | null>();

  use(model: AttributionModel | undefined): void {
    if (model === this.model) return;
    this.model = model;
    this.paragraphs = new RunCache();
    this.sentences = new RunCache();
  }

  paragraph(text: string, quoted: readonly boolean[], compute: () => Array<SentencePick | null>): Array<SentencePick | null> {
    const byQuoted = this.paragraphs.get(text, () => new Map());
    const key = quotedKey(quoted.length, (k) => quoted[k]);
    let picks = byQuoted.get(key);
    if (!picks) {
      picks = compute();
      // A paragraph's quotes rarely change without its text: a few variants are plenty.
      if (byQuoted.size >= MAX_QUOTED_VARIANTS) byQuoted.clear();
      byQuoted.set(key, picks);
    }
    return picks;
  }

  sentence(key: string, compute: () => SentencePick | null): SentencePick | null {
    return this.sentences.get(key, compute);
  }

  endRun(): void {
    this.paragraphs.endRun();
    this.sentences.endRun();
  }
}

const MAX_QUOTED_VARIANTS = 4;

/** Which of n tokens are quoted, as the token indices where quotedness flips (short, unlike a flag per token). */
function quotedKey(n: number, quoted: (k: number) => boolean): string {
  const flips: number[] = [];
  let inside = false;
  for (let k = 0; k < n; k++) {
    if (quoted(k) !== inside) {
      inside = !inside;
      flips.push(k);
    }
  }
  return flips.join(',');
}

/** Sources of reported speech, one per sentence that has one (sorted by offset); none without a model or a collector. */
export function attributeReported({ text, paragraphs, tokensOf, relativeTokensOf, quotedOf, windowOf, people, quotes = [], sentenceCache, model, cues, collectSentence }: ReportedInput): ReportedSpeech[] {
  const reported: ReportedSpeech[] = [];
  if (!model && !collectSentence) return reported;
  const lexicon = model?.cues ?? cues ?? {};
  const cache = sentenceCache && !collectSentence ? sentenceCache : undefined;
  cache?.use(model);
  const decide = (paragraph: number, { sentence, tokens, masked, at: from }: ParagraphSentence, base: number): SentencePick | null => {
    // The subject of each likely cue in the sentence, as a candidate phrase.
    const window = subWindow(windowOf(paragraph), from, tokens, masked);
    const subjects: Mention[] = [];
    for (let k = 1; k < tokens.length; k++) {
      if (window.cue[k] < 0.1) continue;
      const subject = subjectBefore(tokens, k, 0, window.lower);
      if (subject && !masked(subject.first) && subject.last > subject.first) subjects.push({ start: subject.start, end: subject.end, first: subject.first, last: subject.last, shape: 'phrase' });
    }
    // Scored as they are made when only the model reads them; listed for training.
    const found = sentenceCandidates(tokens, masked, lexicon, sentence, subjects, collectSentence ? undefined : model?.reported, window);
    if (!found) return null;
    if (collectSentence) collectSentence(found);
    if (!model) return null;
    const best = decideSource(model, found);
    if (!best) return null;
    const cueToken = best.cue !== undefined ? tokens[best.cue] : undefined;
    const at = sentence.start - base;
    // "according to" is one cue.
    const cueEnd = cueToken && cueToken.text.toLowerCase() === 'according' && tokens[best.cue! + 1]?.text.toLowerCase() === 'to' ? tokens[best.cue! + 1].end : cueToken?.end;
    return { start: best.start - at, end: best.end - at, cueStart: cueToken ? cueToken.start - at : -1, cueEnd: cueEnd !== undefined ? cueEnd - at : -1, probability: best.probability };
  };
  for (let p = 0; p < paragraphs.length; p++) {
    const paragraph = paragraphs[p];
    if (paragraph.role !== 'paragraph') continue;
    const quoted = quotedOf(p);
    // The tokens ranked are relative to the paragraph's start (`base`), but for a collector (training), which reads
    // candidates at their offsets in the article.
    const base = collectSentence ? 0 : paragraph.start;
    const picksOf = () =>
      sentencesOfParagraph(paragraph, collectSentence ? tokensOf(p) : relativeTokensOf(p), quoted, base).map((s) => {
        if (!cache) return decide(p, s, base);
        // An unchanged sentence (same words, same quoted words) of a changed paragraph keeps its decision.
        return cache.sentence(`${text.slice(s.sentence.start, s.sentence.end)}\u0000${quotedKey(s.tokens.length, s.masked)}`, () => decide(p, s, base));
      });
    // An unchanged paragraph (same text, same quoted words) keeps every sentence's decision across edits.
    const picks = cache ? cache.paragraph(paragraphText(text, paragraph), quoted, picksOf) : picksOf();
    for (let i = 0; i < picks.length; i++) {
      const pick = picks[i];
      if (!pick) continue;
      const sentence = paragraph.sentences[i];
      const at = sentence.start;
      const source = withoutPossessive(text, trimSpeaker(text, span(text, at + pick.start, at + pick.end)));
      const entry: ReportedSpeech = { start: sentence.start, end: sentence.end, source, cue: pick.cueStart >= 0 ? span(text, at + pick.cueStart, at + pick.cueEnd) : null, anonymous: false, confidence: round2(pick.probability) };
      const pronoun = PRONOUNS[source.text.toLowerCase()];
      // "I think …", "we know …" outside quotes: the writer's own voice, the article's claim.
      if (pronoun === 'first') continue;
      if (pronoun === 'male' || pronoun === 'female') {
        const named = people.before(source.start, Math.max(0, source.start - 2000))[0];
        if (named) {
          entry.mention = source;
          entry.source = { start: named.start, end: named.end, text: named.text };
        }
      }
      const group = pronoun === 'plural' ? unnamedGroupBefore(reported, quotes, sentence.start, Math.max(0, paragraph.start - 1500, sentence.start - 4000)) : undefined;
      if (group) {
        // "Several senior officials said … They emphasized …": the officials, still unnamed.
        entry.mention = source;
        entry.source = { start: group.source.start, end: group.source.end, text: group.source.text };
        entry.anonymous = true;
        if (group.note) entry.note = group.note;
      } else {
        const anonymity = anonymousReason(entry.source.text, text.slice(sentence.start, sentence.end));
        if (anonymity) {
          entry.anonymous = true;
          entry.note = anonymity;
        }
      }
      reported.push(entry);
    }
  }
  return reported;
}

/** Irregular plurals that can head an unnamed group ("alliance spokespeople"). */
const PLURAL_HEADS = new Set(['people', 'spokespeople', 'police', 'staff', 'clergy']);

/** Whether an unnamed source's phrase names several people: "Several senior officials", "alliance spokespeople". */
function pluralGroup(phrase: string): boolean {
  const words = phrase.toLowerCase().split(/\s+/);
  const head = words[words.length - 1].replace(/[’']s?$/, '');
  return PLURAL_HEADS.has(head) || (head.endsWith('s') && !head.endsWith('ss') && !head.endsWith('us'));
}

/**
 * The nearest unnamed group that spoke before `offset` and not before `horizon`, in reported speech or as a quote's
 * speaker: what a plural pronoun's source stands for. A named source in between ends the search, as a pronoun would
 * then more likely refer to it.
 */
function unnamedGroupBefore(reported: readonly ReportedSpeech[], quotes: readonly Quote[], offset: number, horizon: number): { source: Span; note?: string } | undefined {
  let latest: { end: number; source: Span; anonymous: boolean; note?: string } | undefined;
  for (let i = reported.length - 1; i >= 0; i--) {
    const r = reported[i];
    if (r.end > offset) continue;
    if (r.end < horizon) break;
    if (r.mention) continue;
    latest = { end: r.end, source: r.source, anonymous: r.anonymous, note: r.note };
    break;
  }
  for (let i = quotes.length - 1; i >= 0; i--) {
    const q = quotes[i];
    if (q.end > offset || q.nested || !q.speaker || q.speaker.mention) continue;
    if (q.end < horizon) break;
    if (!latest || q.end > latest.end) latest = { end: q.end, source: q.speaker, anonymous: !!q.anonymous, note: q.note };
    break;
  }
  return latest && latest.anonymous && pluralGroup(latest.source.text) ? { source: latest.source, note: latest.note } : undefined;
}
