// Large and hostile inputs in a real VS Code: the live-analysis size limit, and binary files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze } from '../../../src/core';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import { diagnosticsWhen, ruleOf, workspaceUri } from './helpers';
import { busiest, heldMs, startStallProbe } from '../../stallProbe';

const UNATTRIBUTED = 'Ferry strike ends\n\nQueues formed at the northern pier before dawn.\n“The boats sail again tomorrow.”\n';

describe('Robustness in VS Code', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('seedAnnotator').update('maxDocumentSize', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try {
      await vscode.workspace.fs.delete(workspaceUri('tmp-robust'), { recursive: true });
      await vscode.workspace.fs.delete(workspaceUri('.vscode'), { recursive: true });
    } catch {
      // already gone
    }
  });

  it('analyses an article over the size limit only on demand', async () => {
    await vscode.workspace.getConfiguration('seedAnnotator').update('maxDocumentSize', 0.1, vscode.ConfigurationTarget.Workspace);
    const filler = 'The harbour board met again on Friday to discuss the lease of the grain silos.\n'.repeat(2000); // ~160 KB
    const large = workspaceUri('tmp-robust', '300_aaaaaaaaaaaaaaaa.txt');
    const small = workspaceUri('tmp-robust', '301_bbbbbbbbbbbbbbbb.txt');
    await vscode.workspace.fs.writeFile(large, new TextEncoder().encode(UNATTRIBUTED + filler));
    await vscode.workspace.fs.writeFile(small, new TextEncoder().encode(UNATTRIBUTED));
    const largeEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(large));
    // The small article is analysed after the large one was passed over: once its warning is there, the large
    // article has had its turn.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(small), vscode.ViewColumn.Two);
    await diagnosticsWhen(small, (ds) => ds.some((d) => ruleOf(d) === 'unattributed-quote'), 'the small article’s warning');
    assert.deepEqual(vscode.languages.getDiagnostics(large), [], 'nothing published for the large article');

    await vscode.window.showTextDocument(largeEditor.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('seedAnnotator.analyzeCurrentArticle');
    await diagnosticsWhen(large, (ds) => ds.some((d) => ruleOf(d) === 'unattributed-quote'), 'the warning after Analyze Current Article');
    await vscode.workspace.getConfiguration('seedAnnotator').update('maxDocumentSize', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('does not analyse a binary file named like an article', async () => {
    const binary = workspaceUri('tmp-robust', '302_cccccccccccccccc.txt');
    await vscode.workspace.fs.writeFile(binary, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0x22, 0x41, 0x22]));
    // VS Code itself refuses to open it as text; if a build ever does, the extension must still publish nothing.
    let opened = true;
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(binary));
    } catch (error) {
      opened = false;
      assert.match(String(error), /binary/i);
    }

    // An article whose text turns binary in the editor: its findings go, and the analysis says why.
    const article = workspaceUri('tmp-robust', '303_dddddddddddddddd.txt');
    await vscode.workspace.fs.writeFile(article, new TextEncoder().encode(UNATTRIBUTED));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(article), vscode.ViewColumn.Two);
    await diagnosticsWhen(article, (ds) => ds.some((d) => ruleOf(d) === 'unattributed-quote'), 'the article’s warning');
    const whole = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
    assert.ok(await editor.edit((b) => b.replace(whole, '\u0000PNG\u0001\u0002\u0003 “The boats sail again tomorrow.”\n')));
    await diagnosticsWhen(article, (ds) => ds.length === 0, 'the findings to go once the text is binary');
    const api = vscode.extensions.getExtension<SeedAnnotatorApi>('seed-annotator.seed-annotator')!.exports;
    assert.match(api.analysisOf(editor.document).notices.join(' '), /binary/);
    if (opened) assert.deepEqual(vscode.languages.getDiagnostics(binary), [], 'nothing for the binary file VS Code opened');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('places diagnostics after emoji, a BOM and CRLF where TextDocument.positionAt puts them', async () => {
    const uri = workspaceUri('tmp-robust', '304_eeeeeeeeeeeeeeee.txt');
    const text = '\uFEFFHarbour news 🌉\r\n\r\nQueues formed at the pier 👍 before dawn.\r\n🌉🌉 “The boats sail again tomorrow.” 🚢\r\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [warning] = (await diagnosticsWhen(uri, (ds) => ds.some((d) => ruleOf(d) === 'unattributed-quote'), 'the warning')).filter((d) => ruleOf(d) === 'unattributed-quote');
    assert.equal(editor.document.getText(warning.range), '“The boats sail again tomorrow.”');
    assert.deepEqual([warning.range.start.line, warning.range.start.character], [3, 5]);
  });

  it('analyses a mid-sized article as you type, off the extension host', async () => {
    const filler = 'The harbour board met again on Friday to discuss the lease of the grain silos near the quay.\n'.repeat(2200); // ~200 KB
    const uri = workspaceUri('tmp-robust', '305_ffffffffffffffff.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(UNATTRIBUTED + filler));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [warning] = (await diagnosticsWhen(uri, (ds) => ds.some((d) => ruleOf(d) === 'unattributed-quote'), 'the warning from the worker')).filter((d) => ruleOf(d) === 'unattributed-quote');
    const end = warning.range.end;
    // Off the host means the host's event loop keeps turning meanwhile: the longest gap between timer ticks, from the
    // edit until the new diagnostics, must stay well under what analysing this text on the host takes (timed below,
    // in this extension host, as the peer of the same run). A gap counts the time the host ran in it, not the time it
    // waited for a core (see Stall.busyMs).
    const stalls = startStallProbe('typing-200kb', { busy: true });
    await editor.edit((b) => b.replace(new vscode.Range(end.translate(0, -2), end), ',” the harbour master said.'));
    await diagnosticsWhen(uri, (ds) => !ds.some((d) => ruleOf(d) === 'unattributed-quote'), 'the warning to go away after typing');
    const longest = heldMs(busiest(stalls.stop()));
    const text = editor.document.getText();
    const started = performance.now();
    analyze(text);
    const onHost = performance.now() - started;
    assert.ok(longest < onHost / 2, `longest stall of the extension host ${longest.toFixed(0)} ms, against ${onHost.toFixed(0)} ms to analyse the article on it`);
  });
});
