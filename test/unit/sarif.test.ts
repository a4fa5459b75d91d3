// `analyze --format sarif`: valid against the SARIF 2.1.0 JSON schema, positions equal to the JSON output's, related
// locations for duplicates, the same exit status as the text output.
//
// The schema is the one @microsoft/jest-sarif (MIT, Microsoft's sarif-js-sdk) ships: lib/schemas/sarif-2.1.0-rtm.5.json,
// SchemaStore's copy of the SARIF 2.1.0 schema at revision rtm.5. Like the OASIS standard's own sarif-schema-2.1.0.json
// it is written in JSON Schema draft-04, so it is compiled with Ajv's draft-04 class (ajv-draft-04).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../src/core';
import { artifactLocation, pascalCase, sarifLevel } from '../../src/cli/sarif';

const CLI = join(process.cwd(), 'dist/cli.js');
const FIXTURES = join(process.cwd(), 'test/fixtures/cli');
const SCHEMA = join(process.cwd(), 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Log = any;

describe('SARIF output', function () {
  this.timeout(60_000);
  let validate: (data: unknown) => boolean;
  let errors: () => string;
  let dir: string;

  before(() => {
    assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
    // unicodeRegExp: false — one pattern in the schema (a language tag) is not valid with the u flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const check = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    validate = (data) => check(data);
    errors = () => ajv.errorsText(check.errors, { separator: '\n' });
    // The fixtures, in a folder of their own (the working directory of most runs).
    dir = mkdtempSync(join(tmpdir(), 'seed-sarif-'));
    mkdirSync(join(dir, 'articles'));
    for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), join(dir, 'articles', f));
  });

  function sarif(args: string[], cwd = dir): { code: number | null; log: Log; stderr: string } {
    const r = run(['analyze', '--format', 'sarif', ...args], cwd);
    let log: Log;
    try {
      log = JSON.parse(r.stdout);
    } catch {
      assert.fail(`not JSON (exit ${r.code}): ${r.stdout.slice(0, 200)} ${r.stderr}`);
    }
    assert.ok(validate(log), errors());
    return { code: r.code, log, stderr: r.stderr };
  }

  it('the schema rejects what it should (the validator is really checking)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'driver.name is required');
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] }), false, 'lines start at 1');
  });

  it('is a valid SARIF 2.1.0 log with one run, the tool and one rule entry per rule', () => {
    const { code, log } = sarif(['articles']);
    assert.equal(code, 1);
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(run.tool.driver.name, 'seed-annotator');
    assert.equal(run.tool.driver.semanticVersion, pkg.version);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(dir).href + '/' } });
    assert.equal(run.invocations[0].executionSuccessful, true);
    assert.equal(run.invocations[0].exitCode, 1);
    const rules = run.tool.driver.rules;
    assert.deepEqual(
      rules.map((r: Log) => r.id),
      RULES.map((r) => r.id),
    );
    RULES.forEach((rule, i) => {
      const entry = rules[i];
      assert.equal(entry.name, pascalCase(rule.id));
      assert.match(entry.name, /^[A-Z][A-Za-z0-9]*$/);
      assert.equal(entry.shortDescription.text, rule.description);
      assert.equal(entry.fullDescription.text, rule.docs);
      assert.ok(entry.help.text.includes(rule.docs) && entry.help.markdown.includes(rule.docs));
      assert.equal(entry.defaultConfiguration.level, sarifLevel(rule.defaultSeverity));
      assert.ok(!('helpUri' in entry), 'no helpUri without a stable absolute URL');
    });
    assert.equal(pascalCase('cross-document-duplicate'), 'CrossDocumentDuplicate');
    assert.deepEqual(['error', 'warning', 'information', 'hint'].map((s) => sarifLevel(s as never)), ['error', 'warning', 'note', 'note']);
  });

  it("gives every result the JSON output's rule, severity, lines and columns, in the same order", () => {
    const { log } = sarif(['articles']);
    const json = JSON.parse(run(['analyze', '--format', 'json', 'articles'], dir).stdout);
    const expected = json.files.flatMap((f: Log) => f.findings.map((finding: Log) => ({ path: f.path, ...finding })));
    const results = log.runs[0].results;
    assert.ok(expected.length >= 10, 'the fixtures have findings');
    assert.equal(results.length, expected.length);
    const rules = log.runs[0].tool.driver.rules;
    results.forEach((r: Log, i: number) => {
      const f = expected[i];
      assert.equal(r.ruleId, f.rule);
      assert.equal(rules[r.ruleIndex].id, f.rule);
      assert.equal(r.level, sarifLevel(f.severity));
      assert.ok(r.message.text.startsWith(f.message.replace(/[[\]\\]/g, (c: string) => '\\' + c)), r.message.text);
      const loc = r.locations[0].physicalLocation;
      assert.deepEqual(loc.artifactLocation.uri, f.path.split('/').map(encodeURIComponent).join('/'));
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(log.runs[0].artifacts[loc.artifactLocation.index].location.uri, loc.artifactLocation.uri);
      assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, charOffset: f.start, charLength: f.end - f.start });
      assert.match(r.partialFingerprints['seedAnnotator/v1'], /^[0-9a-f]{32}:[1-9][0-9]*$/);
    });
  });

  it('counts columns in UTF-16 code units after emoji, and offsets without the BOM', () => {
    const { log } = sarif(['articles/003_emoji-bom.txt']);
    const text = readFileSync(join(FIXTURES, '003_emoji-bom.txt'), 'utf8').replace(/^\uFEFF/, '');
    const quote = log.runs[0].results.find((r: Log) => r.ruleId === 'unattributed-quote');
    const region = quote.locations[0].physicalLocation.region;
    // "On the waterfront 🚢🌊 “…”": 18 characters, two emoji of two code units each and a space before the mark.
    assert.equal(region.startLine, 3);
    assert.equal(region.startColumn, 24);
    assert.equal(text.slice(region.charOffset, region.charOffset + region.charLength), '“The rent doubled in a year.”');
    const lineStart = text.split(/\r\n/).slice(0, 2).join('\r\n').length + 2;
    assert.equal(region.charOffset - lineStart + 1, region.startColumn);
    const anonymous = log.runs[0].results.find((r: Log) => r.ruleId === 'anonymous-source');
    assert.equal(anonymous.locations[0].physicalLocation.region.startLine, 5);
  });

  it('gives duplicates a related location at the other copy, in the same file or another one', () => {
    const { log } = sarif(['articles']);
    const results = log.runs[0].results;
    const text = (uri: string) => readFileSync(join(dir, decodeURIComponent(uri)), 'utf8');
    const cross = results.filter((r: Log) => r.ruleId === 'cross-document-duplicate');
    assert.equal(cross.length, 2, 'each side of the repeat across files');
    for (const r of cross) {
      const here = r.locations[0].physicalLocation;
      const [other] = r.relatedLocations;
      assert.equal(r.relatedLocations.length, 1);
      assert.equal(other.id, 1);
      assert.equal(other.message.text, 'The other copy');
      assert.notEqual(other.physicalLocation.artifactLocation.uri, here.artifactLocation.uri);
      assert.match(r.message.text, /See \[the other copy\]\(1\)\.$/);
      const a = text(here.artifactLocation.uri).slice(here.region.charOffset, here.region.charOffset + here.region.charLength);
      const b = text(other.physicalLocation.artifactLocation.uri).slice(other.physicalLocation.region.charOffset, other.physicalLocation.region.charOffset + other.physicalLocation.region.charLength);
      assert.ok(a.length > 200);
      assert.equal(a, b, 'both regions hold the repeated passage');
      assert.equal(other.physicalLocation.region.startColumn, 1);
      assert.equal(other.physicalLocation.region.endColumn, b.length + 1);
    }
    const within = results.filter((r: Log) => r.ruleId === 'duplicate-passage');
    assert.equal(within.length, 1);
    const [earlier] = within[0].relatedLocations;
    assert.equal(earlier.physicalLocation.artifactLocation.uri, within[0].locations[0].physicalLocation.artifactLocation.uri);
    assert.equal(earlier.message.text, 'The earlier copy');
    assert.ok(earlier.physicalLocation.region.startLine < within[0].locations[0].physicalLocation.region.startLine);
  });

  it('exits with the same status as the text output', () => {
    writeFileSync(join(dir, 'clean.seed.txt'), 'Ferry strike ends\n\n“The boats sail again tomorrow,” the union leader said.\n');
    for (const args of [['articles'], ['articles/003_emoji-bom.txt'], ['clean.seed.txt'], ['clean.seed.txt', 'no-such-file.txt']]) {
      const text = run(['analyze', ...args], dir);
      const s = sarif(args);
      assert.equal(s.code, text.code, args.join(' '));
      assert.equal(s.log.runs[0].invocations[0].exitCode, text.code);
    }
    const clean = sarif(['clean.seed.txt']);
    assert.equal(clean.code, 0);
    assert.deepEqual(clean.log.runs[0].results, []);
  });

  it('lists skipped, missing and unreadable inputs as tool execution notifications', () => {
    writeFileSync(join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const binary = sarif(['image.txt', 'clean.seed.txt']);
    assert.equal(binary.code, 0);
    const inv = binary.log.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, true);
    assert.deepEqual(inv.toolExecutionNotifications.map((n: Log) => [n.level, n.message.text, n.locations[0].physicalLocation.artifactLocation.uri]), [['warning', 'skipped, looks like a binary file', 'image.txt']]);
    const missing = sarif(['nothing-here.txt', 'clean.seed.txt']);
    assert.equal(missing.code, 2);
    const inv2 = missing.log.runs[0].invocations[0];
    assert.equal(inv2.executionSuccessful, false);
    assert.equal(inv2.exitCode, 2);
    assert.deepEqual(inv2.toolExecutionNotifications.map((n: Log) => [n.level, n.message.text]), [['error', 'no such file or directory']]);
  });

  it('reports problems in the configuration file as tool configuration notifications', () => {
    const proj = mkdtempSync(join(tmpdir(), 'seed-sarif-cfg-'));
    copyFileSync(join(FIXTURES, '002_wire.txt'), join(proj, 'a.txt'));
    writeFileSync(join(proj, '.seed-annotator.json'), '{ "rules": { "no-such-rule": "off" } }');
    const { log } = sarif(['a.txt'], proj);
    const [n] = log.runs[0].invocations[0].toolConfigurationNotifications;
    assert.equal(n.level, 'warning');
    assert.match(n.message.text, /Unknown rule "no-such-rule"/);
    assert.equal(n.locations[0].physicalLocation.region.startLine, 1);
  });

  it('writes paths as URIs relative to %SRCROOT%, percent-encoded, and files outside it as file: URIs', () => {
    const proj = mkdtempSync(join(tmpdir(), 'seed-sarif-uri-'));
    mkdirSync(join(proj, 'my articles'));
    copyFileSync(join(FIXTURES, '002_wire.txt'), join(proj, 'my articles', 'ça va #1.txt'));
    const { log } = sarif(['my articles', join(FIXTURES, '003_emoji-bom.txt')], proj);
    const locations = log.runs[0].artifacts.map((a: Log) => a.location);
    assert.deepEqual(locations, [
      { uri: 'my%20articles/%C3%A7a%20va%20%231.txt', uriBaseId: '%SRCROOT%' },
      { uri: pathToFileURL(join(FIXTURES, '003_emoji-bom.txt')).href },
    ]);
    assert.deepEqual(artifactLocation('a/b.txt', '/x'), { uri: 'a/b.txt', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('../y/b.txt', '/x'), { uri: 'file:///y/b.txt' });
    assert.deepEqual(artifactLocation('..b.txt', '/x'), { uri: '..b.txt', uriBaseId: '%SRCROOT%' });
  });

  it('one artifact for a file named twice', () => {
    const { log } = sarif(['articles/002_wire.txt', 'articles/002_wire.txt']);
    assert.equal(log.runs[0].artifacts.length, 1);
  });

  it('keeps fingerprints across unrelated edits, and gives identical findings distinct ones', () => {
    const proj = mkdtempSync(join(tmpdir(), 'seed-sarif-fp-'));
    const original = readFileSync(join(FIXTURES, '004_repeat.txt'), 'utf8');
    writeFileSync(join(proj, 'a.txt'), original);
    const before = sarif(['a.txt'], proj).log.runs[0].results;
    const scare = before.filter((r: Log) => r.ruleId === 'scare-quote').map((r: Log) => r.partialFingerprints['seedAnnotator/v1']);
    assert.equal(scare.length, 2);
    assert.notEqual(scare[0], scare[1]);
    assert.equal(scare[0].split(':')[0], scare[1].split(':')[0], 'same key, different occurrence');
    const lines = original.split('\n');
    lines.splice(2, 0, 'An unrelated paragraph was added here by an editor.', '');
    writeFileSync(join(proj, 'a.txt'), lines.join('\n'));
    const after = sarif(['a.txt'], proj).log.runs[0].results;
    assert.equal(after.length, before.length);
    assert.deepEqual(
      after.map((r: Log) => r.partialFingerprints),
      before.map((r: Log) => r.partialFingerprints),
    );
    assert.notDeepEqual(
      after.map((r: Log) => r.locations[0].physicalLocation.region.startLine),
      before.map((r: Log) => r.locations[0].physicalLocation.region.startLine),
    );
  });

  it('writes the same log for every --jobs N', () => {
    const one = run(['analyze', '--format', 'sarif', '--jobs', '1', 'articles'], dir);
    const two = run(['analyze', '--format', 'sarif', '--jobs', '2', 'articles'], dir);
    assert.equal(two.code, one.code);
    assert.ok(two.stdout === one.stdout, '--jobs 2 writes the same log as --jobs 1');
  });

  it('is for analyze only', () => {
    const r = run(['claims', '--format', 'sarif', 'articles'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /sarif is for analyze/);
  });
});
