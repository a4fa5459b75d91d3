// Who could be speaking: the mentions around a quote or a reported sentence that a learned model ranks. Names
// (capitalised runs), pronouns, unnamed-source phrases ("a senior diplomat", "officials") and the noun phrases next to
// a reporting cue. Each mention keeps how it was found; the model, not the order of these tests, decides.

import type { Token } from '../text';
import { isCapitalized, startsLowercase } from '../text';
import { ROLE_NOUNS, TITLES } from '../lexicon';
import { lowerAt, type TokenWindow } from './window';
import { NAME_PARTICLES } from './wordClasses';

export type MentionShape = 'name' | 'pronoun' | 'role' | 'phrase';

export interface Mention {
  start: number;
  end: number;
  /** Token indices, inclusive. */
  first: number;
  last: number;
  shape: MentionShape;
}

const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);
const LOWER_TITLES = new Set(['master', 'leader', 'head', 'boss', 'captain', 'manager', 'owner', 'editor', 'reporter', 'correspondent', 'columnist', 'lawyer', 'economist', 'analyst', 'pollster', 'strategist', 'official']);
/** Lower-case words inside a name: a person's particles, and an organisation's "of", "for", "and", "on". */
const NAME_JOINERS = new Set([...NAME_PARTICLES, 'of', 'for', 'and', 'on']);
/** Capitalised words that open sentences or name days and months, not people or bodies. */
const NOT_NAMES = new Set([
  'the', 'a', 'an', 'in', 'on', 'but', 'and', 'it', 'this', 'that', 'these', 'those', 'he', 'she', 'they', 'we', 'i',
  'his', 'her', 'their', 'its', 'our', 'my', 'if', 'when', 'while', 'as', 'at', 'for', 'after', 'before', 'so', 'yet',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'however', 'meanwhile',
  'still', 'there', 'here', 'what', 'why', 'how', 'who', 'one', 'some', 'many', 'most', 'all', 'no', 'not', 'now',
  'you', 'your', 'with', 'from', 'by', 'to', 'of', 'or', 'then', 'also', 'even', 'just', 'since', 'after', 'because',
  'several', 'both', 'few', 'two', 'three', 'four', 'another', 'other', 'each', 'every', 'senior', 'top',
]);
const DETERMINERS = new Set(['a', 'an', 'the', 'some', 'several', 'many', 'two', 'three', 'four', 'other', 'another', 'one', 'most', 'few', 'senior', 'top']);
/** Words that open a plain noun phrase that can be a source: "the statement", "his campaign". */
const NP_OPENERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'this', 'that', 'one']);
const STOP_LEFT = new Set([
  'said', 'says', 'told', 'and', 'or', 'but', 'that', 'which', 'who', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'by',
  'from', 'as', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'not', 'than',
]);

const isWord = (t: Token | undefined): boolean => !!t && t.type === 'word';
/** "Acknowledging": made once (a regular expression literal makes a new object each time it is evaluated). */
const CAPITALISED_ING = /^\p{Lu}\p{Ll}+ing$/u;

/** One to three capitals (and dots): the parts of an acronym. */
const ACRONYM_PART = /^[\p{Lu}.]{1,3}$/u;

/** Whether the dot at token j sits inside an acronym, with capitals on both sides and no space: "N.Y", "U.S.A". */
function isAcronymDot(tokens: Token[], j: number): boolean {
  const before = tokens[j - 1];
  const after = tokens[j + 1];
  return !!before && !!after && after.start === tokens[j].end && ACRONYM_PART.test(before.text) && ACRONYM_PART.test(after.text);
}

/** True when token k lies inside one of the masked ranges (quotes). */
export type Masked = (k: number) => boolean;

/**
 * The mentions in tokens[lo, hi), skipping masked tokens. Names run over capitalised words, abbreviation dots,
 * hyphens and joiners ("Department of State", "Beto O'Rourke"); a possessive ends them.
 */
export function findMentions(window: TokenWindow, lo: number, hi: number): Mention[] {
  const { tokens, masked } = window;
  // Token k's lower case ('' outside the window).
  const lower = (k: number) => lowerAt(window, k);
  const out: Mention[] = [];
  for (let k = lo; k < hi; k++) {
    const t = tokens[k];
    if (!isWord(t) || masked(k)) continue;
    const w = window.lower[k];
    if (SUBJECT_PRONOUNS.has(w)) {
      out.push({ start: t.start, end: t.end, first: k, last: k, shape: 'pronoun' });
      continue;
    }
    // A long capitalised -ing word opens a sentence, not a name: "Acknowledging Russia’s concerns".
    if (isCapitalized(t.text) && (!NOT_NAMES.has(w) || (k + 1 < hi && TITLES.has(w))) && !(t.text.length >= 9 && CAPITALISED_ING.test(t.text))) {
      let last = k;
      let j = k + 1;
      while (j < hi && !masked(j)) {
        const n = tokens[j];
        if (isWord(n) && isCapitalized(n.text) && !NOT_NAMES.has(lower(j))) {
          last = j;
          j++;
          continue;
        }
        // "Department of State", "Beto O ’ Rourke", "Jean - Luc"
        // (Not "Putin on Tuesday": the word after the joiner must be able to be part of a name.)
        if (isWord(n) && NAME_JOINERS.has(lower(j)) && isWord(tokens[j + 1]) && isCapitalized(tokens[j + 1].text) && !NOT_NAMES.has(lower(j + 1)) && !masked(j + 1)) {
          j++;
          continue;
        }
        // "Harbour master Ola Frantzen", "Soviet leader Mikhail Gorbachev": a lower-case title between names.
        if (isWord(n) && (TITLES.has(n.text) || LOWER_TITLES.has(n.text)) && isWord(tokens[j + 1]) && isCapitalized(tokens[j + 1].text) && !masked(j + 1)) {
          j++;
          continue;
        }
        // "Jean-Luc", "N.Y": a dot joins only inside an acronym, written without a space; after a word it ends a
        // sentence ("… with Sanders. Lombardi said").
        if (n.type === 'punct' && (n.text === '-' || (n.text === '.' && isAcronymDot(tokens, j))) && isWord(tokens[j + 1]) && isCapitalized(tokens[j + 1].text) && n.start === tokens[j - 1].end) {
          j++;
          continue;
        }
        if (n.type === 'punct' && (n.text === '’' || n.text === "'") && isWord(tokens[j + 1]) && tokens[j + 1].text.length > 1 && isCapitalized(tokens[j + 1].text) && n.start === tokens[j - 1].end) {
          j++;
          continue;
        }
        break;
      }
      // Include a determiner before it: "the Associated Press".
      let first = k;
      if (k - 1 >= lo && lower(k - 1) === 'the' && !masked(k - 1)) first = k - 1;
      // A name followed by a role noun is one phrase: "NATO officials", "White House spokesman".
      let end = last;
      let shape: MentionShape = 'name';
      let r = last + 1;
      while (r < hi && r - last <= 3 && isWord(tokens[r]) && !masked(r) && startsLowercase(tokens[r].text) && !STOP_LEFT.has(lower(r))) {
        if (ROLE_NOUNS.has(lower(r))) {
          end = r;
          shape = 'role';
          break;
        }
        r++;
      }
      if (shape === 'role') {
        // "a senior Ukrainian diplomat": take the determiner and lower-case modifiers before the name too.
        for (let j = first - 1; j >= lo && first - j <= 3 && isWord(tokens[j]) && !masked(j); j--) {
          const pw = lower(j);
          if (STOP_LEFT.has(pw) || SUBJECT_PRONOUNS.has(pw) || !startsLowercase(tokens[j].text)) break;
          first = j;
          if (DETERMINERS.has(pw) && pw !== 'senior' && pw !== 'top') break;
        }
      }
      out.push({ start: tokens[first].start, end: tokens[end].end, first, last: end, shape });
      if (shape === 'role') out.push({ start: tokens[first].start, end: tokens[last].end, first, last, shape: 'name' });
      k = end;
      continue;
    }
    if (NP_OPENERS.has(w) && k + 1 < hi && !ROLE_NOUNS.has(lower(k + 1))) {
      // A plain noun phrase: "the statement", "his office", "one of her ads", "the editorial board".
      let last = -1;
      for (let j = k + 1; j < hi && j - k <= 4 && isWord(tokens[j]) && !masked(j); j++) {
        const nw = lower(j);
        if (STOP_LEFT.has(nw) || SUBJECT_PRONOUNS.has(nw) || !startsLowercase(tokens[j].text) || ((nw.endsWith('ly') || nw.endsWith('ed') || nw.endsWith('ing')) && j > k + 1)) break;
        last = j;
        const next = tokens[j + 1];
        if (!next || !isWord(next) || STOP_LEFT.has(lower(j + 1)) || !startsLowercase(next.text)) break;
      }
      if (last > k && !ROLE_NOUNS.has(lower(last))) out.push({ start: t.start, end: tokens[last].end, first: k, last, shape: 'phrase' });
    }
    if (ROLE_NOUNS.has(w)) {
      // Walk left over modifiers to a determiner: "a senior Ukrainian diplomat", "officials".
      let first = k;
      for (let j = k - 1; j >= lo && k - j <= 5 && !masked(j); j--) {
        const p = tokens[j];
        if (!isWord(p)) break;
        const pw = lower(j);
        if (DETERMINERS.has(pw)) {
          first = j;
          // "a senior port official": "senior" and "top" may follow an article.
          if (pw === 'senior' || pw === 'top') continue;
          break;
        }
        if (STOP_LEFT.has(pw) || SUBJECT_PRONOUNS.has(pw)) break;
        first = j;
      }
      // Extend right over "of/for/at X" for one short phrase: "a spokesman for the campaign".
      let last = k;
      if (['for', 'of', 'at', 'with', 'close', 'familiar'].includes(lower(k + 1)) && k + 1 < hi) {
        let j = k + 2;
        while (j < hi && j - k <= 6 && isWord(tokens[j]) && !masked(j) && (!STOP_LEFT.has(lower(j)) || lower(j) === 'the')) j++;
        if (j - 1 > k + 1) last = j - 1;
      }
      out.push({ start: tokens[first].start, end: tokens[k].end, first, last: k, shape: 'role' });
      if (last > k) out.push({ start: tokens[first].start, end: tokens[last].end, first, last, shape: 'role' });
      // Coordinated sources: "officials and diplomatic observers".
      if (lower(k + 1) === 'and') {
        for (let j = k + 2; j < hi && j - k <= 5 && isWord(tokens[j]) && !masked(j); j++) {
          if (ROLE_NOUNS.has(lower(j))) {
            out.push({ start: tokens[first].start, end: tokens[j].end, first, last: j, shape: 'role' });
            break;
          }
          if (STOP_LEFT.has(lower(j))) break;
        }
      }
    }
  }
  return out;
}
