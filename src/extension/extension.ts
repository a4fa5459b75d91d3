// Seed Annotator: activation wires the core's analysis into diagnostics, hovers, quick fixes and colours.
import * as vscode from 'vscode';
import { fileExists } from './platform/fileExists';
import { CONFIG_FILE_NAME, newConfigText, withRuleSeverity, type ListedDuplicate } from '../core';
import { AnalysisController, SEED_LANGUAGE } from './analysis/controller';
import { ConfigStore, readSettings } from './analysis/config';
import { SEMANTIC_LEGEND, SeedCodeActionProvider, SeedHoverProvider, SeedSemanticTokensProvider } from './diagnostics/providers';
import { WorkspaceIndex } from './duplicates/workspaceIndex';
import { listDuplicates, workspaceDuplicates } from './duplicates/list';
import { ClaimsFeature, type ClaimsApi } from './claims/feature';
import { AnnotationsFeature, type AnnotationsApi } from './annotations/feature';
import { SourcesFeature, type SourcesApi } from './sources/feature';
import { WorkspaceModel } from './analysis/workspaceModel';
import { WorkspaceProblems, type WorkspaceProblemsApi } from './diagnostics/workspaceProblems';
import { PendingWrites } from './annotations/pendingWrites';
import { platform, type LargeArticleAnalysis } from './platform';
import { registerWalkthrough } from './walkthrough';

const selector: vscode.DocumentSelector = [{ language: SEED_LANGUAGE }];

export interface SeedAnnotatorApi {
  /** For tests and other extensions: the latest analysis of a document. */
  analysisOf(document: vscode.TextDocument): ReturnType<AnalysisController['resultFor']>;
  /** The Claims view, its data and the article status bar item. */
  claims: ClaimsApi;
  /** The user's annotations: their store, the Annotations view and the comment threads. */
  annotations: AnnotationsApi;
  /** The Sources view, its data, the same-quote diagnostics and the Sourcing Report webview. */
  sources: SourcesApi;
  /** Analyze Workspace: the problems of articles that are not open. */
  workspaceProblems: WorkspaceProblemsApi;
  /** List Duplicates' entries without the quick pick (paths are URIs). */
  listDuplicates(): Promise<ListedDuplicate[] | undefined>;
  /** 'web' in the web worker extension host (VS Code for the Web), 'node' in a desktop or remote one. */
  runtime: 'web' | 'node';
  /** Where articles over 64 KB were analysed: a worker thread, a Web Worker, or the extension host's own thread. */
  largeArticleAnalysis(): LargeArticleAnalysis | undefined;
}

/**
 * The annotation writes of the running activation: the one thing deactivate(), which VS Code calls without arguments,
 * needs from activate(). Everything else is held by the objects activate() makes and context.subscriptions disposes.
 */
let annotationWrites: PendingWrites | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SeedAnnotatorApi> {
  const log = vscode.window.createOutputChannel('Seed Annotator', { log: true });
  const configs = new ConfigStore(log);
  const duplicatesConfig = (article?: vscode.Uri) => configs.forDocument(article ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/')).config.duplicates;
  const index = new WorkspaceIndex(log, duplicatesConfig, (article) => configs.forDocument(article).excluded);
  // What the index is built from: the duplicate settings, and every folder's `exclude` (its config file's own).
  const indexConfig = () => JSON.stringify([duplicatesConfig(), (vscode.workspace.workspaceFolders ?? []).map((f) => configs.forDocument(vscode.Uri.joinPath(f.uri, CONFIG_FILE_NAME)).config.exclude)]);
  const controller = new AnalysisController(context.extensionUri, configs, log, readSettings(), index);
  const tokens = new SeedSemanticTokensProvider(controller);
  context.subscriptions.push(log, configs, index, controller);

  await configs.reload();
  const writes = (annotationWrites = new PendingWrites());
  const annotations = new AnnotationsFeature(controller, log, writes);
  // Verdicts on claims show in the Claims view and the claim hover.
  const claims = new ClaimsFeature(context, controller, index, configs, log, annotations.verdictFor);
  const model = new WorkspaceModel(index, configs, (request) => controller.analyzeOffHost(request));
  const sources = new SourcesFeature(context, controller, index, model, configs, log);
  const workspaceProblems = new WorkspaceProblems(model, configs, context.extensionUri, log);
  context.subscriptions.push(claims, annotations, sources, workspaceProblems, model);
  const onAnnotationsChanged = (e: { rangesOnly: boolean }) => {
    if (!e.rangesOnly) claims.tree.refresh();
  };
  context.subscriptions.push(annotations.store.onDidChange(onAnnotationsChanged));

  let lastIndexConfig = indexConfig();
  const onConfigFileChanged = () => {
    const now = indexConfig();
    if (now !== lastIndexConfig) {
      lastIndexConfig = now;
      index.rebuild().catch((error) => log.error(`Indexing failed: ${error instanceof Error ? error.message : String(error)}`));
    }
    controller.reanalyzeAll();
    tokens.refresh();
  };
  const onIndexChanged = () => controller.reanalyzeAll();
  const onSettingsChanged = (e: vscode.ConfigurationChangeEvent) => {
    if (e.affectsConfiguration('seedAnnotator')) controller.updateSettings(readSettings());
  };
  const onDidOpen = (d: vscode.TextDocument) => controller.onDidOpen(d);
  const onDidAnalyze = () => tokens.refresh();

  context.subscriptions.push(
    configs.onDidChange(onConfigFileChanged),
    index.onDidChange(onIndexChanged),
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
    vscode.commands.registerCommand('seedAnnotator.analyzeWorkspace', workspaceProblems.analyzeWorkspace),
    vscode.commands.registerCommand('seedAnnotator.clearWorkspaceProblems', workspaceProblems.clearWorkspaceProblems),
    vscode.commands.registerCommand('seedAnnotator.openConfiguration', () => openConfiguration()),
    vscode.commands.registerCommand('seedAnnotator.disableRule', (rule: unknown) => disableRule(log, rule)),
    vscode.commands.registerCommand('seedAnnotator.showOtherCopy', (uri: unknown, line: unknown, endLine: unknown) => showOtherCopy(uri, line, endLine)),
    vscode.commands.registerCommand('seedAnnotator.listDuplicates', () => listDuplicates(index, (uri, line, endLine) => showOtherCopy(uri.toString(), line, endLine))),
    vscode.commands.registerCommand('seedAnnotator.claims.groupByArticle', claims.groupBy('article')),
    vscode.commands.registerCommand('seedAnnotator.claims.groupBySpeaker', claims.groupBy('speaker')),
    vscode.commands.registerCommand('seedAnnotator.claims.groupByType', claims.groupBy('type')),
    vscode.commands.registerCommand('seedAnnotator.claims.sortByScore', claims.sortBy('score')),
    vscode.commands.registerCommand('seedAnnotator.claims.sortByPosition', claims.sortBy('position')),
    vscode.commands.registerCommand('seedAnnotator.claims.setMinScore', claims.setMinScore),
    vscode.commands.registerCommand('seedAnnotator.claims.filterTypes', claims.filterTypes),
    vscode.commands.registerCommand('seedAnnotator.claims.refresh', claims.refresh),
    vscode.commands.registerCommand('seedAnnotator.claims.reveal', claims.reveal),
    vscode.commands.registerCommand('seedAnnotator.claims.copy', claims.copy),
    vscode.commands.registerCommand('seedAnnotator.claims.showOtherArticles', claims.showOtherArticles),
    vscode.commands.registerCommand('seedAnnotator.nextClaim', claims.nextClaim),
    vscode.commands.registerCommand('seedAnnotator.previousClaim', claims.previousClaim),
    vscode.commands.registerCommand('seedAnnotator.exportClaims', claims.exportClaims),
    vscode.commands.registerCommand('seedAnnotator.annotateSelection', annotations.annotateSelection),
    vscode.commands.registerCommand('seedAnnotator.markClaimVerified', annotations.markClaim('verified')),
    vscode.commands.registerCommand('seedAnnotator.markClaimDisputed', annotations.markClaim('disputed')),
    vscode.commands.registerCommand('seedAnnotator.markClaimNeedsSource', annotations.markClaim('needs-source')),
    vscode.commands.registerCommand('seedAnnotator.deleteAnnotation', annotations.deleteAnnotation),
    vscode.commands.registerCommand('seedAnnotator.reattachAnnotation', annotations.reattachAnnotation),
    vscode.commands.registerCommand('seedAnnotator.editAnnotationNote', annotations.editNote),
    vscode.commands.registerCommand('seedAnnotator.editAnnotationTags', annotations.editTags),
    vscode.commands.registerCommand('seedAnnotator.exportAnnotations', annotations.exportAnnotations),
    vscode.commands.registerCommand('seedAnnotator.annotations.reveal', annotations.reveal),
    vscode.commands.registerCommand('seedAnnotator.annotations.createNote', annotations.createNote),
    vscode.commands.registerCommand('seedAnnotator.annotations.reply', annotations.reply),
    vscode.commands.registerCommand('seedAnnotator.annotations.editComment', annotations.editComment),
    vscode.commands.registerCommand('seedAnnotator.annotations.saveComment', annotations.saveComment),
    vscode.commands.registerCommand('seedAnnotator.annotations.cancelEdit', annotations.cancelEdit),
    vscode.commands.registerCommand('seedAnnotator.annotations.deleteComment', annotations.deleteComment),
    vscode.commands.registerCommand('seedAnnotator.showSourcingReport', sources.showReport),
    vscode.commands.registerCommand('seedAnnotator.sources.sortByCount', sources.sortBy('count')),
    vscode.commands.registerCommand('seedAnnotator.sources.sortByName', sources.sortBy('name')),
    vscode.commands.registerCommand('seedAnnotator.sources.filterByArticle', sources.filterByArticle),
    vscode.commands.registerCommand('seedAnnotator.sources.refresh', sources.refresh),
    vscode.commands.registerCommand('seedAnnotator.sources.reveal', sources.reveal),
  );
  // The index builds in the background; diagnostics for open articles are refreshed when it is ready.
  void index.ensureBuilt().catch((error) => log.error(`Indexing failed: ${error instanceof Error ? error.message : String(error)}`));
  // Documents already open when the extension starts (activation comes from opening one).
  for (const d of vscode.workspace.textDocuments) controller.onDidOpen(d);
  context.subscriptions.push(registerWalkthrough(log));
  log.info(`Seed Annotator ${(context.extension.packageJSON as { version: string }).version} active (${platform.runtime === 'web' ? 'web worker extension host' : 'Node extension host'})`);
  return { analysisOf: (d) => controller.resultFor(d), listDuplicates: () => workspaceDuplicates(index), claims: claims.api, annotations: annotations.api, sources: sources.api, workspaceProblems: workspaceProblems.api, runtime: platform.runtime, largeArticleAnalysis: () => controller.largeArticleAnalysis() };
}

async function analyzeCurrentArticle(controller: AnalysisController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !AnalysisController.isSeed(editor.document)) {
    void vscode.window.showInformationMessage('Seed Annotator: open a seed article (language “Seed article”) to analyse it.');
    return;
  }
  const document = editor.document;
  const result = controller.isTooLarge(document)
    ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Seed Annotator: analysing ${vscode.workspace.asRelativePath(document.uri)} (large article)` }, () => controller.analyzeNow(document, true))
    : await controller.analyzeNow(document);
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

/** The config file of the active article's workspace folder (each folder of a multi-root workspace has its own). */
function configUri(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME) : undefined;
}

async function openConfiguration(): Promise<void> {
  const uri = configUri();
  if (!uri) {
    void vscode.window.showInformationMessage(`Seed Annotator: open a folder first; ${CONFIG_FILE_NAME} lives at its root.`);
    return;
  }
  if (!(await fileExists(uri))) {
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
  if (!(await fileExists(uri))) {
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

async function showOtherCopy(uri: unknown, line: unknown, endLine: unknown): Promise<void> {
  if (typeof uri !== 'string' || typeof line !== 'number') {
    void vscode.window.showInformationMessage('Seed Annotator: use this from a duplicate passage’s quick fix or hover.');
    return;
  }
  const target = vscode.Uri.parse(uri);
  const last = typeof endLine === 'number' ? endLine : line;
  const sameEditor = vscode.window.activeTextEditor?.document.uri.toString() === target.toString();
  await vscode.window.showTextDocument(target, {
    viewColumn: sameEditor ? vscode.ViewColumn.Active : vscode.ViewColumn.Beside,
    preview: true,
    selection: new vscode.Range(line - 1, 0, last - 1, Number.MAX_SAFE_INTEGER),
  });
}

/**
 * Everything is disposed through context.subscriptions (VS Code does that right after calling this). What VS Code
 * waits for is the promise returned here: every annotation write still under way or queued, so a window closed or
 * reloaded right after an edit loses nothing (the writes use Node's fs, which still works while the host shuts down).
 */
export function deactivate(): Promise<void> {
  return annotationWrites?.settled() ?? Promise.resolve();
}
