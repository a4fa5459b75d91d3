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
  return diagnosticOf(finding, document.uri, (offset) => document.positionAt(offset), extensionUri);
}

/** For an article that is not open (Analyze Workspace): positions from the finding's own 1-based lines and columns. */
export function toDiagnosticByLines(finding: Finding, uri: vscode.Uri, extensionUri: vscode.Uri): vscode.Diagnostic {
  return diagnosticOf(finding, uri, undefined, extensionUri);
}

function diagnosticOf(finding: Finding, uri: vscode.Uri, positionAt: ((offset: number) => vscode.Position) | undefined, extensionUri: vscode.Uri): vscode.Diagnostic {
  const range = positionAt ? new vscode.Range(positionAt(finding.start), positionAt(finding.end)) : new vscode.Range(finding.line - 1, finding.column - 1, finding.endLine - 1, finding.endColumn - 1);
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: ruleDocsUri(extensionUri, finding.rule) };
  if (finding.rule === 'boilerplate') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => {
      const range = r.path
        ? new vscode.Range(r.line - 1, 0, r.endLine, 0) // the other file: whole lines
        : positionAt
          ? new vscode.Range(positionAt(r.start), positionAt(r.end))
          : new vscode.Range(r.line - 1, r.column - 1, r.endLine - 1, r.endColumn - 1);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(r.path ? vscode.Uri.parse(r.path) : uri, range), r.message);
    });
  }
  return diagnostic;
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : typeof code === 'string' ? code : undefined;
}
