// One file's analysis as the CLI prints it: the same function runs in the main thread (--jobs 1) and in the
// worker processes, so the output does not depend on where a file was analysed.
import { analyze, digestArticle, LineIndex, splitLines, type AnalysisResult, type ArticleDigest, type ClaimRow, type DuplicateRecord, type Finding, type SeedConfig, type Severity } from '../core';
import { fileAnnotations } from './annotations';

export interface AnalysisSettings {
  rules: SeedConfig['rules'];
  duplicates: SeedConfig['duplicates'];
}

export type SeverityCounts = Record<Severity, number>;

/** What the CLI needs from one analysed file: its output (one JSON object, or the text lines) and what goes to stderr. */
export interface FileOutput {
  /** `--format json`: the file's JSON object; text: one line per finding (each ending in a newline). */
  chunk: string;
  counts: SeverityCounts;
  notices: string[];
  /** Time spent in analyze(), for the progress lines of large files. */
  ms: number;
}

export function fileJson(path: string, result: AnalysisResult) {
  return {
    path,
    quotes: result.quotes.map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      kind: q.kind,
      speaker: q.speaker ? { start: q.speaker.start, end: q.speaker.end, text: q.speaker.text, via: q.speaker.via, ...(q.speaker.mention ? { mention: q.speaker.mention } : {}), ...(q.speaker.confidence !== undefined ? { confidence: q.speaker.confidence } : {}) } : null,
      cue: q.cue,
      anonymous: q.anonymous,
      ...(q.nested ? { nested: true } : {}),
      ...(q.closed ? {} : { closed: false }),
      ...(q.note ? { note: q.note } : {}),
      ...(!q.speaker && q.confidence !== undefined ? { confidence: q.confidence } : {}),
    })),
    findings: result.findings.map(({ data: _data, ...f }) => f),
    claims: result.claims,
    duplicates: result.duplicates.map((d) => ({ start: d.start, end: d.end, line: d.line, endLine: d.endLine, similarity: d.similarity, words: d.words, of: { path: d.of.path ?? path, start: d.of.start, end: d.of.end, line: d.of.line, endLine: d.of.endLine } })),
    ...(result.notices.length ? { notices: result.notices } : {}),
  };
}

/** A finding as a line of the text output: `path:line:col severity rule message`. */
export function findingLine(path: string, f: Pick<Finding, 'line' | 'column' | 'severity' | 'rule' | 'message'>): string {
  return `${path}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`;
}

/** Analyses one file (with its repeats across the inputs, when there are any) and renders it. */
export function analyzeFile(path: string, text: string, settings: AnalysisSettings, format: 'json' | 'text', crossDocument: DuplicateRecord[] | undefined): FileOutput {
  const started = Date.now();
  const result = analyze(text, { rules: settings.rules, duplicates: settings.duplicates, crossDocument });
  const ms = Date.now() - started;
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of result.findings) counts[f.severity]++;
  let chunk = '';
  // The article's own annotations (its sidecar, only read), anchored in the text as it is now.
  const annotations = fileAnnotations(path, text);
  if (format === 'json') chunk = JSON.stringify({ ...fileJson(path, result), ...annotations.json });
  else for (const f of result.findings) chunk += findingLine(path, f);
  if (format === 'text') chunk += annotations.textLine;
  return { chunk, counts, notices: annotations.notices.length ? [...result.notices, ...annotations.notices] : result.notices, ms };
}

/** The claims of one file, one row each, with their 1-based line. */
export function fileClaims(path: string, text: string, settings: AnalysisSettings): ClaimRow[] {
  const result = analyze(text, { rules: settings.rules, duplicates: settings.duplicates });
  const lines = new LineIndex(splitLines(text));
  return result.claims.map((claim) => ({ path, line: lines.lineOf(claim.start) + 1, claim }));
}

/** One file reduced to what `sources` and `report` need (see core/sources/digest.ts), with its repeats across the inputs. */
export function fileDigest(path: string, text: string, settings: AnalysisSettings, crossDocument: DuplicateRecord[] | undefined): ArticleDigest {
  return digestArticle(path, text, analyze(text, { rules: settings.rules, duplicates: settings.duplicates, crossDocument }));
}
