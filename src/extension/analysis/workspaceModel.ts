// The workspace model: every article of the workspace folders, open or not, from its text on disk (or in its open
// editor) to its analysis: findings for the Problems panel (Analyze Workspace) and the digest the Sources view and the
// report read. Articles are analysed in the analysis pool's workers (none on the host), with their repeats
// across the workspace from the duplicate index, and kept per text hash, so a pass over an unchanged folder reads
// files but analyses nothing. When an article changes or goes, the articles its repeats point to are marked stale
// (their records name its offsets) and onDidInvalidate says which.
import * as vscode from 'vscode';
import { digestArticle, emptyResult, looksBinary, type AnalysisResult, type ArticleDigest, type Finding } from '../../core';
import type { ConfigStore } from './config';
import { CROSS_DOCUMENT_LIMIT } from './controller';
import { EXCLUDE_GLOB, MAX_INDEXED_BYTES, SEED_GLOB, type WorkspaceIndex } from '../duplicates/workspaceIndex';
import { hashText } from '../claims/pass';
import { decodeInSlices } from '../duplicates/slices';
import { CancelledError, platform, type AnalysisRequest } from '../platform';
import { digestOfResult, type AnalysisWithDigest } from '../platform/analysisService';

/** What a read of an article gave. */
export type ArticleText = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'tooLarge'; size: number } | { kind: 'missing' };

export interface ArticleAnalysis {
  uri: vscode.Uri;
  /** Workspace-relative path (the digest's `path`). */
  path: string;
  /** Hash of the text analysed. */
  hash: string;
  /** Why the article was not analysed (binary, too large); its findings are then empty. */
  skipped?: 'binary' | 'tooLarge';
  findings: Finding[];
  digest: ArticleDigest;
  /** The other articles (URI strings) its repeats across the workspace point to. */
  crossWith: string[];
}

export const SKIPPED_BINARY = 'skipped: looks like a binary file';
export const skippedTooLarge = (size: number) => `skipped: ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_INDEXED_BYTES / 1_000_000} MB limit of workspace passes (open it and run Analyze Current Article)`;

/** The digest of an open article's analysis, whose repeats name other articles by URI (the report pairs them by path). */
export function digestOf(path: string, text: string, result: AnalysisResult): ArticleDigest {
  const paths = Object.fromEntries(result.duplicates.flatMap((d) => (d.of.path === undefined ? [] : [[d.of.path, vscode.workspace.asRelativePath(vscode.Uri.parse(d.of.path), false)]])));
  return digestOfResult({ path, paths }, text, result);
}

export class WorkspaceModel implements vscode.Disposable {
  private readonly cache = new Map<string, ArticleAnalysis>();
  private readonly stale = new Set<string>();
  /** Article → the articles whose repeats point to it. */
  private readonly referrers = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<ArticleAnalysis | undefined>>();
  private readonly invalidated = new vscode.EventEmitter<vscode.Uri[]>();
  /** Fires with articles whose cached analysis no longer holds (a repeat's other side changed, the config changed). */
  readonly onDidInvalidate = this.invalidated.event;
  private readonly disposables: vscode.Disposable[] = [this.invalidated];

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly configs: ConfigStore,
    private readonly offHost: (request: AnalysisRequest) => Promise<AnalysisWithDigest>,
  ) {
    this.disposables.push(
      configs.onDidChange(() => {
        const all = [...this.cache.values()].map((a) => a.uri);
        this.cache.clear();
        this.stale.clear();
        this.referrers.clear();
        if (all.length) this.invalidated.fire(all);
      }),
    );
  }

  /**
   * The articles of the workspace folders a folder pass reads (the config's include and exclude), by path: listed
   * afresh (the duplicate index may not have seen a file created a moment ago).
   */
  async articles(): Promise<vscode.Uri[]> {
    const files = await vscode.workspace.findFiles(SEED_GLOB, EXCLUDE_GLOB);
    return files
      .filter((uri) => this.configs.inFolderPass(uri) && !this.configs.forDocument(uri).excluded)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The last analysis of an article, current or not. */
  cached(uri: vscode.Uri): ArticleAnalysis | undefined {
    return this.cache.get(uri.toString());
  }

  /**
   * The analysis of an article's current text (read again; analysed again only when it changed or went stale).
   * Undefined when the file is gone or excluded, or when the run was superseded.
   */
  analyze(uri: vscode.Uri): Promise<ArticleAnalysis | undefined> {
    const key = uri.toString();
    const running = this.inFlight.get(key);
    if (running) return running;
    const run = this.compute(uri).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
    return run;
  }

  /** The article was deleted (or left the workspace): forget it, and mark the articles that repeat it stale. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const old = this.cache.get(key);
    if (!old) return;
    this.cache.delete(key);
    this.stale.delete(key);
    for (const other of old.crossWith) this.referrers.get(other)?.delete(key);
    this.invalidate([...(this.referrers.get(key) ?? [])]);
  }

  private async compute(uri: vscode.Uri): Promise<ArticleAnalysis | undefined> {
    const key = uri.toString();
    const { config, excluded } = this.configs.forDocument(uri);
    if (excluded) return undefined;
    const read = await readArticle(uri);
    if (read.kind === 'missing') {
      this.forget(uri);
      return undefined;
    }
    const path = vscode.workspace.asRelativePath(uri, false);
    if (read.kind !== 'text') {
      const known = this.cache.get(key);
      if (known?.hash === read.kind && !this.stale.has(key)) return known;
      const notice = read.kind === 'binary' ? SKIPPED_BINARY : skippedTooLarge(read.size);
      const entry: ArticleAnalysis = { uri, path, hash: read.kind, skipped: read.kind, findings: [], digest: digestArticle(path, '', emptyResult(0, [notice])), crossWith: [] };
      this.store(entry);
      return entry;
    }
    const { text } = read;
    const hash = hashText(text);
    const previous = this.cache.get(key);
    if (previous && previous.hash === hash && !this.stale.has(key)) return previous;
    let crossDocument: AnalysisResult['duplicates'] = [];
    if (config.rules['cross-document-duplicate'] !== 'off' && text.length <= CROSS_DOCUMENT_LIMIT) {
      await this.index.ensureBuilt();
      await this.index.updateText(uri, text);
      crossDocument = await this.index.crossRecordsFor(key, text);
    }
    const options = { rules: config.rules, duplicates: config.duplicates, crossDocument };
    // In the pool even when small (the host's first analysis would prepare the models: a few hundred milliseconds),
    // with the digest made there: only the findings and the digest come back, never a large article's quotes.
    const crossWith = [...new Set(crossDocument.map((r) => r.of.path).filter((p): p is string => p !== undefined))];
    const paths = Object.fromEntries(crossWith.map((other) => [other, vscode.workspace.asRelativePath(vscode.Uri.parse(other), false)]));
    let result: AnalysisWithDigest;
    try {
      result = await this.offHost({ key: `workspace:${key}`, text, options, fields: ['findings'], priority: 'background', digest: { path, paths } });
    } catch (error) {
      if (error instanceof CancelledError) return undefined;
      throw error;
    }
    const entry: ArticleAnalysis = {
      uri,
      path,
      hash,
      findings: result.findings,
      digest: result.digest ?? digestArticle(path, '', emptyResult(text.length, result.notices)),
      crossWith,
    };
    this.store(entry, previous?.hash !== hash ? previous : undefined);
    return entry;
  }

  /**
   * Keeps an article's analysis. When its text changed, the articles its repeats point to, before or now, and those
   * that point to it are stale (their records hold its offsets); otherwise those it has started or stopped pointing
   * to (their own records may now disagree). Only a change marks others, so the marking ends even where two articles'
   * records disagree for good.
   */
  private store(entry: ArticleAnalysis, changedFrom?: ArticleAnalysis): void {
    const key = entry.uri.toString();
    const old = this.cache.get(key);
    for (const other of old?.crossWith ?? []) this.referrers.get(other)?.delete(key);
    this.cache.set(key, entry);
    this.stale.delete(key);
    for (const other of entry.crossWith) {
      let set = this.referrers.get(other);
      if (!set) this.referrers.set(other, (set = new Set()));
      set.add(key);
    }
    const listingUs = [...(this.referrers.get(key) ?? [])];
    let touched: string[];
    if (changedFrom) {
      touched = [...new Set([...listingUs, ...entry.crossWith, ...changedFrom.crossWith])];
    } else {
      const before = new Set(old?.crossWith ?? []);
      const now = new Set(entry.crossWith);
      touched = [...entry.crossWith.filter((o) => !before.has(o)), ...(old?.crossWith ?? []).filter((o) => !now.has(o))];
    }
    this.invalidate(touched.filter((o) => o !== key));
  }

  private invalidate(keys: string[]): void {
    const uris: vscode.Uri[] = [];
    for (const key of keys) {
      const a = this.cache.get(key);
      if (!a || this.stale.has(key)) continue;
      this.stale.add(key);
      uris.push(a.uri);
    }
    if (uris.length) this.invalidated.fire(uris);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** An article's text: its open editor's (possibly unsaved), else the file's; binary and very large files say so. */
export async function readArticle(uri: vscode.Uri): Promise<ArticleText> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    const text = open.getText();
    if (text.length > MAX_INDEXED_BYTES) return { kind: 'tooLarge', size: text.length };
    return looksBinary(text) ? { kind: 'binary' } : { kind: 'text', text };
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { kind: 'missing' };
    if (stat.size > MAX_INDEXED_BYTES) return { kind: 'tooLarge', size: stat.size };
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.subarray(0, 8192).includes(0)) return { kind: 'binary' };
    let text = await decodeInSlices(bytes, () => platform.yieldToEventLoop());
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return looksBinary(text) ? { kind: 'binary' } : { kind: 'text', text };
  } catch {
    return { kind: 'missing' };
  }
}
