// The sources UI in a real VS Code: the Sources view over the workspace (one entry per person, named and anonymous
// groups, quotes under a source, a click reveals one, sort and filter), the information diagnostic on the same quote
// given to two speakers in two articles, and the Sourcing Report webview. The articles are test/fixtures/sources,
// copied into the fixture workspace for this suite and removed after it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhen, ruleOf, until, workspaceUri } from './helpers';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import type { SourceClaimNode, SourceGroupNode, SourceNode, SourceQuoteNode } from '../../../src/extension/sources/view';

const EXTENSION_ID = 'seed-annotator.seed-annotator';
const FIXTURES = ['030_5a0c1e2f3d4b5a69.txt', '031_6b1d2f3e4c5a6b70.txt', '032_7c2e3f4d5b6a7c81.txt', '033_8d3f4a5e6c7b8d92.txt'];

let api: SeedAnnotatorApi;
const groups = () => api.sources.tree.getChildren() as SourceGroupNode[];
const sourceNodes = () => groups().flatMap((g) => api.sources.tree.getChildren(g) as SourceNode[]);
const find = (label: string) => sourceNodes().find((n) => n.source.label === label);
/** Runs a tree item's command and resolves with the editor of its article once it is the active one. */
async function clickAndWaitForEditor(item: vscode.TreeItem, path: string): Promise<vscode.TextEditor> {
  const name = path.split('/').pop()!;
  const isIt = (e: vscode.TextEditor | undefined) => !!e?.document.uri.path.endsWith(name);
  const changed = new Promise<vscode.TextEditor>((resolve) => {
    const l = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (isIt(e)) {
        l.dispose();
        resolve(e!);
      }
    });
  });
  await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
  const active = vscode.window.activeTextEditor;
  return isIt(active) ? active! : changed;
}
const describeTree = () => sourceNodes().map((n) => `${n.source.kind} ${n.source.label} ${n.source.quotes.length}`).join('; ');

describe('Sources view, same-quote diagnostic and Sourcing Report', function () {
  this.timeout(120_000);

  before(async () => {
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID)!;
    api = await extension.activate();
    const fixtures = vscode.Uri.joinPath(vscode.Uri.file(extension.extensionPath), 'test/fixtures/sources');
    // Once the workspace index is built (a file created while it lists the folder could be missed), copy the articles in.
    await api.sources.ready();
    for (const name of FIXTURES) await vscode.workspace.fs.copy(vscode.Uri.joinPath(fixtures, name), workspaceUri(name), { overwrite: true });
    await until(api.sources.store.onDidChange, () => FIXTURES.every((f) => api.sources.store.digests().some((d) => d.path.endsWith(f))), 'the fixtures in the Sources data', 60_000, () => api.sources.store.digests().map((d) => d.path).join(', '));
  });

  after(async () => {
    for (const name of FIXTURES) await vscode.workspace.fs.delete(workspaceUri(name), { useTrash: false }).then(undefined, () => undefined);
    // (Not waited for: a deleted article stays in the data while VS Code keeps its document open.)
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists Putin once, with his quotes across two articles, and anonymous sources by description', async () => {
    await vscode.commands.executeCommand('seedAnnotator.sources.sortByCount');
    assert.deepEqual(
      groups().map((g) => g.sourceKind).filter((k) => k !== 'described'),
      ['named', 'anonymous'],
    );
    const putin = find('Vladimir Putin');
    assert.ok(putin, describeTree());
    assert.equal(putin.source.kind, 'named');
    assert.deepEqual(putin.source.descriptions, ['Russian President']);
    assert.deepEqual(putin.source.articles.map((p) => p.split('/').pop()).sort(), [FIXTURES[0], FIXTURES[1]]);
    assert.equal(sourceNodes().filter((n) => /putin/i.test(n.source.label)).length, 1, describeTree());
    const item = api.sources.tree.getTreeItem(putin);
    assert.match(String(item.description), /2 quotes · \d+ claims? · 2 articles/);
    const adviser = find('a Kremlin security adviser');
    assert.ok(adviser, describeTree());
    assert.equal(adviser.source.kind, 'anonymous');
  });

  it('reveals a quote when its item is clicked', async () => {
    const putin = find('Vladimir Putin')!;
    const children = api.sources.tree.getChildren(putin);
    const quotes = children.filter((n): n is SourceQuoteNode => n.kind === 'quote');
    assert.equal(quotes.length, 2);
    // His claims follow his quotes.
    assert.equal(children.length, quotes.length + putin.source.claimPlaces.length);
    assert.deepEqual(children.map((n) => n.kind), [...quotes.map(() => 'quote'), ...putin.source.claimPlaces.map(() => 'claim')]);
    const item = api.sources.tree.getTreeItem(quotes[0]);
    const changed = new Promise<vscode.TextEditor | undefined>((resolve) => {
      const l = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.uri.path.endsWith(quotes[0].quote.path.split('/').pop()!)) {
          l.dispose();
          resolve(e);
        }
      });
    });
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor?.document.uri.path.endsWith(quotes[0].quote.path.split('/').pop()!) ? vscode.window.activeTextEditor : await changed;
    assert.ok(editor);
    assert.ok(editor.document.getText(editor.selection).includes(quotes[0].quote.text), editor.document.getText(editor.selection));
  });

  it('expands a source that is never quoted to the claims it asserts, and reveals one when its item is clicked', async () => {
    const officials = sourceNodes().find((n) => n.source.id === 'anonymous:senior officials');
    assert.ok(officials, describeTree());
    assert.equal(officials.source.quotes.length, 0);
    const sourceItem = api.sources.tree.getTreeItem(officials);
    assert.equal(sourceItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.match(String(sourceItem.description), /^0 quotes · 2 claims · 2 articles$/);
    const claims = api.sources.tree.getChildren(officials) as SourceClaimNode[];
    assert.deepEqual(
      claims.map((n) => [n.kind, n.claim.path.split('/').pop(), n.claim.line]),
      [
        ['claim', FIXTURES[0], 7],
        ['claim', FIXTURES[3], 8],
      ],
    );
    assert.ok(claims.every((n) => api.sources.tree.getParent(n) === officials));
    const item = api.sources.tree.getTreeItem(claims[0]);
    const sentence = 'Senior officials said the plan was still on the table and that a second round of talks could start in May.';
    // The sentence, shortened for the label.
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    assert.ok(label.endsWith('…') && label.length < sentence.length && sentence.startsWith(label.slice(0, -1)), label);
    assert.equal(item.description, `${claims[0].claim.path}:7`);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'comment');
    assert.equal(item.contextValue, 'sourceClaim');
    assert.match(typeof item.tooltip === 'string' ? item.tooltip : '', /^Claim by .*senior officials \(reported speech\), .*:7\n\nSenior officials said/i);
    const editor = await clickAndWaitForEditor(item, claims[0].claim.path);
    assert.equal(editor.document.getText(editor.selection), sentence);
    // Filtered to one article, the source lists only that article's claim.
    await vscode.commands.executeCommand('seedAnnotator.sources.filterByArticle', claims[1].claim.path);
    const filtered = find(officials.source.label);
    assert.ok(filtered, describeTree());
    assert.deepEqual((api.sources.tree.getChildren(filtered) as SourceClaimNode[]).map((n) => n.claim.line), [8]);
    await vscode.commands.executeCommand('seedAnnotator.sources.filterByArticle', null);
  });

  it('sorts by name and filters by article', async () => {
    await vscode.commands.executeCommand('seedAnnotator.sources.sortByName');
    const named = (api.sources.tree.getChildren(groups()[0]) as SourceNode[]).map((n) => n.source.label);
    assert.deepEqual(named, [...named].sort((a, b) => a.localeCompare(b)));
    const path = api.sources.store.digests().find((d) => d.path.endsWith(FIXTURES[2]))!.path;
    await vscode.commands.executeCommand('seedAnnotator.sources.filterByArticle', path);
    assert.ok(sourceNodes().length > 0);
    assert.ok(sourceNodes().every((n) => n.source.articles.includes(path)), describeTree());
    assert.ok(!find('Vladimir Putin'));
    await vscode.commands.executeCommand('seedAnnotator.sources.filterByArticle', null);
    await vscode.commands.executeCommand('seedAnnotator.sources.sortByCount');
    assert.ok(find('Vladimir Putin'));
  });

  it('flags the same quote given to two speakers in two articles, with the other article as related information', async () => {
    const uri = workspaceUri(FIXTURES[2]);
    const diagnostics = await diagnosticsWhen(uri, (ds) => ds.some((d) => ruleOf(d) === 'same-quote-other-speaker'), 'the same-quote diagnostic', 60_000);
    const same = diagnostics.filter((d) => ruleOf(d) === 'same-quote-other-speaker');
    assert.ok(same.every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    const peskov = same.find((d) => /a Kremlin security adviser/.test(d.message));
    assert.ok(peskov, same.map((d) => d.message).join('\n'));
    const related = peskov.relatedInformation?.[0];
    assert.ok(related);
    assert.ok(related.location.uri.path.endsWith(FIXTURES[0]));
    const other = await vscode.workspace.openTextDocument(related.location.uri);
    assert.ok(other.getText(related.location.range).includes('This is about our very survival'));
    const marked = find('Dmitry Peskov')!;
    assert.match(String(api.sources.tree.getTreeItem(marked).description), /same quote elsewhere/);
  });

  it('opens the Sourcing Report webview with its charts, and a click there reveals the article', async () => {
    const rendered = new Promise<string>((resolve) => {
      const l = api.sources.onDidRenderReport((html) => {
        l.dispose();
        resolve(html);
      });
    });
    await vscode.commands.executeCommand('seedAnnotator.showSourcingReport');
    const html = await rendered;
    const panel = api.sources.reportPanel();
    assert.ok(panel?.visible);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-[0-9a-f]{32}&#39;; script-src &#39;nonce-[0-9a-f]{32}&#39;/);
    assert.equal((html.match(/<svg class="chart"/g) ?? []).length, 4);
    assert.match(html, /data-source="named:vladimir putin">Vladimir Putin</);
    assert.match(html, /var\(--vscode-editor-background/);
    // The duplicate passages across articles, as the command line's report of the same folder lists them.
    const section = (page: string) => (/<section id="duplicates">.*?<\/section>/s.exec(page)?.[0] ?? '').replace(/ href="#[^"]*"/g, '');
    assert.match(section(html), /data-path="002_2222222222222222.txt"[^>]*>002_2222222222222222.txt:3<\/a><\/td><td><a class="quote-link" data-path="003_3333333333333333.txt"/);
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID)!;
    const cli = spawnSync(process.execPath, [join(extension.extensionPath, 'dist', 'cli.js'), 'report', '.'], { cwd: workspaceUri().fsPath, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(section(html), section(cli.stdout), `the webview's duplicate passages, then the CLI's (${cli.stderr})`);
    // Repeats inside one article (004 repeats a passage of its own) have their figure, apart from those across articles.
    const figure = (page: string, label: string) => new RegExp(`<div class="figure-value">([^<]*)</div><div class="figure-label">${label}</div>`).exec(page)?.[1];
    assert.ok(Number(figure(html, 'passages repeated inside an article')) >= 1, html);
    for (const label of ['passages repeated inside an article', 'passages repeated across articles']) assert.equal(figure(html, label), figure(cli.stdout, label), label);
    const path = api.sources.store.digests().find((d) => d.path.endsWith(FIXTURES[1]))!.path;
    await api.sources.handleReportMessage({ type: 'reveal', path, start: 0, end: 5 });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.path.endsWith(FIXTURES[1]));
    assert.equal(editor.document.getText(editor.selection), 'Talks');
    panel.dispose();
  });
});
