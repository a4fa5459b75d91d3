// The sources of many articles, one entry each: an article's sources (see digest.ts) are merged by key across
// articles, and a surname that an article never writes in full ("Putin") joins the one full name in the corpus that
// ends with it ("Vladimir Putin"); with two such names ("Joe Biden", "Hunter Biden") it stays on its own.
import type { ArticleDigest, DigestClaim, SourceKind } from './digest';
import { surnameKey } from './names';
import { findSameQuotes, type QuotePlace, type SameQuote } from './sameQuotes';

export interface SourceQuote extends QuotePlace {
  /** Set when the same quote is given to another source elsewhere (an index into SourcesData.sameQuotes). */
  sameQuote?: number;
}

/** A claim a source asserts (reported speech), where it is: its article, and the place its article's digest keeps. */
export interface SourceClaim extends DigestClaim {
  path: string;
}

export interface Source {
  /** `kind:key`, stable for the same name or description. */
  id: string;
  kind: SourceKind;
  /** "Vladimir Putin"; for the others, the description most often written ("a Kremlin security adviser"). */
  label: string;
  /** Titles and roles written with the name, most frequent first ("Russian President", "President"). */
  descriptions: string[];
  quotes: SourceQuote[];
  /** How many claims the source asserts (claimPlaces.length; kept as a count for the JSON and CSV readers). */
  claims: number;
  /** Where those claims are, in input order. */
  claimPlaces: SourceClaim[];
  /** The articles that quote or cite the source, in input order. */
  articles: string[];
}

export interface SourcesData {
  version: 1;
  articles: number;
  sources: Source[];
  /** The same quote given to different sources in different articles. */
  sameQuotes: SameQuote[];
}

interface Builder {
  source: Source;
  labels: Map<string, number>;
  descriptions: Map<string, number>;
  articles: Set<string>;
}

/** Sorts by quotes + claims (most first), then by label. */
export function compareSources(a: Source, b: Source): number {
  return b.quotes.length + b.claims - (a.quotes.length + a.claims) || a.label.localeCompare(b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The one full name whose surname is this one, or, when there is none, spelled one letter apart ("Zelenskyy",
 * "Zelenskiy") for surnames of six letters or more; undefined when there is none or more than one.
 */
function fullNameFor(surname: string, fullBySurname: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const exact = fullBySurname.get(surname);
  if (exact) return exact.size === 1 ? [...exact][0] : undefined;
  if (surname.length < 6) return undefined;
  let found: string | undefined;
  for (const [other, keys] of fullBySurname) {
    if (other[0] !== surname[0] || Math.abs(other.length - surname.length) > 1 || !oneEditApart(surname, other)) continue;
    if (found !== undefined || keys.size > 1) return undefined;
    found = [...keys][0];
  }
  return found;
}

/** True when one substitution, insertion or deletion turns a into b (a ≠ b). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length > b.length) [a, b] = [b, a];
  if (b.length - a.length > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  // The rest after one substitution (same lengths) or one insertion into a.
  return a.length === b.length ? a.slice(i + 1) === b.slice(i + 1) : a.slice(i) === b.slice(i + 1);
}

export function buildSources(digests: readonly ArticleDigest[]): SourcesData {
  // Full names (two words or more) by surname, to resolve the surnames articles leave alone.
  const fullBySurname = new Map<string, Set<string>>();
  for (const d of digests) {
    for (const s of d.sources) {
      if (s.kind !== 'named' || !s.key.includes(' ')) continue;
      const surname = surnameKey(s.key);
      let keys = fullBySurname.get(surname);
      if (!keys) fullBySurname.set(surname, (keys = new Set()));
      keys.add(s.key);
    }
  }
  const resolved = new Map<string, string | undefined>();
  const keyOf = (kind: SourceKind, key: string, surnameOnly: boolean): string => {
    if (kind === 'named' && surnameOnly) {
      if (!resolved.has(key)) resolved.set(key, fullNameFor(key, fullBySurname));
      const full = resolved.get(key);
      if (full) return `named:${full}`;
    }
    return `${kind}:${key}`;
  };

  const builders = new Map<string, Builder>();
  /** Per article, per its source index: the corpus source id. */
  const idsByArticle: string[][] = [];
  for (const d of digests) {
    const ids: string[] = [];
    for (const s of d.sources) {
      const id = keyOf(s.kind, s.key, s.surnameOnly);
      ids.push(id);
      let b = builders.get(id);
      if (!b) builders.set(id, (b = { source: { id, kind: s.kind, label: s.label, descriptions: [], quotes: [], claims: 0, claimPlaces: [], articles: [] }, labels: new Map(), descriptions: new Map(), articles: new Set() }));
      // A surname alone never names the source when a fuller label is known.
      const weight = s.surnameOnly && id !== `${s.kind}:${s.key}` ? 0 : s.quotes.length + s.claims;
      b.labels.set(s.label, (b.labels.get(s.label) ?? 0) + weight);
      for (const t of s.descriptions) b.descriptions.set(t, (b.descriptions.get(t) ?? 0) + 1);
      b.source.claims += s.claims;
      if (!b.articles.has(d.path)) {
        b.articles.add(d.path);
        b.source.articles.push(d.path);
      }
      for (const qi of s.quotes) {
        const q = d.quotes[qi];
        b.source.quotes.push({ path: d.path, start: q.start, end: q.end, line: q.line, column: q.column, text: q.text, speaker: q.speaker ?? s.label });
      }
      for (const ci of s.claimPlaces) {
        const c = d.reportedClaims[ci];
        b.source.claimPlaces.push({ path: d.path, start: c.start, end: c.end, line: c.line, column: c.column, text: c.text });
      }
    }
    idsByArticle.push(ids);
  }
  const byFrequency = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1] || y[0].length - x[0].length || (x[0] < y[0] ? -1 : 1)).map(([k]) => k);
  const sources = [...builders.values()].map((b) => {
    const [label] = byFrequency(b.labels);
    return { ...b.source, label: label ?? b.source.label, descriptions: byFrequency(b.descriptions).slice(0, 5) };
  });
  sources.sort(compareSources);

  const sameQuotes = findSameQuotes(digests, idsByArticle);
  const byId = new Map(sources.map((s) => [s.id, s]));
  sameQuotes.forEach((sq, i) => {
    for (const side of [sq.a, sq.b]) {
      const q = byId.get(side.source)?.quotes.find((x) => x.path === side.path && x.start === side.start);
      if (q && q.sameQuote === undefined) q.sameQuote = i;
    }
  });
  return { version: 1, articles: digests.length, sources, sameQuotes };
}
