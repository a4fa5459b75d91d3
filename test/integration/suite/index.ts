// Entry of the integration suite, run INSIDE the VS Code extension host (the @vscode/test-electron contract:
// VS Code requires this file and awaits `run()`). Bundled by esbuild to out/test/integration/suite/index.js.
//
// It runs every `*.test.js` beside it (each test/integration/suite/*.test.ts is bundled on its own) with
// Mocha's bdd interface (describe/it), then logs one machine-readable line that the launchers parse:
//   SEED_SUITE_RESULT {"passed":n,"failed":m,"pending":p,"failures":[{"title":"...","error":"..."}]}
// and rejects when a test failed or none ran.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export const RESULT_MARKER = 'SEED_SUITE_RESULT';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.SEED_TEST_TIMEOUT_MS) || 20_000,
    grep: process.env.SEED_TEST_GREP || undefined,
  });

  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
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

  console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed, pending, files, failures })}`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
  if (passed === 0) throw new Error(`no integration test ran (files: ${files.join(', ') || 'none'})`);
}
