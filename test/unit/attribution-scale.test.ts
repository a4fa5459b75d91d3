import assert from 'node:assert/strict';
import { buildStructure } from '../../src/core/structure';
import { findQuotes } from '../../src/core/quotes';
import { attributeQuotes } from '../../src/core/attribution';

function attribute(text: string) {
  const { paragraphs } = buildStructure(text);
  const { quotes: spans } = findQuotes(text, paragraphs);
  const started = performance.now();
  const quotes = attributeQuotes({ text, paragraphs, spans });
  return { quotes, ms: performance.now() - started };
}

describe('attribution at scale', () => {
  it('attributes a 2 MB one-line paragraph with thousands of quotes in linear time', function () {
    this.timeout(60000);
    const sentences: string[] = [];
    let length = 0;
    for (let i = 0; length < 2_000_000; i++) {
      const s = i % 3 === 0 ? `“The ferry number ${i} leaves at dawn,” Mayor Ana Ortiz said.` : `The crossing ${i} took longer than planned and the crew waited.`;
      sentences.push(s);
      length += s.length + 1;
    }
    const { quotes, ms } = attribute(sentences.join(' '));
    assert.ok(quotes.length > 5000);
    assert.ok(quotes.every((q) => q.speaker?.text === 'Mayor Ana Ortiz'));
    assert.ok(ms < 8000, `attribution took ${ms.toFixed(0)} ms`);
  });

  it('attributes 10,000 quotes in one paragraph, and one quote at the end of a 2 MB sentence', function () {
    this.timeout(60000);
    const many = Array.from({ length: 10000 }, (_, i) => `“Crossing ${i} is late,” she said.`).join(' ');
    const a = attribute('Harbour master Lena Fisk spoke first. ' + many);
    assert.equal(a.quotes.length, 10000);
    assert.ok(a.ms < 8000, `attribution took ${a.ms.toFixed(0)} ms`);
    const long = 'word '.repeat(400000) + '“a late boat”';
    const b = attribute(long);
    assert.equal(b.quotes.length, 1);
    assert.ok(b.ms < 8000, `attribution took ${b.ms.toFixed(0)} ms`);
  });
});
