// Runs after the launcher reloaded the window (test/integration/launch-code-server.mjs), in a fresh extension host:
// nothing of the first phase is in memory any more. The article annotated, edited and saved by
// annotations.test.ts is opened again; its comment thread must be on the same words, and its sidecar must hold the
// annotation at their new position; the orphaned annotation must still be in the sidecar, under “Orphaned”. And the
// annotations whose writes were still pending when the window reloaded (annotations.faults.test.ts) are all there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import { ARTICLE, DIR, FAULTS_DIR, INSERTED, NOTE, PENDING_ARTICLE, PENDING_HANDOFF, readSidecar, sidecarIds, whenFile, WORDS, type Handoff, type PendingHandoff } from './annotationsShared';
import { until, workspaceUri } from './helpers';

const EXTENSION_ID = 'seed-annotator.seed-annotator';

describe('Annotations after a window reload', () => {
  let api: SeedAnnotatorApi;
  let handoff: Handoff;
  const uri = () => workspaceUri(DIR, ARTICLE);

  before(async () => {
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    handoff = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(DIR, 'handoff.json'))));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.resolve(vscode.workspace.fs.delete(workspaceUri(DIR), { recursive: true })).catch(() => undefined);
    await Promise.resolve(vscode.workspace.fs.delete(workspaceUri(FAULTS_DIR), { recursive: true })).catch(() => undefined);
  });

  it('runs in a fresh extension host', () => {
    assert.notEqual(process.pid, handoff.pid, 'the reload started a new extension host process');
  });

  it('shows the comment thread on the same words after the text before them was edited and saved', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    assert.ok(editor.document.getText().startsWith(INSERTED), 'the saved edit is in the file');
    const onWords = () => api.annotations.threadsOf(uri()).find((t) => t.range && editor.document.getText(t.range) === WORDS);
    await until(api.annotations.store.onDidChange, () => !!onWords(), 'the comment thread on the annotated words', 15_000, () =>
      JSON.stringify(api.annotations.threadsOf(uri()).map((t) => t.range && editor.document.getText(t.range))),
    );
    const thread = onWords()!;
    assert.equal(thread.comments[0].body, NOTE);
    assert.equal(thread.range!.start.line, 3, 'one line further down than where it was made');

    const { items } = await readSidecar(uri());
    const item = items.find((i) => i.id === handoff.id);
    assert.ok(item, 'the sidecar on disk has the annotation');
    assert.equal(item.target.selector[0].exact, WORDS);
    assert.equal(item.target.selector[1].start, handoff.start);
    assert.equal(editor.document.getText().slice(handoff.start, handoff.start + WORDS.length), WORDS, 'its stored position is that of the saved file');
  });

  it('still has the orphaned annotation in the sidecar, unchanged, and under “Orphaned”', async () => {
    await api.annotations.ready();
    const { items } = await readSidecar(uri());
    assert.equal(JSON.stringify(items.find((i) => i.id === handoff.orphanId)), handoff.orphanJson);
    const group = api.annotations.tree.getChildren().find((n) => n.kind === 'orphaned');
    assert.ok(group, 'an Orphaned group');
    const ids = api.annotations.tree.getChildren(group).map((n) => (n.kind === 'annotation' ? n.entry.annotation.id : ''));
    assert.ok(ids.includes(handoff.orphanId), `orphaned: ${ids.join(', ')}`);
  });

  it('wrote every annotation whose write was still pending when the window reloaded', async function () {
    this.timeout(40_000);
    const pending = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(FAULTS_DIR, PENDING_HANDOFF)))) as PendingHandoff;
    assert.notEqual(pending.pid, process.pid, 'queued in the extension host before the reload');
    const uri = workspaceUri(FAULTS_DIR, PENDING_ARTICLE);
    const missing = (ids: string[]) => pending.ids.filter((id) => !ids.includes(id));
    // The old extension host may still be finishing them while this one starts: wait for the file, not for a time.
    const text = await whenFile(uri.with({ path: `${uri.path}.annotations.json` }), (t) => missing(sidecarIds(t)).length === 0, `the ${pending.ids.length} annotations queued before the reload in the sidecar`, 25_000);
    assert.equal(sidecarIds(text).length, pending.ids.length);
    await api.annotations.store.load(uri);
    const inStore = () => api.annotations.store.get(uri)?.annotations.map((a) => a.id) ?? [];
    await until(api.annotations.store.onDidChange, () => missing(inStore()).length === 0, 'all of them in the Annotations view', 15_000, () => JSON.stringify(missing(inStore())));
  });
});
