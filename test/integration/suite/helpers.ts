// Helpers shared by the integration tests (not a test file: the suite entry only loads *.test.js). No Node
// imports: the web suite (test/integration/suite-web), which runs in a Web Worker, uses them too.
import * as vscode from 'vscode';

export const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** Resolves with the diagnostics of `uri` once `predicate` holds, waiting on onDidChangeDiagnostics (no sleeps). */
export function diagnosticsWhen(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (predicate(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (predicate(diagnostics)) {
        clearTimeout(timer);
        listener.dispose();
        resolve(diagnostics);
      }
    });
  });
}

/** A path inside the fixture workspace the launchers open. */
export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the fixture workspace is not open');
  return vscode.Uri.joinPath(folder, ...parts);
}

/** Resolves once `predicate` holds, re-checking whenever `event` fires (no sleeps). */
export function until(event: vscode.Event<unknown>, predicate: () => boolean, what: string, timeoutMs = 15_000, describeState?: () => string): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}${describeState ? `; now: ${describeState()}` : ''}`));
    }, timeoutMs);
    const listener = event(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

/** True when the launcher reloads the window after this run (code-server), so tests may leave state for it. */
export function reloadFollows(): boolean {
  return typeof process !== 'undefined' && !!process.env.SEED_TEST_PHASE_FILE;
}
