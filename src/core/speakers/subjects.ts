// Subjects and noun phrases: who a reporting verb belongs to, walking back from the verb or forward from "said".

import { isCapitalized, isLyAdverb, startsLowercase, type Token } from '../text';
import { CLAUSE_VERBS, CUE_VERBS, PRONOUNS, ROLE_NOUNS, TITLES, VAGUE_DETERMINERS } from '../lexicon';
import { isWord, lower, SENTENCE_END, span, type Candidate } from './tokens';
import {
  AUXILIARIES, CLAUSE_WORDS, DETERMINERS_BEFORE_TERM, INTRO_WORDS, NON_NAME_CAPITALS, NOT_SUBJECT_START, NOUN_BASES, NP_STOP_FORWARD, PREPOSITIONS,
} from './wordClasses';

/** "Rucker Smith, who runs the office, said": a relative pronoun just after an appositive comma. */
export function isRelativeInAppositive(tokens: Token[], k: number): boolean {
  return tokens[k - 1]?.text === ',' && ['who', 'whose', 'which'].includes(lower(tokens[k]));
}

/** "the Apple Music show", "a Fox News report": a bare verb form right after a singular name is a noun. */
export function nounCompound(tokens: Token[], v: number): boolean {
  const w = lower(tokens[v]);
  const previous = tokens[v - 1];
  const p = lower(previous);
  if (!isWord(previous) || previous.text.endsWith('s') || PRONOUNS[p] || p === 'i' || p === 'you' || AUXILIARIES.has(p) || p === 'to') return false;
  if (!isCapitalized(previous.text) && (ROLE_NOUNS.has(p) || p.endsWith('ly') || p.endsWith('ed'))) return false;
  if (lower(tokens[v - 2]) === 'and') return false; // "Obama and Clinton call them
  return NOUN_BASES.has(w);
}

/** A plural-noun-like verb form ("tweets", "claims") is a verb only right after a name, pronoun or role noun. */
export function verbAfterName(tokens: Token[], subject: { first: number; last: number }, v: number): boolean {
  const last = tokens[subject.last];
  const w = lower(last);
  if (subject.last !== v - 1 && !AUXILIARIES.has(lower(tokens[v - 1]))) return true;
  return isCapitalized(last.text) || !!PRONOUNS[w] || ROLE_NOUNS.has(w) || last.text === ')';
}

/**
 * Whether tokens[from, to) can be a subject (read in place: it runs for every likely cue of every sentence). The
 * tokens' lower case may be given, as to subjectBefore.
 */
export function plausibleSubject(tokens: Token[], from: number, to: number, lowerCase?: readonly string[]): boolean {
  let count = 0;
  let firstWord = -1;
  let secondWord = -1;
  for (let k = from; k < to; k++) {
    if (!isWord(tokens[k])) continue;
    if (count === 0) firstWord = k;
    else if (count === 1) secondWord = k;
    count++;
  }
  if (!count || count > 14) return false;
  const first = lowerCase ? lowerCase[firstWord] : lower(tokens[firstWord]);
  if (PRONOUNS[first] || first === 'it') return count === 1;
  // A subject starts with a name, a determiner, a title or an adjective; not with a verb or preposition.
  if (isCapitalized(tokens[firstWord].text)) return true;
  if (VAGUE_DETERMINERS.has(first) || ['the', 'his', 'her', 'their', 'its', 'our', 'one', 'both', 'each'].includes(first)) return true;
  if (ROLE_NOUNS.has(first)) return true;
  // A lower-case adjective or noun can open a subject ("informal conversations", "local residents"); a participle
  // with its preposition cannot ("compared to", "replacing it with").
  if (first.endsWith('ing')) return false;
  if (first.endsWith('ed') && count > 1) {
    const second = lowerCase ? lowerCase[secondWord] : lower(tokens[secondWord]);
    if (NOT_SUBJECT_START.has(second) || PREPOSITIONS.has(second)) return false;
  }
  return !NOT_SUBJECT_START.has(first) && !PREPOSITIONS.has(first) && !CLAUSE_WORDS.has(first) && !first.endsWith('ly') && !CUE_VERBS.has(first);
}

/** A noun phrase read forwards from `from` (after "said" or "according to"). */
export function forwardNounPhrase(tokens: Token[], from: number): { start: number; end: number } | null {
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

/** A speaker phrase that names someone: "Cruz", "Sen. Ted Cruz", "the Association of Flight Attendants". */
export function namedSpeaker(speaker: string): boolean {
  const words = speaker.split(/\s+/);
  const first = words[0].toLowerCase();
  if (first === 'the') return words.length > 1 && ((isCapitalized(words[1]) && !NON_NAME_CAPITALS.has(words[1].toLowerCase())) || TITLES.has(words[words.length - 1].toLowerCase()));
  return isCapitalized(words[0]) && !NON_NAME_CAPITALS.has(first) && !VAGUE_DETERMINERS.has(first) && !PRONOUNS[first];
}

/** The noun phrase that opens a sentence (after an introductory phrase): a name, a pronoun or a determiner phrase. */
export function leadSubject(text: string, prefix: Token[]): Candidate | null {
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
    if (end > start && DETERMINERS_BEFORE_TERM.has(fw) && isWord(prefix[end]) && startsLowercase(prefix[end].text) && !CUE_VERBS.has(lower(prefix[end])) && !AUXILIARIES.has(lower(prefix[end]))) {
      // "The Republican nominee also": take the lower-case noun that closes the phrase.
      const nounEnd = end + 1;
      if (isWord(prefix[nounEnd]) && (AUXILIARIES.has(lower(prefix[nounEnd])) || CUE_VERBS.has(lower(prefix[nounEnd])) || CLAUSE_VERBS.has(lower(prefix[nounEnd])))) end = nounEnd;
    }
  }
  if (end <= start) return null;
  if (!plausibleSubject(prefix, start, end) && !(end - start === 1 && PRONOUNS[fw])) return null;
  const next = prefix[end];
  // After the subject: a verb (lower case), an auxiliary, or an appositive comma.
  if (!next || !(next.text === ',' || (isWord(next) && startsLowercase(next.text)))) return null;
  return { speaker: span(text, prefix[start].start, prefix[end - 1].end), cue: span(text, prefix[prefix.length - 1].start, prefix[prefix.length - 1].end), via: 'clause-subject', close: true };
}

// Read by subjectBefore for every likely cue; made once (a regular expression literal makes a new object each time it
// is evaluated).
const POSSESSIVE = /[’']s$/;
const NUMBER = /^\p{N}+$/u;
/** "R-Ky.": a party and state after a name. */
const PARTY_STATE = /^[\p{Lu}]-/u;
/** "laughed", "tweets": the first verb of a coordinated pair. */
const LOWER_VERB_FORM = /^\p{Ll}+(?:ed|s)$/u;

/** Token k's lower case, from `lowerCase` when given ('' outside the tokens). */
function lowerAt(tokens: Token[], lowerCase: readonly string[] | undefined, k: number): string {
  return lowerCase ? (lowerCase[k] ?? '') : lower(tokens[k]);
}

/** tokens[from, to) are capitalised words, dots and hyphens: "Lawrence Cummings". */
function isNameRun(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (!((isWord(t) && isCapitalized(t.text)) || t.text === '.' || t.text === '-')) return false;
  }
  return true;
}

/**
 * The subject of the verb at index v, walking backwards to the start of its clause (not before token `lo`). The
 * tokens' lower case may be given (a speaker model's window has it) to save working it out again.
 */
export function subjectBefore(tokens: Token[], v: number, lo: number, lowerCase?: readonly string[]): { start: number; end: number; first: number; last: number } | null {
  let k = v - 1;
  while (k >= lo && (AUXILIARIES.has(lowerAt(tokens, lowerCase, k)) || (isWord(tokens[k]) && isLyAdverb(tokens[k].text) && tokens[k].text !== 'family'))) k--;
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
    const nameSegment = k - j - 1 <= 6 && isNameRun(tokens, j + 1, k);
    const appositive = isWord(opener) && (startsLowercase(opener.text) || POSSESSIVE.test(opener.text) || NUMBER.test(opener.text) || PARTY_STATE.test(opener.text) || TITLES.has(lower(opener)) || lower(opener) === 'the');
    if (nameSegment && !appositive && before && isWord(before)) {
      // The name comes second ("His former partner, Lawrence Cummings, said"): the name is the speaker.
      nameStart = j + 1;
      nameEnd = k - 1;
      k = j - 1;
      break;
    }
    if (!appositive || !before || !(isCapitalized(before.text) || before.text === ')' || PRONOUNS[lower(before)] || NUMBER.test(before.text))) return null;
    k = j - 1;
  }
  if (k < lo) return null;
  // "I laughed and said": skip the first verb of a coordinated pair.
  if (lowerAt(tokens, lowerCase, k) === 'and' && k - 2 >= lo && isWord(tokens[k - 1]) && LOWER_VERB_FORM.test(tokens[k - 1].text) && !AUXILIARIES.has(lowerAt(tokens, lowerCase, k - 1))) k -= 2;
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
    const w = lowerAt(tokens, lowerCase, k);
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
  if (PREPOSITIONS.has(lowerAt(tokens, lowerCase, first))) {
    let r = last;
    while (r > first && tokens[r].text === ')') r--;
    let runStart = -1;
    for (let m = last; m > first; m--) {
      const t = tokens[m];
      if (isWord(t) && (isCapitalized(t.text) || TITLES.has(lowerAt(tokens, lowerCase, m)))) runStart = m;
      else if (t.type === 'punct' && (t.text === '(' || t.text === ')' || t.text === '.' || t.text === '-')) continue;
      else break;
    }
    if (runStart < 0) return null;
    if (runStart > first && lowerAt(tokens, lowerCase, runStart - 1) === 'the') runStart--;
    first = runStart;
  }
  // "a major reason he felt": a pronoun closing a longer phrase is the subject of a relative clause on its own.
  if (last > first && isWord(tokens[last]) && PRONOUNS[lowerAt(tokens, lowerCase, last)]) first = last;
  if (!plausibleSubject(tokens, first, last + 1, lowerCase)) return null;
  // A subject never ends in a determiner or preposition: "these guarantees" is a noun, not "these" + verb.
  const end = lowerAt(tokens, lowerCase, last);
  if (DETERMINERS_BEFORE_TERM.has(end) || ['these', 'those', 'of', 'to', 'for', 'with', 'by', 'in', 'on', 'at', 'from', 'as'].includes(end)) return null;
  if (nameEnd > last) return { start: tokens[nameStart].start, end: tokens[nameEnd].end, first, last: nameEnd };
  return { start: tokens[first].start, end: tokens[last].end, first, last };
}
