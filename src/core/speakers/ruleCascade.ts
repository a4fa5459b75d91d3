// The rule cascade's readings of a quote's surroundings, in the orders news uses: Q,SV  Q,VS  SV:Q  SV that Q
// "according to S", transcripts and signatures. Each returns a candidate speaker with its cue, or null.

import { isCapitalized, type Token } from '../text';
import { CLAUSE_VERBS, CUE_VERBS, LABELLING_VERBS, PRONOUNS, STRONG_CUE_VERBS, TITLES } from '../lexicon';
import { firstIndexAtOrAfter, isQuoteMark, isWord, lower, SENTENCE_END, span, WINDOW, type Candidate } from './tokens';
import { AUXILIARIES, CLAUSE_WORDS, DETERMINERS_BEFORE_TERM, NON_NAME_CAPITALS, NOUN_LIKE_FORMS, PARTICIPLE_CUES, SUBORDINATORS } from './wordClasses';
import { forwardNounPhrase, isRelativeInAppositive, leadSubject, nounCompound, subjectBefore, verbAfterName } from './subjects';

/** An interview transcript: a quote that opens with an all-capitals name and a colon, "WALLACE: Let’s start". */
export function transcriptSpeaker(text: string, innerStart: number, innerEnd: number): Candidate | null {
  let i = innerStart;
  while (i < innerEnd && (text[i] === ' ' || text[i] === '\t')) i++;
  const head = text.slice(i, Math.min(innerEnd, i + 48));
  const m = /^(\p{Lu}[\p{Lu}.’'-]*(?: \p{Lu}[\p{Lu}.’'-]*){0,3}):\s/u.exec(head);
  if (!m || m[1].replace(/[^\p{Lu}]/gu, '').length < 2) return null;
  const s = span(text, i, i + m[1].length);
  return { speaker: s, cue: span(text, i + m[1].length, i + m[1].length + 1), via: 'before-quote', close: true };
}

/** A quote followed by a dash and a name to the end of its paragraph: “...” ― Jane Doe */
export function dashSignature(text: string, after: Token[]): Candidate | null {
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
export function isIntroduction(prefix: Token[]): boolean {
  const last = prefix[prefix.length - 1];
  if (!last) return true;
  if (last.text === ':' || last.text === '—' || last.text === '–') return true;
  const beforeComma = last.text === ',' ? prefix[prefix.length - 2] : last;
  if (beforeComma && STRONG_CUE_VERBS.has(lower(beforeComma))) return true;
  if (last.text === 'that' && STRONG_CUE_VERBS.has(lower(prefix[prefix.length - 2]))) return false;
  return false;
}

/** Q,SV or Q,VS: the attribution right after the closing mark. */
export function fromAfter(text: string, after: Token[], endPunct: string): Candidate | null {
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

/** SV: Q, SV that Q, and the clause subject of a labelling verb: "X dismissed the fears as “ridiculous”". */
export function fromBefore(text: string, prefix: Token[], maxGap: number): Candidate | null {
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
export function clauseSubject(text: string, prefix: Token[]): Candidate | null {
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

/**
 * The quote follows "..., saying," / "saying that" / "tweets saying that ..." ('participle': the content belongs to
 * the sentence's subject) or a colon ('colon': the subject is a fallback).
 */
export function introducedByParticiple(prefix: Token[]): 'participle' | 'colon' | null {
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

/** A speaker named in a whole sentence with no quote: "Schiff said.", "Lynch recalled her first job." */
export function sentenceSpeaker(text: string, tokens: Token[], sentence: { start: number; end: number }): Candidate | null {
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

export function findAccordingTo(text: string, tokens: Token[]): Candidate | null {
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
export function hasOtherSpeechBetween(text: string, tokens: Token[], from: number, to: number, speaker: string): boolean {
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
