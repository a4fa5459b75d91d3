// Features of a speaker candidate, shared by the quote model and the reported-speech model. Every feature is a
// plain string (binary) or a string with a real value; the weights that go with them are learned (src/train).

import type { Token } from '../text';
import { isCapitalized } from '../text';
import { ROLE_NOUNS, TITLES } from '../lexicon';
import { FeatureLabel, featureLabels, FeatureName, featureNames, type FeatureSink } from '../models/featureSink';
import type { Mention } from './mentions';
import { lowerAt, wordKeys, type TokenWindow, type WordKeys } from './window';

/** The feature names written below (see FeatureName). */
const NAMES = featureNames('shape:', 'len:', 'pron:', 'title', 'rolehead', 'plural', 'allcaps', 'possessive', 'prev:', 'next:', 'head:never');

/**
 * Learned P(word is part of a reporting cue), by lower-case word, and by stem under `~stem` for the forms training
 * never saw often enough ("reaffirming" reads as the other forms of "reaffirm").
 */
export type CueLexicon = Record<string, number>;

/** A word's rough stem, so that "supports", "supported" and "supporting" (and "announce", "announced") share a weight. */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    const w = word.toLowerCase();
    const m = /^(.{3,}?)(?:ing|ed|es|s|e)$/.exec(w);
    s = m ? m[1] : w;
    if (stems.size > 50_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}
const stems = new Map<string, string>();

/**
 * `answer` remembered per word for the lexicon asked last (one model is in use at a time; training switches between
 * folds' lexicons), bounded because a session sees an open vocabulary.
 */
function rememberedPerLexicon<T>(answer: (cues: CueLexicon, word: string) => T): (cues: CueLexicon, word: string) => T {
  let answeredFor: CueLexicon | null = null;
  let answers = new Map<string, T>();
  return (cues, word) => {
    if (cues !== answeredFor) {
      answeredFor = cues;
      answers = new Map();
    }
    let known = answers.get(word);
    if (known === undefined) {
      known = answer(cues, word);
      if (answers.size > 50_000) answers.clear();
      answers.set(word, known);
    }
    return known;
  };
}

/** P(a lower-case word is part of a reporting cue): the word's own figure, else its stem's, else 0. */
export const cueProbability = rememberedPerLexicon((cues, word) => cues[word] ?? cues[`~${stem(word)}`] ?? 0);

/**
 * Whether a lower-case word is one training saw often and never ending an annotated source ("recent", "apparent"),
 * listed beside the cues under `^word`.
 */
export const neverEndsSource = rememberedPerLexicon((cues, word) => cues[`^${word}`] === 0);

const isWord = (t: Token | undefined): boolean => !!t && t.type === 'word';

/** Words skipped between a subject and its cue: "has said", "later told", "would repeatedly argue". */
export const SKIPPABLE = new Set([
  'has', 'have', 'had', 'is', 'was', 'were', 'are', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'did',
  'does', 'do', 'also', 'later', 'then', 'again', 'once', 'previously', 'recently', 'often', 'never', 'not', 'still',
  'already', 'first', 'simply', 'just', 'even', 'repeatedly', 'reportedly', 'publicly', 'privately', 'been', 'be',
  'flatly', 'quickly', 'frequently', 'explicitly', 'openly', 'further', 'had', 'has', 'n’t', "n't",
]);
/** Closed-class neighbours worth a feature of their own. */
const NEIGHBOURS = new Set([
  'the', 'a', 'an', 'of', 'to', 'for', 'with', 'by', 'in', 'on', 'at', 'from', 'about', 'against', 'as', 'that', 'and',
  'or', 'but', 'according', 'said', 'says', 'told', 'asked', 'than', 'like', 'who', 'which', 'when', 'while', 'because',
  'called', 'call', 'calls', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'will', 'would', 'says', 'say', 'added',
  'wrote', 'writes', 'tweeted', 'noted', 'explained', 'argued', 'his', 'her', 'their', 'its', 'my', 'our',
]);
const PLURAL_PRONOUNS = new Set(['they', 'we']);
/** Punctuation's neighbour feature values, made once each. */
const punctNeighbours = new Map<string, FeatureName>();

/**
 * A bucketing of a count by upper edges: the first edge it does not exceed ("2"), else ">" and the last (">10"). The
 * labels are made once: features are scored by them many times an article.
 */
export function buckets(...edges: number[]): (x: number) => FeatureLabel {
  const labels = edges.map((edge) => new FeatureLabel(String(edge)));
  const over = new FeatureLabel(`>${edges[edges.length - 1]}`);
  return (x) => {
    for (let i = 0; i < edges.length; i++) if (x <= edges[i]) return labels[i];
    return over;
  };
}

/** Words in a mention or a span. */
export const WORD_COUNT = buckets(1, 2, 3, 5);
/** Tokens between a mention and its cue over an aside. */
export const ASIDE = buckets(0, 3, 8, 20);

const CUE_LEVELS = featureLabels('hi', 'mid', 'lo', 'weak', 'none');
export function cueBucket(p: number): FeatureLabel {
  return p >= 0.6 ? CUE_LEVELS.hi : p >= 0.3 ? CUE_LEVELS.mid : p >= 0.1 ? CUE_LEVELS.lo : p > 0 ? CUE_LEVELS.weak : CUE_LEVELS.none;
}

/** A mention's shape as a feature key. */
const SHAPES = featureLabels('name', 'pronoun', 'role', 'phrase');

/** What a neighbouring token is: a closed-class word, punctuation, a capitalised or another word, or the edge. */
export function neighbour(t: Token | undefined): string {
  return neighbourOf(t, t && wordKeys(t.text.toLowerCase())).text;
}

/** neighbour() of token k of a window, as a feature key. */
function neighbourAt(w: TokenWindow, k: number): FeatureName {
  return neighbourOf(w.tokens[k], w.keys[k]);
}

const NEIGHBOUR_CLASSES = featureNames('edge', 'Cap', 'w');
function neighbourOf(t: Token | undefined, keys: WordKeys | undefined): FeatureName {
  if (!t) return NEIGHBOUR_CLASSES.edge;
  if (t.type === 'punct') {
    let name = punctNeighbours.get(t.text);
    if (name === undefined) {
      name = new FeatureName(`p${t.text === '“' || t.text === '"' || t.text === '”' ? 'Q' : /^[―—–-]$/.test(t.text) ? '-' : t.text}`);
      if (punctNeighbours.size > 1000) punctNeighbours.clear();
      punctNeighbours.set(t.text, name);
    }
    return name;
  }
  if (NEIGHBOURS.has(keys!.lower.text)) return keys!.lower;
  return isCapitalized(t.text) ? NEIGHBOUR_CLASSES.Cap : NEIGHBOUR_CLASSES.w;
}

export interface CueHit {
  /** Token index of the cue word. */
  at: number;
  word: string;
  /** The word as a feature key. */
  key: FeatureName;
  p: number;
}

/** "according to" as a feature key (one cue of two words). */
const ACCORDING_TO = new FeatureName('according to');

/** The reporting cue right after a mention ("X said", "X, a spokesman, has told"), up to `reach` words on. */
export function cueAfter(window: TokenWindow, last: number, hi: number, reach = 4): CueHit | null {
  const { tokens, masked } = window;
  let words = 0;
  for (let k = last + 1; k < hi && words < reach; k++) {
    const t = tokens[k];
    if (masked(k)) return null;
    if (!isWord(t)) {
      if (t.text === ',' || t.text === '’' || t.text === "'" || t.text === '(' || t.text === ')' || t.text === '-') continue;
      return null;
    }
    const w = window.lower[k];
    const p = window.cue[k];
    if (p >= 0.05 && !SKIPPABLE.has(w)) return { at: k, word: w, key: window.keys[k].lower, p };
    // Another name starts: the cue, if any, is that name's ("Harbour master Ola Frantzen said").
    if (isCapitalized(t.text) && k > last + 1) return null;
    if (!SKIPPABLE.has(w)) words++;
  }
  return null;
}

/** The cue right before a mention: "said X", "according to X", "told by X". */
export function cueBefore(window: TokenWindow, first: number, lo: number): CueHit | null {
  const { tokens, masked } = window;
  for (let k = first - 1, words = 0; k >= lo && words < 3; k--) {
    const t = tokens[k];
    if (masked(k)) return null;
    if (!isWord(t)) {
      if (t.text === ',') continue;
      return null;
    }
    const w = window.lower[k];
    if (w === 'to' && lowerAt(window, k - 1) === 'according') return { at: k - 1, word: 'according to', key: ACCORDING_TO, p: 1 };
    const p = window.cue[k];
    if (p >= 0.05) return { at: k, word: w, key: window.keys[k].lower, p };
    if (w !== 'the' && w !== 'by') words++;
  }
  return null;
}

/**
 * What a mention is, whatever its position: shape, title, role noun, possessive, pronoun; and, given the lexicon that
 * holds it beside the cue words (`heads`), whether its last word is a frequent word that never ends a source in
 * training ("the recent" of "the recent claims that …").
 */
export function mentionFeatures(window: TokenWindow, m: Mention, out: FeatureSink, heads?: CueLexicon): void {
  const { tokens } = window;
  // The mention's words: how many, the first two and the last (read in place: this runs for every candidate).
  let count = 0;
  let first = -1;
  let second = -1;
  let last = -1;
  for (let k = m.first; k <= m.last; k++) {
    if (!isWord(tokens[k])) continue;
    if (count === 0) first = k;
    else if (count === 1) second = k;
    last = k;
    count++;
  }
  const head = lowerAt(window, last);
  out.addKey(NAMES['shape:'], SHAPES[m.shape]);
  out.addKey(NAMES['len:'], WORD_COUNT(count));
  if (m.shape === 'pronoun') out.addKey(NAMES['pron:'], window.keys[last].lower);
  if (TITLES.has(lowerAt(window, first)) || (count > 1 && TITLES.has(lowerAt(window, second)))) out.add(NAMES.title);
  if (ROLE_NOUNS.has(head)) out.add(NAMES.rolehead);
  if (heads && neverEndsSource(heads, head)) out.add(NAMES['head:never']);
  if (PLURAL_PRONOUNS.has(head) || (head.endsWith('s') && !head.endsWith('ss') && m.shape !== 'name')) out.add(NAMES.plural);
  if (count && allCaps(tokens, m.first, m.last)) out.add(NAMES.allcaps);
  const after = tokens[m.last + 1];
  const afterApostrophe = tokens[m.last + 2]?.text;
  if (after && (after.text === '’' || after.text === "'") && (afterApostrophe === 's' || afterApostrophe === 'S')) out.add(NAMES.possessive);
  out.addKey(NAMES['prev:'], neighbourAt(window, m.first - 1));
  out.addKey(NAMES['next:'], neighbourAt(window, m.last + 1));
}

/** Every word of tokens[first..last] is in capitals ("NATO", "U.S."). */
function allCaps(tokens: Token[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) if (isWord(tokens[k]) && !ALL_CAPS.test(tokens[k].text)) return false;
  return true;
}
// Made once: a regular expression literal makes a new object each time it is evaluated.
const ALL_CAPS = /^\p{Lu}[\p{Lu}.-]*$/u;
