// Hovers, quick fixes and semantic tokens, all read from the controller's cached analysis.
import * as vscode from 'vscode';
import { ruleById, type DuplicateRecord, type Finding, type Quote, type SemanticKind } from '../../core';
import type { AnalysisController } from '../analysis/controller';
import { ruleOf } from './diagnostics';
import { ATTRIBUTION_MODEL } from '../../core/models';

const KIND_LABEL: Record<Quote['kind'], string> = {
  direct: 'Direct quote',
  partial: 'Partial quote',
  scare: 'Scare quote (a term, not a statement)',
};

const VIA_LABEL: Record<string, string> = {
  'after-quote': 'named after the quote',
  'before-quote': 'named before the quote',
  'according-to': '“according to”',
  'clause-subject': 'subject of the reporting verb',
  continuation: 'continues an earlier quote',
  pronoun: 'pronoun resolved to a named person',
  context: 'named nearby, with no reporting verb',
};

/** Below the claim cut, a speaker is shown as "probably …": the one the claims would not name. */
const CONFIDENT = ATTRIBUTION_MODEL.claimThreshold;

/** "Putin (98% confident)" or "probably Putin (55% confident)": the attribution model's confidence in words. */
export function speakerWithConfidence(name: string, confidence: number | undefined): string {
  if (confidence === undefined) return name;
  const percent = `${Math.round(confidence * 100)}% confident`;
  return confidence < CONFIDENT ? `probably ${name} (${percent})` : `${name} (${percent})`;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export function quoteHoverMarkdown(quote: Quote): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**$(quote) ${KIND_LABEL[quote.kind]}**${quote.nested ? ' — inside another quote' : ''}\n\n`);
  if (quote.speaker) {
    const mention = quote.speaker.mention ? ` (from “${escape(quote.speaker.mention.text)}”)` : '';
    md.appendMarkdown(`- **Speaker:** ${speakerWithConfidence(escape(quote.speaker.text), quote.speaker.confidence)}${mention} — ${VIA_LABEL[quote.speaker.via] ?? quote.speaker.via}\n`);
    if (quote.cue) md.appendMarkdown(`- **Cue:** ${escape(quote.cue.text)}\n`);
    md.appendMarkdown(`- **Anonymous source:** ${quote.anonymous ? 'yes' : 'no'}${quote.anonymous && quote.note ? ` — ${escape(quote.note)}` : ''}\n`);
  } else if (quote.kind === 'scare') {
    md.appendMarkdown(`- No speaker: a short quoted term. Say whose word it is, or drop the marks.\n`);
  } else {
    md.appendMarkdown(`- **Unattributed:** ${escape(quote.note ?? 'no speaker found')}${quote.confidence !== undefined ? ` (${Math.round(quote.confidence * 100)}% confident that no one is named)` : ''}\n`);
  }
  if (!quote.closed) md.appendMarkdown(`- The closing mark is missing.\n`);
  if (quote.paragraphs > 1) md.appendMarkdown(`- Runs over ${quote.paragraphs} paragraphs.\n`);
  return md;
}

const lineRange = (a: number, b: number) => (a === b ? `line ${a}` : `lines ${a}–${b}`);

export function duplicateHoverMarkdown(d: DuplicateRecord, here: vscode.Uri): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const other = d.of.path ? vscode.Uri.parse(d.of.path) : here;
  const name = d.of.label ?? (d.of.path ? vscode.workspace.asRelativePath(other) : 'this article');
  const link = other.with({ fragment: `L${d.of.line}` }).toString();
  md.appendMarkdown(`**$(copy) Repeated passage** — ${d.words} words, ${Math.round(d.similarity * 100)}% the same\n\n`);
  md.appendMarkdown(`- **This copy:** ${lineRange(d.line, d.endLine)}\n`);
  md.appendMarkdown(`- **Other copy:** [${escape(name)}, ${lineRange(d.of.line, d.of.endLine)}](${link})\n`);
  return md;
}

export class SeedHoverProvider implements vscode.HoverProvider {
  constructor(private readonly controller: AnalysisController) {}
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.controller.safely(() => this.controller.resultFor(document));
    if (!result) return undefined;
    const offset = document.offsetAt(position);
    // The innermost quote under the cursor, or the quote whose speaker or cue is under it.
    const candidates = result.quotes.filter(
      (q) => (q.start <= offset && offset < q.end) || (q.speaker && q.speaker.via !== 'continuation' && ((q.speaker.mention ?? q.speaker).start <= offset && offset < (q.speaker.mention ?? q.speaker).end)) || (q.cue && q.cue.start <= offset && offset < q.cue.end && q.speaker?.via !== 'continuation'),
    );
    const duplicate = result.duplicates.find((d) => d.start <= offset && offset < d.end);
    if (duplicate && !candidates.some((q) => q.start <= offset && offset < q.end && q.end - q.start < duplicate.end - duplicate.start)) {
      return new vscode.Hover(duplicateHoverMarkdown(duplicate, document.uri), new vscode.Range(document.positionAt(duplicate.start), document.positionAt(duplicate.end)));
    }
    if (!candidates.length) return undefined;
    const quote = candidates.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    return new vscode.Hover(quoteHoverMarkdown(quote), new vscode.Range(document.positionAt(quote.start), document.positionAt(quote.end)));
  }
}

export class SeedCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  constructor(private readonly controller: AnalysisController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.controller.safely(() => this.controller.resultFor(document));
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const rule = ruleOf(diagnostic);
      if (!rule) continue;
      const start = document.offsetAt(diagnostic.range.start);
      const end = document.offsetAt(diagnostic.range.end);
      const finding = result.findings.find((f: Finding) => f.rule === rule && f.start === start && f.end === end);
      for (const fix of finding?.fixes ?? []) {
        if (!fix.edits.length) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        if (fix.snippet) {
          edit.set(document.uri, fix.edits.map((e) => new vscode.SnippetTextEdit(new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), new vscode.SnippetString(e.newText))));
        } else {
          for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
        }
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
      const duplicate = finding?.data?.duplicate as DuplicateRecord | undefined;
      if (duplicate) {
        const show = new vscode.CodeAction('Show the other copy', vscode.CodeActionKind.QuickFix);
        const target = duplicate.of.path ? vscode.Uri.parse(duplicate.of.path) : document.uri;
        show.command = { command: 'seedAnnotator.showOtherCopy', title: show.title, arguments: [target.toString(), duplicate.of.line, duplicate.of.endLine] };
        show.diagnostics = [diagnostic];
        actions.push(show);
      }
      const docs = ruleById(rule);
      if (docs) {
        const off = new vscode.CodeAction(`Turn off “${rule}” in ${'.seed-annotator.json'}`, vscode.CodeActionKind.QuickFix);
        off.command = { command: 'seedAnnotator.disableRule', title: off.title, arguments: [rule] };
        off.diagnostics = [diagnostic];
        actions.push(off);
      }
    }
    return actions;
  }
}

export const TOKEN_TYPES = ['seedHeadline', 'seedHeading', 'seedByline', 'seedBoilerplate', 'seedSource', 'seedSpeaker', 'seedCue'] as const;
const TOKEN_INDEX: Partial<Record<SemanticKind, number>> = {
  headline: 0,
  heading: 1,
  byline: 2,
  boilerplate: 3,
  source: 4,
  speaker: 5,
  cue: 6,
};
export const SEMANTIC_LEGEND = new vscode.SemanticTokensLegend([...TOKEN_TYPES], []);

export class SeedSemanticTokensProvider implements vscode.DocumentSemanticTokensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeSemanticTokens = this.emitter.event;
  constructor(private readonly controller: AnalysisController) {}
  refresh(): void {
    this.emitter.fire();
  }
  provideDocumentSemanticTokens(document: vscode.TextDocument): vscode.SemanticTokens {
    const builder = new vscode.SemanticTokensBuilder(SEMANTIC_LEGEND);
    const result = this.controller.safely(() => this.controller.resultFor(document));
    for (const region of result?.tokens ?? []) {
      const type = TOKEN_INDEX[region.kind];
      if (type === undefined) continue;
      const start = document.positionAt(region.start);
      const end = document.positionAt(region.end);
      if (start.line !== end.line) continue; // tokens never span lines; paragraphs are lines
      builder.push(start.line, start.character, end.character - start.character, type, 0);
    }
    return builder.build();
  }
}
