// The Get Started walkthrough (contributes.walkthroughs in package.json): the command that opens the bundled sample
// article, and the context key that completes the "see a diagnostic" step once a finding shows in a seed article.
import * as vscode from 'vscode';
import { fileExists } from './platform/fileExists';
import sample from '../../media/walkthrough/sample-article.seed.txt';
import { AnalysisController } from './analysis/controller';
import { DIAGNOSTIC_SOURCE } from './diagnostics/diagnostics';

/** `<publisher>.<name>#<id>`, the argument of workbench.action.openWalkthrough. */
export const WALKTHROUGH_ID = 'seed-annotator.seed-annotator#gettingStarted';
/** The sample's name in the workspace folder (the `.seed.txt` ending opens it as a seed article). */
export const SAMPLE_FILE_NAME = 'seed-annotator-sample.seed.txt';
/** Set once a seed article in an editor shows a finding: completes the walkthrough's diagnostic step. */
export const SAW_FINDING_CONTEXT = 'seedAnnotator.walkthrough.sawFinding';
/** The sample's unattributed quote, selected when the sample opens (ready for Annotate Selection…). */
const QUOTE_START = '“Nobody asked';

export function registerWalkthrough(log: vscode.LogOutputChannel): vscode.Disposable {
  const disposables: vscode.Disposable[] = [vscode.commands.registerCommand('seedAnnotator.openSample', () => openSample(log))];
  let saw = false;
  const check = () => {
    if (saw) return;
    const editor = vscode.window.activeTextEditor;
    if (!editor || !AnalysisController.isSeed(editor.document)) return;
    if (!vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.source === DIAGNOSTIC_SOURCE)) return;
    saw = true;
    void vscode.commands.executeCommand('setContext', SAW_FINDING_CONTEXT, true);
    for (const l of listeners) l.dispose();
  };
  const listeners = [vscode.languages.onDidChangeDiagnostics(check), vscode.window.onDidChangeActiveTextEditor(check)];
  disposables.push(...listeners);
  return vscode.Disposable.from(...disposables);
}

/**
 * Opens the sample article. With a folder open, it is written there first (unless a file of that name exists), so
 * annotations can be saved beside it; without a folder, or when the folder cannot be written, it opens unsaved.
 */
export async function openSample(log: vscode.LogOutputChannel): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  let document: vscode.TextDocument | undefined;
  if (folder) {
    const uri = vscode.Uri.joinPath(folder.uri, SAMPLE_FILE_NAME);
    try {
      if (!(await fileExists(uri))) {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(sample));
        log.info(`Wrote the walkthrough's sample article to ${vscode.workspace.asRelativePath(uri)}`);
      }
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      log.warn(`Could not write the sample article into ${folder.name} (${error instanceof Error ? error.message : String(error)}); opening it unsaved.`);
    }
  }
  document ??= await vscode.workspace.openTextDocument({ language: 'seed', content: sample });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const text = document.getText();
  const start = text.indexOf(QUOTE_START);
  if (start >= 0) {
    const end = text.indexOf('”', start);
    const range = new vscode.Range(document.positionAt(start), document.positionAt(end >= 0 ? end + 1 : start));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}
