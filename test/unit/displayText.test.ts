// How the views, hovers and messages show text (src/extension/displayText.ts), and the scare-quote message of the
// core rule: one pair of quote marks, readable dates, claim types in a reader's words, the term without the
// sentence's punctuation.
import assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { claimTypeText, dateTimeText, quoted, shorten } from '../../src/extension/displayText';

describe('display text', () => {
  describe('quoted', () => {
    it('wraps words without marks in one pair', () => {
      assert.equal(quoted('Market Square'), '“Market Square”');
    });
    it('keeps the marks of words that already have them, instead of adding a second pair', () => {
      assert.equal(quoted('“possibility,”'), '“possibility,”');
      assert.equal(quoted('“We were never asked,” she said.'), '“We were never asked,” she said.');
    });
    it('puts back the closing mark that shortening cut off', () => {
      const sentence = '“The engineering is sound and the cost is fixed at 48 million euros,” the minister said.';
      const label = quoted(sentence, 32);
      assert.equal(label, '“The engineering is sound and…”');
      assert.ok(label.length <= 32, label);
      assert.equal(quoted('The engineering is sound and the cost is fixed at 48 million euros', 32), '“The engineering is sound and…”');
    });
    it('does not take an apostrophe for a closing mark', () => {
      assert.equal(quoted('‘It’s a matter of days and nothing else at all’', 20), '‘It’s a matter of…’');
    });
    it('shortens at a word boundary, on one line', () => {
      assert.equal(shorten('one  two\nthree four', 12), 'one two…');
    });
  });

  describe('dateTimeText', () => {
    it('shows a stored time with the day, the month’s name, the year, the hour and the minute', () => {
      const text = dateTimeText('2026-12-03T16:52:03.027Z', 'en-GB', 'UTC');
      assert.match(text, /^3 December 2026\b.*16:52$/);
      assert.doesNotMatch(text, /T16|\.027Z|:03/);
    });
    it('follows the locale', () => {
      assert.match(dateTimeText('2026-12-03T16:52:03.027Z', 'en-US', 'UTC'), /^December 3, 2026\b.*04:52\sPM$/);
    });
    it('leaves a time it cannot read as it is', () => {
      assert.equal(dateTimeText('yesterday'), 'yesterday');
    });
  });

  describe('claimTypeText', () => {
    it('gives the type and its description’s first clause, lowered at the first letter only, without nested brackets', () => {
      assert.equal(claimTypeText('statement'), 'statement — a reported statement (“X said that …”) or another factual assertion');
      assert.equal(claimTypeText('quote'), 'quote — a direct quote');
      assert.equal(claimTypeText('statistic'), 'statistic — a number, quantity or percentage that can be looked up');
    });
  });
});

describe('scare-quote message', () => {
  const scareQuotesOf = (text: string) => analyze(text).findings.filter((f) => f.rule === 'scare-quote');
  it('names the term without the punctuation English puts inside the marks, and keeps the range on the marks', () => {
    const text = 'The “experts,” it turned out, were wrong.\n';
    const findings = scareQuotesOf(text);
    assert.deepEqual(findings.map((f) => f.message), ['Scare quote “experts”: whose word is it?']);
    assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['“experts,”']);
  });
  it('keeps the full stop of an abbreviation', () => {
    const findings = scareQuotesOf('The “U.S.” plan failed.\n');
    assert.deepEqual(findings.map((f) => f.message), ['Scare quote “U.S.”: whose word is it?']);
  });
});

describe('anonymous-source message', () => {
  it('shows a short quote without the punctuation the sentence put inside its marks', () => {
    const findings = analyze('Port news\n\n“Too late,” a port official said, speaking on condition of anonymity.\n').findings.filter((f) => f.rule === 'anonymous-source' && /^Quote from/.test(f.message));
    assert.deepEqual(findings.map((f) => f.message), ['Quote from an unnamed source (a port official): “Too late”']);
  });
});
