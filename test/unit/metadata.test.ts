// package.json, the README, the schema, the docs and the code must agree.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { RULES } from '../../src/core';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const extensionSource = readFileSync('src/extension/extension.ts', 'utf8');

describe('metadata', () => {
  it('registers every contributed command, and contributes every registered command', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...extensionSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, contributed);
  });
  it('gives every command a category and documents it in the README', () => {
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Seed Annotator', c.command);
      const hidden = pkg.contributes.menus.commandPalette.some((m: { command: string; when: string }) => m.command === c.command && m.when === 'false');
      if (!hidden) assert.ok(readme.includes(c.title), `README mentions “${c.title}”`);
    }
  });
  it('documents every setting with a description and a default, in package.json and the README', () => {
    for (const [key, s] of Object.entries<Record<string, unknown>>(pkg.contributes.configuration.properties)) {
      assert.ok(s.description || s.markdownDescription, `${key} has a description`);
      assert.ok('default' in s, `${key} has a default`);
      assert.ok(readme.includes(key), `README documents ${key}`);
    }
  });
  it('has docs, a schema entry and a README entry for every rule', () => {
    const schema = JSON.parse(readFileSync('schemas/seed-annotator.schema.json', 'utf8'));
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), RULES.map((r) => r.id).sort());
    for (const rule of RULES) {
      const docs = `docs/rules/${rule.id}.md`;
      assert.ok(existsSync(docs), docs);
      const text = readFileSync(docs, 'utf8');
      assert.ok(text.includes(rule.description) && text.includes(rule.docs), `${docs} is up to date (node scripts/rule-docs.mjs)`);
      assert.ok(readme.includes(`\`${rule.id}\``), `README lists ${rule.id}`);
    }
  });
  it('activates lazily on the seed language and keeps @types/vscode in step with engines', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:seed']);
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.match(pkg.devDependencies['@types/vscode'], /^1\.100\./);
  });
  it('opens seed articles with word wrap on', () => {
    assert.equal(pkg.contributes.configurationDefaults['[seed]']['editor.wordWrap'], 'on');
  });
});
