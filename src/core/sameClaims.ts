// The same claim in other articles, found the way repeated passages are: the duplicate engine's word tokens (case,
// punctuation, quote styles and apostrophes folded), its k-gram fingerprint index for candidates, and its word-level
// alignment (2·LCS / total words) to judge them. Two claims are the same when their normalised words are (they share
// an id), or when they align closely enough: a word changed, added or dropped, the order kept, and the same figures
// and the same negations (a changed number or an added "not" makes another claim). One index serves the command
// line (`withSameClaims`, one index over all its inputs) and the extension (`SameClaimIndex`, updated article by
// article), so both report the same matches.
import type { Claim } from './claims';
import type { ClaimRow } from './export';
import { appendInts, DEFAULT_DUPLICATE_OPTIONS, FingerprintIndex, similarity, wordTokens, type DuplicateOptions, type WordTokens } from './duplicates';

export const SAME_CLAIM = {
  /** Fingerprints: every 3-word run of a claim (claims are sentences, too short to winnow further). */
  k: 3,
  window: 1,
  /** Candidates share at least this many 3-word runs, and a quarter of the claim's… */
  minShared: 2,
  minSharedShare: 0.25,
  /** …that are each in at most this many claims (more: a stock phrase, "said on Monday"). */
  maxClaimFrequency: 50,
  /** Claims shorter than this (in words, the shorter of the two) are the same only when their words are. */
  minWords: 8,
  /** Word-level similarity (2·LCS / total words) two different wordings need. */
  minSimilarity: 0.85,
} as const;

/** The id without the counter a repeat inside one article gets ("c1234abcd-2" → "c1234abcd"). */
export function baseClaimId(id: string): string {
  return id.replace(/-\d+$/, '');
}

export interface SameClaimMatch {
  /** The other article (as the caller named it). */
  article: string;
  /** The claim's position in that article's list, and the claim. */
  index: number;
  claim: Claim;
  /** Word-level similarity of the two claims, 0–1 (1 for the same words). */
  similarity: number;
  /** `id`: the same normalised words; `aligned`: another wording close enough. */
  via: 'id' | 'aligned';
}

/**
 * One article's claims as the index keeps them: every claim's word hashes and figures in flat arrays, no object per
 * claim. A folder of 10,000 articles holds half a million claims, and every object kept is work for each full garbage
 * collection of the extension host (a typed array per claim, a Set per id and a key per claim cost more than the
 * claims themselves).
 */
class IndexedArticle {
  /** Claim i's id without its repeat counter, as a number (see baseNumber). */
  bases: Float64Array = new Float64Array(16);
  /** Claim i's words are words[wordStarts[i], wordStarts[i + 1]); its figures likewise. */
  private words: Int32Array = new Int32Array(256);
  private wordStarts: Int32Array = new Int32Array(17);
  private figures: Int32Array = new Int32Array(16);
  private figureStarts: Int32Array = new Int32Array(17);
  private negations: Int32Array = new Int32Array(16);
  /** Claim i's document number in the fingerprint index. */
  documents: Int32Array = new Int32Array(16);
  count = 0;

  constructor(
    readonly name: string,
    /** Orders candidates as the claims' former keys in the fingerprint index did (`number:index`). */
    readonly number: number,
    readonly claims: readonly Claim[],
  ) {}

  add(words: Words, document: number): void {
    const i = this.count;
    if (i + 1 === this.negations.length) {
      this.wordStarts = grown(this.wordStarts, i + 2);
      this.figureStarts = grown(this.figureStarts, i + 2);
      this.negations = grown(this.negations, i + 1);
      this.documents = grown(this.documents, i + 1);
      const bases = new Float64Array(2 * this.bases.length);
      bases.set(this.bases);
      this.bases = bases;
    }
    this.words = appendInts(this.words, this.wordStarts[i], words.words);
    this.wordStarts[i + 1] = this.wordStarts[i] + words.words.length;
    this.figures = appendInts(this.figures, this.figureStarts[i], words.figures);
    this.figureStarts[i + 1] = this.figureStarts[i] + words.figures.length;
    this.negations[i] = words.negations;
    this.documents[i] = document;
    this.bases[i] = words.base;
    this.count++;
  }

  wordsOf(i: number): Words {
    return {
      base: this.bases[i],
      words: this.words.subarray(this.wordStarts[i], this.wordStarts[i + 1]),
      figures: this.figures.subarray(this.figureStarts[i], this.figureStarts[i + 1]),
      negations: this.negations[i],
    };
  }
}

/** `a` copied into an array twice as long (at least `length`). */
function grown(a: Int32Array, length: number): Int32Array {
  const b = new Int32Array(Math.max(length, 2 * a.length));
  b.set(a);
  return b;
}

/** The first of the claim's index whose id without its repeat counter is `base`, or −1. */
function firstOfBase(article: IndexedArticle, base: number): number {
  for (let i = 0; i < article.count; i++) if (article.bases[i] === base) return i;
  return -1;
}

/** What alignment compares of a claim. */
interface Words {
  /** baseNumber of its id. */
  base: number;
  /** Its words' hashes (the duplicate engine's normalised words). */
  words: Int32Array;
  /** The hashes of the claim's words holding a digit, sorted. */
  figures: Int32Array;
  negations: number;
}

/** Words that turn a claim into its opposite (contractions without their apostrophe). */
const NEGATIONS = new Set([
  ...['not', 'no', 'never', 'nor', 'none', 'nobody', 'nothing', 'neither', 'nowhere', 'cannot', 'without'],
  ...['dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'wont', 'wouldnt', 'cant', 'couldnt', 'shouldnt', 'hasnt', 'havent', 'hadnt', 'mustnt', 'neednt'],
]);

/** `text` is the claim's, read once: a stored claim decodes its text on each read. */
function claimWords(claim: Claim, text: string, tokens: WordTokens): Words {
  const figures: number[] = [];
  let negations = 0;
  for (let w = 0; w < tokens.count; w++) {
    const word = text.slice(tokens.starts[w], tokens.ends[w]).toLowerCase().replace(/['’-]/g, '');
    if (/\d/.test(word)) figures.push(tokens.hashes[w]);
    else if (NEGATIONS.has(word)) negations++;
  }
  return { base: baseNumber(claim.id), words: tokens.hashes.subarray(0, tokens.count), figures: Int32Array.from(figures).sort(), negations };
}

function sameFigures(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The word-level similarity of two claims when they are the same claim in other words, else 0. */
function aligned(a: Words, b: Words): number {
  const n = a.words.length;
  const m = b.words.length;
  if (Math.min(n, m) < SAME_CLAIM.minWords) return 0;
  // 2·LCS ≤ 2·min(n, m): a cheap bound before the alignment.
  if ((2 * Math.min(n, m)) / (n + m) < SAME_CLAIM.minSimilarity) return 0;
  if (a.negations !== b.negations || !sameFigures(a.figures, b.figures)) return 0;
  const sim = similarity(a.words, b.words, SAME_CLAIM.minSimilarity);
  return sim >= SAME_CLAIM.minSimilarity ? sim : 0;
}

/** Ids without their repeat counter that are not `c` and eight hex digits, numbered past those that are. */
const otherBases = new Map<string, number>();

/**
 * A claim's id without its repeat counter, as a number: the id's eight hex digits (analyze()'s ids, `c1234abcd` or
 * `c1234abcd-2`), or for any other id a number of its own above 2^32 (ids that compare equal get the same number).
 * Half a million claims' base ids as strings were as many objects in the host's heap.
 */
function baseNumber(id: string): number {
  if (id.length >= 9 && id.charCodeAt(0) === 0x63 && /^c[0-9a-f]{8}(?:-\d+)?$/.test(id)) return parseInt(id.slice(1, 9), 16);
  const base = baseClaimId(id);
  let n = otherBases.get(base);
  if (n === undefined) otherBases.set(base, (n = 2 ** 32 + otherBases.size));
  return n;
}

/** Tables of BaseHolders (by the key's low bits), so that one growing (a rehash of all it holds) stays short. */
const HOLDER_TABLES = 16;

/**
 * The articles holding a claim of each base id (by number, see baseNumber): an article's number when one holds it,
 * else a list of them, in the order they were added. Open addressing in typed arrays (linear probing, entries moved
 * back on removal): a Map of half a million ids was a large table for every full collection to scan, and rehashed
 * in one go as it grew.
 */
class BaseHolders {
  private readonly tables = Array.from({ length: HOLDER_TABLES }, () => new HolderTable());
  /** The lists of bases with several holders; a negative value −(n + 1) in a table is lists[n]. */
  private readonly lists: number[][] = [];
  private readonly freeLists: number[] = [];

  /** The numbers of the articles holding `base` (a list owned by this table: not to be changed). */
  get(base: number): readonly number[] {
    const v = this.table(base).get(base);
    return v === undefined ? [] : v >= 0 ? [v] : this.lists[-v - 1];
  }

  /** Lists `article` as a holder of `base`, unless it is the last listed. */
  add(base: number, article: number): void {
    const table = this.table(base);
    const v = table.get(base);
    if (v === undefined) table.set(base, article);
    else if (v < 0) {
      const list = this.lists[-v - 1];
      if (list[list.length - 1] !== article) list.push(article);
    } else if (v !== article) {
      const n = this.freeLists.length ? this.freeLists.pop()! : this.lists.length;
      this.lists[n] = [v, article];
      table.set(base, -n - 1);
    }
  }

  /** Unlists the first `article` among the holders of `base`. */
  remove(base: number, article: number): void {
    const table = this.table(base);
    const v = table.get(base);
    if (v === undefined) return;
    if (v === article) table.delete(base);
    else if (v < 0) {
      const list = this.lists[-v - 1];
      const at = list.indexOf(article);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 1) {
        table.set(base, list[0]);
        this.lists[-v - 1] = [];
        this.freeLists.push(-v - 1);
      }
    }
  }

  private table(base: number): HolderTable {
    return this.tables[(base >>> 0) & (HOLDER_TABLES - 1)];
  }
}

/** A map from numbers (integers below 2^53) to int32 values, in typed arrays. */
class HolderTable {
  private keys = new Float64Array(16);
  private values = new Int32Array(16);
  private used = new Uint8Array(16);
  private size = 0;

  private slot(key: number): number {
    // Mixes the key's low 32 bits and what is above them (past 2^32: ids of another form).
    const h = Math.imul((key >>> 0) ^ Math.floor(key / 2 ** 32), 0x9e3779b1);
    return ((h >>> 16) ^ h) & (this.keys.length - 1);
  }

  get(key: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let s = this.slot(key); this.used[s]; s = (s + 1) & mask) if (this.keys[s] === key) return this.values[s];
    return undefined;
  }

  set(key: number, value: number): void {
    const mask = this.keys.length - 1;
    let s = this.slot(key);
    for (; this.used[s]; s = (s + 1) & mask) {
      if (this.keys[s] === key) {
        this.values[s] = value;
        return;
      }
    }
    this.keys[s] = key;
    this.values[s] = value;
    this.used[s] = 1;
    if (++this.size * 2 > this.keys.length) this.grow();
  }

  delete(key: number): void {
    const mask = this.keys.length - 1;
    let s = this.slot(key);
    while (this.used[s] && this.keys[s] !== key) s = (s + 1) & mask;
    if (!this.used[s]) return;
    this.used[s] = 0;
    this.size--;
    // Moves back the entries after it that probed past it, so that no lookup stops early at the hole.
    let hole = s;
    for (let t = (s + 1) & mask; this.used[t]; t = (t + 1) & mask) {
      const home = this.slot(this.keys[t]);
      if (((t - home) & mask) >= ((t - hole) & mask)) {
        this.keys[hole] = this.keys[t];
        this.values[hole] = this.values[t];
        this.used[hole] = 1;
        this.used[t] = 0;
        hole = t;
      }
    }
  }

  private grow(): void {
    const { keys, values, used } = this;
    this.keys = new Float64Array(2 * keys.length);
    this.values = new Int32Array(2 * keys.length);
    this.used = new Uint8Array(2 * keys.length);
    this.size = 0;
    for (let s = 0; s < keys.length; s++) if (used[s]) this.set(keys[s], values[s]);
  }
}

const INDEX_OPTIONS: DuplicateOptions = { ...DEFAULT_DUPLICATE_OPTIONS, k: SAME_CLAIM.k, window: SAME_CLAIM.window, maxDocumentFrequency: SAME_CLAIM.maxClaimFrequency };

/**
 * The claims of many articles, to find each one's counterparts in the others. Articles are set and deleted one at a
 * time (the extension follows edits); `find` answers from the current state.
 */
export class SameClaimIndex {
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly byNumber = new Map<number, IndexedArticle>();
  private nextNumber = 0;
  /** The articles holding a claim of each id (the id without its repeat counter). */
  private readonly byBase = new BaseHolders();
  /** Each claim is a document of this index, known by number (see IndexedArticle.documents). */
  private readonly fingerprints = new FingerprintIndex(INDEX_OPTIONS);
  /** Per document number: the article holding the claim (its number), and the claim's index there. */
  private documentArticle: Int32Array = new Int32Array(1024);
  private documentIndex: Int32Array = new Int32Array(1024);
  /** Answers already given, until the next change. */
  private cache = new Map<Claim, SameClaimMatch[]>();

  get size(): number {
    return this.articles.size;
  }

  /** Adds or replaces an article's claims. */
  set(article: string, claims: readonly Claim[]): void {
    const indexed = this.start(article, claims);
    for (let i = 0; i < claims.length; i++) this.add(indexed, i);
    this.cache.clear();
  }

  /**
   * set(), in slices of about `sliceMs` with `pause()` between them, so an article of thousands of claims never holds
   * the caller's event loop for long. Meanwhile `find` sees the claims added so far. Stops when the article is set
   * or deleted again in between.
   */
  async setInSlices(article: string, claims: readonly Claim[], pause: () => Promise<void>, sliceMs = 8): Promise<void> {
    const indexed = this.start(article, claims);
    let sliceStart = Date.now();
    for (let i = 0; i < claims.length; i++) {
      if ((i & 31) === 0 && Date.now() - sliceStart > sliceMs) {
        this.cache.clear();
        await pause();
        if (this.articles.get(article) !== indexed) return;
        sliceStart = Date.now();
      }
      this.add(indexed, i);
    }
    this.cache.clear();
  }

  delete(article: string): void {
    const indexed = this.articles.get(article);
    if (!indexed) return;
    for (let i = 0; i < indexed.count; i++) {
      this.fingerprints.deleteDocument(indexed.documents[i]);
      this.byBase.remove(indexed.bases[i], indexed.number);
    }
    this.articles.delete(article);
    this.byNumber.delete(indexed.number);
    this.cache.clear();
  }

  /**
   * The same claim in other articles: for each other article, its claim most like this one (the same words first,
   * then the most similar, then the first), sorted by article. `claim` need not be in the index (a newer analysis of
   * the article, say): it is matched by its text. `keep`: keep the answer for the next time this claim is asked.
   */
  find(article: string, claim: Claim, keep = true): SameClaimMatch[] {
    const indexed = this.articles.get(article);
    let at = indexed ? indexed.claims.indexOf(claim) : -1;
    if (indexed && at < 0) at = indexed.claims.findIndex((c) => c.id === claim.id && c.text === claim.text);
    const known = indexed && at >= 0 && at < indexed.count ? indexed : undefined;
    const cached = known && this.cache.get(known.claims[at]);
    if (cached) return cached;
    const text = known ? undefined : claim.text;
    const tokens = text === undefined ? undefined : wordTokens(text);
    const words = known ? known.wordsOf(at) : claimWords(claim, text!, tokens!);
    const best = new Map<string, SameClaimMatch>();
    const consider = (other: IndexedArticle, index: number, sim: number, via: SameClaimMatch['via']) => {
      if (other.name === article) return;
      const previous = best.get(other.name);
      if (previous && (previous.via === 'id' || (via === 'aligned' && previous.similarity >= sim))) return;
      best.set(other.name, { article: other.name, index, claim: other.claims[index], similarity: sim, via });
    };
    for (const number of this.byBase.get(words.base)) {
      // Its first claim of that id (a holder has one: it is listed when that claim is added, unlisted when deleted).
      const other = this.byNumber.get(number)!;
      consider(other, firstOfBase(other, words.base), 1, 'id');
    }
    const n = words.words.length;
    if (n >= SAME_CLAIM.minWords) {
      // A word changed breaks the three runs that hold it: another wording close enough keeps far more than a
      // quarter of them, while two claims built on the same stock phrases share only those.
      const minShared = Math.max(SAME_CLAIM.minShared, Math.floor((n - SAME_CLAIM.k + 1) * SAME_CLAIM.minSharedShare));
      const candidates = known ? this.fingerprints.documentCandidates(known.documents[at], minShared, Infinity) : this.fingerprints.documentCandidatesFor(tokens!, minShared, Infinity);
      // Most shared first; ties in the order of the `number:index` keys the claims once had (the first of equally
      // similar claims of an article is the match).
      const keyOf = (document: number) => `${this.documentArticle[document]}:${this.documentIndex[document]}`;
      candidates.sort((x, y) => y.shared - x.shared || (keyOf(x.document) < keyOf(y.document) ? -1 : 1));
      for (const c of candidates) {
        const other = this.byNumber.get(this.documentArticle[c.document])!;
        const index = this.documentIndex[c.document];
        if (other.name === article) continue;
        const theirs = other.wordsOf(index);
        if (theirs.base === words.base) continue;
        const sim = aligned(words, theirs);
        if (sim > 0) consider(other, index, Math.round(sim * 1000) / 1000, 'aligned');
      }
    }
    const out = [...best.values()].sort((x, y) => (x.article < y.article ? -1 : x.article > y.article ? 1 : 0));
    if (known && keep) this.cache.set(known.claims[at], out);
    return out;
  }

  /** Replaces the article's claims with none yet, to be added in order. */
  private start(article: string, claims: readonly Claim[]): IndexedArticle {
    this.delete(article);
    const indexed = new IndexedArticle(article, this.nextNumber++, claims);
    this.articles.set(article, indexed);
    this.byNumber.set(indexed.number, indexed);
    return indexed;
  }

  /** Adds the article's claim i (the next one). */
  private add(indexed: IndexedArticle, i: number): void {
    const text = indexed.claims[i].text;
    const tokens = wordTokens(text);
    const words = claimWords(indexed.claims[i], text, tokens);
    const document = this.fingerprints.addDocument(tokens);
    if (document >= this.documentArticle.length) {
      this.documentArticle = grown(this.documentArticle, document + 1);
      this.documentIndex = grown(this.documentIndex, document + 1);
    }
    this.documentArticle[document] = indexed.number;
    this.documentIndex[document] = i;
    indexed.add(words, document);
    this.byBase.add(words.base, indexed.number);
  }
}

/**
 * At most this many other articles are listed per claim in an export's `elsewhere` (the first by path; the rest
 * counted in `elsewhereCount`): a stock sentence in 3,000 articles of a folder listed 3,000 for each of its 3,000
 * copies, and the command ran out of memory.
 */
export const MAX_ELSEWHERE = 20;

/**
 * Claim rows (grouped by path, each file's claims in order, as `claims` exports them) with `elsewhere` filled in:
 * the same claim in the other files among the rows, at most `max` of them (see MAX_ELSEWHERE).
 */
export function withSameClaims(rows: readonly ClaimRow[], max = MAX_ELSEWHERE): ClaimRow[] {
  const byPath = new Map<string, ClaimRow[]>();
  for (const r of rows) {
    let list = byPath.get(r.path);
    if (!list) byPath.set(r.path, (list = []));
    list.push(r);
  }
  const index = new SameClaimIndex();
  for (const [path, list] of byPath) index.set(path, list.map((r) => r.claim));
  return rows.map((r) => {
    // Not kept in the index's cache: each claim is asked once, and the lists of every claim are what ran out.
    const same = index.find(r.path, r.claim, false);
    const elsewhere = same.slice(0, max).map((m) => ({ path: m.article, line: byPath.get(m.article)![m.index].line, id: m.claim.id, similarity: m.similarity }));
    return { ...r, elsewhere, ...(same.length > max ? { elsewhereCount: same.length } : {}) };
  });
}
