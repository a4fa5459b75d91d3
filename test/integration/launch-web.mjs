// Runs the web integration suite (out/test/integration/suite-web/index.js, built by `node esbuild.mjs`) with the
// extension in the WEB WORKER extension host of VS Code for the Web: code-server 4.100.3 (= VS Code 1.100.3) drawn in
// headless Chromium (see code-server.mjs).
//
//   npm run test:web            (builds first)
//   node test/integration/launch-web.mjs
//
// code-server runs extensions in its remote (Node) extension host by default. This launcher moves the extension
// under development to the browser's web worker extension host with the user setting
//   "remote.extensionKind": { "seed-annotator.seed-annotator": ["web"] }
// which VS Code 1.100 honours for an extension under development too (its running location is chosen from the
// extension kinds the setting gives; "web" runs it in the local web worker host, from its `browser` entry). The
// payload's `extensionDevelopmentKind` would be the natural switch, but the web workbench of 1.100 reads it into a
// property the running-location tracker does not consult (see README, "VS Code for the Web"), so it is not used.
// The suite is loaded from the extension's folder, so VS Code runs it in the host that runs the extension; the suite
// asserts it is there (no `process`, a WorkerGlobalScope, uiKind Web, extensionKind UI, the API's runtime 'web').
//
// The workspace is a fresh temporary copy of the fixture articles. Env: SEED_VSCODE_TIMEOUT_MS (overall, default
// 180000), SEED_VSCODE_VERBOSE=1 (server + browser logs). Prints the suite's output, then `N passed, N failed`;
// writes out/test/integration-web-result.json. Exits non-zero when a test failed, none ran, or the run timed out.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { automationLogRelay, repoRoot, startCodeServer, withTimeout } from './code-server.mjs';

const MARKER = 'SEED_WEB_SUITE_RESULT';
const EXTENSION_ID = 'seed-annotator.seed-annotator';
const overallMs = Number(process.env.SEED_VSCODE_TIMEOUT_MS) || 3 * 60_000;
const extensionTestsPath = join(repoRoot, 'out/test/integration/suite-web/index.js');
const fixtures = join(repoRoot, 'test/fixtures/workspace');
const resultFile = join(repoRoot, 'out/test/integration-web-result.json');
/** The user setting that moves the extension to the web worker extension host. */
export const WEB_SETTINGS = { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } };

const started = Date.now();
let suiteResult;
let vs;
const workspace = mkdtempSync(join(tmpdir(), 'seed-web-workspace-'));

function finish({ passed = 0, failed = 0, exitCode = null, error = null }) {
  const ok = !error && exitCode === 0 && failed === 0 && passed > 0;
  const result = {
    runner: 'code-server web worker extension host',
    forcedBy: WEB_SETTINGS,
    ok,
    passed,
    failed,
    exitCode,
    error,
    host: suiteResult?.host ?? null,
    failures: suiteResult?.failures ?? [],
    durationMs: Date.now() - started,
  };
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  if (error) console.error(`\nweb: ${error}`);
  if (result.host) console.log(`\nweb: the suite ran in: ${JSON.stringify(result.host)}`);
  console.log(`web: VS Code 1.100.3 (code-server), web worker extension host; run took ${(result.durationMs / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

const onAutomationLog = automationLogRelay({ marker: MARKER, label: 'web', onResult: (result) => (suiteResult = result) });

async function main() {
  if (!existsSync(extensionTestsPath)) {
    throw new Error(`${extensionTestsPath} is missing: run \`node esbuild.mjs\` first (npm run test:web does)`);
  }
  if (!existsSync(join(repoRoot, 'dist/web/extension.js'))) throw new Error('dist/web/extension.js is missing: run `node esbuild.mjs` first');
  for (const f of readdirSync(fixtures)) if (/^\d{3}_[0-9a-f]+\.txt$/.test(f)) copyFileSync(join(fixtures, f), join(workspace, f));

  console.log(`web: starting code-server; ${EXTENSION_ID} forced into the web worker extension host by ${JSON.stringify(WEB_SETTINGS)}`);
  vs = await startCodeServer({ settings: WEB_SETTINGS });
  let resolveExit = () => {};
  const exit = new Promise((r) => (resolveExit = r));
  await vs.page.exposeFunction('codeAutomationLog', onAutomationLog);
  await vs.page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const serverDied = vs.exited.then((code) => {
    throw new Error(`code-server exited (code ${code}) before the suite finished`);
  });
  await vs.page.goto(vs.url(workspace, { extensionDevelopmentPath: repoRoot, extensionTestsPath }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  console.log('web: workbench page loaded; the suite runs in the web worker extension host');
  const exitCode = await Promise.race([exit, serverDied]);
  if (!suiteResult) return finish({ exitCode, error: `the suite reported no ${MARKER} line (extension host exit code ${exitCode})` });
  const { passed, failed } = suiteResult;
  return finish({ passed, failed, exitCode, error: exitCode === 0 || failed ? null : `extension host exited with code ${exitCode}` });
}

let code;
try {
  code = await withTimeout(main(), overallMs, `the web run (SEED_VSCODE_TIMEOUT_MS=${overallMs}; SEED_VSCODE_VERBOSE=1 shows the server and browser logs)`);
} catch (err) {
  code = finish({ passed: suiteResult?.passed ?? 0, failed: suiteResult?.failed ?? 0, error: err.message });
} finally {
  await vs?.close();
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(code);
