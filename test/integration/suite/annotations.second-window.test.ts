// Runs in a SECOND window (another workbench page, another extension host) that the code-server launcher opens on the
// same folder when annotations.faults.test.ts asks for it (phase 'second-window', see index.ts). Both windows add
// annotations to the same article at the same time; the first window checks that every one of them is kept.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import { createAnnotation, newAnnotationId } from '../../../src/core';
import { FAULTS_DIR, FAULTS_PHRASES, FAULTS_TEXT, sidecarIds, TWO_WINDOWS_ARTICLE, TWO_WINDOWS_GO, TWO_WINDOWS_READY, twoWindowsDone, whenFile } from './annotationsShared';
import { until, workspaceUri } from './helpers';

describe('Annotations in a second window on the same folder', () => {
  it('adds annotations to the article the first window is annotating, at the same time; every one is kept', async function () {
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>('seed-annotator.seed-annotator');
    assert.ok(extension);
    const api = await extension.activate();
    const uri = workspaceUri(FAULTS_DIR, TWO_WINDOWS_ARTICLE);
    const article = await api.annotations.store.load(uri);
    assert.equal(article.annotations.length, 1, 'the first window’s annotation, read from the sidecar');
    const before = article.annotations.map((a) => a.id);
    assert.notEqual(process.env.SEED_TEST_PHASE_FILE, undefined);

    const go = whenFile(workspaceUri(FAULTS_DIR, TWO_WINDOWS_GO), () => true, 'the go file', 90_000);
    writeFileSync(workspaceUri(FAULTS_DIR, TWO_WINDOWS_READY).fsPath, `${JSON.stringify({ pid: process.pid })}\n`);
    await go;
    const mine: string[] = [];
    for (let i = 0; i < FAULTS_PHRASES.length; i += 2) {
      const words = FAULTS_PHRASES[i];
      const start = FAULTS_TEXT.indexOf(words);
      const range = { start, end: start + words.length };
      const annotation = createAnnotation({ text: FAULTS_TEXT, ...range, source: TWO_WINDOWS_ARTICLE, id: newAnnotationId(), now: new Date().toISOString(), note: `window 2, ${words}` });
      mine.push(annotation.id);
      assert.ok(await api.annotations.store.add(uri, annotation, range));
    }
    writeFileSync(workspaceUri(FAULTS_DIR, twoWindowsDone(2)).fsPath, `${JSON.stringify(mine)}\n`);

    // This window ends up with the first window's annotations too.
    const theirs = JSON.parse(await whenFile(workspaceUri(FAULTS_DIR, twoWindowsDone(1)), () => true, 'the first window to finish', 60_000)) as string[];
    const all = [...before, ...mine, ...theirs];
    const inStore = () => api.annotations.store.get(uri)?.annotations.map((a) => a.id) ?? [];
    await until(api.annotations.store.onDidChange, () => all.every((id) => inStore().includes(id)), 'every annotation of both windows in this window', 60_000, () => JSON.stringify(all.filter((id) => !inStore().includes(id))));
    await api.annotations.flushed();
    const onDisk = sidecarIds(readFileSync(`${uri.fsPath}.annotations.json`, 'utf8'));
    assert.deepEqual(all.filter((id) => !onDisk.includes(id)), [], 'every one in the sidecar');
  });
});
