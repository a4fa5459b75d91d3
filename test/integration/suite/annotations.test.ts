// Annotations in a real VS Code, before a window reload: Annotate Selection… makes a comment thread and a sidecar;
// the thread follows the words when text is inserted before them, and the save rewrites their position; an annotation
// whose words are deleted is kept (orphaned); verdicts on claims; a broken sidecar; export; re-attach; delete.
// annotations.after-reload.test.ts reads the same article back in a fresh extension host after the launcher reloads
// the window (see test/integration/launch-code-server.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import type { SeedAnnotation } from '../../../src/core';
import { ARTICLE, DIR, GONE, INSERTED, NOTE, readSidecar, removeTestFolder, WORDS, type Handoff, type SidecarItem } from './annotationsShared';
import { reloadFollows, until, workspaceUri } from './helpers';

const EXTENSION_ID = 'seed-annotator.seed-annotator';
const FIXTURE = '020_a1b2c3d4e5f60718.txt';

let api: SeedAnnotatorApi;

const labelText = (label: string | vscode.TreeItemLabel | undefined): string => (typeof label === 'string' ? label : (label?.label ?? ''));

async function select(editor: vscode.TextEditor, words: string): Promise<void> {
  const offset = editor.document.getText().indexOf(words);
  assert.ok(offset >= 0, `“${words}” is in the article`);
  editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset + words.length));
}

function nextWrite(uri: vscode.Uri, what: string): Promise<void> {
  let written = false;
  const listener = api.annotations.store.onDidWrite((u) => {
    if (u.toString() === uri.toString()) written = true;
  });
  return until(api.annotations.store.onDidWrite, () => written, what).finally(() => listener.dispose());
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n')
    .replace(/\\/g, '');
}

const roots = () => api.annotations.tree.getChildren();
const orphanIds = () => {
  const group = roots().find((n) => n.kind === 'orphaned');
  return group ? api.annotations.tree.getChildren(group).map((n) => (n.kind === 'annotation' ? n.entry.annotation.id : '')) : [];
};

describe('Annotations in VS Code', () => {
  let uri: vscode.Uri;
  let editor: vscode.TextEditor;

  before(async () => {
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    await api.annotations.ready();
    await removeTestFolder(api.annotations.store, DIR);
    uri = workspaceUri(DIR, ARTICLE);
    await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(workspaceUri(FIXTURE)));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The reload test reads this folder back in a fresh window; it removes it then.
    if (!reloadFollows()) await Promise.resolve(vscode.workspace.fs.delete(workspaceUri(DIR), { recursive: true })).catch(() => undefined);
  });

  it('annotates the selected words with a note and a tag: a comment thread on them, and the sidecar beside the article', async () => {
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await api.annotations.store.load(uri);
    await select(editor, WORDS);
    const annotation = await vscode.commands.executeCommand<SeedAnnotation>('seedAnnotator.annotateSelection', { note: NOTE, tags: ['needs source'] });
    assert.ok(annotation?.id.startsWith('urn:uuid:'), 'the command returns the new annotation');

    const [thread] = api.annotations.threadsOf(uri);
    assert.ok(thread, 'a comment thread');
    assert.equal(editor.document.getText(thread.range), WORDS);
    assert.equal(thread.comments[0].body, NOTE);
    assert.equal(thread.label, '#needs source');
    assert.equal(thread.contextValue, 'annotation');

    const { items } = await readSidecar(uri);
    const item = items.find((i) => i.id === annotation.id);
    assert.ok(item, 'the sidecar holds the annotation');
    assert.equal(item.target.source, ARTICLE);
    assert.equal(item.target.selector[0].exact, WORDS);
    assert.equal(item.target.selector[1].start, editor.document.getText().indexOf(WORDS));
    assert.deepEqual(item.body.map((b) => [b.purpose, b.value]), [['commenting', NOTE], ['tagging', 'needs source']]);
  });

  it('keeps the thread on the same words when text is inserted before them, and saves their new position', async () => {
    const [thread] = api.annotations.threadsOf(uri);
    const line = thread.range!.start.line;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), INSERTED);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until(api.annotations.store.onDidChange, () => thread.range!.start.line === line + 1, 'the thread to move down a line', 10_000, () => JSON.stringify(thread.range));
    assert.equal(editor.document.getText(thread.range), WORDS);

    const written = nextWrite(uri, 'the sidecar to be rewritten on save');
    assert.ok(await editor.document.save(), `VS Code saved the article (still dirty: ${editor.document.isDirty}, closed: ${editor.document.isClosed})`);
    await written;
    const { items } = await readSidecar(uri);
    const start = editor.document.getText().indexOf(WORDS);
    assert.equal(start, new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(FIXTURE))).indexOf(WORDS) + INSERTED.length);
    assert.deepEqual([items[0].target.selector[1].start, items[0].target.selector[1].end], [start, start + WORDS.length], 'the position matches the saved file');
  });

  it('keeps an annotation whose words are deleted: orphaned, listed under “Orphaned”, unchanged in the sidecar', async () => {
    await select(editor, GONE);
    const orphan = await vscode.commands.executeCommand<SeedAnnotation>('seedAnnotator.annotateSelection', { note: 'Compare with the old floor plan.' });
    const before = (await readSidecar(uri)).items.find((i) => i.id === orphan.id);
    assert.ok(before);
    assert.equal(api.annotations.threadsOf(uri).length, 2);

    // Delete “, twice as many as before the works began”.
    const text = editor.document.getText();
    const at = text.indexOf(GONE);
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(at - 2), editor.document.positionAt(at + GONE.length)))));
    await until(api.annotations.tree.onDidChangeTreeData, () => orphanIds().includes(orphan.id), 'the annotation under “Orphaned”', 10_000, () => JSON.stringify(orphanIds()));
    const group = roots().find((n) => n.kind === 'orphaned')!;
    assert.equal(api.annotations.tree.getTreeItem(group).label, 'Orphaned');
    const item = api.annotations.tree.getTreeItem(api.annotations.tree.getChildren(group).find((n) => n.kind === 'annotation' && n.entry.annotation.id === orphan.id)!);
    assert.equal(item.contextValue, 'annotation.orphaned');
    assert.equal(api.annotations.threadsOf(uri).length, 1, 'no thread for the orphaned annotation');

    assert.ok(await editor.document.save());
    await api.annotations.flushed();
    const after = (await readSidecar(uri)).items.find((i) => i.id === orphan.id);
    assert.deepEqual(after, before, 'kept in the sidecar exactly as it was');
    assert.ok(orphanIds().includes(orphan.id), 'still orphaned after the save');

    const annotated = (await readSidecar(uri)).items.find((i) => i.target.selector[0].exact === WORDS)!;
    const handoff: Handoff = { pid: process.pid, id: annotated.id, start: annotated.target.selector[1].start, orphanId: orphan.id, orphanJson: JSON.stringify(after) };
    await vscode.workspace.fs.writeFile(workspaceUri(DIR, 'handoff.json'), new TextEncoder().encode(JSON.stringify(handoff)));
  });

  it('marks the claim under the cursor disputed, then verified; the Claims view and the hover show the verdict', async () => {
    // A claim the Claims view lists at the default minimum score, in a sentence the earlier tests leave as it is.
    const sentence = '“We expect 2,000 visitors a day in the first month,” chief librarian Ines Moreau said.';
    const claimOf = () => api.analysisOf(editor.document)?.claims.find((c) => c.text === sentence);
    const claim = claimOf()!;
    assert.ok(claim, 'the sentence is a claim');
    const minScore = vscode.workspace.getConfiguration('seedAnnotator.claims').get<number>('minScore')!;
    assert.ok(claim.score >= minScore, `the Claims view lists it: score ${claim.score} ≥ ${minScore}`);
    editor.selection = new vscode.Selection(editor.document.positionAt(claim.start + 3), editor.document.positionAt(claim.start + 3));

    const disputed = await vscode.commands.executeCommand<SeedAnnotation>('seedAnnotator.markClaimDisputed');
    assert.equal(disputed?.claimId, claim.id);
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(claim.start + 3)));
    assert.match(hover, /Verdict:\*\* ✗ disputed/);
    await api.claims.ready();
    const description = () => {
      const node = api.claims.tree.nodeOf(uri, claim.id);
      return node ? String(api.claims.tree.getTreeItem(node).description) : '';
    };
    await until(api.claims.tree.onDidChangeTreeData, () => description().startsWith('✗ disputed · '), 'the verdict in the Claims view', 15_000, description);

    const verified = await vscode.commands.executeCommand<SeedAnnotation>('seedAnnotator.markClaimVerified');
    assert.equal(verified.id, disputed.id, 'one verdict per claim: marking it again changes it');
    await until(api.claims.tree.onDidChangeTreeData, () => description().startsWith('✓ verified · '), 'the new verdict in the Claims view', 15_000, description);
    const items = (await readSidecar(uri)).items.filter((i) => i.claimId === claim.id);
    assert.deepEqual(items.map((i) => i.body.map((b) => [b.purpose, b.value])), [[['assessing', 'verified']]]);
  });

  it('shows a verdict without a note as what it is: one pair of quote marks in the Annotations view, a readable date, a “Verdict” comment', async () => {
    const sentence = '“We expect 2,000 visitors a day in the first month,” chief librarian Ines Moreau said.';
    const id = (await readSidecar(uri)).items.find((i) => i.target.selector[0].exact === sentence && i.claimId)?.id;
    assert.ok(id, 'the verdict of the test before');
    const itemOf = () => {
      const group = roots().find((n) => n.kind === 'article' && n.article.uri.toString() === uri.toString());
      const node = group && api.annotations.tree.getChildren(group).find((n) => n.kind === 'annotation' && n.entry.annotation.id === id);
      return node && api.annotations.tree.getTreeItem(node);
    };
    await until(api.annotations.tree.onDidChangeTreeData, () => String(itemOf()?.description ?? '').startsWith('✓ verified'), 'the verdict in the Annotations view', 15_000, () => String(itemOf()?.description));
    const item = itemOf()!;
    const label = labelText(item.label);
    // The sentence opens with its own mark: no second one, and the pair it opens is closed even when shortened.
    assert.ok(label.startsWith('“We expect 2,000 visitors') && !label.startsWith('““'), label);
    assert.equal([...label].filter((c) => c === '“').length, [...label].filter((c) => c === '”').length, label);
    assert.ok(label.length <= 64, label);

    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    const tooltip = item.tooltip.value.replace(/\\/g, '');
    const created = api.annotations.store.entries(uri).find((e) => e.annotation.id === id)?.annotation.created;
    assert.ok(created, 'the stored creation time');
    const month = new Date(created).toLocaleString(vscode.env.language, { month: 'long' });
    assert.match(tooltip, new RegExp(`Created:\\*\\* [^\\n]*${month}[^\\n]*${new Date(created).getFullYear()}`), tooltip);
    assert.doesNotMatch(tooltip, /\d{4}-\d\d-\d\dT\d\d:\d\d/, 'no ISO timestamps');

    const thread = api.annotations.threadsOf(uri).find((t) => t.range && editor.document.getText(t.range) === sentence);
    assert.ok(thread, 'the verdict’s comment thread');
    const [first] = thread.comments;
    assert.deepEqual([first.author.name, first.body], ['Verdict', '✓ verified']);
  });

  it('shows verdicts and annotations read from the sidecar of an article that is not open', async () => {
    await api.annotations.ready();
    await api.claims.ready();
    const fixture = workspaceUri(FIXTURE);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === fixture.toString()), 'not opened');
    const group = roots().find((n) => n.kind === 'article' && n.article.uri.toString() === fixture.toString());
    assert.ok(group, `the fixture in the Annotations view: ${roots().map((n) => (n.kind === 'article' ? n.article.label : n.kind)).join(', ')}`);
    const labels = api.annotations.tree.getChildren(group).map((n) => labelText(api.annotations.tree.getTreeItem(n).label));
    assert.deepEqual(labels, ['“Market Square”', 'Confirmed with the library press office.']);
    const description = () => {
      const node = api.claims.tree.nodeOf(fixture, 'c8da7ad8e');
      return node ? String(api.claims.tree.getTreeItem(node).description) : '';
    };
    await until(api.claims.tree.onDidChangeTreeData, () => description().startsWith('✓ verified · '), 'the checked-in verdict in the Claims view', 15_000, description);
  });

  it('shows a broken sidecar read-only, leaves it alone, and keeps it aside before replacing it', async () => {
    const broken = workspaceUri(DIR, '031_a1b2c3d4e5f60718.txt');
    const text = 'Ferry timetable\n\nThe first ferry leaves at 6 a.m. from the northern pier.\nTickets cost 4 euros.\n';
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode(text));
    const pier = text.indexOf('northern pier');
    const good = { id: 'urn:uuid:00000000-0000-4000-8000-000000000001', type: 'Annotation', created: '2026-11-20T10:00:00.000Z', modified: '2026-11-20T10:00:00.000Z', motivation: 'commenting', body: [{ type: 'TextualBody', value: 'Which pier?', purpose: 'commenting' }], target: { source: '031_a1b2c3d4e5f60718.txt', selector: [{ type: 'TextQuoteSelector', exact: 'northern pier', prefix: 'eaves at 6 a.m. from the ', suffix: '.\nTickets' }, { type: 'TextPositionSelector', start: pier, end: pier + 13 }] } };
    const sidecarText = `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "items": [\n${JSON.stringify(good)},\n{"id": "urn:uuid:broken", "type": "Annotation"}\n]}\n`;
    const sidecar = workspaceUri(DIR, '031_a1b2c3d4e5f60718.txt.annotations.json');
    await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(sidecarText));

    const brokenEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken));
    await api.annotations.store.load(broken);
    // Read by load(), or, when an earlier run left this article in the store, when the new file is reported.
    await until(api.annotations.store.onDidChange, () => !!api.annotations.store.get(broken)?.corrupt, 'the sidecar reported as broken');
    const article = api.annotations.store.get(broken)!;
    assert.ok(article.corrupt, 'reported as broken');
    assert.equal(article.corrupt.line, 3, `the problem's line: ${JSON.stringify(article.corrupt)}`);
    const entries = api.annotations.store.entries(broken);
    assert.deepEqual(entries.map((e) => [e.annotation.id, e.readOnly, !!e.range]), [[good.id, true, true]]);
    await until(api.annotations.store.onDidChange, () => api.annotations.threadsOf(broken).length === 1, 'the read-only thread');
    const [thread] = api.annotations.threadsOf(broken);
    assert.equal(thread.contextValue, 'annotation.readonly');
    assert.equal(thread.canReply, false);
    assert.equal(await vscode.commands.executeCommand('seedAnnotator.deleteAnnotation', good.id), undefined, 'a read-only annotation is not deleted');
    // The Annotations view says it on the article's item, not only in its tooltip.
    const articleNode = roots().find((n) => n.kind === 'article' && n.article.uri.toString() === broken.toString());
    assert.ok(articleNode, 'the article is in the Annotations view');
    const articleItem = api.annotations.tree.getTreeItem(articleNode);
    assert.match(String(articleItem.description), /read-only: its annotation file could not be read/);
    assert.equal((articleItem.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar)), sidecarText, 'the broken file is left as it is');

    await select(brokenEditor, 'Tickets cost 4 euros');
    await vscode.commands.executeCommand('seedAnnotator.annotateSelection', { tags: ['verified'] });
    const names = (await vscode.workspace.fs.readDirectory(workspaceUri(DIR))).map(([n]) => n);
    const aside = names.find((n) => n.startsWith('031_a1b2c3d4e5f60718.txt.annotations.json.corrupt-'));
    assert.ok(aside, `kept aside: ${names.join(', ')}`);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(DIR, aside))), sidecarText, 'the copy is the broken file as it was');
    const { items } = await readSidecar(broken);
    assert.deepEqual(items.map((i) => i.target.selector[0].exact), ['northern pier', 'Tickets cost 4 euros'], 'the readable annotation and the new one');
    assert.equal(api.annotations.store.get(broken)?.corrupt, undefined);
    assert.ok(!names.some((n) => n.includes('.tmp-')), 'no temporary file is left');
  });

  it('replies, edits and deletes in a comment thread', async () => {
    const other = workspaceUri(DIR, '031_a1b2c3d4e5f60718.txt');
    const document = (await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other))).document;
    const thread = api.annotations.threadsOf(other).find((t) => t.range && document.getText(t.range) === 'Tickets cost 4 euros');
    assert.ok(thread, 'the thread of the tagged words');
    const text = (c: vscode.Comment) => (typeof c.body === 'string' ? c.body : c.body.value);
    assert.deepEqual([thread.comments[0].author.name, text(thread.comments[0])], ['Tags', '#verified'], 'tags without a note, and no “(no note)”');

    await vscode.commands.executeCommand('seedAnnotator.annotations.reply', { thread, text: 'Checked on the operator’s site.' });
    assert.deepEqual(thread.comments.map(text).slice(1), ['Checked on the operator’s site.']);
    await vscode.commands.executeCommand('seedAnnotator.annotations.editComment', thread.comments[1]);
    assert.equal(thread.comments[1].mode, vscode.CommentMode.Editing);
    (thread.comments[1] as { body: string }).body = 'Checked on the operator’s website.';
    await vscode.commands.executeCommand('seedAnnotator.annotations.saveComment', thread.comments[1]);
    assert.deepEqual([text(thread.comments[1]), thread.comments[1].mode], ['Checked on the operator’s website.', vscode.CommentMode.Preview]);

    // The first comment is the note: editing it gives the tagged words a note.
    await vscode.commands.executeCommand('seedAnnotator.annotations.editComment', thread.comments[0]);
    (thread.comments[0] as { body: string }).body = 'Price from the 2026 timetable.';
    await vscode.commands.executeCommand('seedAnnotator.annotations.saveComment', thread.comments[0]);
    assert.equal(text(thread.comments[0]), 'Price from the 2026 timetable.');
    await vscode.commands.executeCommand('seedAnnotator.annotations.deleteComment', thread.comments[1]);
    assert.equal(thread.comments.length, 1);
    const item = (await readSidecar(other)).items.find((i) => i.target.selector[0].exact === 'Tickets cost 4 euros')!;
    assert.deepEqual(item.body.map((b) => [b.purpose, b.value]), [['commenting', 'Price from the 2026 timetable.'], ['tagging', 'verified']]);
  });

  it('re-attaches an orphaned annotation to the selection, and deletes an annotation', async () => {
    const other = workspaceUri(DIR, '031_a1b2c3d4e5f60718.txt');
    const otherEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other));
    const pier = api.annotations.store.entries(other).find((e) => e.annotation.target.selector[0].exact === 'northern pier')!;
    assert.ok(await otherEditor.edit((b) => b.replace(new vscode.Range(otherEditor.document.positionAt(pier.range!.start), otherEditor.document.positionAt(pier.range!.end)), 'harbour')));
    await until(api.annotations.store.onDidChange, () => !api.annotations.store.entryById(pier.annotation.id)?.range, 'the annotation to lose its words');
    await select(otherEditor, 'harbour');
    const moved = await vscode.commands.executeCommand<SeedAnnotation>('seedAnnotator.reattachAnnotation', pier.annotation.id);
    assert.equal(moved.target.selector[0].exact, 'harbour');
    const entry = api.annotations.store.entryById(pier.annotation.id)!;
    assert.equal(otherEditor.document.getText().slice(entry.range!.start, entry.range!.end), 'harbour');
    assert.equal((await readSidecar(other)).items.find((i) => i.id === pier.annotation.id)?.target.selector[0].exact, 'harbour');

    const gone = await vscode.commands.executeCommand<SeedAnnotation>('seedAnnotator.deleteAnnotation', pier.annotation.id);
    assert.equal(gone?.id, pier.annotation.id);
    assert.ok(!(await readSidecar(other)).items.some((i) => i.id === pier.annotation.id), 'gone from the sidecar');
    assert.ok(await otherEditor.document.save());
  });

  it('exports every annotation of the workspace to one JSON-LD AnnotationCollection', async () => {
    const target = workspaceUri(DIR, 'export.jsonld');
    const written = await vscode.commands.executeCommand<vscode.Uri>('seedAnnotator.exportAnnotations', target);
    assert.equal(written?.toString(), target.toString());
    const collection = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
    assert.equal(collection['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(collection.type, 'AnnotationCollection');
    let total = 0;
    for (const a of api.annotations.store.all()) total += a.annotations.length;
    assert.equal(collection.total, total, `exported ${JSON.stringify(collection.items.map((i: SidecarItem) => [i.target.source, i.target.selector[0].exact]))}; in the store: ${JSON.stringify(api.annotations.store.all().map((a) => [a.label, a.annotations.map((x) => x.target.selector[0].exact)]))}`);
    assert.equal(collection.items.length, total);
    const sources = new Set(collection.items.map((i: SidecarItem) => i.target.source));
    assert.ok(sources.has(`${DIR}/${ARTICLE}`) && sources.has(FIXTURE), [...sources].join(', '));
  });

  it('says so when there is nothing to annotate', async () => {
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    assert.equal(await vscode.commands.executeCommand('seedAnnotator.annotateSelection', { note: 'x' }), undefined, 'no selection');
    assert.equal(await vscode.commands.executeCommand('seedAnnotator.markClaimVerified'), undefined, 'no claim on an empty line');
    assert.equal(await vscode.commands.executeCommand('seedAnnotator.deleteAnnotation'), undefined, 'no annotation under the cursor');
  });
});
