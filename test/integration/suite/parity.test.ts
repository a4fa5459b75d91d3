// The editor and the command line give the same results on the same folder: the fixture workspace's articles are
// analysed by the CLI (dist/cli.js, run from the folder, so it reads the same .seed-annotator.json) and by the
// extension (Analyze Current Article on each), and their findings (rule and range, cross-document repeats included)
// and claims are compared.
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
    const fromCli = JSON.parse(cli.stdout) as { files: Array<{ path: string; findings: CliFinding[]; claims: Array<{ id: string }> }> };
    const articles = fromCli.files.filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f.path));
    assert.ok(articles.length >= 5, `articles: ${fromCli.files.map((f) => f.path).join(', ')}`);
    assert.ok(articles.some((f) => f.findings.some((x) => x.rule === 'cross-document-duplicate')), 'the folder has a repeat across articles');
    for (const file of articles) {
      const uri = workspaceUri(file.path);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await vscode.commands.executeCommand('seedAnnotator.analyzeCurrentArticle');
      const inEditor = vscode.languages
        .getDiagnostics(uri)
        .map((d) => key(ruleOf(d), d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1))
        .sort();
      const inCli = file.findings.map((f) => key(f.rule, f.line, f.column, f.endLine, f.endColumn)).sort();
      assert.deepEqual(inEditor, inCli, `${file.path}: the editor's findings, then the CLI's`);
      const claims = (api.claims.store.article(uri)?.claims ?? []).map((c) => c.claim.id).sort();
      assert.deepEqual(claims, file.claims.map((c) => c.id).sort(), `${file.path}: the Claims view's claims, then the CLI's`);
    }
  });
});
