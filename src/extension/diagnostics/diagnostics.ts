// The one place where the core's plain findings become vscode.Diagnostic objects.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core';

export const DIAGNOSTIC_SOURCE = 'Seed Annotator';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Where a rule's documentation lives inside the installed extension. */
export function ruleDocsUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

export function toDiagnostic(finding: Finding, document: vscode.TextDocument, extensionUri: vscode.Uri): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: ruleDocsUri(extensionUri, finding.rule) };
  if (finding.rule === 'boilerplate') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => {
      const range = r.path
        ? new vscode.Range(r.line - 1, 0, r.endLine, 0) // the other file: whole lines
        : new vscode.Range(document.positionAt(r.start), document.positionAt(r.end));
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(r.path ? vscode.Uri.parse(r.path) : document.uri, range), r.message);
    });
  }
  return diagnostic;
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : typeof code === 'string' ? code : undefined;
}
