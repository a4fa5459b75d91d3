// A hover card over a claim's sentence: speaker and cue, types, hedges, numbers, dates, entities, the score with the
// features that moved it most (from the check-worthiness model), and links to the other articles that contain the same claim. Registered as a second hover provider for
// the seed language; VS Code shows it beside the quote and duplicate hovers of SeedHoverProvider.
import * as vscode from 'vscode';
import type { Claim } from '../../core';
import type { AnalysisController } from '../analysis/controller';
import { speakerWithConfidence } from '../diagnostics/providers';
import type { ClaimEntry, ClaimsStore } from './store';
import { claimTypeText } from '../displayText';
import { escapeMarkdown, numberText, TYPE_ICON, verdictMarkdown, type ClaimVerdict, type ClaimVerdicts } from './view';

const SPEAKER_KIND: Record<Claim['speaker']['kind'], string> = { named: 'named', anonymous: 'anonymous source', author: 'no speaker: the article’s own assertion' };

export function claimHoverMarkdown(claim: Claim, also: ClaimEntry[], verdict?: ClaimVerdict): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const c = claim;
  md.appendMarkdown(`**$(${TYPE_ICON[c.types[0] ?? 'statement']}) Claim** — check-worthiness **${c.score.toFixed(2)}**\n\n`);
  md.appendMarkdown(verdictMarkdown(verdict));
  const mention = c.speaker.mention ? ` (from “${escapeMarkdown(c.speaker.mention.text)}”)` : '';
  const speaker = c.speaker.kind === 'author' ? `the article (${SPEAKER_KIND.author})` : `${speakerWithConfidence(escapeMarkdown(c.speaker.text), c.speaker.confidence)}${mention}, ${SPEAKER_KIND[c.speaker.kind]}`;
  md.appendMarkdown(`- **Speaker:** ${speaker}${c.cue ? ` — cue “${escapeMarkdown(c.cue.text)}”` : ''}\n`);
  // Semicolons between the types: their descriptions have commas of their own.
  md.appendMarkdown(`- **Types:** ${escapeMarkdown(c.types.map(claimTypeText).join('; '))}\n`);
  if (c.hedges.length) md.appendMarkdown(`- **Hedges:** ${[...new Set(c.hedges.map((h) => escapeMarkdown(h.text)))].join(', ')}\n`);
  if (c.numbers.length) md.appendMarkdown(`- **Numbers:** ${c.numbers.map((n) => escapeMarkdown(numberText(n))).join(', ')}\n`);
  if (c.dates.length) md.appendMarkdown(`- **Dates:** ${c.dates.map((d) => escapeMarkdown(d.value ? `${d.text} (${d.value})` : d.text)).join(', ')}\n`);
  if (c.entities.length) md.appendMarkdown(`- **Entities:** ${c.entities.map((e) => `${escapeMarkdown(e.text)} (${e.kind})`).join(', ')}\n`);
  md.appendMarkdown(`- **Score ${c.score.toFixed(2)}:** ${c.reasons.length ? c.reasons.map(escapeMarkdown).join('; ') : 'nothing moved it far from the base rate'}\n`);
  if (also.length) {
    const links = also.map((e) => `[${escapeMarkdown(e.label)}, line ${e.line}](${e.uri.with({ fragment: `L${e.line}` }).toString()})`);
    md.appendMarkdown(`- **Also in:** ${links.join(', ')}\n`);
  }
  return md;
}

export class ClaimHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly controller: AnalysisController,
    private readonly store: ClaimsStore,
    private readonly verdicts: ClaimVerdicts,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.controller.safely(() => this.controller.resultFor(document));
    if (!result) return undefined;
    const offset = document.offsetAt(position);
    const claim = result.claims.find((c) => c.start <= offset && offset < c.end);
    if (!claim) return undefined;
    const also = this.store.otherArticlesWith(document.uri, claim);
    return new vscode.Hover(claimHoverMarkdown(claim, also, this.verdicts(document.uri, claim.id)), new vscode.Range(document.positionAt(claim.start), document.positionAt(claim.end)));
  }
}
