// The tokens a speaker model reads (a sentence, or the window around a quote) with what its features ask of each
// token worked out once: the lower case, the learned cue probability and the word's names as a feature key. The
// features read them many times over, once per candidate.

import type { Token } from '../text';
import { FeatureName } from '../models/featureSink';
import { cueProbability, stem, type CueLexicon } from './features';
import type { Masked } from './mentions';

/**
 * A word's names as a feature key ("w=" + its stem, "cueR=" + its lower case), one object per lower-case word: a
 * model's score finds their weights by identity (see FeatureName) instead of by the strings.
 */
export interface WordKeys {
  lower: FeatureName;
  stem: FeatureName;
  /**
   * The stem again, as a predicate's key ("verb=" + it, and "verb2=" + it + the next token's afterVerb): a name of its
   * own, so that each of the two names stays remembered under its own few families.
   */
  verb: FeatureName;
  /** "_" and the stem (a punctuation mark's stem is itself): the token after a verb, as in "verb2=" + "said" + "_that". */
  afterVerb: FeatureName;
}

export interface TokenWindow {
  tokens: Token[];
  /** Tokens inside quotes. */
  masked: Masked;
  /** Each token's text in lower case. */
  lower: string[];
  /** Each word's cue probability when outside quotes; 0 for a quoted word and for punctuation. */
  cue: Float64Array;
  /** Each token's names as a feature key. */
  keys: WordKeys[];
}

export function tokenWindow(tokens: Token[], masked: Masked, cues: CueLexicon): TokenWindow {
  const lower = new Array<string>(tokens.length);
  const cue = new Float64Array(tokens.length);
  const keys = new Array<WordKeys>(tokens.length);
  const facts = factsFor(cues);
  for (let k = 0; k < tokens.length; k++) {
    const text = tokens[k].text;
    let known = facts.get(text);
    if (known === undefined) {
      const lowerText = text.toLowerCase();
      known = { lower: lowerText, cue: cueProbability(cues, lowerText), keys: wordKeys(lowerText) };
      // Bounded: a session sees an open vocabulary.
      if (facts.size > 50_000) facts.clear();
      facts.set(text, known);
    }
    lower[k] = known.lower;
    keys[k] = known.keys;
    if (tokens[k].type === 'word' && !masked(k)) cue[k] = known.cue;
  }
  return { tokens, masked, lower, cue, keys };
}

/**
 * A token text's lower case and cue probability, for the lexicon asked last (one model is in use at a time). One
 * lookup per token instead of a lower-casing and a lookup, and each word's lower case is then one string every run:
 * the features' lookups by it find their entries by identity.
 */
interface WordFacts {
  lower: string;
  cue: number;
  keys: WordKeys;
}
let factsLexicon: CueLexicon | null = null;
let wordFacts = new Map<string, WordFacts>();
function factsFor(cues: CueLexicon): Map<string, WordFacts> {
  if (cues !== factsLexicon) {
    factsLexicon = cues;
    wordFacts = new Map();
  }
  return wordFacts;
}

/** Keys per lower-case word, and key names per stem: the words of a stem share one name. Bounded (an open vocabulary). */
const keysByWord = new Map<string, WordKeys>();
const namesByStem = new Map<string, FeatureName>();
export function wordKeys(lowerText: string): WordKeys {
  let keys = keysByWord.get(lowerText);
  if (!keys) {
    const wordStem = stem(lowerText);
    let stemName = namesByStem.get(wordStem);
    if (!stemName) {
      if (namesByStem.size > 50_000) namesByStem.clear();
      namesByStem.set(wordStem, (stemName = new FeatureName(wordStem)));
    }
    if (keysByWord.size > 50_000) keysByWord.clear();
    keysByWord.set(lowerText, (keys = { lower: new FeatureName(lowerText), stem: stemName, verb: new FeatureName(wordStem), afterVerb: new FeatureName(`_${wordStem}`) }));
  }
  return keys;
}

/** Token k's lower case; '' outside the window. */
export function lowerAt(w: TokenWindow, k: number): string {
  return k >= 0 && k < w.lower.length ? w.lower[k] : '';
}

/**
 * The window of `tokens`, a run of a window's tokens from index `from` (a sentence of its paragraph) with the same
 * mask: nothing worked out again.
 */
export function subWindow(w: TokenWindow, from: number, tokens: Token[], masked: Masked): TokenWindow {
  const to = from + tokens.length;
  return { tokens, masked, lower: w.lower.slice(from, to), cue: w.cue.subarray(from, to), keys: w.keys.slice(from, to) };
}

/** A window made of tokens of other windows, in order (a quote's context may span paragraphs), at other offsets. */
export class WindowBuilder {
  readonly tokens: Token[] = [];
  private readonly quoted: boolean[] = [];
  private readonly lower: string[] = [];
  private readonly cue: number[] = [];
  private readonly keys: WordKeys[] = [];

  /** Token k of window `w`, as `token` (the same token at its offset in the article). */
  push(w: TokenWindow, k: number, token: Token): void {
    this.tokens.push(token);
    this.quoted.push(w.masked(k));
    this.lower.push(w.lower[k]);
    this.cue.push(w.cue[k]);
    this.keys.push(w.keys[k]);
  }

  build(): TokenWindow {
    const quoted = this.quoted;
    return { tokens: this.tokens, masked: (k) => quoted[k], lower: this.lower, cue: Float64Array.from(this.cue), keys: this.keys };
  }
}
