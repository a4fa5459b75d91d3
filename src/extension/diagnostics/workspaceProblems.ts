// Analyze Workspace: the problems of every article of the workspace folders in the Problems panel, not only those of
// open articles. The pass reads the articles through the workspace model (analysed in the pool's workers), with a
// cancellable progress notification. Afterwards the problems stay current: a file watcher (debounced) analyses what
// changed on disk, a deleted article's problems go, and articles whose repeats pointed to a changed one are read
// again. An open article's problems are its editor's live ones (the analysis controller's, following `run`); when it
// closes it keeps problems read from disk, unless seedAnnotator.workspaceProblems.keepWhenClosed is off.
// Clear Workspace Problems ends all this.
import * as vscode from 'vscode';
import { AnalysisController } from '../analysis/controller';
import type { ConfigStore } from '../analysis/config';
import type { ArticleAnalysis, WorkspaceModel } from '../analysis/workspaceModel';
import { SEED_GLOB } from '../duplicates/workspaceIndex';
import { toDiagnosticByLines } from './diagnostics';
import { describeWorkspacePass, emptySummary, type WorkspacePassSummary } from './workspacePass';

/** File events closer together than this are read as one change. */
const CHANGE_DEBOUNCE_MS = 300;
export const KEEP_WHEN_CLOSED = 'workspaceProblems.keepWhenClosed';
/** Context key: Clear Workspace Problems has something to clear. */
const ACTIVE_CONTEXT = 'seedAnnotator.workspaceProblems.active';

export interface WorkspaceProblemsApi {
  /** Runs the pass (what the command does, without its messages); `onArticle` after each article. */
  analyze(token?: vscode.CancellationToken, onArticle?: (done: number, total: number) => void): Promise<WorkspacePassSummary>;
  clear(): void;
  readonly collection: vscode.DiagnosticCollection;
  /** True between Analyze Workspace and Clear Workspace Problems. */
  readonly active: boolean;
  /** Fires after the problems of articles changed from disk (the watcher, a repeat's other side, a config change). */
  readonly onDidUpdate: vscode.Event<vscode.Uri[]>;
}

export class WorkspaceProblems implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('seed-annotator-workspace');
  /** Articles whose problems this keeps (read by the pass, or created since). */
  private readonly tracked = new Set<string>();
  private isActive = false;
  private watchers: vscode.Disposable[] = [];
  private readonly pending = new Map<string, { uri: vscode.Uri; deleted: boolean }>();
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly updated = new vscode.EventEmitter<vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.updated];

  constructor(
    private readonly model: WorkspaceModel,
    private readonly configs: ConfigStore,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.onDidOpen(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onDidClose(d)),
      model.onDidInvalidate((uris) => this.isActive && this.queue(uris.filter((u) => this.tracked.has(u.toString())), false)),
      configs.onDidChange(() => this.isActive && void this.refreshAll()),
    );
  }

  get api(): WorkspaceProblemsApi {
    const isActive = () => this.isActive;
    return {
      analyze: (token, onArticle) => this.pass(token, undefined, onArticle),
      clear: () => this.clearAll(),
      collection: this.collection,
      get active() {
        return isActive();
      },
      onDidUpdate: this.updated.event,
    };
  }

  // ---- commands ----------------------------------------------------------------------------------------------

  /** Seed Annotator: Analyze Workspace. */
  analyzeWorkspace = async (): Promise<void> => {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('Seed Annotator: open a folder of articles first; Analyze Workspace reads every article in it.');
      return;
    }
    // Listed first, so a folder without articles gets its message without a progress notification flashing by.
    const uris = await this.model.articles();
    const summary = uris.length
      ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Seed Annotator: analysing the workspace', cancellable: true }, (progress, token) => this.pass(token, progress, undefined, uris))
      : emptySummary();
    const message = `Seed Annotator: ${describeWorkspacePass(summary)}`;
    this.log.info(message);
    if (summary.problems > 0) {
      void vscode.window.showInformationMessage(message, 'Show Problems').then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
    } else {
      void vscode.window.showInformationMessage(message);
    }
  };

  /** Seed Annotator: Clear Workspace Problems. */
  clearWorkspaceProblems = (): void => {
    if (!this.isActive) {
      void vscode.window.showInformationMessage('Seed Annotator: there are no workspace problems to clear; “Analyze Workspace” puts them in the Problems panel.');
      return;
    }
    this.clearAll();
    void vscode.window.showInformationMessage('Seed Annotator: cleared the workspace problems (open articles keep theirs).');
  };

  // ---- the pass ----------------------------------------------------------------------------------------------

  private async pass(token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>, onArticle?: (done: number, total: number) => void, listed?: vscode.Uri[]): Promise<WorkspacePassSummary> {
    const summary = emptySummary();
    const uris = listed ?? (await this.model.articles());
    summary.articles = uris.length;
    if (!uris.length) return summary;
    this.activate();
    const started = performance.now();
    for (const uri of uris) {
      if (token?.isCancellationRequested) {
        summary.cancelled = true;
        break;
      }
      progress?.report({ message: `${summary.done + 1} of ${uris.length}: ${vscode.workspace.asRelativePath(uri, false)}`, increment: 100 / uris.length });
      this.tracked.add(uri.toString());
      const open = this.openSeedDocument(uri);
      if (open) {
        this.collection.delete(uri);
        const live = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Seed Annotator' && d.severity !== vscode.DiagnosticSeverity.Hint).length;
        summary.problems += live;
        if (live) summary.withProblems++;
      } else {
        const a = await this.model.analyze(uri);
        if (a) {
          this.publish(a);
          if (a.skipped === 'binary') summary.binary++;
          if (a.skipped === 'tooLarge') summary.tooLarge++;
          // Hints are drawn in the editor only; the Problems panel does not list them.
          const listed = a.findings.filter((f) => f.severity !== 'hint').length;
          summary.problems += listed;
          if (listed) summary.withProblems++;
        }
      }
      summary.done++;
      onArticle?.(summary.done, uris.length);
    }
    if (token?.isCancellationRequested && summary.done < uris.length) summary.cancelled = true;
    this.log.info(`Analyze Workspace: ${summary.done} of ${uris.length} articles in ${(performance.now() - started).toFixed(0)} ms${summary.cancelled ? ' (cancelled)' : ''}`);
    return summary;
  }

  /** After a config change: the articles the config now includes, the others' problems gone. */
  private async refreshAll(): Promise<void> {
    const uris = await this.model.articles();
    const now = new Set(uris.map((u) => u.toString()));
    for (const key of [...this.tracked]) {
      if (now.has(key)) continue;
      this.tracked.delete(key);
      this.collection.delete(vscode.Uri.parse(key));
    }
    this.queue(uris, false);
  }

  private publish(a: ArticleAnalysis): void {
    if (!this.isActive || !this.tracked.has(a.uri.toString()) || this.openSeedDocument(a.uri)) return;
    if (a.findings.length) this.collection.set(a.uri, a.findings.map((f) => toDiagnosticByLines(f, a.uri, this.extensionUri)));
    else this.collection.delete(a.uri);
  }

  private openSeedDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && AnalysisController.isSeed(d));
  }

  // ---- staying current ---------------------------------------------------------------------------------------

  private activate(): void {
    if (this.isActive) return;
    this.isActive = true;
    void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT, true);
    const articles = vscode.workspace.createFileSystemWatcher(SEED_GLOB);
    // A folder deleted with its articles sends one event, for the folder.
    const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.watchers = [
      articles,
      deletions,
      articles.onDidCreate((uri) => this.queue([uri], false, true)),
      articles.onDidChange((uri) => this.queue([uri], false)),
      articles.onDidDelete((uri) => this.queue([uri], true)),
      deletions.onDidDelete((folder) => this.queue([...this.tracked].filter((k) => k.startsWith(`${folder.toString()}/`)).map((k) => vscode.Uri.parse(k)), true)),
    ];
  }

  private clearAll(): void {
    if (this.isActive) void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT, false);
    this.isActive = false;
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    this.pending.clear();
    this.tracked.clear();
    this.collection.clear();
  }

  /** Articles to read again (or forget) once the burst of events settles; a created one joins the tracked. */
  private queue(uris: vscode.Uri[], deleted: boolean, created = false): void {
    if (!this.isActive || !uris.length) return;
    for (const uri of uris) {
      if (created && this.configs.inFolderPass(uri)) this.tracked.add(uri.toString());
      this.pending.set(uri.toString(), { uri, deleted });
    }
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = undefined;
      this.flushing = this.flushing.then(() => this.flush()).catch((error) => this.log.error(`Updating workspace problems failed: ${error instanceof Error ? error.message : String(error)}`));
    }, CHANGE_DEBOUNCE_MS);
  }

  private async flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending.clear();
    const updated: vscode.Uri[] = [];
    for (const { uri, deleted } of batch) {
      const key = uri.toString();
      if (!this.isActive) return;
      if (deleted || !this.configs.inFolderPass(uri) || this.configs.forDocument(uri).excluded) {
        this.model.forget(uri);
        this.tracked.delete(key);
        this.collection.delete(uri);
        updated.push(uri);
        continue;
      }
      if (!this.tracked.has(key) || this.openSeedDocument(uri)) continue;
      const a = await this.model.analyze(uri);
      if (a) this.publish(a);
      else if (!this.openSeedDocument(uri)) {
        this.tracked.delete(key);
        this.collection.delete(uri);
      }
      updated.push(uri);
    }
    if (updated.length) this.updated.fire(updated);
  }

  private onDidOpen(document: vscode.TextDocument): void {
    // The editor's live problems replace the ones read from disk while it is open.
    if (this.isActive && AnalysisController.isSeed(document)) this.collection.delete(document.uri);
  }

  private onDidClose(document: vscode.TextDocument): void {
    if (!this.isActive || !AnalysisController.isSeed(document) || !this.configs.inFolderPass(document.uri)) return;
    const key = document.uri.toString();
    if (vscode.workspace.getConfiguration('seedAnnotator', document.uri).get<boolean>(KEEP_WHEN_CLOSED, true)) {
      this.tracked.add(key);
      this.queue([document.uri], false);
    } else {
      this.tracked.delete(key);
      this.collection.delete(document.uri);
    }
  }

  dispose(): void {
    this.clearAll();
    for (const d of this.disposables) d.dispose();
  }
}
