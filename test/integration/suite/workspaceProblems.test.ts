// Analyze Workspace in a real VS Code: an article that was never opened gets its warning in the Problems panel, a
// binary article is skipped and said so (here, in the Sources view and in the report), the problems follow the file on disk (changed, deleted), an article opened
// and closed keeps them, a cancelled pass stops where it was, and Clear Workspace Problems removes them. The articles
// are written into the fixture workspace for this suite and removed after it. Every wait is on an event.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as vscode from 'vscode';
import { article, busiest, describeStalls, heldMs, startStallProbe, type Stall } from '../../stallProbe';
import { diagnosticsWhen, ruleOf, until, workspaceUri } from './helpers';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';

const EXTENSION_ID = 'seed-annotator.seed-annotator';
const UNOPENED = '040_4040404040404040.txt';
const BINARY = '041_4141414141414141.txt';
const ARTICLE = [
  'Harbour dredging to start in spring',
  '',
  'The port authority said dredging of the northern channel would begin in March and last six weeks.',
  'The work will cost 4.2 million euros.',
  'Trawlers will be moved to the southern quay.',
  '“Nobody asked the fishermen what this does to the catch.”',
  '',
].join('\n');

let api: SeedAnnotatorApi;
const encode = (text: string) => new TextEncoder().encode(text);
const unattributed = (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === 'unattributed-quote' && d.severity === vscode.DiagnosticSeverity.Warning);

describe('Analyze Workspace', function () {
  this.timeout(120_000);

  before(async () => {
    api = await vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID)!.activate();
    await vscode.workspace.fs.writeFile(workspaceUri(UNOPENED), encode(ARTICLE));
    await vscode.workspace.fs.writeFile(workspaceUri(BINARY), new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]));
  });

  after(async () => {
    api.workspaceProblems.clear();
    for (const name of [UNOPENED, BINARY, 'tmp-ws-stall']) await vscode.workspace.fs.delete(workspaceUri(name), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('puts the warning of an article that was never opened into Problems, and Clear removes it', async () => {
    const uri = workspaceUri(UNOPENED);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the article is not open');
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
    const shown = diagnosticsWhen(uri, unattributed, 'the unattributed-quote warning of the unopened article', 60_000);
    await vscode.commands.executeCommand('seedAnnotator.analyzeWorkspace');
    const diagnostics = await shown;
    const warning = diagnostics.find((d) => ruleOf(d) === 'unattributed-quote')!;
    assert.equal(warning.range.start.line, 5, 'on the quote’s line');
    assert.equal(warning.range.start.character, 0);
    assert.ok(api.workspaceProblems.active);
    assert.deepEqual(vscode.languages.getDiagnostics(workspaceUri(BINARY)), [], 'a binary article has no problems');

    const cleared = diagnosticsWhen(uri, (ds) => ds.length === 0, 'no problems after Clear Workspace Problems');
    await vscode.commands.executeCommand('seedAnnotator.clearWorkspaceProblems');
    await cleared;
    assert.equal(api.workspaceProblems.active, false);
  });

  it('counts the binary article as skipped', async () => {
    const summary = await api.workspaceProblems.analyze();
    assert.ok(summary.articles >= 2, JSON.stringify(summary));
    assert.equal(summary.done, summary.articles);
    // (Other suites' articles may be in the folder too: at least this suite's binary one.)
    assert.ok(summary.binary >= 1, JSON.stringify(summary));
    assert.equal((api.workspaceProblems.collection.get(workspaceUri(BINARY)) ?? []).length, 0);
    assert.equal(summary.cancelled, false);
  });

  it('has the Sources view and the report say the binary article was left out', async () => {
    await api.sources.ready();
    const skipped = () => api.sources.store.digests().find((d) => d.path === BINARY);
    await until(api.sources.store.onDidChange, () => skipped() !== undefined, 'the binary article in the Sources data', 30_000);
    assert.deepEqual(skipped()!.notices, ['skipped: looks like a binary file']);
    assert.match(String(api.sources.view.message), /^\d+ files? of \d+ left out: (it looks|they look) binary\.$/);
    const rendered = new Promise<string>((resolve) => {
      const l = api.sources.onDidRenderReport((html) => {
        l.dispose();
        resolve(html);
      });
    });
    await vscode.commands.executeCommand('seedAnnotator.showSourcingReport');
    assert.match(await rendered, new RegExp(`data-path="${BINARY}">${BINARY}</a></td><td colspan="9" class="muted">skipped: looks like a binary file`));
    api.sources.reportPanel()?.dispose();
  });

  it('follows the file on disk: a change re-reads it, a deletion clears it', async () => {
    const uri = workspaceUri(UNOPENED);
    await diagnosticsWhen(uri, unattributed, 'the warning after the pass');
    const fixed = diagnosticsWhen(uri, (ds) => !unattributed(ds), 'the warning gone once the quote has a speaker on disk');
    await vscode.workspace.fs.writeFile(uri, encode(ARTICLE.replace('catch.”', 'catch,” fisherman Ola Berg said.')));
    await fixed;
    const back = diagnosticsWhen(uri, unattributed, 'the warning back once the speaker is removed again');
    await vscode.workspace.fs.writeFile(uri, encode(ARTICLE));
    await back;
    const gone = diagnosticsWhen(uri, (ds) => ds.length === 0, 'no problems once the file is deleted');
    await vscode.workspace.fs.delete(uri, { useTrash: false });
    await gone;
    await vscode.workspace.fs.writeFile(uri, encode(ARTICLE));
    await diagnosticsWhen(uri, unattributed, 'the warning of the article created again');
  });

  it('keeps the problems of an article opened and closed (keepWhenClosed, the default)', async () => {
    const uri = workspaceUri(UNOPENED);
    await diagnosticsWhen(uri, unattributed, 'the warning before opening');
    // Opened by the workbench (vscode.open), not by openTextDocument, whose reference would keep the document open
    // for minutes after its editor closes.
    const opened = until(vscode.workspace.onDidOpenTextDocument, () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the article open');
    await vscode.commands.executeCommand('vscode.open', uri);
    await opened;
    // While open, the editor's live problems stand in for the workspace's: one warning, not two.
    await until(vscode.languages.onDidChangeDiagnostics, () => (api.workspaceProblems.collection.get(uri) ?? []).length === 0 && unattributed(vscode.languages.getDiagnostics(uri)), 'the live warning only');
    assert.equal(vscode.languages.getDiagnostics(uri).filter((d) => ruleOf(d) === 'unattributed-quote').length, 1);
    const kept = until(vscode.languages.onDidChangeDiagnostics, () => unattributed([...(api.workspaceProblems.collection.get(uri) ?? [])]), 'the workspace warning after closing', 30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await kept;
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'closed');
  });

  it('stops when cancelled, after the article it was reading', async () => {
    api.workspaceProblems.clear();
    const source = new vscode.CancellationTokenSource();
    const summary = await api.workspaceProblems.analyze(source.token, (done) => done === 1 && source.cancel());
    assert.ok(summary.articles > 1, JSON.stringify(summary));
    assert.equal(summary.done, 1);
    assert.equal(summary.cancelled, true);
    source.dispose();
  });

  it('reads a 1.5 MB article with no extension host stall over 100 ms', async function () {
    const big = workspaceUri('tmp-ws-stall', '420_1500000000000000.txt');
    await fs.mkdir(workspaceUri('tmp-ws-stall').fsPath, { recursive: true });
    await fs.writeFile(big.fsPath, article(1_500_000));
    const probe = startStallProbe('analyze-workspace', { busy: true });
    let summary: Awaited<ReturnType<typeof api.workspaceProblems.analyze>>;
    let worst: Stall[];
    try {
      summary = await api.workspaceProblems.analyze();
    } finally {
      worst = probe.stop();
    }
    const load = loadavg()[0];
    console.log(`      Analyze Workspace with a 1.5 MB article: longest extension host stalls ${describeStalls(worst)} (load average ${load.toFixed(1)} on ${cpus().length} cores)`);
    assert.equal(summary.done, summary.articles);
    assert.ok(api.workspaceProblems.collection.get(big) !== undefined);
    // As in stall.test.ts: the thread's running time where Linux tells it; a whole gap only on a machine with room.
    if (worst[0].busyMs === undefined && load > 2 * cpus().length) this.skip();
    const held = busiest(worst);
    assert.ok(heldMs(held) < 100, `the extension host ran ${heldMs(held).toFixed(0)} ms without a break (in a ${held.ms.toFixed(0)} ms gap)`);
  });
});
