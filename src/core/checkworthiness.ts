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

/** A word as the model hashes it: lower case, curly apostrophe straightened, digits as 0 ("1991" → "0000"). */
function wordKey(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return word.replace(/\d/g, '0');
  }
  return word;
}

/** Already lower case: ASCII lower-case letters, digits and joiners only. */
const PLAIN_LOWER = /^[a-z0-9'.,]*$/;
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
    if (t.type === 'word') scanModelWords(text, Math.max(start, t.start + at), Math.min(end, t.end + at), out);
  }
  return out;
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
    const w = text.slice(start, i);
    const lower = PLAIN_LOWER.test(w) ? w : w.toLowerCase();
    out.push(lower.includes('’') ? lower.replace(/’/g, "'") : lower);
  }
  return out;
}

/** One sentence's features in the form scoring needs (the named list and FeatureVector are made from it). */
interface Extraction {
  /** Named features, each of value 1, in order. */
  named: string[];
  words: readonly string[];
  /** Hash bucket of each word feature occurrence: word k at 2k, the pair ending with word k at 2k + 1. */
  occurrences: number[];
  /** The buckets that occur, in order of first occurrence, and how often each does. */
  buckets: number[];
  counts: number[];
  /** Value of one occurrence: 1/√(number of word features). */
  scale: number;
}

/**
 * The distinct buckets of one sentence are found with a small open-addressing table of its own (bucket + 1, 0 for
 * empty, and the bucket's place in the list): it stays in the processor's cache, where a table over all the model's
 * buckets (a megabyte) would be a cache miss per word. Scratch space, reused sentence after sentence.
 */
let seenBuckets = new Int32Array(64);
let seenPlaces = new Int32Array(64);

function extract(input: CheckworthinessInput, buckets: number): Extraction {
  const named: string[] = [];
  const on = (name: string) => named.push(name);
  const text = typeof input.text === 'string' ? input.text : '';
  const words = input.words ?? modelWords(text);

  const n = input.numbers;
  if (n.length) on('figure');
  if (n.length > 1) on('figures');
  if (n.some((x) => x.unit === 'percent')) on('percent');
  if (n.some((x) => x.unit === 'USD' || x.unit === 'EUR' || x.unit === 'GBP' || /^(?:dollars?|euros?|pounds?)$/.test(x.unit ?? ''))) on('money');
  if (n.some((x) => Number.isFinite(x.value) && x.value >= 1000)) on('large');
  if (n.some((x) => COUNT_UNITS.test(x.unit ?? ''))) on('count');
  if (n.some((x) => DURATION_UNITS.test(x.unit ?? ''))) on('duration');
  // One pass over the words for the word-list features.
  let numberWord = false;
  let first = false;
  let firstPlural = false;
  let second = false;
  for (const w of words) {
    if (NUMBER_WORDS.has(w)) numberWord = true;
    else if (FIRST_PERSON.has(w)) first = true;
    else if (FIRST_PERSON_PLURAL.has(w)) firstPlural = true;
    else if (SECOND_PERSON.has(w)) second = true;
  }
  if (numberWord) on('figure-in-words');
  if (input.dates.length) on('date');
  if (input.dates.some((d) => d.value && /^\d{4}$/.test(d.value))) on('year');
  if (input.dates.some((d) => d.value && /^\d{4}-\d{2}-\d{2}$/.test(d.value))) on('day');
  let person = false;
  let organisation = false;
  let place = false;
  for (const e of input.entities) {
    if (e.kind === 'person') person = true;
    else if (e.kind === 'organisation') organisation = true;
    else if (e.kind === 'place') place = true;
  }
  if (person) on('person');
  if (organisation) on('organisation');
  if (place) on('place');
  if (input.entities.length >= 3) on('names');
  if (input.hedges.length) on('hedge');
  if (input.speakerKind !== 'author') on(`speaker:${input.speakerKind}`);
  if (input.cue && /^according to$/i.test(input.cue)) on('cue:according');
  if (input.quoted) on('quote');
  for (const t of input.types) {
    const name = TYPE_FEATURE.get(t);
    if (name) on(name);
  }
  if (input.opinionMarker) on('opinion-marker');
  if (input.firstPersonView) on('first-person-view');
  if (input.authorsView) on('authors-view');
  if (first) on('first-person');
  if (firstPlural) on('first-person-plural');
  if (second) on('second-person');
  // The last character before trailing spaces, then closing quotes and brackets.
  let last = text.length - 1;
  while (last >= 0 && isWhitespaceCode(text.charCodeAt(last))) last--;
  while (last >= 0 && CLOSERS.has(text.charCodeAt(last))) last--;
  if (text[last] === '?') on('question');
  if (text[last] === '!') on('exclamation');
  if (words.length <= 6) on('length:short');
  if (words.length > 30) on('length:long');

  // Words and word pairs, hashed: the pair's hash continues the previous word's ("a b" = FNV of "a", " ", "b").
  const occurrences: number[] = [];
  const unique: number[] = [];
  const counts: number[] = [];
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
    const key = wordKey(words[k]);
    // One pass over the word for both hashes: the word alone, and the pair (continued from the previous word).
    let unigram = FNV_OFFSET;
    let pair = k === 0 ? START : Math.imul(previous ^ SPACE, 0x01000193);
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      unigram = Math.imul(unigram ^ c, 0x01000193);
      pair = Math.imul(pair ^ c, 0x01000193);
    }
    unigram >>>= 0;
    pair >>>= 0;
    previous = unigram;
    for (let twice = 0; twice < 2; twice++) {
      const h = twice === 0 ? unigram : pair;
      const bucket = mask >= 0 ? h & mask : h % buckets;
      occurrences.push(bucket);
      // The bucket's place in `unique`, if it already occurred in this sentence.
      let i = (bucket ^ (bucket >>> 11)) & seenMask;
      while (seenBuckets[i] !== 0 && seenBuckets[i] !== bucket + 1) i = (i + 1) & seenMask;
      if (seenBuckets[i] !== 0) counts[seenPlaces[i]]++;
      else {
        seenBuckets[i] = bucket + 1;
        seenPlaces[i] = unique.length;
        unique.push(bucket);
        counts.push(1);
      }
    }
  }
  return { named, words, occurrences, buckets: unique, counts, scale: words.length ? 1 / Math.sqrt(words.length * 2) : 0 };
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
  const features: FeatureVector = x.named.map((name) => [name, 1]);
  for (let j = 0; j < x.buckets.length; j++) features.push([`w${x.buckets[j]}`, x.counts[j] * x.scale]);
  const shown = new Map<string, string[]>();
  for (let i = 0; i < x.occurrences.length; i++) {
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

const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)}`;

/** Reasons shown at most, the least effect a reason needs, and example words named for the wording. */
const MAX_REASONS = 4;
const MIN_EFFECT = 0.01;
const WORD_EXAMPLES = 2;

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
  let z = model.bias;
  const named: Array<{ label: string; c: number }> = [];
  for (const name of x.named) {
    const w = model.weights[name];
    if (w === undefined) continue;
    z += w;
    named.push({ label: FEATURE_LABELS[name] ?? name, c: w });
  }
  let wording = 0;
  for (let j = 0; j < x.buckets.length; j++) {
    const c = table[x.buckets[j]] * (x.counts[j] * x.scale);
    z += c;
    wording += c;
  }
  if (!Number.isFinite(z)) z = model.bias;
  const p = sigmoid(z);
  const dz = z - model.bias;
  const rate = Math.abs(dz) > 1e-9 ? (p - sigmoid(model.bias)) / dz : p * (1 - p);
  const effects = named.map((e) => ({ label: e.label, effect: e.c * rate }));
  const WORDING = '\u0000wording';
  if (x.buckets.length) effects.push({ label: WORDING, effect: wording * rate });
  effects.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const reasons = effects
    .filter((e) => Math.abs(e.effect) >= MIN_EFFECT)
    .slice(0, MAX_REASONS)
    .map((e) => `${e.label === WORDING ? wordingLabel(x, table, wording) : e.label} (${signed(e.effect)})`);
  return { score: Math.round(p * 100) / 100, reasons };
}

/** "its wording (“voted”, “tax cut”)": named by the buckets that pushed the way the wording as a whole did, strongest
 * first (the one that occurs first breaks ties), each by its words and word pairs in order. Only built when shown. */
function wordingLabel(x: Extraction, table: Float64Array, wording: number): string {
  const pushing: number[] = [];
  const strength: number[] = [];
  for (let j = 0; j < x.buckets.length; j++) {
    const b = x.buckets[j];
    if (table[b] * wording > 0) {
      pushing.push(b);
      strength.push(Math.abs(table[b] * x.counts[j]));
    }
  }
  const examples: string[] = [];
  // The buckets strongest first, picked one at a time (the order a stable sort by strength gives): one or two usually
  // name enough words, so the whole list is never sorted.
  for (let picked = 0; picked < pushing.length; picked++) {
    let best = -1;
    for (let j = 0; j < pushing.length; j++) if (strength[j] >= 0 && (best < 0 || strength[j] > strength[best])) best = j;
    const bucket = pushing[best];
    strength[best] = -1;
    for (let i = 0; i < x.occurrences.length && examples.length < WORD_EXAMPLES; i++) {
      if (x.occurrences[i] !== bucket) continue;
      const word = display(x, i);
      if (!examples.includes(word)) examples.push(word);
    }
    if (examples.length >= WORD_EXAMPLES) break;
  }
  return examples.length ? `its wording (${examples.map((w) => `“${w}”`).join(', ')})` : 'its wording';
}
