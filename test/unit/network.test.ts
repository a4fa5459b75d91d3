// No network at run time: the CLI runs with every socket, DNS and HTTP entry point made to throw, and the
// sources and bundles never load a network module.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GUARD = `
const fail = (what) => () => { throw new Error('network access attempted: ' + what); };
for (const m of ['net', 'tls', 'http', 'https', 'http2', 'dgram']) {
  const mod = require(m);
  for (const k of ['connect', 'createConnection', 'request', 'get', 'createSocket']) if (typeof mod[k] === 'function') mod[k] = fail(m + '.' + k);
}
require('net').Socket.prototype.connect = fail('net.Socket.connect');
const dns = require('dns');
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns[k] = fail('dns.' + k);
globalThis.fetch = fail('fetch');
`;

describe('no network at run time', function () {
  this.timeout(30_000);

  it('the CLI analyses articles with every network entry point disabled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-net-'));
    const guard = join(dir, 'guard.cjs');
    writeFileSync(guard, GUARD);
    writeFileSync(join(dir, '001_aaaaaaaaaaaaaaaa.txt'), 'Head\n\n“We sail at dawn,” the captain said.\n');
    writeFileSync(join(dir, '002_bbbbbbbbbbbbbbbb.txt'), 'Head\n\nNobody spoke.\n“We sail at dawn.”\n');
    const r = spawnSync(process.execPath, ['--require', guard, 'dist/cli.js', 'analyze', '--format', 'json', dir], { encoding: 'utf8' });
    assert.doesNotMatch(r.stderr, /network access attempted/);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).files.length, 2);
    const claims = spawnSync(process.execPath, ['--require', guard, 'dist/cli.js', 'claims', dir], { encoding: 'utf8' });
    assert.equal(claims.status, 0, claims.stderr);
  });

  it('no source file and neither bundle loads a network module', () => {
    const sources: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith('.ts')) sources.push(p);
      }
    };
    walk('src');
    const networkModule = /(?:from\s+|require\()\s*['"](?:node:)?(?:net|tls|http|https|http2|dgram|dns)['"]/;
    for (const f of sources) assert.doesNotMatch(readFileSync(f, 'utf8'), networkModule, f);
    for (const bundle of ['dist/extension.js', 'dist/cli.js']) {
      assert.doesNotMatch(readFileSync(bundle, 'utf8'), /require\(["'](?:node:)?(?:net|tls|http|https|http2|dgram|dns)["']\)/, bundle);
      assert.doesNotMatch(readFileSync(bundle, 'utf8'), /\bfetch\(/, bundle);
    }
  });
});
