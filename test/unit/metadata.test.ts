// package.json, the README, the schema, the docs and the code must agree.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { analyze, RULES } from '../../src/core';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const extensionSource = readFileSync('src/extension/extension.ts', 'utf8');
// Commands registered outside extension.ts (each by a module extension.ts wires in).
const walkthroughSource = readFileSync('src/extension/walkthrough.ts', 'utf8');

describe('metadata', () => {
  it('registers every contributed command, and contributes every registered command', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...(extensionSource + walkthroughSource).matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
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
  it('gives each view an icon of its own, a codicon (shown when the view’s name is not)', () => {
    const views: Array<{ id: string; icon?: string }> = Object.values<Array<{ id: string; icon?: string }>>(pkg.contributes.views).flat();
    assert.ok(views.length >= 3);
    for (const v of views) assert.match(v.icon ?? '', /^\$\([a-z0-9-]+\)$/, `${v.id}: icon ${v.icon}`);
    assert.equal(new Set(views.map((v) => v.icon)).size, views.length, views.map((v) => `${v.id}: ${v.icon}`).join(', '));
  });
  it('offers "Show Other Articles with This Claim" on a claim of the Claims view only when other articles have it', () => {
    const entries = pkg.contributes.menus['view/item/context'].filter((m: { command: string }) => m.command === 'seedAnnotator.claims.showOtherArticles');
    assert.ok(entries.length > 0);
    for (const m of entries) assert.match(m.when, /viewItem == claim\.shared$/, m.when);
  });
  it('opens seed articles with word wrap on', () => {
    assert.equal(pkg.contributes.configurationDefaults['[seed]']['editor.wordWrap'], 'on');
  });
  it('writes welcome texts without markdown emphasis, which welcome views show as raw asterisks', () => {
    const welcomes: Array<{ view: string; contents: string }> = pkg.contributes.viewsWelcome;
    assert.ok(welcomes.length > 0);
    for (const w of welcomes) assert.doesNotMatch(w.contents, /\*\*|__|(^|\s)\*\S|`/, `${w.view}: ${w.contents}`);
  });

  describe('walkthrough', () => {
    interface Step {
      id: string;
      title: string;
      description: string;
      media: { markdown?: string; image?: string | Record<string, string>; svg?: string; altText?: string };
      completionEvents?: string[];
    }
    const walkthroughs: { id: string; title: string; steps: Step[] }[] = pkg.contributes.walkthroughs ?? [];
    const commandIds = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const viewIds = new Set<string>(Object.values<{ id: string }[]>(pkg.contributes.views).flat().map((v) => v.id));
    // VS Code's own commands a step may link to (every other link must be one of ours, contributed).
    const builtIn = new Set(['workbench.actions.view.problems']);
    const linkable = (id: string) => commandIds.has(id) || builtIn.has(id) || (id.endsWith('.focus') && viewIds.has(id.slice(0, -'.focus'.length)));
    const steps = walkthroughs.flatMap((w) => w.steps);

    it('is contributed with the four first-use steps, matching the id the extension opens', () => {
      assert.deepEqual(walkthroughs.map((w) => w.id), ['gettingStarted']);
      assert.deepEqual(steps.map((s) => s.id), ['openSample', 'seeDiagnostic', 'openClaims', 'annotate']);
      assert.ok(walkthroughSource.includes(`'${pkg.publisher}.${pkg.name}#${walkthroughs[0].id}'`), 'WALKTHROUGH_ID in walkthrough.ts');
    });
    it('has a media file for every step, packaged in the .vsix', () => {
      const ignore = readFileSync('.vscodeignore', 'utf8');
      for (const step of steps) {
        const { image, ...rest } = step.media;
        const files = [rest.markdown, rest.svg, ...(typeof image === 'string' ? [image] : Object.values(image ?? {}))].filter((f): f is string => !!f);
        assert.ok(files.length > 0, `${step.id} has media`);
        if (image) assert.ok(step.media.altText, `${step.id}: an image needs altText`);
        for (const file of files) {
          assert.ok(existsSync(file), `${step.id}: ${file} exists`);
          assert.ok(file.startsWith('media/walkthrough/') && ignore.includes('!media/walkthrough/**'), `${step.id}: ${file} is packaged`);
        }
      }
    });
    it('links every step to commands that exist, and completes every step on an event that can happen', () => {
      for (const step of steps) {
        const links = [...step.description.matchAll(/\]\(command:([^)?\s]+)/g)].map((m) => m[1]);
        assert.ok(links.length > 0, `${step.id} has a button`);
        for (const id of links) assert.ok(linkable(id), `${step.id} links to ${id}, which is not contributed`);
        assert.ok(step.completionEvents?.length, `${step.id} has completion events`);
        for (const event of step.completionEvents ?? []) {
          const [kind, arg] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
          if (kind === 'onCommand') assert.ok(linkable(arg), `${step.id}: ${event} names a command that is not contributed`);
          else if (kind === 'onView') assert.ok(viewIds.has(arg), `${step.id}: ${event} names a view that is not contributed`);
          else if (kind === 'onContext') assert.ok(walkthroughSource.includes(`'${arg}'`), `${step.id}: ${event}: walkthrough.ts sets that context key`);
          else assert.fail(`${step.id}: unexpected completion event ${event}`);
        }
      }
    });
    it('opens a sample that shows what the steps promise', () => {
      const sample = readFileSync('media/walkthrough/sample-article.seed.txt', 'utf8');
      assert.ok(walkthroughSource.includes("from '../../media/walkthrough/sample-article.seed.txt'"), 'walkthrough.ts bundles the sample');
      const result = analyze(sample);
      const unattributed = result.findings.filter((f) => f.rule === 'unattributed-quote');
      assert.equal(unattributed.length, 1, 'one unattributed quote');
      assert.ok(sample.slice(unattributed[0].start).startsWith('“Nobody asked'), 'the quote walkthrough.ts selects');
      assert.ok(result.findings.some((f) => f.rule === 'anonymous-source'), 'an anonymous source');
      assert.ok(result.claims.length >= 5, 'claims for the Claims view');
    });
    it('is described in the README, with the web build', () => {
      assert.ok(readme.includes(walkthroughs[0].title), 'README names the walkthrough');
      assert.match(readme, /^## VS Code for the Web$/m);
      assert.equal(pkg.browser, './dist/web/extension.js');
      assert.ok(readFileSync('.vscodeignore', 'utf8').includes('!dist/web/extension.js'), 'the web bundle is packaged');
    });
  });
});
