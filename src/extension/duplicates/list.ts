// List Duplicates: every repeated passage of the workspace's articles in a quick pick, built by the core's
// DuplicateList (the CLI's `duplicates` builds the same list) from each article's text and its repeats across the
// workspace index.
import * as vscode from 'vscode';
import { DuplicateList, type ListedDuplicate } from '../../core';
import type { WorkspaceIndex } from './workspaceIndex';

interface DuplicatePick extends vscode.QuickPickItem {
  uri: vscode.Uri;
  line: number;
  endLine: number;
}

/**
 * Every repeated passage of the workspace's articles (paths are URIs), or undefined when cancelled; `progress` hears
 * of each article read.
 */
export async function workspaceDuplicates(index: WorkspaceIndex, token?: vscode.CancellationToken, progress?: (done: number, of: number) => void): Promise<ListedDuplicate[] | undefined> {
  await index.ensureBuilt();
  const ids = index.ids();
  const list = new DuplicateList(index.duplicateOptions);
  for (let i = 0; i < ids.length; i++) {
    if (token?.isCancellationRequested) return undefined;
    const text = await index.textOf(vscode.Uri.parse(ids[i]));
    if (text === undefined) continue;
    list.add(ids[i], text, await index.crossRecordsFor(ids[i], text, token), index.optionsFor(vscode.Uri.parse(ids[i])));
    progress?.(i + 1, ids.length);
  }
  return token?.isCancellationRequested ? undefined : list.entries;
}

/** The List Duplicates command: the list in a quick pick; the passage picked opens with its lines selected. */
export async function listDuplicates(index: WorkspaceIndex, open: (uri: vscode.Uri, line: number, endLine: number) => Promise<void>): Promise<void> {
  await index.ensureBuilt();
  const articles = index.ids().length;
  if (!articles) {
    void vscode.window.showInformationMessage('Seed Annotator: there are no seed articles in this workspace.');
    return;
  }
  const entries = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Seed Annotator: finding duplicate passages', cancellable: true },
    (progress, token) => workspaceDuplicates(index, token, (done, of) => progress.report({ message: `${done} of ${of}`, increment: 100 / of })),
  );
  if (!entries) {
    void vscode.window.showInformationMessage('Seed Annotator: the duplicate search was cancelled.');
    return;
  }
  if (!entries.length) {
    void vscode.window.showInformationMessage(`Seed Annotator: no duplicate passages in ${articles} article${articles === 1 ? '' : 's'}.`);
    return;
  }
  const name = (id: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(id));
  const picks: DuplicatePick[] = entries.map((e) => {
    const uri = vscode.Uri.parse(e.path);
    const inside = e.other.path === e.path;
    return {
      label: `$(${inside ? 'copy' : 'files'}) ${name(e.path)}: lines ${e.line}–${e.endLine}`,
      description: inside ? `repeats lines ${e.other.line}–${e.other.endLine} of the same article` : `also in ${name(e.other.path)}, lines ${e.other.line}–${e.other.endLine}`,
      detail: `${e.words} words, ${Math.round(e.similarity * 100)}% the same`,
      uri,
      line: e.line,
      endLine: e.endLine,
    };
  });
  const choice = await vscode.window.showQuickPick(picks, { title: `Duplicate passages (${picks.length})`, matchOnDescription: true, matchOnDetail: true });
  if (choice) await open(choice.uri, choice.line, choice.endLine);
}
