// analyze(): one plain, serialisable result for one article. Never throws.

import type { AnalysisResult, DuplicateRecord, Finding, SemanticRegion, SeverityOrOff } from './types';
import { DEFAULT_DUPLICATE_OPTIONS, findRepeatsWithin, wordTokensOfArticle, type DuplicateOptions } from './duplicates';
import { ArticleTokens, createTokenCache, type TokenCache } from './articleTokens';
import { buildStructure, StructureCache } from './structure';
import { findQuotes } from './quotes';
import { attributeArticle, ReportedCache } from './attribution';
import { createClaimCache, extractClaims, type ClaimCache } from './claims';
import { toRecord } from './corpus';
import { RULES } from './rules';
import { LineIndex, RunCache, type Token } from './text';
import { ATTRIBUTION_MODEL } from './models';
import type { AttributionModel } from './speakers/quoteSpeaker';
import { QuoteModelCache } from './speakers/modelBridge';

export interface AnalyzeOptions {
  /** Severity per rule id ("off" disables). Missing rules use their default severity. */
  rules?: Record<string, SeverityOrOff>;
  /** Duplicate detection settings (minimum words, similarity…). */
  duplicates?: Partial<DuplicateOptions>;
  /** Repeats of other documents found by a workspace or corpus index (see corpus.ts). */
  crossDocument?: DuplicateRecord[];
  /**
   * The speaker model (default: the bundled weights); training passes the model of each cross-validation fold, and
   * `null` runs the hand-written rules alone (only to measure what the model costs and adds).
   */
  attributionModel?: AttributionModel | null;
}

/** True when the text looks like binary data (NUL bytes or many control characters near the start). */
export function looksBinary(text: string): boolean {
  // Read in place: a slice of the head is a view whose every character read goes through the whole text.
  const n = Math.min(text.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) {
      if (c === 0) return true;
      control++;
    }
  }
  return n > 0 && control / n > 0.1;
}

/** How a notice that the analysis itself failed begins (analyze() catches every error and reports it so). */
export const ANALYSIS_FAILED = 'Analysis failed:';

/** The notice saying the analysis failed, if it did. */
export function analysisFailure(result: AnalysisResult): string | undefined {
  return result.notices.find((n) => n.startsWith(ANALYSIS_FAILED));
}

export function emptyResult(length: number, notices: string[] = []): AnalysisResult {
  return { version: 1, length, paragraphs: [], quotes: [], findings: [], claims: [], duplicates: [], tokens: [], notices };
}

export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return safely(text, options, undefined);
}

/** Per-document state that lets the next analysis reuse the work of the last one. */
interface Caches {
  structure: StructureCache;
  claims: ClaimCache;
  /** Rules' per-paragraph results (RuleContext.memo) and the attribution tokens of each paragraph. */
  rules: Map<string, RunCache<unknown>>;
  /** The article's token stream, per paragraph text. */
  paragraphTokens: TokenCache;
  /** The attribution rules' view of each paragraph's tokens. */
  tokens: RunCache<Token[]>;
  reported: ReportedCache;
  quoteModel: QuoteModelCache;
}

/**
 * Analyses successive versions of one document. Each call gives exactly what `analyze()` gives, but lines,
 * paragraphs and sentences that did not change since the previous call reuse their results, and the Markdown parse
 * is skipped when an edit only touched plain text lines. Keep one per open document.
 */
export class DocumentAnalyzer {
  private readonly caches: Caches = { structure: new StructureCache(), claims: createClaimCache(), rules: new Map(), paragraphTokens: createTokenCache(), tokens: new RunCache(), reported: new ReportedCache(), quoteModel: new QuoteModelCache() };

  analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
    const result = safely(text, options, this.caches);
    this.caches.structure.endRun();
    this.caches.claims.endRun();
    for (const cache of this.caches.rules.values()) cache.endRun();
    this.caches.paragraphTokens.endRun();
    this.caches.tokens.endRun();
    this.caches.reported.endRun();
    this.caches.quoteModel.endRun();
    return result;
  }
}

function safely(text: string, options: AnalyzeOptions, caches: Caches | undefined): AnalysisResult {
  if (typeof text !== 'string') return emptyResult(0, ['not text']);
  if (looksBinary(text)) return emptyResult(text.length, ['The file looks binary (it has NUL or control bytes); it was not analysed.']);
  try {
    return analyzeText(text, options, caches);
  } catch (error) {
    // A bug must not take the editor down: report it as a notice and return what is safe.
    return emptyResult(text.length, [`${ANALYSIS_FAILED} ${error instanceof Error ? error.message : String(error)}`]);
  }
}

function analyzeText(text: string, options: AnalyzeOptions, caches: Caches | undefined): AnalysisResult {
  const { lines, paragraphs } = buildStructure(text, caches?.structure);
  const { quotes: spans, stray } = findQuotes(text, paragraphs);
  const model = options.attributionModel === null ? undefined : options.attributionModel ?? ATTRIBUTION_MODEL;
  // One token stream for the article: attribution, claims and duplicates read it.
  const articleTokens = new ArticleTokens(text, paragraphs, caches?.paragraphTokens);
  const { quotes, reported } = attributeArticle({ text, paragraphs, spans, tokens: articleTokens, tokenCache: caches?.tokens, sentenceCache: caches?.reported, quoteCache: caches?.quoteModel, model });
  const index = new LineIndex(lines);
  const findings: Finding[] = [];
  const repeats: DuplicateRecord[] =
    options.rules?.['duplicate-passage'] === 'off'
      ? []
      : findRepeatsWithin(text, { ...DEFAULT_DUPLICATE_OPTIONS, ...options.duplicates }, wordTokensOfArticle(articleTokens)).map((m) => toRecord(m, index, index));
  const crossDocument = (options.crossDocument ?? []).filter((d) => d.start >= 0 && d.end <= text.length && d.start <= d.end);
  const memo = <T>(scope: string, key: string, compute: () => T): T => {
    if (!caches) return compute();
    let cache = caches.rules.get(scope);
    if (!cache) caches.rules.set(scope, (cache = new RunCache()));
    return cache.get(key, compute) as T;
  };
  const context = { text, paragraphs, quotes, strayMarks: stray, repeats, crossDocument, memo };
  for (const rule of RULES) {
    const severity = options.rules?.[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    for (const f of rule.check(context)) {
      const start = Math.max(0, Math.min(f.start, text.length));
      const end = Math.max(start, Math.min(f.end, text.length));
      const s = index.position(start);
      const e = index.position(end);
      findings.push({ rule: rule.id, severity, message: f.message, start, end, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, ...(f.fixes ? { fixes: f.fixes } : {}), ...(f.related ? { related: f.related } : {}), ...(f.data ? { data: f.data } : {}) });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);

  const tokens: SemanticRegion[] = [];
  for (const p of paragraphs) {
    if (p.role === 'headline' || p.role === 'heading' || p.role === 'byline' || p.role === 'boilerplate' || p.role === 'source') {
      tokens.push({ start: p.start, end: p.end, kind: p.role });
    }
  }
  for (const q of quotes) {
    if (q.speaker && q.speaker.via !== 'continuation') {
      const s = q.speaker.mention ?? q.speaker;
      tokens.push({ start: s.start, end: s.end, kind: 'speaker' });
    }
    if (q.cue && q.speaker?.via !== 'continuation') tokens.push({ start: q.cue.start, end: q.cue.end, kind: 'cue' });
  }
  tokens.sort((a, b) => a.start - b.start || a.end - b.end);
  const deduped = tokens.filter((t, i) => i === 0 || t.start >= tokens[i - 1].end);

  return { version: 1, length: text.length, paragraphs, quotes, findings, claims: extractClaims(text, paragraphs, quotes, caches?.claims, undefined, reported, model?.claimThreshold, articleTokens), duplicates: [...repeats, ...crossDocument].sort((a, b) => a.start - b.start), tokens: deduped, notices: [] };
}
