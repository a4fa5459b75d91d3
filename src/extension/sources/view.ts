// The Sources view: every source quoted or cited across the workspace, grouped named / anonymous / described, with
// counts of quotes, claims and articles; expanding one lists its quotes, then the claims it asserts (a click reveals
// either); a mark on the sources and quotes whose words are given to another speaker elsewhere. Sorted by count or by
// name, filtered by article.
import * as vscode from 'vscode';
import { plural, type Source, type SourceClaim, type SourceKind, type SourceQuote, type SourcesData } from '../../core';
import type { SourcesStore } from './store';
import { sourcesViewMessage } from './messages';
import { shorten } from '../displayText';

export const SOURCES_VIEW_ID = 'seedAnnotator.sources';
export type SourcesSort = 'count' | 'name';

export interface SourceGroupNode {
  kind: 'group';
  sourceKind: SourceKind;
  sources: Source[];
}
export interface SourceNode {
  kind: 'source';
  source: Source;
}
export interface SourceQuoteNode {
  kind: 'quote';
  source: Source;
  quote: SourceQuote;
}
/** A claim the source asserts (reported speech). */
export interface SourceClaimNode {
  kind: 'claim';
  source: Source;
  claim: SourceClaim;
}
export type SourcesNode = SourceGroupNode | SourceNode | SourceQuoteNode | SourceClaimNode;

const GROUP_LABEL: Record<SourceKind, string> = { named: 'Named', anonymous: 'Anonymous', described: 'Described, not named' };
const GROUP_ICON: Record<SourceKind, string> = { named: 'person', anonymous: 'eye-closed', described: 'question' };


/** How long a quote's or claim's line in the view may be. */
const LABEL_MAX = 80;

export class SourcesTreeProvider implements vscode.TreeDataProvider<SourcesNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SourcesNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private view: vscode.TreeView<SourcesNode> | undefined;
  private readonly nodes = new Map<string, SourceNode>();
  sort: SourcesSort;
  /** Only sources quoted or cited in this article (its path), when set. */
  article: string | undefined;

  constructor(
    private readonly store: SourcesStore,
    private readonly state: vscode.Memento,
  ) {
    this.sort = state.get<SourcesSort>('seedAnnotator.sources.sort') ?? 'count';
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.sources.sort', this.sort);
  }

  attach(view: vscode.TreeView<SourcesNode>): void {
    this.view = view;
    this.updateMessage();
  }

  refresh(): void {
    this.nodes.clear();
    this.emitter.fire(undefined);
    this.updateMessage();
  }

  setSort(sort: SourcesSort): void {
    this.sort = sort;
    void this.state.update('seedAnnotator.sources.sort', sort);
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.sources.sort', sort);
    this.refresh();
  }

  setArticle(path: string | undefined): void {
    this.article = path;
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.sources.filtered', path !== undefined);
    if (this.view) this.view.description = path ? `in ${path}` : undefined;
    this.refresh();
  }

  /** The sources shown (filter and sort applied). */
  shown(data: SourcesData = this.store.sources()): Source[] {
    const list = this.article ? data.sources.filter((s) => s.articles.includes(this.article!)) : [...data.sources];
    if (this.sort === 'name') list.sort((a, b) => a.label.localeCompare(b.label));
    return list;
  }

  /** The node of a source (for TreeView.reveal). */
  nodeOf(id: string): SourceNode | undefined {
    if (!this.nodes.size) for (const s of this.store.sources().sources) this.nodes.set(s.id, { kind: 'source', source: s });
    return this.nodes.get(id);
  }

  getParent(node: SourcesNode): SourcesNode | undefined {
    if (node.kind === 'group') return undefined;
    if (node.kind === 'quote' || node.kind === 'claim') return this.nodeOf(node.source.id);
    const kind = node.source.kind;
    return { kind: 'group', sourceKind: kind, sources: this.shown().filter((s) => s.kind === kind) };
  }

  getChildren(node?: SourcesNode): SourcesNode[] {
    if (!node) {
      const shown = this.shown();
      return (['named', 'anonymous', 'described'] as const).map((k) => ({ kind: 'group' as const, sourceKind: k, sources: shown.filter((s) => s.kind === k) })).filter((g) => g.sources.length);
    }
    if (node.kind === 'group') return node.sources.map((s) => this.nodeOf(s.id) ?? { kind: 'source', source: s });
    if (node.kind === 'source') {
      const here = (path: string) => !this.article || path === this.article;
      const quotes = node.source.quotes.filter((q) => here(q.path)).map((quote): SourceQuoteNode => ({ kind: 'quote', source: node.source, quote }));
      const claims = node.source.claimPlaces.filter((c) => here(c.path)).map((claim): SourceClaimNode => ({ kind: 'claim', source: node.source, claim }));
      return [...quotes, ...claims];
    }
    return [];
  }

  getTreeItem(node: SourcesNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(GROUP_LABEL[node.sourceKind], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.sourceKind}`;
      item.description = plural(node.sources.length, 'source');
      item.iconPath = new vscode.ThemeIcon(GROUP_ICON[node.sourceKind]);
      item.contextValue = 'sourceGroup';
      return item;
    }
    if (node.kind === 'source') {
      const s = node.source;
      const flagged = s.quotes.some((q) => q.sameQuote !== undefined);
      const hasChildren = s.quotes.length > 0 || s.claimPlaces.length > 0;
      const item = new vscode.TreeItem(s.label, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `source:${s.id}`;
      item.description = `${flagged ? '⚠ same quote elsewhere · ' : ''}${plural(s.quotes.length, 'quote')} · ${plural(s.claims, 'claim')} · ${plural(s.articles.length, 'article')}`;
      const tip = new vscode.MarkdownString();
      tip.appendText(`${s.label}${s.descriptions.length ? ` (${s.descriptions.join('; ')})` : ''}\n\n`);
      tip.appendText(`${GROUP_LABEL[s.kind]} source: ${plural(s.quotes.length, 'quote')}, ${plural(s.claims, 'claim')}, in ${plural(s.articles.length, 'article')}.`);
      if (flagged) tip.appendText('\n\nOne of its quotes is given to another speaker in another article.');
      item.tooltip = tip;
      item.iconPath = new vscode.ThemeIcon(flagged ? 'warning' : GROUP_ICON[s.kind]);
      item.contextValue = flagged ? 'source.sameQuote' : 'source';
      return item;
    }
    if (node.kind === 'claim') {
      const c = node.claim;
      const item = new vscode.TreeItem(shorten(c.text, LABEL_MAX), vscode.TreeItemCollapsibleState.None);
      item.id = `claim:${node.source.id}:${c.path}:${c.start}`;
      item.description = `${c.path}:${c.line}`;
      item.tooltip = `Claim by ${node.source.label} (reported speech), ${c.path}:${c.line}\n\n${c.text}`;
      item.iconPath = new vscode.ThemeIcon('comment');
      item.command = { command: 'seedAnnotator.sources.reveal', title: 'Reveal Claim', arguments: [c.path, c.start, c.end] };
      item.contextValue = 'sourceClaim';
      return item;
    }
    const q = node.quote;
    const item = new vscode.TreeItem(`“${shorten(q.text, LABEL_MAX)}”`, vscode.TreeItemCollapsibleState.None);
    item.id = `quote:${node.source.id}:${q.path}:${q.start}`;
    const other = this.otherSide(q);
    item.description = `${other ? '⚠ ' : ''}${q.path}:${q.line}`;
    item.tooltip = other ? `${q.speaker}, ${q.path}:${q.line}\n\nThe same quote is given to ${other.speaker} in ${other.path}:${other.line}.` : `${q.speaker}, ${q.path}:${q.line}`;
    item.iconPath = new vscode.ThemeIcon(other ? 'warning' : 'quote');
    item.command = { command: 'seedAnnotator.sources.reveal', title: 'Reveal Quote', arguments: [q.path, q.start, q.end] };
    item.contextValue = 'sourceQuote';
    return item;
  }

  /** The other side of a same-quote pair this quote is in. */
  otherSide(q: SourceQuote): { path: string; line: number; speaker: string } | undefined {
    if (q.sameQuote === undefined) return undefined;
    const pair = this.store.sources().sameQuotes[q.sameQuote];
    if (!pair) return undefined;
    return pair.a.path === q.path && pair.a.start === q.start ? pair.b : pair.a;
  }

  private updateMessage(): void {
    if (!this.view) return;
    // No badge: the container's badge adds up its views' badges, and claims plus sources is no count of anything.
    const digests = this.store.digests();
    this.view.message = sourcesViewMessage(digests, this.store.isReady);
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.sources.noArticles', this.store.isReady && digests.length === 0);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
