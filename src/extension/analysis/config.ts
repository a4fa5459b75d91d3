// The workspace's .seed-annotator.json, read with the same parser the CLI uses, and the extension settings.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, createExcludeFilter, createFileFilter, defaultConfig, parseConfig, type SeedConfig } from '../../core';

export type RunMode = 'onType' | 'onSave';

export interface ExtensionSettings {
  run: RunMode;
  debounceMs: number;
  /** Documents larger than this (in UTF-16 code units, about bytes) are analysed on demand only. */
  maxLiveChars: number;
}

export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('seedAnnotator');
  const run = c.get<string>('run') === 'onSave' ? 'onSave' : 'onType';
  const debounceMs = Math.max(0, Math.min(5000, Number(c.get<number>('debounceMs') ?? 300) || 0));
  const maxMB = Math.max(0.1, Math.min(200, Number(c.get<number>('maxDocumentSize') ?? 2) || 2));
  return { run, debounceMs, maxLiveChars: Math.round(maxMB * 1024 * 1024) };
}

/** Loads and watches the config file of each workspace folder; shows its problems as diagnostics on the file. */
export class ConfigStore implements vscode.Disposable {
  private readonly configs = new Map<string, { config: SeedConfig; isExcluded: (p: string) => boolean; isIncluded: (p: string) => boolean }>();
  /** The defaults' include and exclude, for folders without a config file. */
  private readonly defaultFilter = createFileFilter(defaultConfig());
  private readonly problems = vscode.languages.createDiagnosticCollection('seed-annotator-config');
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.problems, this.emitter];

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = () => void this.reload().then(() => this.emitter.fire());
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(reload));
  }

  async reload(): Promise<void> {
    this.configs.clear();
    this.problems.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue; // no config file: defaults
      }
      const { config, problems } = parseConfig(text);
      this.configs.set(folder.uri.toString(), { config, isExcluded: createExcludeFilter(config), isIncluded: createFileFilter(config) });
      if (problems.length) {
        this.log.warn(`${uri.fsPath}: ${problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
        this.problems.set(
          uri,
          problems.map((p) => {
            const pos = new vscode.Position(p.line - 1, p.column - 1);
            const d = new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
            d.source = 'Seed Annotator';
            return d;
          }),
        );
        if (problems.some((p) => p.severity === 'error')) {
          void vscode.window.showWarningMessage(`Seed Annotator: ${CONFIG_FILE_NAME} has a problem (${problems[0].message}) Using the defaults until it is fixed.`, 'Open File').then((choice) => {
            if (choice) void vscode.window.showTextDocument(uri);
          });
        }
      } else {
        this.log.info(`Loaded ${uri.fsPath}`);
      }
    }
  }

  /** The config that applies to a document (its workspace folder's, or the defaults). */
  forDocument(uri: vscode.Uri): { config: SeedConfig; excluded: boolean } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const entry = folder ? this.configs.get(folder.uri.toString()) : undefined;
    if (!entry || !folder) return { config: defaultConfig(), excluded: false };
    const rel = vscode.workspace.asRelativePath(uri, false);
    return { config: entry.config, excluded: entry.isExcluded(rel) };
  }

  /**
   * Whether a folder-wide pass (Analyze Workspace, Sources) reads the file: inside a workspace folder, matched by the
   * config's `include` and not by its `exclude` (the defaults without a config file), as the command line's walk.
   */
  inFolderPass(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const rel = vscode.workspace.asRelativePath(uri, false);
    return (this.configs.get(folder.uri.toString())?.isIncluded ?? this.defaultFilter)(rel);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
