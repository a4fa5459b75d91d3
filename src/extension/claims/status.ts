// Status bar item for the active seed article: quotes attributed / total, claims at or above the minimum score (as the
// Claims view shows them), duplicate passages. Clicking it focuses the Claims view. Hidden for editors that are not
// seed articles.
import * as vscode from 'vscode';
import { plural, type AnalysisResult } from '../../core';
import { AnalysisController } from '../analysis/controller';
import { CLAIMS_VIEW_ID, readMinScore } from './view';

export interface ArticleCounts {
  attributed: number;
  quotes: number;
  /** Claims scoring at least the minimum score (every sentence is a claim; the Claims view shows these). */
  claims: number;
  duplicates: number;
}

export function countsOf(result: AnalysisResult, minScore = 0): ArticleCounts {
  const quotes = result.quotes.filter((q) => !q.nested && q.kind !== 'scare');
  const claims = result.claims.filter((c) => c.score >= minScore - 1e-9).length;
  return { attributed: quotes.filter((q) => q.speaker).length, quotes: quotes.length, claims, duplicates: result.duplicates.length };
}


export class ClaimsStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('seedAnnotator.articleStatus', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly controller: AnalysisController) {
    this.item.name = 'Seed Annotator: Article';
    this.item.command = { command: `${CLAIMS_VIEW_ID}.focus`, title: 'Show the Claims view' };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      controller.onDidAnalyze((d) => {
        if (d === vscode.window.activeTextEditor?.document) this.update();
      }),
      vscode.workspace.onDidCloseTextDocument(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('seedAnnotator.claims.minScore')) this.update();
      }),
    );
    this.update();
  }

  /** The counts shown now, or undefined when hidden (for tests). */
  current: ArticleCounts | undefined;

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !AnalysisController.isSeed(document)) {
      this.current = undefined;
      this.item.hide();
      return;
    }
    const result = this.controller.safely(() => this.controller.resultFor(document));
    if (!result) {
      this.item.hide();
      return;
    }
    const minScore = readMinScore();
    const c = (this.current = countsOf(result, minScore));
    this.item.text = `$(quote) ${c.attributed}/${c.quotes}  $(comment-discussion) ${c.claims}${c.duplicates ? `  $(copy) ${c.duplicates}` : ''}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**${vscode.workspace.asRelativePath(document.uri)}**\n\n- ${c.attributed} of ${plural(c.quotes, 'quote')} attributed\n- ${plural(c.claims, 'claim')} scoring ${minScore} or more\n- ${plural(c.duplicates, 'duplicate passage')}\n\nClick to show the Claims view.`,
    );
    this.item.accessibilityInformation = { label: `${c.attributed} of ${plural(c.quotes, 'quote')} attributed, ${plural(c.claims, 'claim')}, ${plural(c.duplicates, 'duplicate passage')}` };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
