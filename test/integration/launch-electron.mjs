// Runs the same integration suite in a desktop VS Code through @vscode/test-electron, for contributors whose
// machine can download VS Code (or who point VSCODE_EXECUTABLE at an installed one). On machines that reach only
// the npm registry, use `npm run test:vscode` (code-server) instead.
//
//   npm run test:electron                 (builds first; downloads VS Code $VSCODE_VERSION, default 1.100.3)
//   VSCODE_EXECUTABLE=/path/to/code npm run test:electron
//
// Like launch-code-server.mjs it prints a closing line `N passed, N failed` and writes
// out/test/integration-result.json; it exits non-zero on failure or when no test ran.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'SEED_SUITE_RESULT';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const extensionDevelopmentPath = resolve(process.env.SEED_EXTENSION_DEV_PATH || repoRoot);
const extensionTestsPath = join(repoRoot, 'out/test/integration/suite/index.js');
const workspace = join(repoRoot, 'test/fixtures/workspace');
const resultFile = join(repoRoot, 'out/test/integration-result.json');
const executable = process.env.VSCODE_EXECUTABLE || undefined;
const version = process.env.VSCODE_VERSION || '1.100.3';
const started = Date.now();

// VS Code's output (the suite's console included) is piped to our stdout: watch it for the result line.
let suiteResult;
let pendingText = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  pendingText += chunk.toString();
  let nl;
  while ((nl = pendingText.indexOf('\n')) >= 0) {
    const line = pendingText.slice(0, nl);
    pendingText = pendingText.slice(nl + 1);
    const i = line.indexOf(MARKER);
    if (i >= 0) {
      try {
        suiteResult = JSON.parse(line.slice(i + MARKER.length, line.lastIndexOf('}') + 1));
      } catch {
        /* reported below as "no result line" */
      }
    }
  }
  return write(chunk, ...rest);
};

function finish(error) {
  const passed = suiteResult?.passed ?? 0;
  const failed = suiteResult?.failed ?? 0;
  if (!error && !suiteResult) error = `the suite reported no ${MARKER} line`;
  if (!error && passed + failed === 0) error = 'no test ran';
  const ok = !error && failed === 0;
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(
    resultFile,
    `${JSON.stringify({ runner: 'electron', ok, passed, failed, pending: suiteResult?.pending ?? 0, error: error ?? null, failures: suiteResult?.failures ?? [], durationMs: Date.now() - started }, null, 2)}\n`,
  );
  if (error) console.error(`\nintegration: ${error}`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

async function main() {
  if (!existsSync(extensionTestsPath)) {
    return finish(`${extensionTestsPath} is missing: run \`node esbuild.mjs\` first (npm run test:electron does)`);
  }
  if (executable && !existsSync(executable)) return finish(`VSCODE_EXECUTABLE=${executable} does not exist`);
  if (!existsSync(workspace)) mkdirSync(workspace, { recursive: true });
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      ...(executable ? { vscodeExecutablePath: executable } : { version, timeout: 20_000 }),
    });
    return finish(null);
  } catch (err) {
    if (err?.name === 'TestRunFailedError' || err?.constructor?.name === 'TestRunFailedError' || suiteResult) {
      // VS Code ran and the suite failed (its failures are printed above).
      return finish(suiteResult ? null : `VS Code exited with ${err.code ?? err.signal ?? err.message}`);
    }
    const detail = String(err?.message ?? err).split('\n')[0];
    if (executable) return finish(`could not start VS Code at VSCODE_EXECUTABLE=${executable}: ${detail}`);
    return finish(`could not download VS Code; use npm run test:vscode (code-server) instead, or set VSCODE_EXECUTABLE (${detail})`);
  }
}

process.exit(await main());
