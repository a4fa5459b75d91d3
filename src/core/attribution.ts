// Who said it. Rule-based, in the spirit of the SFU Gender Gap Tracker's quote structures: a quote (Q) and a
// speaker (S) joined by a reporting verb (V) in the orders news uses — Q,SV  Q,VS  SV:Q  SV that Q  "according
// to S" — plus continuation quotes that inherit the previous speaker and pronouns resolved to a named person. The
// rules live in ./speakers/*; this module runs them over an article and lets the learned model decide.

import type { Paragraph, Quote, QuoteKind } from './types';
import type { QuoteSpan } from './quotes';
import { countWords, isCapitalized, RunCache, startsLowercase, type Token } from './text';
import { paragraphText } from './structure';
import { ArticleTokens } from './articleTokens';
import { quoteCandidates, rank, type AttributionModel, type RankedCandidate } from './speakers/quoteSpeaker';
import { neighbour, type CueLexicon } from './speakers/features';
import type { ReportedSpeech, SentenceCandidates } from './speakers/reported';
import { CLAUSE_VERBS, CUE_VERBS, LABELLING_VERBS, STRONG_CUE_VERBS } from './lexicon';
import { attributionTokens, firstIndexAtOrAfter, isWord, lower, quotedFlags, WINDOW, type Candidate } from './speakers/tokens';
import { tokenWindow, type TokenWindow } from './speakers/window';
import { DETERMINERS_BEFORE_TERM, NOT_A_NOUN } from './speakers/wordClasses';
import { clauseSubject, dashSignature, findAccordingTo, fromAfter, fromBefore, hasOtherSpeechBetween, introducedByParticiple, isIntroduction, sentenceSpeaker, transcriptSpeaker } from './speakers/ruleCascade';
import { leadSubject, namedSpeaker } from './speakers/subjects';
import { PeopleIndex, trimSpeaker } from './speakers/names';
import { anonymousReason, CONTEXT_CHARS } from './speakers/anonymity';
import { resolvePronoun } from './speakers/pronouns';
import { applyModel, modelContext, previousSpoken, quoteContextKey, quotePick, shiftedPick, type ArticleFacts, type QuotePick, type QuoteModelCache, type Salience } from './speakers/modelBridge';
import { attributeReported, type ReportedCache } from './speakers/reportedSources';

export { anonymousReason } from './speakers/anonymity';
export type { SentencePick } from './speakers/modelBridge';
export { ReportedCache } from './speakers/reportedSources';

interface ParagraphContext {
  paragraph: Paragraph;
  tokens: Token[];
  /** The tokens relative to the paragraph's start (made when first asked for; with a token cache, kept across runs). */
  relative?: Token[];
  /** Which tokens are inside quotes (made when first asked for). */
  quoted?: boolean[];
  /** The tokens as the speaker models read them (made when first asked for). */
  window?: TokenWindow;
}

export interface AttributionInput {
  text: string;
  paragraphs: Paragraph[];
  spans: QuoteSpan[];
  /** The article's token stream (made here when not given). */
  tokens?: ArticleTokens;
  /** Per paragraph text, the rules' view of its tokens relative to the paragraph's start (kept across runs on one document). */
  tokenCache?: RunCache<Token[]>;
  /** Per paragraph and sentence (text and which words are quoted), the reported-speech decisions (kept across runs on one document). */
  sentenceCache?: ReportedCache;
  /** Per quote context, the quote model's decision (kept across runs on one document). */
  quoteCache?: QuoteModelCache;
  /** The learned speaker model; without it the rules alone decide (used only to measure the rules). */
  model?: AttributionModel;
  /** Training hook: every depth-0 quote's candidates, before ranking. */
  collect?: (quote: QuoteSpan, candidates: RankedCandidate[]) => void;
  /** The cue lexicon to compute features with when there is no model yet (training). */
  cues?: CueLexicon;
  /** Training hook: every sentence with a likely reporting cue, with its source candidates. */
  collectSentence?: (found: SentenceCandidates) => void;
}

/** A word of a speaker's name (global: match() lists them all, and starts from 0 whatever the last call left). */
const SPOKEN_WORD = /[\p{L}\p{N}’'-]+/gu;

/** The salience of each capitalised word (lower case) of one paragraph's tokens. */
function paragraphSalience({ tokens, lower }: TokenWindow, cues: CueLexicon): Map<string, Salience> {
  const counts = new Map<string, Salience>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type !== 'word' || !isCapitalized(t.text)) continue;
    const w = lower[k];
    let e = counts.get(w);
    if (!e) counts.set(w, (e = { count: 0, cued: 0 }));
    e.count++;
    let n = k + 1;
    while (n < tokens.length && (tokens[n].text === ',' || tokens[n].text === 'has' || tokens[n].text === 'also')) n++;
    if (n < tokens.length && (cues[lower[n]] ?? 0) >= 0.3) e.cued++;
  }
  return counts;
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
export function attributeArticle({ text, paragraphs, spans, tokens, tokenCache, sentenceCache, quoteCache, model, collect, cues, collectSentence }: AttributionInput): ArticleAttribution {
  const contexts: ParagraphContext[] = paragraphs.map((paragraph) => ({ paragraph, tokens: [] }));
  const stream = tokens ?? new ArticleTokens(text, paragraphs);
  /**
   * Paragraph p's tokens relative to its start: the stream's own tokens but for joined abbreviations. The speaker
   * models read every paragraph this way; only the rules and the quote windows need tokens at their offsets.
   */
  const relativeTokensOf = (p: number): Token[] => {
    const ctx = contexts[p];
    if (!ctx.relative) {
      const made = () => attributionTokens(stream.relative(p));
      ctx.relative = tokenCache ? tokenCache.get(paragraphText(text, ctx.paragraph), made) : made();
    }
    return ctx.relative;
  };
  /** Paragraph p's tokens at their offsets in the article. */
  const tokensOf = (p: number): Token[] => {
    const ctx = contexts[p];
    if (!ctx.tokens.length && ctx.paragraph.end > ctx.paragraph.start) {
      const { start } = ctx.paragraph;
      ctx.tokens = relativeTokensOf(p).map((t) => ({ start: t.start + start, end: t.end + start, text: t.text, type: t.type }));
    }
    return ctx.tokens;
  };
  const modelCues = model?.cues ?? cues ?? {};
  // A paragraph's tokens as the speaker models read them: each token's lower case, quotedness and cue probability,
  // worked out once for every quote window and sentence that reads the paragraph.
  const quotedOf = (p: number): boolean[] => {
    const ctx = contexts[p];
    if (!ctx.quoted) ctx.quoted = quotedFlags(spans, relativeTokensOf(p), ctx.paragraph.start);
    return ctx.quoted;
  };
  /** Paragraph p's window, over its relative tokens. */
  const windowOf = (p: number): TokenWindow => {
    const ctx = contexts[p];
    if (!ctx.window) {
      const quoted = quotedOf(p);
      ctx.window = tokenWindow(relativeTokensOf(p), (k) => quoted[k], modelCues);
    }
    return ctx.window;
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
  let salience: Map<string, Salience> | null = null;
  const salienceOf = (word: string) => {
    if (!salience) {
      salience = new Map();
      for (let p = 0; p < paragraphs.length; p++) {
        // Counted per paragraph; re-analysis keeps each unchanged paragraph's counts (for the same model's cues).
        const counts = quoteCache && model ? quoteCache.paragraphSalience(model, paragraphText(text, paragraphs[p]), () => paragraphSalience(windowOf(p), modelCues)) : paragraphSalience(windowOf(p), modelCues);
        for (const [w, c] of counts) {
          const e = salience.get(w);
          if (!e) salience.set(w, { count: c.count, cued: c.cued });
          else {
            e.count += c.count;
            e.cued += c.cued;
          }
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
    // A signature on the line below a quote that is a paragraph of its own: “…” / — Jane Doe.
    const signatureBelow = !transcript && opensParagraph && !after.length && q.lastParagraph + 1 < paragraphs.length ? dashSignature(text, tokensOf(q.lastParagraph + 1)) : null;
    const afterCandidate = transcript ?? fromAfter(text, after, endPunct) ?? signatureBelow;
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
      const modifier = !predicate && !/[,.;:!?]$/.test(innerTrimmed) && isWord(nextWord) && startsLowercase(nextWord.text) && !NOT_A_NOUN.has(lower(nextWord)) && !CUE_VERBS.has(lower(nextWord)) && !/ly$/.test(lower(nextWord));
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

    // Spelled out, not spread from `base` (a hot spot), in the same key order.
    const quote: Quote = { start: base.start, end: base.end, text: base.text, closed: base.closed, paragraphs: base.paragraphs, kind, speaker: null, cue: null, anonymous: false };
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
      const shape = { words, endPunct, opensParagraph, atSentenceStart, before: neighbour(prefix[prefix.length - 1]), after: neighbour(after[0]) };
      const layout = !!transcript || !!(afterCandidate && quote.speaker && afterCandidate === candidate && /^[―—–-]$/.test(afterCandidate.cue.text));
      // Scored as they are made when only the model reads them; listed for training.
      const candidatesOf = (facts: ArticleFacts, scoreWith?: AttributionModel['quote']) => {
        const ctx = modelContext(text, paragraphs, q, windowOf, tokensOf, sentenceIndexAt, globalSentence, quote, previous, shape, facts.salience, facts.spokeBefore);
        return { candidates: quoteCandidates(ctx, model?.cues ?? cues ?? {}, scoreWith), tokens: ctx.tokens };
      };
      if (collect) {
        const { candidates, tokens } = candidatesOf({ salience: salienceOf, spokeBefore });
        collect(q, candidates);
        if (model) applyModel(text, model, quote, () => quotePick(rank(model.quote, candidates), tokens), previous?.quote ?? null, layout);
      } else if (model) {
        const decide = (facts: ArticleFacts) => {
          const { candidates, tokens } = candidatesOf(facts, model.quote);
          return quotePick(rank(model.quote, candidates), tokens);
        };
        const facts = { salience: salienceOf, spokeBefore };
        const pick = (): QuotePick => {
          if (!quoteCache) return decide(facts);
          const { key, base } = quoteContextKey(text, paragraphs, q, spans, quote, previous, shape);
          return shiftedPick(quoteCache.pick(model, key, facts, (recording) => shiftedPick(decide(recording), -base)), base);
        };
        applyModel(text, model, quote, pick, previous?.quote ?? null, layout);
      }
      const said = quote.speaker?.text.toLowerCase().match(SPOKEN_WORD);
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

  const reported = attributeReported({ text, paragraphs, tokensOf, relativeTokensOf, quotedOf, windowOf, people, quotes, sentenceCache, model, cues, collectSentence });
  return { quotes, reported };
}

