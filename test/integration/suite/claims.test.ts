// The claims UI in a real VS Code: the Claims view over the whole fixture workspace, grouping, filters, clicking an
// item, the claim hover, other articles with the same claim, Next/Previous Claim, export, status bar, live updates.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze } from '../../../src/core';
import { fileExists } from '../../../src/extension/platform/fileExists';
import { until, workspaceUri } from './helpers';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import type { ClaimGroupNode, ClaimNode, ClaimsNode } from '../../../src/extension/claims/view';
import type { MinScoreItem } from '../../../src/extension/claims/feature';

const EXTENSION_ID = 'seed-annotator.seed-annotator';
const WIND = '010_0123456789abcdef.txt';
const FLEET = '011_fedcba9876543210.txt';

let api: SeedAnnotatorApi;
const tree = () => api.claims.tree;
const roots = () => tree().getChildren() as ClaimGroupNode[];
const claimsOf = (g: ClaimsNode) => tree().getChildren(g) as ClaimNode[];
const allClaimNodes = () => roots().flatMap(claimsOf);
const labels = () => roots().map((g) => g.label);
/** Scores of an article's claims at or above the minimum score, from the core's own analysis of the file. */
async function listedScores(name: string): Promise<number[]> {
  const minScore = vscode.workspace.getConfiguration('seedAnnotator.claims').get<number>('minScore')!;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(name)));
  return analyze(text).claims.map((c) => c.score).filter((score) => score >= minScore);
}
const describe_ = (nodes: ClaimNode[]) => nodes.map((n) => `${n.entry.label}:${n.entry.line} ${n.entry.claim.score} ${n.entry.claim.text.slice(0, 40)}`).join('\n');

/** Resolves once `predicate` holds for the tree, re-checking on onDidChangeTreeData (no sleeps). */
function treeWhen(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}; the tree now: ${JSON.stringify(labels())}\n${describe_(allClaimNodes())}`));
    }, timeoutMs);
    const listener = tree().onDidChangeTreeData(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

/** The score the analysis core gives the fixture's claim with `words` (the weights file decides it). */
async function coreScore(words: string, article = WIND): Promise<number> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(article)));
  const claim = analyze(text).claims.find((c) => c.text.includes(words));
  assert.ok(claim, `no claim with “${words}” in ${article}`);
  return claim.score;
}

function findClaim(fragment: string, article = WIND): ClaimNode {
  const node = allClaimNodes().find((n) => n.entry.label.endsWith(article) && n.entry.claim.text.includes(fragment));
  assert.ok(node, `a claim with “${fragment}” in ${article} among:\n${describe_(allClaimNodes())}`);
  return node;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n')
    .replace(/\\/g, '');
}

describe('Claims in VS Code', () => {
  let hadSettings = false;

  before(async () => {
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    hadSettings = await fileExists(workspaceUri('.vscode'));
    await vscode.commands.executeCommand('seedAnnotator.claims.groupByArticle');
    await vscode.commands.executeCommand('seedAnnotator.claims.sortByScore');
    await vscode.commands.executeCommand('seedAnnotator.claims.filterTypes', ['statistic', 'event', 'quote', 'prediction', 'causal', 'comparison', 'rule', 'opinion', 'statement']);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('seedAnnotator').update('claims.minScore', undefined, vscode.ConfigurationTarget.Workspace);
    for (const leftover of ['tmp-claims', ...(hadSettings ? [] : ['.vscode'])]) {
      try {
        await vscode.workspace.fs.delete(workspaceUri(leftover), { recursive: true });
      } catch {
        // already gone
      }
    }
  });

  it('lists the claims of every article of the workspace, opened or not, with a badge', async () => {
    await api.claims.ready();
    await treeWhen(() => labels().includes(WIND) && labels().includes(FLEET), 'both claim fixtures in the tree');
    assert.ok(labels().includes('000_0000000000000000.txt'), `articles: ${labels().join(', ')}`);
    assert.ok(!labels().includes('notes.txt') && !labels().includes('README.md'), 'only seed articles');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith(WIND)), 'read from disk, not from an open editor');

    const minister = findClaim('The turbines will supply');
    const item = tree().resolveTreeItem(tree().getTreeItem(minister), minister);
    assert.match(typeof item.label === 'string' ? item.label : item.label?.label ?? '', /^“The turbines will supply 38 percent/);
    assert.equal(item.description, `energy minister Tomas Lindqvist · ${(await coreScore('The turbines will supply')).toFixed(2)}`);
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    assert.match(item.tooltip.value.replace(/\\/g, ''), /Numbers:\*\* 38 percent\n/);
    assert.equal(item.contextValue, 'claim');

    // Sorted by score inside the article; the claims under the default minimum score (the model's threshold, 0.3) are
    // left out: the opinion always, and exactly those the analysis scores under it.
    const scores = claimsOf(roots().find((g) => g.label === WIND)!).map((n) => n.entry.claim.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    assert.ok(!allClaimNodes().some((n) => n.entry.claim.text.includes('dangerous gamble')), 'the opinion is filtered out');
    assert.deepEqual(scores, (await listedScores(WIND)).sort((a, b) => b - a), 'the claims at or above the minimum score, and only those');
    await treeWhen(() => api.claims.view.badge?.value === allClaimNodes().length, `the badge to count the ${allClaimNodes().length} claims shown (it says ${api.claims.view.badge?.value})`);
  });

  it('groups by speaker and by type from the title bar, and sorts by position', async () => {
    await vscode.commands.executeCommand('seedAnnotator.claims.setMinScore', 0);
    await vscode.commands.executeCommand('seedAnnotator.claims.groupBySpeaker');
    await treeWhen(() => labels().includes('energy minister Tomas Lindqvist'), 'speaker groups');
    assert.ok(labels().includes('a senior port official') && labels().includes('The article (no speaker)'), labels().join(', '));
    const anonymous = roots().find((g) => g.label === 'a senior port official')!;
    // The description: speaker, the model's score (as the analysis gave it), article.
    const hedged = claimsOf(anonymous)[0];
    const description = String(tree().getTreeItem(hedged).description);
    assert.ok(description.startsWith(`a senior port official · ${hedged.entry.claim.score.toFixed(2)} · 010_0123456789abcdef.txt`), description);

    await vscode.commands.executeCommand('seedAnnotator.claims.groupByType');
    await treeWhen(() => labels().includes('statistic'), 'type groups');
    const statistic = roots().find((g) => g.label === 'statistic')!;
    assert.ok(claimsOf(statistic).some((n) => n.entry.claim.text.includes('310 million euros')));
    assert.ok(labels().every((l) => ['statistic', 'event', 'quote', 'prediction', 'causal', 'comparison', 'rule', 'opinion', 'statement'].includes(l)), labels().join(', '));

    await vscode.commands.executeCommand('seedAnnotator.claims.groupByArticle');
    await vscode.commands.executeCommand('seedAnnotator.claims.sortByPosition');
    await treeWhen(() => labels().includes(WIND) && tree().sortBy === 'position', 'article groups in position order');
    const lines = claimsOf(roots().find((g) => g.label === WIND)!).map((n) => n.entry.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    await vscode.commands.executeCommand('seedAnnotator.claims.sortByScore');
    await vscode.workspace.getConfiguration('seedAnnotator').update('claims.minScore', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('filters by minimum score (the setting) and by type', async () => {
    await vscode.commands.executeCommand('seedAnnotator.claims.setMinScore', 0.7);
    await treeWhen(() => allClaimNodes().every((n) => n.entry.claim.score >= 0.7) && allClaimNodes().length > 0, 'only claims scoring 0.7 or more');
    assert.equal(vscode.workspace.getConfiguration('seedAnnotator').get('claims.minScore'), 0.7);
    await vscode.commands.executeCommand('seedAnnotator.claims.setMinScore', 0);
    await treeWhen(() => allClaimNodes().some((n) => n.entry.claim.text.includes('dangerous gamble')), 'the opinion at minimum score 0');

    await vscode.commands.executeCommand('seedAnnotator.claims.filterTypes', ['quote']);
    await treeWhen(() => allClaimNodes().every((n) => n.entry.claim.types.includes('quote')), 'quotes only');
    assert.ok(allClaimNodes().some((n) => n.entry.claim.text.includes('We were never asked')));
    await vscode.commands.executeCommand('seedAnnotator.claims.filterTypes', ['statistic', 'event', 'quote', 'prediction', 'causal', 'comparison', 'rule', 'opinion', 'statement']);
    // Back to the default: the workspace keeps no value of its own (no settings file written for the default).
    await vscode.commands.executeCommand('seedAnnotator.claims.setMinScore', vscode.workspace.getConfiguration('seedAnnotator').inspect<number>('claims.minScore')!.defaultValue);
    assert.equal(vscode.workspace.getConfiguration('seedAnnotator').inspect('claims.minScore')?.workspaceValue, undefined);
    await treeWhen(() => !allClaimNodes().some((n) => n.entry.claim.text.includes('dangerous gamble')) && allClaimNodes().length > 5, 'the default filters again');
  });

  it('takes a minimum score typed into Set Minimum Claim Score…, and says what to type when it is not one', async () => {
    const shown = new Promise<vscode.QuickPick<MinScoreItem>>((resolve) => {
      const listener = api.claims.onDidShowMinScorePick((p) => {
        listener.dispose();
        resolve(p);
      });
    });
    const done = vscode.commands.executeCommand('seedAnnotator.claims.setMinScore');
    const pick = await shown;
    const labelsOf = () => pick.items.map((i) => i.label);
    assert.ok(labelsOf().includes('0.5'), `presets: ${labelsOf().join(', ')}`);
    // Typing goes through VS Code (the value is set in the workbench's quick pick, which reports it back).
    const typed = async (value: string) => {
      const changed = until(pick.onDidChangeValue, () => pick.value === value, `“${value}” typed into the quick pick`, 10_000, () => pick.value);
      pick.value = value;
      await changed;
    };
    await typed('1.5');
    assert.deepEqual(labelsOf(), ['$(error) Type a number between 0 and 1, such as 0.35']);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await typed('0.35');
    assert.deepEqual(labelsOf(), ['Use 0.35']);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.equal(vscode.workspace.getConfiguration('seedAnnotator').get('claims.minScore'), 0.35, 'Enter took the typed value (and Enter on the explanation did not close the quick pick)');
    await vscode.workspace.getConfiguration('seedAnnotator').update('claims.minScore', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('selects the claim in its article when an item is clicked', async () => {
    const node = findClaim('The turbines will supply');
    const item = tree().getTreeItem(node);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.path.endsWith(WIND), `active editor: ${editor?.document.uri.toString()}`);
    assert.equal(editor.document.getText(editor.selection), node.entry.claim.text);
    assert.equal(editor.selection.start.line, node.entry.line - 1);
  });

  it('shows the claim card in a hover: speaker, cue, types, score and reasons, and the other articles', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri(WIND));
    await vscode.window.showTextDocument(document);
    const at = (s: string) => document.positionAt(document.getText().indexOf(s));
    const minister = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at('turbines')));
    assert.match(minister, /Speaker:\*\* energy minister Tomas Lindqvist \(\d+% confident\), named — cue “said”/);
    // The reasons come from the model (checkworthiness.test.ts in this suite checks them against it).
    assert.ok(minister.includes(`**Score ${(await coreScore('The turbines will supply')).toFixed(2)}:** `), minister);
    assert.match(minister, /Score 0\.\d\d:\*\* .*a percentage \(\+0\.\d\d\)/);
    assert.match(minister, /Types:\*\* statistic — a number, quantity or percentage that can be looked up/);

    const shared = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at('310 million')));
    // Each type with what it means, as written (“X said”, not “x said”), without brackets inside brackets.
    assert.match(shared, /Types:\*\* statistic — [^;\n]+; prediction — a claim about the future; statement — a reported statement \(“X said that …”\) or another factual assertion\n/);
    assert.match(shared, new RegExp(`Also in:\\*\\* \\[${FLEET}, line 4\\]\\(.*${FLEET}#L4\\)`));
    const none = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at('a senior port')));
    assert.match(none, /Hedges:\*\* could/);
    assert.doesNotMatch(none, /Also in/);
  });

  it('finds the same claim in other articles, by id and by near-identical text', async () => {
    const exact = findClaim('310 million euros');
    assert.equal(tree().getTreeItem(exact).contextValue, 'claim.shared');
    assert.match(String(tree().getTreeItem(exact).description), /also in 1$/);
    // “ending a dispute that lasted four years” / “… that had lasted four years”: a different id, nearly the same words.
    const near = findClaim('regional planning board');
    const others = await vscode.commands.executeCommand<Array<{ label: string; line: number }>>('seedAnnotator.claims.showOtherArticles', near);
    assert.deepEqual(others.map((o) => [o.label, o.line]), [[FLEET, 6]]);
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith(FLEET));
    assert.match(editor.document.getText(editor.selection), /that had lasted four years\.$/);

    const alone = await vscode.commands.executeCommand<unknown[]>('seedAnnotator.claims.showOtherArticles', findClaim('The turbines will supply'));
    assert.deepEqual(alone, [], 'says there is none');
  });

  it('moves to the next and previous claim of the article', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(WIND)));
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const selected = () => vscode.window.activeTextEditor!.selection.start.line + 1;
    // The lines of the claims at or above the minimum score, from the analysis; the opinion on line 6 is never one.
    const minScore = vscode.workspace.getConfiguration('seedAnnotator.claims').get<number>('minScore')!;
    const lines = api.analysisOf(editor.document).claims.filter((c) => c.score >= minScore).map((c) => editor.document.positionAt(c.start).line + 1);
    assert.ok(lines.length >= 3 && !lines.includes(6), `claim lines ${lines.join(', ')}`);
    for (const line of lines) {
      await vscode.commands.executeCommand('seedAnnotator.nextClaim');
      assert.equal(selected(), line);
    }
    await vscode.commands.executeCommand('seedAnnotator.nextClaim');
    assert.equal(selected(), lines[0], 'wraps around');
    await vscode.commands.executeCommand('seedAnnotator.previousClaim');
    assert.equal(selected(), lines[lines.length - 1]);
  });

  it('shows quotes attributed, claims and duplicates of the active article in the status bar', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(WIND)));
    const listed = (await listedScores(WIND)).length;
    assert.ok(listed >= 3 && listed <= 4, `${listed} claims at or above the minimum score`);
    assert.deepEqual(api.claims.statusCounts(), { attributed: 1, quotes: 1, claims: listed, duplicates: 0 }, 'the claims at or above the minimum score');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('notes.txt')));
    assert.equal(api.claims.statusCounts(), undefined, 'hidden for other editors');
  });

  it('exports every claim of the workspace to JSON and CSV, replacing the file in one step', async () => {
    const json = workspaceUri('tmp-claims', 'claims.json');
    await vscode.workspace.fs.writeFile(json, new TextEncoder().encode('old'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('seedAnnotator.exportClaims', json);
    assert.equal(written?.toString(), json.toString());
    const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(json)));
    let total = 0;
    for (const a of api.claims.store.all()) total += a.claims.length;
    assert.equal(parsed.version, 1);
    assert.equal(parsed.claims.length, total, 'every claim, unfiltered');
    const minister = parsed.claims.find((c: { text: string }) => c.text.includes('The turbines will supply'));
    assert.deepEqual([minister.path, minister.line, minister.speaker.text, minister.score], [WIND, 4, 'energy minister Tomas Lindqvist', await coreScore('The turbines will supply')]);

    const csv = workspaceUri('tmp-claims', 'claims.csv');
    await vscode.commands.executeCommand('seedAnnotator.exportClaims', csv);
    const rows = new TextDecoder().decode(await vscode.workspace.fs.readFile(csv)).split('\r\n');
    assert.match(rows[0], /^path,id,line,start,end,text,speaker/);
    assert.equal(rows.filter(Boolean).length, total + 1);
    const names = (await vscode.workspace.fs.readDirectory(workspaceUri('tmp-claims'))).map(([n]) => n).sort();
    assert.deepEqual(names, ['claims.csv', 'claims.json'], 'no temporary file is left behind');
  });

  it('follows unsaved edits of an open article', async () => {
    const uri = workspaceUri('tmp-claims', '020_aaaaaaaaaaaaaaaa.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('Harbour notes\n\nThe ferry timetable changes on Monday, the operator announced.\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const name = 'tmp-claims/020_aaaaaaaaaaaaaaaa.txt';
    await treeWhen(() => labels().includes(name), 'the new article');
    await editor.edit((b) => b.insert(new vscode.Position(3, 0), 'The new quay cost 12 million euros and opened on 3 March 2025, the port authority said.\n'));
    await treeWhen(() => allClaimNodes().some((n) => n.entry.label === name && n.entry.claim.text.includes('12 million euros')), 'the typed claim in the tree');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await treeWhen(() => !allClaimNodes().some((n) => n.entry.claim.text.includes('12 million euros')), 'the unsaved claim to go with the reverted edit');
  });
});
