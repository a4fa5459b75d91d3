// Who said it. Rule-based, in the spirit of the SFU Gender Gap Tracker's quote structures: a quote (Q) and a
// speaker (S) joined by a reporting verb (V) in the orders news uses — Q,SV  Q,VS  SV:Q  SV that Q  "according
// to S" — plus continuation quotes that inherit the previous speaker and pronouns resolved to a named person.

import type { Paragraph, Quote, QuoteKind, Span, Speaker } from './types';
import type { QuoteSpan } from './quotes';
import { tokenize, countWords, isCapitalized, RunCache, type Token } from './text';
import { paragraphText } from './structure';
import { quoteCandidates, rank, type AttributionModel, type QuoteSpeakerContext, type RankedCandidate } from './speakers/quoteSpeaker';
import { neighbour, type CueLexicon } from './speakers/features';
import type { Mention } from './speakers/mentions';
import { decideSource, paragraphSentences, sentenceCandidates, type ReportedSpeech, type SentenceCandidates } from './speakers/reported';
import {
  ABBREVIATIONS, ANONYMITY_PHRASES, CLAUSE_VERBS, CUE_VERBS, LABELLING_VERBS, PRONOUNS, ROLE_NOUNS, STRONG_CUE_VERBS, TITLES, VAGUE_DETERMINERS,
} from './lexicon';

const QUOTE_MARKS = new Set(['“', '”', '"', '‘', '’', "'", '«', '»', '„']);
const SENTENCE_END = new Set(['.', '!', '?', ';']);
/** Words between a subject and its reporting verb: "has said", "later told", "would repeatedly argue". */
const AUXILIARIES = new Set([
  'has', 'have', 'had', 'is', 'was', 'were', 'are', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'did',
  'does', 'do', 'also', 'later', 'then', 'again', 'once', 'previously', 'recently', 'often', 'never', 'not', 'still',
  'already', 'first', 'simply', 'just', 'even', 'since', 'long', 'reportedly', 'allegedly', 'publicly', 'privately',
  'been', 'be',
  "didn't", 'didn’t', "doesn't", 'doesn’t', "don't", 'don’t', "won't", 'won’t', "wouldn't", 'wouldn’t', "hasn't",
  'hasn’t', "haven't", 'haven’t', "hadn't", 'hadn’t', "wasn't", 'wasn’t', "isn't", 'isn’t', "can't", 'can’t',
  "couldn't", 'couldn’t', "shouldn't", 'shouldn’t',
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
  'who', 'whom', 'whose', 'where', 'the', 'a', 'an', 'her', 'him', 'them', 'his', 'its', 'their', 'my', 'our', 'your',
  'me', 'us', 'often', 'remains', 'left',
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
  /** Per paragraph text, its tokens relative to the paragraph's start (kept across runs on one document). */
  tokenCache?: RunCache<Token[]>;
  /** Per sentence (text and which words are quoted), the reported-speech decision relative to the sentence's start. */
  sentenceCache?: RunCache<SentencePick | null>;
  /** The learned speaker model; without it the rules alone decide (used only to measure the rules). */
  model?: AttributionModel;
  /** Training hook: every depth-0 quote's candidates, before ranking. */
  collect?: (quote: QuoteSpan, candidates: RankedCandidate[]) => void;
  /** The cue lexicon to compute features with when there is no model yet (training). */
  cues?: CueLexicon;
  /** Training hook: every sentence with a likely reporting cue, with its source candidates. */
  collectSentence?: (found: SentenceCandidates) => void;
}

export function attributeQuotes(input: AttributionInput): Quote[] {
  return attributeArticle(input).quotes;
}

export interface ArticleAttribution {
  quotes: Quote[];
  /** Sources of reported speech, one per sentence that has one (sorted by offset). */
  reported: ReportedSpeech[];
}

/** The speakers of an article's quotes and the sources of its reported speech. */
export function attributeArticle({ text, paragraphs, spans, tokenCache, sentenceCache, model, collect, cues, collectSentence }: AttributionInput): ArticleAttribution {
  const contexts: ParagraphContext[] = paragraphs.map((paragraph) => ({ paragraph, tokens: [] }));
  const tokensOf = (p: number): Token[] => {
    const ctx = contexts[p];
    if (!ctx.tokens.length && ctx.paragraph.end > ctx.paragraph.start) {
      const { start, end } = ctx.paragraph;
      if (!tokenCache) ctx.tokens = attributionTokens(text, start, end);
      else {
        const slice = paragraphText(text, ctx.paragraph);
        const relative = tokenCache.get(slice, () => attributionTokens(slice, 0, slice.length));
        ctx.tokens = relative.map((t) => ({ start: t.start + start, end: t.end + start, text: t.text, type: t.type }));
      }
    }
    return ctx.tokens;
  };
  const sentenceIndexAt = (p: number, offset: number): number => {
    const sentences = paragraphs[p].sentences;
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sentences[mid].end <= offset) lo = mid + 1;
      else if (sentences[mid].start > offset) hi = mid - 1;
      else return mid;
    }
    return -1;
  };
  const sentenceAt = (p: number, offset: number) => {
    const i = sentenceIndexAt(p, offset);
    return i >= 0 ? paragraphs[p].sentences[i] : { start: paragraphs[p].start, end: paragraphs[p].end };
  };

  // Sentences numbered across paragraphs, for the model's distances.
  const sentenceBase: number[] = [];
  let sentenceCount = 0;
  for (const p of paragraphs) {
    sentenceBase.push(sentenceCount);
    sentenceCount += Math.max(1, p.sentences.length);
  }
  const globalSentence = (p: number, offset: number) => sentenceBase[p] + Math.max(0, sentenceIndexAt(p, offset));

  const quotes: Quote[] = [];
  const people = new PeopleIndex(text);
  // Article-wide facts for the model: how often each word is named, and named right before a reporting cue.
  let salience: Map<string, { count: number; cued: number }> | null = null;
  const modelCues = model?.cues ?? cues ?? {};
  const salienceOf = (word: string) => {
    if (!salience) {
      salience = new Map();
      for (let p = 0; p < paragraphs.length; p++) {
        const ts = tokensOf(p);
        for (let k = 0; k < ts.length; k++) {
          const t = ts[k];
          if (t.type !== 'word' || !isCapitalized(t.text)) continue;
          const w = t.text.toLowerCase();
          let e = salience.get(w);
          if (!e) salience.set(w, (e = { count: 0, cued: 0 }));
          e.count++;
          let n = k + 1;
          while (n < ts.length && (ts[n].text === ',' || ts[n].text === 'has' || ts[n].text === 'also')) n++;
          if (n < ts.length && (modelCues[ts[n].text.toLowerCase()] ?? 0) >= 0.3) e.cued++;
        }
      }
    }
    return salience.get(word) ?? { count: 0, cued: 0 };
  };
  const spokeBefore = new Set<string>();

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
    // Token windows around the quote, bounded so that a huge paragraph costs no more than a small one.
    const quoteAt = firstIndexAtOrAfter(firstTokens, q.start);
    const sentenceFrom = Math.max(firstIndexAtOrAfter(firstTokens, sentence.start), quoteAt - WINDOW);
    const prefix = firstTokens.slice(sentenceFrom, quoteAt);
    const opensParagraph = quoteAt === 0;
    const afterAt = firstIndexAtOrAfter(lastTokens, q.end);
    const after = lastTokens.slice(afterAt, afterAt + WINDOW);
    const sentenceTo = Math.min(firstIndexAtOrAfter(firstTokens, sentence.end), afterAt + WINDOW);
    const innerTrimmed = inner.trimEnd();
    const endPunct = innerTrimmed.slice(-1);
    const atSentenceStart = prefix.length === 0 || isIntroduction(prefix);
    const short = words <= 4;

    const transcript = transcriptSpeaker(text, q.innerStart, q.innerEnd);
    const afterCandidate = transcript ?? fromAfter(text, after, endPunct);
    const beforeCandidate = fromBefore(text, prefix, short || !atSentenceStart ? 16 : 8);
    const accordingTo = findAccordingTo(text, prefix) ?? (q.lastParagraph === q.firstParagraph ? findAccordingTo(text, firstTokens.slice(afterAt, sentenceTo)) : null);
    const clause = !atSentenceStart && !transcript ? clauseSubject(text, prefix) : null;

    // "X attacked Clinton, saying, “...”", "X said she has one quality: “...”", "X outlined a plan and vowed “...”":
    // the speaker is the subject that opens the sentence.
    const introduced = afterCandidate ? null : introducedByParticiple(prefix);
    const leadFound = introduced ? leadSubject(text, prefix) : null;
    const lead = introduced === 'participle' ? leadFound : null;
    const leadFallback = introduced === 'colon' ? leadFound : null;
    // The main clause's speaker wins over a nearer verb when it is a plain speech verb: "Trump said that Clinton
    // once described the deal as “the gold standard”" is Trump's claim.
    const mainClause = !!clause && STRONG_CUE_VERBS.has(clause.cue.text.toLowerCase());
    let kind: QuoteKind;
    let candidate: Candidate | null = null;
    const closeBefore = beforeCandidate && beforeCandidate.close ? beforeCandidate : null;
    if (short && !atSentenceStart) {
      const nextWord = after[0];
      const before = lower(prefix[prefix.length - 1]);
      // After "to", "as" or a copula the quote is a verb phrase or a predicate, not a noun modifier: to “check out” her.
      const predicate = ['to', 'as', 'was', 'is', 'were', 'are', 'be', 'been', 'being'].includes(before);
      const modifier = !predicate && !/[,.;:!?]$/.test(innerTrimmed) && isWord(nextWord) && /^\p{Ll}/u.test(nextWord.text) && !NOT_A_NOUN.has(lower(nextWord)) && !CUE_VERBS.has(lower(nextWord)) && !/ly$/.test(lower(nextWord));
      // "that" after a reporting verb opens its clause ("tells MSNBC that “exactly who did it” remains open").
      const determiner = DETERMINERS_BEFORE_TERM.has(before) && !(before === 'that' && (clause || closeBefore));
      if (!modifier && !determiner) candidate = afterCandidate ?? lead ?? (mainClause ? clause : closeBefore ?? clause) ?? closeBefore ?? accordingTo ?? leadFallback;
      else if (determiner && afterCandidate && /,$/.test(innerTrimmed)) candidate = afterCandidate; // Bemoaning the “phony system,” Trump said
      else if (determiner && !modifier) {
        // "Cruz called Trump a “pathological liar”": a term a named speaker is said to have used is their words;
        // with a vague subject ("Some residents called the plan a “vanity project”") it stays a scare quote.
        const labeller = [clause, closeBefore].find((c) => c && (LABELLING_VERBS.has(c.cue.text.toLowerCase()) || CLAUSE_VERBS.has(c.cue.text.toLowerCase())) && namedSpeaker(c.speaker.text));
        if (labeller) candidate = labeller;
      }
      kind = candidate ? 'partial' : 'scare';
    } else if (short && words <= 2 && !afterCandidate && !(beforeCandidate && isIntroduction(prefix))) {
      kind = 'scare'; // a quoted term opening a sentence: “Progress” is the word of the week.
    } else {
      candidate = afterCandidate ?? lead ?? (atSentenceStart || !mainClause ? beforeCandidate ?? clause : clause ?? beforeCandidate) ?? accordingTo ?? leadFallback;
      kind = atSentenceStart || afterCandidate ? 'direct' : 'partial';
      if (!candidate && q.lastParagraph !== q.firstParagraph) {
        // Multi-paragraph quote: the attribution often sits in the first paragraph after the first sentence.
        const from = firstIndexAtOrAfter(firstTokens, sentence.end);
        candidate = fromAfter(text, firstTokens.slice(from, from + WINDOW), '');
      }
    }

    const quote: Quote = { ...base, kind, speaker: null, cue: null, anonymous: false };
    if (candidate) {
      quote.speaker = { ...trimSpeaker(text, candidate.speaker), via: candidate.via };
      quote.cue = candidate.cue;
    } else if (kind !== 'scare') {
      // Continuation: inherits the speaker of the previous quote in the same paragraph, or of the previous
      // paragraph's last quote when this quote opens its paragraph.
      let previous: Quote | undefined;
      for (let i = quotes.length - 1; i >= 0 && !previous; i--) if (!quotes[i].nested) previous = quotes[i];
      const prevParagraphIndex = q.firstParagraph - 1;
      if (previous?.speaker && !previous.nested) {
        const samePara = previous.end >= paragraphs[q.firstParagraph].start;
        const prevPara = prevParagraphIndex >= 0 && previous.end >= paragraphs[prevParagraphIndex].start && previous.end <= paragraphs[prevParagraphIndex].end;
        const from = Math.max(previous.end, previous.cue?.end ?? 0, (previous.speaker.mention ?? previous.speaker).end);
        const interruption = samePara && hasOtherSpeechBetween(text, tokensOf(q.firstParagraph), from, q.start, previous.speaker.text);
        const prevParaTail = prevPara && opensParagraph && hasOtherSpeechBetween(text, tokensOf(prevParagraphIndex), from, paragraphs[prevParagraphIndex].end, previous.speaker.text);
        if ((samePara && !interruption) || (prevPara && opensParagraph && !prevParaTail)) {
          quote.speaker = { ...previous.speaker, via: 'continuation' };
          quote.cue = previous.cue;
          quote.anonymous = previous.anonymous;
          quote.note = 'continues the previous quote';
        }
      }
      if (!quote.speaker) {
        // The sentence before the quote, in the same paragraph, names the speaker: "Smith said. “...”".
        const si = sentenceIndexAt(q.firstParagraph, q.start);
        let c: Candidate | null = null;
        if (si > 0) c = sentenceSpeaker(text, tokensOf(q.firstParagraph), paragraphs[q.firstParagraph].sentences[si - 1]);
        if (c) {
          quote.speaker = { ...trimSpeaker(text, c.speaker), via: c.via };
          quote.cue = c.cue;
        }
      }
      if (!quote.speaker && opensParagraph && prevParagraphIndex >= 0) {
        // "X said:" at the end of the previous paragraph.
        const prevTokens = tokensOf(prevParagraphIndex);
        if (prevTokens.length && prevTokens[prevTokens.length - 1].text === ':') {
          const colon = prevTokens[prevTokens.length - 1];
          const from = Math.max(firstIndexAtOrAfter(prevTokens, sentenceAt(prevParagraphIndex, colon.start).start), prevTokens.length - 1 - WINDOW);
          const sentenceTokens = prevTokens.slice(from, -1);
          const c = fromBefore(text, sentenceTokens, 4) ?? leadSubject(text, sentenceTokens);
          if (c) {
            quote.speaker = { ...trimSpeaker(text, c.speaker), via: 'before-quote' };
            quote.cue = c.cue;
          }
        }
      }
      if (!quote.speaker) quote.note = 'no speaker or reporting verb found next to the quote, and no earlier quote it continues';
    }

    if (model || collect) {
      const previous = previousSpoken(quotes, paragraphs, q);
      const ctx = modelContext(text, paragraphs, q, tokensOf, sentenceIndexAt, globalSentence, spans, quote, previous, { words, endPunct, opensParagraph, atSentenceStart, before: neighbour(prefix[prefix.length - 1]), after: neighbour(after[0]) }, salienceOf, spokeBefore, modelCues);
      const candidates = quoteCandidates(ctx, model?.cues ?? cues ?? {});
      if (collect) collect(q, candidates);
      const layout = !!transcript || !!(afterCandidate && quote.speaker && afterCandidate === candidate && /^[―—–-]$/.test(afterCandidate.cue.text));
      if (model) applyModel(text, model, quote, rank(model.quote, candidates), ctx.tokens, previous?.quote ?? null, layout);
      const said = quote.speaker?.text.toLowerCase().match(/[\p{L}\p{N}’'-]+/gu);
      if (said?.length) spokeBefore.add(said[said.length - 1]);
    }

    if (quote.speaker && quote.speaker.via !== 'continuation') {
      resolvePronoun(text, quote, quotes, people, paragraphs[q.firstParagraph], prefix);
      // The sentences from the quote's start to the end of the sentence its attribution closes.
      const lastPara = paragraphs[q.lastParagraph];
      const endSentence = sentenceAt(q.lastParagraph, Math.min(q.end, Math.max(lastPara.start, lastPara.end - 1)));
      const contextStart = Math.max(sentence.start, q.start - CONTEXT_CHARS);
      const contextEnd = Math.min(Math.max(endSentence.end, q.end), q.end + CONTEXT_CHARS);
      const anonymity = anonymousReason(quote.speaker.text, text.slice(contextStart, contextEnd));
      if (anonymity) {
        quote.anonymous = true;
        quote.note = anonymity;
      }
    }
    quotes.push(quote);
  }

  const reported: ReportedSpeech[] = [];
  if (model || collectSentence) {
    const lexicon = model?.cues ?? cues ?? {};
    const inQuote = (offset: number) => insideAnyQuote(spans, offset);
    for (const { sentence, tokens, masked } of paragraphSentences(paragraphs, tokensOf, inQuote)) {
      const decide = (): SentencePick | null => {
        // The subject of each likely cue in the sentence, as a candidate phrase.
        const subjects: Mention[] = [];
        for (let k = 1; k < tokens.length; k++) {
          if (masked(k) || tokens[k].type !== 'word' || (lexicon[tokens[k].text.toLowerCase()] ?? 0) < 0.1) continue;
          const subject = subjectBefore(tokens, k, 0);
          if (subject && !masked(subject.first) && subject.last > subject.first) subjects.push({ start: subject.start, end: subject.end, first: subject.first, last: subject.last, shape: 'phrase' });
        }
        const found = sentenceCandidates(tokens, masked, lexicon, sentence, subjects);
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
        let key = text.slice(sentence.start, sentence.end) + '\u0000';
        for (let k = 0; k < tokens.length; k++) key += masked(k) ? '1' : '0';
        pick = sentenceCache.get(key, decide);
      } else pick = decide();
      if (!pick) continue;
      const at = sentence.start;
      const source = withoutPossessive(text, trimSpeaker(text, span(text, at + pick.start, at + pick.end)));
      const entry: ReportedSpeech = { start: sentence.start, end: sentence.end, source, cue: pick.cueStart >= 0 ? span(text, at + pick.cueStart, at + pick.cueEnd) : null, anonymous: false, confidence: round2(pick.probability) };
      const pronoun = PRONOUNS[source.text.toLowerCase()];
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
  return { quotes, reported };
}

/** How many tokens on each side of a quote the attribution looks at. */
const WINDOW = 50;
/** How many characters on each side of a quote the anonymity phrases are looked for in. */
const CONTEXT_CHARS = 1200;

/** Index of the first token that starts at or after `offset` (binary search). */
function firstIndexAtOrAfter(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Honorifics and titles written with a dot that never ends a sentence before a name: "Mr. Obama", "Sen. Cruz". */
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'sens', 'rep', 'reps', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'adm', 'maj',
  'cmdr', 'rev', 'st', 'jr', 'sr', 'hon', 'pres', 'messrs', 'atty', 'supt', 'det', 'amb', 'cpl', 'pvt', 'fr', 'del',
]);

/**
 * Words and punctuation, with the dot of an abbreviation joined to its word when it cannot end a sentence:
 * "Mr. Obama", "Lawrence B. Cummings", "(D-Md.)", "R-Ky., said".
 */
function attributionTokens(text: string, start: number, end: number): Token[] {
  const raw = tokenize(text, start, end);
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    const prev = out[out.length - 1];
    if (t.text === '.' && prev && prev.type === 'word' && prev.end === t.start && !prev.text.endsWith('.')) {
      const w = prev.text.toLowerCase();
      const next = raw[i + 1];
      const nextIsName = !!next && next.type === 'word' && isCapitalized(next.text);
      const join =
        (HONORIFICS.has(w) && (nextIsName || next?.text === ',')) ||
        (/^\p{Lu}$/u.test(prev.text) && nextIsName) ||
        (!!next && (next.text === ',' || next.text === ')')) ||
        (ABBREVIATIONS.has(w + '.') && !!next && next.type === 'word' && /^\p{Ll}/u.test(next.text));
      if (join) {
        out[out.length - 1] = { start: prev.start, end: t.end, text: prev.text + '.', type: 'word' };
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** An interview transcript: a quote that opens with an all-capitals name and a colon, "WALLACE: Let’s start". */
function transcriptSpeaker(text: string, innerStart: number, innerEnd: number): Candidate | null {
  let i = innerStart;
  while (i < innerEnd && (text[i] === ' ' || text[i] === '\t')) i++;
  const head = text.slice(i, Math.min(innerEnd, i + 48));
  const m = /^(\p{Lu}[\p{Lu}.’'-]*(?: \p{Lu}[\p{Lu}.’'-]*){0,3}):\s/u.exec(head);
  if (!m || m[1].replace(/[^\p{Lu}]/gu, '').length < 2) return null;
  const s = span(text, i, i + m[1].length);
  return { speaker: s, cue: span(text, i + m[1].length, i + m[1].length + 1), via: 'before-quote', close: true };
}

/** A quote followed by a dash and a name to the end of its paragraph: “...” ― Jane Doe */
function dashSignature(text: string, after: Token[]): Candidate | null {
  let i = 0;
  let dash = false;
  while (i < after.length && after[i].type === 'punct' && /^[―—–-]$/.test(after[i].text)) {
    dash = true;
    i++;
  }
  if (!dash) return null;
  let end = i;
  let names = 0;
  for (let k = i; k < after.length && k - i < 8; k++) {
    const t = after[k];
    if (t.type === 'punct') {
      if (t.text === '.' || t.text === ',') break;
      return null;
    }
    if (!isCapitalized(t.text) && !['de', 'van', 'von', 'der', 'del', 'la', 'da', 'di', 'bin', 'al'].includes(lower(t))) return null;
    names++;
    end = k + 1;
  }
  if (!names) return null;
  for (let k = end; k < after.length; k++) {
    // Only a full stop or a comma and a description may follow the name: “...” ― Jane Doe, a teacher.
    if (after[k].text === ',') break;
    if (after[k].text !== '.') return null;
  }
  return { speaker: span(text, after[i].start, after[end - 1].end), cue: span(text, after[i - 1].start, after[i - 1].end), via: 'after-quote', close: true };
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
  const signature = dashSignature(text, after);
  if (signature) return signature;
  let i = 0;
  while (i < after.length && (after[i].text === ',' || after[i].text === '—' || after[i].text === '–' || after[i].text === '-')) i++;
  const window: Token[] = [];
  for (let k = i; k < after.length && window.length < 24; k++) {
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
  for (let v = 1; v < window.length && v <= 20; v++) {
    const w = lower(window[v]);
    if (!isWord(window[v]) || CLAUSE_WORDS.has(w)) {
      if (CLAUSE_WORDS.has(w) && !isRelativeInAppositive(window, v)) return null;
      continue;
    }
    if (!CUE_VERBS.has(w) || w.endsWith('ing')) continue;
    // "the harbour report concludes": a cue word followed by another verb is a noun in the subject.
    const following = lower(window[v + 1]);
    if (isWord(window[v + 1]) && CUE_VERBS.has(following) && !following.endsWith('ing')) continue;
    if (DETERMINERS_BEFORE_TERM.has(lower(window[v - 1])) || lower(window[v - 1]) === 'to') continue; // "a charge", "to call"
    const subject = subjectBefore(window, v, 0);
    if (!subject) return null;
    // The subject follows the quote directly, or after a short aside: “...” for criminal behavior, she said.
    if (subject.first !== 0 && !(subject.first <= 8 && window[subject.first - 1].text === ',' && !window.slice(0, subject.first).some((t) => CUE_VERBS.has(lower(t)) || CLAUSE_WORDS.has(lower(t))))) return null;
    const clauseEnds = !window[v + 1] || window[v + 1].type === 'punct';
    if (NOUN_LIKE_FORMS.has(w) && !clauseEnds && !verbAfterName(window, subject, v)) continue;
    if (!clauseEnds && nounCompound(window, v)) continue;
    // After a full stop, only a bare "Smith said." counts: otherwise the verb starts a new reported sentence.
    if (sentenceEnded) {
      const next = window[v + 1];
      if (next && !(next.type === 'punct')) return null;
    }
    return { speaker: span(text, subject.start, subject.end), cue: span(text, window[v].start, window[v].end), via: 'after-quote', close: true };
  }
  return null;
}

/** "Rucker Smith, who runs the office, said": a relative pronoun just after an appositive comma. */
function isRelativeInAppositive(tokens: Token[], k: number): boolean {
  return tokens[k - 1]?.text === ',' && ['who', 'whose', 'which'].includes(lower(tokens[k]));
}

/** "the Apple Music show", "a Fox News report": a bare verb form right after a singular name is a noun. */
function nounCompound(tokens: Token[], v: number): boolean {
  const w = lower(tokens[v]);
  const previous = tokens[v - 1];
  const p = lower(previous);
  if (!isWord(previous) || /s$/.test(previous.text) || PRONOUNS[p] || p === 'i' || p === 'you' || AUXILIARIES.has(p) || p === 'to') return false;
  if (!isCapitalized(previous.text) && (ROLE_NOUNS.has(p) || /(?:ly|ed)$/.test(p))) return false;
  if (lower(tokens[v - 2]) === 'and') return false; // "Obama and Clinton call them
  return NOUN_BASES.has(w);
}

/** Reporting verbs whose bare form is more often a noun: "the Apple Music show", "a Fox News report". */
const NOUN_BASES = new Set([
  'show', 'report', 'post', 'call', 'note', 'claim', 'answer', 'comment', 'tweet', 'text', 'email', 'message', 'quote',
  'charge', 'demand', 'promise', 'pledge', 'vow', 'hint', 'signal', 'estimate', 'forecast', 'reply', 'response', 'statement',
  'read', 'release', 'brief', 'label', 'brand', 'term', 'frame', 'echo', 'counter', 'blast', 'slam', 'praise', 'hail',
]);

/** A plural-noun-like verb form ("tweets", "claims") is a verb only right after a name, pronoun or role noun. */
function verbAfterName(tokens: Token[], subject: { first: number; last: number }, v: number): boolean {
  const last = tokens[subject.last];
  const w = lower(last);
  if (subject.last !== v - 1 && !AUXILIARIES.has(lower(tokens[v - 1]))) return true;
  return isCapitalized(last.text) || !!PRONOUNS[w] || ROLE_NOUNS.has(w) || last.text === ')';
}

/** Verb forms that are just as often plural nouns ("Western fears", "his claims"). */
const NOUN_LIKE_FORMS = new Set([
  'fears', 'hopes', 'claims', 'reports', 'calls', 'notes', 'posts', 'answers', 'charges', 'counters', 'worries',
  'texts', 'emails', 'messages', 'quotes', 'demands', 'promises', 'pledges', 'thinks', 'feels', 'finds', 'shows',
  'signals', 'hints', 'terms', 'labels', 'brands', 'frames', 'reads', 'estimates', 'forecasts', 'objects', 'protests',
  'states', 'remarks', 'comments', 'responses', 'replies', 'threats', 'tweets', 'cries', 'laughs', 'blasts', 'slams',
  'vows', 'praises', 'guarantees', 'warnings', 'accounts', 'answers', 'rebuttals', 'assurances', 'descriptions', 'conclusions', 'echoes', 'recalls', 'opens', 'closes', 'begins', 'puts',
]);

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
  // A lower-case adjective or noun can open a subject ("informal conversations", "local residents"); a participle
  // with its preposition cannot ("compared to", "replacing it with").
  if (first.endsWith('ing')) return false;
  if (first.endsWith('ed') && words.length > 1 && (NOT_SUBJECT_START.has(lower(words[1])) || PREPOSITIONS.has(lower(words[1])))) return false;
  return !NOT_SUBJECT_START.has(first) && !PREPOSITIONS.has(first) && !CLAUSE_WORDS.has(first) && !first.endsWith('ly') && !CUE_VERBS.has(first);
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
    if (CUE_VERBS.has(w) && !(w.endsWith('ing') && prefix[v - 1]?.text === ',') && !isCapitalized(t.text) && !DETERMINERS_BEFORE_TERM.has(lower(prefix[v - 1])) && lower(prefix[v - 1]) !== 'to') {
      const subject = subjectBefore(prefix, v, 0);
      if (subject && (!NOUN_LIKE_FORMS.has(w) || verbAfterName(prefix, subject, v)) && !nounCompound(prefix, v)) {
        const close = gapWords <= 3 || LABELLING_VERBS.has(w) || STRONG_CUE_VERBS.has(w);
        return { speaker: span(text, subject.start, subject.end), cue: span(text, t.start, t.end), via: gapWords <= 3 ? 'before-quote' : 'clause-subject', close };
      }
    }
    // "footage of Trump saying, “...”": a participle right after a name.
    if (PARTICIPLE_CUES.has(w) && v > 0 && isWord(prefix[v - 1]) && isCapitalized(prefix[v - 1].text) && gapWords <= 8 && !NON_NAME_CAPITALS.has(lower(prefix[v - 1]))) {
      let f = v - 1;
      while (f > 0 && isWord(prefix[f - 1]) && (isCapitalized(prefix[f - 1].text) || TITLES.has(lower(prefix[f - 1]))) && !NON_NAME_CAPITALS.has(lower(prefix[f - 1]))) f--;
      return { speaker: span(text, prefix[f].start, prefix[v - 1].end), cue: span(text, t.start, t.end), via: 'before-quote', close: true };
    }
    // Inverted: "Said Ellis: “...”", "Added the senator, “...”"
    if (v === 0 && STRONG_CUE_VERBS.has(w) && isCapitalized(t.text) && !w.endsWith('ing')) {
      const np = forwardNounPhrase(prefix, 1);
      if (np && np.end <= prefix[prefix.length - 1].start) return { speaker: span(text, np.start, np.end), cue: span(text, t.start, t.end), via: 'before-quote', close: true };
    }
    gapWords++;
    if (gapWords > maxGap) return null;
  }
  return null;
}

/**
 * The subject of the main clause of a sentence that runs into a quote: the first reporting or labelling verb
 * whose subject is a plausible noun phrase. "Trump tweeted that Machado was “disgusting”", "Cruz called Trump a
 * “pathological liar”", "In July, Gingrich dismissed Estonia as being in the “suburbs”".
 */
function clauseSubject(text: string, prefix: Token[]): Candidate | null {
  let quoteDepth = 0;
  for (let v = 0; v < prefix.length; v++) {
    const t = prefix[v];
    if (isQuoteMark(t)) {
      if (t.text === '"') quoteDepth = quoteDepth > 0 ? quoteDepth - 1 : 1;
      else quoteDepth = t.text === '“' || t.text === '«' ? quoteDepth + 1 : t.text === '”' || t.text === '»' ? Math.max(0, quoteDepth - 1) : quoteDepth;
      continue;
    }
    if (quoteDepth > 0 || !isWord(t)) continue;
    const w = lower(t);
    if (!(CUE_VERBS.has(w) || CLAUSE_VERBS.has(w)) || isCapitalized(t.text)) continue;
    if (w.endsWith('ing') && !['is', 'was', 'are', 'were', 'been'].includes(lower(prefix[v - 1]))) continue;
    const previous = lower(prefix[v - 1]);
    if (DETERMINERS_BEFORE_TERM.has(previous) || previous === 'to' || ['these', 'those', 'of', 'for', 'with', 'by', 'in', 'on'].includes(previous)) continue;
    const subject = subjectBefore(prefix, v, 0);
    if (!subject) {
      // "Trump bemoaned the unrest and said he thought ...": a second verb shares the sentence's subject.
      let a = v - 1;
      while (a >= 0 && AUXILIARIES.has(lower(prefix[a]))) a--;
      if (lower(prefix[a]) === 'and') {
        const lead = leadSubject(text, prefix.slice(0, a));
        if (lead) return { speaker: lead.speaker, cue: span(text, t.start, t.end), via: 'clause-subject', close: true };
      }
      continue;
    }
    if (NOUN_LIKE_FORMS.has(w) && !verbAfterName(prefix, subject, v) && lower(prefix[v + 1]) !== 'that') continue;
    if (nounCompound(prefix, v)) continue;
    // A verb in a subordinate clause ("When critics are revealed ...") is not the main clause.
    if (subject.first > 0 && SUBORDINATORS.has(lower(prefix[subject.first - 1]))) continue;
    // Past participles after a noun are reduced relatives, not verbs: "the report released last year found".
    if (/ed$/.test(w) && lower(prefix[v + 1]) === 'by') continue;
    return { speaker: span(text, subject.start, subject.end), cue: span(text, t.start, t.end), via: 'clause-subject', close: true };
  }
  return null;
}

/** A speaker phrase that names someone: "Cruz", "Sen. Ted Cruz", "the Association of Flight Attendants". */
function namedSpeaker(speaker: string): boolean {
  const words = speaker.split(/\s+/);
  const first = words[0].toLowerCase();
  if (first === 'the') return words.length > 1 && ((isCapitalized(words[1]) && !NON_NAME_CAPITALS.has(words[1].toLowerCase())) || TITLES.has(words[words.length - 1].toLowerCase()));
  return isCapitalized(words[0]) && !NON_NAME_CAPITALS.has(first) && !VAGUE_DETERMINERS.has(first) && !PRONOUNS[first];
}

/** Participles that hand a quote to the sentence's subject: "..., saying, “...”", "..., telling reporters that “...”". */
const PARTICIPLE_CUES = new Set([
  'saying', 'adding', 'tweeting', 'writing', 'telling', 'noting', 'arguing', 'asking', 'explaining', 'insisting',
  'declaring', 'warning', 'calling', 'claiming', 'stating', 'posting', 'announcing', 'vowing', 'promising', 'urging',
  'suggesting', 'describing', 'responding', 'replying', 'complaining', 'acknowledging', 'admitting', 'stressing',
  'recalling', 'predicting', 'charging', 'pointing', 'quipping', 'joking', 'boasting', 'lamenting', 'concluding',
]);

/**
 * The quote follows "..., saying," / "saying that" / "tweets saying that ..." ('participle': the content belongs to
 * the sentence's subject) or a colon ('colon': the subject is a fallback).
 */
function introducedByParticiple(prefix: Token[]): 'participle' | 'colon' | null {
  let k = prefix.length - 1;
  if (k < 1) return null;
  if (prefix[k].text === ':') return 'colon';
  if (prefix[k].text === ',' || lower(prefix[k]) === 'that') k--;
  // "telling O'Reilly that", "telling reporters that": up to three words between the participle and the quote.
  for (let n = 0; n < 4 && k >= 0; n++, k--) {
    const w = lower(prefix[k]);
    if (PARTICIPLE_CUES.has(w)) {
      const before = prefix[k - 1];
      if (before?.text === ',' || ['and', 'while', 'before', 'after', 'by'].includes(lower(before))) return 'participle';
      return null;
    }
    if (!isWord(prefix[k])) break;
  }
  // "X unleashed a series of tweets early Friday saying that ...": a participle and "that" further back.
  for (let j = prefix.length - 2; j > 0; j--) {
    if (isQuoteMark(prefix[j]) || SENTENCE_END.has(prefix[j].text)) break;
    if (PARTICIPLE_CUES.has(lower(prefix[j])) && (lower(prefix[j + 1]) === 'that' || prefix[j + 1].text === ',') && (!isCapitalized(prefix[j - 1].text) || NON_NAME_CAPITALS.has(lower(prefix[j - 1])))) return 'participle';
  }
  return null;
}

/** Words that may open a sentence before its subject, up to a comma: "In July, ...", "Meanwhile, ...". */
const INTRO_WORDS = new Set(['meanwhile', 'still', 'however', 'earlier', 'later', 'last', 'this', 'yet', 'instead', 'now', 'today', 'yesterday', 'separately', 'overall', 'indeed', 'also']);

/** The noun phrase that opens a sentence (after an introductory phrase): a name, a pronoun or a determiner phrase. */
function leadSubject(text: string, prefix: Token[]): Candidate | null {
  let i = 0;
  const w0 = lower(prefix[0]);
  if (!prefix.length) return null;
  if (PREPOSITIONS.has(w0) || CLAUSE_WORDS.has(w0) || w0.endsWith('ing') || INTRO_WORDS.has(w0) || /^\p{N}/u.test(w0)) {
    let depth = 0;
    let j = 0;
    for (; j < prefix.length && j < 40; j++) {
      const t = prefix[j];
      if (t.text === '“') depth++;
      else if (t.text === '”') depth = Math.max(0, depth - 1);
      else if (t.text === ',' && depth === 0) break;
    }
    if (j >= prefix.length || prefix[j].text !== ',') return null;
    i = j + 1;
    // "On July 6, 2015, Sanders ...": a year or a number after the comma belongs to the introduction.
    if (/^\p{N}+$/u.test(prefix[i]?.text ?? '') && prefix[i + 1]?.text === ',') i += 2;
  }
  const start = i;
  const first = prefix[i];
  if (!isWord(first)) return null;
  const fw = lower(first);
  let end = i;
  if (PRONOUNS[fw] && PRONOUNS[fw] !== 'first') end = i + 1;
  else {
    for (; end < prefix.length && end - start < 10; end++) {
      const t = prefix[end];
      if (isWord(t) && (isCapitalized(t.text) || ((end === start || ['of', 'the'].includes(lower(t))) && DETERMINERS_BEFORE_TERM.has(fw)))) continue;
      if (t.type === 'punct' && (t.text === '.' || t.text === '-' || t.text === '’' || t.text === "'")) continue;
      if (t.text === '(') {
        let m = end;
        while (m < prefix.length && prefix[m].text !== ')' && m - end < 8) m++;
        if (prefix[m]?.text === ')') {
          end = m;
          continue;
        }
      }
      break;
    }
    if (end === start && (VAGUE_DETERMINERS.has(fw) || DETERMINERS_BEFORE_TERM.has(fw))) {
      // "several environmental groups granted ...": a quantifier and up to four words before the verb.
      let e = start + 1;
      while (e < prefix.length && e - start <= 5 && isWord(prefix[e])) {
        const w = lower(prefix[e]);
        if (AUXILIARIES.has(w) || CUE_VERBS.has(w) || CLAUSE_VERBS.has(w) || CLAUSE_WORDS.has(w) || PREPOSITIONS.has(w) || (w.endsWith('ed') && e > start + 1)) break;
        e++;
      }
      if (e > start + 1 && e < prefix.length && isWord(prefix[e]) && e - start <= 5) end = e;
    }
    // a determiner phrase: "The Republican nominee", "the letter"
    if (end === start + 1 && DETERMINERS_BEFORE_TERM.has(fw)) return null;
    if (end > start && DETERMINERS_BEFORE_TERM.has(fw) && isWord(prefix[end]) && /^\p{Ll}/u.test(prefix[end].text) && !CUE_VERBS.has(lower(prefix[end])) && !AUXILIARIES.has(lower(prefix[end]))) {
      // "The Republican nominee also": take the lower-case noun that closes the phrase.
      const nounEnd = end + 1;
      if (isWord(prefix[nounEnd]) && (AUXILIARIES.has(lower(prefix[nounEnd])) || CUE_VERBS.has(lower(prefix[nounEnd])) || CLAUSE_VERBS.has(lower(prefix[nounEnd])))) end = nounEnd;
    }
  }
  if (end <= start) return null;
  const words = prefix.slice(start, end);
  if (!plausibleSubject(words) && !(words.length === 1 && PRONOUNS[fw])) return null;
  const next = prefix[end];
  // After the subject: a verb (lower case), an auxiliary, or an appositive comma.
  if (!next || !(next.text === ',' || (isWord(next) && /^\p{Ll}/u.test(next.text)))) return null;
  return { speaker: span(text, prefix[start].start, prefix[end - 1].end), cue: span(text, prefix[prefix.length - 1].start, prefix[prefix.length - 1].end), via: 'clause-subject', close: true };
}

/** A speaker named in a whole sentence with no quote: "Schiff said.", "Lynch recalled her first job." */
function sentenceSpeaker(text: string, tokens: Token[], sentence: { start: number; end: number }): Candidate | null {
  const from = firstIndexAtOrAfter(tokens, sentence.start);
  const to = Math.min(firstIndexAtOrAfter(tokens, sentence.end), from + WINDOW);
  const sentenceTokens = tokens.slice(from, to);
  const c = clauseSubject(text, sentenceTokens);
  if (!c) return null;
  const w = lower(sentenceTokens.find((t) => t.start === c.cue.start));
  if (!STRONG_CUE_VERBS.has(w) && !CLAUSE_VERBS.has(w)) return null;
  const subjectText = c.speaker.text;
  const first = subjectText.split(/\s+/)[0].toLowerCase();
  if (first === 'it' || first === 'they' || first === 'we' || first === 'i' || first === 'you') return null;
  return { ...c, via: 'clause-subject' };
}

/** The subject of the verb at index v, walking backwards to the start of its clause (not before token `lo`). */
function subjectBefore(tokens: Token[], v: number, lo: number): { start: number; end: number; first: number; last: number } | null {
  let k = v - 1;
  while (k >= lo && (AUXILIARIES.has(lower(tokens[k])) || (isWord(tokens[k]) && /^\p{Ll}+ly$/u.test(tokens[k].text) && tokens[k].text !== 'family'))) k--;
  if (k < lo) return null;
  let nameEnd = -1;
  let nameStart = -1;
  for (let round = 0; round < 3 && tokens[k]?.text === ',' && k >= lo; round++) {
    // "Smith, a spokesman for the firm, said", "Smith, who runs the office, said", "McConnell, R-Ky., said",
    // "Jones, 25, said", "His former partner, Lawrence Cummings, said"
    let j = k - 1;
    for (; j >= lo && k - j < 40; j--) {
      const t = tokens[j];
      if (t.type === 'punct' && (SENTENCE_END.has(t.text) || t.text === ':' || t.text === '“' || t.text === '”')) return null;
      if (t.text === ',') break;
    }
    if (j < lo || tokens[j].text !== ',' || j === k - 1) return round > 0 ? null : null;
    const opener = tokens[j + 1];
    const before = tokens[j - 1];
    const segment = tokens.slice(j + 1, k);
    const nameSegment = segment.length <= 6 && segment.every((t) => (isWord(t) && isCapitalized(t.text)) || t.text === '.' || t.text === '-');
    const appositive = isWord(opener) && (/^\p{Ll}/u.test(opener.text) || /[’']s$/.test(opener.text) || /^\p{N}+$/u.test(opener.text) || /^[\p{Lu}]-/u.test(opener.text) || TITLES.has(lower(opener)) || lower(opener) === 'the');
    if (nameSegment && !appositive && before && isWord(before)) {
      // The name comes second ("His former partner, Lawrence Cummings, said"): the name is the speaker.
      nameStart = j + 1;
      nameEnd = k - 1;
      k = j - 1;
      break;
    }
    if (!appositive || !before || !(isCapitalized(before.text) || before.text === ')' || PRONOUNS[lower(before)] || /^\p{N}+$/u.test(before.text))) return null;
    k = j - 1;
  }
  if (k < lo) return null;
  // "I laughed and said": skip the first verb of a coordinated pair.
  if (lower(tokens[k]) === 'and' && k - 2 >= lo && isWord(tokens[k - 1]) && /^\p{Ll}+(?:ed|s)$/u.test(tokens[k - 1].text) && !AUXILIARIES.has(lower(tokens[k - 1]))) k -= 2;
  const last = k;
  let first = -1;
  let count = 0;
  for (; k >= lo && count < 18; k--) {
    const t = tokens[k];
    if (t.type === 'punct') {
      if (t.text === ')') {
        let m = k - 1;
        while (m >= lo && tokens[m].text !== '(' && k - m < 10) m--;
        if (m >= lo && tokens[m].text === '(') {
          k = m;
          first = m;
          continue;
        }
        break;
      }
      if (t.text === '’' || t.text === "'" || t.text === '-' || t.text === '&') continue;
      break;
    }
    const w = lower(t);
    if (CLAUSE_WORDS.has(w)) break;
    if (w === 'and' && !(isCapitalized(tokens[k - 1]?.text ?? '') && isCapitalized(tokens[k + 1]?.text ?? ''))) break;
    if ((CUE_VERBS.has(w) || CLAUSE_VERBS.has(w)) && count > 0 && !isCapitalized(t.text)) break;
    if (AUXILIARIES.has(w) && !['first', 'long', 'once'].includes(w) && count > 0) break;
    first = k;
    count++;
  }
  if (first < 0 || last < first || count === 0) return null;
  if (count >= 18) return null;
  // A clause that opens with a preposition ("In recent weeks Reid has said", "After the vote the mayor said"):
  // keep the name at its end.
  if (PREPOSITIONS.has(lower(tokens[first]))) {
    let r = last;
    while (r > first && tokens[r].text === ')') r--;
    let runStart = -1;
    for (let m = last; m > first; m--) {
      const t = tokens[m];
      if (isWord(t) && (isCapitalized(t.text) || TITLES.has(lower(t)))) runStart = m;
      else if (t.type === 'punct' && (t.text === '(' || t.text === ')' || t.text === '.' || t.text === '-')) continue;
      else break;
    }
    if (runStart < 0) return null;
    if (runStart > first && lower(tokens[runStart - 1]) === 'the') runStart--;
    first = runStart;
  }
  // "a major reason he felt": a pronoun closing a longer phrase is the subject of a relative clause on its own.
  if (last > first && isWord(tokens[last]) && PRONOUNS[lower(tokens[last])]) first = last;
  const words = tokens.slice(first, last + 1);
  if (!plausibleSubject(words)) return null;
  // A subject never ends in a determiner or preposition: "these guarantees" is a noun, not "these" + verb.
  const end = lower(tokens[last]);
  if (DETERMINERS_BEFORE_TERM.has(end) || ['these', 'those', 'of', 'to', 'for', 'with', 'by', 'in', 'on', 'at', 'from', 'as'].includes(end)) return null;
  if (nameEnd > last) return { start: tokens[nameStart].start, end: tokens[nameEnd].end, first, last: nameEnd };
  return { start: tokens[first].start, end: tokens[last].end, first, last };
}

const SUBORDINATORS = new Set(['when', 'if', 'because', 'while', 'although', 'though', 'after', 'before', 'since', 'unless', 'until', 'once', 'whether', 'whenever']);

const PREPOSITIONS = new Set([
  'in', 'on', 'at', 'after', 'during', 'before', 'following', 'with', 'without', 'despite', 'from', 'for', 'by', 'since',
  'under', 'over', 'through', 'among', 'like', 'unlike', 'per', 'via', 'amid', 'upon', 'within', 'across', 'throughout',
  'toward', 'towards', 'about', 'outside', 'inside', 'into', 'onto', 'against', 'between', 'beyond', 'near', 'behind',
]);

function findAccordingTo(text: string, tokens: Token[]): Candidate | null {
  for (let k = 0; k + 1 < tokens.length; k++) {
    if (lower(tokens[k]) === 'according' && lower(tokens[k + 1]) === 'to') {
      const np = forwardNounPhrase(tokens, k + 2);
      if (np) return { speaker: span(text, np.start, np.end), cue: span(text, tokens[k].start, tokens[k + 1].end), via: 'according-to', close: true };
    }
  }
  return null;
}

/**
 * Another speech verb between two quotes whose subject is someone else than `speaker` (a pronoun subject is taken
 * to be the same speaker): "“...,” Smith said. Jones disagreed, saying “...”".
 */
function hasOtherSpeechBetween(text: string, tokens: Token[], from: number, to: number, speaker: string): boolean {
  const lo = firstIndexAtOrAfter(tokens, from);
  const hi = Math.min(firstIndexAtOrAfter(tokens, to), lo + 4 * WINDOW);
  const speakerWords = new Set(speaker.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length > 2));
  for (let k = lo; k < hi; k++) {
    const t = tokens[k];
    if (!isWord(t)) continue;
    const w = lower(t);
    if (!STRONG_CUE_VERBS.has(w) || w.endsWith('ing') || isCapitalized(t.text)) continue;
    if (DETERMINERS_BEFORE_TERM.has(lower(tokens[k - 1])) || lower(tokens[k - 1]) === 'to') continue;
    const subject = subjectBefore(tokens, k, lo);
    if (!subject) return true;
    const words = text.slice(subject.start, subject.end).toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
    if (words.length === 1 && PRONOUNS[words[0]] && PRONOUNS[words[0]] !== 'plural') continue;
    if (words.some((x) => speakerWords.has(x))) continue;
    return true;
  }
  return false;
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
  // A source never ends with its day: "Russian President Vladimir Putin on Tuesday (rejected …)".
  const day = /\s+(?:(?:on|this|last|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.exec(t);
  if (day && day.index > 0) {
    end -= day[0].length;
    t = t.slice(0, day.index);
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
  const anonymity = ANONYMITY_PHRASES.map((p) => p.exec(context)).find((m) => m !== null);
  if (anonymity && !hasPersonName(words)) return `unnamed source (“${anonymity[0]}”)`;
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
        while (start < this.text.length && /\s/.test(this.text[start])) start++;
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
    const runs = this.runs!;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && out.length < 8; i--) {
      const r = runs[i];
      if (r.end > offset) continue;
      if (r.start < from) break;
      if (r.person) out.push(r);
    }
    return out;
  }
}

function resolvePronoun(text: string, quote: Quote, earlier: Quote[], people: PeopleIndex, paragraph: Paragraph, sentenceTokens: Token[]): void {
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
    const leadWord = lead ? lead.speaker.text.split(/\s+/)[0].toLowerCase() : '';
    if (lead && lead.speaker.end <= speaker.start && !PRONOUNS[leadWord] && leadWord !== 'it' && /\p{Lu}/u.test(lead.speaker.text)) {
      const plural = /s$/.test(lead.speaker.text) && !/(?:ss|us)$/.test(lead.speaker.text);
      const organisation = lead.speaker.text.split(/\s+/).some((w) => ORG_WORDS.has(w.toLowerCase().replace(/[’']s$/, '')));
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

// ——— The learned model's part: context for the ranker, and applying its decision ———

/** A sentence's reported-speech source, relative to the sentence's start (cached per sentence). */
export interface SentencePick {
  start: number;
  end: number;
  cueStart: number;
  cueEnd: number;
  probability: number;
}

interface PreviousSpoken {
  quote: Quote;
  start: number;
  end: number;
  text: string;
  sameParagraph: boolean;
  previousParagraph: boolean;
  quoteEnd: number;
}

/** The last top-level quote before `q` if it has a speaker and ended at most two paragraphs earlier. */
function previousSpoken(quotes: Quote[], paragraphs: Paragraph[], q: QuoteSpan): PreviousSpoken | null {
  for (let i = quotes.length - 1; i >= 0; i--) {
    const p = quotes[i];
    if (p.nested) continue;
    if (!p.speaker) return null;
    const horizon = paragraphs[Math.max(0, q.firstParagraph - 2)].start;
    if (p.end < horizon) return null;
    const firstStart = paragraphs[q.firstParagraph].start;
    const prevStart = q.firstParagraph > 0 ? paragraphs[q.firstParagraph - 1].start : firstStart;
    return { quote: p, start: p.speaker.start, end: p.speaker.end, text: p.speaker.text, sameParagraph: p.end >= firstStart, previousParagraph: p.end < firstStart && p.end >= prevStart, quoteEnd: p.end };
  }
  return null;
}

interface QuoteShape {
  words: number;
  endPunct: string;
  opensParagraph: boolean;
  atSentenceStart: boolean;
  before: string;
  after: string;
}

function modelContext(
  text: string,
  paragraphs: Paragraph[],
  q: QuoteSpan,
  tokensOf: (p: number) => Token[],
  sentenceIndexAt: (p: number, offset: number) => number,
  globalSentence: (p: number, offset: number) => number,
  spans: QuoteSpan[],
  quote: Quote,
  previous: PreviousSpoken | null,
  shape: QuoteShape,
  salience: QuoteSpeakerContext['salience'],
  spokeBefore: ReadonlySet<string>,
  cueOf: CueLexicon,
): QuoteSpeakerContext {
  const firstP = q.firstParagraph;
  const lastP = q.lastParagraph;
  const sentencesFirst = paragraphs[firstP].sentences;
  const si = sentenceIndexAt(firstP, q.start);
  const from = si > 0 ? sentencesFirst[si - 1].start : paragraphs[firstP].start;
  const sentencesLast = paragraphs[lastP].sentences;
  const sj = sentenceIndexAt(lastP, Math.max(paragraphs[lastP].start, Math.min(q.end, paragraphs[lastP].end) - 1));
  const to = sj >= 0 && sj + 1 < sentencesLast.length ? sentencesLast[sj + 1].end : paragraphs[lastP].end;
  const tokens: Token[] = [];
  if (shape.opensParagraph && firstP > 0 && paragraphs[firstP - 1].role === 'paragraph') {
    const prev = tokensOf(firstP - 1);
    const ps = paragraphs[firstP - 1].sentences;
    const lastStart = ps.length ? ps[ps.length - 1].start : paragraphs[firstP - 1].start;
    for (let k = Math.max(firstIndexAtOrAfter(prev, lastStart), prev.length - WINDOW); k < prev.length; k++) tokens.push(prev[k]);
  }
  const first = tokensOf(firstP);
  const qAt = firstIndexAtOrAfter(first, q.start);
  const firstEnd = firstP === lastP ? to : paragraphs[firstP].end;
  for (let k = Math.max(firstIndexAtOrAfter(first, from), qAt - 2 * WINDOW), n = 0; k < first.length && first[k].start < firstEnd && n < 4 * WINDOW + 200; k++, n++) tokens.push(first[k]);
  if (lastP !== firstP) {
    const last = tokensOf(lastP);
    const endAt = firstIndexAtOrAfter(last, q.end);
    for (let k = Math.max(0, endAt - 20); k < last.length && last[k].start < to && k < endAt + 2 * WINDOW; k++) tokens.push(last[k]);
  }
  const quoteFrom = firstIndexAtOrAfter(tokens, q.start);
  const quoteTo = firstIndexAtOrAfter(tokens, q.end);
  const inQuote = tokens.map((t) => insideAnyQuote(spans, t.start));
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
    if (inQuote[k] || tokens[k].type !== 'word' || (cueOf[tokens[k].text.toLowerCase()] ?? 0) < 0.3) continue;
    const subject = subjectBefore(tokens, k, Math.max(0, k - 30));
    if (subject && !inQuote[subject.first] && subject.last > subject.first) subjects.push({ start: subject.start, end: subject.end, first: subject.first, last: subject.last, shape: 'phrase' });
  }
  const inner = quote.text.split(/\s+/).filter(Boolean);
  const titleCase = inner.length >= 2 && inner.length <= 8 && inner.every((w) => isCapitalized(w) || /^(?:of|the|and|a|an|in|on|for|to)$/.test(w));
  return {
    tokens,
    quoteFrom,
    quoteTo,
    masked: (k) => inQuote[k],
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

/** True when `offset` lies inside a quote (spans sorted by start; nested spans lie inside their outer span). */
function insideAnyQuote(spans: QuoteSpan[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Walk back over a few spans: an outer span may start before a nested one that already ended.
  for (let i = found; i >= 0 && i > found - 4; i--) if (spans[i].start <= offset && offset < spans[i].end) return true;
  return false;
}

/** Applies the ranker's decision to a quote that the rules have already filled in. */
function applyModel(text: string, model: AttributionModel, quote: Quote, ranked: RankedCandidate[], tokens: Token[], previous: Quote | null, layout: boolean): void {
  // A transcript ("WALLACE: …") or a signature (“…” ― Jane Doe) is a layout, not a judgement, and the training
  // articles have none, so the model has no evidence about it: the rules' reading stands.
  if (layout && quote.speaker) {
    quote.speaker.confidence = 0.99;
    return;
  }
  const none = ranked.find((c) => c.source === 'none');
  const pNone = none?.probability ?? 0;
  const best = ranked.find((c) => c.source !== 'none');
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
  const confidence = ranked.filter((c) => c.source !== 'none' && (c === best || (c.start < best.end && best.start < c.end))).reduce((sum, c) => sum + c.probability, 0);
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
    const cueToken = best.cue !== undefined ? tokens[best.cue] : undefined;
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

const round2 = (x: number) => Math.round(x * 100) / 100;

/** "Zelenskyy’s" → "Zelenskyy": a possessive names the owner, who is the speaker. */
function withoutPossessive(text: string, s: Span): Span {
  return /[’']s$/.test(s.text) && s.text.length > 2 ? span(text, s.start, s.end - 2) : s;
}
