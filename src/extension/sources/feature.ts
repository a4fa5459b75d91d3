// The sources UI: the Sources view and its commands, the information diagnostic on a quote given to another speaker in
// another article (with that quote as related information), and the Sourcing Report webview (the CLI's report page,
// with a strict Content-Security-Policy, the theme's colours, and clicks that reveal articles, quotes and sources).
import * as vscode from 'vscode';
import { buildReportHtml, type QuoteSide } from '../../core';
import type { AnalysisController } from '../analysis/controller';
import type { ConfigStore } from '../analysis/config';
import type { WorkspaceIndex } from '../duplicates/workspaceIndex';
import type { WorkspaceModel } from '../analysis/workspaceModel';
import { SourcesStore } from './store';
import { SOURCES_VIEW_ID, SourcesTreeProvider, type SourcesNode, type SourcesSort } from './view';

export const SAME_QUOTE_CODE = 'same-quote-other-speaker';

export interface SourcesApi {
  ready(): Promise<void>;
  readonly store: SourcesStore;
  readonly tree: SourcesTreeProvider;
  readonly view: vscode.TreeView<SourcesNode>;
  readonly diagnostics: vscode.DiagnosticCollection;
  /** The report webview when it is open, and an event when its page was (re)built. */
  reportPanel(): vscode.WebviewPanel | undefined;
  readonly onDidRenderReport: vscode.Event<string>;
  /** What a click in the report does (for tests: the same path as the webview's messages). */
  handleReportMessage(message: unknown): Promise<void>;
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class SourcesFeature implements vscode.Disposable {
  readonly store: SourcesStore;
  readonly tree: SourcesTreeProvider;
  readonly view: vscode.TreeView<SourcesNode>;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('seed-annotator-sources');
  private panel: vscode.WebviewPanel | undefined;
  private readonly rendered = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext, controller: AnalysisController, index: WorkspaceIndex, model: WorkspaceModel, configs: ConfigStore, log: vscode.LogOutputChannel) {
    this.store = new SourcesStore(index, model, controller, configs, log);
    this.tree = new SourcesTreeProvider(this.store, context.workspaceState);
    this.view = vscode.window.createTreeView(SOURCES_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    this.tree.attach(this.view);
    this.disposables.push(this.store, this.tree, this.view, this.diagnostics, this.rendered, this.store.onDidChange(() => this.onDidChange()));
    // Read the workspace once the view is first shown (or the report or the API asks).
    const start = () => void this.store.ready();
    if (this.view.visible) start();
    else this.disposables.push(this.view.onDidChangeVisibility((e) => e.visible && start()));
  }

  get api(): SourcesApi {
    return {
      ready: () => this.store.ready(),
      store: this.store,
      tree: this.tree,
      view: this.view,
      diagnostics: this.diagnostics,
      reportPanel: () => this.panel,
      onDidRenderReport: this.rendered.event,
      handleReportMessage: (m) => this.onMessage(m),
    };
  }

  private onDidChange(): void {
    this.tree.refresh();
    this.publishDiagnostics();
    if (this.panel) this.renderReport();
  }

  /** An information diagnostic on each side of a quote given to another speaker in another article. */
  private publishDiagnostics(): void {
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    const rangeOf = (side: QuoteSide) => {
      const start = new vscode.Position(side.line - 1, side.column - 1);
      return new vscode.Range(start, start.translate(0, side.end - side.start));
    };
    for (const pair of this.store.sources().sameQuotes) {
      for (const [here, there] of [
        [pair.a, pair.b],
        [pair.b, pair.a],
      ]) {
        const uri = this.store.uriOf(here.path);
        const otherUri = this.store.uriOf(there.path);
        if (!uri || !otherUri) continue;
        const d = new vscode.Diagnostic(rangeOf(here), `The same quote is given to ${there.speaker} in ${there.path}:${there.line} (here: ${here.speaker}).`, vscode.DiagnosticSeverity.Information);
        d.source = 'Seed Annotator';
        d.code = SAME_QUOTE_CODE;
        d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(otherUri, rangeOf(there)), `Given to ${there.speaker} here`)];
        const entry = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
        entry.diagnostics.push(d);
        byUri.set(uri.toString(), entry);
      }
    }
    this.diagnostics.clear();
    for (const { uri, diagnostics } of byUri.values()) this.diagnostics.set(uri, diagnostics);
  }

  // ---- commands ----------------------------------------------------------------------------------------------

  sortBy = (sort: SourcesSort) => () => this.tree.setSort(sort);

  refresh = (): void => {
    this.store.scheduleScan(true, 0);
    void this.store.ready();
  };

  /** Filter by Article…: a pick of the articles with sources, or all of them. */
  filterByArticle = async (path?: unknown): Promise<void> => {
    await this.store.ready();
    if (typeof path === 'string' || path === null) {
      this.tree.setArticle(path ?? undefined);
      return;
    }
    const all = '$(clear-all) All articles';
    const paths = this.store.digests().filter((d) => d.sources.length).map((d) => d.path);
    const picked = await vscode.window.showQuickPick([all, ...paths], { placeHolder: 'Show the sources of one article' });
    if (picked !== undefined) this.tree.setArticle(picked === all ? undefined : picked);
  };

  /** Opens an article with a quote (or any range) selected: the view's items and the report's links. */
  reveal = async (path: unknown, start?: unknown, end?: unknown): Promise<void> => {
    if (typeof path !== 'string') return;
    const uri = this.store.uriOf(path);
    if (!uri) return;
    const document = await vscode.workspace.openTextDocument(uri);
    const len = document.getText().length;
    const from = typeof start === 'number' && Number.isFinite(start) ? Math.max(0, Math.min(len, start)) : 0;
    const to = typeof end === 'number' && Number.isFinite(end) ? Math.max(from, Math.min(len, end)) : from;
    const range = new vscode.Range(document.positionAt(from), document.positionAt(to));
    await vscode.window.showTextDocument(document, { selection: range, preview: true, viewColumn: this.panel ? vscode.ViewColumn.One : undefined });
  };

  /** Seed Annotator: Show Sourcing Report. */
  showReport = async (): Promise<void> => {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.panel = vscode.window.createWebviewPanel('seedAnnotator.sourcingReport', 'Sourcing Report', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [], enableFindWidget: true });
    this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
    this.panel.webview.onDidReceiveMessage((m) => void this.onMessage(m), undefined, this.disposables);
    this.panel.webview.html = '<!DOCTYPE html><html><body><p>Reading the articles of the workspace…</p></body></html>';
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Seed Annotator: reading sources' }, () => this.store.ready());
    this.renderReport();
  };

  private renderReport(): void {
    if (!this.panel) return;
    const n = nonce();
    const csp = `default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}'; img-src data:`;
    const digests = this.store.digests();
    const folders = vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ') ?? '';
    const html = buildReportHtml(digests, this.store.sources(), { title: 'Sourcing report', subtitle: `${folders}: ${digests.length} ${digests.length === 1 ? 'article' : 'articles'}`, webview: { csp, nonce: n } });
    this.panel.webview.html = html;
    this.rendered.fire(html);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!message || typeof message !== 'object') return;
    const m = message as { type?: unknown; path?: unknown; start?: unknown; end?: unknown; id?: unknown };
    if (m.type === 'reveal') await this.reveal(m.path, m.start, m.end);
    else if (m.type === 'revealSource' && typeof m.id === 'string') {
      const node = this.tree.nodeOf(m.id);
      if (node) await this.view.reveal(node, { select: true, focus: true, expand: true });
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
