// The extension in a real VS Code: language, diagnostics as you type, hover, quick fix, command, config file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, ruleOf, workspaceUri } from './helpers';

const ARTICLE = '001_1111111111111111.txt';

const hasRule = (rule: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === rule);

/** A fresh copy of the fixture article, so edits never touch the checked-in file. */
async function freshArticle(name: string, text?: string): Promise<vscode.TextEditor> {
  const source = text ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(ARTICLE)));
  const uri = workspaceUri('tmp', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(source));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('Seed Annotator in VS Code', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try {
      await vscode.workspace.fs.delete(workspaceUri('tmp'), { recursive: true });
      await vscode.workspace.fs.delete(workspaceUri('.seed-annotator.json'));
    } catch {
      // already gone
    }
  });

  it('opens article file names as the seed language, and other text files as plain text', async () => {
    const article = await vscode.workspace.openTextDocument(workspaceUri(ARTICLE));
    assert.equal(article.languageId, 'seed');
    const seedTxt = await freshArticle('story.seed.txt');
    assert.equal(seedTxt.document.languageId, 'seed');
    const notes = await vscode.workspace.openTextDocument(workspaceUri('notes.txt'));
    assert.equal(notes.languageId, 'plaintext');
  });

  it('warns on an unattributed quote, and the warning goes away when a speaker is typed in', async () => {
    const editor = await freshArticle('100_aaaaaaaaaaaaaaaa.txt');
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, hasRule('unattributed-quote'), 'the unattributed-quote warning');
    const warning = diagnostics.find((d) => ruleOf(d) === 'unattributed-quote')!;
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.source, 'Seed Annotator');
    assert.equal(editor.document.getText(warning.range), '“The boats sail again tomorrow.”');
    assert.ok(typeof warning.code === 'object' && warning.code.target.path.endsWith('/docs/rules/unattributed-quote.md'));

    // Type an attribution: “The boats sail again tomorrow,” the harbour master said.
    const text = editor.document.getText();
    const period = text.lastIndexOf('.”');
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(period), editor.document.positionAt(period + 2)), ',” the harbour master said.'));
    await diagnosticsWhen(uri, (ds) => !hasRule('unattributed-quote')(ds), 'the warning to go away');
  });

  it('shows the speaker, cue and kind in a hover over a quote', async () => {
    const editor = await freshArticle('101_bbbbbbbbbbbbbbbb.txt');
    await diagnosticsWhen(editor.document.uri, hasRule('unattributed-quote'), 'analysis');
    const offset = editor.document.getText().indexOf('We got what');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset));
    const text = hoverText(hovers);
    assert.match(text, /Direct quote/);
    assert.match(text, /Speaker:\*\* union leader Mara Olsen/);
    assert.match(text, /Cue:\*\* said/);
  });

  it('offers “Add attribution”, which inserts a speaker snippet and clears the warning', async () => {
    const editor = await freshArticle('102_cccccccccccccccc.txt');
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, hasRule('unattributed-quote'), 'the warning');
    const warning = diagnostics.find((d) => ruleOf(d) === 'unattributed-quote')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    const add = actions.find((a) => a.title === 'Add attribution');
    assert.ok(add?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    assert.match(editor.document.getText(), /“The boats sail again tomorrow,” speaker said\./);
    await diagnosticsWhen(uri, (ds) => !hasRule('unattributed-quote')(ds), 'the warning to go away after the fix');
  });

  it('runs “Analyze Current Article” from the command palette', async () => {
    const editor = await freshArticle('103_dddddddddddddddd.txt');
    await vscode.commands.executeCommand('seedAnnotator.analyzeCurrentArticle');
    const diagnostics = await diagnosticsWhen(editor.document.uri, hasRule('unattributed-quote'), 'analysis by the command');
    assert.ok(diagnostics.some((d) => ruleOf(d) === 'scare-quote'), 'the scare quote is reported too');
  });

  it('colours speakers and cues with semantic tokens', async () => {
    const editor = await freshArticle('104_eeeeeeeeeeeeeeee.txt');
    await diagnosticsWhen(editor.document.uri, hasRule('unattributed-quote'), 'analysis');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', editor.document.uri);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', editor.document.uri);
    assert.ok(legend && tokens, 'a semantic tokens provider answers');
    const types = new Set<string>();
    for (let i = 0; i < tokens.data.length; i += 5) types.add(legend.tokenTypes[tokens.data[i + 3]]);
    assert.ok(types.has('seedHeadline') && types.has('seedSpeaker') && types.has('seedCue'), [...types].join(', '));
  });

  it('applies .seed-annotator.json and survives a broken one', async () => {
    const editor = await freshArticle('105_ffffffffffffffff.txt');
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, hasRule('scare-quote'), 'the scare-quote hint');
    const config = workspaceUri('.seed-annotator.json');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "rules": { "scare-quote": "off" } }\n'));
    await diagnosticsWhen(uri, (ds) => !hasRule('scare-quote')(ds) && hasRule('unattributed-quote')(ds), 'scare-quote to be turned off');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "rules": { "scare-quote": "off", \n'));
    const problems = await diagnosticsWhen(config, (ds) => ds.length > 0, 'a problem on the broken config file');
    assert.match(problems[0].message, /Not valid JSON/);
    await diagnosticsWhen(uri, hasRule('scare-quote'), 'the defaults to apply again');
    const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(config));
    assert.equal(after, '{ "rules": { "scare-quote": "off", \n', 'the broken file is left as it was');
  });
});
