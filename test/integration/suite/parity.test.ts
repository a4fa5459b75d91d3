// The editor and the command line give the same results on the same folder: the fixture workspace's articles are
// analysed by the CLI (dist/cli.js, run from the folder, so it reads the same .seed-annotator.json) and by the
// extension (Analyze Current Article on each), and their findings (rule and range, cross-document repeats included),
// claims (with their lines) and List Duplicates' passages are compared.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import { ruleOf, workspaceUri } from './helpers';

interface CliFinding {
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const key = (rule: string, line: number, column: number, endLine: number, endColumn: number) => `${rule} ${line}:${column}-${endLine}:${endColumn}`;

describe('Editor and command line', function () {
  this.timeout(120_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('give the same findings and claims for every article of a folder', async () => {
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>('seed-annotator.seed-annotator')!;
    const api = await extension.activate();
    await api.claims.ready();
    const folder = workspaceUri().fsPath;
    const cli = spawnSync(process.execPath, [join(extension.extensionPath, 'dist', 'cli.js'), 'analyze', '--format', 'json', '.'], { cwd: folder, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.ok(cli.stdout, `the CLI printed nothing: ${cli.stderr}`);
    const fromCli = JSON.parse(cli.stdout) as { files: Array<{ path: string; findings: CliFinding[]; claims: Array<{ id: string; start: number }> }> };
    const articles = fromCli.files.filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f.path));
    assert.ok(articles.length >= 5, `articles: ${fromCli.files.map((f) => f.path).join(', ')}`);
    assert.ok(articles.some((f) => f.findings.some((x) => x.rule === 'cross-document-duplicate')), 'the folder has a repeat across articles');
    for (const file of articles) {
      const uri = workspaceUri(file.path);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('seedAnnotator.analyzeCurrentArticle');
      const inEditor = vscode.languages
        .getDiagnostics(uri)
        .map((d) => key(ruleOf(d), d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1))
        .sort();
      const inCli = file.findings.map((f) => key(f.rule, f.line, f.column, f.endLine, f.endColumn)).sort();
      assert.deepEqual(inEditor, inCli, `${file.path}: the editor's findings, then the CLI's`);
      const claims = (api.claims.store.article(uri)?.claims ?? []).map((c) => `${c.claim.id} line ${c.line}`).sort();
      assert.deepEqual(claims, file.claims.map((c) => `${c.id} line ${document.positionAt(c.start).line + 1}`).sort(), `${file.path}: the Claims view's claims and their lines, then the CLI's`);
    }
  });

  it('list the same duplicate passages (List Duplicates and the CLI’s duplicates)', async () => {
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>('seed-annotator.seed-annotator')!;
    const api = await extension.activate();
    const folder = workspaceUri().fsPath;
    const articles = (await vscode.workspace.fs.readDirectory(workspaceUri())).map(([name]) => name).filter((n) => /^\d{3}_[0-9a-f]+\.txt$/.test(n));
    const cli = spawnSync(process.execPath, [join(extension.extensionPath, 'dist', 'cli.js'), 'duplicates', '--format', 'json', ...articles], { cwd: folder, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.ok(cli.stdout, `the CLI printed nothing: ${cli.stderr}`);
    type Listed = { path: string; line: number; endLine: number; other: { path: string; line: number; endLine: number }; words: number; similarity: number };
    const show = (d: Listed) => `${d.path}:${d.line}-${d.endLine} ~ ${d.other.path}:${d.other.line}-${d.other.endLine} (${d.words} words, ${d.similarity})`;
    const fromCli = (JSON.parse(cli.stdout) as { duplicates: Listed[] }).duplicates.map(show).sort();
    assert.ok(fromCli.some((d) => d.split(' ~ ')[0].split(':')[0] !== d.split(' ~ ')[1].split(':')[0]), `a repeat across articles: ${fromCli.join('; ')}`);
    const name = (id: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(id), false);
    const inEditor = ((await api.listDuplicates()) ?? [])
      .filter((d) => articles.includes(name(d.path)) && articles.includes(name(d.other.path)))
      .map((d) => show({ ...d, path: name(d.path), other: { ...d.other, path: name(d.other.path) } }))
      .sort();
    assert.deepEqual(inEditor, fromCli, 'List Duplicates in the editor, then the CLI');
  });
});
