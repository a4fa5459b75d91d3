// Runs the core on open seed documents: debounced per document, cached per version, never publishing stale results.
import * as vscode from 'vscode';
import { DocumentAnalyzer, emptyResult, type AnalysisResult, type DuplicateRecord } from '../../core';
import type { ConfigStore, ExtensionSettings } from './config';
import { toDiagnostic } from '../diagnostics/diagnostics';
import { documentLength, type WorkspaceIndex } from '../duplicates/workspaceIndex';
import { fileExists } from '../platform/fileExists';
import { CancelledError, platform, type AnalysisPool, type AnalysisRequest, type LargeArticleAnalysis } from '../platform';
import type { AnalysisWithDigest } from '../platform/analysisService';

export const SEED_LANGUAGE = 'seed';

/** Articles longer than this (UTF-16 code units) are analysed in a worker thread: about 60–80 ms of work here. */
export const WORKER_THRESHOLD = 64 * 1024;
/** Repeats of other articles are looked for in articles up to this size (the alignment runs on the host). */
export const CROSS_DOCUMENT_LIMIT = 512 * 1024;

interface CacheEntry {
  version: number;
  result: AnalysisResult;
}

export class AnalysisController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('seed-annotator');
  private readonly cache = new Map<string, CacheEntry>();
  /** Repeats of other articles, per document, for the version they were computed on. */
  private readonly crossCache = new Map<string, { version: number; records: DuplicateRecord[] }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly emitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document's results were published. */
  readonly onDidAnalyze = this.emitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly configs: ConfigStore,
    private readonly log: vscode.LogOutputChannel,
    private settings: ExtensionSettings,
    private readonly index: WorkspaceIndex,
  ) {
    const workers = platform.createAnalysisPool(extensionUri, log);
    this.pool = workers.pool;
    this.largeArticleAnalysis = () => workers.largeArticleAnalysis();
  }

  /**
   * Articles over WORKER_THRESHOLD are analysed in the pool's workers (worker threads, or Web Workers on the web; see
   * platform/), shared with the background passes; a newer run of the same document cancels the stale one.
   */
  private readonly pool: AnalysisPool;
  /** Where the pool's workers analyse (a worker thread, a Web Worker, or this thread): for tests and the log. */
  readonly largeArticleAnalysis: () => LargeArticleAnalysis | undefined;
  /** One per open article: re-analysis after an edit reuses the unchanged paragraphs' results. */
  private readonly analyzers = new Map<string, DocumentAnalyzer>();

  private analyzerFor(key: string): DocumentAnalyzer {
    let analyzer = this.analyzers.get(key);
    if (!analyzer) this.analyzers.set(key, (analyzer = new DocumentAnalyzer()));
    return analyzer;
  }

  /** Analysis off the extension host's thread, for the background passes (open articles go first). */
  analyzeOffHost(request: AnalysisRequest): Promise<AnalysisWithDigest> {
    return this.pool.run(request);
  }

  updateSettings(settings: ExtensionSettings): void {
    this.settings = settings;
  }

  static isSeed(document: vscode.TextDocument): boolean {
    return document.languageId === SEED_LANGUAGE;
  }

  /** Length of a document without copying its text. */
  static lengthOf(document: vscode.TextDocument): number {
    return documentLength(document);
  }

  /** Repeats of other articles computed for this version of the document, if any. */
  private crossFor(key: string, version: number): DuplicateRecord[] {
    const cross = this.crossCache.get(key);
    return cross && cross.version === version ? cross.records : [];
  }

  /** Over the live-analysis limit: analysed only when the user asks (Analyze Current Article). */
  get maxLiveChars(): number {
    return this.settings.maxLiveChars;
  }

  isTooLarge(document: vscode.TextDocument): boolean {
    return AnalysisController.lengthOf(document) > this.settings.maxLiveChars;
  }

  private readonly warnedLarge = new Set<string>();

  private sayTooLarge(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.warnedLarge.has(key)) return;
    this.warnedLarge.add(key);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const name = vscode.workspace.asRelativePath(document.uri);
    const message = `${name} is ${mb(AnalysisController.lengthOf(document))} MB, over the ${mb(this.settings.maxLiveChars)} MB limit for analysis as you type (seedAnnotator.maxDocumentSize); run “Analyze Current Article” to analyse it.`;
    this.log.info(message);
    this.disposables.push(vscode.window.setStatusBarMessage(`$(info) Seed Annotator: ${message}`, 15_000));
  }

  private readonly disposables: vscode.Disposable[] = [];

  /**
   * The result for the document's current version, computing it if needed (hovers, colours, quick fixes, claims).
   * The config's `exclude` and the `run` setting hold here too: an excluded article has no result, and with
   * `onSave` the last analysis stands until the next save.
   */
  resultFor(document: vscode.TextDocument): AnalysisResult {
    const cached = this.cache.get(document.uri.toString());
    if (cached && cached.version === document.version) return cached.result;
    if (this.configs.forDocument(document.uri).excluded) return emptyResult(AnalysisController.lengthOf(document), ['excluded by the configuration file']);
    if (this.settings.run === 'onSave' && cached) return cached.result;
    return this.computeOnHost(document, false);
  }

  private computeOnHost(document: vscode.TextDocument, onDemand: boolean): AnalysisResult {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.result;
    if (!onDemand && this.isTooLarge(document)) {
      return emptyResult(AnalysisController.lengthOf(document), ['over the live-analysis size limit: analysed on demand only']);
    }
    if (AnalysisController.lengthOf(document) > WORKER_THRESHOLD) {
      // Never analysed on the extension host: the worker's result arrives through analyzeNow().
      return emptyResult(AnalysisController.lengthOf(document), ['analysis in progress']);
    }
    const { config } = this.configs.forDocument(document.uri);
    const started = performance.now();
    const result = this.analyzerFor(key).analyze(document.getText(), { rules: config.rules, duplicates: config.duplicates, crossDocument: this.crossFor(key, document.version) });
    this.log.trace(`Analysed ${vscode.workspace.asRelativePath(document.uri)} v${document.version} in ${(performance.now() - started).toFixed(1)} ms`);
    for (const notice of result.notices) this.log.warn(`${document.uri.fsPath}: ${notice}`);
    this.cache.set(key, { version: document.version, result });
    return result;
  }

  /** Analyses now and publishes, unless the document changed meanwhile (then the newer run publishes). */
  async analyzeNow(document: vscode.TextDocument, onDemand = false): Promise<AnalysisResult | undefined> {
    const key = document.uri.toString();
    this.cancel(key);
    if (!AnalysisController.isSeed(document) || document.isClosed) return undefined;
    if (!onDemand && this.isTooLarge(document)) {
      this.collection.delete(document.uri);
      this.sayTooLarge(document);
      return undefined;
    }
    const { config, excluded } = this.configs.forDocument(document.uri);
    if (excluded) {
      this.collection.delete(document.uri);
      return undefined;
    }
    const version = document.version;
    // A document whose file was deleted (its folder removed, say) lingers among the open documents for a while: it is
    // not an article of the workspace any more, as the CLI, reading the disk, agrees.
    if (document.uri.scheme === 'file' && !document.isDirty && !(await fileExists(document.uri))) {
      this.collection.delete(document.uri);
      return undefined;
    }
    if (document.version !== version || document.isClosed) return undefined;
    if (this.index.isReady && config.rules['cross-document-duplicate'] !== 'off' && AnalysisController.lengthOf(document) <= CROSS_DOCUMENT_LIMIT) {
      this.index.updateDocument(document);
      const records = await this.index.crossRecords(document);
      if (document.version !== version || document.isClosed) return undefined;
      const previous = this.crossCache.get(key);
      if (!previous || previous.version !== version || JSON.stringify(previous.records) !== JSON.stringify(records)) {
        this.crossCache.set(key, { version, records });
        this.cache.delete(key);
      }
    }
    let result: AnalysisResult;
    const cached = this.cache.get(key);
    if (cached && cached.version === version) {
      result = cached.result;
    } else if (AnalysisController.lengthOf(document) > WORKER_THRESHOLD) {
      const { config: cfg } = this.configs.forDocument(document.uri);
      try {
        const options = { rules: cfg.rules, duplicates: cfg.duplicates, crossDocument: this.crossFor(key, version) };
        result = await this.pool.run({ key, text: document.getText(), options, priority: 'open' });
      } catch (error) {
        if (error instanceof CancelledError) return undefined;
        throw error;
      }
      if (document.version !== version || document.isClosed) return undefined;
      this.cache.set(key, { version, result });
    } else {
      result = this.computeOnHost(document, onDemand);
    }
    if (document.version !== version || document.isClosed) return undefined;
    this.collection.set(document.uri, result.findings.map((f) => toDiagnostic(f, document, this.extensionUri)));
    this.emitter.fire(document);
    return result;
  }

  /** Schedules analysis after the debounce delay (per document). */
  schedule(document: vscode.TextDocument): void {
    if (!AnalysisController.isSeed(document)) return;
    const key = document.uri.toString();
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.safelyAsync(() => this.analyzeNow(document));
      }, this.settings.debounceMs),
    );
  }

  onDidOpen = (document: vscode.TextDocument): void => {
    if (AnalysisController.isSeed(document)) void this.safelyAsync(() => this.analyzeNow(document));
  };

  onDidChange = (event: vscode.TextDocumentChangeEvent): void => {
    if (event.contentChanges.length === 0) return;
    if (this.settings.run === 'onType') this.schedule(event.document);
  };

  onDidSave = (document: vscode.TextDocument): void => {
    if (this.settings.run === 'onSave') void this.safelyAsync(() => this.analyzeNow(document));
  };

  onDidClose = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    this.cancel(key);
    this.cache.delete(key);
    this.crossCache.delete(key);
    this.warnedLarge.delete(key);
    this.pool.forget(key);
    this.analyzers.delete(key);
    this.collection.delete(document.uri);
  };


  reanalyzeAll(): void {
    this.cache.clear();
    for (const d of vscode.workspace.textDocuments) if (AnalysisController.isSeed(d)) void this.safelyAsync(() => this.analyzeNow(d));
  }

  private cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  async safelyAsync<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      return this.safely(() => {
        throw error;
      });
    }
  }

  private lastNotified = 0;
  /** Runs work; an unexpected error goes to the log and to one calm notification per minute. */
  safely<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.log.error(error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error));
      if (Date.now() - this.lastNotified > 60_000) {
        this.lastNotified = Date.now();
        void vscode.window.showErrorMessage('Seed Annotator could not analyse this article. Details are in the log.', 'Show Log').then((c) => {
          if (c) this.log.show();
        });
      }
      return undefined;
    }
  }

  dispose(): void {
    this.pool.dispose();
    for (const d of this.disposables) d.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
    this.emitter.dispose();
  }
}
