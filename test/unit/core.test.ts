import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, parseConfig, createFileFilter, configForPath, defaultConfig } from '../../src/core';
import { analyzed } from './analyzed';
import { splitSentences } from '../../src/core/sentences';

const ARTICLE = 'Bridge reopens\n\n“Nobody was hurt in the collapse of the old bridge.”\nTraffic resumed at noon.\n“We are proud of the crews,” the mayor said.\n';

describe('offsets', () => {
  it('are UTF-16 code units: an emoji before a quote shifts it by two', () => {
    const plain = analyze(ARTICLE);
    const withEmoji = analyze(ARTICLE.replace('reopens', 'reopens 🌉'));
    assert.equal(withEmoji.quotes[0].start, plain.quotes[0].start + 3); // " 🌉" = space + surrogate pair
    const text = 'Bridge reopens 🌉\n\n“We are proud of the crews,” the mayor said.';
    const q = analyze(text).quotes[0];
    assert.equal(text.slice(q.start, q.end), '“We are proud of the crews,”');
    assert.equal(text.slice(q.speaker!.start, q.speaker!.end), 'the mayor');
  });

  it('treat a leading BOM as part of the text without breaking analysis', () => {
    const withBom = analyze('\uFEFF' + ARTICLE);
    const plain = analyze(ARTICLE);
    assert.equal(withBom.quotes.length, plain.quotes.length);
    assert.equal(withBom.quotes[0].start, plain.quotes[0].start + 1);
    assert.equal(withBom.paragraphs[0].role, 'headline');
  });

  it('give the same findings with CRLF as with LF, at mapped offsets', () => {
    const lf = analyze(ARTICLE);
    const crlfText = ARTICLE.replace(/\n/g, '\r\n');
    const crlf = analyze(crlfText);
    assert.deepEqual(crlf.findings.map((f) => [f.rule, f.line, f.column]), lf.findings.map((f) => [f.rule, f.line, f.column]));
    for (const f of crlf.findings) assert.equal(crlfText.slice(f.start, f.end), ARTICLE.slice(lf.findings[crlf.findings.indexOf(f)].start, lf.findings[crlf.findings.indexOf(f)].end));
  });

  it('report 1-based line and column', () => {
    const f = analyze(ARTICLE).findings.find((x) => x.rule === 'unattributed-quote');
    assert.ok(f);
    assert.equal(f.line, 3);
    assert.equal(f.column, 1);
  });
});

describe('sentences', () => {
  const split = (s: string) => splitSentences(s, 0, s.length).map((r) => s.slice(r.start, r.end));
  it('keep "U.S. Secretary of State" in one sentence', () => {
    assert.deepEqual(split('The U.S. Secretary of State arrived. She spoke briefly.'), ['The U.S. Secretary of State arrived.', 'She spoke briefly.']);
  });
  it('keep titles and months with their names and numbers', () => {
    assert.equal(split('Dr. Anna Berg met him on Jan. 5 in the capital. Then she left.').length, 2);
  });
  it('keep a quoted question or exclamation with its attribution', () => {
    assert.deepEqual(split('“Will the port reopen?” the reporter asked him. Nobody answered.'), ['“Will the port reopen?” the reporter asked him.', 'Nobody answered.']);
    assert.equal(split('“Go now!” said the captain.').length, 1);
    assert.equal(split('“Will it reopen?” Nobody knew.').length, 2);
  });
  it('still split after a country abbreviation that ends a sentence', () => {
    assert.equal(split('She moved to the U.S. The next year she returned.').length, 2);
  });
});

describe('quotes', () => {
  it('tolerate unbalanced marks and report each once', () => {
    const r = analyze('One “open mark and no close.\nA ” stray close.\n');
    assert.equal(r.findings.filter((f) => f.rule === 'unbalanced-quote').length, 2);
  });
  it('join a quote that continues into the next paragraph', () => {
    const text = 'Intro line here for the story.\n“First part of it.\n“Second part of it,” the coach said.\n';
    const r = analyze(text);
    const q = r.quotes.find((x) => x.paragraphs === 2);
    assert.ok(q, 'a two-paragraph quote');
    assert.equal(q.speaker?.text, 'the coach');
    assert.equal(r.findings.filter((f) => f.rule === 'unbalanced-quote').length, 0);
  });
  it('do not continue a curly quote into a paragraph that opens with a straight mark, and report both', () => {
    const text = 'Intro line here for the story.\nThe delay was “political, she wrote.\n"Straight quotes open here and never close, said a resident.\n';
    const r = analyze(text);
    const unbalanced = r.findings.filter((f) => f.rule === 'unbalanced-quote').map((f) => text[f.start]);
    assert.deepEqual(unbalanced, ['“', '"']);
    assert.ok(r.quotes.every((q) => q.paragraphs === 1));
  });
  it('mark a quote inside a quote as nested, never unattributed', () => {
    const r = analyze('Body text first.\n“They told me ‘wait for spring’ and I did,” the farmer said.\n');
    const inner = r.quotes.find((q) => q.nested);
    assert.ok(inner);
    assert.equal(r.findings.filter((f) => f.rule === 'unattributed-quote').length, 0);
  });
  it('do not treat apostrophes as quote marks', () => {
    const r = analyze('Body text first.\nThe council’s plan and the mayor’s budget were approved.\n');
    assert.equal(r.quotes.length, 0);
  });
  it('pair straight double quotes', () => {
    const r = analyze('Body text first.\n"We will win this," the captain said.\n');
    assert.equal(r.quotes[0].speaker?.text, 'the captain');
  });
  it('resolve "he said" to the person named before', () => {
    const r = analyze('Body text first.\nCoach Darren Miles looked at the scoreboard. "We lost our shape," he said.\n');
    assert.equal(r.quotes[0].speaker?.text, 'Coach Darren Miles');
    assert.equal(r.quotes[0].speaker?.mention?.text, 'he');
  });
});

describe('fixes', () => {
  it('offer an attribution snippet that keeps the punctuation right', () => {
    const text = 'Body text first.\n“The road is closed.”\n';
    const f = analyze(text).findings.find((x) => x.rule === 'unattributed-quote')!;
    const edit = f.fixes![0].edits[0];
    const fixed = text.slice(0, edit.start) + edit.newText.replace('${1:speaker}', 'the sheriff') + text.slice(edit.end);
    assert.equal(fixed, 'Body text first.\n“The road is closed,” the sheriff said.\n');
    const after = analyze(fixed);
    assert.equal(after.findings.filter((x) => x.rule === 'unattributed-quote').length, 0);
  });
});

describe('config', () => {
  it('reports malformed JSON with a position and falls back to defaults', () => {
    const { config, problems } = parseConfig('{\n  "rules": {\n    "scare-quote": "off",\n  \n');
    assert.equal(problems[0].severity, 'error');
    assert.ok(problems[0].line >= 3, `line ${problems[0].line}`);
    assert.deepEqual(config.rules, {});
  });
  it('accepts comments and applies rule severities', () => {
    const { config, problems } = parseConfig('// team settings\n{ "rules": { "scare-quote": "off", "unattributed-quote": "error" } }');
    assert.deepEqual(problems, []);
    const r = analyze('Body text first.\n“The road is closed.”\nA “so-called” plan.\n', { rules: config.rules });
    assert.deepEqual(r.findings.map((f) => `${f.rule}:${f.severity}`), ['unattributed-quote:error']);
  });
  it('warns about unknown rules and bad severities', () => {
    const { problems } = parseConfig('{"rules": {"no-such-rule": "warning", "boilerplate": "loud"}, "colour": 1}');
    assert.deepEqual(problems.map((p) => p.severity), ['warning', 'error', 'warning']);
  });
  it('filters files by include and exclude globs', () => {
    const { config } = parseConfig('{"include": ["**/*.txt"], "exclude": ["drafts/**"]}');
    const filter = createFileFilter(config);
    assert.equal(filter('a/001_x.txt'), true);
    assert.equal(filter('drafts/001_x.txt'), false);
    assert.equal(filter('notes.md'), false);
  });
  it('gives each folder of a multi-root workspace its own config, matching exclude relative to that folder', () => {
    const news = parseConfig('{"exclude": ["drafts/**"], "rules": {"scare-quote": "off"}}').config;
    const archive = parseConfig('{"exclude": ["2019/**"], "duplicates": {"minWords": 25}}').config;
    const nested = parseConfig('{"exclude": ["*.seed"]}').config;
    const folders = [
      { folder: '/work/news', config: news },
      { folder: '/work/archive', config: archive },
      { folder: '/work/news/wire', config: nested },
      { folder: '/work/plain', config: defaultConfig() },
    ];
    const at = (path: string) => {
      const r = configForPath(path, folders);
      return [r.folder, r.relativePath, r.excluded];
    };
    assert.deepEqual(at('/work/news/drafts/001_a.txt'), ['/work/news', 'drafts/001_a.txt', true]);
    assert.deepEqual(at('/work/news/001_a.txt'), ['/work/news', '001_a.txt', false]);
    // Relative to the config's own folder: the archive's "2019/**" is not the news folder's, nor a path segment deeper.
    assert.deepEqual(at('/work/archive/2019/001_a.txt'), ['/work/archive', '2019/001_a.txt', true]);
    assert.deepEqual(at('/work/news/2019/001_a.txt'), ['/work/news', '2019/001_a.txt', false]);
    assert.deepEqual(at('/work/archive/drafts/001_a.txt'), ['/work/archive', 'drafts/001_a.txt', false]);
    // The innermost folder wins, and a folder whose name only starts the same is another folder.
    assert.deepEqual(at('/work/news/wire/x.seed'), ['/work/news/wire', 'x.seed', true]);
    assert.deepEqual(at('/work/newsroom/drafts/001_a.txt'), [undefined, '/work/newsroom/drafts/001_a.txt', false]);
    // A folder without a config file has the defaults, whose excludes hold there too.
    assert.deepEqual(at('/work/plain/node_modules/x/001_a.txt'), ['/work/plain', 'node_modules/x/001_a.txt', true]);
    assert.equal(configForPath('/work/archive/001_a.txt', folders).config.duplicates.minWords, 25);
    assert.equal(configForPath('/work/news/001_a.txt', folders).config.rules['scare-quote'], 'off');
    // A walk of the folder (Analyze Workspace, Sources) takes what its include matches and its exclude does not.
    assert.deepEqual(['/work/news/a/001_a.txt', '/work/news/notes.json', '/work/news/drafts/001_a.txt', '/elsewhere/001_a.txt'].map((p) => configForPath(p, folders).included), [true, false, false, false]);
    assert.equal(configForPath('/elsewhere/001_a.txt', folders).config.rules['scare-quote'], undefined);
    assert.equal(configForPath('C:\\work\\news\\drafts\\001_a.txt', [{ folder: 'C:/work/news', config: news }]).excluded, true);
  });
});

describe('robustness', () => {
  it('never fails (no "Analysis failed" notice), keeps every range inside the text, and is deterministic', () => {
    const alphabet = fc.constantFrom('a', 'B', ' ', '\n', '\r\n', '“', '”', '"', '‘', '’', "'", '.', ',', ':', 'said', 'he', '🌉', '\uFEFF', 'U.S.', 'Dr.');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')), (text) => {
        const r = analyzed(text);
        for (const x of [...r.findings, ...r.quotes, ...r.paragraphs, ...r.tokens]) {
          assert.ok(0 <= x.start && x.start <= x.end && x.end <= text.length, `range ${x.start}-${x.end} in ${text.length}`);
        }
        assert.deepEqual(analyze(text), r);
      }),
      { numRuns: 300 },
    );
  });
  it('skips binary text with a notice', () => {
    const r = analyze('abc\u0000def');
    assert.equal(r.findings.length, 0);
    assert.match(r.notices[0], /binary/);
  });
  it('handles empty and whitespace-only text', () => {
    assert.equal(analyze('').findings.length, 0);
    assert.equal(analyze('   \n\n  \r\n').paragraphs.length, 0);
  });
});

describe('src/core', () => {
  it('never imports vscode or Node built-ins', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(process.cwd(), 'src/core'));
    assert.ok(files.length > 5);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      assert.doesNotMatch(src, /from\s+['"](?:vscode|node:[^'"]+|fs|path|os|child_process)['"]/, f);
      assert.doesNotMatch(src, /require\(\s*['"]vscode['"]\s*\)/, f);
    }
  });
});
