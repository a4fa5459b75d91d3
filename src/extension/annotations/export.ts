// Export Annotations…: every annotation of the workspace in one W3C AnnotationCollection (JSON-LD).
import * as vscode from 'vscode';
import { ANNOTATION_CONTEXT, serializeSidecar } from '../../core';
import { say } from './args';
import { replaceFileAt } from './files';
import type { AnnotationStore } from './store';

/**
 * Export Annotations…: every annotation of the workspace in one W3C AnnotationCollection (JSON-LD), each target's
 * source the article's workspace-relative path. To the `target` argument, or a file chosen in a save dialog;
 * written under a temporary name, then renamed over the file. Returns the file written.
 */
export async function exportAnnotations(store: AnnotationStore, log: vscode.LogOutputChannel, target?: unknown): Promise<vscode.Uri | undefined> {
  let uri = target instanceof vscode.Uri ? target : typeof target === 'string' && target ? (/^[a-z][\w+.-]+:/i.test(target) && !/^[a-z]:\\/i.test(target) ? vscode.Uri.parse(target) : vscode.Uri.file(target)) : undefined;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading annotations' }, () => store.ready());
  const articles = store.all().filter((a) => a.annotations.length);
  const total = articles.reduce((n, a) => n + a.annotations.length, 0);
  if (!total) {
    say('there are no annotations in this workspace to export. Select words in an article and choose Annotate Selection… to make one.');
    return undefined;
  }
  if (!uri) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    uri = await vscode.window.showSaveDialog({
      title: `Export ${total} annotation${total === 1 ? '' : 's'}`,
      saveLabel: 'Export',
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'annotations.jsonld') : undefined,
      filters: { 'JSON-LD': ['jsonld', 'json'] },
    });
    if (!uri) return undefined;
  }
  const items: unknown[] = [];
  for (const article of articles) {
    const source = article.label;
    const relabelled = article.annotations.map((a) => ({ ...a, target: { ...a.target, source } }));
    items.push(...(JSON.parse(serializeSidecar(relabelled, source)) as { items: unknown[] }).items);
  }
  const name = vscode.workspace.name ?? 'the workspace';
  const collection = { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', label: `Annotations of ${name}`, generator: 'Seed Annotator', total: items.length, items };
  try {
    await replaceFileAt(uri, `${JSON.stringify(collection, null, 2)}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Could not export annotations to ${uri.fsPath || uri.toString()}: ${message}`);
    void vscode.window.showErrorMessage(`Seed Annotator: could not write ${uri.fsPath || uri.toString()}: ${message}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Seed Annotator: exported ${total} annotation${total === 1 ? '' : 's'} of ${articles.length} article${articles.length === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((c) => {
    if (c) void vscode.window.showTextDocument(uri);
  });
  return uri;
}
