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
}

export interface CheckworthinessModel extends LinearModel {
  /** Number of hash buckets for words and word pairs (features `w<bucket>`). */
  buckets: number;
  /** The default minimum score of the Claims view: the threshold chosen on the dev split. */
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

/** A word: letters and digits, with inner apostrophes ("don't"), dots ("U.S", "1.5") and commas in figures ("22,500"). */
const WORD = /[\p{L}\p{N}]+(?:(?:['’.]|,(?=\d{3}))[\p{L}\p{N}]+)*/gu;
const FIRST_PERSON = new Set(['i', "i'm", "i've", "i'd", "i'll", 'me', 'my', 'mine', 'myself']);
const FIRST_PERSON_PLURAL = new Set(['we', "we're", "we've", "we'd", "we'll", 'us', 'our', 'ours', 'ourselves']);
const SECOND_PERSON = new Set(['you', "you're", "you've", "you'd", "you'll", 'your', 'yours', 'yourself', 'yourselves']);
/** Quantities written in words ("fifty percent", "two million", "twice"): the claims' figures are digits only. */
const NUMBER_WORDS = new Set(
  ('two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty ' +
    'forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion trillions percent ' +
    'half quarter third thirds twice double doubled triple tripled dozen dozens').split(' '),
);
const COUNT_UNITS = /^(?:people|countries|members|troops|soldiers)$/;
const DURATION_UNITS = /^(?:years?|months?|days?)$/;

/** FNV-1a over UTF-16 code units. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A word as the model hashes it: lower case, curly apostrophe straightened, digits as 0 ("1991" → "0000"). */
function wordKey(word: string): string {
  let out = word.toLowerCase();
  if (out.includes('’')) out = out.replace(/’/g, "'");
  return /\d/.test(out) ? out.replace(/\d/g, '0') : out;
}

/** The sentence's words (at most MAX_WORDS), lower case, as shown in reasons. */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < MAX_WORDS && (m = WORD.exec(text))) out.push(m[0].toLowerCase().replace(/’/g, "'"));
  return out;
}

export interface ExtractedFeatures {
  features: FeatureVector;
  /** For each hashed feature, the words of this sentence that fell in its bucket (to name it in reasons). */
  wordsOf: Map<string, string[]>;
}

/**
 * The model's features for one claim. Word features are unigrams and bigrams (with a sentence-start marker), each
 * weighing 1/√n for n word features, so long and short sentences are on the same scale.
 */
export function checkworthinessFeatures(input: CheckworthinessInput, buckets = checkworthinessModel().buckets): ExtractedFeatures {
  const f: FeatureVector = [];
  const on = (name: string) => f.push([name, 1]);
  const text = typeof input.text === 'string' ? input.text : '';
  const words = wordsOf(text);

  const n = input.numbers;
  if (n.length) on('figure');
  if (n.length > 1) on('figures');
  if (n.some((x) => x.unit === 'percent')) on('percent');
  if (n.some((x) => x.unit === 'USD' || x.unit === 'EUR' || x.unit === 'GBP' || /^(?:dollars?|euros?|pounds?)$/.test(x.unit ?? ''))) on('money');
  if (n.some((x) => Number.isFinite(x.value) && x.value >= 1000)) on('large');
  if (n.some((x) => COUNT_UNITS.test(x.unit ?? ''))) on('count');
  if (n.some((x) => DURATION_UNITS.test(x.unit ?? ''))) on('duration');
  if (words.some((w) => NUMBER_WORDS.has(w))) on('figure-in-words');
  if (input.dates.length) on('date');
  if (input.dates.some((d) => d.value && /^\d{4}$/.test(d.value))) on('year');
  if (input.dates.some((d) => d.value && /^\d{4}-\d{2}-\d{2}$/.test(d.value))) on('day');
  const kinds = new Set(input.entities.map((e) => e.kind));
  for (const kind of ['person', 'organisation', 'place'] as const) if (kinds.has(kind)) on(kind);
  if (input.entities.length >= 3) on('names');
  if (input.hedges.length) on('hedge');
  if (input.speakerKind !== 'author') on(`speaker:${input.speakerKind}`);
  if (input.cue && /^according to$/i.test(input.cue)) on('cue:according');
  if (input.quoted) on('quote');
  for (const t of input.types) if (t !== 'quote' && `type:${t}` in FEATURE_LABELS) on(`type:${t}`);
  if (input.opinionMarker) on('opinion-marker');
  if (input.firstPersonView) on('first-person-view');
  if (input.authorsView) on('authors-view');
  if (words.some((w) => FIRST_PERSON.has(w))) on('first-person');
  if (words.some((w) => FIRST_PERSON_PLURAL.has(w))) on('first-person-plural');
  if (words.some((w) => SECOND_PERSON.has(w))) on('second-person');
  const end = text.trimEnd().replace(/["”’')\]]+$/, '');
  if (end.endsWith('?')) on('question');
  if (end.endsWith('!')) on('exclamation');
  if (words.length <= 6) on('length:short');
  if (words.length > 30) on('length:long');

  // Words and word pairs, hashed.
  const shown = new Map<string, string[]>();
  const counts = new Map<string, number>();
  const add = (key: string, display: string) => {
    const name = `w${hash(key) % buckets}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const list = shown.get(name);
    if (!list) shown.set(name, [display]);
    else if (!list.includes(display)) list.push(display);
  };
  const keys = words.map(wordKey);
  for (let i = 0; i < keys.length; i++) {
    add(keys[i], words[i]);
    add(i === 0 ? `^ ${keys[i]}` : `${keys[i - 1]} ${keys[i]}`, i === 0 ? words[i] : `${words[i - 1]} ${words[i]}`);
  }
  const total = keys.length * 2;
  if (total) {
    const scale = 1 / Math.sqrt(total);
    for (const [name, count] of counts) f.push([name, count * scale]);
  }
  return { features: f, wordsOf: shown };
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
 * same way most. Never throws on odd input.
 */
export function scoreCheckworthiness(input: CheckworthinessInput, model: CheckworthinessModel = checkworthinessModel()): Checkworthiness {
  const { features, wordsOf: shown } = checkworthinessFeatures(input, model.buckets);
  let z = model.bias;
  const named: Array<{ label: string; c: number }> = [];
  const words: Array<{ words: string[]; c: number }> = [];
  for (const [name, value] of features) {
    const w = model.weights[name];
    if (w === undefined || !Number.isFinite(value)) continue;
    const c = w * value;
    z += c;
    if (name.startsWith('w')) words.push({ words: shown.get(name) ?? [], c });
    else named.push({ label: FEATURE_LABELS[name] ?? name, c });
  }
  if (!Number.isFinite(z)) z = model.bias;
  const p = sigmoid(z);
  const dz = z - model.bias;
  const rate = Math.abs(dz) > 1e-9 ? (p - sigmoid(model.bias)) / dz : p * (1 - p);
  const effects = named.map((e) => ({ label: e.label, effect: e.c * rate }));
  const wording = words.reduce((sum, e) => sum + e.c, 0);
  if (words.length) {
    const examples: string[] = [];
    for (const e of words.filter((x) => x.c * wording > 0).sort((a, b) => Math.abs(b.c) - Math.abs(a.c))) {
      for (const w of e.words) if (examples.length < WORD_EXAMPLES && !examples.includes(w)) examples.push(w);
      if (examples.length >= WORD_EXAMPLES) break;
    }
    effects.push({ label: examples.length ? `its wording (${examples.map((w) => `“${w}”`).join(', ')})` : 'its wording', effect: wording * rate });
  }
  effects.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const reasons = effects
    .filter((e) => Math.abs(e.effect) >= MIN_EFFECT)
    .slice(0, MAX_REASONS)
    .map((e) => `${e.label} (${signed(e.effect)})`);
  return { score: Math.round(p * 100) / 100, reasons };
}
