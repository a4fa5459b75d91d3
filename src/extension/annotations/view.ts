// The Annotations view, beside the Claims view: the annotations of every article of the workspace, grouped by
// article, and an "Orphaned" group for those whose words are no longer in their article.
import * as vscode from 'vscode';
import { noteOf, repliesOf, tagsOf, verdictOf } from '../../core';
import { marksOf, verdictLabel } from './comments';
import type { AnnotationEntry, AnnotationStore, ArticleAnnotations } from './store';
import { escapeMarkdown } from '../claims/view';
import { dateTimeText, quoted, shorten } from '../displayText';

export const ANNOTATIONS_VIEW_ID = 'seedAnnotator.annotations';

export interface AnnotationArticleNode {
  kind: 'article';
  article: ArticleAnnotations;
}

export interface OrphanedGroupNode {
  kind: 'orphaned';
}

export interface AnnotationNode {
  kind: 'annotation';
  entry: AnnotationEntry;
}

export type AnnotationsNode = AnnotationArticleNode | OrphanedGroupNode | AnnotationNode;

export function isAnnotationNode(x: unknown): x is AnnotationNode {
  return !!x && typeof x === 'object' && (x as AnnotationNode).kind === 'annotation' && !!(x as AnnotationNode).entry?.annotation;
}

/** The annotation's quote on one line. */
export function quoteOf(entry: AnnotationEntry): string {
  return entry.annotation.target.selector[0].exact.replace(/\s+/g, ' ').trim();
}

export function annotationTooltip(entry: AnnotationEntry, line: number | undefined): vscode.MarkdownString {
  const a = entry.annotation;
  const md = new vscode.MarkdownString(undefined, true);
  const verdict = verdictOf(a);
  md.appendMarkdown(`**$(${verdict === 'verified' ? 'pass' : verdict === 'disputed' ? 'error' : verdict ? 'question' : 'note'}) Annotation** — ${escapeMarkdown(entry.article.label)}${line ? `, line ${line}` : ''}\n\n`);
  md.appendMarkdown(`> ${escapeMarkdown(shorten(quoteOf(entry), 300))}\n\n`);
  const note = noteOf(a);
  if (note) md.appendMarkdown(`- **Note:** ${escapeMarkdown(note)}\n`);
  const tags = tagsOf(a);
  if (tags.length) md.appendMarkdown(`- **Tags:** ${tags.map(escapeMarkdown).join(', ')}\n`);
  if (verdict) md.appendMarkdown(`- **Verdict:** ${verdictLabel(verdict)}${a.claimId ? ` (claim \`${a.claimId}\`)` : ''}\n`);
  const replies = repliesOf(a);
  if (replies.length) md.appendMarkdown(`- **Replies:** ${replies.length}\n`);
  if (a.creator) md.appendMarkdown(`- **By:** ${escapeMarkdown(a.creator)}\n`);
  // In the language VS Code shows; a change within the same minute as the creation is not worth a second time.
  const created = dateTimeText(a.created, vscode.env.language);
  const modified = dateTimeText(a.modified, vscode.env.language);
  md.appendMarkdown(`- **Created:** ${escapeMarkdown(created)}${modified !== created ? `, changed ${escapeMarkdown(modified)}` : ''}\n`);
  if (!entry.range) md.appendMarkdown(`\n$(warning) Orphaned: these words are no longer in the article. The annotation is kept; select the words it belongs to and choose *Re-attach Annotation to Selection*.\n`);
  if (entry.readOnly) md.appendMarkdown(`\n$(lock) Read-only: its annotation file could not be read in full (see the log).\n`);
  return md;
}

export class AnnotationsTreeProvider implements vscode.TreeDataProvider<AnnotationsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<AnnotationsNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private view: vscode.TreeView<AnnotationsNode> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly store: AnnotationStore) {
    this.disposables.push(
      store.onDidChange((e) => {
        // Typing moves ranges without changing what the view lists; refresh for that at most a few times a second.
        if (!e.rangesOnly) this.refresh();
        else if (!this.timer) this.timer = setTimeout(() => this.refresh(), 300);
      }),
    );
  }

  attach(view: vscode.TreeView<AnnotationsNode>): void {
    this.view = view;
    this.refresh();
  }

  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.updateView();
    this.emitter.fire();
  }

  private updateView(): void {
    let total = 0;
    let orphaned = 0;
    for (const article of this.store.all()) {
      total += article.annotations.length;
      orphaned += article.annotations.length - article.ranges.size;
    }
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.annotations.any', total > 0);
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.annotations.orphaned', orphaned > 0);
    if (!this.view) return;
    this.view.badge = orphaned ? { value: orphaned, tooltip: `${orphaned} orphaned annotation${orphaned === 1 ? '' : 's'}: their words are no longer in the article` } : undefined;
    this.view.description = total ? `${total}${orphaned ? `, ${orphaned} orphaned` : ''}` : undefined;
  }

  getChildren(node?: AnnotationsNode): AnnotationsNode[] {
    if (!node) {
      const roots: AnnotationsNode[] = this.store
        .all()
        .filter((a) => a.ranges.size > 0 || (a.corrupt && a.annotations.length === 0))
        .map((article) => ({ kind: 'article', article }));
      if (this.orphans().length) roots.push({ kind: 'orphaned' });
      return roots;
    }
    if (node.kind === 'article') return this.store.entries(node.article.uri).filter((e) => e.range).map((entry) => ({ kind: 'annotation', entry }));
    if (node.kind === 'orphaned') return this.orphans().map((entry) => ({ kind: 'annotation', entry }));
    return [];
  }

  /** Annotations whose words are not in their article, by article. */
  orphans(): AnnotationEntry[] {
    return this.store.all().flatMap((a) => this.store.entries(a.uri).filter((e) => !e.range));
  }

  getParent(node: AnnotationsNode): AnnotationsNode | undefined {
    if (node.kind !== 'annotation') return undefined;
    return node.entry.range ? { kind: 'article', article: node.entry.article } : { kind: 'orphaned' };
  }

  private lineOf(entry: AnnotationEntry): number | undefined {
    return entry.range ? entry.article.lineOf(entry.range.start) : undefined;
  }

  getTreeItem(node: AnnotationsNode): vscode.TreeItem {
    if (node.kind === 'article') {
      const { article } = node;
      const n = article.ranges.size;
      // Nothing to expand for an article whose annotation file could not be read at all.
      const item = new vscode.TreeItem(article.label, n ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `article:${article.uri.toString()}`;
      item.resourceUri = article.uri;
      // An unreadable annotation file is said on the item itself, not only in its tooltip.
      item.iconPath = article.corrupt ? new vscode.ThemeIcon('warning') : vscode.ThemeIcon.File;
      item.description = `${n} annotation${n === 1 ? '' : 's'}${article.corrupt ? ' · read-only: its annotation file could not be read' : ''}`;
      item.tooltip = article.corrupt ? `${article.label}: its annotation file could not be read in full (${article.corrupt.message}); shown read-only.` : `${article.label}: ${item.description}`;
      item.contextValue = 'annotationArticle';
      return item;
    }
    if (node.kind === 'orphaned') {
      const n = this.orphans().length;
      const item = new vscode.TreeItem('Orphaned', vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'orphaned';
      item.iconPath = new vscode.ThemeIcon('debug-disconnect');
      item.description = `${n} annotation${n === 1 ? '' : 's'} whose words are gone`;
      item.tooltip = 'Annotations whose words could not be found in their article. They are kept in the annotation file as they were; re-attach them to a selection, or delete them.';
      item.contextValue = 'annotationOrphanedGroup';
      return item;
    }
    const { entry } = node;
    const a = entry.annotation;
    const note = noteOf(a);
    const quote = quoteOf(entry);
    const item = new vscode.TreeItem(note !== undefined ? shorten(note, 64) : quoted(quote, 64), vscode.TreeItemCollapsibleState.None);
    item.id = `annotation:${a.id}`;
    const marks = marksOf(a);
    const line = this.lineOf(entry);
    const where = entry.range ? (line ? `line ${line}` : '') : entry.article.label;
    item.description = [marks, note ? quoted(quote, 42) : '', where].filter(Boolean).join(' · ');
    item.tooltip = annotationTooltip(entry, line);
    const verdict = verdictOf(a);
    item.iconPath = new vscode.ThemeIcon(
      !entry.range ? 'debug-disconnect' : verdict === 'verified' ? 'pass' : verdict === 'disputed' ? 'error' : verdict === 'needs-source' ? 'question' : note ? 'note' : 'tag',
    );
    item.contextValue = `annotation${entry.range ? '' : '.orphaned'}${entry.readOnly ? '.readonly' : ''}`;
    item.accessibilityInformation = { label: `Annotation${marks ? ` (${marks})` : ''} on ${quoted(quote, Infinity)}${note ? `: ${note}` : ''}${entry.range ? '' : ', orphaned'}` };
    item.command = { command: 'seedAnnotator.annotations.reveal', title: 'Reveal Annotation', arguments: [node] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
