// Who a speaker phrase names: "Russian President Vladimir Putin" is the person "Vladimir Putin" with the description
// "Russian President"; "a Kremlin security adviser" names nobody and is listed by its description. Word lists and
// capitalisation only (deterministic, offline), so the same phrase always gives the same source.
import { ROLE_NOUNS, TITLES } from '../lexicon';

/** One source a speaker phrase refers to ("X and Y" refers to two). */
export interface SpeakerRef {
  /** A proper name ("Vladimir Putin", "Kremlin"), or undefined when the phrase only describes the speaker. */
  name?: string;
  /** The words around the name ("Russian President"), or the whole description ("a Kremlin security adviser"). */
  description?: string;
}

/** Title words beyond the lexicon's (which lists the ones that open a name in running text). */
const MORE_TITLES = new Set([
  'councillor', 'councilor', 'councilman', 'councilwoman', 'alderman', 'assemblyman', 'assemblywoman', 'congressman',
  'congresswoman', 'state', 'deputy', 'foreign', 'defence', 'defense', 'finance', 'health', 'interior', 'premier',
  'minister', 'mp', 'mep', 'lord', 'lady', 'sir', 'dame', 'bishop', 'cardinal', 'archbishop', 'rabbi', 'imam', 'sheikh',
  'emir', 'sultan', 'chair', 'head', 'editor', 'economist', 'analyst', 'spokesperson', 'envoy', 'lt', 'maj', 'major',
  'sergeant', 'lieutenant', 'corporal', 'private', 'marshal', 'field', 'crown', 'chief', 'executive', 'secretary-general',
  'secretary', 'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'president-elect', 'ex-president', 'former',
  'acting', 'interim', 'supreme', 'opposition', 'party', 'ukrainian', 'russian', 'american', 'british', 'german', 'french',
]);

/** Capitalised words that open a sentence or a clause and never begin a name. */
const NOT_NAME = new Set([
  'the', 'a', 'an', 'and', 'but', 'or', 'nor', 'so', 'yet', 'if', 'when', 'while', 'as', 'for', 'since', 'however', 'although',
  'though', 'meanwhile', 'then', 'also', 'still', 'even', 'now', 'later', 'earlier', 'instead', 'after', 'before', 'in', 'on',
  'at', 'by', 'with', 'from', 'to', 'of', 'this', 'that', 'these', 'those', 'it', 'its', 'his', 'her', 'their', 'our',
  'my', 'your', 'he', 'she', 'they', 'we', 'i', 'you', 'who', 'what', 'where', 'why', 'how', 'yes', 'no', 'not', 'said',
  'says', 'according', 'told', 'asked', 'speaking', 'mr.', 'mrs.', 'ms.', 'dr.', 'several', 'some', 'many', 'few',
  'other', 'another', 'one', 'two', 'three', 'both', 'each', 'every', 'all', 'any', 'such', 'western', 'eastern',
  'northern', 'southern', 'european', 'international', 'senior', 'top', 'former', 'unnamed', 'anonymous', 'us', 'u.s.',
  // Prepositions and adverbs that open a sentence before a name ("Inside Russia, …", "Across Europe, …").
  'inside', 'outside', 'within', 'without', 'near', 'under', 'over', 'around', 'among', 'amid', 'across', 'beyond',
  'despite', 'during', 'through', 'throughout', 'against', 'behind', 'between', 'into', 'about', 'like', 'unlike',
  'whether', 'unless', 'until', 'once', 'here', 'there', 'yesterday', 'historically', 'because', 'given',
]);

/** Lower-case words inside a name ("Ursula von der Leyen", "Charles de Gaulle"). */
const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ter', 'zu']);

/** Words that make a following name the complement of a description. */
const PREPOSITIONS = new Set(['in', 'at', 'of', 'from', 'for', 'to', 'with', 'near', 'inside', 'within', 'by', 'on', 'under', 'around', 'among']);

export const PRONOUN_SPEAKERS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you', 'him', 'her', 'them', 'us', 'one', 'who', 'which', 'that', 'this']);

/** Determiners and quantifiers left out of a description's key ("Several senior officials" = "senior officials"). */
const DESCRIPTION_OPENERS = new Set(['a', 'an', 'the', 'one', 'some', 'several', 'many', 'two', 'three', 'four', 'five', 'multiple', 'various', 'numerous', 'few', 'certain', 'other', 'another', 'although', 'but', 'and', 'while', 'as']);

function isCapitalised(word: string): boolean {
  const c = word.codePointAt(0) ?? 0;
  return c > 0 && String.fromCodePoint(c) !== String.fromCodePoint(c).toLowerCase();
}

function bare(word: string): string {
  return word.replace(/[’‘]/g, "'").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.']+$/gu, '');
}

function isTitle(word: string): boolean {
  const w = word.toLowerCase().replace(/[’‘]/g, "'");
  return TITLES.has(w) || MORE_TITLES.has(w.replace(/\.$/, '')) || (ROLE_NOUNS.has(w) && !isCapitalisedInitial(word));
}

/** "V." is an initial inside a name ("U.S." is not: it is a country before a name). */
function isCapitalisedInitial(word: string): boolean {
  return /^\p{Lu}\.$/u.test(word);
}

/** True for a word that can be part of a personal or organisation name at this place. */
function nameWord(word: string): boolean {
  if (!word || !isCapitalised(word)) return false;
  if (/['’]s$/.test(word)) return false; // a possessive belongs to what follows it
  return !NOT_NAME.has(word.toLowerCase()) && !isTitle(word);
}

/** True when words[i] is a particle and a name word precedes its run of particles ("Ursula von der"). */
function particleRunAt(words: readonly string[], i: number): boolean {
  if (!PARTICLES.has(words[i].toLowerCase())) return false;
  let j = i - 1;
  while (j >= 0 && PARTICLES.has(words[j].toLowerCase())) j--;
  return j >= 0 && nameWord(words[j]);
}

/**
 * The trailing proper name of a phrase, as word indexes [from, words.length), or -1 when its last word is not a name
 * word. Particles are taken only between name words.
 */
function trailingName(words: string[]): number {
  let from = words.length;
  while (from > 0) {
    const w = words[from - 1];
    if (nameWord(w) || isCapitalisedInitial(w)) from--;
    else if (from < words.length && particleRunAt(words, from - 1)) from--;
    else break;
  }
  // Never open on a particle.
  while (from < words.length && PARTICLES.has(words[from].toLowerCase())) from++;
  return from < words.length ? from : -1;
}

/** The parts of a speaker phrase ("X and Y", "X & Y") when each part ends in a name, else the phrase itself. */
function parts(phrase: string): string[] {
  const split = phrase.split(/\s+(?:and|&)\s+/);
  if (split.length < 2) return [phrase];
  const named = split.every((p) => {
    const words = p.split(/\s+/).map(bare).filter(Boolean);
    return trailingName(words) >= 0;
  });
  return named ? split : [phrase];
}

/**
 * What a speaker phrase refers to. `atSentenceStart` (the phrase opens its sentence) and `capitalisedElsewhere` (the
 * word is written capitalised in the middle of a sentence somewhere in the article) decide whether a lone capitalised
 * word is a proper name ("Kremlin") or an ordinary word that opens the sentence ("Opponents"). Pronouns refer to no
 * one here: the attribution resolves them when it can.
 */
export function parseSpeaker(phrase: string, atSentenceStart = false, capitalisedElsewhere: (word: string) => boolean = () => false): SpeakerRef[] {
  const text = phrase.replace(/\s+/g, ' ').trim();
  if (!text || PRONOUN_SPEAKERS.has(text.toLowerCase())) return [];
  const out: SpeakerRef[] = [];
  for (const part of parts(text)) {
    const raw = part.split(' ');
    // A word that is all punctuation ("—") stays as a stop between the description and the name.
    const words = raw.map((w) => bare(w) || '-');
    const from = trailingName(words);
    // "officials in Kyiv", "a source close to Putin": the name completes a description, it is not the speaker.
    const complement = from > 0 && PREPOSITIONS.has(words[from - 1].toLowerCase());
    if (from >= 0 && !complement) {
      const first = words[from];
      // A single word opening the sentence is a name only when the article writes it capitalised elsewhere too.
      const ordinary = from === 0 && words.length === 1 && atSentenceStart && out.length === 0 && !capitalisedElsewhere(first);
      if (!ordinary) {
        const name = words.slice(from).join(' ');
        // A title before a name is shown without its article ("the urban planner" → "urban planner").
        const description = describe(raw.slice(0, from).join(' ').replace(/^(?:the|a|an)\s+/i, ''));
        out.push(description ? { name, description } : { name });
        continue;
      }
    }
    const description = describe(part);
    if (description) out.push({ description });
  }
  return out;
}

/** A description as shown: without a leading conjunction, trimmed of punctuation. */
function describe(words: string): string | undefined {
  const s = words
    .replace(/^(?:although|but|and|while|as|however|yet)\s+/i, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '')
    .replace(/^(?:the|a|an)$/i, '')
    .trim();
  return s || undefined;
}

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'");
}

/** The key two spellings of one name share: case, accents, dots and middle initials do not count. */
export function nameKey(name: string): string {
  const words = fold(name)
    .replace(/\./g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const kept = words.length > 2 ? words.filter((w, i) => i === 0 || i === words.length - 1 || w.length > 1) : words;
  return kept.join(' ');
}

/** The key of a description: case, quote styles, and leading determiners and quantifiers do not count. */
export function descriptionKey(description: string): string {
  const words = fold(description)
    .replace(/[^\p{L}\p{N}' .-]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && DESCRIPTION_OPENERS.has(words[i])) i++;
  return words.slice(i).join(' ');
}

/** The last word of a name's key (its surname, for a person). */
export function surnameKey(key: string): string {
  return key.slice(key.lastIndexOf(' ') + 1);
}

const SENTENCE_END = /[.!?]["'”’)\]]*\s*$/;

/**
 * The longest way the article writes a name ending in `surname` ("Putin" → "Vladimir Putin", from "Russian
 * President Vladimir Putin said…"), with the title written before it ("Russian President"): the most frequent such
 * name, the longest on a tie; undefined when the article never gives more than the surname.
 */
export function fullNameIn(text: string, surname: string): { name: string; description?: string } | undefined {
  if (!surname || surname.includes(' ')) return undefined;
  const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  const counts = new Map<string, { n: number; description?: string }>();
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = pattern.exec(text)) && seen++ < 200) {
    // Within the paragraph only.
    let from = Math.max(0, m.index - 100);
    const newline = Math.max(text.lastIndexOf('\n', m.index - 1), text.lastIndexOf('\r', m.index - 1));
    if (newline >= from) from = newline + 1;
    const before = text.slice(from, m.index);
    if (!/[ \t\u00a0]$/.test(before)) continue;
    const words = before.split(/[ \t\u00a0]+/);
    words.pop(); // the empty string after the last space
    const lead: string[] = [];
    let i = words.length - 1;
    for (; i >= 0 && lead.length < 4; i--) {
      const w = words[i];
      if (/[,;:()"“”]/.test(w) || (SENTENCE_END.test(w) && !isCapitalisedInitial(w))) break;
      if (nameWord(w) || isCapitalisedInitial(w)) lead.unshift(w);
      else if (particleRunAt(words, i)) lead.unshift(w);
      else break;
    }
    while (lead.length && PARTICLES.has(lead[0].toLowerCase())) lead.shift();
    if (!lead.length) continue;
    // The capitalised titles just before the name ("Russian President", "U.S. Secretary of State").
    const titles: string[] = [];
    for (; i >= 0 && titles.length < 5; i--) {
      const w = words[i];
      if (/[,;:()"“”]/.test(w) || !(isCapitalised(w) || w === 'of') || !(isTitle(w) || /^(?:\p{Lu}\.){2,}$/u.test(w) || w === 'of')) break;
      titles.unshift(w);
    }
    while (titles[0] === 'of') titles.shift();
    const name = `${lead.join(' ')} ${surname}`;
    const entry = counts.get(name) ?? { n: 0 };
    entry.n++;
    if (titles.length && !entry.description) entry.description = titles.join(' ');
    counts.set(name, entry);
  }
  let best: string | undefined;
  for (const [name, e] of counts) {
    const b = best === undefined ? 0 : counts.get(best)!.n;
    if (e.n > b || (e.n === b && name.length > best!.length)) best = name;
  }
  if (best === undefined) return undefined;
  const description = counts.get(best)!.description;
  return description ? { name: best, description } : { name: best };
}

/** The capitalised words an article writes in the middle of a sentence (for `parseSpeaker`). */
export function midSentenceCapitals(text: string): Set<string> {
  const out = new Set<string>();
  const re = /(?<=[\p{L}\p{N},;:]\s+)(\p{Lu}[\p{L}'’-]*)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.add(m[1]);
  return out;
}

/** True when `offset` opens a sentence: the start of its line, or after a sentence's end. */
export function opensSentence(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00a0' || text[i] === '“' || text[i] === '"' || text[i] === '‘' || text[i] === "'")) i--;
  if (i < 0 || text[i] === '\n' || text[i] === '\r') return true;
  return /[.!?:”"’)]/.test(text[i]) && SENTENCE_END.test(text.slice(Math.max(0, i - 3), i + 1) + ' ');
}
