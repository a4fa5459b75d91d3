// The user's annotations, per article: read lazily from the sidecar next to each article
// (`<article>.annotations.json`, W3C Web Annotation JSON-LD), anchored in the article's text (the open document's,
// or the file's), tracked across edits, and written back atomically after merging with what is on disk
// (sync.ts), so a change made elsewhere (another window, a `git pull`, a sync tool) is never overwritten.
// Edits apply to an annotation as it is now (update(uri, id, change)). A sidecar that cannot be read is reported,
// shown read-only, and kept aside before anything replaces it. Annotations that cannot be anchored stay in the
// sidecar as they are (orphaned) and are never deleted. anchoring.ts places the annotations in a text and moves
// their ranges with edits; this file decides which text, and when.
import * as vscode from 'vscode';
import { parseSidecar, verdictOf, type SeedAnnotation, type Verdict } from '../../core';
import { AnalysisController } from '../analysis/controller';
import { anchorIn, followEdits, placeIn, placeOrphans, reanchorForSave } from './anchoring';
import { ArticleAnnotations, articleOfSidecar, SIDECAR_SUFFIX, type AnnotationEntry, type OffsetRange, type SidecarCorruption, type SyncReason } from './article';
import { sidecarFilesFor } from './files';
import { AnnotationNotices } from './notices';
import type { PendingWrites } from './pendingWrites';
import { syncSidecar, type SyncOutcome } from './sync';
import { fileExists } from '../platform/fileExists';

export { ArticleAnnotations, articleOfSidecar, SIDECAR_SUFFIX, type AnnotationEntry, type OffsetRange, type SidecarCorruption };

const SIDECAR_GLOB = `**/*${SIDECAR_SUFFIX}`;

export interface ArticleChange {
  uri: vscode.Uri;
  /** True when only the tracked ranges moved (typing), not the annotations or which of them are anchored. */
  rangesOnly: boolean;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
  private disposed = false;
  private readonly notices: AnnotationNotices;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** Every write is counted there until it settles: deactivate() waits for them. */
    private readonly writes: PendingWrites,
  ) {
    this.notices = new AnnotationNotices(log);
    const sidecars = vscode.workspace.createFileSystemWatcher(SIDECAR_GLOB);
    const articles = vscode.workspace.createFileSystemWatcher('**/*.{txt,seed}', true, false, true);
    // A deleted folder is reported as the folder alone, not as each sidecar in it.
    const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.disposables.push(
      sidecars,
      sidecars.onDidCreate(this.onSidecarChanged),
      sidecars.onDidChange(this.onSidecarChanged),
      sidecars.onDidDelete(this.onSidecarChanged),
      articles,
      articles.onDidChange(this.onArticleFileChanged),
      deletions,
      deletions.onDidDelete(this.onDeleted),
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
      sidecarText = await sidecarFilesFor(article.sidecar).read(article.sidecar);
    } catch (error) {
      // Shown as no annotations; a write reads the file again first and is refused while it cannot be read.
      this.log.error(`Could not read ${article.sidecar.fsPath}: ${errorText(error)}`);
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
      article.annotations = article.base = [];
      article.corrupt = undefined;
      return;
    }
    const { annotations, problem } = parseSidecar(text);
    article.annotations = article.base = annotations;
    article.corrupt = problem;
    if (problem) this.notices.corrupt(article, problem, annotations.length);
  }

  /** Anchors every annotation in the article's current text: the open document's, else the file's. */
  private async anchor(article: ArticleAnnotations): Promise<void> {
    let document = this.openDocument(article.uri);
    let text: string | undefined;
    if (!document) {
      try {
        text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(article.uri));
      } catch (error) {
        if (!/ENOENT|EntryNotFound|FileNotFound/i.test(errorText(error))) this.notices.log('warn', `Could not read ${article.uri.fsPath} to place its annotations: ${errorText(error)}`);
        text = '';
      }
      // Opened while the file was read: the document's text is the one to follow.
      document = this.openDocument(article.uri);
    }
    if (document) text = document.getText();
    anchorIn(article, text ?? '', document?.version);
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
    anchorIn(article, document.getText(), document.version);
    this.fire(article, false);
  };

  private readonly onDidChangeDocument = (e: vscode.TextDocumentChangeEvent): void => {
    if (!e.contentChanges.length) return;
    const article = this.get(e.document.uri);
    if (!article?.loaded || article.trackedVersion === undefined) return;
    const lost = followEdits(article, e.contentChanges);
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
        if (placeOrphans(article, document.getText())) this.fire(article, false);
      }, 400),
    );
  }

  /** On save: the selectors are rewritten to match the saved text; orphaned annotations stay as they were. */
  private readonly onDidSave = (document: vscode.TextDocument): void => {
    const article = this.get(document.uri);
    if (!article?.loaded || article.trackedVersion === undefined || !article.annotations.length) return;
    const text = document.getText();
    const placed = placeOrphans(article, text);
    const changed = reanchorForSave(article, text);
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

  /**
   * A sidecar changed on disk (another window, a checkout, a sync tool) or was deleted: merged with memory (a change
   * the store wrote itself merges to nothing).
   */
  private readonly onSidecarChanged = (sidecar: vscode.Uri): void => {
    const uri = articleOfSidecar(sidecar);
    if (!uri) return;
    const article = this.get(uri);
    if (!article?.loaded) {
      if (this.discovery) void this.load(uri);
      return;
    }
    void this.write(article, 'disk');
  };

  /** A folder deleted (or renamed away): the sidecars of the articles in it are read again, as deleted ones are. */
  private readonly onDeleted = (uri: vscode.Uri): void => {
    const inside = `${uri.path}/`;
    for (const article of this.articles.values()) {
      if (article.loaded && article.uri.scheme === uri.scheme && article.uri.authority === uri.authority && article.uri.path.startsWith(inside)) void this.write(article, 'disk');
    }
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
  add(uri: vscode.Uri, annotation: SeedAnnotation, range: OffsetRange | undefined): Promise<boolean> {
    return this.writes.track(
      (async () => {
        const article = await this.load(uri);
        article.annotations = [...article.annotations.filter((a) => a.id !== annotation.id), annotation];
        if (range) {
          article.ranges.set(annotation.id, { ...range });
          this.followOpenDocument(article);
        }
        this.fire(article, false);
        return this.write(article);
      })(),
    );
  }

  /** Puts back an annotation that was deleted (Undo), anchored again in the article's current text. */
  async restore(uri: vscode.Uri, annotation: SeedAnnotation): Promise<boolean> {
    const article = await this.load(uri);
    article.annotations = [...article.annotations.filter((a) => a.id !== annotation.id), annotation];
    await this.place(article, [annotation.id]);
    this.fire(article, false);
    return this.write(article);
  }

  /**
   * Changes one annotation as it is now, not as it was when a command started (a reply, another window or a reload
   * may have changed it while an input box was open), and writes the sidecar. `change` gets the current annotation
   * and returns the new one, or undefined to leave it as it is. When the annotation was deleted meanwhile (on disk,
   * in another window) and `ifGone` is the version the user edited, the change applies to that version and the
   * annotation comes back: a deletion never wins over an edit. `range` moves it (re-attach). Resolves with the
   * annotation as changed; undefined when nothing changed, or the article's sidecar is read-only.
   */
  update(uri: vscode.Uri, id: string, change: (current: SeedAnnotation) => SeedAnnotation | undefined, options: { range?: OffsetRange; ifGone?: SeedAnnotation } = {}): Promise<SeedAnnotation | undefined> {
    return this.writes.track(
      (async () => {
        const article = await this.load(uri);
        if (article.readOnly) return undefined;
        const current = article.find(id);
        const from = current ?? options.ifGone;
        if (!from) return undefined;
        const next = change(from);
        if (!next) return undefined;
        const updated = next.id === id ? next : { ...next, id };
        article.annotations = current ? article.annotations.map((a) => (a.id === id ? updated : a)) : [...article.annotations, updated];
        if (options.range) {
          article.ranges.set(id, { ...options.range });
          this.followOpenDocument(article);
        } else if (!current) {
          this.log.info(`${article.label}: annotation ${id} was deleted elsewhere while you edited it; your edit brings it back`);
          await this.place(article, [id]);
        }
        this.fire(article, false);
        await this.write(article);
        return updated;
      })(),
    );
  }

  remove(uri: vscode.Uri, id: string): Promise<SeedAnnotation | undefined> {
    return this.writes.track(
      (async () => {
        const article = await this.load(uri);
        const gone = article.find(id);
        if (!gone) return undefined;
        article.annotations = article.annotations.filter((a) => a.id !== id);
        article.ranges.delete(id);
        this.fire(article, false);
        await this.write(article);
        return gone;
      })(),
    );
  }

  /** Ranges given for an open document's text: the store follows that document from now on. */
  private followOpenDocument(article: ArticleAnnotations): void {
    const document = this.openDocument(article.uri);
    if (document) article.trackedVersion = document.version;
  }

  /** Finds these annotations in the article's current text (the open document's when the ranges follow it). */
  private async place(article: ArticleAnnotations, ids: Iterable<string>): Promise<void> {
    const wanted = new Set(ids);
    if (!wanted.size) return;
    const document = this.openDocument(article.uri);
    if (document && article.trackedVersion === document.version) {
      placeIn(article, document.getText(), wanted);
    } else if (!this.disposed) {
      await this.anchor(article);
    }
  }

  /** Resolves when every write started so far (and any queued meanwhile) has finished. */
  async flushed(): Promise<void> {
    for (;;) {
      const writes = [...this.articles.values()].map((a) => a.writing);
      await Promise.all(writes);
      if ([...this.articles.values()].every((a, i) => a.writing === writes[i] && !a.queued)) return;
    }
  }

  /**
   * Brings the article's sidecar and memory together (sync.ts): reads the file, merges it with memory by
   * annotation id, and writes the result when it differs from the file. Syncs of one article run one after another;
   * a request made while one is waiting joins it. 'disk' (the file changed) never replaces an unreadable file.
   * Resolves with false when the sidecar could not be read or written (the user was told).
   */
  write(article: ArticleAnnotations, reason: SyncReason = 'edit'): Promise<boolean> {
    const queued = article.queued;
    if (queued) {
      if (reason === 'edit') queued.reason = 'edit';
      return queued.run;
    }
    const entry = { reason } as { reason: SyncReason; run: Promise<boolean> };
    entry.run = article.writing.then(async () => {
      if (article.queued === entry) article.queued = undefined;
      const wasCorrupt = article.corrupt;
      const outcome = await syncSidecar(article, entry.reason, this.notices);
      await this.settle(article, outcome, wasCorrupt !== article.corrupt, entry.reason);
      return outcome.ok;
    });
    article.queued = entry;
    article.writing = entry.run.catch(() => false);
    return this.writes.track(entry.run);
  }

  /** After a sync: anchors what came from disk, tells the views, and says what the merge kept. */
  private async settle(article: ArticleAnnotations, outcome: SyncOutcome, corruptChanged: boolean, reason: SyncReason): Promise<void> {
    this.notices.synced(article, outcome, reason === 'disk');
    if (outcome.toAnchor.size) await this.place(article, outcome.toAnchor);
    if (outcome.memoryChanged || corruptChanged) this.fire(article, false);
    if (outcome.wrote && !this.disposed) this.writeEmitter.fire(article.uri);
  }

  private fire(article: ArticleAnnotations, rangesOnly: boolean): void {
    if (!this.disposed) this.changeEmitter.fire({ uri: article.uri, rangesOnly });
  }

  /** Stops listening; writes under way and queued go on (deactivate() awaits them: PendingWrites). */
  dispose(): void {
    this.disposed = true;
    this.notices.quiet = true;
    for (const t of this.retryTimers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
