// Entry of the integration suite, run INSIDE the VS Code extension host (the @vscode/test-electron contract:
// VS Code requires this file and awaits `run()`). Bundled by esbuild to out/test/integration/suite/index.js.
//
// It runs every `*.test.js` beside it (each test/integration/suite/*.test.ts is bundled on its own) with
// Mocha's bdd interface (describe/it), then logs one machine-readable line that the launchers parse:
//   SEED_SUITE_RESULT {"passed":n,"failed":m,"pending":p,"phase":"…","failures":[{"title":"...","error":"..."}]}
// and rejects when a test failed or none ran.
//
// Two phases, for tests that need a window reload: the code-server launcher sets SEED_TEST_PHASE_FILE to a file
// holding the phase. First it holds "first": every *.test.js except *.after-reload.test.js runs. The launcher then
// writes "after-reload" into it and reloads the page; the workbench starts a fresh extension host, which calls run()
// again, and only *.after-reload.test.js runs, reading back what the first phase left. Without the variable (the
// Electron launcher) only the first phase runs. During the first phase the launcher may also open a second window on
// the same folder (when a test logs SEED_OPEN_SECOND_WINDOW), with "second-window" in the file: that window's
// extension host runs only *.second-window.test.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export const RESULT_MARKER = 'SEED_SUITE_RESULT';
const AFTER_RELOAD = '.after-reload.test.js';
const SECOND_WINDOW = '.second-window.test.js';

type Phase = 'first' | 'after-reload' | 'second-window';

/** 'first'; 'after-reload' once the launcher has reloaded the window; 'second-window' in a second window. */
export function testPhase(): Phase {
  const file = process.env.SEED_TEST_PHASE_FILE;
  if (!file) return 'first';
  try {
    const phase = fs.readFileSync(file, 'utf8').trim();
    return phase === 'after-reload' || phase === 'second-window' ? phase : 'first';
  } catch {
    return 'first';
  }
}

function inPhase(file: string, phase: Phase): boolean {
  if (phase === 'after-reload') return file.endsWith(AFTER_RELOAD);
  if (phase === 'second-window') return file.endsWith(SECOND_WINDOW);
  return file.endsWith('.test.js') && !file.endsWith(AFTER_RELOAD) && !file.endsWith(SECOND_WINDOW);
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.SEED_TEST_TIMEOUT_MS) || 20_000,
    grep: process.env.SEED_TEST_GREP || undefined,
  });

  const phase = testPhase();
  // The stall fault test runs first, in a fresh extension host: its scenario is one folder with two big articles, and
  // what the other suites leave behind (their articles, documents and a heap grown over minutes) is not part of it.
  const FIRST = 'stall.test.js';
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => inPhase(f, phase))
    .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b));
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const failures: { title: string; error: string }[] = [];
  let passed = 0;
  let pending = 0;
  let failed = 0;
  try {
    failed = await new Promise<number>((resolve) => {
      const runner = mocha.run((count) => resolve(count));
      runner.on('pass', () => passed++);
      runner.on('pending', () => pending++);
      runner.on('fail', (test, err: Error) => {
        failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err).split('\n').slice(0, 6).join('\n') });
      });
    });
  } catch (err) {
    // A test file that throws while loading lands here.
    console.error('Error loading the integration suite:', err);
    failures.push({ title: 'loading the suite', error: String((err as Error)?.stack ?? err) });
    failed = Math.max(failed, 1);
  }
  failed = Math.max(failed, failures.length);

  console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed, pending, phase, files, failures })}`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
  // After the reload, SEED_TEST_GREP may have left nothing to run; the first phase must run something.
  if (passed === 0 && phase === 'first') throw new Error(`no integration test ran (files: ${files.join(', ') || 'none'})`);
}
