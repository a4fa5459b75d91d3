import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'dist/cli.js');

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const UNATTRIBUTED = 'Ferry strike ends\n\nThe strike ended at noon.\n“The boats sail again tomorrow.”\n';
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

  it('takes --config FILE and fails clearly when it is missing', () => {
    const r = run(['analyze', '--config', join(dir, 'missing.json'), join(dir, 'clean.seed.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read config/);
  });
});
