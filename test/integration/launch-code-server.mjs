// Runs the integration suite (out/test/integration/suite/index.js, built by `node esbuild.mjs`) inside a real
// VS Code: code-server 4.100.3 drawn in headless Chromium (see test/integration/code-server.mjs).
//
//   npm run test:vscode            (builds first)
//   node test/integration/launch-code-server.mjs
//
// Env: SEED_VSCODE_TIMEOUT_MS (overall, default 480000: two phases and a second window),
//      SEED_VSCODE_VERBOSE=1 (server + browser logs),
//      SEED_EXTENSION_DEV_PATH (extension folder, default the repository root),
//      SEED_TEST_GREP (only tests whose full title matches; read by the suite entry).
// Prints the suite's output, then a closing line `N passed, N failed`; writes out/test/integration-result.json.
// Exits non-zero when a test failed, no test ran, the suite reported nothing, or the run timed out.
//
// Two phases: the suite runs once (every *.test.js but *.after-reload.test.js); then the page is reloaded, which is
// what Developer: Reload Window does in a browser: the workbench and a fresh extension host start again, and run the
// *.after-reload.test.js files, which read back the state the first phase left (files on disk, nothing in memory).
// The phase is in a file named by SEED_TEST_PHASE_FILE (the extension host inherits the server's environment).
// The counts are the sum of both phases.
//
// A second window: when a first-phase test logs SEED_OPEN_SECOND_WINDOW, a second page opens the same folder (a second
// workbench, with its own extension host, as a second browser tab would), with "second-window" as the phase: its
// extension host runs the *.second-window.test.js files while the first window's test goes on (they coordinate
// through files in the folder). Its counts are added; SEED_TEST_SECOND_WINDOW=1 tells the tests it is available.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import { automationLogRelay, repoRoot, startCodeServer, withTimeout } from './code-server.mjs';

const MARKER = 'SEED_SUITE_RESULT';
const OPEN_SECOND_WINDOW = 'SEED_OPEN_SECOND_WINDOW';
const overallMs = Number(process.env.SEED_VSCODE_TIMEOUT_MS) || 8 * 60_000;
const extensionDevelopmentPath = resolve(process.env.SEED_EXTENSION_DEV_PATH || repoRoot);
const extensionTestsPath = join(repoRoot, 'out/test/integration/suite/index.js');
const workspace = join(repoRoot, 'test/fixtures/workspace');
const resultFile = join(repoRoot, 'out/test/integration-result.json');

const started = Date.now();
let suiteResult; // parsed SEED_SUITE_RESULT payload of the phase running
const before = { passed: 0, failed: 0 }; // the first phase's counts, once it reported
let vs;
const phaseDir = mkdtempSync(join(tmpdir(), 'seed-phase-'));
const phaseFile = join(phaseDir, 'phase');
process.env.SEED_TEST_PHASE_FILE = phaseFile;
process.env.SEED_TEST_SECOND_WINDOW = '1';
let secondWindow; // Promise<{ exitCode, result }> once a test asked for it

function finish({ passed = 0, failed = 0, exitCode = null, error = null }) {
  const ok = !error && exitCode === 0 && failed === 0 && passed > 0;
  const result = {
    runner: 'code-server',
    ok,
    passed,
    failed,
    pending: suiteResult?.pending ?? 0,
    exitCode,
    error,
    failures: suiteResult?.failures ?? [],
    durationMs: Date.now() - started,
  };
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  if (error) console.error(`\nintegration: ${error}`);
  console.log(`\nintegration: VS Code 1.100.3 (code-server) run took ${(result.durationMs / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

// The suite's result line is relayed as the closing line; mocha has printed the failures already.
const relay = automationLogRelay({ marker: MARKER, label: 'integration', onResult: (result) => (suiteResult = result) });
const onAutomationLog = (type, args) => {
  if (format(...(Array.isArray(args) ? args : [args])).includes(OPEN_SECOND_WINDOW)) {
    secondWindow ??= openSecondWindow();
    return;
  }
  relay(type, args);
};

/** Written when the second window has closed (annotationsShared.ts: FAULTS_DIR / SECOND_WINDOW_CLOSED). */
const SECOND_WINDOW_CLOSED = 'tmp-annotation-faults/second-window-closed.json';

/** A second workbench page on the same folder; resolves when its extension host has run the second-window tests. */
async function openSecondWindow() {
  console.log('integration: opening a second window on the same folder');
  writeFileSync(phaseFile, 'second-window');
  let result;
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  const page = await vs.page.context().newPage();
  await page.exposeFunction('codeAutomationLog', automationLogRelay({ marker: MARKER, label: 'second window', onResult: (r) => (result = r) }));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  await page.goto(vs.url(workspace, { extensionDevelopmentPath, extensionTestsPath }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  const exitCode = await exited;
  await page.close().catch(() => {});
  // The first window's test waits for this before its suite ends, so nothing of this window overlaps later suites.
  writeFileSync(join(workspace, SECOND_WINDOW_CLOSED), '{}\n');
  console.log(`integration: the second window ran ${result ? `${result.passed} passed, ${result.failed} failed` : 'nothing'} (extension host exit code ${exitCode})`);
  return { exitCode, result };
}

async function main() {
  if (!existsSync(extensionTestsPath)) {
    throw new Error(`${extensionTestsPath} is missing: run \`node esbuild.mjs\` first (npm run test:vscode does)`);
  }
  if (!existsSync(join(extensionDevelopmentPath, 'package.json'))) {
    throw new Error(`no extension at ${extensionDevelopmentPath} (package.json missing)`);
  }
  if (!existsSync(workspace)) {
    mkdirSync(workspace, { recursive: true });
    writeFileSync(join(workspace, 'README.md'), '# Integration-test workspace\n\nArticles for test/integration/suite go here.\n');
  }

  console.log(`integration: starting code-server (extension ${extensionDevelopmentPath})`);
  writeFileSync(phaseFile, 'first');
  vs = await startCodeServer();
  let resolveExit = () => {};
  await vs.page.exposeFunction('codeAutomationLog', onAutomationLog);
  await vs.page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const serverDied = vs.exited.then((code) => {
    throw new Error(`code-server exited (code ${code}) before the suite finished`);
  });
  const nextExit = () => new Promise((r) => (resolveExit = r));

  // Phase 1.
  let exit = nextExit();
  const url = vs.url(workspace, { extensionDevelopmentPath, extensionTestsPath });
  await vs.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  console.log('integration: workbench page loaded; the suite runs in the extension host');
  const firstExit = await Promise.race([exit, serverDied]);
  const first = suiteResult;
  if (!first) {
    return finish({ exitCode: firstExit, error: `the suite reported no ${MARKER} line (extension host exit code ${firstExit})` });
  }
  if (secondWindow) {
    const { exitCode: secondExit, result } = await Promise.race([secondWindow, serverDied]);
    if (!result) return finish({ passed: first.passed, failed: first.failed + 1, exitCode: firstExit, error: `the second window reported no ${MARKER} line (extension host exit code ${secondExit})` });
    first.passed += result.passed;
    first.failed += result.failed;
    first.pending = (first.pending ?? 0) + (result.pending ?? 0);
    first.failures = [...(first.failures ?? []), ...(result.failures ?? [])];
  }

  // Phase 2: reload the window; a fresh extension host runs the after-reload tests.
  Object.assign(before, { passed: first.passed, failed: first.failed });
  suiteResult = undefined;
  writeFileSync(phaseFile, 'after-reload');
  exit = nextExit();
  console.log('\nintegration: reloading the window (a fresh extension host runs the after-reload tests)');
  await vs.page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
  const secondExit = await Promise.race([exit, serverDied]);
  const second = suiteResult;
  suiteResult = { pending: (first.pending ?? 0) + (second?.pending ?? 0), failures: [...(first.failures ?? []), ...(second?.failures ?? [])] };
  if (!second) {
    return finish({ passed: first.passed, failed: first.failed, exitCode: secondExit, error: `after the reload, the suite reported no ${MARKER} line (extension host exit code ${secondExit})` });
  }
  const passed = first.passed + second.passed;
  const failed = first.failed + second.failed;
  const exitCode = firstExit !== 0 ? firstExit : secondExit;
  console.log(`integration: ${first.passed} passed, ${first.failed} failed before the reload; ${second.passed} passed, ${second.failed} failed after it`);
  if (passed + failed === 0) return finish({ exitCode, error: 'no test ran' });
  return finish({ passed, failed, exitCode, error: exitCode === 0 ? null : failed ? null : `extension host exited with code ${exitCode}` });
}

let code;
try {
  code = await withTimeout(
    main(),
    overallMs,
    `the integration run (SEED_VSCODE_TIMEOUT_MS=${overallMs}; VS Code never reported the suite's end; SEED_VSCODE_VERBOSE=1 shows the server and browser logs)`,
  );
} catch (err) {
  code = finish({ passed: before.passed + (suiteResult?.passed ?? 0), failed: before.failed + (suiteResult?.failed ?? 0), error: err.message });
} finally {
  await vs?.close();
  rmSync(phaseDir, { recursive: true, force: true });
}
process.exit(code);
