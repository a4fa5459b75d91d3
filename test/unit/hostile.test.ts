// Hostile inputs: each is generated here (nothing large is checked in) and must give a clear, bounded result.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, findRepeatsWithin, LineIndex, splitLines } from '../../src/core';
import { analyzed } from './analyzed';

function inside(text: string, r: ReturnType<typeof analyze>): void {
  for (const x of [...r.findings, ...r.quotes, ...r.paragraphs, ...r.tokens, ...r.claims, ...r.duplicates]) {
    assert.ok(0 <= x.start && x.start <= x.end && x.end <= text.length, `range ${x.start}-${x.end} outside ${text.length}`);
  }
}

describe('hostile inputs', function () {
  this.timeout(60_000);

  it('empty and whitespace-only text give nothing', () => {
    for (const text of ['', ' ', '\n\n\n', '\r\n\t \r', '\uFEFF']) {
      const r = analyze(text);
      assert.deepEqual([r.findings.length, r.quotes.length, r.claims.length], [0, 0, 0], JSON.stringify(text));
    }
  });

  it('lone CR line ends count as lines, like VS Code', () => {
    const text = 'Headline\rBody text first.\r“The road is closed.”\r';
    const f = analyze(text).findings.find((x) => x.rule === 'unattributed-quote');
    assert.equal(f?.line, 3);
    assert.equal(text.slice(f.start, f.end), '“The road is closed.”');
  });

  it('10,000 quotes in one file are all attributed', () => {
    const text = 'Head\n' + Array.from({ length: 10_000 }, (_, i) => `“Quote number ${i} is here,” said Ana Ortiz.`).join('\n');
    const r = analyze(text);
    assert.equal(r.quotes.length, 10_000);
    assert.equal(r.findings.filter((f) => f.rule === 'unattributed-quote').length, 0);
    inside(text, r);
  });

  it('5,000 unbalanced quote marks are tolerated and reported in a capped list', () => {
    const text = 'Head\n' + Array.from({ length: 5_000 }, (_, i) => (i % 7 === 0 ? 'he said “' : 'word')).join(' ') + '\n';
    const r = analyze(text);
    const unbalanced = r.findings.filter((f) => f.rule === 'unbalanced-quote');
    assert.ok(unbalanced.length >= 1 && unbalanced.length <= 51, `${unbalanced.length} findings`);
    inside(text, r);
  });

  it('a single 2 MB line is analysed', () => {
    const sentence = 'The council met on Friday and approved the budget for the harbour. “We are ready,” Ana Ortiz said. ';
    const text = 'Head\n' + sentence.repeat(Math.ceil(2_000_000 / sentence.length));
    const r = analyze(text);
    assert.ok(r.quotes.length > 10_000);
    assert.equal(r.notices.length, 0);
    inside(text, r);
  });

  it('astral characters before quotes keep offsets in UTF-16 code units (what TextDocument.positionAt takes)', () => {
    const text = 'Head 🌉\n🌉🌉 “The road is closed.” 👍\n';
    const f = analyze(text).findings.find((x) => x.rule === 'unattributed-quote')!;
    assert.equal(text.slice(f.start, f.end), '“The road is closed.”');
    const pos = new LineIndex(splitLines(text)).position(f.start);
    assert.deepEqual(pos, { line: 2, column: 6 }); // two surrogate pairs and a space before the mark
  });
});

describe('properties', () => {
  const pieces = fc.constantFrom('Head', ' ', '\n', '\r\n', '“', '”', '"', '‘', '’', '.', ',', ':', 'said', 'he', 'Ana Ortiz', '🌉', '\uFEFF', 'U.S.', 'Dr.', '42%', 'on Friday', 'because', 'the harbour board met and agreed to lease the silos');
  const article = fc.array(pieces, { maxLength: 120 }).map((a) => a.join(''));

  it('CRLF gives the same findings as LF, at mapped offsets', () => {
    fc.assert(
      fc.property(article, (raw) => {
        const lf = raw.replace(/\r\n?/g, '\n');
        const crlf = lf.replace(/\n/g, '\r\n');
        const a = analyzed(lf).findings;
        const b = analyzed(crlf).findings;
        assert.deepEqual(b.map((f) => [f.rule, f.line, f.endLine]), a.map((f) => [f.rule, f.line, f.endLine]));
        b.forEach((f, i) => assert.equal(crlf.slice(f.start, f.end).replace(/\r\n/g, '\n'), lf.slice(a[i].start, a[i].end)));
      }),
      { numRuns: 300 },
    );
  });

  it('inserting a paragraph before the text shifts every offset and changes nothing else', () => {
    // The paragraph right before the text is the same in both: the speaker models read the sentence before a quote
    // and its words' learned cue probabilities ("nothing" is a weak cue), so what stands there may change a speaker.
    const headline = 'Headline of the day\n';
    const quiet = 'A quiet paragraph of plain words with nothing in it\n';
    fc.assert(
      fc.property(article, (raw) => {
        const text = headline + quiet + raw;
        const shifted = headline + quiet + quiet + raw;
        const delta = quiet.length;
        const a = analyzed(text).findings.filter((f) => f.start >= headline.length + quiet.length);
        const b = analyzed(shifted).findings.filter((f) => f.start >= headline.length + 2 * quiet.length);
        assert.deepEqual(b.map((f) => [f.rule, f.start - delta, f.end - delta, f.message]), a.map((f) => [f.rule, f.start, f.end, f.message]));
      }),
      { numRuns: 300 },
    );
  });

  it('the duplicate and claim stages never fail (no "Analysis failed" notice) and stay in range', () => {
    fc.assert(
      fc.property(article, (text) => {
        const doubled = text + '\n' + text;
        for (const m of findRepeatsWithin(doubled, { k: 2, window: 2, minWords: 2, minSimilarity: 0.5, maxDocumentFrequency: 5 })) {
          assert.ok(0 <= m.otherStart && m.otherEnd <= m.start && m.end <= doubled.length);
        }
        inside(doubled, analyzed(doubled));
      }),
      { numRuns: 200 },
    );
  });
});
