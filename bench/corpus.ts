// A generated news corpus for duplicate-detection benchmarks: deterministic (seeded), built from a word model written
// here (no copied news), with duplicated passages injected at known places and the ground truth recorded.
//
//   const corpus = generateCorpus({ articles: 2000, seed: 1 });
//   const dir = writeCorpus(corpus); // NNN_<16 hex>.txt files in a new temp dir
//
// Every article is 3–8 KB (UTF-8) of one paragraph per line: headline, blank line, byline, sometimes a "Listen to
// article" header, paragraphs of templated sentences (names, numbers, quotes “…,” X said, ten stock phrases of 5–10
// words shared by many articles, in `stockRate` of the clauses), sometimes a heading, a (Source: …) line, and in ~30%
// of articles the same 58-word footer. The footer and the stock phrases are repeated text that a duplicate detector
// must NOT report. Articles come in six styles (see Style): wire copy, briefs, features, columns, interviews and live
// blogs, with their own paragraph lengths and sentence shapes.
//
// Injected duplicates: a source passage (2–6 consecutive paragraphs, ≥ 60 words) is copied once, either into another
// article ("cross") or later into the same article ("within"), as one of four variants:
//   exact       verbatim;
//   edited      one word in each run of ten replaced by another word;
//   repunct     re-punctuated: curly ↔ straight quotes and apostrophes, commas dropped and added, sentence ends
//               turned into semicolons, dashes or exclamation marks (words and letter case unchanged);
//   rewrapped   paragraph breaks moved and joined at sentence boundaries, and one copy in three hard-wrapped at
//               60–80 columns (only newlines and the spaces they replace change).
// and a fifth, on its own (`shortRate`, cross only), the kind of copy real news is full of:
//   short       45–110 words of whole sentences from one paragraph (or running into the next), one word in each
//               run of ten replaced, one comma turned into a semicolon, curly quotes and apostrophes straightened;
//               copied as a paragraph of its own, or (one time in three) at the start or end of another paragraph.
// Each source passage is copied exactly once and copies are never inserted inside a source passage, so the only
// repeated passages of 40+ words are the injected ones (plus the footer, which is boilerplate).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small, fast, seedable PRNG (mulberry32) with helpers. Same seed, same sequence, on every platform. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** `n` random hex digits. */
  hex(n: number): string;
  shuffle<T>(xs: T[]): T[];
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    range: (lo, hi) => lo + int(hi - lo + 1),
    pick: (xs) => xs[int(xs.length)],
    chance: (p) => next() < p,
    hex: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(16)];
      return s;
    },
    shuffle: (xs) => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      return xs;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The word model. All of it written for this benchmark.

const w = (s: string) => s.trim().split(/\s+/);

const NOUNS = w(`
  council harbour budget river plan vote report crew ferry price bakery court appeal engineer storm pier season region
  school grid bridge tunnel railway station depot tram bus route timetable fare ticket passenger driver union strike
  wage pension contract tender bid supplier warehouse factory mill quarry mine forest meadow orchard vineyard farm
  barn tractor harvest drought flood levee dam reservoir pipeline well spring canal lock quay dock crane container
  cargo shipment port customs border checkpoint permit licence inspector audit ledger account deficit surplus loan
  bond grant subsidy tax levy rebate fee fine penalty ruling verdict trial witness jury judge lawyer petition protest
  march rally crowd square market stall vendor shop tenant landlord rent lease housing estate block tower flat
  cottage village suburb district ward constituency ballot election candidate campaign poll survey census hospital
  clinic ward nurse doctor patient vaccine outbreak fever shortage queue library museum gallery archive theatre
  festival concert choir orchestra stadium league match referee coach striker goalkeeper trophy derby pool gym park
  playground garden allotment cemetery chapel cathedral mosque temple statue monument fountain plaza avenue
  boulevard lane roundabout junction motorway bypass carpark bicycle pavement streetlight sewer drain landfill
  recycling compost turbine panel battery substation meter boiler furnace chimney roof scaffold crane foundation
  inquiry committee panel board trustee charity volunteer donor fundraiser scheme pilot trial prototype laboratory
  study dataset forecast estimate figure target quota deadline schedule timeline delay backlog shortfall overrun
  memo letter email leak statement briefing hearing session motion amendment clause draft bill policy strategy
  framework review consultation objection complaint grievance apology resignation appointment successor deputy
`);

const ADJECTIVES = w(`
  new old local regional national private public small large narrow wide long brief early late final initial annual
  monthly weekly costly cheap modest generous strict loose formal informal quiet noisy busy empty crowded remote
  coastal rural urban northern southern eastern western central upper lower inner outer former current future recent
  temporary permanent partial complete rapid gradual sudden steady sharp mild severe heavy light fragile sturdy
  wooden concrete stone steel brick flooded frozen dry damp muddy dusty rusty ageing modern historic disputed
  contested popular unpopular controversial cautious ambitious vague detailed confidential leaked unpublished revised
  delayed cancelled approved rejected pending unpaid overdue independent joint municipal federal provincial
  maritime agricultural industrial medical legal financial technical environmental seasonal nightly
`);

const VERBS_PAST = w(`
  approved rejected delayed postponed announced confirmed denied criticised defended questioned welcomed opposed
  backed funded cut raised lowered doubled halved extended shortened reopened closed suspended resumed inspected
  repaired replaced rebuilt demolished expanded reduced published withdrew filed dismissed upheld overturned signed
  renewed cancelled reviewed audited investigated praised blamed warned urged promised pledged estimated predicted
  recorded measured counted surveyed mapped planned proposed drafted amended debated passed vetoed delivered
  missed met exceeded tripled restored protected cleared flooded drained dredged moved sold bought leased hired
  dismissed trained equipped tested launched completed abandoned revived merged split relocated
`);

const VERBS_BASE = w(`
  approve reject delay announce confirm deny defend question welcome oppose back fund cut raise lower extend reopen
  close suspend resume inspect repair replace rebuild expand reduce publish withdraw review audit investigate warn
  urge promise estimate record measure plan propose draft amend debate deliver meet restore protect clear drain
  move sell lease hire train equip test launch complete abandon revive merge relocate finish start explain afford
`);

const ADVERBS = w(`
  quickly slowly quietly openly sharply narrowly widely largely partly fully briefly repeatedly initially eventually
  finally reluctantly cautiously firmly formally publicly privately jointly separately
`);

const PREPOSITIONS = w(`near behind beside across along beyond under above around through inside outside`);

const FIRST_NAMES = w(`
  Mara Tom Lena Oskar Amal Ines Rhea Jonas Priya Kofi Sofia Mateo Yara Emil Nadia Ravi Hanne Pavel Leila Tobias
  Aiko Bruno Clara Dmitri Esra Felix Greta Hugo Irena Jamal Katja Lars Mina Nils Olga Pedro Quinn Rosa Samir Thea
  Uma Viktor Wanda Xavier Yusuf Zora Anton Britt Cyril Dagny
`);

const SURNAMES = w(`
  Olsen Reyes Fisk Brandt Serra Calder Falk Moreau Lindqvist Okafor Varga Haddad Novak Petrov Ibsen Castell Dunmore
  Achterberg Bellamy Carrow Delacroix Eskeland Fairweather Gallo Hartmann Iversen Janssen Kowalski Larkin Marchetti
  Nakamura Ostrowski Pellegrini Quist Rasmussen Sandoval Thorsen Uriarte Valdez Whitcombe Yilmaz Zeller Abernethy
  Bruckner Colquhoun Drummond Engström Ferreira Grünwald Holloway
`);

const PLACES = w(`
  Vessmark Ostberg Halvik Brennmoor Caldwick Dunholm Eastwater Farrowgate Glenmere Harrowby Islewick Juniper
  Kestrelford Longmere Marrowdale Northcombe Oakhollow Pellinge Quarrington Ravensholm Saltcote Thornbury Ulverness
  Valemouth Westerby Yarrowfield Ashcombe Birchmoor Coldharbour Dovecliff Elderford Fenwick Greystones Hollowmere
  Ironbridge Kingsreach Larchwood Millbrook Netherfield
`);

const ORG_TYPES = [
  'Port Authority', 'Water Board', 'Teachers’ Union', 'Chamber of Commerce', 'Transport Department', 'Health Trust',
  'Housing Association', 'Planning Committee', 'Fire Service', 'Farmers’ Cooperative', 'Ferry Company', 'District Court',
  'Energy Cooperative', 'Residents’ Association', 'Tourism Office', 'Fisheries Board', 'Library Service', 'Audit Office',
  'Police Service', 'Rail Operator',
];

const ROLES = w(`mayor councillor spokeswoman spokesman chairwoman chairman director treasurer inspector engineer
  manager secretary coordinator organiser economist analyst surveyor headteacher`);

const DAYS = w('Monday Tuesday Wednesday Thursday Friday Saturday Sunday');
const MONTHS = w('January February March April May June July August September October November December');
const HEADINGS = ['What Happens Next', 'The Background', 'The Cost', 'Reaction', 'The Numbers', 'Next Steps', 'Context', 'The Vote'];

/** Stock phrases (5–10 words) that many unrelated articles share; each is far below a passage's 40 words. */
const STOCK = [
  'did not immediately respond to a request for comment',
  'speaking on condition of anonymity',
  'according to people familiar with the plans',
  'it was not immediately clear whether',
  'declined to comment on the matter',
  'the figures were published on the council website',
  'in a statement released late on',
  'the meeting is open to the public',
  'a decision is expected by the end of the year',
  'the proposal will be debated again next month',
];

/** Boilerplate appended to ~30% of the articles: the same line everywhere, never to be reported as a duplicate. */
export const FOOTER =
  'This article was produced by the regional desk of the Valemouth Courier and checked by our editors before publication. Our reporting is paid for by readers: subscribe for unlimited access to local news, weather, sport and the evening newsletter. To report an error, write to the corrections editor and include the headline and the date of the article.';
const HEADER = ['Listen to Article', 'Click play to generate audio'];

const ALL_WORDS = [...new Set([...NOUNS, ...ADJECTIVES, ...VERBS_PAST, ...VERBS_BASE, ...ADVERBS])];

interface Cast {
  stockRate: number;
  place: string;
  people: Array<{ first: string; last: string; role: string }>;
  orgs: string[];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (s: string) => (/[^aeiou]y$/.test(s) ? s.slice(0, -1) + 'ies' : /(s|sh|ch|x)$/.test(s) ? s + 'es' : s + 's');

function numberPhrase(r: Rng): string {
  const x = r.int(6);
  if (x === 0) return String(r.range(2, 99));
  if (x === 1) return `${r.range(1, 9)},${String(r.int(1000)).padStart(3, '0')}`;
  if (x === 2) return `${r.range(2, 950)} million`;
  if (x === 3) return `${r.range(1, 99)}.${r.int(10)} per cent`;
  if (x === 4) return String(r.range(1990, 2031));
  return `${r.range(2, 48)} ${r.pick(['hectares', 'kilometres', 'tonnes', 'households', 'jobs', 'beds', 'seats'])}`;
}

/** Templates 12–18, 20 and 21 contain a stock phrase. */
const STOCK_TEMPLATES = [12, 13, 14, 15, 16, 17, 18, 20, 21];
const PLAIN_TEMPLATES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 19];

/** One clause (no final full stop) from a few dozen templates over the word lists; `stockRate` of them hold a stock phrase. */
function clause(r: Rng, c: Cast, stockRate: number): string {
  const n = () => r.pick(NOUNS);
  const a = () => r.pick(ADJECTIVES);
  const vp = () => r.pick(VERBS_PAST);
  const vb = () => r.pick(VERBS_BASE);
  const person = () => r.pick(c.people);
  const org = () => r.pick(c.orgs);
  const pp = () => `${r.pick(PREPOSITIONS)} the ${a()} ${n()}`;
  switch (r.chance(stockRate) ? r.pick(STOCK_TEMPLATES) : r.pick(PLAIN_TEMPLATES)) {
    case 0: return `the ${org()} ${vp()} the ${a()} ${n()} on ${r.pick(DAYS)}, ${r.pick(['after', 'before', 'despite', 'amid'])} a ${a()} ${n()} ${pp()}`;
    case 1: return `${person().last} said the ${n()} would ${vb()} the ${a()} ${n()} by ${r.pick(MONTHS)}`;
    case 2: return `according to the ${org()}, ${numberPhrase(r)} ${plural(n())} were ${vp()} in ${c.place} last ${r.pick(['year', 'month', 'week', 'winter', 'summer'])}`;
    case 3: return `critics ${vp()} the ${n()} as ${a()} and ${a()}, and ${r.pick(['called for', 'asked for', 'demanded'])} a ${a()} ${n()}`;
    case 4: return `the ${a()} ${n()} ${vp()} ${r.pick(ADVERBS)} ${pp()}, ${r.pick(['leaving', 'forcing', 'prompting'])} the ${n()} to ${vb()} its ${n()}`;
    case 5: return `${numberPhrase(r)} of the ${plural(n())} in ${r.pick(PLACES)} ${vp()} the ${n()}, up from ${numberPhrase(r)} in ${r.range(1995, 2024)}`;
    case 6: { const p = person(); return `${p.first} ${p.last}, the ${p.role} of the ${org()}, ${vp()} the ${a()} ${n()} ${pp()}`; }
    case 7: return `the ${n()} of ${r.pick(PLACES)} has ${vp()} ${r.pick(['twice', 'once', 'three times', 'repeatedly'])} since ${r.range(1990, 2024)}, most recently ${pp()}`;
    case 8: return `${r.pick(['officials', 'residents', 'engineers', 'traders', 'parents', 'farmers', 'drivers', 'nurses'])} ${vp()} the ${n()}, saying the ${n()} was ${a()} and the ${n()} ${a()}`;
    case 9: return `the ${n()} will cost ${numberPhrase(r)} and take ${r.range(2, 30)} ${r.pick(['months', 'weeks', 'years'])} to ${vb()}, the ${org()} ${r.pick(['said', 'estimated', 'told reporters'])}`;
    case 10: return `${person().last} ${vp()} that the ${n()} had been ${vp()} ${r.pick(ADVERBS)} and that the ${a()} ${n()} would ${vb()} ${pp()}`;
    case 11: return `a ${a()} ${n()} ${pp()} ${r.pick(['remains', 'stays', 'was left'])} ${a()} while the ${n()} ${vp()} its ${n()}`;
    case 12: return `the ${org()} ${r.pick(STOCK.slice(0, 1))}`;
    case 13: return `one ${r.pick(ROLES)} ${pp()} said the ${n()} was ${a()}, ${r.pick(STOCK.slice(1, 2))}`;
    case 14: return `${r.pick(STOCK.slice(3, 4))} the ${a()} ${n()} would ${vb()} the ${n()} before ${r.pick(MONTHS)}`;
    case 15: return `the ${org()} ${r.pick(STOCK.slice(4, 5))}, but ${person().last} said the ${n()} had been ${vp()}`;
    case 16: return `${r.pick(STOCK.slice(5, 6))} on ${r.pick(DAYS)}, showing ${numberPhrase(r)} ${plural(n())} ${pp()}`;
    case 17: return `${r.pick(STOCK.slice(8, 10))}, and the ${org()} ${vp()} a ${a()} ${n()}`;
    case 18: return `in ${r.pick(STOCK.slice(6, 7)).slice(3)} ${r.pick(DAYS)}, the ${org()} ${vp()} the ${n()} and ${vp()} the ${a()} ${n()}`;
    case 19: return `the ${n()} ${pp()} was ${vp()} in ${r.range(1850, 2020)} and ${vp()} in ${r.range(1950, 2024)}, ${r.pick(['records show', 'archives show', 'the museum says'])}`;
    case 20: return `${r.pick(STOCK.slice(2, 3))}, the ${org()} will ${vb()} the ${a()} ${n()} and ${vb()} the ${n()}`;
    case 21: return `${r.pick(STOCK.slice(7, 8))}, and ${person().last} will ${vb()} the ${a()} ${n()} ${pp()}`;
    default: throw new Error('no such template');
  }
}

function sentence(r: Rng, c: Cast, q: Quotes): string {
  const x = r.next();
  if (x < 0.16) {
    const p = r.pick(c.people);
    return `${q.open}${cap(clause(r, c, c.stockRate))},${q.close} ${r.chance(0.5) ? p.last : `${p.first} ${p.last}, the ${p.role},`} ${r.pick(['said', 'said', 'told the Courier', 'added', 'said on ' + r.pick(DAYS)])}.`;
  }
  if (x < 0.22) {
    const p = r.pick(c.people);
    return `${p.last} said: ${q.open}${cap(clause(r, c, c.stockRate))}.${q.close}`;
  }
  if (x < 0.26) return `${cap(clause(r, c, c.stockRate))} ${q.dash} a ${a2(r)} ${r.pick(NOUNS)} by any measure.`;
  return `${cap(clause(r, c, c.stockRate))}.`;
}
const a2 = (r: Rng) => r.pick(ADJECTIVES);

interface Quotes {
  open: string;
  close: string;
  dash: string;
}

/**
 * Article styles, so that copied passages do not all read alike: `wire` (2–4 templated sentences a paragraph, as
 * above), `brief` (one or two sentences a paragraph), `feature` (long paragraphs, scene-setting openers, clauses
 * joined by commas, semicolons and dashes), `column` (first person, questions, asides), `interview` (questions and
 * answers, "Q:" / "A:") and `liveblog` (timestamped entries, "Update:").
 */
export type Style = 'wire' | 'brief' | 'feature' | 'column' | 'interview' | 'liveblog';
const STYLES: Array<[Style, number]> = [['wire', 0.45], ['brief', 0.12], ['feature', 0.15], ['column', 0.1], ['interview', 0.08], ['liveblog', 0.1]];

function pickStyle(r: Rng): Style {
  let x = r.next();
  for (const [style, p] of STYLES) if ((x -= p) < 0) return style;
  return 'wire';
}

/** A sentence of a feature: a scene-setting opener, or two clauses joined. */
function featureSentence(r: Rng, c: Cast, q: Quotes): string {
  const x = r.int(5);
  const cl = () => clause(r, c, c.stockRate);
  if (x === 0) {
    const opener = r.pick([
      `on a ${r.pick(ADJECTIVES)} ${r.pick(DAYS)} morning in ${c.place}`,
      `for ${r.range(2, 40)} years`,
      `by the time the ${r.pick(NOUNS)} was ${r.pick(VERBS_PAST)}`,
      `long before anyone ${r.pick(VERBS_PAST)} the ${r.pick(NOUNS)}`,
      `down by the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`,
    ]);
    return `${cap(opener)}, ${cl()}.`;
  }
  if (x === 1) return `${cap(cl())}; ${cl()}.`;
  if (x === 2) return `${cap(cl())}, and ${cl()}.`;
  if (x === 3) return `${cap(cl())} ${q.dash} ${r.pick(['and', 'but', 'while'])} ${cl()}.`;
  return sentence(r, c, q);
}

/**
 * A sentence of a column: first person, a question, an aside. Half of them are the common templates, and every
 * rhetorical one has several open slots, so that two paragraphs of one column never come out alike.
 */
function columnSentence(r: Rng, c: Cast, q: Quotes): string {
  const n = () => r.pick(NOUNS);
  const a = () => r.pick(ADJECTIVES);
  const pp = () => `${r.pick(PREPOSITIONS)} the ${a()} ${n()}`;
  const x = r.int(10);
  if (x === 0) return `I ${r.pick(['think', 'suspect', 'doubt', 'believe', 'fear'])} ${clause(r, c, c.stockRate)}.`;
  if (x === 1) return `Why would the ${r.pick(c.orgs)} ${r.pick(VERBS_BASE)} the ${a()} ${n()} ${r.pick(['now', 'this year', 'before the vote', 'at all', 'again'])}?`;
  if (x === 2) return `We were ${r.pick(['promised', 'told about', 'sold'])} a ${a()} ${n()} ${pp()}, and we got a ${a()} ${n()} instead.`;
  if (x === 3) return `Let us be honest: ${clause(r, c, c.stockRate)}.`;
  if (x === 4) return `Nobody ${r.pick(['asked', 'wanted', 'expected'])} the ${a()} ${n()} to ${r.pick(VERBS_BASE)} the ${n()} ${pp()}, yet here we are.`;
  return sentence(r, c, q);
}

/** A question of an interview. */
function question(r: Rng, c: Cast): string {
  const n = () => r.pick(NOUNS);
  const x = r.int(4);
  if (x === 0) return `Why did the ${r.pick(c.orgs)} ${r.pick(VERBS_BASE)} the ${r.pick(ADJECTIVES)} ${n()}?`;
  if (x === 1) return `What happens to the ${n()} if the ${n()} is ${r.pick(VERBS_PAST)}?`;
  if (x === 2) return `How many ${plural(n())} were ${r.pick(VERBS_PAST)} last ${r.pick(['year', 'month', 'winter'])}?`;
  return `Do you ${r.pick(VERBS_BASE)} the ${n()}, and would you ${r.pick(VERBS_BASE)} it again?`;
}

/** One paragraph (one line) of an article in `style`; `nth` counts its body paragraphs so far. */
function paragraph(r: Rng, c: Cast, q: Quotes, style: Style = 'wire', nth = 0): string {
  const sentences = (lo: number, hi: number, one: () => string) => Array.from({ length: r.range(lo, hi) }, one).join(' ');
  switch (style) {
    case 'brief':
      return sentences(1, 2, () => sentence(r, c, q));
    case 'feature':
      return sentences(4, 6, () => featureSentence(r, c, q));
    case 'column':
      return sentences(2, 4, () => columnSentence(r, c, q));
    case 'interview':
      if (nth % 2 === 0) return `Q: ${question(r, c)}`;
      return `A: ${sentences(2, 4, () => (r.chance(0.3) ? `We ${r.pick(VERBS_PAST)} the ${r.pick(NOUNS)} because ${clause(r, c, c.stockRate)}.` : sentence(r, c, q)))}`;
    case 'liveblog': {
      const minutes = 8 * 60 + nth * r.range(3, 20);
      const time = `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      return `${time} ${q.dash} ${r.chance(0.2) ? 'Update: ' : ''}${sentences(1, 3, () => sentence(r, c, q))}`;
    }
    default:
      return sentences(2, 4, () => sentence(r, c, q));
  }
}

type BlockKind = 'meta' | 'body' | 'heading' | 'footer' | 'copy';
interface Block {
  kind: BlockKind;
  lines: string[];
  /** For copies: the injection it belongs to. */
  injection?: number;
}

interface Draft {
  id: string;
  /** UTF-8 size of the text so far (grows with inserted copies). */
  bytes: number;
  blocks: Block[];
  quotes: Quotes;
  style: Style;
  /** Body block indices already used in a source passage (or holding a short copy inside them). */
  usedAsSource: boolean[];
  /** Gaps (before block i) where a copy will be inserted: no source passage may span them. */
  insertAt: Set<number>;
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function draftArticle(r: Rng, index: number, digits: number, minBytes: number, maxBytes: number, stockRate: number): Draft {
  const place = r.pick(PLACES);
  const people = Array.from({ length: r.range(2, 4) }, () => ({ first: r.pick(FIRST_NAMES), last: r.pick(SURNAMES), role: r.pick(ROLES) }));
  const orgs = Array.from({ length: r.range(1, 3) }, () => `${r.chance(0.5) ? place : r.pick(PLACES)} ${r.pick(ORG_TYPES)}`);
  const c: Cast = { stockRate, place, people, orgs };
  const style = pickStyle(r);
  const straight = r.chance(0.2);
  const q: Quotes = straight ? { open: '"', close: '"', dash: '-' } : { open: '“', close: '”', dash: '—' };
  const blocks: Block[] = [];
  const headline = `${cap(r.pick(ORG_TYPES.map((o) => o.toLowerCase())))} ${r.pick(VERBS_PAST)} ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} in ${place}`;
  const meta = [headline, '', `By ${r.pick(FIRST_NAMES)} ${r.pick(SURNAMES)}`];
  if (r.chance(0.2)) meta.push(...HEADER);
  blocks.push({ kind: 'meta', lines: meta });
  const hasFooter = r.chance(0.3);
  const source = `(Source: www.example.org/${place.toLowerCase()}-${r.pick(NOUNS)}-${r.hex(6)})`;
  const target = r.range(minBytes, maxBytes) - utf8(source) - 1 - (hasFooter ? utf8(FOOTER) + 1 : 0);
  let size = meta.reduce((s, l) => s + utf8(l) + 1, 0);
  let body = 0;
  while (size < target || body < 4) {
    let para = paragraph(r, c, q, style, body);
    if (q.open === '"') para = para.replace(/’/g, "'");
    const add = utf8(para) + 1;
    if (body >= 3 && r.chance(0.06)) {
      const h = r.pick(HEADINGS);
      blocks.push({ kind: 'heading', lines: [h] });
      size += utf8(h) + 1;
    }
    blocks.push({ kind: 'body', lines: [para] });
    size += add;
    body++;
  }
  blocks.push({ kind: 'meta', lines: [source] });
  if (hasFooter) blocks.push({ kind: 'footer', lines: [FOOTER] });
  const id = `${String(index).padStart(digits, '0')}_${r.hex(16)}.txt`;
  const bytes = blocks.reduce((n, b) => n + b.lines.reduce((m, l) => m + utf8(l) + 1, 0), 0);
  return { id, bytes, blocks, quotes: q, style, usedAsSource: blocks.map(() => false), insertAt: new Set() };
}

// ---------------------------------------------------------------------------------------------------------------
// Variants of a copied passage (an array of paragraph lines).

export type Variant = 'exact' | 'edited' | 'repunct' | 'rewrapped' | 'short';
/** Every variant; `short` (a short passage, lightly edited) is injected on its own, after the other four. */
export const VARIANTS: readonly Variant[] = ['exact', 'edited', 'repunct', 'rewrapped', 'short'];
/** The variants of whole-paragraph passages of 60+ words, injected in turn. */
const PASSAGE_VARIANTS: readonly Variant[] = ['exact', 'edited', 'repunct', 'rewrapped'];

const WORD_RE = /[A-Za-z0-9\u00C0-\u024F]+(?:[’'-][A-Za-z0-9\u00C0-\u024F]+)*/g;

/** One word in each run of ten (at a random place in the run) replaced by a different vocabulary word. */
function editWords(r: Rng, lines: string[]): string[] {
  const text = lines.join('\n');
  const words = [...text.matchAll(WORD_RE)];
  // Which words may change: letters only (not numbers, which would split "1,000" oddly).
  const replace = new Set<number>();
  for (let b = 0; b < words.length; b += 10) {
    const run = words.slice(b, b + 10).map((m, i) => [m, b + i] as const).filter(([m]) => /^[A-Za-z]/.test(m[0]));
    if (run.length) replace.add(r.pick(run)[1]);
  }
  let out = '';
  let last = 0;
  words.forEach((m, i) => {
    if (!replace.has(i)) return;
    const old = m[0];
    let repl = r.pick(ALL_WORDS);
    while (repl.toLowerCase() === old.toLowerCase()) repl = r.pick(ALL_WORDS);
    if (/^[A-Z]/.test(old)) repl = cap(repl);
    out += text.slice(last, m.index) + repl;
    last = m.index + old.length;
  });
  out += text.slice(last);
  return out.split('\n');
}

/** Punctuation changed, words and letter case kept. */
function repunctuate(r: Rng, lines: string[]): string[] {
  return lines.map((line) => {
    let s = line;
    // Quote styles and apostrophes, curly ↔ straight.
    if (/[“”’]/.test(s)) s = s.replace(/[“”]/g, '"').replace(/’/g, "'");
    else s = s.replace(/"([^"]*)"/g, '“$1”').replace(/'/g, '’');
    // Dashes.
    s = s.replace(/ — /g, ' - ').replace(/ - /g, () => (r.chance(0.5) ? ' — ' : ' -- '));
    // Drop some commas, add others.
    s = s.replace(/,(?=\s)/g, () => (r.chance(0.6) ? '' : ','));
    s = s.replace(/([a-z]) (?=[a-z])/g, (m, ch: string) => (r.chance(0.07) ? `${ch}, ` : m));
    // Sentence ends inside the paragraph.
    s = s.replace(/\. (?=[A-Z“"])/g, () => r.pick(['; ', ' — ', '! ', '. ', ': ']));
    return s;
  });
}

/** Newlines changed: paragraphs re-split at sentence boundaries (joined and moved), sometimes hard-wrapped. */
function rewrap(r: Rng, lines: string[]): string[] {
  const sentences = lines.join(' ').split(/(?<=[.!?”"]) (?=[A-Z“"])/);
  const out: string[] = [];
  let cur: string[] = [];
  const per = r.range(2, 7);
  for (const s of sentences) {
    cur.push(s);
    if (cur.length >= per && r.chance(0.7)) {
      out.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length) out.push(cur.join(' '));
  if (out.length === lines.length && out.every((l, i) => l === lines[i])) return [lines.join(' ')];
  if (!r.chance(1 / 3)) return out;
  const width = r.range(60, 80);
  const wrapped: string[] = [];
  for (const para of out) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        wrapped.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    wrapped.push(line);
  }
  return wrapped;
}

/**
 * A short copy as found in real news: one word in ten changed, one comma turned into a semicolon, and curly quote
 * marks and apostrophes straightened.
 */
function shortEdit(r: Rng, lines: string[]): string[] {
  const edited = editWords(r, lines).map((l) => l.replace(/[“”]/g, '"').replace(/[‘’]/g, "'"));
  const commas: Array<[number, number]> = [];
  edited.forEach((l, li) => {
    for (const m of l.matchAll(/,(?=\s)/g)) commas.push([li, m.index]);
  });
  if (commas.length) {
    const [li, at] = r.pick(commas);
    edited[li] = `${edited[li].slice(0, at)};${edited[li].slice(at + 1)}`;
  }
  return edited;
}

function makeVariant(r: Rng, v: Variant, lines: string[]): string[] {
  if (v === 'short') return shortEdit(r, lines);
  if (v === 'edited') return editWords(r, lines);
  if (v === 'repunct') return repunctuate(r, lines);
  if (v === 'rewrapped') return rewrap(r, lines);
  return [...lines];
}

// ---------------------------------------------------------------------------------------------------------------

export interface CorpusOptions {
  /** Number of articles (default 2,000). */
  articles: number;
  seed: number;
  /** Article size before injection, UTF-8 bytes; a copy goes only where the result stays within `limitBytes`. */
  minBytes: number;
  maxBytes: number;
  limitBytes: number;
  /**
   * Fraction of clauses built on one of the ten stock phrases ("did not immediately respond to a request for comment"…).
   * Default 0.1; at 0.4 formulaic sentences follow each other often enough to look like near-copies.
   */
  stockRate: number;
  /** Cross-document copies, as a fraction of `articles` (default 0.2). */
  crossRate: number;
  /** Copies later in the same article, as a fraction of `articles` (default 0.06). */
  withinRate: number;
  /** Short edited copies (45–110 words, into another article), as a fraction of `articles` (default 0.065). */
  shortRate: number;
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = { articles: 2000, seed: 1, minBytes: 3000, maxBytes: 7000, limitBytes: 8192, stockRate: 0.1, crossRate: 0.2, withinRate: 0.06, shortRate: 0.065 };

/**
 * Sizes for a corpus of 3–8 KB articles: drafts of 3,000–7,600 bytes end up to one paragraph longer, and copies go
 * only where the article stays within 8 KB (seed 1, 10,000 articles: 3,019–8,188 bytes, median 5,876).
 */
export const SIZES_3_TO_8_KB = { minBytes: 3000, maxBytes: 7600, limitBytes: 8192 } as const;

export interface Range {
  start: number;
  end: number;
}

/** One injected duplicate: `rangeA` of `docA` (the source) copied as `rangeB` of `docB` (docA = docB for "within"). */
export interface TruthPair {
  id: number;
  kind: 'cross' | 'within';
  variant: Variant;
  docA: string;
  rangeA: Range;
  docB: string;
  rangeB: Range;
  /** Words in the source passage. */
  words: number;
}

export interface Corpus {
  options: CorpusOptions;
  docs: Array<{ id: string; text: string }>;
  truth: TruthPair[];
  /** Per document, the character ranges of boilerplate (the footer) that must not be reported. */
  boilerplate: Map<string, Range[]>;
}

const wordCount = (lines: string[]) => lines.reduce((n, l) => n + (l.match(WORD_RE)?.length ?? 0), 0);

export function generateCorpus(options: Partial<CorpusOptions> = {}): Corpus {
  const o = { ...DEFAULT_CORPUS_OPTIONS, ...options };
  const r = createRng(o.seed);
  const digits = Math.max(3, String(o.articles - 1).length);
  const drafts = Array.from({ length: o.articles }, (_, i) => draftArticle(r, i, digits, o.minBytes, o.maxBytes, o.stockRate));

  /** A source passage: 2–6 consecutive body blocks (headings allowed inside) of ≥ 60 words, not used before. */
  const pickSource = (d: Draft, maxStart: number): [number, number] | undefined => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const first = r.range(1, Math.max(1, maxStart));
      if (d.blocks[first]?.kind !== 'body') continue;
      const len = r.range(2, 6);
      let last = first;
      let paras = 1;
      while (paras < len && last + 1 < d.blocks.length && (d.blocks[last + 1].kind === 'body' || d.blocks[last + 1].kind === 'heading')) {
        last++;
        if (d.blocks[last].kind === 'body') paras++;
      }
      if (d.blocks[last].kind !== 'body' || paras < 2) continue;
      let ok = true;
      for (let i = first - 1; i <= last + 1; i++) if (d.usedAsSource[i]) ok = false; // keep passages apart
      for (let g = first; g <= last + 1; g++) if (d.insertAt.has(g)) ok = false; // and copies off their edges
      if (!ok) continue;
      const lines = d.blocks.slice(first, last + 1).flatMap((b) => b.lines);
      if (wordCount(lines) < 60) continue;
      for (let i = first; i <= last; i++) d.usedAsSource[i] = true;
      return [first, last];
    }
    return undefined;
  };
  /** Insertion point (before block `g`): between body blocks, not inside a source passage, not after the source line. */
  const gapOk = (d: Draft, g: number) =>
    g >= 1 && g < d.blocks.length && (d.blocks[g].kind === 'body' || d.blocks[g].kind === 'heading' || d.blocks[g].kind === 'meta') && d.blocks[g - 1].kind !== 'meta' && !(d.usedAsSource[g - 1] && d.usedAsSource[g]);

  interface Injection {
    id: number;
    kind: 'cross' | 'within';
    variant: Variant;
    a: number;
    span: [number, number];
    b: number;
    gap: number;
    lines: string[];
    words: number;
    /** Short copies: where the source starts in its first block's line and ends in its last block's line. */
    from?: number;
    to?: number;
    /** Short copies put inside the paragraph `gap` (before or after its text) rather than before it. */
    merge?: 'before' | 'after';
  }
  const injections: Injection[] = [];
  const order = r.shuffle(drafts.map((_, i) => i));
  let next = 0;
  const nCross = Math.round(o.articles * o.crossRate);
  const nWithin = Math.round(o.articles * o.withinRate);
  for (let k = 0; k < nCross + nWithin && next < order.length * 4; k++) {
    const kind = k < nCross ? 'cross' : 'within';
    const variant = PASSAGE_VARIANTS[k % PASSAGE_VARIANTS.length];
    const a = order[next++ % order.length];
    const d = drafts[a];
    const bodyBlocks = d.blocks.length;
    const span = pickSource(d, kind === 'within' ? Math.floor(bodyBlocks / 2) - 2 : bodyBlocks - 3);
    if (!span) {
      k--;
      continue;
    }
    const copyBytes = d.blocks.slice(span[0], span[1] + 1).reduce((n, bl) => n + bl.lines.reduce((m, l) => m + utf8(l) + 1, 0), 0) + 8;
    const fits = (x: number) => drafts[x].bytes + copyBytes <= o.limitBytes;
    let b = a;
    let gap = -1;
    if (kind === 'cross') {
      for (let attempt = 0; attempt < 50 && gap < 0; attempt++) {
        b = r.int(drafts.length);
        if (b === a || !fits(b)) continue;
        const g = r.range(2, drafts[b].blocks.length - 1);
        if (gapOk(drafts[b], g)) gap = g;
      }
    } else {
      for (let attempt = 0; attempt < 50 && gap < 0 && fits(a); attempt++) {
        const g = r.range(span[1] + 2, d.blocks.length - 1);
        if (gapOk(d, g)) gap = g;
      }
    }
    if (gap < 0) {
      for (let i = span[0]; i <= span[1]; i++) d.usedAsSource[i] = false;
      k--;
      continue;
    }
    const source = d.blocks.slice(span[0], span[1] + 1).flatMap((bl) => bl.lines);
    const lines = makeVariant(r, variant, source);
    const added = lines.reduce((m, l) => m + utf8(l) + 1, 0);
    if (drafts[b].bytes + added > o.limitBytes) {
      // The variant came out longer than its source (curly quotes, added commas): it does not fit after all.
      for (let i = span[0]; i <= span[1]; i++) d.usedAsSource[i] = false;
      k--;
      continue;
    }
    drafts[b].bytes += added;
    drafts[b].insertAt.add(gap);
    injections.push({ id: injections.length, kind, variant, a, span, b, gap, lines, words: wordCount(source) });
  }

  // Short edited copies: 45–110 words of whole sentences from one paragraph or two consecutive ones, copied into
  // another article as a paragraph of its own (keeping a paragraph break inside), or, one time in three, at the
  // start or the end of one of its paragraphs.
  const SENTENCE = /(?<=[.!?]|[.!?][”"]) (?=[A-Z0-9“"])/;
  const pickShort = (d: Draft): { span: [number, number]; from: number; to: number; lines: string[]; words: number } | undefined => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const first = r.range(1, d.blocks.length - 2);
      if (d.blocks[first].kind !== 'body') continue;
      const target = r.range(45, 110);
      const sentences = d.blocks[first].lines[0].split(SENTENCE);
      const s0 = r.int(sentences.length);
      let from = sentences.slice(0, s0).reduce((n, x) => n + x.length + 1, 0);
      let words = 0;
      let picked: string[] = [];
      for (let s = s0; s < sentences.length && words < target; s++) {
        picked.push(sentences[s]);
        words += wordCount([sentences[s]]);
      }
      const lines = [picked.join(' ')];
      let last = first;
      let to = from + lines[0].length;
      if (words < target && d.blocks[first + 1]?.kind === 'body') {
        last = first + 1;
        picked = [];
        for (const x of d.blocks[last].lines[0].split(SENTENCE)) {
          if (words >= target) break;
          picked.push(x);
          words += wordCount([x]);
        }
        lines.push(picked.join(' '));
        to = lines[1].length;
      }
      if (words < 45 || words > 110) continue;
      let ok = true;
      for (let i = first - 1; i <= last + 1; i++) if (d.usedAsSource[i]) ok = false;
      for (let g = first; g <= last + 1; g++) if (d.insertAt.has(g)) ok = false;
      if (!ok) continue;
      for (let i = first; i <= last; i++) d.usedAsSource[i] = true;
      if (from < 0) from = 0;
      return { span: [first, last], from, to, lines, words };
    }
    return undefined;
  };
  const nShort = Math.round(o.articles * o.shortRate);
  for (let k = 0, tries = 0; k < nShort && tries < nShort * 4; tries++) {
    const a = order[next++ % order.length];
    const d = drafts[a];
    const source = pickShort(d);
    if (!source) continue;
    const lines = shortEdit(r, source.lines);
    const merge = r.chance(1 / 3) ? (r.chance(0.5) ? 'before' : 'after') : undefined;
    const copy = merge ? [lines.join(' ')] : lines;
    const added = copy.reduce((m, l) => m + utf8(l) + 1, 0);
    let b = -1;
    let gap = -1;
    for (let attempt = 0; attempt < 50 && gap < 0; attempt++) {
      b = r.int(drafts.length);
      if (b === a || drafts[b].bytes + added > o.limitBytes) continue;
      const t = drafts[b];
      const g = r.range(2, t.blocks.length - 1);
      if (merge) {
        // Inside a paragraph that no passage is copied from (and none will be: it is marked used).
        if (t.blocks[g].kind === 'body' && !t.usedAsSource[g]) gap = g;
      } else if (gapOk(t, g)) gap = g;
    }
    if (gap < 0) {
      for (let i = source.span[0]; i <= source.span[1]; i++) d.usedAsSource[i] = false;
      continue;
    }
    drafts[b].bytes += added;
    if (merge) drafts[b].usedAsSource[gap] = true;
    else drafts[b].insertAt.add(gap);
    injections.push({ id: injections.length, kind: 'cross', variant: 'short', a, span: source.span, b, gap, lines: copy, words: source.words, from: source.from, to: source.to, merge });
    k++;
  }

  // Build the final texts: copies inserted before their gap block; offsets from line starts.
  const docs: Corpus['docs'] = [];
  const boilerplate = new Map<string, Range[]>();
  const sourceRange = new Map<number, Range>();
  const copyRange = new Map<number, Range>();
  const byTarget = new Map<number, Injection[]>();
  for (const inj of injections) byTarget.set(inj.b, [...(byTarget.get(inj.b) ?? []), inj]);
  const bySource = new Map<number, Injection[]>();
  for (const inj of injections) bySource.set(inj.a, [...(bySource.get(inj.a) ?? []), inj]);
  drafts.forEach((d, di) => {
    const parts: string[] = [];
    let offset = 0;
    const push = (line: string) => {
      parts.push(line);
      offset += line.length + 1;
    };
    const inserts = byTarget.get(di) ?? [];
    const sources = bySource.get(di) ?? [];
    const footer: Range[] = [];
    d.blocks.forEach((block, bi) => {
      for (const inj of inserts.filter((x) => x.gap === bi && !x.merge)) {
        const start = offset;
        inj.lines.forEach(push);
        copyRange.set(inj.id, { start, end: offset - 1 });
      }
      const start = offset;
      for (const src of sources) if (src.span[0] === bi) sourceRange.set(src.id, { start: start + (src.from ?? 0), end: -1 });
      const merged = inserts.find((x) => x.gap === bi && x.merge);
      if (merged) {
        const [line] = block.lines;
        const copy = merged.lines[0];
        const at = merged.merge === 'before' ? start : start + line.length + 1;
        copyRange.set(merged.id, { start: at, end: at + copy.length });
        push(merged.merge === 'before' ? `${copy} ${line}` : `${line} ${copy}`);
      } else block.lines.forEach(push);
      for (const src of sources) {
        if (src.span[1] !== bi) continue;
        // From the start of the block's (last) line, or of the line after the end of its text.
        sourceRange.get(src.id)!.end = src.to !== undefined ? offset - 1 - block.lines[block.lines.length - 1].length + src.to : offset - 1;
      }
      if (block.kind === 'footer') footer.push({ start, end: offset - 1 });
    });
    parts.push(''); // the final newline, inside the join: one flat string, like a text read from a file
    docs.push({ id: d.id, text: parts.join('\n') });
    if (footer.length) boilerplate.set(d.id, footer);
  });
  const truth: TruthPair[] = injections.map((inj) => ({
    id: inj.id,
    kind: inj.kind,
    variant: inj.variant,
    docA: drafts[inj.a].id,
    rangeA: sourceRange.get(inj.id)!,
    docB: drafts[inj.b].id,
    rangeB: copyRange.get(inj.id)!,
    words: inj.words,
  }));
  return { options: o, docs, truth, boilerplate };
}

/** Writes the articles as files into `dir` (default: a new temp dir) and returns the dir. */
export function writeCorpus(corpus: Corpus, dir?: string): string {
  const out = dir ?? mkdtempSync(join(tmpdir(), 'seed-corpus-'));
  mkdirSync(out, { recursive: true });
  for (const d of corpus.docs) writeFileSync(join(out, d.id), d.text);
  return out;
}
