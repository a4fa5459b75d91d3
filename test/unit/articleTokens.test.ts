// One article model: one definition of a word character (words.ts) and one token stream per analysis
// (articleTokens.ts) that attribution, check-worthiness and duplicates read. Every text here is written for these tests.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, DocumentAnalyzer } from '../../src/core/analyze';
import { ArticleTokens, createTokenCache } from '../../src/core/articleTokens';
import { modelWords, modelWordsOfTokens, WORD } from '../../src/core/checkworthiness';
import { wordTokens, wordTokensOfArticle } from '../../src/core/duplicates';
import { buildStructure } from '../../src/core/structure';
import { countWords, tokenize } from '../../src/core/text';
import { isWordChar, isWordCode, wordCharWidth, WORD_CHARACTER } from '../../src/core/words';

/** Characters that make tokenizers disagree: joiners, marks, astral letters, emoji with selectors, line breaks. */
const ALPHABET = ['a', 'Z', 'é', 'e\u0301', 'Ж', '中', '𝒜', '7', '0', ' ', '  ', '\n', '\r\n', '.', ',', "'", '’', '-', '“', '”', '😀', '❤\ufe0f', '\u200d', '\uD800', 'U.S.', 'Mr.', '1,200', '3.5'];
const texts = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((xs) => xs.join(''));

describe('one article model', () => {
  describe('a word character', () => {
    it('is a letter, digit or mark of any script, never a variation selector, space, punctuation or emoji', () => {
      for (const ch of ['a', 'Z', '5', 'é', '\u0301', 'Ж', '中', '٣', '𝒜']) assert.ok(isWordChar(ch), JSON.stringify(ch));
      for (const ch of [' ', '\u00a0', '.', "'", '’', '-', '“', '😀', '\ufe0f', '\u200d', '\uD800', '\uDC00', '', undefined]) assert.ok(!isWordChar(ch), JSON.stringify(ch));
    });

    it('gives the same answer by table, by code and by the definition, for every BMP code unit', () => {
      for (let c = 0; c < 0x10000; c++) {
        const surrogate = c >= 0xd800 && c <= 0xdfff;
        const expected = !surrogate && WORD_CHARACTER.test(String.fromCharCode(c));
        assert.equal(isWordCode(c), expected, c.toString(16));
        assert.equal(wordCharWidth(String.fromCharCode(c), 0), expected ? 1 : 0, c.toString(16));
      }
    });

    it('reads a surrogate pair as one character and a lone surrogate as none', () => {
      assert.equal(wordCharWidth('x𝒜', 1), 2);
      assert.equal(wordCharWidth('😀', 0), 0);
      assert.equal(wordCharWidth('\uD835x', 0), 0);
      assert.equal(wordCharWidth('ab', 2), 0, 'past the end');
      assert.equal(countWords('cafe\u0301 ❤\ufe0f 𝒜bc'), 2);
    });
  });

  describe('the token stream', () => {
    const article = ['Headline of the story', '', 'Mr. Smith said the U.S. plan costs 1,200 euros.', 'Russia’s envoy, a well-known critic, disagreed. “No,” she said.'].join('\n');

    it('tokenizes each paragraph once and keeps it across analyses of one document', () => {
      const { paragraphs } = buildStructure(article);
      const cache = createTokenCache();
      const first = new ArticleTokens(article, paragraphs, cache);
      const again = new ArticleTokens(article, paragraphs, cache);
      assert.equal(again.relative(1), first.relative(1), 'the same array from the cache');
      assert.deepEqual(
        first.tokens(1).map((t) => article.slice(t.start, t.end)),
        first.tokens(1).map((t) => t.text),
        'absolute offsets point at the token',
      );
      assert.deepEqual(
        first.tokens(1).filter((t) => t.type === 'word').map((t) => t.text),
        ['Mr', 'Smith', 'said', 'the', 'U.S.', 'plan', 'costs', '1,200', 'euros'],
      );
    });

    it('gives check-worthiness the words modelWords reads in each sentence', () => {
      const { paragraphs } = buildStructure(article);
      const stream = new ArticleTokens(article, paragraphs);
      for (let p = 0; p < paragraphs.length; p++) {
        for (const s of paragraphs[p].sentences) {
          const w = stream.within(p, s.start, s.end);
          assert.deepEqual(modelWordsOfTokens(article, w.tokens, w.from, w.to, w.at, s.start, s.end), modelWords(article.slice(s.start, s.end)));
        }
      }
    });

    it('gives the same words as modelWords on any text (but "a,123", which the stream reads as two words)', () => {
      fc.assert(
        fc.property(texts, (text) => {
          fc.pre(!/[^\d,],\d{3}/u.test(text));
          const tokens = tokenize(text);
          assert.deepEqual(modelWordsOfTokens(text, tokens, 0, tokens.length, 0, 0, text.length), modelWords(text), JSON.stringify(text));
          assert.deepEqual(modelWords(text), (text.match(WORD) ?? []).map((x) => x.toLowerCase().replace(/’/g, "'")), JSON.stringify(text));
        }),
        { numRuns: 2000, seed: 12 },
      );
    });

    it('gives duplicates the word hashes, offsets and line starts of its own scan of the whole text', () => {
      fc.assert(
        fc.property(texts, (text) => {
          const { paragraphs } = buildStructure(text);
          const fromStream = wordTokensOfArticle(new ArticleTokens(text, paragraphs));
          const scanned = wordTokens(text);
          const n = scanned.count;
          assert.equal(fromStream.count, n, JSON.stringify(text));
          assert.deepEqual([...fromStream.hashes.slice(0, n)], [...scanned.hashes.slice(0, n)]);
          assert.deepEqual([...fromStream.starts.slice(0, n)], [...scanned.starts.slice(0, n)]);
          assert.deepEqual([...fromStream.ends.slice(0, n)], [...scanned.ends.slice(0, n)]);
          assert.deepEqual([...fromStream.lineStarts.slice(0, n)], [...scanned.lineStarts.slice(0, n)]);
        }),
        { numRuns: 1500, seed: 21 },
      );
    });

    it('reads both lines of a two-line setext heading (only the underline is furniture)', () => {
      const text = 'Ferry plan\nsplits the town\n---\nThe board met on Thursday.';
      const { paragraphs } = buildStructure(text);
      assert.deepEqual(
        paragraphs.map((p) => [text.slice(p.start, p.end), p.role]),
        [['Ferry plan', 'headline'], ['splits the town', 'heading'], ['The board met on Thursday.', 'paragraph']],
      );
    });

    it('makes incremental analysis give what a fresh analysis gives, after edits to one paragraph', () => {
      const doc = new DocumentAnalyzer();
      const versions = [article, article.replace('1,200', '1,300'), article.replace('disagreed', 'objected'), article];
      for (const text of versions) assert.deepEqual(doc.analyze(text), analyze(text));
    });
  });
});
