import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCE_CSV_COLUMNS, type SourcesData } from '../../src/core';

const CLI = join(process.cwd(), 'dist/cli.js');

const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

describe('CLI: sources and report', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'seed-sources-'));
    mkdirSync(join(dir, 'news'));
    writeFileSync(join(dir, 'news/a.txt'), 'Kremlin answers\n\nRussian President Vladimir Putin spoke on Tuesday.\n\n"We will not accept terms written in Brussels for our people," Putin said.\n');
    writeFileSync(join(dir, 'news/b.txt'), 'Talks stall\n\n"We will not accept terms written in Brussels for our people," said a Kremlin security adviser.\n');
    writeFileSync(join(dir, 'news/c.txt'), 'Dinner\n\n"The evening was long and the food was good," said Ann <Lee> & Co.\n');
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'binary'));
    writeFileSync(join(dir, 'binary/x.txt'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 1, 2, 3]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sources --format json: one entry per source, and the same quote given to two speakers', () => {
    const r = run(['sources', '--format', 'json', 'news'], dir);
    assert.equal(r.status, 0, r.stderr);
    const data = JSON.parse(r.stdout) as SourcesData;
    assert.equal(data.articles, 3);
    const putin = data.sources.find((s) => s.label === 'Vladimir Putin');
    assert.ok(putin, r.stdout);
    assert.deepEqual(putin.descriptions, ['Russian President']);
    assert.equal(data.sameQuotes.length, 1);
    assert.deepEqual([data.sameQuotes[0].a.path, data.sameQuotes[0].b.path], ['news/a.txt', 'news/b.txt']);
    const text = readFileSync(join(dir, 'news/b.txt'), 'utf8');
    assert.ok(text.slice(data.sameQuotes[0].b.start, data.sameQuotes[0].b.end).startsWith('"We will not accept'));
  });

  it('sources --format csv, the same with --jobs 1 and --jobs 2', () => {
    const one = run(['sources', '--format', 'csv', '--jobs', '1', 'news'], dir);
    const two = run(['sources', '--format=csv', '--jobs=2', 'news'], dir);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(one.stdout, two.stdout);
    assert.equal(one.stdout.split('\r\n')[0], SOURCE_CSV_COLUMNS.join(','));
    assert.match(one.stdout, /named:vladimir putin,named,Vladimir Putin,Russian President,1,/);
  });

  it('report --output writes one escaped HTML page; a usage error exits 2', () => {
    const r = run(['report', '--output', 'out.html', 'news'], dir);
    assert.equal(r.status, 0, r.stderr);
    const html = readFileSync(join(dir, 'out.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Vladimir Putin/);
    assert.ok(!html.includes('<Lee>'));
    assert.equal(run(['report', '--bogus', 'news'], dir).status, 2);
    assert.equal(run(['sources', '--format', 'xml', 'news'], dir).status, 2);
    assert.equal(run(['report'], dir).status, 2);
  });

  it('an empty folder and a folder of binary files give a clear message, and a missing path exits 2', () => {
    const empty = run(['report', '-o', 'empty.html', 'empty'], dir);
    assert.equal(empty.status, 0);
    assert.match(readFileSync(join(dir, 'empty.html'), 'utf8'), /No articles found/);
    assert.match(empty.stderr, /no articles found/);
    const binary = run(['report', '-o', 'binary.html', 'binary'], dir);
    assert.equal(binary.status, 0);
    assert.match(binary.stderr, /binary/);
    assert.match(readFileSync(join(dir, 'binary.html'), 'utf8'), /None of the 1 file could be analysed: it looks binary/);
    const sources = run(['sources', 'empty'], dir);
    assert.deepEqual(JSON.parse(sources.stdout), { version: 1, articles: 0, sources: [], sameQuotes: [] });
    const missing = run(['report', '-o', 'missing.html', 'nowhere'], dir);
    assert.equal(missing.status, 2);
    assert.ok(existsSync(join(dir, 'missing.html')));
  });
});
