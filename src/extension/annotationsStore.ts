// The user's annotations, per article: read lazily from the sidecar next to each article
// (`<article>.annotations.json`, W3C Web Annotation JSON-LD), anchored in the article's text (the open document's,
// or the file's), tracked across edits, and written back atomically. A sidecar that cannot be read is reported, shown
// read-only, and kept aside before anything replaces it. Annotations that cannot be anchored stay in the sidecar as
// they are (orphaned) and are never deleted.
import * as vscode from 'vscode';
import { fileExists } from './fileExists';
import {
  anchorAll,
  anchorAnnotation,
  mapRangeThroughChange,
  parseSidecar,
  reanchored,
  serializeSidecar,
  sidecarNameFor,
  verdictOf,
  type SeedAnnotation,
  type Verdict,
} from '../core';
import { AnalysisController } from './analysis';

export const SIDECAR_SUFFIX = '.annotations.json';
const SIDECAR_GLOB = `**/*${SIDECAR_SUFFIX}`;

export interface OffsetRange {
  start: number;
  end: number;
}

/** Why a sidecar could not be read (1-based line and column), while it is still on disk as it was. */
export interface SidecarCorruption {
  message: string;
  line?: number;
  column?: number;
}

/** One annotation with where it is now: `range` in the article's current text, or undefined when orphaned. */
export interface AnnotationEntry {
  article: ArticleAnnotations;
  annotation: SeedAnnotation;
  range: OffsetRange | undefined;
  /** From a sidecar that could not be read fully: shown, not edited, until the file is replaced. */
  readOnly: boolean;
}

export interface ArticleChange {
  uri: vscode.Uri;
  /** True when only the tracked ranges moved (typing), not the annotations or which of them are anchored. */
  rangesOnly: boolean;
}

/** The annotations of one article and their live ranges. */
export class ArticleAnnotations {
  annotations: SeedAnnotation[] = [];
  /** Anchored annotations: id → offsets in the text the store tracks (the open document's, or the file's). */
  readonly ranges = new Map<string, OffsetRange>();
  corrupt: SidecarCorruption | undefined;
  /** The sidecar's text as last read or written by the store (undefined: there is no sidecar). */
  diskText: string | undefined;
  /** The document version the ranges follow, or undefined when they are offsets into the file on disk. */
  trackedVersion: number | undefined;
  loaded = false;
  /** Line starts of the file's text the ranges were anchored in, while the article is not open. */
  lineStarts: number[] = [0];
  loading: Promise<void> | undefined;
  writing: Promise<unknown> = Promise.resolve();
  readonly sidecar: vscode.Uri;

  constructor(readonly uri: vscode.Uri) {
    const slash = uri.path.lastIndexOf('/');
    this.sidecar = uri.with({ path: `${uri.path.slice(0, slash + 1)}${sidecarNameFor(uri.path.slice(slash + 1))}` });
  }

  get fileName(): string {
    return this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
  }

  get label(): string {
    return vscode.workspace.asRelativePath(this.uri, false);
  }

  get readOnly(): boolean {
    return this.corrupt !== undefined;
  }

  /** The 1-based line of an offset in the text the ranges follow. */
  lineOf(offset: number): number {
    if (this.trackedVersion !== undefined) {
      const key = this.uri.toString();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
      if (document) return document.positionAt(offset).line + 1;
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  find(id: string): SeedAnnotation | undefined {
    return this.annotations.find((a) => a.id === id);
  }

  entries(): AnnotationEntry[] {
    return this.annotations.map((annotation) => ({ article: this, annotation, range: this.ranges.get(annotation.id), readOnly: this.readOnly }));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isNotFound(error: unknown): boolean {
  return (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') || /ENOENT|EntryNotFound|FileNotFound/i.test(errorText(error));
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The article a sidecar belongs to ('x.txt.annotations.json' → 'x.txt'), or undefined for another file. */
export function articleOfSidecar(sidecar: vscode.Uri): vscode.Uri | undefined {
  if (!sidecar.path.endsWith(SIDECAR_SUFFIX)) return undefined;
  const path = sidecar.path.slice(0, -SIDECAR_SUFFIX.length);
  return path.endsWith('/') ? undefined : sidecar.with({ path });
}

export class AnnotationStore implements vscode.Disposable {
  private readonly articles = new Map<string, ArticleAnnotations>();
  private readonly changeEmitter = new vscode.EventEmitter<ArticleChange>();
  private readonly writeEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** An article's annotations changed, were (re)anchored, or their ranges moved with an edit. */
  readonly onDidChange = this.changeEmitter.event;
  /** An article's sidecar was written (the article's uri). */
  readonly onDidWrite = this.writeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.writeEmitter];
  private discovery: Promise<void> | undefined;
  private readonly retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly reported = new Set<string>();
  private disposed = false;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const sidecars = vscode.workspace.createFileSystemWatcher(SIDECAR_GLOB);
    const articles = vscode.workspace.createFileSystemWatcher('**/*.{txt,seed}', true, false, true);
    this.disposables.push(
      sidecars,
      sidecars.onDidCreate(this.onSidecarChanged),
      sidecars.onDidChange(this.onSidecarChanged),
      sidecars.onDidDelete(this.onSidecarDeleted),
      articles,
      articles.onDidChange(this.onArticleFileChanged),
      vscode.workspace.onDidOpenTextDocument(this.onDidOpen),
      vscode.workspace.onDidChangeTextDocument(this.onDidChangeDocument),
      vscode.workspace.onDidSaveTextDocument(this.onDidSave),
      vscode.workspace.onDidCloseTextDocument(this.onDidClose),
      vscode.workspace.onDidRenameFiles(this.onDidRename),
    );
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  /** Resolves once every sidecar of the workspace was found and read. */
  ready(): Promise<void> {
    if (!this.discovery) this.discovery = this.discover();
    return this.discovery;
  }

  private async discover(): Promise<void> {
    const started = performance.now();
    let found: vscode.Uri[] = [];
    try {
      found = await vscode.workspace.findFiles(SIDECAR_GLOB, '**/node_modules/**');
    } catch (error) {
      this.log.error(`Looking for annotation files failed: ${errorText(error)}`);
    }
    const articles = found.map(articleOfSidecar).filter((u): u is vscode.Uri => !!u);
    await Promise.all(articles.map((uri) => this.load(uri)));
    // Articles already open when the extension started.
    await Promise.all(vscode.workspace.textDocuments.filter((d) => this.isArticle(d)).map((d) => this.load(d.uri)));
    if (articles.length) this.log.info(`Read the annotations of ${articles.length} article${articles.length === 1 ? '' : 's'} in ${(performance.now() - started).toFixed(0)} ms`);
  }

  /** Every article that has (or had) annotations, by path. */
  all(): ArticleAnnotations[] {
    return [...this.articles.values()].filter((a) => a.loaded && (a.annotations.length > 0 || a.corrupt)).sort((a, b) => a.label.localeCompare(b.label));
  }

  get(uri: vscode.Uri): ArticleAnnotations | undefined {
    return this.articles.get(uri.toString());
  }

  /** The article's annotations, read from its sidecar the first time. */
  async load(uri: vscode.Uri): Promise<ArticleAnnotations> {
    const article = this.articleFor(uri);
    if (article.loaded) return article;
    if (!article.loading) {
      article.loading = this.read(article).finally(() => {
        article.loading = undefined;
      });
    }
    await article.loading;
    return article;
  }

  /** Entries of one article, anchored ones in text order, then the orphaned ones. */
  entries(uri: vscode.Uri): AnnotationEntry[] {
    const article = this.get(uri);
    if (!article?.loaded) return [];
    return article.entries().sort((a, b) => (a.range ? a.range.start : Infinity) - (b.range ? b.range.start : Infinity) || a.annotation.created.localeCompare(b.annotation.created));
  }

  /** The annotation with this id, wherever it is. */
  entryById(id: string): AnnotationEntry | undefined {
    for (const article of this.articles.values()) {
      const annotation = article.find(id);
      if (annotation) return { article, annotation, range: article.ranges.get(id), readOnly: article.readOnly };
    }
    return undefined;
  }

  /** The latest verdict on a claim of this article (by the claim's id). */
  verdictFor(uri: vscode.Uri, claimId: string): { verdict: Verdict; annotation: SeedAnnotation } | undefined {
    let found: { verdict: Verdict; annotation: SeedAnnotation } | undefined;
    for (const annotation of this.get(uri)?.annotations ?? []) {
      if (annotation.claimId !== claimId) continue;
      const verdict = verdictOf(annotation);
      if (verdict && (!found || annotation.modified > found.annotation.modified)) found = { verdict, annotation };
    }
    return found;
  }

  private articleFor(uri: vscode.Uri): ArticleAnnotations {
    const key = uri.toString();
    let article = this.articles.get(key);
    if (!article) this.articles.set(key, (article = new ArticleAnnotations(uri)));
    return article;
  }

  private isArticle(document: vscode.TextDocument): boolean {
    return AnalysisController.isSeed(document) && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'git' && !document.isClosed;
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  /** Reads the sidecar and anchors its annotations in the article's current text. */
  private async read(article: ArticleAnnotations): Promise<void> {
    let sidecarText: string | undefined;
    try {
      sidecarText = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(article.sidecar));
    } catch (error) {
      if (!isNotFound(error)) this.log.error(`Could not read ${article.sidecar.fsPath}: ${errorText(error)}`);
    }
    this.takeSidecar(article, sidecarText);
    await this.anchor(article);
    article.loaded = true;
    this.fire(article, false);
  }

  /** Takes a sidecar's text (undefined: no sidecar) as the article's annotations, reporting a corrupt one. */
  private takeSidecar(article: ArticleAnnotations, text: string | undefined): void {
    article.diskText = text;
    if (text === undefined) {
      article.annotations = [];
      article.corrupt = undefined;
      return;
    }
    const { annotations, problem } = parseSidecar(text);
    article.annotations = annotations;
    article.corrupt = problem;
    if (problem) this.reportCorrupt(article, problem, annotations.length);
  }

  private reportCorrupt(article: ArticleAnnotations, problem: SidecarCorruption, readable: number): void {
    const where = problem.line !== undefined ? ` (line ${problem.line}, column ${problem.column ?? 1})` : '';
    const name = vscode.workspace.asRelativePath(article.sidecar, false);
    this.log.error(`${article.sidecar.fsPath}${where}: ${problem.message}. ${readable} annotation${readable === 1 ? '' : 's'} could be read; they are shown read-only, and the file is kept aside before anything replaces it.`);
    const key = `${article.sidecar.toString()}\u0000${problem.message}\u0000${problem.line}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const shown = readable ? ` ${readable} of its annotations are shown read-only.` : '';
    void vscode.window.showWarningMessage(`Seed Annotator: ${name} could not be read${where}: ${problem.message}.${shown} The file is left as it is.`, 'Open File').then((choice) => {
      if (choice) void vscode.window.showTextDocument(article.sidecar, problem.line ? { selection: new vscode.Range(problem.line - 1, Math.max(0, (problem.column ?? 1) - 1), problem.line - 1, Math.max(0, (problem.column ?? 1) - 1)) } : undefined);
    });
  }

  /** Anchors every annotation in the article's current text: the open document's, else the file's. */
  private async anchor(article: ArticleAnnotations): Promise<void> {
    let document = this.openDocument(article.uri);
    let text: string | undefined;
    if (!document) {
      try {
        text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(article.uri));
      } catch (error) {
        if (!isNotFound(error)) this.log.warn(`Could not read ${article.uri.fsPath} to place its annotations: ${errorText(error)}`);
        text = '';
      }
      // Opened while the file was read: the document's text is the one to follow.
      document = this.openDocument(article.uri);
    }
    if (document) text = document.getText();
    this.anchorIn(article, text ?? '', document?.version);
  }

  private anchorIn(article: ArticleAnnotations, text: string, version: number | undefined): void {
    article.ranges.clear();
    for (const { annotation, anchor } of anchorAll(text, article.annotations)) {
      if (!('orphaned' in anchor)) article.ranges.set(annotation.id, { start: anchor.start, end: anchor.end });
    }
    article.trackedVersion = version;
    article.lineStarts = version === undefined ? lineStartsOf(text) : [0];
    article.loaded = true;
  }

  // ---- documents ---------------------------------------------------------------------------------------------

  private readonly onDidOpen = (document: vscode.TextDocument): void => {
    if (!this.isArticle(document)) return;
    const article = this.get(document.uri);
    if (!article?.loaded) {
      void this.load(document.uri);
      return;
    }
    // Known from the file on disk: follow the document from now on.
    this.anchorIn(article, document.getText(), document.version);
    this.fire(article, false);
  };

  private readonly onDidChangeDocument = (e: vscode.TextDocumentChangeEvent): void => {
    if (!e.contentChanges.length) return;
    const article = this.get(e.document.uri);
    if (!article?.loaded || article.trackedVersion === undefined) return;
    let lost = false;
    for (const [id, range] of article.ranges) {
      let current: OffsetRange | undefined = range;
      for (const change of e.contentChanges) {
        current = mapRangeThroughChange(current, { start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, newLength: change.text.length });
        if (!current) break;
      }
      if (current && current.end > current.start) article.ranges.set(id, current);
      else {
        article.ranges.delete(id);
        lost = true;
      }
    }
    article.trackedVersion = e.document.version;
    this.fire(article, !lost);
    if (article.ranges.size < article.annotations.length) this.scheduleRetry(article, e.document);
  };

  /** After typing stops, tries again to place the annotations that lost their words (an undo may bring them back). */
  private scheduleRetry(article: ArticleAnnotations, document: vscode.TextDocument): void {
    const key = article.uri.toString();
    const previous = this.retryTimers.get(key);
    if (previous) clearTimeout(previous);
    this.retryTimers.set(
      key,
      setTimeout(() => {
        this.retryTimers.delete(key);
        if (document.isClosed || article.trackedVersion !== document.version) return;
        if (this.placeOrphans(article, document.getText())) this.fire(article, false);
      }, 400),
    );
  }

  /** Anchors the article's orphaned annotations in `text` where they can be found; true when any was. */
  private placeOrphans(article: ArticleAnnotations, text: string): boolean {
    let placed = false;
    for (const annotation of article.annotations) {
      if (article.ranges.has(annotation.id)) continue;
      const anchor = anchorAnnotation(text, annotation);
      if ('orphaned' in anchor) continue;
      article.ranges.set(annotation.id, { start: anchor.start, end: anchor.end });
      placed = true;
    }
    return placed;
  }

  /** On save: the selectors are rewritten to match the saved text; orphaned annotations stay as they were. */
  private readonly onDidSave = (document: vscode.TextDocument): void => {
    const article = this.get(document.uri);
    if (!article?.loaded || article.trackedVersion === undefined || !article.annotations.length) return;
    const text = document.getText();
    const placed = this.placeOrphans(article, text);
    let changed = false;
    article.annotations = article.annotations.map((annotation) => {
      const range = article.ranges.get(annotation.id);
      if (!range) return annotation;
      const fresh = reanchored(annotation, text, range.start, range.end);
      if (JSON.stringify(fresh.target.selector) === JSON.stringify(annotation.target.selector)) return annotation;
      changed = true;
      return fresh;
    });
    if (placed) this.fire(article, false);
    // A sidecar that could not be read is not replaced for a save alone: the annotations are found again by quote.
    if (changed && !article.corrupt) void this.write(article);
  };

  private readonly onDidClose = (document: vscode.TextDocument): void => {
    const article = this.get(document.uri);
    if (!article?.loaded) return;
    // Back to the file on disk (unsaved edits are gone).
    void this.anchor(article).then(() => this.fire(article, false));
  };

  private readonly onArticleFileChanged = (uri: vscode.Uri): void => {
    const article = this.get(uri);
    if (!article?.loaded || this.openDocument(uri)) return;
    void this.anchor(article).then(() => this.fire(article, false));
  };

  /** A sidecar changed on disk (another tool, a checkout, a sync): read it again unless the store wrote it. */
  private readonly onSidecarChanged = async (sidecar: vscode.Uri): Promise<void> => {
    const uri = articleOfSidecar(sidecar);
    if (!uri) return;
    const article = this.get(uri);
    if (!article?.loaded) {
      if (this.discovery) void this.load(uri);
      return;
    }
    // Read once no write of the store is under way (the event may be the echo of one), and again if one started.
    let text: string;
    for (;;) {
      const writing = article.writing;
      await writing;
      try {
        text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(sidecar));
      } catch {
        return;
      }
      if (article.writing === writing) break;
    }
    if (text === article.diskText) return;
    this.log.info(`${vscode.workspace.asRelativePath(sidecar, false)} changed on disk; reading it again`);
    this.takeSidecar(article, text);
    await this.anchor(article);
    this.fire(article, false);
  };

  private readonly onSidecarDeleted = async (sidecar: vscode.Uri): Promise<void> => {
    const uri = articleOfSidecar(sidecar);
    const article = uri && this.get(uri);
    if (!article?.loaded) return;
    await article.writing;
    if (await fileExists(sidecar)) return this.onSidecarChanged(sidecar); // replaced, not gone
    if (article.diskText === undefined) return;
    this.log.info(`${vscode.workspace.asRelativePath(sidecar, false)} was deleted; its ${article.annotations.length} annotations are no longer shown`);
    this.takeSidecar(article, undefined);
    article.ranges.clear();
    this.fire(article, false);
  };

  /** An article renamed or moved in VS Code takes its sidecar with it. */
  private readonly onDidRename = async (e: vscode.FileRenameEvent): Promise<void> => {
    for (const { oldUri, newUri } of e.files) {
      const old = this.get(oldUri);
      if (!old?.loaded || old.diskText === undefined) continue;
      await old.writing;
      const moved = this.articleFor(newUri);
      if (await fileExists(moved.sidecar)) {
        this.log.warn(`${oldUri.fsPath} was renamed, but ${moved.sidecar.fsPath} exists already: the annotations stay in ${old.sidecar.fsPath}`);
        continue;
      }
      try {
        await vscode.workspace.fs.rename(old.sidecar, moved.sidecar, { overwrite: false });
      } catch (error) {
        this.log.error(`Could not move ${old.sidecar.fsPath} with its article: ${errorText(error)}`);
        continue;
      }
      this.articles.delete(oldUri.toString());
      this.fire(old, false);
      moved.loaded = false;
      await this.load(newUri);
      // The sources name the article's file.
      if (moved.annotations.some((a) => a.target.source !== moved.fileName) && !moved.corrupt) {
        moved.annotations = moved.annotations.map((a) => ({ ...a, target: { ...a.target, source: moved.fileName } }));
        void this.write(moved);
      }
    }
  };

  // ---- changes -------------------------------------------------------------------------------------------------

  /**
   * Adds an annotation whose selectors were made from the article's current text, anchored at `range` in it
   * (orphaned without one). Resolves once the sidecar is written (false when it could not be).
   */
  async add(uri: vscode.Uri, annotation: SeedAnnotation, range: OffsetRange | undefined): Promise<boolean> {
    const article = await this.load(uri);
    article.annotations = [...article.annotations.filter((a) => a.id !== annotation.id), annotation];
    if (range) {
      article.ranges.set(annotation.id, { ...range });
      this.followOpenDocument(article);
    }
    this.fire(article, false);
    return this.write(article);
  }

  /** Puts back an annotation that was deleted (Undo), anchored again in the article's current text. */
  async restore(uri: vscode.Uri, annotation: SeedAnnotation): Promise<boolean> {
    const article = await this.load(uri);
    article.annotations = [...article.annotations.filter((a) => a.id !== annotation.id), annotation];
    const document = this.openDocument(uri);
    if (document && article.trackedVersion === document.version) this.placeOrphans(article, document.getText());
    else await this.anchor(article);
    this.fire(article, false);
    return this.write(article);
  }

  /** Replaces an annotation (same id); `range` moves it (re-attach). */
  async update(uri: vscode.Uri, annotation: SeedAnnotation, range?: OffsetRange): Promise<boolean> {
    const article = await this.load(uri);
    const i = article.annotations.findIndex((a) => a.id === annotation.id);
    if (i < 0) return false;
    article.annotations = article.annotations.map((a, j) => (j === i ? annotation : a));
    if (range) {
      article.ranges.set(annotation.id, { ...range });
      this.followOpenDocument(article);
    }
    this.fire(article, false);
    return this.write(article);
  }

  async remove(uri: vscode.Uri, id: string): Promise<SeedAnnotation | undefined> {
    const article = await this.load(uri);
    const gone = article.find(id);
    if (!gone) return undefined;
    article.annotations = article.annotations.filter((a) => a.id !== id);
    article.ranges.delete(id);
    this.fire(article, false);
    await this.write(article);
    return gone;
  }

  /** Ranges given for an open document's text: the store follows that document from now on. */
  private followOpenDocument(article: ArticleAnnotations): void {
    const document = this.openDocument(article.uri);
    if (document) article.trackedVersion = document.version;
  }

  /** Resolves when every write started so far has finished. */
  async flushed(): Promise<void> {
    await Promise.all([...this.articles.values()].map((a) => a.writing));
  }

  /**
   * Writes the article's sidecar: to `<sidecar>.tmp-<random>` first, then renamed over it. A sidecar that could not
   * be read is first copied to `<sidecar>.corrupt-<timestamp>`. Writes of one article run one after another.
   */
  write(article: ArticleAnnotations): Promise<boolean> {
    const run = article.writing.then(() => this.writeNow(article));
    article.writing = run.catch(() => undefined);
    return run;
  }

  private async writeNow(article: ArticleAnnotations): Promise<boolean> {
    if (this.disposed) return false;
    const text = serializeSidecar(article.annotations, article.fileName);
    if (text === article.diskText) return true;
    const name = vscode.workspace.asRelativePath(article.sidecar, false);
    if (article.corrupt && article.diskText !== undefined) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const aside = article.sidecar.with({ path: `${article.sidecar.path}.corrupt-${stamp}` });
      try {
        await vscode.workspace.fs.copy(article.sidecar, aside, { overwrite: false });
        this.log.warn(`Kept the unreadable ${article.sidecar.fsPath} as ${aside.fsPath} before replacing it`);
        void vscode.window.showInformationMessage(`Seed Annotator: the unreadable ${name} was kept as ${vscode.workspace.asRelativePath(aside, false)} before saving your annotations.`);
      } catch (error) {
        if (!isNotFound(error)) {
          this.log.error(`Not replacing the unreadable ${article.sidecar.fsPath}: it could not be kept aside (${errorText(error)})`);
          void vscode.window.showErrorMessage(`Seed Annotator: your annotation was not saved: ${name} could not be read, and could not be kept aside either (${errorText(error)}).`, 'Show Log').then((c) => {
            if (c) this.log.show();
          });
          return false;
        }
      }
    }
    const temp = article.sidecar.with({ path: `${article.sidecar.path}.tmp-${Math.random().toString(36).slice(2, 10)}` });
    try {
      await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(temp, article.sidecar, { overwrite: true });
    } catch (error) {
      await Promise.resolve(vscode.workspace.fs.delete(temp)).catch(() => undefined);
      this.log.error(`Could not write ${article.sidecar.fsPath}: ${errorText(error)}`);
      void vscode.window.showErrorMessage(`Seed Annotator: could not save the annotations of ${article.label} (${errorText(error)}).`, 'Show Log').then((c) => {
        if (c) this.log.show();
      });
      return false;
    }
    article.diskText = text;
    if (article.corrupt) {
      article.corrupt = undefined;
      this.fire(article, false);
    }
    this.writeEmitter.fire(article.uri);
    return true;
  }

  private fire(article: ArticleAnnotations, rangesOnly: boolean): void {
    if (!this.disposed) this.changeEmitter.fire({ uri: article.uri, rangesOnly });
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.retryTimers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
