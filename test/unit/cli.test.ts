import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync, readFileSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOrdered, type Task, type TaskRunner } from '../../src/cli/parallel';
import { createAnnotation, serializeSidecar, type DuplicateRecord } from '../../src/core';
import { keepAside, readSidecar } from '../../src/cli/annotations';
import { replaceFile } from '../../src/node/replaceFile';

const CLI = join(process.cwd(), 'dist/cli.js');

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const UNATTRIBUTED = 'Ferry strike ends\n\nQueues formed at the northern pier before dawn.\n“The boats sail again tomorrow.”\n';
const CLEAN = 'Ferry strike ends\n\n“The boats sail again tomorrow,” the union leader said.\n';

describe('CLI', () => {
  let dir: string;
  before(() => {
    assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
    dir = mkdtempSync(join(tmpdir(), 'seed-cli-'));
    mkdirSync(join(dir, 'articles/nested'), { recursive: true });
    writeFileSync(join(dir, 'articles/001_aaaaaaaaaaaaaaaa.txt'), UNATTRIBUTED);
    writeFileSync(join(dir, 'articles/nested/002_bbbbbbbbbbbbbbbb.txt'), CLEAN);
    writeFileSync(join(dir, 'articles/image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'articles/notes.json'), '{}');
    writeFileSync(join(dir, 'clean.seed.txt'), CLEAN);
    writeFileSync(join(dir, 'bom.txt'), '\uFEFF' + UNATTRIBUTED);
    writeFileSync(join(dir, 'nobom.txt'), UNATTRIBUTED);
  });

  it('prints path:line:col severity rule message and exits 1 on a warning', () => {
    const r = run(['analyze', join(dir, 'articles/001_aaaaaaaaaaaaaaaa.txt')]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /001_aaaaaaaaaaaaaaaa\.txt:4:1 warning unattributed-quote Quote has no speaker/);
  });

  it('stops quietly when the reader of its output goes away (| head), with no stack trace', async () => {
    const many = join(dir, 'many');
    mkdirSync(many, { recursive: true });
    // Enough JSON to fill the pipe many times over, so writes go on after the reader has gone.
    for (let i = 0; i < 150; i++) writeFileSync(join(many, `${String(i).padStart(3, '0')}_aaaaaaaaaaaaaaaa.txt`), `${UNATTRIBUTED}\n${'The harbour board met again on Friday to discuss the lease of 12 grain silos, officials said.\n'.repeat(40)}`);
    const child = spawn(process.execPath, [CLI, 'analyze', '--format', 'json', many], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|Error:|\n\s+at /, stderr);
    assert.equal(code, 0);
  });

  it('exits 0 when there is no warning or error', () => {
    const r = run(['analyze', join(dir, 'clean.seed.txt')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it('walks directories, skips binary files with a message, and ignores other extensions', () => {
    const r = run(['analyze', '--format', 'json', join(dir, 'articles')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /image\.txt: skipped, looks like a binary file/);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.deepEqual(out.files.map((f: { path: string }) => f.path.split('/').pop()).sort(), ['001_aaaaaaaaaaaaaaaa.txt', '002_bbbbbbbbbbbbbbbb.txt']);
  });

  it('writes the JSON contract: quotes with kind, speaker and cue; findings with 1-based positions', () => {
    const r = run(['analyze', '--format=json', join(dir, 'articles/nested/002_bbbbbbbbbbbbbbbb.txt')]);
    const file = JSON.parse(r.stdout).files[0];
    const q = file.quotes[0];
    assert.equal(CLEAN.slice(q.start, q.end), '“The boats sail again tomorrow,”');
    assert.equal(q.kind, 'direct');
    assert.equal(q.speaker.text, 'the union leader');
    assert.equal(q.cue.text, 'said');
    assert.equal(q.anonymous, false);
    assert.deepEqual(file.findings, []);
  });

  it('reports offsets without the BOM, like VS Code', () => {
    const a = JSON.parse(run(['analyze', '--format', 'json', join(dir, 'bom.txt')]).stdout).files[0];
    const b = JSON.parse(run(['analyze', '--format', 'json', join(dir, 'nobom.txt')]).stdout).files[0];
    assert.deepEqual(a.findings, b.findings);
    assert.deepEqual(a.quotes, b.quotes);
  });

  it('exits 2 for a missing path but still analyses the others', () => {
    const r = run(['analyze', join(dir, 'no-such-file.txt'), join(dir, 'articles/001_aaaaaaaaaaaaaaaa.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no-such-file\.txt: no such file or directory/);
    assert.match(r.stdout, /unattributed-quote/);
  });

  it('exits 2 with usage on bad arguments', () => {
    assert.equal(run(['analyze']).code, 2);
    const r = run(['analyze', '--format', 'xml', 'x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be text, json or csv/);
  });

  it('reads the nearest .seed-annotator.json and reports a broken one with its position', () => {
    const proj = mkdtempSync(join(tmpdir(), 'seed-cfg-'));
    writeFileSync(join(proj, 'a.txt'), UNATTRIBUTED);
    writeFileSync(join(proj, '.seed-annotator.json'), '{ "rules": { "unattributed-quote": "off" } }');
    const off = run(['analyze', 'a.txt'], proj);
    assert.equal(off.code, 0);
    assert.doesNotMatch(off.stdout, /unattributed-quote/);
    writeFileSync(join(proj, '.seed-annotator.json'), '{ "rules": { "unattributed-quote": "off", }\n  oops }');
    const broken = run(['analyze', 'a.txt'], proj);
    assert.match(broken.stderr, /\.seed-annotator\.json:2:\d+ error config Not valid JSON/);
    assert.equal(broken.code, 1, 'defaults apply: the warning is back');
  });

  it('matches the config\'s exclude globs against paths relative to the config file\'s folder, wherever it runs', () => {
    const proj = mkdtempSync(join(tmpdir(), 'seed-cfg-rel-'));
    mkdirSync(join(proj, 'drafts'), { recursive: true });
    mkdirSync(join(proj, 'articles/drafts'), { recursive: true });
    writeFileSync(join(proj, 'drafts/001_aaaaaaaaaaaaaaaa.txt'), UNATTRIBUTED);
    writeFileSync(join(proj, 'articles/drafts/002_bbbbbbbbbbbbbbbb.txt'), UNATTRIBUTED);
    writeFileSync(join(proj, '.seed-annotator.json'), '{ "exclude": ["drafts/**"] }');
    const names = (r: { stdout: string }) => (JSON.parse(r.stdout).files as Array<{ path: string }>).map((f) => f.path.split(/[\\/]/).pop()).sort();
    // From the config's folder, and from a subfolder (walking only that subfolder): 'drafts/**' is the top drafts/.
    assert.deepEqual(names(run(['analyze', '--format', 'json', '.'], proj)), ['002_bbbbbbbbbbbbbbbb.txt']);
    assert.deepEqual(names(run(['analyze', '--format', 'json', '.'], join(proj, 'articles'))), ['002_bbbbbbbbbbbbbbbb.txt']);
    assert.deepEqual(names(run(['analyze', '--format', 'json', 'drafts/001_aaaaaaaaaaaaaaaa.txt'], proj)), []);
  });

  it('takes --config FILE and fails clearly when it is missing', () => {
    const r = run(['analyze', '--config', join(dir, 'missing.json'), join(dir, 'clean.seed.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read config/);
  });

  describe('--jobs', function () {
    this.timeout(60_000);
    let corpus: string;
    before(() => {
      // The samples and the test fixtures, one article repeating a long passage of another (a repeat across files),
      // an unattributed quote and a binary file (a skip message).
      corpus = mkdtempSync(join(tmpdir(), 'seed-cli-jobs-'));
      for (const from of ['samples', 'test/fixtures/articles']) {
        for (const f of readdirSync(from)) copyFileSync(join(from, f), join(corpus, f));
      }
      const sample = readFileSync('samples/000_5e1f0a9c3b7d2e48.txt', 'utf8').split('\n');
      const passage = sample.slice(5, 9).join('\n'); // four paragraphs, about 100 words
      writeFileSync(join(corpus, '100_cccccccccccccccc.txt'), `Another paper runs the story\n\n${passage}\n\nThe strike ended at noon.\n“The boats sail again tomorrow.”\n`);
      writeFileSync(join(corpus, '101_dddddddddddddddd.txt'), UNATTRIBUTED);
      writeFileSync(join(corpus, '102_image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    });
    after(() => rmSync(corpus, { recursive: true, force: true }));

    for (const args of [['analyze', '--format', 'json'], ['analyze'], ['claims'], ['claims', '--format', 'json']]) {
      it(`${args.join(' ')}: the same output, messages and exit status with 2 and 4 jobs as with 1`, () => {
        const one = run([...args, '--jobs', '1', corpus]);
        assert.ok(one.stdout.length > 0, one.stderr);
        assert.match(one.stderr, /102_image\.txt: skipped, looks like a binary file/);
        if (args.includes('json') && args[0] === 'analyze') {
          const copy = JSON.parse(one.stdout).files.find((f: { path: string }) => f.path.endsWith('100_cccccccccccccccc.txt'));
          assert.ok(copy.duplicates.some((d: { of: { path: string } }) => d.of.path.endsWith('000_5e1f0a9c3b7d2e48.txt')), 'the inputs have a repeat across files');
        }
        for (const jobs of ['2', '4']) {
          const many = run([...args, '--jobs', jobs, corpus]);
          assert.equal(many.code, one.code, many.stderr);
          assert.equal(many.stderr, one.stderr);
          assert.ok(many.stdout === one.stdout, `--jobs ${jobs} writes the same output as --jobs 1`);
        }
      });
    }

    it('takes --jobs=N and rejects a job count that is not a whole number from 1', () => {
      assert.equal(run(['analyze', '--jobs=3', join(dir, 'clean.seed.txt')]).code, 0);
      for (const bad of ['0', '-1', '1.5', 'many']) {
        const r = run(['analyze', '--jobs', bad, join(dir, 'clean.seed.txt')]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /--jobs must be a whole number from 1/);
      }
    });

    it('hands results over in input order, in batches; a speculative run is kept only for a file with no repeat across files', async () => {
      // A fake pool: tasks finish after pseudo-random delays; the cross-document pass finishes mid-way.
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const n = 300;
      const paths = Array.from({ length: n }, (_, i) => `f${i}`);
      const withCross = new Set(paths.filter((_, i) => i % 3 === 0));
      const record: DuplicateRecord = { start: 0, end: 1, line: 1, endLine: 1, similarity: 1, words: 40, of: { path: 'x', start: 0, end: 1, line: 1, endLine: 1 } };
      const inFlight = [0, 0, 0];
      const filesPerWorker = [0, 0, 0];
      let maxInFlight = 0;
      let maxBatch = 0;
      const pool: TaskRunner = {
        size: 3,
        inFlight: (i) => inFlight[i],
        run<T>(i: number, task: Task): Promise<T> {
          inFlight[i]++;
          maxInFlight = Math.max(maxInFlight, inFlight[i]);
          let value: unknown;
          if (task.type === 'corpus') {
            value = new Map(paths.map((p) => [p, withCross.has(p) ? [record] : []]));
          } else {
            maxBatch = Math.max(maxBatch, task.files.length);
            filesPerWorker[i] += task.files.length;
            value = task.files.map((f) => ({ path: f.path, cross: f.cross?.length ?? 0 }));
          }
          const delay = task.type === 'corpus' ? 40 : Math.floor(random() * 4);
          return new Promise((resolve) => setTimeout(() => (inFlight[i]--, resolve(value as T)), delay));
        },
      };
      const seen: Array<{ path: string; cross: number }> = [];
      const dispatched: number[] = [];
      await runOrdered<{ path: string; cross: number }>(pool, {
        count: n,
        task: (batch) => ({ type: 'analyze', files: batch.map(({ index, cross }) => ({ path: paths[index], text: '', cross })) }),
        weight: () => 1000,
        corpus: { task: () => ({ type: 'corpus', docs: [] }), key: (i) => paths[i], speculate: (i) => i !== 5 },
        size: () => 1,
        onDispatch: (i) => dispatched.push(i),
        onResult: (i, r) => {
          assert.equal(i, seen.length);
          seen.push(r);
        },
      });
      assert.deepEqual(seen.map((r) => r.path), paths);
      for (const r of seen) assert.equal(r.cross, withCross.has(r.path) ? 1 : 0, r.path);
      assert.ok(dispatched.length < n, 'some files were analysed speculatively');
      assert.ok(dispatched.includes(5), 'a file too large to speculate on is analysed once, with its records');
      assert.ok(maxInFlight <= 2);
      assert.ok(maxBatch > 1 && maxBatch <= 16, `batches of several files (${maxBatch})`);
      assert.ok(filesPerWorker.every((f) => f > 0), `every worker analyses files (${filesPerWorker.join(', ')})`);
    });

    it('rejects when a task fails', async () => {
      const pool: TaskRunner = { size: 2, inFlight: () => 0, run: () => Promise.reject(new Error('boom')) };
      const task = (batch: Array<{ index: number }>): Task => ({ type: 'claims', files: batch.map(({ index }) => ({ path: `f${index}`, text: '' })) });
      await assert.rejects(runOrdered(pool, { count: 3, task, weight: () => 1, size: () => 1, onResult: () => {} }), /boom/);
    });
  });
  describe('annotations', function () {
    this.timeout(60_000);
    let adir: string;
    // Written for these tests.
    const FERRY = 'Ferry strike ends\n\nThe strike ended at noon after talks that lasted all night.\n“The boats sail again tomorrow,” the union leader said.\nThe company said fares would not rise this year.\n';
    const HARBOUR = '\uFEFFHarbour fees rise\n\nThe port raised its fees by 8% on Monday.\n“We had no choice,” said the harbour master. 🚢\n';
    const ann = (text: string, quote: string, id: string, extra: Partial<Parameters<typeof createAnnotation>[0]> = {}) => {
      const start = text.indexOf(quote);
      assert.ok(start >= 0, quote);
      return createAnnotation({ text, start, end: start + quote.length, source: 'x.txt', id, now: '2026-11-23T10:00:00.000Z', ...extra });
    };
    const BROKEN = '{\n  "@context": "http://www.w3.org/ns/anno.jsonld",\n  "items": [\n    { "id": "urn:uuid:1", "type": "Annotation" \n  ]\n}\n';

    before(() => {
      adir = mkdtempSync(join(tmpdir(), 'seed-cli-annotations-'));
      // Annotated on an earlier version of the article: a line was inserted at the top since, one sentence edited
      // and one deleted.
      const earlier = FERRY.replace('The company said fares would not rise this year.\n', 'Passengers waited on the quay for hours.\nThe company said fares would not rise this year.\n');
      const edited = FERRY.replace('Ferry strike ends\n', 'Update 14:00\nFerry strike ends\n').replace('after talks that lasted all night', 'after talks that went on all night');
      writeFileSync(join(adir, '010_ferry.txt'), edited);
      writeFileSync(
        join(adir, '010_ferry.txt.annotations.json'),
        serializeSidecar(
          [
            ann(earlier, '“The boats sail again tomorrow,”', 'urn:uuid:a1', { note: 'Who is the union leader?', tags: ['needs source'] }),
            ann(earlier, 'The strike ended at noon after talks that lasted all night.', 'urn:uuid:a2', { verdict: 'verified', claimId: 'c123' }),
            ann(earlier, 'Passengers waited on the quay for hours.', 'urn:uuid:a3', { note: 'Photo?' }),
          ],
          '010_ferry.txt',
        ),
      );
      const harbour = HARBOUR.slice(1);
      writeFileSync(join(adir, '011_harbour.txt'), HARBOUR);
      writeFileSync(join(adir, '011_harbour.txt.annotations.json'), serializeSidecar([ann(harbour, 'the harbour master', 'urn:uuid:h1', { tags: ['verified'] })], '011_harbour.txt'));
      writeFileSync(join(adir, '012_plain.txt'), CLEAN);
      writeFileSync(join(adir, '013_broken.txt'), CLEAN);
      writeFileSync(join(adir, '013_broken.txt.annotations.json'), BROKEN);
    });

    const files = (stdout: string) => Object.fromEntries(JSON.parse(stdout).files.map((f: { path: string }) => [f.path.split(/[\\/]/).pop(), f]));

    it('analyze --format json: each file\'s annotations with their ranges now, or orphaned', () => {
      const r = run(['analyze', '--format', 'json', '--jobs', '1', adir]);
      const out = files(r.stdout);
      const ferry = readFileSync(join(adir, '010_ferry.txt'), 'utf8');
      const [a2, a1, a3] = out['010_ferry.txt'].annotations;
      assert.equal(a1.id, 'urn:uuid:a1');
      assert.equal(a1.method, 'quote');
      assert.equal(ferry.slice(a1.start, a1.end), '“The boats sail again tomorrow,”');
      assert.equal(a1.line, 5);
      assert.equal(a1.column, 1);
      assert.equal(a1.endLine, 5);
      assert.equal(a1.endColumn, 33);
      assert.equal(a1.note, 'Who is the union leader?');
      assert.deepEqual(a1.tags, ['needs source']);
      assert.equal(a1.verdict, null);
      assert.equal(a2.id, 'urn:uuid:a2');
      assert.equal(a2.method, 'fuzzy');
      assert.equal(a2.text, 'The strike ended at noon after talks that went on all night.');
      assert.equal(a2.exact, 'The strike ended at noon after talks that lasted all night.');
      assert.equal(a2.verdict, 'verified');
      assert.equal(a2.claimId, 'c123');
      assert.deepEqual(a3, { id: 'urn:uuid:a3', exact: 'Passengers waited on the quay for hours.', note: 'Photo?', tags: [], verdict: null, claimId: null, orphaned: true });
      // Offsets without the BOM, in UTF-16 code units, like the rest of the JSON.
      const [h1] = out['011_harbour.txt'].annotations;
      assert.equal(HARBOUR.slice(1).slice(h1.start, h1.end), 'the harbour master');
      assert.equal(h1.method, 'position');
      assert.deepEqual(out['012_plain.txt'].annotations, []);
      assert.equal(out['012_plain.txt'].annotationsProblem, undefined);
    });

    it('a corrupt sidecar: reported with its line and column, in the JSON too, and left byte for byte as it was', () => {
      const before = readdirSync(adir).sort();
      const r = run(['analyze', '--format', 'json', '--jobs', '1', adir]);
      assert.match(r.stderr, /013_broken\.txt: annotations file .*013_broken\.txt\.annotations\.json:5:3 is not valid \(not valid JSON: comma expected\); it was left untouched/);
      const problem = files(r.stdout)['013_broken.txt'].annotationsProblem;
      assert.equal(problem.line, 5);
      assert.equal(problem.column, 3);
      assert.match(problem.path, /013_broken\.txt\.annotations\.json$/);
      assert.equal(readFileSync(join(adir, '013_broken.txt.annotations.json'), 'utf8'), BROKEN);
      assert.deepEqual(readdirSync(adir).sort(), before, 'no file written, renamed or kept aside');
      // The exit status is the findings' (the clean article and its broken sidecar alone: 0).
      assert.equal(run(['analyze', join(adir, '013_broken.txt')]).code, 0);
    });

    it('text output: one line per annotated file with the count and the orphaned ones', () => {
      const r = run(['analyze', '--jobs', '1', adir]);
      assert.match(r.stdout, /010_ferry\.txt: 3 annotations, 1 orphaned\n/);
      assert.match(r.stdout, /011_harbour\.txt: 1 annotation\n/);
      assert.doesNotMatch(r.stdout, /012_plain\.txt: \d+ annotation/);
      assert.doesNotMatch(r.stdout, /013_broken\.txt: \d+ annotation/);
    });

    for (const args of [['analyze', '--format', 'json'], ['analyze']]) {
      it(`${args.join(' ')}: the same annotations and messages with --jobs 2 as with --jobs 1`, () => {
        const one = run([...args, '--jobs', '1', adir]);
        const two = run([...args, '--jobs', '2', adir]);
        assert.equal(two.code, one.code);
        assert.equal(two.stderr, one.stderr);
        assert.ok(two.stdout === one.stdout, '--jobs 2 writes the same output as --jobs 1');
        assert.match(one.stderr, /013_broken\.txt\.annotations\.json:5:3/);
      });
    }

    it('replaceFile replaces a sidecar whole and leaves no temporary file; keepAside renames a corrupt one', async () => {
      const wdir = mkdtempSync(join(tmpdir(), 'seed-cli-sidecar-'));
      const path = join(wdir, '020_x.txt.annotations.json');
      const first = serializeSidecar([ann(FERRY, 'the union leader', 'urn:uuid:w1')], '020_x.txt');
      await replaceFile(path, first);
      assert.equal(readFileSync(path, 'utf8'), first);
      const second = serializeSidecar([], '020_x.txt');
      await replaceFile(path, second);
      assert.equal(readFileSync(path, 'utf8'), second);
      // In chunks (a large export), the same bytes as the text joined.
      function* chunks() {
        yield '{"a": "“ferry”",';
        yield '\n "b": [1, 2]}\n';
      }
      await replaceFile(path, chunks());
      assert.equal(readFileSync(path, 'utf8'), '{"a": "“ferry”",\n "b": [1, 2]}\n');
      await replaceFile(path, second);
      assert.deepEqual(readdirSync(wdir), ['020_x.txt.annotations.json']);
      assert.deepEqual(readSidecar(path), { annotations: [], exists: true });
      assert.deepEqual(readSidecar(join(wdir, 'missing.json')), { annotations: [], exists: false });
      writeFileSync(path, BROKEN);
      const read = readSidecar(path);
      assert.equal(read.problem?.line, 5);
      const when = new Date('2026-11-23T15:14:42.123Z');
      const aside = keepAside(path, when);
      assert.equal(aside, `${path}.corrupt-2026-11-23T151442.123Z`);
      assert.equal(readFileSync(aside, 'utf8'), BROKEN);
      assert.ok(!existsSync(path));
      writeFileSync(path, BROKEN);
      assert.equal(keepAside(path, when), `${path}.corrupt-2026-11-23T151442.123Z-1`, 'an earlier copy is never replaced');
    });
  });
});
