// Claims: sentences that assert something checkable, with who asserts it, what kind of claim it is, its hedges,
// numbers, dates and named entities, and a check-worthiness score with its reasons in plain words.
// Deterministic and offline: word lists and patterns find the features; the score is a learned model's probability
// (checkworthiness.ts), and its reasons are the features that moved it most.

import type { ReportedSpeech } from './speakers/reported';
import type { Paragraph, Quote, Span } from './types';
import { TITLES } from './lexicon';
import { isWhitespaceCode, RunCache } from './text';
import { wordCharWidth } from './words';
import { modelWordsOfTokens, scoreCheckworthiness, type Checkworthiness, type CheckworthinessInput } from './checkworthiness';
import { ArticleTokens } from './articleTokens';
import { paragraphText } from './structure';

export type ClaimType = 'statistic' | 'event' | 'quote' | 'prediction' | 'causal' | 'comparison' | 'rule' | 'opinion' | 'statement';

/** The documented taxonomy, in display order. */
export const CLAIM_TYPES: ReadonlyArray<{ type: ClaimType; description: string }> = [
  { type: 'statistic', description: 'A number, quantity or percentage that can be looked up.' },
  { type: 'event', description: 'Something that happened, at a time or place.' },
  { type: 'quote', description: 'A direct quote: check that it was said, and said so.' },
  { type: 'prediction', description: 'A claim about the future.' },
  { type: 'causal', description: 'One thing caused or led to another.' },
  { type: 'comparison', description: 'More, less, the biggest, compared with.' },
  { type: 'rule', description: 'What a law, treaty, rule or court says.' },
  { type: 'opinion', description: 'A judgement or recommendation: low priority for checking.' },
  { type: 'statement', description: 'A reported statement (“X said that …”) or another factual assertion.' },
];

export interface ClaimSpeaker {
  text: string;
  start?: number;
  end?: number;
  kind: 'named' | 'anonymous' | 'author';
  /** The attribution model's probability for this speaker (0–1); absent for the article's own assertions. */
  confidence?: number;
  /** The pronoun the sentence gives the source by ("they", "she"), when the speaker is who it was resolved to. */
  mention?: Span;
}

export interface ClaimNumber extends Span {
  value: number;
  unit?: string;
}

export interface ClaimDate extends Span {
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) when the text says enough. */
  value?: string;
}

export interface ClaimEntity extends Span {
  kind: 'person' | 'organisation' | 'place';
}

export interface Claim {
  /** Stable across unrelated edits: a hash of the claim's normalised words (plus a counter for repeats). */
  id: string;
  start: number;
  end: number;
  text: string;
  speaker: ClaimSpeaker;
  cue: Span | null;
  types: ClaimType[];
  hedges: Span[];
  numbers: ClaimNumber[];
  dates: ClaimDate[];
  entities: ClaimEntity[];
  /** Check-worthiness, 0–1. */
  score: number;
  reasons: string[];
}

const HEDGES = /\b(?:reportedly|allegedly|purportedly|supposedly|apparently|ostensibly|possibly|potentially|perhaps|likely|unlikely|could|may|might|hinted|hints|hint|suggested|suggests|appears? to|seems? to|is believed|are believed|rumou?red|unconfirmed|unverified|claimed|claims)\b/gi;
const PREDICTION = /\b(?:will|won['’]t|is (?:expected|set|due|likely) to|are (?:expected|set|due|likely) to|forecasts?|predicts?|predicted|next (?:week|month|year)|by 20\d\d|in the coming (?:days|weeks|months|years))\b/i;
const CAUSAL = /\b(?:because|due to|caused|causes|cause|led to|leads to|lead to|as a result|resulted in|results in|therefore|thanks to|driven by|stems? from|stemmed from|blamed (?:on|for)|so that|owing to|in response to)\b/i;
const COMPARISON = /\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|faster|slower|cheaper|worse|better) than\b|\b(?:compared (?:with|to)|the (?:largest|biggest|highest|lowest|smallest|most|least|first|last|only)|twice as|half as|as (?:many|much) as|record)\b/i;
const RULE = /\b(?:law|laws|act|treaty|treaties|constitution|constitutional|legal|illegal|unlawful|court|ruling|ruled|regulations?|banned|ban|statute|article \d+|sanctions?|legislation|bill|decree|charter|resolution|convention|obliged|required by)\b/i;
const OPINION = /\b(?:i (?:think|believe|contend|argue|suspect)|we (?:must|should)|should|ought to|it is (?:important|essential|crucial|time|clear|wrong|right)|perilous|dangerous|alarming|naive|naïve|misguided|reckless|foolish|wise|unwise|illusions?|bravado|skeptic(?:al|ism)|sceptic(?:al|ism)|optimism|pessimism|admirable|shameful|disgraceful|deserve|deserves|arguably|undoubtedly|clearly|obviously|surely|in (?:my|our) view)\b/i;
const EVENT_VERBS = /\b(?:met|meets|signed|signs|announced|announces|visited|visits|approved|approves|voted|votes|launched|launches|killed|attacked|invaded|arrested|elected|resigned|opened|closed|agreed|agrees|rejected|rejects|acknowledged|declared|held|hosted|circulated|arrived|left|won|lost|passed|vetoed|fired|hired|released|published|reached|struck|began|ended|moved|tied|linked|made)\b/i;
const TIME_WORDS = /\b(?:yesterday|today|tonight|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|last (?:week|month|year|night)|this (?:week|month|year)|in (?:19|20)\d\d|since (?:19|20)\d\d|earlier this|in recent (?:days|weeks|months))\b/i;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const MONTH_RE = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const DATE_PATTERNS: RegExp[] = [
  new RegExp(`\\b${MONTH_RE}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,\\s*(\\d{4}))?`, 'g'),
  new RegExp(`\\b\\d{1,2}\\s+${MONTH_RE}(?:\\s+\\d{4})?`, 'g'),
  /\b\d{4}-\d{2}-\d{2}\b/g,
  new RegExp(`\\b${MONTH_RE}\\s+\\d{4}\\b`, 'g'),
  /\b(?:in|since|by|until|from|of|during) ((?:1[89]|20)\d\d)\b/g,
  /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
];
const NUMBER = /(?<![\p{L}\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(%|percent|per cent|percentage points?|million|billion|trillion|thousand|km|kilometres?|miles?|tonnes?|tons?|dollars?|euros?|pounds?|people|countries|members|troops|soldiers|years?|months?|days?))?/giu;
const CURRENCY = /([$€£])\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|billion|trillion))?/g;

const PLACES = new Set(
  ('Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Belarus Belgium Bosnia Brazil Britain Bulgaria Canada Chile China ' +
    'Colombia Croatia Cuba Cyprus Czechia Denmark Egypt England Estonia Ethiopia Europe Finland France Georgia Germany Greece Hungary Iceland India ' +
    'Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Korea Kosovo Latvia Lebanon Libya Lithuania Luxembourg Mexico Moldova ' +
    'Montenegro Morocco Netherlands Nigeria Norway Pakistan Palestine Poland Portugal Romania Russia Saudi Scotland Serbia Slovakia Slovenia Somalia ' +
    'Spain Sudan Sweden Switzerland Syria Taiwan Turkey Ukraine Venezuela Vietnam Wales Yemen Africa Asia America Americas Crimea Donbas Gaza ' +
    'Moscow Kyiv Kiev Washington London Paris Berlin Brussels Beijing Tokyo Rome Madrid Warsaw Vienna Geneva Ankara Tehran Jerusalem Minsk ' +
    'Budapest Prague Helsinki Stockholm Oslo Copenhagen Athens Lisbon Dublin Ottawa Canberra Delhi Istanbul Odesa Kharkiv Donetsk Luhansk Mariupol ' +
    'Atlantic Pacific Baltic Arctic Mediterranean Balkans Caucasus Siberia Texas California Florida Iowa Ohio Michigan Pennsylvania Wisconsin Arizona Nevada')
    .split(' '),
);
const ORGANISATION_WORDS = /\b(?:NATO|EU|UN|Kremlin|Pentagon|Congress|Senate|Parliament|Ministry|Department|Union|Party|Council|Commission|Agency|Bureau|Court|University|Institute|Foundation|Association|Committee|Administration|Government|Bank|Fund|Reuters|Associated Press|Times|Post|Journal|News|Corporation|Company|Inc|Ltd|Group|Alliance|Organisation|Organization|Office|Army|Navy|Police|House)\b/;
/** Last words that make a name a place: "Selby Island", "Red River", "Kent County". */
const GEOGRAPHIC = /^(?:Island|Islands|River|Sea|Ocean|Lake|Bay|Gulf|Mountains?|Valley|Hills?|County|City|Province|Region|Oblast|District|Street|Square|Avenue|Road|Port|Harbou?r|Peninsula|Coast|Strait|Canal|Park|Airport|Station|Bridge)$/;
const NOT_ENTITY = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'But', 'And', 'If', 'When', 'While', 'As', 'For', 'Since', 'However', 'Meanwhile', 'It', 'This', 'That', 'These', 'Those', 'He', 'She', 'They', 'We', 'I', 'His', 'Her', 'Their', 'Its', 'Our', 'Such', 'Many', 'Some', 'Several', 'Any', 'Every', 'Each', 'First', 'Second', 'Instead', 'Despite', 'Whether', 'What', 'Why', 'How', 'Who', 'Where', 'After', 'Before', 'During', 'Under', 'Over', 'From', 'To', 'By', 'With', 'Without', 'Across', 'Inside', 'Outside', 'Behind', 'Ultimately', 'Furthermore', 'Moreover', 'Similarly', 'Critics', 'Experts', 'Analysts', 'Officials', 'Leaders', 'Western', 'Former']);

/** Normalised words of a claim, for its id: case, punctuation, quote styles and spacing do not matter. */
export function normaliseClaimText(text: string): string {
  return scanNormalised(text, true).words;
}

/** FNV-1a (over UTF-16 code units, as 8 hex digits) of normaliseClaimText(text), without making that text. */
function normalisedTextHash(text: string): string {
  return (scanNormalised(text, false).hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Reads `text` as a claim's normalised words and hashes them as they are read; the words themselves are kept only when
 * `keep` ('' otherwise: claim ids need only the hash, and claims compare their texts only when their hashes agree).
 */
function scanNormalised(text: string, keep: boolean): { words: string; hash: number } {
  // A character scan: the equivalent Unicode-class regexes were the claims stage's top profile entry.
  // Runs of word characters are copied a run at a time (a string grown a character at a time is a rope of as many
  // pieces).
  const lower = text.toLowerCase();
  let out = '';
  let written = false;
  let h = 0x811c9dc5;
  let pendingSpace = false;
  let runStart = -1;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 0x27 || c === 0x2019) {
      // Apostrophes join: "council’s" → "councils".
      if (runStart >= 0 && keep) out += lower.slice(runStart, i);
      runStart = -1;
      continue;
    }
    if (wordCharWidth(lower, i)) {
      if (runStart < 0) {
        if (pendingSpace && written) {
          if (keep) out += ' ';
          h = Math.imul(h ^ 0x20, 0x01000193);
        }
        pendingSpace = false;
        runStart = i;
      }
      // Every character of a run is copied (the run ends at an apostrophe, another character or the end).
      written = true;
      h = Math.imul(h ^ c, 0x01000193);
      if (c >= 0xd800 && c <= 0xdbff) h = Math.imul(h ^ lower.charCodeAt(i + 1), 0x01000193);
    } else {
      if (runStart >= 0 && keep) out += lower.slice(runStart, i);
      runStart = -1;
      pendingSpace = true;
    }
    if (c >= 0xd800 && c <= 0xdbff) i++; // a surrogate pair is one character, a word character or not
  }
  if (runStart >= 0 && keep) out += lower.slice(runStart);
  return { words: out, hash: h };
}

function collect(re: RegExp, text: string, base: number): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0] });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function parseNumber(s: string): number {
  return Number(s.replace(/,/g, ''));
}

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

function extractDates(sentence: string, base: number): ClaimDate[] {
  const out: ClaimDate[] = [];
  const taken: Array<[number, number]> = [];
  // Every pattern but the weekday names needs a digit.
  const patterns = /\d/.test(sentence) ? DATE_PATTERNS : DATE_PATTERNS.slice(-1);
  for (const re of patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(sentence))) {
      let start = m.index;
      let text = m[0];
      const yearOnly = /^(?:in|since|by|until|from|of|during) /.test(text);
      if (yearOnly) {
        start += text.indexOf(m[1]);
        text = m[1];
      }
      const end = start + text.length;
      if (taken.some(([a, b]) => start < b && a < end)) continue;
      taken.push([start, end]);
      out.push({ start: base + start, end: base + end, text, value: isoDate(text) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function isoDate(text: string): string | undefined {
  const t = text.toLowerCase().replace(/(\d)(st|nd|rd|th)\b/, '$1');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return t;
  const month = (name: string) => {
    const i = MONTHS.indexOf(name);
    return i >= 0 ? i + 1 : MONTH_ABBR[name.replace('.', '')];
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  m = /^([a-z]+\.?)\s+(\d{1,2}),\s*(\d{4})$/.exec(t);
  if (m && month(m[1])) return `${m[3]}-${pad(month(m[1]))}-${pad(Number(m[2]))}`;
  m = /^(\d{1,2})\s+([a-z]+\.?)\s+(\d{4})$/.exec(t);
  if (m && month(m[2])) return `${m[3]}-${pad(month(m[2]))}-${pad(Number(m[1]))}`;
  m = /^([a-z]+\.?)\s+(\d{4})$/.exec(t);
  if (m && month(m[1])) return `${m[2]}-${pad(month(m[1]))}`;
  if (/^(?:1[89]|20)\d\d$/.test(t)) return t;
  return undefined;
}

function extractNumbers(sentence: string, base: number, dates: ClaimDate[]): ClaimNumber[] {
  const out: ClaimNumber[] = [];
  if (!/\d/.test(sentence)) return out;
  const inDate = (s: number, e: number) => dates.some((d) => d.start <= base + s && base + e <= d.end);
  CURRENCY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CURRENCY.exec(sentence))) {
    out.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0], value: parseNumber(m[2]) * (m[3] ? SCALE[m[3].toLowerCase()] : 1), unit: m[1] === '$' ? 'USD' : m[1] === '€' ? 'EUR' : 'GBP' });
  }
  NUMBER.lastIndex = 0;
  while ((m = NUMBER.exec(sentence))) {
    const s = m.index;
    const e = s + m[0].length;
    if (inDate(s, s + m[1].length) || out.some((n) => n.start <= base + s && base + s < n.end)) continue;
    // A score or vote tally ("a 9-3 vote") is not a quantity to check.
    if (/^[-–]\d/.test(sentence.slice(e, e + 2)) || /\d[-–]$/.test(sentence.slice(Math.max(0, s - 2), s))) continue;
    // A bare year is a date, not a statistic ("in 1991" is caught above; "the 2014 flood" here).
    if (!m[2] && /^(?:1[89]|20)\d\d$/.test(m[1])) continue;
    // Numbers inside names (G7, Article 5, COVID-19) are not quantities.
    if (/[\p{L}-]$/u.test(sentence.slice(Math.max(0, s - 1), s)) || /^article\s*$/i.test(sentence.slice(Math.max(0, s - 8), s))) continue;
    const unit = m[2]?.toLowerCase();
    const scale = unit && SCALE[unit] ? SCALE[unit] : 1;
    // `value` is multiplied out, so a scale word ("million") is not repeated as the unit.
    const shownUnit = unit === '%' || unit === 'per cent' ? 'percent' : scale !== 1 ? undefined : unit;
    out.push({ start: base + s, end: base + e, text: m[0], value: parseNumber(m[1]) * scale, ...(shownUnit ? { unit: shownUnit } : {}) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A capitalised name of one or more words, tried only where a capital letter stands (sticky). */
const NAME_AT = /(?:\p{Lu}[\p{L}’'.-]*|U\.S\.|U\.K\.)(?:\s+(?:of|de|van|von|al|bin|the)?\s*\p{Lu}[\p{L}’'.-]*)*/uy;
const UPPER = /^\p{Lu}$/u;

/** Next match of NAME_AT at or after `from`: the same matches as a global scan, without trying every position. */
function nextName(sentence: string, from: number): RegExpExecArray | null {
  for (let i = from; i < sentence.length; i++) {
    const c = sentence.charCodeAt(i);
    if (c < 65 || (c > 90 && c < 128)) continue;
    if (c >= 128) {
      const cp = sentence.codePointAt(i)!;
      if (!UPPER.test(String.fromCodePoint(cp))) {
        if (cp > 0xffff) i++;
        continue;
      }
    }
    NAME_AT.lastIndex = i;
    const m = NAME_AT.exec(sentence);
    if (m) return m;
  }
  return null;
}

const POSSESSIVE_END = /[’']s$/;
const TRAILING_MARK = /[.,]$/;
const SPACES = /\s+/;
const ACRONYM = /^[A-Z]{2,}$/;
const WEEKDAY = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

function extractEntities(sentence: string, base: number): ClaimEntity[] {
  const out: ClaimEntity[] = [];
  let m: RegExpExecArray | null;
  let from = 0;
  while ((m = nextName(sentence, from))) {
    from = m.index + m[0].length;
    let text = m[0].replace(POSSESSIVE_END, '').replace(TRAILING_MARK, '');
    let start = m.index;
    // Drop capitalised function words at the front ("The Kremlin" → "Kremlin").
    let words = text.split(SPACES);
    let dropped = 0;
    while (words.length - dropped > 1 && NOT_ENTITY.has(words[dropped])) start += words[dropped++].length + 1;
    if (dropped) words = words.slice(dropped);
    text = words.length === 1 ? words[0] : words.join(' ');
    if (!text || (words.length === 1 && NOT_ENTITY.has(words[0]))) continue;
    if (words.length === 1 && m.index === 0 && !PLACES.has(text) && !ORGANISATION_WORDS.test(text) && !ACRONYM.test(text)) continue; // sentence-initial capital
    if (MONTHS.includes(text.toLowerCase()) || WEEKDAY.test(text)) continue;
    const organisation = ORGANISATION_WORDS.test(text);
    let kind: ClaimEntity['kind'];
    if ((words.some((w) => PLACES.has(w.replace(POSSESSIVE_END, ''))) || GEOGRAPHIC.test(words[words.length - 1])) && !organisation) kind = 'place';
    else if (organisation || ACRONYM.test(text)) kind = 'organisation';
    else if (words.length >= 2 || words.some((w) => TITLES.has(w.toLowerCase()))) kind = 'person';
    else continue; // a lone capitalised word we cannot place
    out.push({ start: base + start, end: base + start + text.length, text, kind });
  }
  return out;
}

/** True when `text` has at least `min` whitespace-separated words. */
function hasWords(text: string, min: number): boolean {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isWhitespaceCode(text.charCodeAt(i));
    if (!space && !inWord && ++n >= min) return true;
    inWord = !space;
  }
  return false;
}


/** Share of opinion-marked sentences above which an article reads as an opinion piece. */
const OPINION_PIECE_SHARE = 0.15;
/** A passage in straight or curly double quotes, which the first-person view is not looked for in. */
const QUOTED_PASSAGE = /[“"][^”"]*[”"]/g;
const FIRST_PERSON_VIEW = /\b(?:I|we) (?:contend|think|believe|argue|would argue|maintain|suspect)\b|\bin (?:my|our) view\b/;

/** Each claim type as a bit, in CLAIM_TYPES order (a claim's types are a mask until they are listed). */
const TYPE_BIT = new Map<ClaimType, number>(CLAIM_TYPES.map(({ type }, i) => [type, 1 << i]));
const STATEMENT = TYPE_BIT.get('statement')!;
const STATISTIC = TYPE_BIT.get('statistic')!;
const QUOTE = TYPE_BIT.get('quote')!;
const EVENT = TYPE_BIT.get('event')!;
const PREDICTION_TYPE = TYPE_BIT.get('prediction')!;
const CAUSAL_TYPE = TYPE_BIT.get('causal')!;
const COMPARISON_TYPE = TYPE_BIT.get('comparison')!;
const RULE_TYPE = TYPE_BIT.get('rule')!;
const OPINION_TYPE = TYPE_BIT.get('opinion')!;

/** The flags a claim is scored with besides its types (bits above the types' in a ScoredWith mask). */
const QUOTED = 1 << 16;
const OPINION_MARKER = 1 << 17;
const FIRST_PERSON = 1 << 18;
const AUTHORS_VIEW = 1 << 19;

/** The types of a mask, in CLAIM_TYPES order. */
function typesOf(mask: number): ClaimType[] {
  const out: ClaimType[] = [];
  for (let i = 0; i < CLAIM_TYPES.length; i++) if (mask & (1 << i)) out.push(CLAIM_TYPES[i].type);
  return out;
}

/** What a sentence says on its own, wherever it stands: offsets are relative to the sentence's start. */
interface SentenceFeatures {
  /** Four words or more: every such sentence is a claim, with its score (the Claims view filters by score). */
  claimable: boolean;
  opinion: boolean;
  firstPersonView: boolean;
  /** Computed on first use, for claimable sentences only. */
  detail?: SentenceDetail;
  /**
   * The last check-worthiness score of this sentence and what it was scored with besides its text: its types and
   * flags (types and flags as one mask), its speaker's kind and its cue.
   */
  scored?: { with: number; speakerKind: ClaimSpeaker['kind']; cue: string; result: Checkworthiness };
}

interface SentenceDetail {
  dates: ClaimDate[];
  numbers: ClaimNumber[];
  entities: ClaimEntity[];
  hedges: Span[];
  /** Reported speech ("X said that …"); undefined until needed, null when there is none. */
  reported?: { speaker: Span; cue: Span } | null;
  causal: boolean;
  comparison: boolean;
  rule: boolean;
  prediction: boolean;
  /** An event verb, and a date or a time word (the time words are only looked for when there is no date). */
  event: boolean;
  /** The normalised words (normaliseClaimText), made only when another claim's hash is the same. */
  normalised?: string;
  hash: string;
  /** The words the check-worthiness model reads, from the article's tokens. */
  words: readonly string[];
}

/** What re-analysis of an edited article reuses: unchanged sentences skip their features. */
export class ClaimCache {
  /** Per sentence text, its features. */
  readonly features = new RunCache<SentenceFeatures>();
  /**
   * Per paragraph text, its sentences' texts as an earlier run sliced them (from the paragraph's own string): the same
   * string objects every run while the paragraph is unchanged, so that `features` finds them by identity.
   */
  readonly sentenceTexts = new RunCache<string[]>();

  endRun(): void {
    this.features.endRun();
    this.sentenceTexts.endRun();
  }
}

export function createClaimCache(): ClaimCache {
  return new ClaimCache();
}

function sentenceFeatures(sentence: string): SentenceFeatures {
  return {
    claimable: hasWords(sentence, 4),
    opinion: OPINION.test(sentence),
    firstPersonView: FIRST_PERSON_VIEW.test(sentence.replace(QUOTED_PASSAGE, '')),
  };
}

/** The sentence's normalised words, made on first use (`sentence` is the text the detail was made from). */
function normalisedOf(detail: SentenceDetail, sentence: string): string {
  return (detail.normalised ??= normaliseClaimText(sentence));
}

function detailOf(features: SentenceFeatures, sentence: string, words: () => readonly string[]): SentenceDetail {
  if (features.detail) return features.detail;
  const dates = extractDates(sentence, 0);
  return (features.detail = {
    dates,
    numbers: extractNumbers(sentence, 0, dates),
    entities: extractEntities(sentence, 0),
    hedges: collect(HEDGES, sentence, 0),
    causal: CAUSAL.test(sentence),
    comparison: COMPARISON.test(sentence),
    rule: RULE.test(sentence),
    prediction: PREDICTION.test(sentence),
    event: EVENT_VERBS.test(sentence) && (dates.length > 0 || TIME_WORDS.test(sentence)),
    hash: normalisedTextHash(sentence),
    words: words(),
  });
}

/** An op-ed: many sentences carry opinion markers, or the author argues in the first person. */
function opinionPiece(features: SentenceFeatures[]): boolean {
  if (features.some((f) => f.firstPersonView)) return true;
  return features.length >= 5 && features.filter((f) => f.opinion).length / features.length >= OPINION_PIECE_SHARE;
}

// Copies with offsets moved to the sentence's place (explicit shapes: spreading objects was a hot spot).
const shifted = (x: Span, base: number): Span => ({ start: x.start + base, end: x.end + base, text: x.text });
const shiftedDate = (x: ClaimDate, base: number): ClaimDate => ({ start: x.start + base, end: x.end + base, text: x.text, value: x.value });
const shiftedNumber = (x: ClaimNumber, base: number): ClaimNumber =>
  x.unit === undefined ? { start: x.start + base, end: x.end + base, text: x.text, value: x.value } : { start: x.start + base, end: x.end + base, text: x.text, value: x.value, unit: x.unit };
const shiftedEntity = (x: ClaimEntity, base: number): ClaimEntity => ({ start: x.start + base, end: x.end + base, text: x.text, kind: x.kind });

/**
 * Extracts the claims of an article from its paragraphs and attributed quotes. With a cache (one per document),
 * sentences seen in the previous run reuse their features; the result is the same as without. `score` turns what
 * was found into the score and its reasons (the bundled model; training passes its own to collect the features).
 */
export function extractClaims(
  text: string,
  paragraphs: Paragraph[],
  quotes: Quote[],
  cache?: ClaimCache,
  score: (input: CheckworthinessInput) => Checkworthiness = scoreCheckworthiness,
  reported: readonly ReportedSpeech[] = [],
  minSpeakerConfidence = 0,
  tokens: ArticleTokens = new ArticleTokens(text, paragraphs),
): Claim[] {
  const sentences: Array<{ start: number; end: number; text: string; paragraph: number; features: SentenceFeatures }> = [];
  for (let p = 0; p < paragraphs.length; p++) {
    const paragraph = paragraphs[p];
    if (paragraph.role !== 'paragraph') continue;
    if (!cache) {
      for (const s of paragraph.sentences) {
        const sentence = text.slice(s.start, s.end);
        sentences.push({ start: s.start, end: s.end, text: sentence, paragraph: p, features: sentenceFeatures(sentence) });
      }
      continue;
    }
    // A paragraph's sentences are the same ranges of its text whenever its text is the same (see buildStructure).
    const own = paragraphText(text, paragraph);
    const texts = cache.sentenceTexts.get(own, () => paragraph.sentences.map((s) => own.slice(s.start - paragraph.start, s.end - paragraph.start)));
    for (let i = 0; i < texts.length; i++) {
      const { start, end } = paragraph.sentences[i];
      const sentence = texts[i];
      sentences.push({ start, end, text: sentence, paragraph: p, features: cache.features.get(sentence, () => sentenceFeatures(sentence)) });
    }
  }
  const isOpinion = opinionPiece(sentences.map((s) => s.features));
  const claims: Claim[] = [];
  // Claims by their id's hash, each with its sentence and how many claims have had its normalised words.
  const seen = new Map<string, Array<{ sentence: string; detail: SentenceDetail; n: number }>>();
  let q = 0;
  let r = 0;
  for (const s of sentences) {
    if (!s.features.claimable) continue;
    const sentence = s.text;
    while (q < quotes.length && quotes[q].end <= s.start) q++;
    // The first attributable quote starting before the sentence ends (a linear walk: no copies of the list).
    let inSentence: Quote | undefined;
    for (let k = q; k < quotes.length && quotes[k].start < s.end; k++) {
      if (!quotes[k].nested && quotes[k].kind !== 'scare') {
        inSentence = quotes[k];
        break;
      }
    }

    const d = detailOf(s.features, sentence, () => {
      const w = tokens.within(s.paragraph, s.start, s.end);
      return modelWordsOfTokens(text, w.tokens, w.from, w.to, w.at, s.start, s.end);
    });
    const dates = d.dates.length ? d.dates.map((x) => shiftedDate(x, s.start)) : [];
    const numbers = d.numbers.length ? d.numbers.map((x) => shiftedNumber(x, s.start)) : [];
    const entities = d.entities.length ? d.entities.map((x) => shiftedEntity(x, s.start)) : [];
    const hedges = d.hedges.length ? d.hedges.map((x) => shifted(x, s.start)) : [];
    let types = 0;

    let speaker: ClaimSpeaker = { text: 'the article', kind: 'author' };
    let cue: Span | null = null;
    // A quote's speaker below the attribution model's claim cut is not the claim's speaker (nor is anyone else).
    if (inSentence?.speaker && (inSentence.speaker.confidence ?? 1) >= minSpeakerConfidence) {
      speaker = { text: inSentence.speaker.text, start: inSentence.speaker.start, end: inSentence.speaker.end, kind: inSentence.anonymous ? 'anonymous' : 'named', ...(inSentence.speaker.confidence !== undefined ? { confidence: inSentence.speaker.confidence } : {}), ...(inSentence.speaker.mention ? { mention: inSentence.speaker.mention } : {}) };
      cue = inSentence.cue;
    } else if (!inSentence?.speaker) {
      // Reported speech: its source was decided once, by the attribution model.
      while (r < reported.length && reported[r].end <= s.start) r++;
      const source = r < reported.length && reported[r].start === s.start ? reported[r] : undefined;
      if (source) {
        speaker = { text: source.source.text, start: source.source.start, end: source.source.end, kind: source.anonymous ? 'anonymous' : 'named', confidence: source.confidence, ...(source.mention ? { mention: source.mention } : {}) };
        cue = source.cue;
        types |= STATEMENT;
      }
    }

    if (numbers.length) types |= STATISTIC;
    if (inSentence) types |= QUOTE;
    if (d.event) types |= EVENT;
    if (d.prediction) types |= PREDICTION_TYPE;
    if (d.causal) types |= CAUSAL_TYPE;
    if (d.comparison) types |= COMPARISON_TYPE;
    if (d.rule) types |= RULE_TYPE;
    const opinion = s.features.opinion && !inSentence;
    // In an opinion piece, the author's own unquantified assertions are the author's view.
    const authorsView = isOpinion && !opinion && speaker.kind === 'author' && !inSentence && numbers.length === 0 && dates.length === 0;
    if (opinion || authorsView) types = (types | OPINION_TYPE) & ~STATEMENT;
    if (types === 0 || (types === OPINION_TYPE && speaker.kind !== 'author')) types |= STATEMENT;
    const orderedTypes = typesOf(types);
    const scoreInput = (): CheckworthinessInput => ({
      text: sentence,
      types: orderedTypes,
      numbers,
      dates,
      entities,
      hedges,
      speakerKind: speaker.kind,
      cue: cue?.text ?? null,
      quoted: !!inSentence,
      opinionMarker: opinion,
      firstPersonView: s.features.firstPersonView,
      authorsView,
      words: d.words,
    });
    let worth: number;
    let reasons: string[];
    if (cache && score === scoreCheckworthiness) {
      // The bundled model's score is a function of the sentence (whose features are cached with it) and of these:
      // an unchanged sentence in an unchanged setting keeps its score across edits elsewhere.
      const scoredWith = types | (inSentence ? QUOTED : 0) | (opinion ? OPINION_MARKER : 0) | (s.features.firstPersonView ? FIRST_PERSON : 0) | (authorsView ? AUTHORS_VIEW : 0);
      const cueText = cue?.text ?? '';
      let scored = s.features.scored;
      if (!scored || scored.with !== scoredWith || scored.speakerKind !== speaker.kind || scored.cue !== cueText) {
        s.features.scored = scored = { with: scoredWith, speakerKind: speaker.kind, cue: cueText, result: score(scoreInput()) };
      }
      worth = scored.result.score;
      reasons = [...scored.result.reasons];
    } else ({ score: worth, reasons } = score(scoreInput()));

    // Keyed by the short hash (hashing each long sentence as a Map key was a profile hot spot), exact within it.
    let bucket = seen.get(d.hash);
    if (!bucket) seen.set(d.hash, (bucket = []));
    let entry = bucket.find((e) => e.detail === d || normalisedOf(e.detail, e.sentence) === normalisedOf(d, sentence));
    if (!entry) bucket.push((entry = { sentence, detail: d, n: 0 }));
    const n = ++entry.n;
    claims.push({
      id: `c${d.hash}${n > 1 ? `-${n}` : ''}`,
      start: s.start,
      end: s.end,
      text: sentence,
      speaker,
      cue,
      types: orderedTypes,
      hedges,
      numbers,
      dates,
      entities,
      score: worth,
      reasons,
    });
  }
  return claims;
}
