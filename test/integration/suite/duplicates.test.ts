// Duplicate passages in a real VS Code: across two articles of the workspace, and inside one article.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import { diagnosticsWhen, ruleOf, workspaceUri } from './helpers';

function editorChange(predicate: (e: vscode.TextEditor | undefined) => boolean, what: string): Promise<vscode.TextEditor> {
  if (predicate(vscode.window.activeTextEditor)) return Promise.resolve(vscode.window.activeTextEditor!);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, 10_000);
    const listener = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (predicate(e)) {
        clearTimeout(timer);
        listener.dispose();
        resolve(e!);
      }
    });
  });
}

describe('Duplicate passages in VS Code', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try {
      await vscode.workspace.fs.delete(workspaceUri('tmp-dup'), { recursive: true });
    } catch {
      // already gone
    }
  });

  it('shows an edited passage shared by two articles in both, with the other copy as related information', async () => {
    const a = workspaceUri('002_2222222222222222.txt');
    const b = workspaceUri('003_3333333333333333.txt');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(a));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(b), vscode.ViewColumn.Two);
    const inA = (await diagnosticsWhen(a, (ds) => ds.some((d) => ruleOf(d) === 'cross-document-duplicate'), 'the cross-document duplicate in 002')).find((d) => ruleOf(d) === 'cross-document-duplicate')!;
    const inB = (await diagnosticsWhen(b, (ds) => ds.some((d) => ruleOf(d) === 'cross-document-duplicate'), 'the cross-document duplicate in 003')).find((d) => ruleOf(d) === 'cross-document-duplicate')!;
    assert.equal(inA.severity, vscode.DiagnosticSeverity.Information);
    assert.match(inA.message, /also appears? in 003_3333333333333333\.txt/);
    assert.equal(inA.relatedInformation?.[0].location.uri.toString(), b.toString());
    assert.equal(inB.relatedInformation?.[0].location.uri.toString(), a.toString());
    assert.equal(inA.relatedInformation?.[0].location.range.start.line, 3); // line 4 of 003

    // "Show the other copy" opens the file the related information points at.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', a, inA.range, vscode.CodeActionKind.QuickFix.value);
    const show = actions.find((x) => x.title === 'Show the other copy');
    assert.ok(show?.command, `actions: ${actions.map((x) => x.title).join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
    const opened = editorChange((e) => e?.document.uri.toString() === b.toString() && e.selection.start.line === 3, 'the other copy to open');
    await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
    await opened;

    // The hover names the other file and the similarity.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', a, inA.range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\/g, '');
    assert.match(text, /Repeated passage/);
    assert.match(text, /003_3333333333333333\.txt, lines? 4/);
    assert.match(text, /\d+% the same/);
  });

  it('reports no repeat of an article the config excludes, and reports it again when the exclude goes', async function () {
    this.timeout(90_000);
    const a = workspaceUri('002_2222222222222222.txt');
    const config = workspaceUri('.seed-annotator.json');
    const crossDuplicate = (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === 'cross-document-duplicate');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(a));
    await diagnosticsWhen(a, crossDuplicate, 'the repeat of 003 in 002');
    // The CLI's walk leaves 003 out, so 002 repeats nothing: the duplicate index must leave it out too.
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "exclude": ["003_*.txt"] }\n'));
    try {
      const without = await diagnosticsWhen(a, (ds) => !crossDuplicate(ds), 'the repeat of the excluded 003 to go', 30_000);
      assert.ok(!without.some((d) => d.message.includes('003_3333333333333333')), 'no finding names the excluded article');
      const api = await vscode.extensions.getExtension<SeedAnnotatorApi>('seed-annotator.seed-annotator')!.activate();
      const listed = (await api.listDuplicates()) ?? [];
      assert.ok(!listed.some((d) => d.path.includes('003_') || d.other.path.includes('003_')), `List Duplicates leaves 003 out: ${listed.map((d) => `${d.path} ~ ${d.other.path}`).join('; ')}`);
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await diagnosticsWhen(a, crossDuplicate, 'the repeat of 003 to come back once it is no longer excluded', 30_000);
  });

  it('removes the later copy of a passage repeated inside an article with one undoable quick fix', async () => {
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('004_4444444444444444.txt')));
    const uri = workspaceUri('tmp-dup', '204_4444444444444444.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(source));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await diagnosticsWhen(uri, (ds) => ds.some((d) => ruleOf(d) === 'duplicate-passage'), 'the duplicate-passage warning');
    const warning = diagnostics.find((d) => ruleOf(d) === 'duplicate-passage')!;
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.range.start.line, 5);
    assert.equal(warning.relatedInformation?.[0].location.range.start.line, 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    const remove = actions.find((x) => x.title === 'Remove this duplicate passage');
    assert.ok(remove?.edit, `actions: ${actions.map((x) => x.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    const expected = source.split('\n').slice(0, 5).join('\n') + '\n';
    assert.equal(editor.document.getText(), expected, 'only the later copy is gone');
    await diagnosticsWhen(uri, (ds) => !ds.some((d) => ruleOf(d) === 'duplicate-passage'), 'the warning to go away');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), source, 'undo brings the passage back');
  });

  it('lists duplicate passages of the workspace; the one chosen opens selected, where the diagnostics show a duplicate', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The command shows a quick pick once the search is done: accept its first item as soon as it is there. Without
    // one (no duplicates found, or the command failed) no editor opens and the test fails below.
    const run = vscode.commands.executeCommand('seedAnnotator.listDuplicates');
    const chooser = setInterval(() => void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'), 200);
    try {
      await run;
    } finally {
      clearInterval(chooser);
    }
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'choosing a duplicate opens its article');
    assert.ok(!editor.selection.isEmpty, 'the passage is selected');
    const selected = editor.document.getText(editor.selection);
    assert.ok(selected.split(/\s+/).length >= 5, `a passage of several words is selected: “${selected}”`);
    // The same passage is a duplicate to the analysis: List Duplicates and the diagnostics agree.
    const duplicateRules = new Set(['duplicate-passage', 'cross-document-duplicate']);
    await diagnosticsWhen(
      editor.document.uri,
      (ds) => ds.some((d) => duplicateRules.has(ruleOf(d)) && d.range.intersection(editor.selection) !== undefined),
      `a duplicate diagnostic on lines ${editor.selection.start.line + 1}–${editor.selection.end.line + 1} of ${vscode.workspace.asRelativePath(editor.document.uri)}`,
    );
  });
});
