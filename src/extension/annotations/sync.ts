// Writing an article's sidecar without losing what is on disk. Every write (and every change seen on disk) runs the
// same steps, one at a time per sidecar and, on disk, under a lock shared by the windows of this machine:
//  1. read the file as it is now;
//  2. merge by annotation id (src/core/annotationsMerge.ts): what was last read or written (base), the file now, and
//     memory; memory takes the result at once, so later edits apply to it;
//  3. when the result differs from the file: keep an unreadable file aside first (only for a change the user made;
//     a file that became unreadable on disk is shown read-only and left alone), write the result to a temporary file,
//     read the sidecar again, and rename the temporary file over it only if the sidecar did not change in the
//     meantime (else back to 1).
// Writes still under way when the extension is deactivated are awaited (pendingWrites.ts): with Node's fs they finish
// while the extension host shuts down.
import * as vscode from 'vscode';
import { mergeAnnotations, newAnnotationId, parseSidecar, serializeSidecar, type MergeConflict, type SeedAnnotation, type SidecarProblem } from '../../core';
import type { ArticleAnnotations, SyncReason } from './article';
import { sidecarFilesFor, type SidecarFiles } from './files';

/** Tries before the last one, which writes whatever the sidecar became meanwhile (another writer kept changing it). */
const ATTEMPTS = 5;

/** What a sync did, for the store to follow up (anchoring, events, messages). */
export interface SyncOutcome {
  /** False when the sidecar could not be read or written (already logged and, for an edit, shown). */
  ok: boolean;
  wrote: boolean;
  /** Memory took annotations or changes from disk. */
  memoryChanged: boolean;
  /** Annotations that came from disk or whose position changed there: to be found again in the text. */
  toAnchor: Set<string>;
  conflicts: MergeConflict[];
  keptOverDeletion: Array<{ id: string; deletedOn: 'disk' | 'memory' }>;
  /** Set when the file on disk could not be read fully (and was left as it is). */
  corrupt: { problem: SidecarProblem; readable: number } | undefined;
  /** The unreadable file's copy, made before it was replaced. */
  keptAside: vscode.Uri | undefined;
}

/** How a sync talks: the store's log and messages (which may be gone while the extension host shuts down). */
export interface SyncReporter {
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** An error message for a change the user made that could not be saved. */
  failed(message: string): void;
}

// ---- one sync -----------------------------------------------------------------------------------------------------

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Memory takes the merged list; ranges of annotations gone are dropped; returns the ids to anchor again. */
function adopt(article: ArticleAnnotations, merged: SeedAnnotation[], toAnchor: Set<string>): boolean {
  const before = new Map(article.annotations.map((a) => [a.id, a]));
  let changed = merged.length !== article.annotations.length;
  for (const a of merged) {
    const old = before.get(a.id);
    if (old === a) continue;
    changed = true;
    if (!old || JSON.stringify(old.target) !== JSON.stringify(a.target)) toAnchor.add(a.id);
  }
  const ids = new Set(merged.map((a) => a.id));
  for (const id of [...article.ranges.keys()]) if (!ids.has(id)) article.ranges.delete(id);
  for (const id of [...toAnchor]) if (!ids.has(id)) toAnchor.delete(id);
  article.annotations = merged;
  return changed;
}

/**
 * Brings the article's sidecar and memory together (the steps at the top of this file). Runs under the sidecar's
 * lock; the caller runs one sync per article at a time.
 */
export async function syncSidecar(article: ArticleAnnotations, reason: SyncReason, reporter: SyncReporter): Promise<SyncOutcome> {
  const files = sidecarFilesFor(article.sidecar);
  let release: () => Promise<void> = () => Promise.resolve();
  try {
    release = await files.lock(article.sidecar);
  } catch (error) {
    reporter.log('warn', `Writing ${article.sidecar.fsPath} without its lock: ${errorText(error)}`);
  }
  try {
    return await mergeAndWrite(article, files, reason, reporter);
  } finally {
    await release();
  }
}

async function mergeAndWrite(article: ArticleAnnotations, files: SidecarFiles, reason: SyncReason, reporter: SyncReporter): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { ok: false, wrote: false, memoryChanged: false, toAnchor: new Set(), conflicts: [], keptOverDeletion: [], corrupt: undefined, keptAside: undefined };
  const where = article.sidecar.fsPath || article.sidecar.toString();
  const name = vscode.workspace.asRelativePath(article.sidecar, false);
  for (let attempt = 1; ; attempt++) {
    let text: string | undefined;
    try {
      text = await files.read(article.sidecar);
    } catch (error) {
      // Never write over a file that could not be read.
      reporter.log('error', `Could not read ${where} before writing it (${errorText(error)}); it was not written`);
      if (reason === 'edit') reporter.failed(`could not save the annotations of ${article.label}: ${name} could not be read (${errorText(error)}).`);
      return outcome;
    }
    const parsed: { annotations: SeedAnnotation[]; problem?: SidecarProblem } = text === undefined ? { annotations: [] } : parseSidecar(text);
    const result = mergeAnnotations(article.base, parsed.annotations, article.annotations, { newId: () => newAnnotationId(), diskIncomplete: !!parsed.problem });
    outcome.conflicts.push(...result.conflicts);
    outcome.keptOverDeletion.push(...result.keptOverDeletion);
    if (adopt(article, result.annotations, outcome.toAnchor)) outcome.memoryChanged = true;
    article.base = parsed.annotations;
    article.diskText = text;

    const needsWrite = parsed.problem !== undefined || (text === undefined ? result.annotations.length > 0 : result.diskChanged);
    if (!needsWrite) {
      article.corrupt = undefined;
      outcome.ok = true;
      return outcome;
    }
    if (parsed.problem) {
      article.corrupt = parsed.problem;
      if (reason === 'disk') {
        // Became unreadable on disk (a half-finished edit, a merge conflict): shown read-only, left as it is.
        outcome.corrupt = { problem: parsed.problem, readable: parsed.annotations.length };
        outcome.ok = true;
        return outcome;
      }
      try {
        outcome.keptAside = await files.keepAside(article.sidecar);
        reporter.log('warn', `Kept the unreadable ${where} as ${outcome.keptAside.fsPath || outcome.keptAside.toString()} before replacing it`);
      } catch (error) {
        reporter.log('error', `Not replacing the unreadable ${where}: it could not be kept aside (${errorText(error)})`);
        reporter.failed(`your annotation was not saved: ${name} could not be read, and could not be kept aside either (${errorText(error)}).`);
        return outcome;
      }
    }
    const serialized = serializeSidecar(result.annotations, article.fileName);
    // Renamed over the sidecar only if nobody changed it since it was read (the last attempt writes regardless).
    const unchangedSinceRead = async () => (await files.read(article.sidecar).catch(() => null)) === text;
    let written: boolean;
    try {
      written = await files.replace(article.sidecar, serialized, attempt < ATTEMPTS ? unchangedSinceRead : undefined);
    } catch (error) {
      reporter.log('error', `Could not write ${where}: ${errorText(error)}`);
      reporter.failed(`could not save the annotations of ${article.label} (${errorText(error)}).`);
      return outcome;
    }
    if (!written) {
      reporter.log('info', `${name} changed while it was being written; merging again`);
      continue;
    }
    article.base = result.annotations;
    article.diskText = serialized;
    article.corrupt = undefined;
    outcome.ok = true;
    outcome.wrote = true;
    return outcome;
  }
}
