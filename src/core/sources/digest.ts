// One article's analysis reduced to what the Sources data and the sourcing report need: its quotes with their
// speakers resolved inside the article ("Putin" → "Vladimir Putin" when the article gives the full name), the sources
// it quotes or cites, and its figures. Small and plain, so a worker can send it back and 10,000 of them fit in memory.
import type { AnalysisResult, Severity } from '../types';
import type { ClaimType } from '../claims';
import { LineIndex, splitLines } from '../text';
import { preview } from '../rules/rule';
import { descriptionKey, fullNameIn, midSentenceCapitals, nameKey, opensSentence, parseSpeaker, surnameKey, type SpeakerRef } from './names';

export type SourceKind = 'named' | 'anonymous' | 'described';
export type QuoteStatus = 'attributed' | 'anonymous' | 'unattributed';

export interface DigestQuote {
  /** UTF-16 offsets of the quote, marks included (as in the analysis). */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  /** The quoted words. */
  text: string;
  kind: 'direct' | 'partial';
  status: QuoteStatus;
  /** The speaker as the article writes it. */
  speaker?: string;
  /** Indexes into the article's `sources` (two for "X and Y said"). */
  sources: number[];
}

/**
 * A claim the article reports a source asserting (reported speech), where it is. Offsets and a short text only: the
 * Sources view lists them under their source, and 10,000 articles' worth must stay small.
 */
export interface DigestClaim {
  /** UTF-16 offsets of the claim sentence. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  /** The claim sentence, whitespace collapsed and cut to CLAIM_TEXT_MAX characters. */
  text: string;
}

/** A claim's text kept in a digest: enough for a label and a tooltip, not the whole sentence. */
export const CLAIM_TEXT_MAX = 120;

/** The claim sentence as a digest keeps it: one line, at most CLAIM_TEXT_MAX characters (an ellipsis when cut). */
export function shortClaimText(text: string): string {
  return preview(text, CLAIM_TEXT_MAX);
}

/** A source as one article quotes or cites it. */
export interface ArticleSource {
  kind: SourceKind;
  /** `named`: the name key (see nameKey); otherwise the description key. */
  key: string;
  /** The name as resolved in this article ("Vladimir Putin"), or the description ("a Kremlin security adviser"). */
  label: string;
  /** Titles and roles written with the name ("Russian President"). */
  descriptions: string[];
  /** True when only a surname was written and the article never gives more (the corpus may resolve it). */
  surnameOnly: boolean;
  /** Indexes into the article's `quotes`. */
  quotes: number[];
  /** Claims whose speaker is this source. */
  claims: number;
  /** Indexes into the article's `reportedClaims`: where those claims are. */
  claimPlaces: number[];
}

export interface ArticleDigest {
  path: string;
  /** UTF-16 code units. */
  length: number;
  /** Notes about the input ("looks binary"), from the analysis. */
  notices: string[];
  quotes: DigestQuote[];
  /** Scare quotes (no speaker by definition), counted apart from quotes. */
  scareQuotes: number;
  sources: ArticleSource[];
  /** The claims with a speaker other than the article (its sources' `claimPlaces` point here), in article order. */
  reportedClaims: DigestClaim[];
  claims: {
    total: number;
    byType: Partial<Record<ClaimType, number>>;
    /** Claims per score decile: [0, 0.1), …, [0.9, 1]. */
    scoreHistogram: number[];
    /** Claims that are the article's own assertion (no speaker). */
    own: number;
  };
  findings: Record<Severity, number>;
  findingsByRule: Record<string, number>;
  /** Passages repeated inside the article: each later copy of an earlier one (as List Duplicate Passages counts them). */
  repeatsInside: number;
  /** Passages also found in other articles. */
  duplicates: Array<{ start: number; end: number; line: number; words: number; similarity: number; other: { path: string; start: number; end: number; line: number } }>;
}

export const SCORE_BINS = 10;

/** The digest of one article from its text and its analysis. */
export function digestArticle(path: string, text: string, result: AnalysisResult): ArticleDigest {
  const lines = new LineIndex(splitLines(text));
  let capitals: Set<string> | undefined;
  const capitalisedElsewhere = (word: string) => (capitals ??= midSentenceCapitals(text)).has(word);
  const sources: ArticleSource[] = [];
  const byKey = new Map<string, number>();
  const fullNames = new Map<string, { name: string; description?: string } | undefined>();
  /** Names written in full by the article's own speakers, by surname key. */
  const written = new Map<string, string>();

  const refsOf = (phrase: string, start: number | undefined, anonymous: boolean): SpeakerRef[] => {
    if (anonymous) return [{ description: phrase.replace(/\s+/g, ' ').trim() }];
    return parseSpeaker(phrase, start !== undefined && opensSentence(text, start), capitalisedElsewhere);
  };
  const pending: Array<{ refs: SpeakerRef[]; anonymous: boolean; quote?: number; claim?: number }> = [];

  const quotes: DigestQuote[] = [];
  let scareQuotes = 0;
  for (const q of result.quotes) {
    if (q.kind === 'scare') {
      scareQuotes++;
      continue;
    }
    const p = lines.position(q.start);
    const status: QuoteStatus = !q.speaker ? 'unattributed' : q.anonymous ? 'anonymous' : 'attributed';
    quotes.push({ start: q.start, end: q.end, line: p.line, column: p.column, text: q.text, kind: q.kind, status, ...(q.speaker ? { speaker: q.speaker.text } : {}), sources: [] });
    if (q.speaker) pending.push({ refs: refsOf(q.speaker.text, q.speaker.start, q.anonymous), anonymous: q.anonymous, quote: quotes.length - 1 });
  }
  const claimTypes: Partial<Record<ClaimType, number>> = {};
  const scoreHistogram = new Array<number>(SCORE_BINS).fill(0);
  let own = 0;
  const reportedClaims: DigestClaim[] = [];
  for (const c of result.claims) {
    for (const t of c.types) claimTypes[t] = (claimTypes[t] ?? 0) + 1;
    scoreHistogram[Math.min(SCORE_BINS - 1, Math.max(0, Math.floor(c.score * SCORE_BINS)))]++;
    if (c.speaker.kind === 'author') own++;
    else {
      const p = lines.position(c.start);
      reportedClaims.push({ start: c.start, end: c.end, line: p.line, column: p.column, text: shortClaimText(c.text) });
      pending.push({ refs: refsOf(c.speaker.text, c.speaker.start, c.speaker.kind === 'anonymous'), anonymous: c.speaker.kind === 'anonymous', claim: reportedClaims.length - 1 });
    }
  }
  for (const { refs } of pending) for (const r of refs) if (r.name && r.name.includes(' ')) written.set(surnameKey(nameKey(r.name)), r.name);

  /** The article's full form of a one-word name (one of its speakers', else the longest the text gives), with its title. */
  const resolve = (name: string): { name: string; description?: string } | undefined => {
    if (name.includes(' ')) return { name };
    const byWritten = written.get(nameKey(name));
    if (byWritten) return { name: byWritten };
    if (!fullNames.has(name)) fullNames.set(name, fullNameIn(text, name));
    return fullNames.get(name);
  };
  for (const item of pending) {
    for (const r of item.refs) {
      let kind: SourceKind;
      let key: string;
      let label: string;
      let surnameOnly = false;
      if (r.name && !item.anonymous) {
        const full = resolve(r.name);
        kind = 'named';
        label = full?.name ?? r.name;
        surnameOnly = !full;
        key = nameKey(label);
        if (full?.description && !r.description) r.description = full.description;
      } else {
        kind = item.anonymous ? 'anonymous' : 'described';
        label = r.description ?? r.name ?? '';
        key = descriptionKey(label);
      }
      if (!key) continue;
      const id = `${kind}:${key}`;
      let index = byKey.get(id);
      if (index === undefined) {
        byKey.set(id, (index = sources.length));
        sources.push({ kind, key, label, descriptions: [], surnameOnly, quotes: [], claims: 0, claimPlaces: [] });
      }
      const s = sources[index];
      if (kind === 'named' && r.description && !s.descriptions.includes(r.description)) s.descriptions.push(r.description);
      if (item.quote !== undefined) {
        s.quotes.push(item.quote);
        quotes[item.quote].sources.push(index);
      }
      // "X and Y said" names the claim once per source, like a quote; one source named twice in it lists it once.
      if (item.claim !== undefined && s.claimPlaces[s.claimPlaces.length - 1] !== item.claim) {
        s.claims++;
        s.claimPlaces.push(item.claim);
      }
    }
  }

  const findings: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const findingsByRule: Record<string, number> = {};
  for (const f of result.findings) {
    findings[f.severity]++;
    findingsByRule[f.rule] = (findingsByRule[f.rule] ?? 0) + 1;
  }
  let repeatsInside = 0;
  for (const d of result.duplicates) if (d.of.path === undefined || d.of.path === path) repeatsInside++;
  const duplicates = result.duplicates
    .filter((d) => d.of.path !== undefined && d.of.path !== path)
    .map((d) => ({ start: d.start, end: d.end, line: d.line, words: d.words, similarity: d.similarity, other: { path: d.of.path!, start: d.of.start, end: d.of.end, line: d.of.line } }));
  return {
    path,
    length: text.length,
    notices: result.notices,
    quotes,
    scareQuotes,
    sources,
    reportedClaims,
    claims: { total: result.claims.length, byType: claimTypes, scoreHistogram, own },
    findings,
    findingsByRule,
    repeatsInside,
    duplicates,
  };
}
