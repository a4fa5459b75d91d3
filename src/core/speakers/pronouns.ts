// A pronoun speaker ("he said") resolved to the person it refers to; the pronoun stays as the speaker's mention.

import type { Paragraph, Quote, Span } from '../types';
import type { Token } from '../text';
import { PRONOUNS } from '../lexicon';
import { leadSubject } from './subjects';
import { trimSpeaker, type PeopleIndex } from './names';
import { DETERMINERS_BEFORE_TERM, NON_NAME_CAPITALS, NOT_SUBJECT_START, ORG_WORDS } from './wordClasses';

export function resolvePronoun(text: string, quote: Quote, earlier: Quote[], people: PeopleIndex, paragraph: Paragraph, sentenceTokens: Token[]): void {
  const speaker = quote.speaker!;
  const pronoun = speaker.text.toLowerCase();
  const gender = PRONOUNS[pronoun];
  if ((!gender || gender === 'first') && pronoun !== 'it') return;
  const mention: Span = { start: speaker.start, end: speaker.end, text: speaker.text };
  // The model's confidence is in the pronoun as the source; the name it resolves to keeps it.
  const confidence = speaker.confidence !== undefined ? { confidence: speaker.confidence } : {};
  // 0. The subject that opens the same sentence: "Smith said the plan was late, but he called it “a start”",
  // "The council condemned what it called “a threat”".
  if (sentenceTokens.length && sentenceTokens[0].start < speaker.start) {
    const lead = leadSubject(text, sentenceTokens.filter((t) => t.end <= speaker.start));
    const leadWords = lead ? lead.speaker.text.split(/\s+/) : [];
    const leadWord = leadWords.length ? leadWords[0].toLowerCase() : '';
    if (lead && lead.speaker.end <= speaker.start && !PRONOUNS[leadWord] && leadWord !== 'it' && /\p{Lu}/u.test(lead.speaker.text) && !(leadWords.length === 1 && namesNoOne(leadWord))) {
      const plural = /s$/.test(lead.speaker.text) && !/(?:ss|us)$/.test(lead.speaker.text);
      const organisation = leadWords.some((w) => ORG_WORDS.has(w.toLowerCase().replace(/[’']s$/, '')));
      const fits = pronoun === 'it' ? organisation : gender === 'plural' ? plural || organisation : !plural && !organisation;
      if (fits) {
        const trimmed = trimSpeaker(text, lead.speaker);
        quote.speaker = { ...trimmed, via: 'pronoun', mention, ...confidence };
        return;
      }
    }
  }
  if (!gender) return;
  // 1. The most recent named speaker within the last few paragraphs.
  const horizon = Math.max(0, paragraph.start - 1500, quote.start - 4000);
  for (let i = earlier.length - 1; i >= 0; i--) {
    const e = earlier[i];
    if (e.end < horizon) break;
    if (!e.speaker || PRONOUNS[e.speaker.text.toLowerCase()]) continue;
    const plural = e.anonymous && /s$/.test(e.speaker.text);
    if ((gender === 'plural') === plural || (gender !== 'plural' && !e.anonymous)) {
      const nameNearer = people.before(quote.start, e.end)[0];
      if (!nameNearer || gender === 'plural') {
        quote.speaker = { start: e.speaker.start, end: e.speaker.end, text: e.speaker.text, via: 'pronoun', mention, ...confidence };
        if (e.anonymous) quote.anonymous = true;
        return;
      }
      break;
    }
  }
  if (gender === 'plural') return;
  // 2. The nearest person named before the quote.
  const named = people.before(Math.min(quote.start, speaker.start), horizon)[0];
  if (named) quote.speaker = { start: named.start, end: named.end, text: named.text, via: 'pronoun', mention, ...confidence };
}

/** Quantifiers that can open a sentence as its subject but name no one. */
const QUANTIFIERS = new Set(['another', 'each', 'every', 'other', 'others', 'both', 'several', 'few', 'either', 'neither']);

/** A lower-case word that, as a sentence's one-word "subject", is no referent: "And he said", "Those, she said, …". */
function namesNoOne(word: string): boolean {
  return NON_NAME_CAPITALS.has(word) || NOT_SUBJECT_START.has(word) || DETERMINERS_BEFORE_TERM.has(word) || QUANTIFIERS.has(word);
}
