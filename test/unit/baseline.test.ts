// --baseline FILE / --update-baseline / --max-warnings: known findings survive unrelated edits, only new findings fail
// the run, counts are consumed, a missing or broken baseline stops the run (exit 2) and is never overwritten.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnnotation, serializeSidecar } from '../../src/core';
import { baselineOf, baselineProblem, BaselineMatcher, findingKey, keyString, normaliseText, serialiseBaseline } from '../../src/cli/baseline';

const CLI = join(process.cwd(), 'dist/cli.js');
const FIXTURES = join(process.cwd(), 'test/fixtures/cli');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project folder with the fixtures in articles/. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seed-baseline-'));
  mkdirSync(join(dir, 'articles'));
  for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), join(dir, 'articles', f));
  return dir;
}

const BASELINE = '.seed-baseline.json';

describe('baseline keys', () => {
  it('normalises case, whitespace and quote marks', () => {
    assert.equal(normaliseText('  “The  Boats\n sail” ‘again’ «now» '), '"the boats sail" \'again\' "now"');
    assert.equal(normaliseText('"the boats sail"'), normaliseText('“The boats\r\nsail”'));
  });

  it('keys a finding by rule, file and covered text, not by offsets', () => {
    const text = 'Headline\n\n“Not again.”\n';
    const moved = 'Headline\n\nA new paragraph.\n\n“Not  again.”\n';
    const a = findingKey('scare-quote', 'a.txt', text, text.indexOf('“'), text.indexOf('”') + 1);
    const b = findingKey('scare-quote', 'a.txt', moved, moved.indexOf('“'), moved.indexOf('”') + 1);
    assert.deepEqual(a, b);
    assert.deepEqual(a, { file: 'a.txt', rule: 'scare-quote', text: '"not again."' });
    assert.notEqual(keyString(a), keyString({ ...a, rule: 'unattributed-quote' }));
    assert.notEqual(keyString(a), keyString({ ...a, file: 'b.txt' }));
  });

  it('adds the line around a very short finding, and a digest for a long one; duplicates name the other file', () => {
    const text = 'One line\nShe said “no and left.\nOther';
    const mark = text.indexOf('“');
    assert.deepEqual(findingKey('unbalanced-quote', 'a.txt', text, mark, mark + 1), { file: 'a.txt', rule: 'unbalanced-quote', text: '"', context: 'she said "no and left.' });
    const long = 'word '.repeat(100);
    const k = findingKey('cross-document-duplicate', 'a.txt', long, 0, long.length, 'b.txt');
    assert.ok(k.text.length <= 101);
    assert.ok(k.text.endsWith('…'));
    assert.match(k.sha256!, /^[0-9a-f]{16}$/);
    assert.equal(k.other, 'b.txt');
    const edited = 'word '.repeat(99) + 'verb ';
    assert.notEqual(findingKey('cross-document-duplicate', 'a.txt', edited, 0, edited.length, 'b.txt').sha256, k.sha256, 'an edit past the head changes the key');
  });

  it('counts identical findings, and a matcher consumes the counts', () => {
    const k1 = { file: 'b.txt', rule: 'scare-quote', text: '"x"', context: 'a "x" b' };
    const k2 = { file: 'a.txt', rule: 'unattributed-quote', text: '"quote"' };
    const baseline = baselineOf([k1, k2, k1]);
    assert.deepEqual(baseline, { version: 1, entries: [{ ...k2, count: 1 }, { file: 'b.txt', rule: 'scare-quote', text: '"x"', context: 'a "x" b', count: 2 }] });
    const m = new BaselineMatcher(baseline.entries);
    assert.equal(m.take(k1), true);
    assert.equal(m.take(k1), true);
    assert.equal(m.take(k1), false);
    assert.equal(m.unused(), 1);
    assert.equal(m.take(k2), true);
    assert.equal(m.unused(), 0);
  });

  it('serialises in a stable order, one entry a line, and reads back', () => {
    const keys = [
      { file: 'z.txt', rule: 'a', text: 't' },
      { file: 'a.txt', rule: 'b', text: 't2' },
      { file: 'a.txt', rule: 'a', text: 't3' },
    ];
    const one = serialiseBaseline(baselineOf(keys));
    assert.equal(one, serialiseBaseline(baselineOf([...keys].reverse())));
    assert.deepEqual(
      JSON.parse(one).entries.map((e: { file: string; rule: string }) => `${e.file} ${e.rule}`),
      ['a.txt a', 'a.txt b', 'z.txt a'],
    );
    assert.equal(one.split('\n').length, 3 + keys.length + 3, 'one entry a line');
    assert.equal(baselineProblem(JSON.parse(one)), undefined);
    assert.equal(serialiseBaseline(baselineOf([])), '{\n  "version": 1,\n  "entries": []\n}\n');
  });

  it('says what is wrong with a file that is not a baseline', () => {
    assert.match(baselineProblem([])!, /not a JSON object/);
    assert.match(baselineProblem({ version: 2, entries: [] })!, /"version" must be 1/);
    assert.match(baselineProblem({ version: 1 })!, /"entries" must be an array/);
    assert.match(baselineProblem({ version: 1, entries: [{ file: 'a', rule: 'r', text: 't', count: 0 }] })!, /entry 1: "count" must be a whole number from 1/);
    assert.match(baselineProblem({ version: 1, entries: [{ file: 'a', rule: 'r', count: 1 }] })!, /entry 1: "text" must be a string/);
    assert.match(baselineProblem({ version: 1, entries: [{ file: 'a', rule: 'r', text: 't', context: 3, count: 1 }] })!, /"context" must be a string/);
  });
});

describe('CLI --baseline', function () {
  this.timeout(60_000);
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)'));

  it('--update-baseline records every finding, exits 0, and a run against it passes with a summary line', () => {
    const dir = project();
    const plain = run(['analyze', 'articles'], dir);
    assert.equal(plain.code, 1);
    const findings = plain.stdout.trim().split('\n').length;
    const update = run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles'], dir);
    assert.equal(update.code, 0, update.stderr);
    assert.equal(update.stdout, plain.stdout, 'the findings are still shown');
    assert.match(update.stderr, new RegExp(`baseline \\.seed-baseline\\.json updated: ${findings} finding\\(s\\)`));
    const saved = JSON.parse(readFileSync(join(dir, BASELINE), 'utf8'));
    assert.equal(saved.version, 1);
    assert.equal(
      saved.entries.reduce((n: number, e: { count: number }) => n + e.count, 0),
      findings,
    );
    assert.ok(saved.entries.every((e: { file: string }) => e.file.startsWith('articles/')));
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('tmp')),
      [],
      'no temporary file left behind',
    );
    const checked = run(['analyze', '--baseline', BASELINE, 'articles'], dir);
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    assert.equal(checked.stdout, '');
    assert.match(checked.stderr, /: 0 finding\(s\)/);
    assert.match(checked.stderr, new RegExp(`^${findings} finding\\(s\\) in the baseline \\(not shown\\)$`, 'm'));
    // The round trip: updating again writes the same file.
    const before = readFileSync(join(dir, BASELINE), 'utf8');
    assert.equal(run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles'], dir).code, 0);
    assert.equal(readFileSync(join(dir, BASELINE), 'utf8'), before);
  });

  it('changes nothing in the text and JSON output with an empty baseline (annotated articles included)', () => {
    const dir = project();
    // An article annotated in its sidecar, one annotation of which is orphaned (its words are gone).
    const article = readFileSync(join(dir, 'articles/002_wire.txt'), 'utf8');
    const at = (quote: string, id: string, text = article) => {
      const start = text.indexOf(quote);
      return createAnnotation({ text, start, end: start + quote.length, source: '002_wire.txt', id, now: '2026-01-01T00:00:00.000Z', note: 'check' });
    };
    const older = article + '\nA sentence that was later deleted from the article.\n';
    writeFileSync(
      join(dir, 'articles/002_wire.txt.annotations.json'),
      serializeSidecar([at('Officials declined to give a new budget figure.', 'urn:uuid:w1'), at('A sentence that was later deleted from the article.', 'urn:uuid:w2', older)], '002_wire.txt'),
    );
    writeFileSync(join(dir, BASELINE), '{"version":1,"entries":[]}');
    for (const format of ['text', 'json']) {
      const plain = run(['analyze', '--format', format, 'articles'], dir);
      const based = run(['analyze', '--format', format, '--baseline', BASELINE, 'articles'], dir);
      assert.equal(based.code, plain.code);
      assert.ok(based.stdout === plain.stdout, format);
      assert.equal(based.stderr, plain.stderr);
    }
    assert.match(run(['analyze', 'articles/002_wire.txt'], dir).stdout, /002_wire\.txt: 2 annotations, 1 orphaned/);
  });

  it('marks known findings "baseline": true in JSON, and leaves them out of SARIF', () => {
    const dir = project();
    writeFileSync(join(dir, 'articles/005_new.txt'), 'Late news\n\n“We had no warning at all.”\n');
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles/001_harbour.txt', 'articles/002_wire.txt'], dir);
    const paths = ['articles/001_harbour.txt', 'articles/002_wire.txt', 'articles/005_new.txt'];
    const json = run(['analyze', '--format', 'json', '--baseline', BASELINE, ...paths], dir);
    assert.equal(json.code, 1, 'the new file has a new warning');
    const files = JSON.parse(json.stdout).files;
    for (const f of files.slice(0, 2)) assert.ok(f.findings.length > 0 && f.findings.every((x: { baseline?: boolean }) => x.baseline === true), f.path);
    assert.ok(files[2].findings.length === 1 && !('baseline' in files[2].findings[0]));
    const sarif = JSON.parse(run(['analyze', '--format', 'sarif', '--baseline', BASELINE, ...paths], dir).stdout);
    assert.deepEqual(
      sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId),
      ['unattributed-quote'],
    );
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'articles/005_new.txt');
    assert.ok(sarif.runs[0].invocations[0].toolExecutionNotifications.some((n: { message: { text: string } }) => /finding\(s\) in the baseline are not reported/.test(n.message.text)));
  });

  it('still knows a finding after an unrelated edit (a paragraph inserted before it, another line changed)', () => {
    const dir = project();
    assert.equal(run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles'], dir).code, 0);
    const file = join(dir, 'articles/001_harbour.txt');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(4, 0, 'The ferry company published a revised timetable for the autumn on its website.', '');
    writeFileSync(file, lines.join('\n').replace('By a staff reporter', 'By our harbour correspondent'));
    const r = run(['analyze', '--baseline', BASELINE, 'articles'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
  });

  it('fails on a new finding and shows only that one', () => {
    const dir = project();
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles'], dir);
    const file = join(dir, 'articles/002_wire.txt');
    writeFileSync(file, readFileSync(file, 'utf8') + '\n“Nobody asked the passengers.”\n');
    const r = run(['analyze', '--baseline', BASELINE, 'articles'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.trim().split('\n'), ['articles/002_wire.txt:9:1 warning unattributed-quote Quote has no speaker: “Nobody asked the passengers.”']);
    assert.match(r.stderr, /: 1 finding\(s\) \(0 errors, 1 warnings/);
  });

  it('consumes counts: a second identical finding in a file is new', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-baseline-count-'));
    const quote = '“Nobody told us anything about the delay.”';
    writeFileSync(join(dir, 'a.txt'), `Delay\n\n${quote}\n`);
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'a.txt'], dir);
    assert.equal(JSON.parse(readFileSync(join(dir, BASELINE), 'utf8')).entries[0].count, 1);
    writeFileSync(join(dir, 'a.txt'), `Delay\n\n${quote}\n\nThe council met on Monday.\n\n${quote}\n`);
    const r = run(['analyze', '--baseline', BASELINE, 'a.txt'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.match(r.stderr, /^1 finding\(s\) in the baseline/m);
    // Recorded twice, both are known.
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'a.txt'], dir);
    assert.equal(JSON.parse(readFileSync(join(dir, BASELINE), 'utf8')).entries[0].count, 2);
    assert.equal(run(['analyze', '--baseline', BASELINE, 'a.txt'], dir).code, 0);
    // The same words in another file are a new finding there.
    writeFileSync(join(dir, 'b.txt'), `Delay\n\n${quote}\n`);
    assert.equal(run(['analyze', '--baseline', BASELINE, 'a.txt', 'b.txt'], dir).code, 1);
  });

  it('reports baseline entries that no longer match, and --update-baseline drops them', () => {
    const dir = project();
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles'], dir);
    const before = JSON.parse(readFileSync(join(dir, BASELINE), 'utf8')).entries.length;
    const file = join(dir, 'articles/002_wire.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('“The timetable is out of our hands.”', '“The timetable is out of our hands,” Marta Keller said.'));
    const r = run(['analyze', '--baseline', BASELINE, 'articles'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /1 finding\(s\) in the baseline \.seed-baseline\.json no longer found; --update-baseline drops them/);
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles'], dir);
    assert.equal(JSON.parse(readFileSync(join(dir, BASELINE), 'utf8')).entries.length, before - 1);
  });

  it('keys files relative to the baseline, so it works from another folder', () => {
    const dir = project();
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles'], dir);
    const r = run(['analyze', '--baseline', join('..', BASELINE), '.'], join(dir, 'articles'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
  });

  it('gives the same output and status for every --jobs N', () => {
    const dir = project();
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles/001_harbour.txt'], dir);
    for (const format of ['text', 'json', 'sarif']) {
      const one = run(['analyze', '--format', format, '--baseline', BASELINE, '--jobs', '1', 'articles'], dir);
      const two = run(['analyze', '--format', format, '--baseline', BASELINE, '--jobs', '2', 'articles'], dir);
      assert.equal(two.code, one.code);
      assert.ok(two.stdout === one.stdout, format);
      assert.equal(two.stderr, one.stderr);
    }
  });

  it('exits 2 for a missing baseline, with a clear message and no output', () => {
    const dir = project();
    const r = run(['analyze', '--format', 'json', '--baseline', 'nope.json', 'articles'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /baseline nope\.json not found; create it with --update-baseline/);
    assert.equal(existsSync(join(dir, 'nope.json')), false);
  });

  it('exits 2 for a corrupt baseline and never overwrites it without --update-baseline', () => {
    const dir = project();
    for (const broken of ['{ "version": 1, "entries": [ ', '{"version":1,"entries":[{"file":"a","rule":"r","text":"t","count":-1}]}', '[]']) {
      writeFileSync(join(dir, BASELINE), broken);
      const r = run(['analyze', '--baseline', BASELINE, 'articles'], dir);
      assert.equal(r.code, 2, broken);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /baseline \.seed-baseline\.json cannot be used: .+; fix it, or replace it with --update-baseline/);
      assert.equal(readFileSync(join(dir, BASELINE), 'utf8'), broken);
    }
    assert.equal(run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles'], dir).code, 0);
    assert.equal(JSON.parse(readFileSync(join(dir, BASELINE), 'utf8')).version, 1);
  });

  it('does not update the baseline when an input cannot be read', () => {
    const dir = project();
    const r = run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles', 'missing.txt'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not updated: some inputs could not be read/);
    assert.equal(existsSync(join(dir, BASELINE)), false);
  });

  it('rejects --update-baseline without --baseline, and the options on claims', () => {
    const dir = project();
    const r = run(['analyze', '--update-baseline', 'articles'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--update-baseline needs --baseline FILE/);
    assert.equal(run(['claims', '--baseline', BASELINE, 'articles'], dir).code, 2);
  });
});

describe('CLI --max-warnings', function () {
  this.timeout(60_000);

  it('fails only when the warnings exceed N', () => {
    const dir = project();
    const warnings = run(['analyze', 'articles'], dir).stdout.split('\n').filter((l) => / warning /.test(l)).length;
    assert.ok(warnings >= 3, 'the fixtures have warnings');
    assert.equal(run(['analyze', '--max-warnings', String(warnings), 'articles'], dir).code, 0);
    assert.equal(run(['analyze', `--max-warnings=${warnings + 1}`, 'articles'], dir).code, 0);
    assert.equal(run(['analyze', '--max-warnings', String(warnings - 1), 'articles'], dir).code, 1);
    assert.equal(run(['analyze', '--max-warnings', '0', 'articles'], dir).code, 1);
    assert.equal(run(['analyze', '--format', 'sarif', '--max-warnings', String(warnings), 'articles'], dir).code, 0);
  });

  it('counts only warnings not in the baseline', () => {
    const dir = project();
    run(['analyze', '--baseline', BASELINE, '--update-baseline', 'articles/001_harbour.txt'], dir);
    const all = run(['analyze', 'articles'], dir).stdout.split('\n').filter((l) => / warning /.test(l)).length;
    const known = run(['analyze', 'articles/001_harbour.txt'], dir).stdout.split('\n').filter((l) => / warning /.test(l)).length;
    assert.ok(known >= 1);
    assert.equal(run(['analyze', '--baseline', BASELINE, '--max-warnings', String(all - known), 'articles'], dir).code, 0);
    assert.equal(run(['analyze', '--baseline', BASELINE, '--max-warnings', String(all - known - 1), 'articles'], dir).code, 1);
  });

  it('always fails on an error', () => {
    const dir = project();
    writeFileSync(join(dir, '.seed-annotator.json'), '{ "rules": { "unattributed-quote": "error" } }');
    const r = run(['analyze', '--max-warnings', '1000', 'articles'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, / error unattributed-quote /);
    // An information-only run passes.
    writeFileSync(join(dir, '.seed-annotator.json'), '{ "rules": { "unattributed-quote": "information", "duplicate-passage": "information" } }');
    assert.equal(run(['analyze', 'articles'], dir).code, 0);
  });

  it('rejects a value that is not a whole number from 0', () => {
    const dir = project();
    for (const bad of ['-1', '1.5', 'many', '']) {
      const r = run(['analyze', '--max-warnings', bad, 'articles'], dir);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--max-warnings must be a whole number from 0/);
    }
  });
});
