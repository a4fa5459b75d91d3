// analyze(): one plain, serialisable result for one article. Never throws.

import type { AnalysisResult, DuplicateRecord, Finding, SemanticRegion, Severity, SeverityOrOff } from './types';
import { DEFAULT_DUPLICATE_OPTIONS, findRepeatsWithin, type DuplicateOptions } from './duplicates';
import { buildStructure } from './structure';
import { findQuotes } from './quotes';
import { attributeQuotes } from './attribution';
import { extractClaims } from './claims';
import { toRecord } from './corpus';
import { RULES } from './rules';
import { LineIndex } from './text';

export interface AnalyzeOptions {
  /** Severity per rule id ("off" disables). Missing rules use their default severity. */
  rules?: Record<string, SeverityOrOff>;
  /** Duplicate detection settings (minimum words, similarity…). */
  duplicates?: Partial<DuplicateOptions>;
  /** Repeats of other documents found by a workspace or corpus index (see corpus.ts). */
  crossDocument?: DuplicateRecord[];
}

/** True when the text looks like binary data (NUL bytes or many control characters near the start). */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

export function emptyResult(length: number, notices: string[] = []): AnalysisResult {
  return { version: 1, length, paragraphs: [], quotes: [], findings: [], claims: [], duplicates: [], tokens: [], notices };
}

export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  if (typeof text !== 'string') return emptyResult(0, ['not text']);
  if (looksBinary(text)) return emptyResult(text.length, ['The file looks binary (it has NUL or control bytes); it was not analysed.']);
  try {
    return analyzeText(text, options);
  } catch (error) {
    // A bug must not take the editor down: report it as a notice and return what is safe.
    return emptyResult(text.length, [`Analysis failed: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

function analyzeText(text: string, options: AnalyzeOptions): AnalysisResult {
  const { lines, paragraphs } = buildStructure(text);
  const { quotes: spans, stray } = findQuotes(text, paragraphs);
  const quotes = attributeQuotes({ text, paragraphs, spans });
  const index = new LineIndex(lines);
  const findings: Finding[] = [];
  const repeats: DuplicateRecord[] =
    options.rules?.['duplicate-passage'] === 'off'
      ? []
      : findRepeatsWithin(text, { ...DEFAULT_DUPLICATE_OPTIONS, ...options.duplicates }).map((m) => toRecord(m, index, index));
  const crossDocument = (options.crossDocument ?? []).filter((d) => d.start >= 0 && d.end <= text.length && d.start <= d.end);
  const context = { text, paragraphs, quotes, strayMarks: stray, repeats, crossDocument };
  for (const rule of RULES) {
    const severity = options.rules?.[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    for (const f of rule.check(context)) {
      const start = Math.max(0, Math.min(f.start, text.length));
      const end = Math.max(start, Math.min(f.end, text.length));
      const s = index.position(start);
      const e = index.position(end);
      findings.push({ rule: rule.id, severity: severity as Severity, message: f.message, start, end, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, ...(f.fixes ? { fixes: f.fixes } : {}), ...(f.related ? { related: f.related } : {}), ...(f.data ? { data: f.data } : {}) });
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

  return { version: 1, length: text.length, paragraphs, quotes, findings, claims: extractClaims(text, paragraphs, quotes), duplicates: [...repeats, ...crossDocument].sort((a, b) => a.start - b.start), tokens: deduped, notices: [] };
}
