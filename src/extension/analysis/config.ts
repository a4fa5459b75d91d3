// The workspace's .seed-annotator.json, read with the same parser the CLI uses, and the extension settings.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, configForPath, defaultConfig, parseConfig, type FolderConfig, type SeedConfig } from '../../core';

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

/**
 * Loads and watches the config file of each workspace folder (each folder of a multi-root workspace has its own; a
 * folder without one has the defaults); shows its problems as diagnostics on the file.
 */
export class ConfigStore implements vscode.Disposable {
  /** Per URI scheme and authority: the workspace folders there with their configs (see core configForPath). */
  private configs = new Map<string, FolderConfig[]>();
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

  /** Reads every folder's config; the configs in use are replaced all at once, when every file was read. */
  async reload(): Promise<void> {
    const configs = new Map<string, FolderConfig[]>();
    const problemsOf = new Map<string, vscode.Diagnostic[]>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
      const place = placeOf(folder.uri);
      if (!configs.has(place)) configs.set(place, []);
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        configs.get(place)!.push({ folder: folder.uri.path, config: defaultConfig() }); // no config file: defaults
        continue;
      }
      const { config, problems } = parseConfig(text);
      configs.get(place)!.push({ folder: folder.uri.path, config });
      if (problems.length) {
        this.log.warn(`${uri.fsPath}: ${problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
        problemsOf.set(
          uri.toString(),
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
    this.configs = configs;
    this.problems.clear();
    for (const [uri, diagnostics] of problemsOf) this.problems.set(vscode.Uri.parse(uri), diagnostics);
  }

  /**
   * The config that applies to a document: its workspace folder's (the innermost, when folders nest), with `exclude`
   * matched against its path relative to that folder; the defaults outside every folder.
   */
  forDocument(uri: vscode.Uri): { config: SeedConfig; excluded: boolean } {
    const { config, excluded } = configForPath(uri.path, this.configs.get(placeOf(uri)) ?? []);
    return { config, excluded };
  }

  /**
   * Whether a folder-wide pass (Analyze Workspace, Sources) reads the file: inside a workspace folder, matched by the
   * config's `include` and not by its `exclude` (the defaults without a config file), as the command line's walk.
   */
  inFolderPass(uri: vscode.Uri): boolean {
    const found = configForPath(uri.path, this.configs.get(placeOf(uri)) ?? []);
    return found.folder !== undefined && found.included;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A URI's scheme and authority: folders elsewhere never hold it. */
function placeOf(uri: vscode.Uri): string {
  return `${uri.scheme}://${uri.authority}`;
}
