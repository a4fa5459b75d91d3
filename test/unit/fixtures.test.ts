import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, LineIndex, splitLines } from '../../src/core';
import { loadFixture, parseQuoteMarker } from './markers';

const dir = join(process.cwd(), 'test/fixtures/articles');

describe('fixture articles with inline expectations', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    it(name, () => {
      const { text, expectations } = loadFixture(join(dir, name));
      const result = analyze(text);
      const index = new LineIndex(splitLines(text));
      const lineOf = (offset: number) => index.lineOf(offset) + 1;
      const expectedFindings = new Map<string, number>();
      for (const e of expectations) {
        const where = `${name} (fixture line ${e.fixtureLine}, article line ${e.line})`;
        if (e.kind === 'role') {
          const p = result.paragraphs.find((x) => x.line + 1 === e.line);
          assert.equal(p?.role, e.args, `${where}: role`);
        } else if (e.kind === 'sentences') {
          const p = result.paragraphs.find((x) => x.line + 1 === e.line);
          assert.equal(p?.sentences.length, Number(e.args), `${where}: sentence count`);
        } else if (e.kind === 'quote') {
          const want = parseQuoteMarker(e.args);
          const q = result.quotes.find((x) => lineOf(x.start) === e.line && x.text.startsWith(want.starts));
          assert.ok(q, `${where}: no quote starting “${want.starts}” (found: ${result.quotes.filter((x) => lineOf(x.start) === e.line).map((x) => x.text.slice(0, 20)).join(' | ')})`);
          assert.equal(q.kind, want.kind, `${where}: kind of “${want.starts}”`);
          if (want.speaker) assert.ok(q.speaker?.text.includes(want.speaker), `${where}: speaker of “${want.starts}” is ${JSON.stringify(q.speaker?.text)}, expected to contain ${want.speaker}`);
          else if (want.kind !== 'scare') assert.equal(q.speaker, null, `${where}: “${want.starts}” should have no speaker`);
          assert.equal(q.anonymous, want.anonymous, `${where}: anonymous flag of “${want.starts}”`);
        } else if (e.kind === 'finding') {
          const key = `${e.line}:${e.args}`;
          expectedFindings.set(key, (expectedFindings.get(key) ?? 0) + 1);
        }
      }
      // Findings are exhaustive: every finding must be expected by a marker, and every marker met.
      const actual = new Map<string, number>();
      for (const f of result.findings) actual.set(`${f.line}:${f.rule}`, (actual.get(`${f.line}:${f.rule}`) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries([...actual].sort()), Object.fromEntries([...expectedFindings].sort()), `${name}: findings (line:rule → count)`);
    });
  }
});
