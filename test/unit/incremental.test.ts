// Re-analysis of an edited document (DocumentAnalyzer) must give exactly what a fresh analyze() gives: the caches
// only save work. Checked over many random edit sequences, including Markdown that changes block structure.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DocumentAnalyzer } from '../../src/core';
import { analyzed, reanalyzed } from './analyzed';
import { loadFixture } from './markers';

const fixtures = join(__dirname, '../../../test/fixtures/articles');
const articles = readdirSync(fixtures)
  .filter((f) => f.endsWith('.seed.txt'))
  .map((f) => loadFixture(join(fixtures, f)).text);

/** Lines an edit may insert: prose, quotes, and Markdown that makes or breaks headings and blocks. */
const inserted = fc.constantFrom(
  'The harbour board met on Friday and agreed to lease the silos for 12 years.',
  '“We will not sell the pier,” said Ana Ortiz, the board’s chair.',
  'Officials said the plan would cost $4 million because of the storm.',
  '# A Markdown heading',
  '===',
  '---',
  '***',
  '',
  '    indented code line',
  '```',
  '<div>',
  '1. a list item',
  '> a quoted line',
  'Short Heading Line',
  'Listen to this article',
  'The U.S. Secretary of State said so. Then she left.',
);

type Edit = { kind: 'insert' | 'replace' | 'delete' | 'type'; at: number; line: string; chars: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('insert', 'replace', 'delete', 'type'),
  at: fc.nat(),
  line: inserted,
  chars: fc.constantFrom('a', ' ', '.', '“', '”', ',', 'said', '\n', '🌉', '42'),
});

function apply(text: string, e: Edit): string {
  const lines = text.split('\n');
  const i = e.at % (lines.length + 1);
  if (e.kind === 'insert') lines.splice(i, 0, e.line);
  else if (e.kind === 'replace' && i < lines.length) lines[i] = e.line;
  else if (e.kind === 'delete' && i < lines.length) lines.splice(i, 1);
  else {
    // Typing inside a line, as a user does.
    const offset = e.at % (text.length + 1);
    return text.slice(0, offset) + e.chars + text.slice(offset);
  }
  return lines.join('\n');
}

describe('incremental re-analysis', () => {
  it('starts from the whole fixture articles, with only their marker lines removed', () => {
    assert.ok(articles.length > 0, 'the fixtures are found');
    for (const text of articles) {
      assert.ok(!/^%%/m.test(text), 'no marker line left');
      assert.ok(text.split('\n').length > 3, 'the article’s lines are kept');
    }
  });

  it('gives the same result as a fresh analysis after every edit of a random sequence', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.constantFrom(...articles), fc.array(edit, { minLength: 1, maxLength: 12 }), (start, edits) => {
        const analyzer = new DocumentAnalyzer();
        let text = start;
        assert.deepEqual(reanalyzed(analyzer, text), analyzed(text));
        for (const e of edits) {
          text = apply(text, e);
          assert.deepEqual(reanalyzed(analyzer, text), analyzed(text));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('notices a setext underline typed under an unchanged line', () => {
    const analyzer = new DocumentAnalyzer();
    const before = 'Harbour plan\n\nThe council met on Friday and voted to sell the old pier to a ferry firm.\n\nA Section Title\n\nMore text follows here in a long sentence about the plan.';
    reanalyzed(analyzer, before);
    const after = before.replace('A Section Title\n', 'A Section Title\n---\n');
    const result = reanalyzed(analyzer, after);
    assert.deepEqual(result, analyzed(after));
    assert.ok(result.paragraphs.some((p) => p.role === 'heading' && after.slice(p.start, p.end) === 'A Section Title'));
  });
});
