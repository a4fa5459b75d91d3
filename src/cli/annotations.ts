// Annotation sidecars on disk for the command line: reading (the CLI only reads them), and the keeping aside of a
// corrupt file that a writer needs (writers replace files with src/node/replaceFile.ts). The format and anchoring are
// in src/core/annotations.ts.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { anchorAll, LineIndex, noteOf, parseSidecar, sidecarNameFor, splitLines, tagsOf, verdictOf, type SeedAnnotation, type SidecarProblem } from '../core';

export interface SidecarRead {
  annotations: SeedAnnotation[];
  /** Set when the file exists but is not a valid sidecar (or cannot be read): it must not be overwritten. */
  problem?: SidecarProblem;
  /** Whether there is a sidecar file at all. */
  exists: boolean;
}

/** Reads a sidecar; a missing file is an empty one. */
export function readSidecar(path: string): SidecarRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { annotations: [], exists: false };
    return { annotations: [], problem: { message: `cannot read: ${(error as Error).message}` }, exists: true };
  }
  return { ...parseSidecar(text), exists: true };
}

/** `2026-11-23T15:14:42.123Z` → `2026-11-23T151442.123Z` (colons are not allowed in Windows file names). */
export function fileTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/:/g, '');
}

/** Renames a corrupt sidecar to `<name>.corrupt-<timestamp>` (never replacing a file) and returns the new path. */
export function keepAside(path: string, date: Date = new Date()): string {
  const base = `${path}.corrupt-${fileTimestamp(date)}`;
  let target = base;
  for (let n = 1; existsSync(target); n++) target = `${base}-${n}`;
  renameSync(path, target);
  return target;
}

export type AnnotationJson =
  | {
      id: string;
      start: number;
      end: number;
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
      exact: string;
      text: string;
      note: string | null;
      tags: string[];
      verdict: string | null;
      claimId: string | null;
      method: 'position' | 'quote' | 'fuzzy';
      score: number;
    }
  | { id: string; exact: string; note: string | null; tags: string[]; verdict: string | null; claimId: string | null; orphaned: true };

export interface FileAnnotations {
  /** For the file's JSON: `annotations`, and `annotationsProblem` when the sidecar is corrupt. */
  json: { annotations: AnnotationJson[]; annotationsProblem?: SidecarProblem & { path: string } };
  /** For the text output: `path: 3 annotations, 1 orphaned`, or nothing. */
  textLine: string;
  /** For stderr: the corrupt sidecar, with its line and column. */
  notices: string[];
}

/** The annotations of the article at `path` (its sidecar next to it), anchored in `text`. The sidecar is only read. */
export function fileAnnotations(path: string, text: string): FileAnnotations {
  const sidecar = sidecarNameFor(path);
  const read = readSidecar(sidecar);
  const lines = read.annotations.length ? new LineIndex(splitLines(text)) : undefined;
  const anchored: AnnotationJson[] = [];
  const orphaned: AnnotationJson[] = [];
  for (const { annotation, anchor } of anchorAll(text, read.annotations)) {
    const common = { note: noteOf(annotation) ?? null, tags: tagsOf(annotation), verdict: verdictOf(annotation) ?? annotation.body.find((b) => b.purpose === 'assessing')?.value ?? null, claimId: annotation.claimId ?? null };
    const exact = annotation.target.selector[0].exact;
    if ('orphaned' in anchor) {
      orphaned.push({ id: annotation.id, exact, ...common, orphaned: true });
    } else {
      const s = lines!.position(anchor.start);
      const e = lines!.position(anchor.end);
      anchored.push({ id: annotation.id, start: anchor.start, end: anchor.end, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, exact, text: text.slice(anchor.start, anchor.end), ...common, method: anchor.method, score: Math.round(anchor.score * 1000) / 1000 });
    }
  }
  const byStart = (x: AnnotationJson, y: AnnotationJson) => ('start' in x && 'start' in y ? x.start - y.start || x.end - y.end : 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  anchored.sort(byStart);
  const json: FileAnnotations['json'] = { annotations: [...anchored, ...orphaned] };
  const notices: string[] = [];
  if (read.problem) {
    json.annotationsProblem = { path: sidecar, ...read.problem };
    const at = read.problem.line !== undefined ? `:${read.problem.line}:${read.problem.column ?? 1}` : '';
    notices.push(`annotations file ${sidecar}${at} is not valid (${read.problem.message}); it was left untouched`);
  }
  const total = json.annotations.length;
  const textLine = total ? `${path}: ${total} annotation${total === 1 ? '' : 's'}${orphaned.length ? `, ${orphaned.length} orphaned` : ''}\n` : '';
  return { json, textLine, notices };
}
