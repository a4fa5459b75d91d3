// The Sources data of the workspace: each seed article listed by the workspace index is read and analysed in the
// background (yielding between files) and kept as its digest (core/sources/digest.ts); open articles contribute their
// current text through the analysis controller. The corpus-wide data (one entry per source, the same quote given to
// different speakers) is built from the digests when asked for, and cached until an article changes. Nothing is read
// until the Sources view, the report or the API first needs it.
import * as vscode from 'vscode';
import { analyze, buildSources, digestArticle, RULES, type ArticleDigest, type SeverityOrOff, type SourcesData } from '../../core';
import { platform } from '../platform';
import { AnalysisController, WORKER_THRESHOLD } from '../analysis/controller';
import type { ConfigStore } from '../analysis/config';
import type { WorkspaceIndex } from '../duplicates/workspaceIndex';

/** Quotes and claims only: every rule off, so analysis skips the rules and the duplicate search. */
const SOURCES_ONLY: Record<string, SeverityOrOff> = Object.fromEntries(RULES.map((r) => [r.id, 'off' as const]));

interface Entry {
  uri: vscode.Uri;
  digest: ArticleDigest;
  /** Text hash (files) or `v<version>` (open documents). */
  version: string;
}

function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(16)}`;
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
  private scanning: Promise<void> | undefined;
  private rescan = false;
  private scannedOnce = false;
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private fireTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** The articles the workspace index listed at the last scan (undefined before the first). */
  private known: Set<string> | undefined;
  /** Large articles already reported as left out of the background pass. */
  private readonly skipped = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly controller: AnalysisController,
    private readonly configs: ConfigStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      controller.onDidAnalyze((d) => this.started && this.updateFromDocument(d)),
      index.onDidChange(() => this.started && this.scheduleScan()),
      configs.onDidChange(() => this.started && this.scheduleScan(true)),
      vscode.workspace.onDidCloseTextDocument(() => this.started && this.scheduleScan()),
    );
  }

  get isReady(): boolean {
    return this.scannedOnce;
  }

  /** Starts reading the workspace (once); resolves when every article was read. */
  async ready(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.scan();
    }
    while (this.scanning) await this.scanning;
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
    if (this.scanTimer) clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => {
      this.scanTimer = undefined;
      this.scan();
    }, delayMs);
  }

  private scan(): void {
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = (async () => {
      do {
        this.rescan = false;
        try {
          await this.scanOnce();
        } catch (error) {
          this.log.error(`Reading sources failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      } while (this.rescan && !this.disposed);
      this.scannedOnce = true;
      this.changed(0);
    })().finally(() => (this.scanning = undefined));
  }

  private async scanOnce(): Promise<void> {
    await this.index.ensureBuilt();
    const seen = new Set<string>();
    this.known = new Set(this.index.ids());
    for (const id of this.index.ids()) {
      if (this.disposed) return;
      const uri = vscode.Uri.parse(id);
      const key = uri.toString();
      if (this.configs.forDocument(uri).excluded) continue;
      seen.add(key);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (open && AnalysisController.isSeed(open)) {
        this.updateFromDocument(open);
      } else {
        const text = await this.index.textOf(uri);
        // Articles the controller would send to a worker are not analysed on the extension host here: they join
        // when opened (their worker result arrives through onDidAnalyze). The workspace model will take this over.
        if (text === undefined || text.length > Math.min(this.controller.maxLiveChars, WORKER_THRESHOLD)) {
          if (text !== undefined && !this.skipped.has(key)) {
            this.skipped.add(key);
            this.log.info(`Sources: ${this.pathOf(uri)} (${Math.round(text.length / 1024)} KB) is listed once opened`);
          }
          seen.delete(key);
        } else {
          const version = hashText(text);
          if (this.entries.get(key)?.version !== version) this.set(uri, digestArticle(this.pathOf(uri), text, analyze(text, { rules: SOURCES_ONLY })), version);
        }
      }
      await platform.yieldToEventLoop();
    }
    for (const key of [...this.entries.keys()]) {
      if (seen.has(key)) continue;
      this.byPath.delete(this.entries.get(key)!.digest.path);
      this.entries.delete(key);
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
    this.set(document.uri, digestArticle(this.pathOf(document.uri), document.getText(), result), version);
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
    if (this.scanTimer) clearTimeout(this.scanTimer);
    if (this.fireTimer) clearTimeout(this.fireTimer);
    for (const d of this.disposables) d.dispose();
  }
}
