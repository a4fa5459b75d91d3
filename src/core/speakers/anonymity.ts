// Whether a source is unnamed: an anonymity phrase near it ("speaking on condition of anonymity") or a role noun
// with no person's name ("a senior diplomat"). Decided here once, for quotes, reported speech and claims alike.

import { ANONYMITY_PHRASE_WORDS, ANONYMITY_PHRASES, ROLE_NOUNS } from '../lexicon';
import { hasPersonName } from './names';

/** How many characters on each side of a quote the anonymity phrases are looked for in. */
export const CONTEXT_CHARS = 1200;

// Read for every speaker and source found; made once (a regular expression literal makes a new object each time it is
// evaluated).
const POSSESSIVES = /[’']s\b/g;
const SPACES = /\s+/;
const PREPOSITION = /^(?:for|of|at|with|in|from|close|familiar|who)$/i;
const NOT_LETTER_OR_HYPHEN = /[^\p{L}-]/gu;

/** Returns a reason when the speaker is an unnamed source, else undefined. */
export function anonymousReason(speaker: string, context: string): string | undefined {
  const words = speaker.replace(POSSESSIVES, '').split(SPACES).filter(Boolean);
  if (!words.length) return undefined;
  // Most contexts have no anonymity phrase, which one cheap pass says; the first phrase (in list order) that matches
  // is the one named.
  if (ANONYMITY_PHRASE_WORDS.test(context) && !hasPersonName(words)) {
    for (const phrase of ANONYMITY_PHRASES) {
      const anonymity = phrase.exec(context);
      if (anonymity) return `unnamed source (“${anonymity[0]}”)`;
    }
  }
  // Head of the phrase: the last word before a preposition ("a spokesman for the campaign" → spokesman).
  const prepositionAt = words.findIndex((w, i) => i > 0 && PREPOSITION.test(w));
  const headIndex = (prepositionAt > 0 ? prepositionAt : words.length) - 1;
  const head = words[headIndex].toLowerCase().replace(NOT_LETTER_OR_HYPHEN, '');
  if (!ROLE_NOUNS.has(head)) return undefined;
  // A name after the role noun ("spokesman John Smith") would have been the head; a name before it is an
  // organisation or nationality ("a NATO official", "Kremlin advisers").
  const before = words.slice(0, headIndex);
  if (hasPersonName(before)) return undefined;
  return `unnamed source: “${speaker}” names a role, not a person`;
}
