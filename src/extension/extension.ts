// Seed Annotator: activation wires the core's analysis into diagnostics, hovers, quick fixes and colours.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, newConfigText, withRuleSeverity } from '../core';
import { AnalysisController, SEED_LANGUAGE } from './analysis';
import { ConfigStore, readSettings } from './config';
import { SEMANTIC_LEGEND, SeedCodeActionProvider, SeedHoverProvider, SeedSemanticTokensProvider } from './providers';

const selector: vscode.DocumentSelector = [{ language: SEED_LANGUAGE }];

export interface SeedAnnotatorApi {
  /** For tests and other extensions: the latest analysis of a document. */
  analysisOf(document: vscode.TextDocument): ReturnType<AnalysisController['resultFor']>;
}

export async function activate(context: vscode.ExtensionContext): Promise<SeedAnnotatorApi> {
  const log = vscode.window.createOutputChannel('Seed Annotator', { log: true });
  const configs = new ConfigStore(log);
  const controller = new AnalysisController(context.extensionUri, configs, log, readSettings());
  const tokens = new SeedSemanticTokensProvider(controller);
  context.subscriptions.push(log, configs, controller);

  await configs.reload();

  const onConfigFileChanged = () => {
    controller.reanalyzeAll();
    tokens.refresh();
  };
  const onSettingsChanged = (e: vscode.ConfigurationChangeEvent) => {
    if (e.affectsConfiguration('seedAnnotator')) controller.updateSettings(readSettings());
  };
  const onDidOpen = (d: vscode.TextDocument) => controller.onDidOpen(d);
  const onDidAnalyze = () => tokens.refresh();

  context.subscriptions.push(
    configs.onDidChange(onConfigFileChanged),
    vscode.workspace.onDidChangeConfiguration(onSettingsChanged),
    vscode.workspace.onDidOpenTextDocument(onDidOpen),
    vscode.workspace.onDidChangeTextDocument(controller.onDidChange),
    vscode.workspace.onDidSaveTextDocument(controller.onDidSave),
    vscode.workspace.onDidCloseTextDocument(controller.onDidClose),
    controller.onDidAnalyze(onDidAnalyze),
    vscode.languages.registerHoverProvider(selector, new SeedHoverProvider(controller)),
    vscode.languages.registerCodeActionsProvider(selector, new SeedCodeActionProvider(controller), { providedCodeActionKinds: SeedCodeActionProvider.kinds }),
    vscode.languages.registerDocumentSemanticTokensProvider(selector, tokens, SEMANTIC_LEGEND),
    vscode.commands.registerCommand('seedAnnotator.analyzeCurrentArticle', () => analyzeCurrentArticle(controller)),
    vscode.commands.registerCommand('seedAnnotator.showLog', () => log.show()),
    vscode.commands.registerCommand('seedAnnotator.openConfiguration', () => openConfiguration()),
    vscode.commands.registerCommand('seedAnnotator.disableRule', (rule: unknown) => disableRule(log, rule)),
  );
  // Documents already open when the extension starts (activation comes from opening one).
  for (const d of vscode.workspace.textDocuments) controller.onDidOpen(d);
  log.info(`Seed Annotator ${context.extension.packageJSON.version} active`);
  return { analysisOf: (d) => controller.resultFor(d) };
}

async function analyzeCurrentArticle(controller: AnalysisController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !AnalysisController.isSeed(editor.document)) {
    void vscode.window.showInformationMessage('Seed Annotator: open a seed article (language “Seed article”) to analyse it.');
    return;
  }
  const result = controller.analyzeNow(editor.document);
  const name = vscode.workspace.asRelativePath(editor.document.uri);
  if (!result) {
    void vscode.window.showInformationMessage(`Seed Annotator: ${name} is excluded by ${CONFIG_FILE_NAME}.`);
    return;
  }
  if (result.notices.length) {
    void vscode.window.showInformationMessage(`Seed Annotator: ${name}: ${result.notices[0]}`);
    return;
  }
  const quotes = result.quotes.filter((q) => !q.nested && q.kind !== 'scare');
  const attributed = quotes.filter((q) => q.speaker).length;
  const n = result.findings.length;
  void vscode.window.showInformationMessage(
    n === 0
      ? `Seed Annotator: no findings in ${name} (${attributed}/${quotes.length} quotes attributed).`
      : `Seed Annotator: ${n} finding${n === 1 ? '' : 's'} in ${name}; ${attributed} of ${quotes.length} quotes attributed.`,
  );
}

function configUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME) : undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function openConfiguration(): Promise<void> {
  const uri = configUri();
  if (!uri) {
    void vscode.window.showInformationMessage(`Seed Annotator: open a folder first; ${CONFIG_FILE_NAME} lives at its root.`);
    return;
  }
  if (!(await exists(uri))) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(newConfigText()) });
    await vscode.workspace.applyEdit(edit);
  }
  await vscode.window.showTextDocument(uri);
}

async function disableRule(log: vscode.LogOutputChannel, rule: unknown): Promise<void> {
  const uri = configUri();
  if (typeof rule !== 'string' || !uri) {
    void vscode.window.showInformationMessage('Seed Annotator: open a folder to keep rule settings in its configuration file.');
    return;
  }
  if (!(await exists(uri))) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(newConfigText()) });
    await vscode.workspace.applyEdit(edit);
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const updated = withRuleSeverity(document.getText(), rule, 'off');
  if (updated === undefined) {
    log.warn(`Not changing ${uri.fsPath}: it is not valid JSON`);
    void vscode.window.showWarningMessage(`Seed Annotator: ${CONFIG_FILE_NAME} is not valid JSON, so it was left as it is. Fix it, then try again.`, 'Open File').then((c) => {
      if (c) void vscode.window.showTextDocument(document);
    });
    return;
  }
  // An edit to the document (undoable), then a save: the file is never half-written.
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), updated);
  await vscode.workspace.applyEdit(edit);
  await document.save();
  void vscode.window.showInformationMessage(`Seed Annotator: “${rule}” is off in ${CONFIG_FILE_NAME}.`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
