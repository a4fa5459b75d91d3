// The check-worthiness model in a real VS Code: the claim hover and the Claims view's tooltip show the score the
// bundled model gives and the reasons it computes (a feature's share of the move from the base rate), recomputed here
// from the weights file itself.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fileExists } from '../../../src/extension/platform/fileExists';
import { workspaceUri } from './helpers';
import weights from '../../../src/core/models/checkworthiness.json';
import { checkworthinessFeatures, type CheckworthinessInput } from '../../../src/core/checkworthiness';
import { linearScore, sigmoid, type LinearModel } from '../../../src/core/models/linear';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import type { ClaimGroupNode, ClaimNode } from '../../../src/extension/claims/view';

const EXTENSION_ID = 'seed-annotator.seed-annotator';
const WIND = '010_0123456789abcdef.txt';
const SENTENCE = '“The turbines will supply 38 percent of the island\'s electricity by 2030,” energy minister Tomas Lindqvist said.';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n')
    .replace(/\\/g, '');
}

/** "a percentage (+0.14)" as the model file says: weight × integrated-gradient rate of the sentence's logit. */
function expectedPercentReason(claim: CheckworthinessInput): string {
  const model = weights as unknown as LinearModel & { buckets: number };
  const { features } = checkworthinessFeatures(claim, model.buckets);
  const z = linearScore(model, features);
  const rate = (sigmoid(z) - sigmoid(model.bias)) / (z - model.bias);
  const effect = model.weights.percent * rate;
  return `a percentage (${effect < 0 ? '−' : '+'}${Math.abs(effect).toFixed(2)})`;
}

describe('Check-worthiness model in VS Code', () => {
  let api: SeedAnnotatorApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
  });

  it('hovers a claim with the model’s score and a reason computed from the weights file', async () => {
    // An unsaved copy of the fixture article: the fixture itself stays closed for the other suites.
    assert.ok(await fileExists(workspaceUri(WIND)));
    const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(WIND)));
    const document = await vscode.workspace.openTextDocument({ language: 'seed', content });
    await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf(SENTENCE);
    assert.ok(offset >= 0, 'the fixture sentence');
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + 5)));

    // The claim the extension found, with what the model reads from it.
    const claim = api.claims.store.all().flatMap((a) => a.claims).find((e) => e.claim.text === SENTENCE)?.claim;
    assert.ok(claim, 'the claim in the store');
    const input: CheckworthinessInput = {
      text: claim.text,
      types: claim.types,
      numbers: claim.numbers,
      dates: claim.dates,
      entities: claim.entities,
      hedges: claim.hedges,
      speakerKind: claim.speaker.kind,
      cue: claim.cue?.text ?? null,
      quoted: claim.types.includes('quote'),
      opinionMarker: false,
      firstPersonView: false,
      authorsView: false,
    };
    const model = weights as unknown as LinearModel & { buckets: number };
    const probability = sigmoid(linearScore(model, checkworthinessFeatures(input, model.buckets).features));
    assert.equal(claim.score, Math.round(probability * 100) / 100, 'the score is the model’s probability');

    const line = hover.split('\n').find((l) => l.startsWith(`- **Score ${claim.score.toFixed(2)}:**`));
    assert.ok(line, `a score line in the hover:\n${hover}`);
    assert.ok(line.includes(expectedPercentReason(input)), `“${expectedPercentReason(input)}” in ${line}`);
    for (const reason of claim.reasons) assert.ok(line.includes(reason), `${reason} in ${line}`);
    assert.doesNotMatch(line, /contains a statistic|direct quote: check/, 'no hand-written reasons');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows the same reasons in the Claims view’s tooltip', async () => {
    await api.claims.ready();
    const tree = api.claims.tree;
    const node = (tree.getChildren() as ClaimGroupNode[]).flatMap((g) => tree.getChildren(g) as ClaimNode[]).find((n) => n.entry.claim.text === SENTENCE);
    assert.ok(node, 'the claim in the Claims view');
    const tooltip = tree.resolveTreeItem(tree.getTreeItem(node), node).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    const text = tooltip.value.replace(/\\/g, '');
    assert.ok(text.includes(`What moved the score:** ${node.entry.claim.reasons.join('; ')}`), text);
  });
});
