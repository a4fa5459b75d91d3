// Check-worthiness: how much a claim is worth checking, as a probability (0–1) from a logistic model, with the
// features that pushed it up or down most, in plain words. The model (src/core/models/checkworthiness.json, written
// by `npm run train`, see src/train/checkworthiness.ts and docs/models.md) weighs
//   - the claim's words and word pairs, hashed into a fixed number of buckets (so the model's size is bounded), and
//   - what the claim extraction found: figures, dates, names, types, hedges, the speaker's kind, opinion markers,
//     first person, questions and length.
// Pure TypeScript, no Node or vscode imports: it runs the same in the CLI, the extension host and a web worker.

import type { ClaimDate, ClaimEntity, ClaimNumber, ClaimSpeaker, ClaimType } from './claims';
import type { Span } from './types';
import { assertLinearModel, sigmoid, type FeatureVector, type LinearModel } from './models/linear';
import { isWhitespaceCode, type Token } from './text';
import { wordCharWidth, WORD_CHARACTER_SOURCE } from './words';
import weights from './models/checkworthiness.json';

/** What the claim extraction knows about a sentence, as the model reads it. */
export interface CheckworthinessInput {
  text: string;
  types: readonly ClaimType[];
  numbers: readonly ClaimNumber[];
  dates: readonly ClaimDate[];
  entities: readonly ClaimEntity[];
  hedges: readonly Span[];
  speakerKind: ClaimSpeaker['kind'];
  /** The cue ("said", "according to"), when the claim is attributed. */
  cue: string | null;
  /** A direct quote stands in the sentence. */
  quoted: boolean;
  /** Opinion wording (should, I think, dangerous, clearly…), outside a quote. */
  opinionMarker: boolean;
  /** The writer argues in the first person ("I contend", "in my view"). */
  firstPersonView: boolean;
  /** An unquantified assertion of the author in an article that reads as an opinion piece. */
  authorsView: boolean;
  /** The sentence's words as modelWords(text) reads them, when the caller has them from the article's tokens. */
  words?: readonly string[];
}

export interface CheckworthinessModel extends LinearModel {
  /** Number of hash buckets for words and word pairs (features `w<bucket>`). */
  buckets: number;
  /** The default minimum score of the Claims view: the threshold with the best F1 on train cross-validated by debate. */
  threshold: number;
}

export interface Checkworthiness {
  /** The model's probability that the claim is worth checking, rounded to 2 decimals. */
  score: number;
  /** The features that moved the score most, strongest first: "a percentage (+0.18)". */
  reasons: string[];
}

/** Checks a parsed weights file; throws with the file's name and what is wrong. Never falls back to anything. */
export function asCheckworthinessModel(value: unknown, name = 'checkworthiness.json'): CheckworthinessModel {
  assertLinearModel(value, name);
  const m = value as CheckworthinessModel;
  if (!Number.isInteger(m.buckets) || m.buckets < 1 || m.buckets > 1 << 24) throw new Error(`${name}: buckets is not a whole number of hash buckets`);
  if (typeof m.threshold !== 'number' || !(m.threshold >= 0 && m.threshold <= 1)) throw new Error(`${name}: threshold is not a score between 0 and 1`);
  for (const key of Object.keys(m.weights)) {
    if (key.startsWith('w')) {
      const bucket = Number(key.slice(1));
      if (!Number.isInteger(bucket) || bucket < 0 || bucket >= m.buckets) throw new Error(`${name}: "${key}" is not a hash bucket below ${m.buckets}`);
    } else if (!(key in FEATURE_LABELS)) throw new Error(`${name}: unknown feature "${key}" (the model was trained with other features than this code extracts)`);
  }
  return m;
}

/** The bundled model, checked once on first use (a broken file fails loudly, with its name). */
let bundled: CheckworthinessModel | undefined;
export function checkworthinessModel(): CheckworthinessModel {
  return (bundled ??= asCheckworthinessModel(weights));
}

/** Plain words for each named feature, as the reasons show them. */
export const FEATURE_LABELS: Record<string, string> = {
  figure: 'a figure',
  figures: 'several figures',
  percent: 'a percentage',
  money: 'a sum of money',
  large: 'a large number (thousands or more)',
  count: 'a count of people or things',
  duration: 'a duration',
  'figure-in-words': 'a figure in words',
  date: 'a date',
  year: 'a year',
  day: 'a day-exact date',
  person: 'a named person',
  organisation: 'a named organisation',
  place: 'a named place',
  names: 'several names',
  hedge: 'hedged wording',
  'speaker:named': 'a named speaker',
  'speaker:anonymous': 'an anonymous source',
  'cue:according': '“according to”',
  quote: 'a direct quote',
  'type:statistic': 'a statistic',
  'type:event': 'an event at a time',
  'type:prediction': 'a prediction',
  'type:causal': 'a cause and effect',
  'type:comparison': 'a comparison',
  'type:rule': 'a law or rule',
  'type:opinion': 'an opinion',
  'type:statement': 'a reported statement',
  'opinion-marker': 'opinion wording',
  'first-person-view': 'first-person opinion',
  'authors-view': 'the author’s view in an opinion piece',
  'first-person': 'first person (I)',
  'first-person-plural': 'first person plural (we)',
  'second-person': 'addressed to “you”',
  question: 'a question',
  exclamation: 'an exclamation',
  'length:short': 'a short sentence',
  'length:long': 'a long sentence',
};

/** Words read per sentence at most: a runaway sentence (no full stop in 5,000 words) is judged on its start. */
export const MAX_WORDS = 400;

/**
 * A word: word characters (words.ts), with inner apostrophes ("don't"), dots ("U.S", "1.5") and commas in figures ("22,500").
 * The definition; modelWords() finds the same matches by a character scan.
 */
export const WORD = new RegExp(String.raw`${WORD_CHARACTER_SOURCE}+(?:(?:['’.]|,(?=\d{3}))${WORD_CHARACTER_SOURCE}+)*`, 'gu');
const FIRST_PERSON = new Set(['i', "i'm", "i've", "i'd", "i'll", 'me', 'my', 'mine', 'myself']);
const FIRST_PERSON_PLURAL = new Set(['we', "we're", "we've", "we'd", "we'll", 'us', 'our', 'ours', 'ourselves']);
const SECOND_PERSON = new Set(['you', "you're", "you've", "you'd", "you'll", 'your', 'yours', 'yourself', 'yourselves']);
/** Quantities written in words ("fifty percent", "two million", "twice"): the claims' figures are digits only. */
const NUMBER_WORDS = new Set(
  ('two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty ' +
    'forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion trillions percent ' +
    'half quarter third thirds twice double doubled triple tripled dozen dozens').split(' '),
);
/** The claim types as features (a quote is the `quote` feature). */
const TYPE_FEATURE = new Map<string, string>(
  Object.keys(FEATURE_LABELS)
    .filter((k) => k.startsWith('type:'))
    .map((k) => [k.slice(5), k]),
);
const COUNT_UNITS = /^(?:people|countries|members|troops|soldiers)$/;
const DURATION_UNITS = /^(?:years?|months?|days?)$/;

const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a over UTF-16 code units. */
function fnv(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
/** The hash state after "^ ", the sentence-start marker of the first word pair. */
const START = fnv('^ ');
const SPACE = 0x20;

/** What closes a sentence after its mark: quotes, apostrophes, brackets. */
const CLOSERS = new Set([...'"”’\')]'].map((c) => c.charCodeAt(0)));

/**
 * The word lists above by their words' FNV hashes (which scoring computes for every word anyway): an open-addressing
 * table of hash → word and list, so a sentence's words are never hashed a second time as Set keys. The word itself
 * confirms a hit. A word in two lists counts for the first that the features test (number words, then I, we, you).
 */
const NUMBER_WORD = 1;
const FIRST_PERSON_WORD = 2;
const FIRST_PERSON_PLURAL_WORD = 4;
const SECOND_PERSON_WORD = 8;
const LIST_SLOTS = 512;
const listWords: string[] = [];
const listKinds: number[] = [];
const listHashes = new Int32Array(LIST_SLOTS);
const listPlaces = new Int32Array(LIST_SLOTS);
function listSlot(hash: number, word: string): number {
  let i = hash & (LIST_SLOTS - 1);
  while (listPlaces[i] !== 0 && !(listHashes[i] === (hash | 0) && listWords[listPlaces[i] - 1] === word)) i = (i + 1) & (LIST_SLOTS - 1);
  return i;
}
for (const [list, kind] of [[NUMBER_WORDS, NUMBER_WORD], [FIRST_PERSON, FIRST_PERSON_WORD], [FIRST_PERSON_PLURAL, FIRST_PERSON_PLURAL_WORD], [SECOND_PERSON, SECOND_PERSON_WORD]] as const) {
  for (const word of list) {
    const hash = fnv(word);
    const i = listSlot(hash, word);
    if (listPlaces[i] !== 0) continue;
    listWords.push(word);
    listKinds.push(kind);
    listHashes[i] = hash | 0;
    listPlaces[i] = listWords.length;
  }
}
/** Which list `word` (whose FNV hash is `hash`) is in: one of the kinds above, or 0. */
function listKind(hash: number, word: string): number {
  const place = listPlaces[listSlot(hash, word)];
  return place === 0 ? 0 : listKinds[place - 1];
}

const CURLY_APOSTROPHE = /’/g;
const isDigit = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * The sentence's words (at most MAX_WORDS), lower case, curly apostrophes straightened, as shown in reasons: the
 * matches of WORD, found by a character scan (the regex was most of the scoring's time).
 */
export function modelWords(text: string): string[] {
  return scanModelWords(text, 0, text.length, []);
}

/**
 * The same words read from the article's token stream (articleTokens.ts): each word token of the sentence
 * [start, end) (tokens relative to `at`, indices from..to), clipped to the sentence, scanned as modelWords scans.
 * A word token never holds two sentences' words; "abc,123" (no digit before the comma) is two tokens and two words.
 */
export function modelWordsOfTokens(text: string, tokens: readonly Token[], from: number, to: number, at: number, start: number, end: number): string[] {
  const out: string[] = [];
  for (let k = from; k < to && out.length < MAX_WORDS; k++) {
    const t = tokens[k];
    if (t.type !== 'word') continue;
    const tokenStart = t.start + at;
    const tokenEnd = t.end + at;
    if (tokenStart >= start && tokenEnd <= end && pushedWholeWord(t.text, out)) continue;
    scanModelWords(text, Math.max(start, tokenStart), Math.min(end, tokenEnd), out);
  }
  return out;
}

/**
 * Pushes a word token's text as its one model word when it has no joiner: a word token is word characters and the
 * joiners ’ ' - . , (tokenize), so without them it is one run of word characters, which scanModelWords reads as
 * one word. False (nothing pushed) for a token with a joiner.
 */
function pushedWholeWord(word: string, out: string[]): boolean {
  let plain = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 0x2019 || c === 0x27 || c === 0x2d || c === 0x2e || c === 0x2c) return false;
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) plain = false;
  }
  out.push(plain ? word : word.toLowerCase());
  return true;
}

/** Appends the words of text[from, n) to `out`, up to MAX_WORDS in all. */
function scanModelWords(text: string, from: number, n: number, out: string[]): string[] {
  let i = from;
  while (i < n && out.length < MAX_WORDS) {
    let len = wordCharWidth(text, i);
    if (!len) {
      i++;
      continue;
    }
    const start = i;
    i += len;
    for (;;) {
      while (i < n && (len = wordCharWidth(text, i))) i += len;

      // A joiner inside the word: an apostrophe or a dot, or a comma before three digits, then more letters or digits.
      const c = text.charCodeAt(i);
      const joins = c === 0x27 || c === 0x2019 || c === 0x2e || (c === 0x2c && isDigit(text, i + 1) && isDigit(text, i + 2) && isDigit(text, i + 3));
      if (joins && i + 1 < n && wordCharWidth(text, i + 1)) i++;
      else break;
    }
    // Already lower case (ASCII lower-case letters, digits and joiners only), and with a curly apostrophe: read off
    // the word's code units, not by a regex and a search of the copy (lower-casing neither makes nor takes a ’).
    let plain = true;
    let curly = false;
    for (let k = start; k < i; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x2019) curly = true;
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || c === 0x2e || c === 0x2c)) plain = false;
    }
    const w = text.slice(start, i);
    const lower = plain ? w : w.toLowerCase();
    out.push(curly ? lower.replace(CURLY_APOSTROPHE, "'") : lower);
  }
  return out;
}

/**
 * One sentence's features in the form scoring needs (the named list and FeatureVector are made from it). One of
 * these is filled sentence after sentence (extract() writes it; scoring and its reasons read it before the next
 * sentence): scoring runs for every claim of every analysis, and its garbage was most of its time on large articles.
 */
class Extraction {
  /** Named features, each of value 1, in order: named[0, namedCount). */
  named: string[] = [];
  namedCount = 0;
  words: readonly string[] = [];
  /** Hash bucket of each word feature occurrence: word k at 2k, the pair ending with word k at 2k + 1. */
  occurrences = new Int32Array(2 * MAX_WORDS);
  /** The buckets that occur, in order of first occurrence, and how often each does: [0, bucketCount). */
  buckets = new Int32Array(2 * MAX_WORDS);
  counts = new Int32Array(2 * MAX_WORDS);
  bucketCount = 0;
  /** Value of one occurrence: 1/√(number of word features). */
  scale = 0;

  on(name: string): void {
    this.named[this.namedCount++] = name;
  }

  /** Room for the word features of `words` words. */
  reserve(words: number): void {
    if (this.occurrences.length >= 2 * words) return;
    this.occurrences = new Int32Array(4 * words);
    this.buckets = new Int32Array(4 * words);
    this.counts = new Int32Array(4 * words);
  }
}
const extraction = new Extraction();

/**
 * The distinct buckets of one sentence are found with a small open-addressing table of its own (bucket + 1, 0 for
 * empty, and the bucket's place in the list): it stays in the processor's cache, where a table over all the model's
 * buckets (a megabyte) would be a cache miss per word. Scratch space, reused sentence after sentence.
 */
let seenBuckets = new Int32Array(64);
let seenPlaces = new Int32Array(64);

const MONEY_UNITS = /^(?:dollars?|euros?|pounds?)$/;
const YEAR = /^\d{4}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACCORDING_TO = /^according to$/i;

/**
 * Hashes the words and word pairs of `x.words` into the model's buckets (x.occurrences, x.buckets, x.counts), and
 * returns which word lists the words are in (NUMBER_WORD and the others, or-ed).
 */
function hashWords(x: Extraction, buckets: number): number {
  const words = x.words;
  let kinds = 0;
  // Words and word pairs, hashed: the pair's hash continues the previous word's ("a b" = FNV of "a", " ", "b").
  x.reserve(words.length);
  const { occurrences, buckets: unique, counts } = x;
  let uniqueCount = 0;
  // A power of two at least twice the word features, so that probes stay short.
  let size = 16;
  while (size < 4 * words.length) size *= 2;
  if (seenBuckets.length < size) {
    seenBuckets = new Int32Array(size);
    seenPlaces = new Int32Array(size);
  } else seenBuckets.fill(0, 0, size);
  const seenMask = size - 1;
  // A power-of-two table takes the low bits (the same as %, without a floating-point remainder of a 32-bit hash).
  const mask = (buckets & (buckets - 1)) === 0 ? buckets - 1 : -1;

  let previous = START;
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    // One pass over the word for both hashes: the word alone, and the pair (continued from the previous word). The
    // model hashes digits as 0 ("1991" as "0000").
    let unigram = FNV_OFFSET;
    let pair = k === 0 ? START : Math.imul(previous ^ SPACE, 0x01000193);
    for (let i = 0; i < word.length; i++) {
      let c = word.charCodeAt(i);
      if (c >= 48 && c <= 57) c = 48;
      unigram = Math.imul(unigram ^ c, 0x01000193);
      pair = Math.imul(pair ^ c, 0x01000193);
    }
    unigram >>>= 0;
    pair >>>= 0;
    previous = unigram;
    kinds |= listKind(unigram, word);
    for (let twice = 0; twice < 2; twice++) {
      const h = twice === 0 ? unigram : pair;
      const bucket = mask >= 0 ? h & mask : h % buckets;
      occurrences[2 * k + twice] = bucket;
      // The bucket's place in `unique`, if it already occurred in this sentence.
      let i = (bucket ^ (bucket >>> 11)) & seenMask;
      while (seenBuckets[i] !== 0 && seenBuckets[i] !== bucket + 1) i = (i + 1) & seenMask;
      if (seenBuckets[i] !== 0) counts[seenPlaces[i]]++;
      else {
        seenBuckets[i] = bucket + 1;
        seenPlaces[i] = uniqueCount;
        unique[uniqueCount] = bucket;
        counts[uniqueCount] = 1;
        uniqueCount++;
      }
    }
  }
  x.bucketCount = uniqueCount;
  x.scale = words.length ? 1 / Math.sqrt(words.length * 2) : 0;
  return kinds;
}

function extract(input: CheckworthinessInput, buckets: number): Extraction {
  const x = extraction;
  x.namedCount = 0;
  const text = typeof input.text === 'string' ? input.text : '';
  const words = input.words ?? modelWords(text);
  x.words = words;
  const kinds = hashWords(x, buckets);

  const n = input.numbers;
  let percent = false;
  let money = false;
  let large = false;
  let count = false;
  let duration = false;
  for (let i = 0; i < n.length; i++) {
    const { unit, value } = n[i];
    if (unit === 'percent') percent = true;
    if (unit === 'USD' || unit === 'EUR' || unit === 'GBP' || MONEY_UNITS.test(unit ?? '')) money = true;
    if (Number.isFinite(value) && value >= 1000) large = true;
    if (COUNT_UNITS.test(unit ?? '')) count = true;
    if (DURATION_UNITS.test(unit ?? '')) duration = true;
  }
  if (n.length) x.on('figure');
  if (n.length > 1) x.on('figures');
  if (percent) x.on('percent');
  if (money) x.on('money');
  if (large) x.on('large');
  if (count) x.on('count');
  if (duration) x.on('duration');
  // The word-list features, found while the words were hashed.
  if (kinds & NUMBER_WORD) x.on('figure-in-words');
  const dates = input.dates;
  let year = false;
  let day = false;
  for (let i = 0; i < dates.length; i++) {
    const value = dates[i].value;
    if (value && YEAR.test(value)) year = true;
    if (value && DAY.test(value)) day = true;
  }
  if (dates.length) x.on('date');
  if (year) x.on('year');
  if (day) x.on('day');
  let person = false;
  let organisation = false;
  let place = false;
  for (const e of input.entities) {
    if (e.kind === 'person') person = true;
    else if (e.kind === 'organisation') organisation = true;
    else if (e.kind === 'place') place = true;
  }
  if (person) x.on('person');
  if (organisation) x.on('organisation');
  if (place) x.on('place');
  if (input.entities.length >= 3) x.on('names');
  if (input.hedges.length) x.on('hedge');
  const kind = input.speakerKind;
  if (kind !== 'author') x.on(kind === 'named' ? 'speaker:named' : kind === 'anonymous' ? 'speaker:anonymous' : `speaker:${kind as string}`);
  if (input.cue && ACCORDING_TO.test(input.cue)) x.on('cue:according');
  if (input.quoted) x.on('quote');
  for (const t of input.types) {
    const name = TYPE_FEATURE.get(t);
    if (name) x.on(name);
  }
  if (input.opinionMarker) x.on('opinion-marker');
  if (input.firstPersonView) x.on('first-person-view');
  if (input.authorsView) x.on('authors-view');
  if (kinds & FIRST_PERSON_WORD) x.on('first-person');
  if (kinds & FIRST_PERSON_PLURAL_WORD) x.on('first-person-plural');
  if (kinds & SECOND_PERSON_WORD) x.on('second-person');
  // The last character before trailing spaces, then closing quotes and brackets.
  let last = text.length - 1;
  while (last >= 0 && isWhitespaceCode(text.charCodeAt(last))) last--;
  while (last >= 0 && CLOSERS.has(text.charCodeAt(last))) last--;
  if (text[last] === '?') x.on('question');
  if (text[last] === '!') x.on('exclamation');
  if (words.length <= 6) x.on('length:short');
  if (words.length > 30) x.on('length:long');

  return x;
}

export interface ExtractedFeatures {
  features: FeatureVector;
  /** For each hashed feature, the words of this sentence that fell in its bucket (to name it in reasons). */
  wordsOf: Map<string, string[]>;
}

/** What occurrence `i` shows: its word, or its word pair ("tax cut"; the first word alone for the start pair). */
function display(x: Extraction, i: number): string {
  const k = i >> 1;
  return i % 2 === 0 || k === 0 ? x.words[k] : `${x.words[k - 1]} ${x.words[k]}`;
}

/**
 * The model's features for one claim, by name (as training and the weights file name them). Word features are
 * unigrams and bigrams (with a sentence-start marker) hashed into `w<bucket>`, each occurrence weighing 1/√n for n
 * word features, so long and short sentences are on the same scale.
 */
export function checkworthinessFeatures(input: CheckworthinessInput, buckets = checkworthinessModel().buckets): ExtractedFeatures {
  const x = extract(input, buckets);
  const features: FeatureVector = [];
  for (let i = 0; i < x.namedCount; i++) features.push([x.named[i], 1]);
  for (let j = 0; j < x.bucketCount; j++) features.push([`w${x.buckets[j]}`, x.counts[j] * x.scale]);
  const shown = new Map<string, string[]>();
  for (let i = 0; i < 2 * x.words.length; i++) {
    const name = `w${x.occurrences[i]}`;
    const word = display(x, i);
    const list = shown.get(name);
    if (!list) shown.set(name, [word]);
    else if (!list.includes(word)) list.push(word);
  }
  return { features, wordsOf: shown };
}

/** A model's hashed weights as an array by bucket (0 where the file has none), built once per model. */
const bucketWeights = new WeakMap<CheckworthinessModel, Float64Array>();
function weightsByBucket(model: CheckworthinessModel): Float64Array {
  let table = bucketWeights.get(model);
  if (!table) {
    table = new Float64Array(model.buckets);
    for (const [name, w] of Object.entries(model.weights)) {
      if (name.startsWith('w')) {
        const bucket = Number(name.slice(1));
        if (Number.isInteger(bucket) && bucket >= 0 && bucket < model.buckets) table[bucket] = w;
      }
    }
    bucketWeights.set(model, table);
  }
  return table;
}

/**
 * A model's named (not hashed) weights, built once per model: a map of a few dozen entries stays in the processor's
 * cache, where the weights object holds tens of thousands.
 */
const namedWeights = new WeakMap<CheckworthinessModel, Map<string, number>>();
function namedWeightsOf(model: CheckworthinessModel): Map<string, number> {
  let map = namedWeights.get(model);
  if (!map) {
    map = new Map();
    for (const [name, w] of Object.entries(model.weights)) if (!name.startsWith('w')) map.set(name, w);
    namedWeights.set(model, map);
  }
  return map;
}

const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)}`;

/** Reasons shown at most, the least effect a reason needs, and example words named for the wording. */
const MAX_REASONS = 4;
const MIN_EFFECT = 0.01;

/** The label of the wording's effect among the named features' (no feature label starts with a NUL). */
const WORDING = '\u0000wording';

/** Scratch space for the effects of one claim's features (labels, weights, effects and which are taken). */
const effectLabels: string[] = [];
let effectWeights = new Float64Array(64);
let effects = new Float64Array(64);
let effectTaken = new Uint8Array(64);

/**
 * Scores a claim: the model's probability, and the features that moved it most. A feature's effect is its share of
 * the move from the base rate (the bias alone) to the score, in proportion to its weight × value (integrated
 * gradients of the logistic along that path): the effects add up to score − base rate, and a saturated score still
 * has its reasons. The words and word pairs count as one reason, "its wording", named by the words that pushed the
 * same way most. The sum runs in the order of checkworthinessFeatures(), so the score is linearScore()'s to the bit.
 * Never throws on odd input.
 */
export function scoreCheckworthiness(input: CheckworthinessInput, model: CheckworthinessModel = checkworthinessModel()): Checkworthiness {
  const x = extract(input, model.buckets);
  const table = weightsByBucket(model);
  const weights = namedWeightsOf(model);
  if (effectWeights.length <= x.namedCount) {
    effectWeights = new Float64Array(2 * x.namedCount + 2);
    effects = new Float64Array(2 * x.namedCount + 2);
    effectTaken = new Uint8Array(2 * x.namedCount + 2);
  }
  let z = model.bias;
  let n = 0;
  for (let i = 0; i < x.namedCount; i++) {
    const name = x.named[i];
    const w = weights.get(name);
    if (w === undefined) continue;
    z += w;
    effectLabels[n] = FEATURE_LABELS[name] ?? name;
    effectWeights[n++] = w;
  }
  let wording = 0;
  for (let j = 0; j < x.bucketCount; j++) {
    const c = table[x.buckets[j]] * (x.counts[j] * x.scale);
    z += c;
    wording += c;
  }
  if (!Number.isFinite(z)) z = model.bias;
  const p = sigmoid(z);
  const dz = z - model.bias;
  const rate = Math.abs(dz) > 1e-9 ? (p - sigmoid(model.bias)) / dz : p * (1 - p);
  for (let i = 0; i < n; i++) effects[i] = effectWeights[i] * rate;
  if (x.bucketCount) {
    effectLabels[n] = WORDING;
    effects[n++] = wording * rate;
  }
  effectTaken.fill(0, 0, n);
  // The strongest effects of at least MIN_EFFECT, strongest first and ties by label (then in order, as a stable sort
  // puts them), picked one at a time: four of a few dozen, so the list is never sorted.
  const reasons: string[] = [];
  while (reasons.length < MAX_REASONS) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (effectTaken[i] || !(Math.abs(effects[i]) >= MIN_EFFECT)) continue;
      if (best < 0) best = i;
      else {
        const a = Math.abs(effects[i]);
        const b = Math.abs(effects[best]);
        if (a > b || (a === b && effectLabels[i] < effectLabels[best])) best = i;
      }
    }
    if (best < 0) break;
    effectTaken[best] = 1;
    const label = effectLabels[best];
    reasons.push(`${label === WORDING ? wordingLabel(x, table, wording) : label} (${signed(effects[best])})`);
  }
  return { score: Math.round(p * 100) / 100, reasons };
}

/** Scratch space for wordingLabel: the buckets that push the wording's way, and how strongly. */
let pushing = new Int32Array(2 * MAX_WORDS);
let strength = new Float64Array(2 * MAX_WORDS);

/** "its wording (“voted”, “tax cut”)": named by the buckets that pushed the way the wording as a whole did, strongest
 * first (the one that occurs first breaks ties), each by its words and word pairs in order. Only built when shown. */
function wordingLabel(x: Extraction, table: Float64Array, wording: number): string {
  if (pushing.length < x.bucketCount) {
    pushing = new Int32Array(x.bucketCount);
    strength = new Float64Array(x.bucketCount);
  }
  let pushingCount = 0;
  for (let j = 0; j < x.bucketCount; j++) {
    const b = x.buckets[j];
    if (table[b] * wording > 0) {
      pushing[pushingCount] = b;
      strength[pushingCount++] = Math.abs(table[b] * x.counts[j]);
    }
  }
  // Two example words at most.
  let first: string | undefined;
  let second: string | undefined;
  const occurrences = 2 * x.words.length;
  // The buckets strongest first, picked one at a time (the order a stable sort by strength gives): one or two usually
  // name enough words, so the whole list is never sorted.
  for (let picked = 0; picked < pushingCount; picked++) {
    let best = -1;
    for (let j = 0; j < pushingCount; j++) if (strength[j] >= 0 && (best < 0 || strength[j] > strength[best])) best = j;
    const bucket = pushing[best];
    strength[best] = -1;
    for (let i = 0; i < occurrences && second === undefined; i++) {
      if (x.occurrences[i] !== bucket) continue;
      const word = display(x, i);
      if (first === undefined) first = word;
      else if (word !== first) second = word;
    }
    if (second !== undefined) break;
  }
  if (first === undefined) return 'its wording';
  return second === undefined ? `its wording (“${first}”)` : `its wording (“${first}”, “${second}”)`;
}
