// The same claim in other articles, found the way repeated passages are: the duplicate engine's word tokens (case,
// punctuation, quote styles and apostrophes folded), its k-gram fingerprint index for candidates, and its word-level
// alignment (2·LCS / total words) to judge them. Two claims are the same when their normalised words are (they share
// an id), or when they align closely enough: a word changed, added or dropped, the order kept, and the same figures
// and the same negations (a changed number or an added "not" makes another claim). One index serves the command
// line (`sameClaimsAcross`, over all its inputs) and the extension (`SameClaimIndex`, updated article by article),
// so both report the same matches.
import type { Claim } from './claims';
import type { ClaimRow } from './export';
import { DEFAULT_DUPLICATE_OPTIONS, FingerprintIndex, similarity, wordTokens, type DuplicateOptions } from './duplicates';

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

interface Entry {
  article: string;
  index: number;
  claim: Claim;
  base: string;
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

function entryOf(article: string, index: number, claim: Claim, tokens = wordTokens(claim.text)): Entry {
  const figures: number[] = [];
  let negations = 0;
  for (let w = 0; w < tokens.count; w++) {
    const word = claim.text.slice(tokens.starts[w], tokens.ends[w]).toLowerCase().replace(/['’-]/g, '');
    if (/\d/.test(word)) figures.push(tokens.hashes[w]);
    else if (NEGATIONS.has(word)) negations++;
  }
  return { article, index, claim, base: baseClaimId(claim.id), words: tokens.hashes.slice(0, tokens.count), figures: Int32Array.from(figures).sort(), negations };
}

function sameFigures(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The word-level similarity of two claims when they are the same claim in other words, else 0. */
function aligned(a: Entry, b: Entry): number {
  const n = a.words.length;
  const m = b.words.length;
  if (Math.min(n, m) < SAME_CLAIM.minWords) return 0;
  // 2·LCS ≤ 2·min(n, m): a cheap bound before the alignment.
  if ((2 * Math.min(n, m)) / (n + m) < SAME_CLAIM.minSimilarity) return 0;
  if (a.negations !== b.negations || !sameFigures(a.figures, b.figures)) return 0;
  const sim = similarity(a.words, b.words, SAME_CLAIM.minSimilarity);
  return sim >= SAME_CLAIM.minSimilarity ? sim : 0;
}

const INDEX_OPTIONS: DuplicateOptions = { ...DEFAULT_DUPLICATE_OPTIONS, k: SAME_CLAIM.k, window: SAME_CLAIM.window, maxDocumentFrequency: SAME_CLAIM.maxClaimFrequency };

/**
 * The claims of many articles, to find each one's counterparts in the others. Articles are set and deleted one at a
 * time (the extension follows edits); `find` answers from the current state.
 */
export class SameClaimIndex {
  private readonly articles = new Map<string, Entry[]>();
  private readonly byBase = new Map<string, Set<Entry>>();
  private readonly entries = new Map<string, Entry>();
  private readonly fingerprints = new FingerprintIndex(INDEX_OPTIONS);
  /** Answers already given, until the next change. */
  private cache = new Map<Entry, SameClaimMatch[]>();

  get size(): number {
    return this.articles.size;
  }

  /** Adds or replaces an article's claims. */
  set(article: string, claims: readonly Claim[]): void {
    this.delete(article);
    const list = claims.map((c, i) => {
      // Only the word hashes are kept; the offsets are not needed past this point.
      const tokens = wordTokens(c.text);
      const e = entryOf(article, i, c, tokens);
      this.fingerprints.set(keyOf(e), tokens);
      return e;
    });
    this.articles.set(article, list);
    for (const e of list) {
      const key = keyOf(e);
      this.entries.set(key, e);
      let same = this.byBase.get(e.base);
      if (!same) this.byBase.set(e.base, (same = new Set()));
      same.add(e);
    }
    this.cache.clear();
  }

  /**
   * set(), in slices of about `sliceMs` with `pause()` between them, so an article of thousands of claims never holds
   * the caller's event loop for long. Meanwhile `find` sees the claims added so far. Stops when the article is set
   * or deleted again in between.
   */
  async setInSlices(article: string, claims: readonly Claim[], pause: () => Promise<void>, sliceMs = 8): Promise<void> {
    this.delete(article);
    const list: Entry[] = [];
    this.articles.set(article, list);
    let sliceStart = Date.now();
    for (let i = 0; i < claims.length; i++) {
      if ((i & 31) === 0 && Date.now() - sliceStart > sliceMs) {
        this.cache.clear();
        await pause();
        if (this.articles.get(article) !== list) return;
        sliceStart = Date.now();
      }
      const tokens = wordTokens(claims[i].text);
      const e = entryOf(article, i, claims[i], tokens);
      const key = keyOf(e);
      this.fingerprints.set(key, tokens);
      list.push(e);
      this.entries.set(key, e);
      let same = this.byBase.get(e.base);
      if (!same) this.byBase.set(e.base, (same = new Set()));
      same.add(e);
    }
    this.cache.clear();
  }

  delete(article: string): void {
    const list = this.articles.get(article);
    if (!list) return;
    for (const e of list) {
      const key = keyOf(e);
      this.entries.delete(key);
      this.fingerprints.delete(key);
      const same = this.byBase.get(e.base)!;
      same.delete(e);
      if (!same.size) this.byBase.delete(e.base);
    }
    this.articles.delete(article);
    this.cache.clear();
  }

  /**
   * The same claim in other articles: for each other article, its claim most like this one (the same words first,
   * then the most similar, then the first), sorted by article. `claim` need not be in the index (a newer analysis of
   * the article, say): it is matched by its text.
   */
  find(article: string, claim: Claim): SameClaimMatch[] {
    const list = this.articles.get(article);
    const known = list?.find((e) => e.claim === claim) ?? list?.find((e) => e.claim.id === claim.id && e.claim.text === claim.text);
    const tokens = known ? undefined : wordTokens(claim.text);
    const entry = known ?? entryOf(article, -1, claim, tokens);
    const cached = known && this.cache.get(known);
    if (cached) return cached;
    const best = new Map<string, SameClaimMatch>();
    const consider = (other: Entry, sim: number, via: SameClaimMatch['via']) => {
      if (other.article === article) return;
      const previous = best.get(other.article);
      if (previous && (previous.via === 'id' || (via === 'aligned' && previous.similarity >= sim))) return;
      best.set(other.article, { article: other.article, index: other.index, claim: other.claim, similarity: sim, via });
    };
    for (const other of this.byBase.get(entry.base) ?? []) consider(other, 1, 'id');
    const n = entry.words.length;
    if (n >= SAME_CLAIM.minWords) {
      // A word changed breaks the three runs that hold it: another wording close enough keeps far more than a
      // quarter of them, while two claims built on the same stock phrases share only those.
      const minShared = Math.max(SAME_CLAIM.minShared, Math.floor((n - SAME_CLAIM.k + 1) * SAME_CLAIM.minSharedShare));
      const candidates = known ? this.fingerprints.candidates(keyOf(known), minShared, Infinity) : this.fingerprints.candidatesFor(tokens!, minShared, Infinity);
      for (const c of candidates) {
        const other = this.entries.get(c.id)!;
        if (other.article === article || other.base === entry.base) continue;
        const sim = aligned(entry, other);
        if (sim > 0) consider(other, Math.round(sim * 1000) / 1000, 'aligned');
      }
    }
    const out = [...best.values()].sort((x, y) => (x.article < y.article ? -1 : x.article > y.article ? 1 : 0));
    if (known) this.cache.set(known, out);
    return out;
  }
}

function keyOf(e: Entry): string {
  return `${e.index}\u0000${e.article}`;
}

/**
 * For each article, for each of its claims (in order), the same claim in the other articles: what the command line
 * reports over all its inputs, and what `SameClaimIndex.find` gives the extension for the same articles.
 */
export function sameClaimsAcross(articles: ReadonlyArray<{ article: string; claims: readonly Claim[] }>): Map<string, SameClaimMatch[][]> {
  const index = new SameClaimIndex();
  for (const a of articles) index.set(a.article, a.claims);
  return new Map(articles.map((a) => [a.article, a.claims.map((c) => index.find(a.article, c))]));
}

/**
 * Claim rows (grouped by path, each file's claims in order, as `claims` exports them) with `elsewhere` filled in:
 * the same claim in the other files among the rows.
 */
export function withSameClaims(rows: readonly ClaimRow[]): ClaimRow[] {
  const byPath = new Map<string, ClaimRow[]>();
  for (const r of rows) {
    let list = byPath.get(r.path);
    if (!list) byPath.set(r.path, (list = []));
    list.push(r);
  }
  const same = sameClaimsAcross([...byPath].map(([path, list]) => ({ article: path, claims: list.map((r) => r.claim) })));
  const position = new Map<ClaimRow, number>();
  for (const list of byPath.values()) list.forEach((r, i) => position.set(r, i));
  return rows.map((r) => ({
    ...r,
    elsewhere: same.get(r.path)![position.get(r)!].map((m) => ({ path: m.article, line: byPath.get(m.article)![m.index].line, id: m.claim.id, similarity: m.similarity })),
  }));
}
