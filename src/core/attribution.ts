// Who said it. Rule-based, in the spirit of the SFU Gender Gap Tracker's quote structures: a quote (Q) and a
// speaker (S) joined by a reporting verb (V) in the orders news uses — Q,SV  Q,VS  SV:Q  SV that Q  "according
// to S" — plus continuation quotes that inherit the previous speaker and pronouns resolved to a named person.

import type { Paragraph, Quote, QuoteKind, Span, Speaker } from './types';
import type { QuoteSpan } from './quotes';
import { tokenize, countWords, isCapitalized, type Token } from './text';
import {
  ANONYMITY_PHRASES, CUE_VERBS, LABELLING_VERBS, PRONOUNS, ROLE_NOUNS, STRONG_CUE_VERBS, TITLES, VAGUE_DETERMINERS,
} from './lexicon';

const QUOTE_MARKS = new Set(['“', '”', '"', '‘', '’', "'", '«', '»', '„']);
const SENTENCE_END = new Set(['.', '!', '?', ';']);
/** Words between a subject and its reporting verb: "has said", "later told", "would repeatedly argue". */
const AUXILIARIES = new Set([
  'has', 'have', 'had', 'is', 'was', 'were', 'are', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'did',
  'does', 'do', 'also', 'later', 'then', 'again', 'once', 'previously', 'recently', 'often', 'never', 'not', 'still',
  'already', 'first', 'simply', 'just', 'even', 'since', 'long', 'reportedly', 'allegedly', 'publicly', 'privately',
  'been', 'be',
]);
/** Words that end a subject noun phrase when walking backwards from its verb. */
const CLAUSE_WORDS = new Set([
  'that', 'which', 'who', 'whom', 'but', 'while', 'because', 'although', 'though', 'if', 'when', 'as', 'so', 'where',
  'whether', 'after', 'before', 'until', 'unless', 'since', 'than', 'once', 'what', 'how', 'why', 'yet', 'or', 'nor',
]);
/** Words that end a speaker noun phrase when walking forwards after "said". */
const NP_STOP_FORWARD = new Set([
  'in', 'on', 'at', 'during', 'after', 'before', 'to', 'when', 'while', 'as', 'because', 'who', 'which', 'that',
  'about', 'with', 'via', 'through', 'told', 'adding', 'citing', 'referring', 'noting', 'last', 'this', 'on', 'earlier',
  'later', 'yesterday', 'today', 'tonight', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday', 'recently', 'then', 'also', 'outside', 'inside', 'into', 'over', 'under', 'by', 'than', 'but', 'so',
]);
const ORG_WORDS = new Set([
  'party', 'department', 'house', 'senate', 'congress', 'university', 'committee', 'administration', 'campaign',
  'inc', 'news', 'times', 'post', 'council', 'union', 'government', 'ministry', 'agency', 'bureau', 'court', 'kremlin',
  'nato', 'office', 'institute', 'foundation', 'center', 'centre', 'association', 'group', 'network', 'journal',
  'company', 'corporation', 'bank', 'fund', 'commission', 'organization', 'organisation', 'service', 'services',
  'republicans', 'democrats', 'army', 'navy', 'police', 'fbi', 'cia', 'cnn', 'fox', 'msnbc', 'reuters', 'ap', 'bbc',
  'state', 'states', 'united', 'white', 'pentagon', 'parliament', 'assembly', 'club', 'school', 'college', 'press',
]);
const NON_NAME_CAPITALS = new Set([
  'the', 'a', 'an', 'in', 'on', 'but', 'and', 'it', 'this', 'that', 'these', 'those', 'he', 'she', 'they', 'we', 'i',
  'his', 'her', 'their', 'its', 'our', 'my', 'if', 'when', 'while', 'as', 'at', 'for', 'after', 'before', 'so', 'yet',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'however', 'meanwhile',
  'still', 'there', 'here', 'what', 'why', 'how', 'who', 'one', 'some', 'many', 'most', 'all', 'no', 'not', 'now',
]);
/** Lower-case words that, right after a short quote, show the quote modifies a noun: the “open-door” policy. */
const NOT_A_NOUN = new Set([
  'and', 'or', 'but', 'as', 'to', 'in', 'of', 'for', 'from', 'that', 'which', 'with', 'is', 'was', 'are', 'were', 'be',
  'been', 'will', 'would', 'can', 'could', 'has', 'have', 'had', 'by', 'on', 'at', 'than', 'because', 'while', 'if',
  'when', 'so', 'yet', 'into', 'over', 'about', 'against', 'despite', 'after', 'before', 'nor', 'not', 'is', 'it', 'he',
  'she', 'they', 'we', 'i', 'you', 'this', 'these', 'those', 'there', 'said', 'says', 'according', 'does', 'did',
  'may', 'might', 'should', 'must', 'shall', 'rather', 'instead', 'though', 'although', 'even', 'until', 'unless',
]);
const DETERMINERS_BEFORE_TERM = new Set(['a', 'an', 'the', 'this', 'that', 'its', 'their', 'his', 'her', 'our', 'so-called', 'what', 'such', 'any', 'no']);

const lower = (t: Token | undefined) => (t ? t.text.toLowerCase() : '');
const isWord = (t: Token | undefined): t is Token => !!t && t.type === 'word';
const isQuoteMark = (t: Token | undefined) => !!t && t.type === 'punct' && QUOTE_MARKS.has(t.text);

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

interface ParagraphContext {
  paragraph: Paragraph;
  tokens: Token[];
}

interface Candidate {
  speaker: Span;
  cue: Span;
  via: Speaker['via'];
  /** The reporting verb is a labelling or speech verb close to the quote. */
  close: boolean;
}

export interface AttributionInput {
  text: string;
  paragraphs: Paragraph[];
  spans: QuoteSpan[];
}

export function attributeQuotes({ text, paragraphs, spans }: AttributionInput): Quote[] {
  const contexts: ParagraphContext[] = paragraphs.map((paragraph) => ({ paragraph, tokens: [] }));
  const tokensOf = (p: number): Token[] => {
    const ctx = contexts[p];
    if (!ctx.tokens.length && ctx.paragraph.end > ctx.paragraph.start) ctx.tokens = tokenize(text, ctx.paragraph.start, ctx.paragraph.end);
    return ctx.tokens;
  };
  const sentenceAt = (p: number, offset: number) =>
    paragraphs[p].sentences.find((s) => s.start <= offset && offset < s.end) ?? { start: paragraphs[p].start, end: paragraphs[p].end };

  const quotes: Quote[] = [];
  const people = new PeopleIndex(text);

  for (const q of spans) {
    const inner = text.slice(q.innerStart, q.innerEnd);
    const words = countWords(inner);
    if (words === 0) continue;
    const base = { start: q.start, end: q.end, text: inner, closed: q.closed, paragraphs: q.lastParagraph - q.firstParagraph + 1 };
    if (q.depth > 0) {
      quotes.push({ ...base, kind: words <= 4 ? 'scare' : 'partial', speaker: null, cue: null, anonymous: false, nested: true, note: 'quoted inside another quote' });
      continue;
    }
    const firstTokens = tokensOf(q.firstParagraph);
    const lastTokens = tokensOf(q.lastParagraph);
    const sentence = sentenceAt(q.firstParagraph, q.start);
    const prefix = firstTokens.filter((t) => t.start >= sentence.start && t.end <= q.start);
    const paragraphPrefix = firstTokens.filter((t) => t.end <= q.start);
    const after = lastTokens.filter((t) => t.start >= q.end);
    const innerTrimmed = inner.trimEnd();
    const endPunct = innerTrimmed.slice(-1);
    const atSentenceStart = prefix.length === 0 || isIntroduction(prefix);
    const short = words <= 4;

    const afterCandidate = fromAfter(text, after, endPunct);
    const beforeCandidate = fromBefore(text, prefix, short || !atSentenceStart ? 16 : 8);
    const accordingTo = findAccordingTo(text, firstTokens.filter((t) => t.start >= sentence.start && t.end <= sentence.end && (t.end <= q.start || t.start >= q.end)));

    let kind: QuoteKind;
    let candidate: Candidate | null = null;
    if (short && !atSentenceStart) {
      const nextWord = after[0];
      const modifier = !/[,.;:!?]$/.test(innerTrimmed) && isWord(nextWord) && /^\p{Ll}/u.test(nextWord.text) && !NOT_A_NOUN.has(lower(nextWord)) && !CUE_VERBS.has(lower(nextWord));
      const determiner = DETERMINERS_BEFORE_TERM.has(lower(prefix[prefix.length - 1]));
      if (!modifier && !determiner) candidate = afterCandidate ?? (beforeCandidate && beforeCandidate.close ? beforeCandidate : null) ?? accordingTo;
      kind = candidate ? 'partial' : 'scare';
    } else if (short && words <= 2 && !afterCandidate && !(beforeCandidate && isIntroduction(prefix))) {
      kind = 'scare'; // a quoted term opening a sentence: “Progress” is the word of the week.
    } else {
      candidate = afterCandidate ?? beforeCandidate ?? accordingTo;
      kind = atSentenceStart || afterCandidate ? 'direct' : 'partial';
      if (!candidate && q.lastParagraph !== q.firstParagraph) {
        // Multi-paragraph quote: the attribution often sits in the first paragraph after the first sentence.
        candidate = fromAfter(text, firstTokens.filter((t) => t.start > sentence.end), '');
      }
    }

    const quote: Quote = { ...base, kind, speaker: null, cue: null, anonymous: false };
    if (candidate) {
      quote.speaker = { ...trimSpeaker(text, candidate.speaker), via: candidate.via };
      quote.cue = candidate.cue;
    } else if (kind !== 'scare') {
      // Continuation: inherits the speaker of the previous quote in the same paragraph, or of the previous
      // paragraph's last quote when this quote opens its paragraph.
      const previous = quotes.length ? quotes[quotes.length - 1] : undefined;
      const opensParagraph = paragraphPrefix.length === 0;
      const prevParagraphIndex = q.firstParagraph - 1;
      if (previous?.speaker && !previous.nested) {
        const samePara = previous.end >= paragraphs[q.firstParagraph].start;
        const prevPara = prevParagraphIndex >= 0 && previous.end >= paragraphs[prevParagraphIndex].start && previous.end <= paragraphs[prevParagraphIndex].end;
        const from = Math.max(previous.end, previous.cue?.end ?? 0);
        const interruption = samePara && hasOtherSpeechBetween(tokensOf(q.firstParagraph), from, q.start);
        if ((samePara && !interruption) || (prevPara && opensParagraph)) {
          quote.speaker = { ...previous.speaker, via: 'continuation' };
          quote.cue = previous.cue;
          quote.anonymous = previous.anonymous;
          quote.note = 'continues the previous quote';
        }
      }
      if (!quote.speaker && opensParagraph && prevParagraphIndex >= 0) {
        // "X said:" at the end of the previous paragraph.
        const prevTokens = tokensOf(prevParagraphIndex);
        if (prevTokens.length && prevTokens[prevTokens.length - 1].text === ':') {
          const c = fromBefore(text, prevTokens.slice(0, -1).filter((t) => t.start >= sentenceAt(prevParagraphIndex, prevTokens[prevTokens.length - 1].start).start), 4);
          if (c) {
            quote.speaker = { ...trimSpeaker(text, c.speaker), via: 'before-quote' };
            quote.cue = c.cue;
          }
        }
      }
      if (!quote.speaker) quote.note = 'no speaker or reporting verb found next to the quote, and no earlier quote it continues';
    }

    if (quote.speaker && quote.speaker.via !== 'continuation') {
      resolvePronoun(text, quote, quotes, people, paragraphs[q.firstParagraph]);
      // The sentences from the quote's start to the end of the sentence its attribution closes.
      const lastPara = paragraphs[q.lastParagraph];
      const endSentence = sentenceAt(q.lastParagraph, Math.min(q.end, Math.max(lastPara.start, lastPara.end - 1)));
      const anonymity = anonymousReason(quote.speaker.text, text.slice(sentence.start, Math.max(endSentence.end, q.end)));
      if (anonymity) {
        quote.anonymous = true;
        quote.note = anonymity;
      }
    }
    quotes.push(quote);
  }
  return quotes;
}

/** A quote introduced by a colon or a reporting verb at the start of its sentence counts as a direct quote. */
function isIntroduction(prefix: Token[]): boolean {
  const last = prefix[prefix.length - 1];
  if (!last) return true;
  if (last.text === ':' || last.text === '—' || last.text === '–') return true;
  const beforeComma = last.text === ',' ? prefix[prefix.length - 2] : last;
  if (beforeComma && STRONG_CUE_VERBS.has(lower(beforeComma))) return true;
  if (last.text === 'that' && STRONG_CUE_VERBS.has(lower(prefix[prefix.length - 2]))) return false;
  return false;
}

/** Q,SV or Q,VS: the attribution right after the closing mark. */
function fromAfter(text: string, after: Token[], endPunct: string): Candidate | null {
  let i = 0;
  while (i < after.length && (after[i].text === ',' || after[i].text === '—' || after[i].text === '–')) i++;
  const window: Token[] = [];
  for (let k = i; k < after.length && window.length < 18; k++) {
    const t = after[k];
    if (t.type === 'punct' && (SENTENCE_END.has(t.text) || isQuoteMark(t) || t.text === ':')) break;
    window.push(t);
  }
  if (!window.length) return null;
  const sentenceEnded = endPunct === '.' || endPunct === '!' || endPunct === '?';
  // "according to X"
  if (lower(window[0]) === 'according' && lower(window[1]) === 'to') {
    const np = forwardNounPhrase(window, 2);
    if (np) return { speaker: span(text, np.start, np.end), cue: span(text, window[0].start, window[1].end), via: 'according-to', close: true };
  }
  // Q, V S: "said Sen. Jane Doe"
  if (isWord(window[0]) && STRONG_CUE_VERBS.has(lower(window[0])) && !lower(window[0]).endsWith('ing')) {
    const np = forwardNounPhrase(window, 1);
    if (np) return { speaker: span(text, np.start, np.end), cue: span(text, window[0].start, window[0].end), via: 'after-quote', close: true };
    return null;
  }
  // Q, S V: "a senior diplomat said", "Smith, a spokesman for the firm, said", "he later told reporters"
  for (let v = 1; v < window.length && v <= 14; v++) {
    const w = lower(window[v]);
    if (!isWord(window[v]) || !CUE_VERBS.has(w) || w.endsWith('ing')) continue;
    // "the harbour report concludes": a cue word followed by another verb is a noun in the subject.
    const following = lower(window[v + 1]);
    if (isWord(window[v + 1]) && CUE_VERBS.has(following) && !following.endsWith('ing')) continue;
    let subjectEnd = v;
    while (subjectEnd > 0 && AUXILIARIES.has(lower(window[subjectEnd - 1]))) subjectEnd--;
    if (subjectEnd === 0) return null;
    const subject = window.slice(0, subjectEnd);
    if (!plausibleSubject(subject)) return null;
    // After a full stop, only a bare "Smith said." counts: otherwise the verb starts a new reported sentence.
    if (sentenceEnded) {
      const next = window[v + 1];
      if (next && !(next.type === 'punct')) return null;
    }
    return { speaker: span(text, subject[0].start, subject[subject.length - 1].end), cue: span(text, window[v].start, window[v].end), via: 'after-quote', close: true };
  }
  return null;
}

/** Verb forms that are just as often plural nouns ("Western fears", "his claims"). */
const NOUN_LIKE_FORMS = new Set([
  'fears', 'hopes', 'claims', 'reports', 'calls', 'notes', 'posts', 'answers', 'charges', 'counters', 'worries',
  'texts', 'emails', 'messages', 'quotes', 'demands', 'promises', 'pledges', 'thinks', 'feels', 'finds', 'shows',
  'signals', 'hints', 'terms', 'labels', 'brands', 'frames', 'reads', 'estimates', 'forecasts', 'objects', 'protests',
  'states', 'remarks', 'comments', 'responses', 'replies', 'threats', 'tweets', 'cries', 'laughs', 'blasts', 'slams',
  'vows', 'praises', 'guarantees', 'warnings', 'accounts', 'answers', 'rebuttals', 'assurances', 'descriptions', 'conclusions', 'echoes', 'recalls', 'opens', 'closes', 'begins', 'puts',
]);

/** A pronoun or a two-word capitalised name: enough to trust an ambiguous verb form. */
function namesSomeone(subject: string): boolean {
  const words = subject.split(/\s+/);
  if (words.length === 1 && PRONOUNS[words[0].toLowerCase()]) return true;
  return hasPersonName(words);
}

const NOT_SUBJECT_START = new Set([
  'to', 'of', 'in', 'on', 'for', 'with', 'by', 'from', 'not', 'also', 'than', 'into', 'onto', 'over', 'under', 'about',
  'against', 'without', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'can', 'could',
  'should', 'may', 'might', 'must', 'do', 'does', 'did', 'and', 'or', 'but', 'nor', 'so', 'yet', 'then', 'there',
]);

function plausibleSubject(subject: Token[]): boolean {
  const words = subject.filter(isWord);
  if (!words.length || words.length > 14) return false;
  const first = lower(words[0]);
  if (PRONOUNS[first] || first === 'it') return words.length === 1;
  // A subject starts with a name, a determiner, a title or an adjective; not with a verb or preposition.
  if (isCapitalized(words[0].text)) return true;
  if (VAGUE_DETERMINERS.has(first) || ['the', 'his', 'her', 'their', 'its', 'our', 'one', 'both', 'each'].includes(first)) return true;
  if (ROLE_NOUNS.has(first)) return true;
  // A lower-case adjective or noun can open a subject ("informal conversations", "local residents").
  return !NOT_SUBJECT_START.has(first) && !first.endsWith('ly') && !CUE_VERBS.has(first);
}

/** A noun phrase read forwards from `from` (after "said" or "according to"). */
function forwardNounPhrase(tokens: Token[], from: number): { start: number; end: number } | null {
  let end = from;
  let sawWord = false;
  for (let k = from; k < tokens.length && k - from < 12; k++) {
    const t = tokens[k];
    if (t.type === 'punct') {
      if (t.text === '-' || t.text === '’' || t.text === "'") continue;
      break;
    }
    const w = lower(t);
    if (sawWord && NP_STOP_FORWARD.has(w)) break;
    if (sawWord && w === 'and' && !isCapitalized(tokens[k + 1]?.text ?? '')) break;
    if (!sawWord && NP_STOP_FORWARD.has(w)) return null; // "said in a statement"
    sawWord = true;
    end = k + 1;
  }
  if (!sawWord) return null;
  return { start: tokens[from].start, end: tokens[end - 1].end };
}

/** SV: Q, SV that Q, and the clause subject of a labelling verb: "X dismissed the fears as “ridiculous”". */
function fromBefore(text: string, prefix: Token[], maxGap: number): Candidate | null {
  let gapWords = 0;
  for (let v = prefix.length - 1; v >= 0; v--) {
    const t = prefix[v];
    if (t.type === 'punct') {
      if (SENTENCE_END.has(t.text)) return null;
      continue;
    }
    const w = lower(t);
    // "according to X, “...”"
    if (w === 'to' && lower(prefix[v - 1]) === 'according') {
      const np = forwardNounPhrase(prefix, v + 1);
      if (np) return { speaker: span(text, np.start, np.end), cue: span(text, prefix[v - 1].start, t.end), via: 'according-to', close: true };
    }
    if (CUE_VERBS.has(w) && !(w.endsWith('ing') && prefix[v - 1]?.text === ',')) {
      const subject = backwardNounPhrase(prefix, v);
      if (subject && (!NOUN_LIKE_FORMS.has(w) || namesSomeone(text.slice(subject.start, subject.end)))) {
        const close = gapWords <= 3 || LABELLING_VERBS.has(w) || STRONG_CUE_VERBS.has(w);
        return { speaker: span(text, subject.start, subject.end), cue: span(text, t.start, t.end), via: gapWords <= 3 ? 'before-quote' : 'clause-subject', close };
      }
    }
    gapWords++;
    if (gapWords > maxGap) return null;
  }
  return null;
}

/** The subject of the verb at index v, walking backwards to the start of its clause. */
function backwardNounPhrase(tokens: Token[], v: number): { start: number; end: number } | null {
  let k = v - 1;
  while (k >= 0 && AUXILIARIES.has(lower(tokens[k]))) k--;
  const last = k;
  let first = -1;
  let count = 0;
  for (; k >= 0 && count < 16; k--) {
    const t = tokens[k];
    if (t.type === 'punct') {
      if (t.text === '’' || t.text === "'" || t.text === '-' || t.text === '.') continue;
      if (t.text === ',' && isAppositiveComma(tokens, k, first)) continue;
      break;
    }
    const w = lower(t);
    if (CLAUSE_WORDS.has(w)) break;
    if (w === 'and' && !(isCapitalized(tokens[k - 1]?.text ?? '') && isCapitalized(tokens[k + 1]?.text ?? ''))) break;
    if (CUE_VERBS.has(w) && count > 0 && !isCapitalized(t.text)) break;
    first = k;
    count++;
  }
  if (first < 0 || last < first) return null;
  if (count >= 16) return null;
  const words = tokens.slice(first, last + 1);
  if (!plausibleSubject(words)) return null;
  // A subject never ends in a determiner or preposition: "these guarantees" is a noun, not "these" + verb.
  if (DETERMINERS_BEFORE_TERM.has(lower(tokens[last])) || ['these', 'those', 'of', 'to', 'for', 'with'].includes(lower(tokens[last]))) return null;
  return { start: tokens[first].start, end: tokens[last].end };
}

/** "Smith, a spokesman for the firm, said": the comma after "firm" closes an appositive opened by a name. */
function isAppositiveComma(tokens: Token[], k: number, first: number): boolean {
  if (first < 0) return false;
  // Find an earlier comma with a capitalised word just before it.
  for (let j = k - 1; j >= 0 && k - j < 12; j--) {
    if (tokens[j].text === ',') return isCapitalized(tokens[j - 1]?.text ?? '') && tokens[j - 1]?.type === 'word';
    if (tokens[j].type === 'punct' && SENTENCE_END.has(tokens[j].text)) return false;
  }
  return false;
}

function findAccordingTo(text: string, tokens: Token[]): Candidate | null {
  for (let k = 0; k + 1 < tokens.length; k++) {
    if (lower(tokens[k]) === 'according' && lower(tokens[k + 1]) === 'to') {
      const np = forwardNounPhrase(tokens, k + 2);
      if (np) return { speaker: span(text, np.start, np.end), cue: span(text, tokens[k].start, tokens[k + 1].end), via: 'according-to', close: true };
    }
  }
  return null;
}

function hasOtherSpeechBetween(tokens: Token[], from: number, to: number): boolean {
  return tokens.some((t) => t.start >= from && t.end <= to && isWord(t) && STRONG_CUE_VERBS.has(lower(t)) && !lower(t).endsWith('ing'));
}

/** "Smith, a spokesman for the firm" → "Smith"; strips leading conjunctions and trailing commas. */
function trimSpeaker(text: string, s: Span): Span {
  let { start, end } = s;
  let t = text.slice(start, end);
  const lead = /^(?:and|but|so|then|also|yet)\s+/i.exec(t);
  if (lead) {
    start += lead[0].length;
    t = t.slice(lead[0].length);
  }
  const comma = t.indexOf(',');
  if (comma > 0) {
    const head = t.slice(0, comma);
    if (/\p{Lu}/u.test(head) || PRONOUNS[head.toLowerCase()]) {
      end = start + comma;
      t = head;
    }
  }
  while (t && /[,\s]$/.test(t)) {
    t = t.slice(0, -1);
    end--;
  }
  return { start, end, text: text.slice(start, end) };
}

/** Returns a reason when the speaker is an unnamed source, else undefined. */
export function anonymousReason(speaker: string, context: string): string | undefined {
  const words = speaker.replace(/[’']s\b/g, '').split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  if (ANONYMITY_PHRASES.some((p) => p.test(context) && p.test(context))) {
    const phrase = ANONYMITY_PHRASES.find((p) => p.test(context))!.exec(context)![0];
    if (!hasPersonName(words)) return `unnamed source (“${phrase}”)`;
  }
  // Head of the phrase: the last word before a preposition ("a spokesman for the campaign" → spokesman).
  const prepositionAt = words.findIndex((w, i) => i > 0 && /^(?:for|of|at|with|in|from|close|familiar|who)$/i.test(w));
  const headIndex = (prepositionAt > 0 ? prepositionAt : words.length) - 1;
  const head = words[headIndex].toLowerCase().replace(/[^\p{L}-]/gu, '');
  if (!ROLE_NOUNS.has(head)) return undefined;
  // A name after the role noun ("spokesman John Smith") would have been the head; a name before it is an
  // organisation or nationality ("a NATO official", "Kremlin advisers").
  const before = words.slice(0, headIndex);
  if (hasPersonName(before)) return undefined;
  return `unnamed source: “${speaker}” names a role, not a person`;
}

function hasPersonName(words: string[]): boolean {
  // Two capitalised words in a row where neither is an organisation/nationality word or title: "Anna Shvets".
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i];
    const b = words[i + 1];
    if (isCapitalized(a) && isCapitalized(b) && !ORG_WORDS.has(b.toLowerCase()) && !ORG_WORDS.has(a.toLowerCase()) && !TITLES.has(a.toLowerCase()) && !/(?:an|ian|ean|ese|ish|i|ic)$/.test(a) && a.length > 1) {
      return true;
    }
  }
  return false;
}

/** Capitalised name runs in the text, for resolving pronouns to people. */
class PeopleIndex {
  private runs: Array<{ start: number; end: number; text: string; person: boolean }> | null = null;
  constructor(private readonly text: string) {}

  private build() {
    const runs: Array<{ start: number; end: number; text: string; person: boolean }> = [];
    const re = /\b(?:(?:\p{Lu}[\p{L}’'-]*\.?|\p{Lu}\.)(?:\s+(?:de|van|von|der|bin|al|la|le|da|di)(?=\s+\p{Lu}))?\s+)*\p{Lu}[\p{L}’'-]*/gu;
    let m: RegExpExecArray | null;
    const surnames = new Set<string>();
    while ((m = re.exec(this.text))) {
      let words = m[0].split(/\s+/);
      let start = m.index;
      // Drop leading capitalised function words ("The", "But") and titles kept as part of the name.
      while (words.length && NON_NAME_CAPITALS.has(words[0].toLowerCase())) {
        start += words[0].length;
        start += this.text.slice(start).length - this.text.slice(start).trimStart().length;
        words = words.slice(1);
      }
      if (!words.length) continue;
      const clean = words.map((w) => w.replace(/[’']s$/, ''));
      const lastWord = clean[clean.length - 1];
      const nameWords = clean.filter((w) => !TITLES.has(w.toLowerCase()));
      const org = clean.some((w) => ORG_WORDS.has(w.toLowerCase()));
      const person = !org && (nameWords.length >= 2 || (nameWords.length === 1 && (surnames.has(nameWords[0]) || clean.length > nameWords.length)));
      if (person && nameWords.length >= 2) surnames.add(lastWord);
      const textOfRun = words.join(' ').replace(/[’']s$/, '');
      runs.push({ start, end: start + textOfRun.length, text: textOfRun, person });
    }
    this.runs = runs;
  }

  /** People named before `offset`, nearest first, not further back than `from`. */
  before(offset: number, from: number) {
    if (!this.runs) this.build();
    const out = [];
    for (let i = this.runs!.length - 1; i >= 0; i--) {
      const r = this.runs![i];
      if (r.end > offset) continue;
      if (r.start < from) break;
      if (r.person) out.push(r);
    }
    return out;
  }
}

function resolvePronoun(text: string, quote: Quote, earlier: Quote[], people: PeopleIndex, paragraph: Paragraph): void {
  const speaker = quote.speaker!;
  const pronoun = speaker.text.toLowerCase();
  const gender = PRONOUNS[pronoun];
  if (!gender || gender === 'first') return;
  const mention: Span = { start: speaker.start, end: speaker.end, text: speaker.text };
  // 1. The most recent named speaker within the last few paragraphs.
  const horizon = Math.max(0, paragraph.start - 1500);
  for (let i = earlier.length - 1; i >= 0; i--) {
    const e = earlier[i];
    if (e.end < horizon) break;
    if (!e.speaker || PRONOUNS[e.speaker.text.toLowerCase()]) continue;
    const plural = e.anonymous && /s$/.test(e.speaker.text);
    if ((gender === 'plural') === plural || (gender !== 'plural' && !e.anonymous)) {
      const nameNearer = people.before(quote.start, e.end)[0];
      if (!nameNearer || gender === 'plural') {
        quote.speaker = { start: e.speaker.start, end: e.speaker.end, text: e.speaker.text, via: 'pronoun', mention };
        if (e.anonymous) quote.anonymous = true;
        return;
      }
      break;
    }
  }
  if (gender === 'plural') return;
  // 2. The nearest person named before the quote.
  const named = people.before(Math.min(quote.start, speaker.start), horizon)[0];
  if (named) quote.speaker = { start: named.start, end: named.end, text: named.text, via: 'pronoun', mention };
}
