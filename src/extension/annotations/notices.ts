// What the annotation store says: to the log (every time) and in notifications (once per problem, one at a time for
// conflicts). Both keep quiet while the extension host shuts down: the window is gone, and writes still finish then.
import * as vscode from 'vscode';
import { OTHER_VERSION_TAG, type MergeConflict } from '../../core';
import type { ArticleAnnotations, SidecarCorruption } from './article';
import type { SyncOutcome, SyncReporter } from './sync';

/** A message that may fail quietly (while the extension host shuts down, the window is gone). */
function quietly<T>(thenable: Thenable<T>): Promise<T | undefined> {
  return Promise.resolve(thenable).then(undefined, () => undefined);
}

export class AnnotationNotices implements SyncReporter {
  private readonly reported = new Set<string>();
  private conflictNotice: Promise<unknown> | undefined;
  /** Set when the store is disposed: from then on, the log only. */
  quiet = false;

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  /** Logs, also while the extension host shuts down (when the channel may be gone). */
  log(level: 'info' | 'warn' | 'error', message: string): void {
    try {
      this.channel[level](message);
    } catch {
      // the output channel is disposed
    }
  }

  /** A change the user made could not be saved. */
  failed(message: string): void {
    if (this.quiet) return;
    void quietly(vscode.window.showErrorMessage(`Seed Annotator: ${message}`, 'Show Log')).then((c) => {
      if (c) this.channel.show();
    });
  }

  /** A sidecar that cannot be read: the log every time, a notification once per file and problem. */
  corrupt(article: ArticleAnnotations, problem: SidecarCorruption, readable: number): void {
    const where = problem.line !== undefined ? ` (line ${problem.line}, column ${problem.column ?? 1})` : '';
    const name = vscode.workspace.asRelativePath(article.sidecar, false);
    this.log('error', `${article.sidecar.fsPath}${where}: ${problem.message}. ${readable} annotation${readable === 1 ? '' : 's'} could be read; they are shown read-only, and the file is kept aside before anything replaces it.`);
    const key = `${article.sidecar.toString()}\u0000${problem.message}\u0000${problem.line}`;
    if (this.reported.has(key) || this.quiet) return;
    this.reported.add(key);
    const shown = readable ? ` ${readable} of its annotations are shown read-only.` : '';
    void quietly(vscode.window.showWarningMessage(`Seed Annotator: ${name} could not be read${where}: ${problem.message}.${shown} The file is left as it is.`, 'Open File')).then((choice) => {
      const at = Math.max(0, (problem.column ?? 1) - 1);
      if (choice) void vscode.window.showTextDocument(article.sidecar, problem.line ? { selection: new vscode.Range(problem.line - 1, at, problem.line - 1, at) } : undefined);
    });
  }

  /** What a sync merged, kept or kept aside. */
  synced(article: ArticleAnnotations, outcome: SyncOutcome, fromDisk: boolean): void {
    const name = vscode.workspace.asRelativePath(article.sidecar, false);
    if (outcome.memoryChanged && fromDisk) this.log('info', `${name} changed on disk; merged with the annotations here`);
    for (const { id, deletedOn } of outcome.keptOverDeletion) {
      this.log('info', `${name}: annotation ${id} was deleted ${deletedOn === 'disk' ? 'elsewhere' : 'here'} but changed ${deletedOn === 'disk' ? 'here' : 'elsewhere'}; the changed version is kept`);
    }
    if (outcome.corrupt) this.corrupt(article, outcome.corrupt.problem, outcome.corrupt.readable);
    if (outcome.keptAside && !this.quiet) {
      void quietly(vscode.window.showInformationMessage(`Seed Annotator: the unreadable ${name} was kept as ${vscode.workspace.asRelativePath(outcome.keptAside, false)} before saving your annotations.`));
    }
    if (outcome.conflicts.length) this.conflicts(article, outcome.conflicts);
  }

  /** Both versions are kept: each conflict goes to the log; one calm notification at a time says so. */
  conflicts(article: ArticleAnnotations, conflicts: MergeConflict[]): void {
    const name = vscode.workspace.asRelativePath(article.sidecar, false);
    for (const c of conflicts) {
      this.log('warn', `${name}: annotation ${c.id} was changed here and elsewhere (${c.parts.join(', ')} differ). Both versions are kept: this window's under ${c.id}, the other as ${c.copyId}, tagged “${OTHER_VERSION_TAG}”.`);
    }
    if (this.quiet || this.conflictNotice) return;
    const n = conflicts.length;
    this.conflictNotice = quietly(
      vscode.window.showInformationMessage(`Seed Annotator: ${n === 1 ? 'an annotation' : `${n} annotations`} of ${article.label} changed both here and elsewhere. Both versions are kept; the other one is tagged “${OTHER_VERSION_TAG}”.`, 'Show Log'),
    ).then((choice) => {
      this.conflictNotice = undefined;
      if (choice) this.channel.show();
    });
  }
}
