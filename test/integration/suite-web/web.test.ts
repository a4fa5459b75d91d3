// The extension in VS Code for the Web: it runs in the web worker extension host (no Node), activates on a seed
// article, reports an unattributed quote, lists claims, analyses a large article in a Web Worker, the walkthrough's
// sample opens, and annotating works without crypto.randomUUID (a page served over plain http).
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import { after, assert, describe, it } from './runner';
import { diagnosticsWhen, ruleOf, workspaceUri } from '../suite/helpers';

const EXTENSION_ID = 'seed-annotator.seed-annotator';
const ARTICLE = '001_1111111111111111.txt';

const extension = () => vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID);

/** What the host looks like from inside it, reported with the results (evidence of where the suite ran). */
export function hostFacts(): Record<string, unknown> {
  const g = globalThis as Record<string, unknown>;
  const ext = extension();
  return {
    typeofProcess: typeof g.process,
    workerGlobalScope: typeof g.WorkerGlobalScope === 'function' && g.self instanceof (g.WorkerGlobalScope as new () => unknown),
    typeofNavigator: typeof g.navigator,
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    remoteName: vscode.env.remoteName ?? null,
    extensionKind: ext ? (ext.extensionKind === vscode.ExtensionKind.UI ? 'ui' : 'workspace') : null,
    runtime: ext?.isActive ? (ext.exports?.runtime ?? null) : null,
    largeArticleAnalysis: ext?.isActive ? (ext.exports?.largeArticleAnalysis() ?? null) : null,
  };
}

const hasUnattributed = (d: vscode.Diagnostic[]) => d.some((x) => ruleOf(x) === 'unattributed-quote');

describe('VS Code for the Web', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs in the web worker extension host, not in Node', () => {
    const facts = hostFacts();
    assert.equal(facts.typeofProcess, 'undefined', 'no Node `process` in this host');
    assert.equal(facts.workerGlobalScope, true, 'the host is a Web Worker (self instanceof WorkerGlobalScope)');
    assert.equal(facts.uiKind, 'web', 'vscode.env.uiKind');
    const ext = extension();
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    // Extensions in a remote (Node) extension host report Workspace; those in the web worker host report UI.
    assert.equal(ext.extensionKind, vscode.ExtensionKind.UI, 'the extension runs on the UI side (the web worker host)');
    assert.ok(String(ext.packageJSON.browser).endsWith('dist/web/extension.js'), 'package.json has a browser entry');
  });

  it('activates on a seed article and reports its unattributed quote', async () => {
    const uri = workspaceUri(ARTICLE);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'seed');
    const diagnostics = await diagnosticsWhen(uri, hasUnattributed, 'the unattributed-quote warning');
    const warning = diagnostics.find((d) => ruleOf(d) === 'unattributed-quote')!;
    assert.equal(document.getText(warning.range), '“The boats sail again tomorrow.”');
    const ext = extension()!;
    assert.ok(ext.isActive, 'activated by opening the article (onLanguage:seed)');
    assert.equal(ext.exports.runtime, 'web', 'the API reports the web runtime (the bundle built from platform/web.ts)');
  });

  it('lists the claims of the workspace in the Claims view', async () => {
    const api = extension()!.exports;
    await api.claims.ready();
    const groups = api.claims.tree.getChildren();
    const claims = groups.flatMap((g) => api.claims.tree.getChildren(g));
    assert.ok(claims.length > 0, `the Claims view lists claims (groups: ${groups.length})`);
    const articles = new Set(api.claims.store.all().filter((a) => a.claims.length > 0).map((a) => a.label));
    assert.ok(articles.size >= 2, `claims come from the articles of the workspace, read through its file system (got ${[...articles].join(', ')})`);
    await vscode.commands.executeCommand('seedAnnotator.claims.focus');
  });

  it('analyses an article over 64 KB in a Web Worker', async () => {
    const sentence = 'The council met on Friday and approved the budget for the harbour. “We are ready,” Ana Ortiz said.\n';
    const content = 'Head\n' + sentence.repeat(Math.ceil(80_000 / sentence.length)) + 'The vote was close.\n\nThe board will meet again in May.\n\n“Nobody asked the people on the quay.”\n';
    const document = await vscode.workspace.openTextDocument({ language: 'seed', content });
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsWhen(document.uri, hasUnattributed, 'the large article’s unattributed-quote warning', 60_000);
    assert.equal(document.getText(diagnostics.find((d) => ruleOf(d) === 'unattributed-quote')!.range), '“Nobody asked the people on the quay.”');
    assert.equal(extension()!.exports.largeArticleAnalysis(), 'web-worker', 'analysed in a Web Worker (dist/web/worker.js)');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }, 90_000);

  it('opens the walkthrough’s sample article, with its unattributed quote selected', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('seedAnnotator.openSample');
    const active = vscode.window.activeTextEditor;
    assert.ok(active, 'an editor is open');
    assert.equal(active.document.languageId, 'seed');
    assert.ok(active.document.uri.path.endsWith('/seed-annotator-sample.seed.txt'), `the sample is saved in the folder (${active.document.uri.toString()})`);
    assert.ok(editor && editor.document === active.document, 'the command returns the editor');
    assert.ok(active.document.getText(active.selection).startsWith('“Nobody asked'), 'the unattributed quote is selected');
    await diagnosticsWhen(active.document.uri, hasUnattributed, 'the sample’s unattributed-quote warning');
  });

  it('annotates where crypto.randomUUID is missing (VS Code for the Web over plain http is not a secure context)', async () => {
    const api = extension()!.exports;
    const uri = workspaceUri('tmp-web-annotations', '060_a1b2c3d4e5f60718.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('Ferry news\n\nThe first ferry leaves at 6 a.m. from the northern pier.\n'));
    const crypto = globalThis.crypto as unknown as Record<string, unknown>;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true, writable: true });
    try {
      assert.equal(typeof globalThis.crypto.randomUUID, 'undefined', 'randomUUID is gone, as outside a secure context');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await api.annotations.store.load(uri);
      const at = editor.document.getText().indexOf('northern pier');
      editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 'northern pier'.length));
      const annotation = await vscode.commands.executeCommand<{ id: string }>('seedAnnotator.annotateSelection', { note: 'Which pier?' });
      assert.ok(annotation, 'annotated');
      assert.ok(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(annotation.id), `a v4 UUID: ${annotation.id}`);
      const sidecar = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri.with({ path: `${uri.path}.annotations.json` }))));
      assert.equal(JSON.stringify(sidecar.items.map((i: { id: string }) => i.id)), JSON.stringify([annotation.id]), 'written to the sidecar');
    } finally {
      delete crypto.randomUUID;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await Promise.resolve(vscode.workspace.fs.delete(workspaceUri('tmp-web-annotations'), { recursive: true })).catch(() => undefined);
    }
  });
});
