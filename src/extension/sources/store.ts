// The Sources data of the workspace: each article of the workspace folders (the config's include and exclude) comes
// from the workspace model (analysed in the pool's workers, its repeats across the workspace included), kept as its
// digest (core/sources/digest.ts); open articles contribute their current text through the analysis controller. The
// corpus-wide data (one entry per source, the same quote given to different speakers) is built from the digests when
// asked for, and cached until an article changes. Nothing is read until the Sources view, the report or the API
// first needs it.
import * as vscode from 'vscode';
import { buildSources, type ArticleDigest, type SourcesData } from '../../core';
import { platform } from '../platform';
import { AnalysisController } from '../analysis/controller';
import type { ConfigStore } from '../analysis/config';
import type { WorkspaceIndex } from '../duplicates/workspaceIndex';
import { ScanScheduler } from '../analysis/scanScheduler';
import { digestOf, type WorkspaceModel } from '../analysis/workspaceModel';

interface Entry {
  uri: vscode.Uri;
  digest: ArticleDigest;
  /** The model's text hash (files) or `v<version>` (open documents). */
  version: string;
}

export class SourcesStore implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Workspace-relative path (the digests' `path`) → URI. */
  private readonly byPath = new Map<string, vscode.Uri>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires (debounced) when the sources of any article changed. */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private data: SourcesData | undefined;
  private started = false;
  private readonly scans: ScanScheduler;
  private fireTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** The articles the model listed at the last scan (undefined before the first). */
  private known: Set<string> | undefined;

  constructor(
    index: WorkspaceIndex,
    private readonly model: WorkspaceModel,
    private readonly controller: AnalysisController,
    private readonly configs: ConfigStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.scans = new ScanScheduler(
      () => this.scanOnce(),
      (error) => this.log.error(`Reading sources failed: ${error instanceof Error ? error.message : String(error)}`),
      () => this.changed(0),
    );
    this.disposables.push(
      model.onDidInvalidate(() => this.started && this.scheduleScan()),
      controller.onDidAnalyze((d) => this.started && this.updateFromDocument(d)),
      index.onDidChange(() => this.started && this.scheduleScan()),
      configs.onDidChange(() => this.started && this.scheduleScan(true)),
      vscode.workspace.onDidCloseTextDocument(() => this.started && this.scheduleScan()),
    );
  }

  get isReady(): boolean {
    return this.scans.isReady;
  }

  /** Starts reading the workspace (once); resolves when every article was read. */
  ready(): Promise<void> {
    this.started = true;
    return this.scans.settled();
  }

  /** One entry per source across the workspace, and the same quote given to different speakers. */
  sources(): SourcesData {
    return (this.data ??= buildSources(this.digests()));
  }

  /** Every article's digest, by path. */
  digests(): ArticleDigest[] {
    return [...this.entries.values()].map((e) => e.digest).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The URI of an article by its path in the Sources data. */
  uriOf(path: string): vscode.Uri | undefined {
    return this.byPath.get(path);
  }

  scheduleScan(force = false, delayMs = 200): void {
    if (force) for (const e of this.entries.values()) e.version = '';
    this.scans.schedule(delayMs);
  }

  private async scanOnce(): Promise<void> {
    const articles = await this.model.articles();
    const seen = new Set<string>();
    this.known = new Set(articles.map((u) => u.toString()));
    let sliceStart = performance.now();
    for (const uri of articles) {
      if (this.disposed) return;
      const key = uri.toString();
      seen.add(key);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (open && AnalysisController.isSeed(open)) {
        this.updateFromDocument(open);
      } else {
        const a = await this.model.analyze(uri);
        if (!a) seen.delete(key);
        else if (this.entries.get(key)?.version !== a.hash || this.entries.get(key)?.digest !== a.digest) this.set(uri, a.digest, a.hash);
      }
      // Unchanged files cost a read each: yield after a slice of them, not after every one.
      if (performance.now() - sliceStart > 15) {
        await platform.yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    for (const key of [...this.entries.keys()]) {
      if (seen.has(key)) continue;
      const gone = this.entries.get(key)!;
      this.byPath.delete(gone.digest.path);
      this.entries.delete(key);
      if (!this.known.has(key)) this.model.forget(gone.uri);
      this.changed();
    }
  }

  private pathOf(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, false);
  }

  /** An open article was analysed: its digest from the controller's result. */
  private updateFromDocument(document: vscode.TextDocument): void {
    if (!AnalysisController.isSeed(document) || document.isClosed || document.uri.scheme === 'untitled') return;
    if (this.configs.forDocument(document.uri).excluded) return;
    // An article the workspace index does not list (deleted from disk, still open): the next scan decides.
    if (this.known && !this.known.has(document.uri.toString())) {
      this.scheduleScan();
      return;
    }
    const version = `v${document.version}`;
    if (this.entries.get(document.uri.toString())?.version === version) return;
    const result = this.controller.safely(() => this.controller.resultFor(document));
    // A large article's worker result comes later, through onDidAnalyze: never record the placeholder for its version.
    if (!result || result.notices.includes('analysis in progress')) return;
    this.set(document.uri, digestOf(this.pathOf(document.uri), document.getText(), result), version);
  }

  private set(uri: vscode.Uri, digest: ArticleDigest, version: string): void {
    this.entries.set(uri.toString(), { uri, digest, version });
    this.byPath.set(digest.path, uri);
    this.changed();
  }

  private changed(delayMs = 150): void {
    this.data = undefined;
    if (this.fireTimer) {
      if (delayMs > 0) return;
      clearTimeout(this.fireTimer);
      this.fireTimer = undefined;
    }
    const fire = () => {
      this.fireTimer = undefined;
      if (!this.disposed) this.emitter.fire();
    };
    if (delayMs === 0) fire();
    else this.fireTimer = setTimeout(fire, delayMs);
  }

  dispose(): void {
    this.disposed = true;
    this.scans.dispose();
    if (this.fireTimer) clearTimeout(this.fireTimer);
    for (const d of this.disposables) d.dispose();
  }
}
