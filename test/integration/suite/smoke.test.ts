// Smoke test: the extension is loaded in a real VS Code and claims article files as the `seed` language.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'seed-annotator.seed-annotator';
const ARTICLE = '000_0000000000000000.txt';

/** The fixture workspace (test/fixtures/workspace), as opened by both launchers. */
function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  // Bundled to out/test/integration/suite/: four levels up is the repository root.
  return folder
    ? vscode.Uri.joinPath(folder, name)
    : vscode.Uri.file(path.resolve(__dirname, '../../../../test/fixtures/workspace', name));
}

describe('smoke', () => {
  it('loads the extension and opens an article as the seed language', async () => {
    const ids = vscode.extensions.all.map((e) => e.id);
    assert.ok(ids.includes(EXTENSION_ID), `${EXTENSION_ID} not among the ${ids.length} loaded extensions`);

    const doc = await vscode.workspace.openTextDocument(fixtureUri(ARTICLE));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'seed');
  });

  it('does not box the typography of news as ambiguous characters in articles, and still does elsewhere', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri(ARTICLE));
    const allowed = (scope: vscode.ConfigurationScope) =>
      vscode.workspace.getConfiguration('editor.unicodeHighlight', scope).get<Record<string, boolean>>('allowedCharacters') ?? {};
    const inArticles = allowed({ languageId: 'seed', uri: doc.uri });
    // Curly quotes and apostrophes, dashes, the ellipsis and a no-break space: every line of news has some.
    for (const c of ['’', '‘', '“', '”', '–', '—', '…', '\u00a0']) assert.equal(inArticles[c], true, `U+${c.codePointAt(0)!.toString(16)} allowed in seed articles`);
    assert.equal(allowed({ languageId: 'typescript' })['’'], undefined, 'only in seed articles');
    // The ambiguous-character check itself stays on: a Cyrillic letter among Latin ones is still boxed.
    assert.notEqual(vscode.workspace.getConfiguration('editor.unicodeHighlight', { languageId: 'seed' }).get('ambiguousCharacters'), false);
  });
});
