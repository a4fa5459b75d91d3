#!/usr/bin/env node
// `npm test`: every test, in order — build, typecheck, lint (ESLint, type-aware), unit + CLI + acceptance (mocha), grammar
// (vscode-tmgrammar-test), packaging (vsce), the integration suite inside a real VS Code (code-server), and the web
// suite in that VS Code's web worker extension host (VS Code for the Web).
// Prints one closing line "N passed, N failed" and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

const results = [];
const only = process.argv.slice(2); // e.g. `npm test -- unit grammar`
const wanted = (name) => only.length === 0 || only.includes(name);

function step(name, fn) {
  if (!wanted(name)) return;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  let outcome;
  try {
    outcome = fn();
  } catch (error) {
    console.error(error);
    outcome = { passed: 0, failed: 1 };
  }
  return Promise.resolve(outcome).then((r) => {
    results.push({ name, ...r, seconds: (Date.now() - started) / 1000 });
  });
}

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  return r.status === 0;
}

await step('build', () => {
  const ok = sh(process.execPath, ['esbuild.mjs']);
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
});
await step('typecheck', () => {
  // The whole project, then src/core alone without Node's or mocha's types (the core runs in every host).
  const ok = ['.', 'src/core'].map((project) => sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit'])).every(Boolean);
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
});
await step('lint', () => {
  const ok = sh(process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
});
await step('unit', async () => {
  const mocha = new Mocha({ reporter: 'spec', timeout: 30_000 });
  for (const f of readdirSync('out/test/unit').filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join('out/test/unit', f));
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures, skipped: runner.stats.pending }));
  });
});
await step('grammar', () => {
  const r = spawnSync(process.execPath, ['node_modules/vscode-tmgrammar-test/dist/unit.js', 'test/grammar/*.seed.txt'], { encoding: 'utf8' });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  const files = readdirSync('test/grammar').filter((f) => f.endsWith('.seed.txt')).length;
  const failedFiles = new Set([...(r.stdout + r.stderr).matchAll(/^\s*✖\s+(\S+)/gm)].map((m) => m[1])).size;
  const failed = r.status === 0 ? 0 : Math.max(1, failedFiles);
  return { passed: files - failed, failed };
});
await step('package', () => {
  rmSync('seed-annotator.vsix', { force: true });
  const ok = sh(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '-o', 'seed-annotator.vsix'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const listing = spawnSync('unzip', ['-Z1', 'seed-annotator.vsix'], { encoding: 'utf8' }).stdout ?? '';
  const files = listing.split('\n').filter((l) => l.startsWith('extension/'));
  const unexpected = files.filter((f) => !/^extension\/(package\.json|readme\.md|README\.md|LICENSE\.txt|language-configuration\.json|dist\/(?:web\/)?(?:extension|worker)\.js|syntaxes\/|schemas\/|docs\/rules\/|media\/)/.test(f));
  console.log(`seed-annotator.vsix: ${files.length} files${unexpected.length ? `; unexpected: ${unexpected.join(', ')}` : ''}`);
  const good = ok && ['extension/dist/extension.js', 'extension/dist/web/extension.js', 'extension/dist/web/worker.js'].every((f) => files.includes(f)) && unexpected.length === 0;
  // Rebuild the development bundle (packaging minified it).
  sh(process.execPath, ['esbuild.mjs']);
  return { passed: good ? 1 : 0, failed: good ? 0 : 1 };
});
await step('vscode', () => {
  if (!existsSync('.vscode-test/cs/node_modules/.bin/code-server')) {
    if (!sh('bash', ['scripts/setup-vscode.sh'])) return { passed: 0, failed: 1 };
  }
  rmSync('out/test/integration-result.json', { force: true });
  const ok = sh(process.execPath, ['test/integration/launch-code-server.mjs']);
  let counts = { passed: 0, failed: ok ? 0 : 1 };
  if (existsSync('out/test/integration-result.json')) {
    const r = JSON.parse(readFileSync('out/test/integration-result.json', 'utf8'));
    counts = { passed: r.passed ?? 0, failed: Math.max(r.failed ?? 0, ok ? 0 : 1) };
  }
  return counts;
});

await step('web', () => {
  if (!existsSync('.vscode-test/cs/node_modules/.bin/code-server')) {
    console.log('web: SKIPPED — code-server is not installed (.vscode-test/cs; scripts/setup-vscode.sh installs it), so VS Code for the Web cannot run here');
    return { passed: 0, failed: 0, skipped: 1 };
  }
  rmSync('out/test/integration-web-result.json', { force: true });
  const ok = sh(process.execPath, ['test/integration/launch-web.mjs']);
  let counts = { passed: 0, failed: ok ? 0 : 1 };
  if (existsSync('out/test/integration-web-result.json')) {
    const r = JSON.parse(readFileSync('out/test/integration-web-result.json', 'utf8'));
    counts = { passed: r.passed ?? 0, failed: Math.max(r.failed ?? 0, ok ? 0 : 1) };
  }
  return counts;
});

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.name.padEnd(10)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed${r.skipped ? ` ${r.skipped} skipped` : ''}  (${r.seconds.toFixed(1)} s)`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const skipped = results.reduce((s, r) => s + (r.skipped ?? 0), 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
