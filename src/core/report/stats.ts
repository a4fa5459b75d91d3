// The figures of a sourcing report, for the folder and for each article, from the articles' digests and the
// Sources data. Plain numbers: the HTML (html.ts) and any other view draw them.
import { CLAIM_TYPES, type ClaimType } from '../claims';
import type { ArticleDigest } from '../sources/digest';
import { SCORE_BINS } from '../sources/digest';
import type { SourcesData } from '../sources/build';

export interface QuoteShares {
  quotes: number;
  attributed: number;
  anonymous: number;
  unattributed: number;
}

export interface ArticleRow extends QuoteShares {
  path: string;
  /** Index of the digest (its section's anchor). */
  index: number;
  claims: number;
  /** Errors and warnings. */
  problems: number;
  /** Passages also found in other articles. */
  duplicates: number;
  /** Passages repeated inside the article (each later copy). */
  repeatsInside: number;
  /** Distinct sources. */
  sources: number;
  /** Not analysed ("looks binary"), with why. */
  skipped?: string;
}

/** A passage found in two articles, listed once. */
export interface DuplicatePair {
  a: { path: string; start: number; end: number; line: number };
  b: { path: string; start: number; end: number; line: number };
  words: number;
  similarity: number;
}

export interface FolderStats extends QuoteShares {
  articles: number;
  /** Articles that could not be analysed (binary, failed). */
  skipped: number;
  scareQuotes: number;
  claims: number;
  /** The article's own assertions (claims without a speaker). */
  ownClaims: number;
  claimsByType: Array<{ type: ClaimType; count: number }>;
  scoreHistogram: number[];
  sources: { named: number; anonymous: number; described: number };
  /** Passages found in two articles, each pair once. */
  duplicatePairs: DuplicatePair[];
  /** Passages repeated inside one article, each later copy once (List Duplicate Passages lists them too). */
  repeatsInside: number;
  rows: ArticleRow[];
}

export function quoteShares(d: ArticleDigest): QuoteShares {
  const s: QuoteShares = { quotes: d.quotes.length, attributed: 0, anonymous: 0, unattributed: 0 };
  for (const q of d.quotes) s[q.status]++;
  return s;
}

/** True when the analysis left the article out (binary, too large, or it failed): its notice says why. */
export function skippedReason(d: ArticleDigest): string | undefined {
  return d.notices.find((n) => /^skipped|binary|failed|not text/i.test(n));
}

export function folderStats(digests: readonly ArticleDigest[], sources: SourcesData): FolderStats {
  const totals: QuoteShares = { quotes: 0, attributed: 0, anonymous: 0, unattributed: 0 };
  const byType = new Map<ClaimType, number>();
  const scoreHistogram = new Array<number>(SCORE_BINS).fill(0);
  let claims = 0;
  let ownClaims = 0;
  let scareQuotes = 0;
  let skipped = 0;
  let repeatsInside = 0;
  const rows: ArticleRow[] = [];
  const pairs = new Map<string, DuplicatePair>();
  digests.forEach((d, index) => {
    const shares = quoteShares(d);
    totals.quotes += shares.quotes;
    totals.attributed += shares.attributed;
    totals.anonymous += shares.anonymous;
    totals.unattributed += shares.unattributed;
    scareQuotes += d.scareQuotes;
    claims += d.claims.total;
    ownClaims += d.claims.own;
    for (const [t, n] of Object.entries(d.claims.byType)) byType.set(t as ClaimType, (byType.get(t as ClaimType) ?? 0) + (n ?? 0));
    d.claims.scoreHistogram.forEach((n, i) => (scoreHistogram[i] += n));
    const reason = skippedReason(d);
    if (reason) skipped++;
    repeatsInside += d.repeatsInside;
    for (const dup of d.duplicates) {
      // Each repeat is recorded on both articles: keep it once, keyed by both ends in a fixed order.
      const here = `${d.path}\u0000${dup.start}`;
      const there = `${dup.other.path}\u0000${dup.other.start}`;
      const key = here < there ? `${here}\u0001${there}` : `${there}\u0001${here}`;
      if (!pairs.has(key)) pairs.set(key, { a: { path: d.path, start: dup.start, end: dup.end, line: dup.line }, b: dup.other, words: dup.words, similarity: dup.similarity });
    }
    rows.push({ path: d.path, index, ...shares, claims: d.claims.total, problems: d.findings.error + d.findings.warning, duplicates: d.duplicates.length, repeatsInside: d.repeatsInside, sources: d.sources.length, ...(reason ? { skipped: reason } : {}) });
  });
  const sourceKinds = { named: 0, anonymous: 0, described: 0 };
  for (const s of sources.sources) sourceKinds[s.kind]++;
  return {
    articles: digests.length,
    skipped,
    ...totals,
    scareQuotes,
    claims,
    ownClaims,
    claimsByType: CLAIM_TYPES.map(({ type }) => ({ type, count: byType.get(type) ?? 0 })),
    scoreHistogram,
    sources: sourceKinds,
    duplicatePairs: [...pairs.values()].sort((x, y) => y.words - x.words || (x.a.path < y.a.path ? -1 : x.a.path > y.a.path ? 1 : x.a.start - y.a.start)),
    repeatsInside,
    rows,
  };
}

/** How much an article has to show: the articles with the most quotes, claims and problems get a section first. */
export function articleWeight(r: ArticleRow): number {
  return r.quotes * 3 + r.claims + r.problems * 2 + r.duplicates + r.repeatsInside;
}
