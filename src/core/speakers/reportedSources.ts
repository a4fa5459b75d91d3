// Reported speech wired into an article's attribution: each sentence with a likely reporting cue gets the source the
// model picks (decided per sentence and cached across edits), trimmed, resolved from a pronoun and checked for
// anonymity like a quote's speaker.

import type { Paragraph } from '../types';
import type { QuoteSpan } from '../quotes';
import type { RunCache, Token } from '../text';
import { PRONOUNS } from '../lexicon';
import type { AttributionModel } from './quoteSpeaker';
import type { CueLexicon } from './features';
import type { Mention } from './mentions';
import { decideSource, paragraphSentences, sentenceCandidates, type ReportedSpeech, type SentenceCandidates } from './reported';
import type { SentencePick } from './modelBridge';
import { subWindow, type TokenWindow } from './window';
import { insideAnyQuote, round2, span } from './tokens';
import { subjectBefore } from './subjects';
import { trimSpeaker, withoutPossessive, type PeopleIndex } from './names';
import { anonymousReason } from './anonymity';

export interface ReportedInput {
  text: string;
  paragraphs: Paragraph[];
  spans: QuoteSpan[];
  tokensOf: (p: number) => Token[];
  /** A paragraph's tokens as the speaker models read them. */
  windowOf: (p: number) => TokenWindow;
  people: PeopleIndex;
  sentenceCache?: RunCache<SentencePick | null>;
  model?: AttributionModel;
  cues?: CueLexicon;
  collectSentence?: (found: SentenceCandidates) => void;
}

/** Sources of reported speech, one per sentence that has one (sorted by offset); none without a model or a collector. */
export function attributeReported({ text, paragraphs, spans, tokensOf, windowOf, people, sentenceCache, model, cues, collectSentence }: ReportedInput): ReportedSpeech[] {
  const reported: ReportedSpeech[] = [];
  if (model || collectSentence) {
    const lexicon = model?.cues ?? cues ?? {};
    const inQuote = (offset: number) => insideAnyQuote(spans, offset);
    for (const { sentence, tokens, masked, paragraph, at: from } of paragraphSentences(paragraphs, tokensOf, inQuote)) {
      const decide = (): SentencePick | null => {
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
        const at = sentence.start;
        // "according to" is one cue.
        const cueEnd = cueToken && cueToken.text.toLowerCase() === 'according' && tokens[best.cue! + 1]?.text.toLowerCase() === 'to' ? tokens[best.cue! + 1].end : cueToken?.end;
        return { start: best.start - at, end: best.end - at, cueStart: cueToken ? cueToken.start - at : -1, cueEnd: cueEnd !== undefined ? cueEnd - at : -1, probability: best.probability };
      };
      // An unchanged sentence (same words, same quoted words) keeps its decision across edits.
      let pick: SentencePick | null;
      if (sentenceCache && !collectSentence) {
        // The flags joined at once: a string grown a character at a time is a deep rope the lookup must flatten.
        const quoted = new Array<string>(tokens.length);
        for (let k = 0; k < tokens.length; k++) quoted[k] = masked(k) ? '1' : '0';
        pick = sentenceCache.get(`${text.slice(sentence.start, sentence.end)}\u0000${quoted.join('')}`, decide);
      } else pick = decide();
      if (!pick) continue;
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
      const anonymity = anonymousReason(entry.source.text, text.slice(sentence.start, sentence.end));
      if (anonymity) {
        entry.anonymous = true;
        entry.note = anonymity;
      }
      reported.push(entry);
    }
  }
  return reported;
}
