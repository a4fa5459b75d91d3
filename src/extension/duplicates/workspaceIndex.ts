// The workspace's duplicate index: word fingerprints of every seed article, built in the background (with a
// cancellable progress notification, yielding to the event loop between files) and kept up to date from a file
// watcher and from edits of open documents. Articles the config's `exclude` names are left out, as the CLI's walk leaves
// them out: no repeat of them is reported in another article (extension.ts rebuilds the index when `exclude` changes).
import * as vscode from 'vscode';
import { platform } from '../platform';
import { decodeInSlices, indexInSlices } from './slices';
import { FingerprintIndex, repeatsOf, type DuplicateOptions, type DuplicateRecord, type SeedConfig } from '../../core';

/** A document's length in UTF-16 code units, without copying its text. */
export function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** Files the seed language claims (keep in step with package.json contributes.languages). */
export const SEED_GLOB = '**/{[0-9][0-9][0-9]_*.txt,*.seed.txt,*.seed}';
export const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';
/** Files larger than this are not indexed (their repeats are still found inside the file itself). */
export const MAX_INDEXED_BYTES = 5_000_000;
/** File events closer together than this are one change. */
const CHANGE_DEBOUNCE_MS = 200;

export class WorkspaceIndex implements vscode.Disposable {
  private index: FingerprintIndex;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when the index changed (a file was added, changed or removed). */
  readonly onDidChange = this.emitter.event;
  private building: Promise<void> | undefined;
  private ready = false;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** The duplicate settings of the config that governs an article (a workspace folder's), or the first folder's. */
    private readonly options: (article?: vscode.Uri) => SeedConfig['duplicates'],
    /** Whether the config that governs an article excludes it (.seed-annotator.json `exclude`). */
    private readonly excluded: (article: vscode.Uri) => boolean,
  ) {
    this.index = new FingerprintIndex(this.fullOptions());
    const watcher = vscode.workspace.createFileSystemWatcher(SEED_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.updateFromDisk(uri)),
      watcher.onDidChange((uri) => this.updateFromDisk(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      this.emitter,
    );
    // A folder deleted with its articles sends one event, for the folder, which the article glob does not match.
    const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.disposables.push(deletions, deletions.onDidDelete((uri) => this.removeUnder(uri)));
  }

  private fullOptions(article?: vscode.Uri): DuplicateOptions {
    const o = this.options(article);
    return { ...new FingerprintIndex().options, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) };
  }

  get isReady(): boolean {
    return this.ready;
  }

  get size(): number {
    return this.index.size;
  }

  /** The duplicate settings the index was built with (the defaults, with the first folder's config file's). */
  get duplicateOptions(): DuplicateOptions {
    return this.index.options;
  }

  /** The duplicate settings for an article: its own folder's config (multi-root), on the index's fingerprints. */
  optionsFor(article: vscode.Uri): DuplicateOptions {
    return { ...this.fullOptions(article), k: this.index.options.k, window: this.index.options.window };
  }

  /** Builds the index once (later calls wait for the same build). */
  ensureBuilt(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  /** Rebuilds from scratch (after a config change). */
  rebuild(): Promise<void> {
    this.index = new FingerprintIndex(this.fullOptions());
    this.ready = false;
    this.building = this.build();
    return this.building;
  }

  private async build(): Promise<void> {
    const files = (await vscode.workspace.findFiles(SEED_GLOB, EXCLUDE_GLOB)).filter((uri) => !this.excluded(uri));
    if (!files.length) {
      this.ready = true;
      return;
    }
    const started = performance.now();
    let indexed = 0;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Seed Annotator: indexing articles for duplicates', cancellable: true },
      async (progress, token) => {
        let sliceStart = performance.now();
        for (let i = 0; i < files.length; i++) {
          if (token.isCancellationRequested) {
            this.log.info(`Indexing cancelled after ${indexed} of ${files.length} articles; repeats across the rest are not reported until the index is rebuilt.`);
            break;
          }
          const text = await this.textOf(files[i]);
          if (text !== undefined) {
            await this.setIndexed(files[i].toString(), text);
            indexed++;
          }
          // Keep the extension host responsive: yield after ~20 ms of work.
          if (performance.now() - sliceStart > 20) {
            progress.report({ message: `${i + 1} of ${files.length}`, increment: (100 * (i + 1)) / files.length });
            await platform.yieldToEventLoop();
            sliceStart = performance.now();
          }
        }
      },
    );
    this.ready = true;
    this.log.info(`Indexed ${indexed} articles for duplicates in ${(performance.now() - started).toFixed(0)} ms`);
    this.emitter.fire();
  }

  /** The text of a file: the open document's (possibly unsaved) text, else the file on disk. */
  async textOf(uri: vscode.Uri): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return documentLength(open) > MAX_INDEXED_BYTES ? undefined : open.getText();
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_INDEXED_BYTES) return undefined;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.subarray(0, 8192).includes(0)) return undefined; // binary
      let text = await decodeInSlices(bytes, () => platform.yieldToEventLoop());
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      return text;
    } catch {
      return undefined;
    }
  }

  /** Per article being read from disk after file events: the timer that reads it once the events settle. */
  private readonly diskTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /** A file was created or changed: read it once its events settle (a file being written sends one per write). */
  private updateFromDisk(uri: vscode.Uri): void {
    if (!this.ready) return; // the build will read it
    const id = uri.toString();
    clearTimeout(this.diskTimers.get(id));
    this.diskTimers.set(
      id,
      setTimeout(() => {
        this.diskTimers.delete(id);
        void this.readFromDisk(uri);
      }, CHANGE_DEBOUNCE_MS),
    );
  }

  private async readFromDisk(uri: vscode.Uri): Promise<void> {
    const id = uri.toString();
    const generation = this.generations.get(id);
    const text = this.excluded(uri) ? undefined : await this.textOf(uri);
    if (this.generations.get(id) !== generation) return; // changed meanwhile: that change reads it again
    if (text === undefined) this.deleteIndexed(id);
    else await this.setIndexed(id, text);
    this.changed();
  }

  /**
   * Per article: bumped by every change of its entry, so a slow read or a sliced fingerprinting that another change
   * overtook leaves the newer entry alone.
   */
  private readonly generations = new Map<string, number>();

  private bump(id: string): number {
    const generation = (this.generations.get(id) ?? 0) + 1;
    this.generations.set(id, generation);
    return generation;
  }

  /** Indexes an article's text: at once when small, else fingerprinted in slices (see slices.ts). */
  private setIndexed(id: string, text: string): Promise<void> {
    const generation = this.bump(id);
    const index = this.index;
    return indexInSlices(index, id, text, () => platform.yieldToEventLoop(), () => this.generations.get(id) === generation && index === this.index);
  }

  private deleteIndexed(id: string): void {
    this.bump(id);
    this.index.delete(id);
  }

  private remove(uri: vscode.Uri): void {
    clearTimeout(this.diskTimers.get(uri.toString()));
    this.diskTimers.delete(uri.toString());
    this.deleteIndexed(uri.toString());
    this.changed();
  }

  /** Forgets the articles inside a deleted folder. */
  private removeUnder(folder: vscode.Uri): void {
    const prefix = `${folder.toString()}/`;
    let removed = false;
    for (const id of [...this.index.ids()]) {
      if (!id.startsWith(prefix)) continue;
      this.deleteIndexed(id);
      removed = true;
    }
    if (removed) this.changed();
  }

  private changeTimer: ReturnType<typeof setTimeout> | undefined;

  /** A burst of file events (a checkout, a sync) fires onDidChange once, after it settles. */
  private changed(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.emitter.fire();
    }, CHANGE_DEBOUNCE_MS);
  }

  /** An open document was edited: index its current text (no event; the caller re-publishes). */
  updateDocument(document: vscode.TextDocument): void {
    if (documentLength(document) > MAX_INDEXED_BYTES || this.excluded(document.uri)) return;
    this.bump(document.uri.toString());
    this.index.setText(document.uri.toString(), document.getText());
  }

  /** A file's text as just read from disk (the workspace model), ahead of the index's own watcher. */
  async updateText(uri: vscode.Uri, text: string): Promise<void> {
    if (this.ready && text.length <= MAX_INDEXED_BYTES && !this.excluded(uri)) await this.setIndexed(uri.toString(), text);
  }

  /** Passages of `document` repeated in other indexed articles. */
  async crossRecords(document: vscode.TextDocument): Promise<DuplicateRecord[]> {
    if (!this.ready) return [];
    if (!this.index.has(document.uri.toString())) this.updateDocument(document);
    return this.crossRecordsFor(document.uri.toString(), document.getText());
  }

  /**
   * Passages of the indexed article `id` (with text `text`) repeated in other indexed articles: core repeatsOf, the
   * CLI's findCorpusRepeats one article at a time (every candidate, each pair aligned in id order), so both report
   * the same repeats. The others' texts are their open documents' or the files'.
   */
  async crossRecordsFor(id: string, text: string, token?: vscode.CancellationToken): Promise<DuplicateRecord[]> {
    // The article's own folder's settings (multi-root: each folder has its config); the fingerprints are the index's.
    const options = this.optionsFor(vscode.Uri.parse(id));
    const records = await repeatsOf(this.index, id, text, (other) => this.textOf(vscode.Uri.parse(other)), options, () => !!token?.isCancellationRequested, () => platform.yieldToEventLoop());
    for (const record of records) record.of.label = vscode.workspace.asRelativePath(vscode.Uri.parse(record.of.path!));
    return records;
  }

  /** Every indexed article id. */
  ids(): string[] {
    return [...this.index.ids()];
  }

  dispose(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer);
    for (const timer of this.diskTimers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
