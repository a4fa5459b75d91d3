// Names: trimming a speaker phrase to the name it gives, telling a person's name from an organisation's, and the
// people an article names, for resolving pronouns.

import type { Span } from '../types';
import { firstEndingAfter, isCapitalized } from '../text';
import { PRONOUNS, TITLES } from '../lexicon';
import { HONORIFICS, span } from './tokens';
import { NAME_PARTICLES, NON_NAME_CAPITALS, ORG_WORDS } from './wordClasses';

// Read for every speaker and source found; made once (a regular expression literal makes a new object each time it is
// evaluated).
const LEADING_CONJUNCTION = /^(?:and|but|so|then|also|yet)\s+/i;
/**
 * A clause's opening word that a subject phrase took in ("Although Western diplomats", "While some voices"), when more
 * words follow: never part of a source's name.
 */
const LEADING_SUBORDINATOR = /^(?:although|though|whether|while|whilst|if|when|whenever|because|since|as|after|before|unless|whereas|once|until|now|still|even|indeed|however|meanwhile)\s+(?=\S)/i;
/** A verb's auxiliary or an adverb a subject phrase ran into ("Any negotiations must", "Trump also"): lower case only. */
const TRAILING_AUXILIARY = /\s+(?:must|should|would|could|will|can|may|might|shall|has|have|had|is|are|was|were|did|does|do|also|now|still|not|already|just|then)$/;
const UPPER_CASE = /\p{Lu}/u;
const TRAILING_DAY = /\s+(?:(?:on|this|last|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const TRAILING_COMMA_OR_SPACE = /[,\s]$/;
const POSSESSIVE_END = /[’']s$/;
const NATIONALITY_ENDING = /(?:an|ian|ean|ese|ish|i|ic)$/;

/**
 * "Smith, a spokesman for the firm" → "Smith"; strips leading conjunctions and subordinators ("Although"), and trailing
 * commas and auxiliaries ("must", "also").
 */
export function trimSpeaker(text: string, s: Span): Span {
  let { start, end } = s;
  let t = text.slice(start, end);
  for (const opener of [LEADING_CONJUNCTION, LEADING_SUBORDINATOR]) {
    const lead = opener.exec(t);
    if (lead) {
      start += lead[0].length;
      t = t.slice(lead[0].length);
    }
  }
  const comma = t.indexOf(',');
  if (comma > 0) {
    const head = t.slice(0, comma);
    if (UPPER_CASE.test(head) || PRONOUNS[head.toLowerCase()]) {
      end = start + comma;
      t = head;
    }
  }
  // A source never ends with its day: "Russian President Vladimir Putin on Tuesday (rejected …)".
  const day = TRAILING_DAY.exec(t);
  if (day && day.index > 0) {
    end -= day[0].length;
    t = t.slice(0, day.index);
  }
  while (t && TRAILING_COMMA_OR_SPACE.test(t)) {
    t = t.slice(0, -1);
    end--;
  }
  for (let auxiliary = TRAILING_AUXILIARY.exec(t); auxiliary && auxiliary.index > 0; auxiliary = TRAILING_AUXILIARY.exec(t)) {
    end -= auxiliary[0].length;
    t = t.slice(0, auxiliary.index);
  }
  return { start, end, text: text.slice(start, end) };
}

/** "Zelenskyy’s" → "Zelenskyy": a possessive names the owner, who is the speaker. */
export function withoutPossessive(text: string, s: Span): Span {
  return POSSESSIVE_END.test(s.text) && s.text.length > 2 ? span(text, s.start, s.end - 2) : s;
}

export function hasPersonName(words: string[]): boolean {
  // Two capitalised words in a row where neither is an organisation/nationality word or title: "Anna Shvets".
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i];
    const b = words[i + 1];
    if (isCapitalized(a) && isCapitalized(b) && !ORG_WORDS.has(b.toLowerCase()) && !ORG_WORDS.has(a.toLowerCase()) && !TITLES.has(a.toLowerCase()) && !NATIONALITY_ENDING.test(a) && a.length > 1) {
      return true;
    }
  }
  return false;
}

// Spaces, then at most one line break and its indent; one way only to match a gap, so that a failed run cannot try
// every split of its spaces.
const NAME_GAP = "(?:[^\\S\\n]+(?:\\n[^\\S\\n]*)?|\\n[^\\S\\n]*)";
/** An initial or a title with its dot: "J.", "Gov.". */
const DOTTED = `(?:\\p{Lu}|${[...HONORIFICS].map((h) => h[0].toUpperCase() + h.slice(1)).join('|')})\\.`;
/**
 * A run of capitalised words, with a person's particles between them (not an organisation's "of": people only):
 * a dot only after an initial or a title ("J. Smith", "Gov. Cuomo"), and the words apart
 * by spaces and at most one line break, so that a run never takes in the next sentence ("… for Israel. While he …")
 * or paragraph.
 */
const NAME_RUN = `\\b(?:(?:${DOTTED}|\\p{Lu}[\\p{L}’'-]*)(?:${NAME_GAP}(?:${NAME_PARTICLES.join('|')})(?=\\s+\\p{Lu}))?${NAME_GAP})*\\p{Lu}[\\p{L}’'-]*`;

/** Capitalised name runs in the text, for resolving pronouns to people. */
export class PeopleIndex {
  private runs: Array<{ start: number; end: number; text: string; person: boolean }> | null = null;
  constructor(private readonly text: string) {}

  private build() {
    const runs: Array<{ start: number; end: number; text: string; person: boolean }> = [];
    const re = new RegExp(NAME_RUN, 'gu');
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
      const joined = words.join(' ');
      const textOfRun = joined.replace(/[’']s$/, '');
      // The run ends where the match does (less a possessive): its words may be apart by more than one space.
      const end = m.index + m[0].length - (joined.length - textOfRun.length);
      runs.push({ start, end, text: textOfRun, person });
    }
    this.runs = runs;
  }

  /** People named before `offset`, nearest first, not further back than `from`. */
  before(offset: number, from: number) {
    if (!this.runs) this.build();
    const out = [];
    const runs = this.runs!;
    const lo = firstEndingAfter(runs, offset);
    for (let i = lo - 1; i >= 0 && out.length < 8; i--) {
      const r = runs[i];
      if (r.end > offset) continue;
      if (r.start < from) break;
      if (r.person) out.push(r);
    }
    return out;
  }
}
