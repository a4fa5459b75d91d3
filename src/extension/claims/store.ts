// The claims of every seed article in the workspace: files listed by the workspace index are read and analysed in
// the background (yielding to the event loop between files); open documents contribute their current, possibly
// unsaved, text through the analysis controller. Also finds the same claim in other articles (core/sameClaims.ts:
// the same matching as the command line's).
import * as vscode from 'vscode';
import { platform } from '../platform';
import { baseClaimId, LineIndex, SameClaimIndex, type Claim } from '../../core';
import { claimsOfText, hashText } from './pass';
import { AnalysisController } from '../analysis/controller';
import type { ConfigStore } from '../analysis/config';
import type { WorkspaceIndex } from '../duplicates/workspaceIndex';
import { ScanScheduler } from '../analysis/scanScheduler';

/** One claim of one article, with its 1-based line. */
export interface ClaimEntry {
  uri: vscode.Uri;
  /** Workspace-relative path, for display and export. */
  label: string;
  line: number;
  claim: Claim;
}

export interface ArticleClaims {
  uri: vscode.Uri;
  label: string;
  claims: ClaimEntry[];
  /** Hash of the text the claims were extracted from (disk files), or undefined for an open document's. */
  hash?: string;
  fromOpenDocument: boolean;
}

export { baseClaimId };

export class ClaimsStore implements vscode.Disposable {
  private readonly articles = new Map<string, ArticleClaims>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires (debounced) when the claims of any article changed. */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private readonly scans: ScanScheduler;
  private fireTimer: ReturnType<typeof setTimeout> | undefined;
  /** Every article's claims, for the same claim in other articles (keyed by URI string). */
  private readonly same = new SameClaimIndex();
  private progressText: string | undefined;
  private disposed = false;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly controller: AnalysisController,
    private readonly configs: ConfigStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.scans = new ScanScheduler(
      () => this.scanOnce(),
      (error) => this.log.error(`Reading claims failed: ${error instanceof Error ? error.message : String(error)}`),
      () => {
        this.progressText = undefined;
        this.changed(0);
      },
    );
    this.disposables.push(
      controller.onDidAnalyze((d) => this.updateFromDocument(d)),
      index.onDidChange(() => this.scheduleScan()),
      configs.onDidChange(() => this.scheduleScan(true)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onDidClose(d)),
    );
  }

  /** True once the first full scan finished. */
  get isReady(): boolean {
    return this.scans.isReady;
  }

  /** While scanning: "3 of 10 articles". */
  get progress(): string | undefined {
    return this.progressText;
  }

  /** Every article with its claims, by path. */
  all(): ArticleClaims[] {
    return [...this.articles.values()].sort((a, b) => a.label.localeCompare(b.label));
  }

  get articleCount(): number {
    return this.articles.size;
  }

  article(uri: vscode.Uri): ArticleClaims | undefined {
    return this.articles.get(uri.toString());
  }

  /** Starts the scan when none ran yet; resolves when the workspace's claims are known. */
  ready(): Promise<void> {
    return this.scans.settled();
  }

  /** Re-reads every article (changed files only are analysed again, unless `force`). */
  scheduleScan(force = false, delayMs = 200): void {
    if (force) for (const a of this.articles.values()) a.hash = undefined;
    this.scans.schedule(delayMs);
  }

  private async scanOnce(): Promise<void> {
    await this.index.ensureBuilt();
    const ids = this.index.ids();
    const started = performance.now();
    let analysed = 0;
    const seen = new Set<string>();
    for (let i = 0; i < ids.length && !this.disposed; i++) {
      const uri = vscode.Uri.parse(ids[i]);
      const key = uri.toString();
      seen.add(key);
      if (this.configs.forDocument(uri).excluded) {
        if (this.remove(key)) this.changed();
        continue;
      }
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (open && AnalysisController.isSeed(open)) {
        this.updateFromDocument(open);
      } else {
        const text = await this.index.textOf(uri);
        // Over the live-analysis limit: left out of the background pass (it would block the extension host).
        if (text === undefined || text.length > this.controller.maxLiveChars) {
          if (this.remove(key)) this.changed();
        } else {
          const hash = hashText(text);
          const previous = this.articles.get(key);
          if (!previous || previous.hash !== hash || previous.fromOpenDocument) {
            const claims = await this.claimsOf(key, text);
            if (claims === undefined) continue; // superseded, or the extension is stopping
            this.setArticle(uri, claims, LineIndex.ofText(text), hash, false);
            analysed++;
          }
        }
      }
      this.progressText = `${i + 1} of ${ids.length} articles`;
      // Yield between files so the extension host stays responsive.
      await platform.yieldToEventLoop();
    }
    // Articles no longer in the index (deleted, excluded) go, unless they are open.
    for (const [key, a] of this.articles) {
      if (seen.has(key)) continue;
      const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && AnalysisController.isSeed(d));
      if (!open) {
        this.remove(key);
        this.changed();
      } else if (!a.fromOpenDocument) {
        this.changed();
      }
    }
    if (analysed) this.log.info(`Read the claims of ${analysed} article${analysed === 1 ? '' : 's'} in ${(performance.now() - started).toFixed(0)} ms`);
  }

  /** The claims of a file's text: on the host within a small budget, else in the analysis pool. */
  private claimsOf(key: string, text: string): Promise<Claim[] | undefined> {
    return claimsOfText(key, text, (request) => this.controller.analyzeOffHost(request));
  }

  /** An open document was analysed: take its claims from the controller's cache. */
  updateFromDocument(document: vscode.TextDocument): void {
    if (!AnalysisController.isSeed(document) || document.isClosed) return;
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return;
    if (this.configs.forDocument(document.uri).excluded) return;
    const result = this.controller.safely(() => this.controller.resultFor(document));
    if (!result) return;
    const previous = this.articles.get(document.uri.toString());
    if (previous?.fromOpenDocument && previous.hash === `v${document.version}`) return;
    const entries = result.claims.map((claim) => ({ claim, line: document.positionAt(claim.start).line + 1 }));
    this.setEntries(document.uri, entries, `v${document.version}`, true);
  }

  private onDidClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const article = this.articles.get(key);
    if (!article?.fromOpenDocument) return;
    // Back to the file on disk (an unsaved edit is gone), or gone when it was never saved.
    article.hash = undefined;
    if (document.uri.scheme === 'untitled') {
      this.remove(key);
      this.changed();
    }
    this.scheduleScan();
  }

  private setArticle(uri: vscode.Uri, claims: Claim[], lines: LineIndex, hash: string, fromOpenDocument: boolean): void {
    this.setEntries(uri, claims.map((claim) => ({ claim, line: lines.lineOf(claim.start) + 1 })), hash, fromOpenDocument);
  }

  private setEntries(uri: vscode.Uri, entries: Array<{ claim: Claim; line: number }>, hash: string, fromOpenDocument: boolean): void {
    const label = vscode.workspace.asRelativePath(uri, false);
    this.articles.set(uri.toString(), { uri, label, hash, fromOpenDocument, claims: entries.map((e) => ({ uri, label, line: e.line, claim: e.claim })) });
    // In slices: a large article's thousands of claims would hold the extension host for a while.
    const claims = entries.map((e) => e.claim);
    void this.same.setInSlices(uri.toString(), claims, () => platform.yieldToEventLoop()).then(() => this.changed());
    this.changed();
  }

  /** Forgets an article; true when it was there. */
  private remove(key: string): boolean {
    this.same.delete(key);
    return this.articles.delete(key);
  }

  /** Fires onDidChange after `delayMs` (changes in between are batched), or at once with 0. */
  private changed(delayMs = 150): void {
    if (this.fireTimer) {
      if (delayMs > 0) return;
      clearTimeout(this.fireTimer);
      this.fireTimer = undefined;
    }
    if (delayMs === 0) {
      if (!this.disposed) this.emitter.fire();
      return;
    }
    this.fireTimer = setTimeout(() => {
      this.fireTimer = undefined;
      if (!this.disposed) this.emitter.fire();
    }, delayMs);
  }

  /**
   * The same claim in other articles: the same normalised words (the same id), or another wording that aligns
   * closely (see core/sameClaims.ts). One entry per other article, by path.
   */
  otherArticlesWith(uri: vscode.Uri, claim: Claim): ClaimEntry[] {
    const out: ClaimEntry[] = [];
    for (const m of this.same.find(uri.toString(), claim)) {
      const entry = this.articles.get(m.article)?.claims[m.index];
      if (entry) out.push(entry);
    }
    return out.sort((a, b) => a.label.localeCompare(b.label));
  }

  dispose(): void {
    this.disposed = true;
    this.scans.dispose();
    if (this.fireTimer) clearTimeout(this.fireTimer);
    for (const d of this.disposables) d.dispose();
  }
}
