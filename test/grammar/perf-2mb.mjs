#!/usr/bin/env node
// Grammar speed check: writes grammar-test files whose paragraph is one 2 MB line (ordinary prose plus shapes that
// make careless regexes backtrack: long runs of spaces, digits, unclosed quotes, lone quote marks) to a temporary
// directory, runs vscode-tmgrammar-test on them (the same runner as `npm run test:grammar`), and fails if the run
// exits non-zero or takes longer than the limit. Each file also checks that the line after the 2 MB line is still
// tokenized. Usage: node test/grammar/perf-2mb.mjs [limitSeconds=60]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const limit = Number(process.argv[2] ?? 60);
const SIZE = 2 * 1024 * 1024;
const fill = (unit) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const prose =
  'On Aug. 26, 2025 the board “backed the plan,” a spokesperson said, adding that the port’s 1,200 cranes ran 12% ' +
  'faster (see www.example.org/port, https://example.com/a?b=1) while ‘critics’ argued on Monday that 3.5 percent ' +
  'was "too little". ';
const lines = {
  prose: fill(prose),
  spaces: '(Source: ' + fill(' ') + 'x',
  digits: '1' + fill(',000') + ',00',
  'unclosed-quote': '“' + fill('word ’s ‘x '),
  'lone-marks': fill('‘a " b ’ '),
  'capitalised-words': fill('Alpha Beta '),
  'byline-like': 'By ' + fill('Xyz '),
  'dates-and-links': fill('26 August 2025 Sept. 3rd Monday 2025-08-26 www.a.b/c, '),
};

const dir = mkdtempSync(join(tmpdir(), 'seed-grammar-perf-'));
try {
  for (const [name, line] of Object.entries(lines)) {
    const text = [
      `# SYNTAX TEST "text.seed" "2 MB line: ${name}"`,
      '',
      line,
      '# <- - markup.heading.section.seed',
      'A Heading After the Long Line',
      '# <----------------------------- markup.heading.section.seed',
      '',
    ].join('\n');
    writeFileSync(join(dir, `${name}.seed.txt`), text);
  }
  const started = Date.now();
  const r = spawnSync(process.execPath, ['node_modules/vscode-tmgrammar-test/dist/unit.js', join(dir, '*.seed.txt')], {
    encoding: 'utf8',
    timeout: limit * 1000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const files = Object.keys(lines).length;
  if (r.error || r.status !== 0) {
    console.log(`grammar perf: FAILED after ${seconds.toFixed(1)} s (${r.error ? r.error.code : `exit ${r.status}`}), ${files} files of 2 MB`);
    process.exitCode = 1;
  } else {
    console.log(`grammar perf: ${files} files with a 2 MB line tokenized in ${seconds.toFixed(1)} s (limit ${limit} s)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
