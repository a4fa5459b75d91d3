import assert from 'node:assert/strict';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, findCorpusRepeats, findRepeatsWithin, listDuplicates, repeatsOf, wordTokens } from '../../src/core';
import { FingerprintIndex } from '../../src/core';
import { DEFAULT_DUPLICATE_OPTIONS, fingerprints, kgramHashes, kgramHashesInSlices, similarity } from '../../src/core/duplicates';

// A passage of our own words, long enough to count (over 40 words).
const PASSAGE =
  'The harbour board met behind closed doors on Friday and agreed to lease the old grain silos to a start-up that ' +
  'wants to turn them into a vertical farm, with lettuce and herbs grown under lamps for the restaurants along the ' +
  'quay, a plan that several members had opposed for months because of the noise from the cooling fans.';
const OTHER = 'Ticket prices for the summer ferries will rise by four percent, the operator announced, citing fuel costs.';
const THIRD = 'Volunteers cleaned the beach on Sunday and collected forty bags of plastic, most of it fishing line.';

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

describe('duplicates: normalisation', () => {
  it('folds case, punctuation, quote styles and apostrophes', () => {
    const a = wordTokens('“Russia’s plan,” she said.');
    const b = wordTokens('"RUSSIA\'S PLAN" -- she said');
    assert.deepEqual(Array.from(a.hashes.subarray(0, a.count)), Array.from(b.hashes.subarray(0, b.count)));
  });
  it('keeps UTF-16 offsets into the original text, across emoji', () => {
    const text = '🌉 Bridge “opens” today';
    const t = wordTokens(text);
    const words = Array.from({ length: t.count }, (_, i) => text.slice(t.starts[i], t.ends[i]));
    assert.deepEqual(words, ['Bridge', 'opens', 'today']);
    assert.equal(t.starts[0], 3);
  });
});

describe('duplicates: inside one article', () => {
  it('reports one passage for a repeated block, pointing at the earlier copy', () => {
    const text = ['Headline here', PASSAGE, OTHER, THIRD, PASSAGE, OTHER].join('\n');
    const r = analyze(text);
    assert.equal(r.duplicates.length, 1);
    const d = r.duplicates[0];
    assert.deepEqual([d.line, d.endLine, d.of.line, d.of.endLine], [5, 6, 2, 3]);
    assert.equal(d.similarity, 1);
    const finding = r.findings.find((f) => f.rule === 'duplicate-passage');
    assert.ok(finding);
    assert.equal(finding.line, 5);
  });
  it('finds a lightly edited copy (one word in ten changed, re-punctuated, re-wrapped) with its similarity', () => {
    const edited = PASSAGE.replace('Friday', 'Thursday').replace('lettuce', 'spinach').replace('months', 'years').replace('several', 'two').replace(/,/g, ';').replace(' with ', '\nwith ');
    const text = ['Headline here', PASSAGE, OTHER, THIRD, edited].join('\n');
    const [d] = analyze(text).duplicates;
    assert.ok(d, 'found');
    assert.ok(d.similarity > 0.85 && d.similarity < 1, `similarity ${d.similarity}`);
    assert.equal(d.of.line, 2);
    assert.equal(d.line, 5);
  });
  it('ignores short shared phrases and passages below the minimum length', () => {
    const phrase = 'a security guarantee akin to the old treaty';
    const text = ['Headline', `${OTHER} ${phrase}.`, THIRD, `${phrase} was the phrase of the week.`].join('\n');
    assert.deepEqual(findRepeatsWithin(text), []);
    const short = PASSAGE.split(' ').slice(0, 30).join(' ');
    assert.deepEqual(findRepeatsWithin([short, OTHER, short].join('\n')), []);
  });
  it('honours minWords and minSimilarity', () => {
    const text = ['Headline', PASSAGE, OTHER, PASSAGE].join('\n');
    assert.equal(analyze(text, { duplicates: { minWords: 80 } }).duplicates.length, 0);
    // Four words in every ten replaced: well under 70% in common.
    const edited = PASSAGE.split(' ').map((w, i) => (i % 10 < 4 ? `changed${i}` : w)).join(' ');
    assert.equal(analyze(['Headline', PASSAGE, OTHER, edited].join('\n')).duplicates.length, 0, 'a third of the words changed is not a duplicate at 0.7');
    assert.equal(analyze(['Headline', PASSAGE, OTHER, edited].join('\n'), { duplicates: { minSimilarity: 0.5 } }).duplicates.length, 1);
  });
  it('reports the same lines with CRLF line ends', () => {
    const lf = ['Headline', PASSAGE, OTHER, THIRD, PASSAGE].join('\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = analyze(lf).duplicates[0];
    const b = analyze(crlf).duplicates[0];
    assert.deepEqual([b.line, b.endLine, b.of.line], [a.line, a.endLine, a.of.line]);
    assert.equal(crlf.slice(b.start, b.end), lf.slice(a.start, a.end));
  });
  it('offers a fix that removes the later copy and nothing else', () => {
    const text = ['Headline', PASSAGE, OTHER, PASSAGE, THIRD].join('\n');
    const f = analyze(text).findings.find((x) => x.rule === 'duplicate-passage')!;
    const [edit] = f.fixes![0].edits;
    const fixed = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    assert.equal(fixed, ['Headline', PASSAGE, OTHER, THIRD].join('\n'));
    assert.equal(analyze(fixed).duplicates.length, 0);
  });
});

describe('duplicates: across documents', () => {
  it('reports the passage in both documents, each pointing at the other', () => {
    const a = ['Story A', OTHER, PASSAGE].join('\n');
    const b = ['Story B', THIRD, THIRD.replace('Sunday', 'Monday'), PASSAGE.replace('Friday', 'Monday')].join('\n');
    const repeats = findCorpusRepeats([{ id: 'a.txt', text: a }, { id: 'b.txt', text: b }]);
    const [ra] = repeats.get('a.txt')!;
    const [rb] = repeats.get('b.txt')!;
    assert.equal(ra.of.path, 'b.txt');
    assert.equal(rb.of.path, 'a.txt');
    assert.equal(lineOf(a, ra.start), 3);
    assert.equal(ra.of.line, 4);
    assert.ok(ra.similarity > 0.9);
  });
  it('treats text shared by more documents than the cutoff as boilerplate', () => {
    const docs = Array.from({ length: 6 }, (_, i) => ({ id: `d${i}`, text: [`Story ${i} ${'x'.repeat(i)}`, OTHER.replace('four', String(i)), PASSAGE].join('\n') }));
    assert.equal(findCorpusRepeats(docs, { maxDocumentFrequency: 10 }).get('d0')!.length, 5);
    assert.equal(findCorpusRepeats(docs, { maxDocumentFrequency: 4 }).get('d0')!.length, 0);
  });
});

describe('duplicates: the CLI and the extension index report the same repeats across articles', () => {
  // Our own words: sixty short articles, and a roundup that repeats one paragraph of each (more candidates than the
  // extension once aligned: it took the first 50), plus an edited copy of one of them.
  const WORDS = ['river', 'council', 'budget', 'school', 'market', 'bridge', 'harbour', 'festival', 'station', 'orchard', 'museum', 'tram', 'clinic', 'garden', 'factory'];
  const paragraph = (i: number) => Array.from({ length: 45 }, (_, j) => `${WORDS[(i * 7 + j * 3) % WORDS.length]}${(i * 131 + j * 17) % 997}`).join(' ') + '.';
  const name = (i: number) => `${String(i).padStart(3, '0')}_${(0x1000000000000000n + BigInt(i) * 7919n).toString(16)}.txt`;
  const docs = Array.from({ length: 60 }, (_, i) => ({ id: name(i), text: `Article ${i}\n\n${paragraph(i)}\n\nClosing words of article ${i}.\n` }));
  docs.push({ id: name(60), text: `Roundup\n\n${docs.map((_, i) => paragraph(i)).join('\n\n')}\n` });
  docs.push({ id: name(61), text: `Edited copy\n\nAn opening line.\n${paragraph(7).replace('river', 'lake').replace(/ /g, '\n')}\n` });

  it('core repeatsOf (the extension’s index) gives findCorpusRepeats’ records (the CLI’s) for every article', async () => {
    const index = new FingerprintIndex(DEFAULT_DUPLICATE_OPTIONS);
    for (const d of docs) index.setText(d.id, d.text);
    const texts = new Map(docs.map((d) => [d.id, d.text]));
    const corpus = findCorpusRepeats(docs, DEFAULT_DUPLICATE_OPTIONS);
    assert.equal(corpus.get(name(60))!.length, 61, 'the roundup repeats all sixty articles and the edited copy');
    for (const d of docs) assert.deepEqual(await repeatsOf(index, d.id, d.text, async (id) => texts.get(id)), corpus.get(d.id), d.id);
  });

  it('pauses between candidates while aligning an article repeated in many others, with the same records', async () => {
    const index = new FingerprintIndex(DEFAULT_DUPLICATE_OPTIONS);
    for (const d of docs) index.setText(d.id, d.text);
    const texts = new Map(docs.map((d) => [d.id, d.text]));
    const roundup = docs[60];
    let pauses = 0;
    const pause = () => {
      pauses++;
      return new Promise<void>((resolve) => setImmediate(resolve));
    };
    const records = await repeatsOf(index, roundup.id, roundup.text, async (id) => texts.get(id), DEFAULT_DUPLICATE_OPTIONS, () => false, pause, 0);
    assert.ok(pauses >= 60, `${pauses} pauses for 61 candidates`);
    assert.deepEqual(records, await repeatsOf(index, roundup.id, roundup.text, async (id) => texts.get(id)));
  });

  it('the CLI’s cross-document findings on a folder of these articles are the index’s repeats', async function () {
    this.timeout(60_000);
    const folder = mkdtempSync(join(tmpdir(), 'seed-cross-'));
    try {
      for (const d of docs) writeFileSync(join(folder, d.id), d.text);
      const cli = spawnSync(process.execPath, [join(process.cwd(), 'dist/cli.js'), 'analyze', '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
      const files = (JSON.parse(cli.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string; line: number; endLine: number; message: string }> }> }).files;
      const index = new FingerprintIndex(DEFAULT_DUPLICATE_OPTIONS);
      for (const d of docs) index.setText(d.id, d.text);
      const texts = new Map(docs.map((d) => [d.id, d.text]));
      for (const d of docs) {
        const fromCli = files.find((f) => f.path === d.id)!.findings.filter((f) => f.rule === 'cross-document-duplicate').map((f) => `${f.line}-${f.endLine} ${/in (\S+\.txt)/.exec(f.message)?.[1]}`);
        const fromIndex = (await repeatsOf(index, d.id, d.text, async (id) => texts.get(id))).map((r) => `${r.line}-${r.endLine} ${r.of.path}`);
        assert.deepEqual(fromCli.sort(), fromIndex.sort(), d.id);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('duplicates: similarity', () => {
  const arr = (s: string) => Int32Array.from(s.split(''), (c) => c.charCodeAt(0));
  it('is 2·LCS / total length', () => {
    assert.equal(similarity(arr('abcd'), arr('abcd')), 1);
    assert.equal(similarity(arr('abcd'), arr('abxd')), 0.75);
    assert.equal(similarity(arr(''), arr('')), 1);
  });
  it('agrees with a plain LCS on random inputs, and never throws on any text', () => {
    const lcs = (a: string, b: string) => {
      const dp = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
      return dp[a.length][b.length];
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 30 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 30 }), (a, b) => {
        if (!a.length && !b.length) return;
        assert.ok(Math.abs(similarity(arr(a), arr(b)) - (2 * lcs(a, b)) / (a.length + b.length)) < 1e-9);
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (t) => void findRepeatsWithin(t + t, { k: 2, window: 2, minWords: 2, minSimilarity: 0.5, maxDocumentFrequency: 5 })), { numRuns: 200 });
  });
});

describe('duplicates: short, lightly edited copies', () => {
  // 45 words, as news copies them: one word in ten changed, a semicolon for a comma, straight quotes for curly ones.
  // The first and last changed words (4th and 43rd) leave 38 unchanged words between them: under the minimum of 40
  // unless the passage is extended across them.
  const ORIGINAL =
    '“We will not close the old ferry landing before the spring tides are over,” the harbour master, Ines Calder, ' +
    'told the council on Tuesday, adding that the repairs to the north pier would cost about forty thousand euros ' +
    'and keep two crews busy all summer.';
  const COPY =
    '"We will not shut the old ferry landing before the spring tides are over," the harbour officer, Ines Calder, ' +
    'told the board on Tuesday; adding that the repairs to the north jetty would cost about forty thousand euros ' +
    'and keep two crews working all summer.';
  const A = ['Ferry landing stays open', '', 'By Lena Fisk', 'Passengers crossing to the island keep their early boat for now.', ORIGINAL, 'The council meets again next month to vote on the budget for the quay.'].join('\n');
  // In B the copy ends a paragraph of B's own, so it cannot be widened to whole lines.
  const B = ['Harbour repairs to start in June', '', 'By Tom Reyes', `Work on the harbour walls begins in June, the port said, and the fish market moves to the car park. ${COPY}`, 'Traders said they had not been told how long the market would stay there.'].join('\n');

  it('the fixture is what it says: 45 words, five of them changed, quotes and one comma changed', () => {
    assert.equal(wordTokens(ORIGINAL).count, 45);
    assert.equal(wordTokens(COPY).count, 45);
    const a = ORIGINAL.replace(/[“”]/g, '"').split(' ');
    const b = COPY.split(' ');
    assert.equal(a.filter((w, i) => w !== b[i]).length, 6, 'five words and one comma');
    assert.equal(similarity(wordTokens(ORIGINAL).hashes.subarray(0, 45), wordTokens(COPY).hashes.subarray(0, 45)), 80 / 90);
  });

  it('finds the copy in another article, inside one of its paragraphs, with both ranges on the passage', () => {
    const [r] = findCorpusRepeats([{ id: 'a', text: A }, { id: 'b', text: B }]).get('b')!;
    assert.ok(r, 'found');
    assert.equal(r.of.path, 'a');
    assert.equal(B.slice(r.start, r.end), COPY.slice(1, -1)); // words only: the marks and the full stop are not words
    assert.equal(A.slice(r.of.start, r.of.end), ORIGINAL.slice(1, -1));
    assert.equal(r.similarity, 0.889);
    assert.equal(r.words, 45);
  });

  it('finds it repeated later in the same article', () => {
    const text = [A, 'The weather stayed cold and grey all week, and the morning boats were half empty.', COPY].join('\n');
    const [d] = analyze(text).duplicates;
    assert.ok(d, 'found');
    assert.deepEqual([d.line, d.of.line], [8, 5]);
    assert.equal(d.words, 45);
  });

  it('finds a copy that starts with a stock phrase many other articles share (not boilerplate: it is short)', () => {
    let state = 3;
    const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const words = (n: number) => Array.from({ length: n }, () => 'w' + Math.floor(rnd() * 100000)).join(' ');
    const stock = 'The ferry company did not immediately respond to a request for comment, and';
    const docs = Array.from({ length: 25 }, (_, i) => ({ id: `other${String(i).padStart(2, '0')}`, text: `${words(80)}. ${stock} ${words(80)}.\n` }));
    // 48 words, copied word for word (straight quotes): 13 of the stock phrase, 35 of the harbour master's.
    const rest = ORIGINAL.split(' ').slice(0, 35).join(' ');
    const original = `${stock} ${rest}.`;
    const copy = `${stock} ${rest.replace(/[“”]/g, '"')}.`;
    assert.equal(wordTokens(copy).count, 48);
    docs.push({ id: 'a', text: `${words(60)}.\n${original}\n${words(60)}.\n` }, { id: 'b', text: `${words(70)}. ${copy}\n${words(50)}.\n` });
    const [r] = findCorpusRepeats(docs).get('b')!;
    assert.ok(r, 'found');
    assert.equal(r.of.path, 'a');
    assert.equal(docs.at(-1)!.text.slice(r.start, r.end), copy.slice(0, -1));
  });

  it('still does not report a short passage under the minimum, nor one with a word in three changed', () => {
    const short = ORIGINAL.split(' ').slice(0, 28).join(' ');
    assert.deepEqual(findCorpusRepeats([{ id: 'a', text: A }, { id: 'b', text: `Headline\n${short}\nMore words of our own here.` }]).get('b'), []);
    const heavy = ORIGINAL.split(' ').map((w, i) => (i % 3 === 1 ? `other${i}` : w)).join(' ');
    assert.deepEqual(findCorpusRepeats([{ id: 'a', text: A }, { id: 'b', text: `Headline\n${heavy}\nMore words of our own here.` }]).get('b'), []);
  });
});

describe('duplicates: a stock phrase masked in one copy only', () => {
  it('keeps an edited copy one passage across a phrase that is boilerplate in the original but edited in the copy', () => {
    let state = 11;
    const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const words = (n: number) => Array.from({ length: n }, () => 'w' + Math.floor(rnd() * 100000));
    const phrase = words(25);
    // Every fourth word of the phrase changed: none of its 5-word runs is left, so it is not boilerplate in the copy.
    const edited = phrase.map((w, i) => (i % 4 === 1 ? `x${w}` : w));
    const before = words(60);
    const after = words(60);
    const docs = Array.from({ length: 22 }, (_, i) => ({ id: `filler${String(i).padStart(2, '0')}`, text: `${words(100).join(' ')} ${phrase.join(' ')} ${words(100).join(' ')}\n` }));
    const a = `${words(30).join(' ')}\n${[...before, ...phrase, ...after].join(' ')}\n${words(30).join(' ')}\n`;
    const b = `${words(40).join(' ')}\n${[...before, ...edited, ...after].join(' ')}\n${words(40).join(' ')}\n`;
    docs.push({ id: 'a', text: a }, { id: 'b', text: b });
    const records = findCorpusRepeats(docs).get('a')!.filter((r) => r.of.path === 'b');
    assert.equal(records.length, 1, JSON.stringify(records));
    const passage = [...before, ...phrase, ...after].join(' ');
    assert.equal(records[0].start, a.indexOf(passage));
    assert.equal(records[0].end, a.indexOf(passage) + passage.length);
  });
});

describe('duplicates: boilerplate never leaks through a candidate pair', () => {
  it('does not report a footer shared by more documents than the cutoff, even between articles that are candidates', () => {
    let state = 7;
    const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const words = (n: number) => Array.from({ length: n }, () => 'w' + Math.floor(rnd() * 100000)).join(' ');
    const footer = words(58);
    const shared = words(20); // too short to report, but makes d0 and d1 a candidate pair
    const docs = Array.from({ length: 25 }, (_, i) => ({ id: `d${i}`, text: `${words(150)} ${i < 2 ? shared : ''} ${words(150)}\n${footer}\n` }));
    const repeats = findCorpusRepeats(docs);
    assert.deepEqual(repeats.get('d0'), []);
    assert.deepEqual(repeats.get('d1'), []);
  });
});

describe('duplicates: the fingerprint index', () => {
  // A seeded generator of texts over a small vocabulary, so that many fingerprints are shared.
  const texts = (seed: number) => {
    let state = seed;
    const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    return (words: number, vocabulary: number) => Array.from({ length: words }, () => 'v' + Math.floor(rnd() * vocabulary)).join(' ');
  };

  /** The index as it was before it was made compact: a Set of document ids per fingerprint. */
  class ReferenceIndex {
    docs = new Map<string, Int32Array>();
    postings = new Map<number, Set<string>>();
    constructor(readonly maxDf: number) {}
    set(id: string, text: string) {
      this.delete(id);
      const unique = Int32Array.from(new Set(fingerprints(wordTokens(text), DEFAULT_DUPLICATE_OPTIONS).hashes));
      this.docs.set(id, unique);
      for (const h of unique) {
        if (!this.postings.has(h)) this.postings.set(h, new Set());
        this.postings.get(h)!.add(id);
      }
    }
    delete(id: string) {
      for (const h of this.docs.get(id) ?? []) {
        this.postings.get(h)!.delete(id);
        if (!this.postings.get(h)!.size) this.postings.delete(h);
      }
      this.docs.delete(id);
    }
    isCommon(h: number) {
      return (this.postings.get(h)?.size ?? 0) > this.maxDf;
    }
    candidates(id: string, minShared = 3) {
      const counts = new Map<string, number>();
      for (const h of this.docs.get(id) ?? []) {
        const set = this.postings.get(h)!;
        if (set.size < 2 || set.size > this.maxDf) continue;
        for (const other of set) if (other !== id) counts.set(other, (counts.get(other) ?? 0) + 1);
      }
      return [...counts].filter(([, n]) => n >= minShared).map(([other, shared]) => ({ id: other, shared })).sort((x, y) => y.shared - x.shared || (x.id < y.id ? -1 : 1));
    }
  }

  it('fingerprints a text in slices (cut at line breaks) exactly as in one go, pausing between slices', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', ' ', '’', "'", '-', '“', 'é', 'Ω', '𝐀', '🌉'), fc.string({ maxLength: 6 })), { maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        async (pieces, sliceChars) => {
          const text = pieces.join('');
          let pauses = 0;
          const sliced = await kgramHashesInSlices(text, DEFAULT_DUPLICATE_OPTIONS.k, async () => void pauses++, sliceChars);
          assert.deepEqual([...sliced], [...kgramHashes(wordTokens(text), DEFAULT_DUPLICATE_OPTIONS.k)]);
          if (text.length > 4 * sliceChars && text.split('\n').length > 8) assert.ok(pauses > 0, 'paused between slices');
        },
      ),
    );
    const whole = new FingerprintIndex();
    const sliced = new FingerprintIndex();
    const text = texts(3)(5000, 300).replace(/ (?=v1\d )/g, '\n');
    whole.setText('a', text);
    sliced.setGrams('a', await kgramHashesInSlices(text, sliced.options.k, () => Promise.resolve(), 1000));
    whole.setText('b', text.slice(2000));
    sliced.setText('b', text.slice(2000));
    assert.deepEqual(sliced.candidates('b'), whole.candidates('b'));
    assert.ok(whole.candidates('b').length === 1);
  });

  it('replaces a document on set, forgets it on delete, and keeps ids in insertion order', () => {
    const text = texts(3);
    const index = new FingerprintIndex();
    const a = text(300, 5000);
    index.set('a', wordTokens(a));
    index.set('b', wordTokens(`${text(50, 5000)} ${a.split(' ').slice(0, 100).join(' ')}`));
    index.set('c', wordTokens(text(300, 5000)));
    assert.deepEqual([...index.ids()], ['a', 'b', 'c']);
    assert.equal(index.size, 3);
    assert.deepEqual(index.candidates('b').map((c) => c.id), ['a']);
    assert.deepEqual(index.candidates('a').map((c) => c.id), ['b']);
    // Replacing b with unrelated text drops the pair, and b moves to the end.
    index.set('b', wordTokens(text(300, 5000)));
    assert.deepEqual([...index.ids()], ['a', 'c', 'b']);
    assert.deepEqual(index.candidates('a'), []);
    // c takes a's text: now a and c are a pair; deleting a leaves c alone.
    index.set('c', wordTokens(a));
    assert.equal(index.candidates('a')[0].id, 'c');
    index.delete('a');
    index.delete('a');
    assert.equal(index.has('a'), false);
    assert.equal(index.size, 2);
    assert.deepEqual(index.candidates('c'), []);
    assert.deepEqual(index.candidates('a'), []);
    index.set('a', wordTokens(a));
    assert.equal(index.candidates('c')[0].id, 'a');
  });

  it('marks a fingerprint common above the document-frequency cutoff, and not again once documents leave', () => {
    const text = texts(5);
    const footer = text(60, 100000);
    const index = new FingerprintIndex({ ...DEFAULT_DUPLICATE_OPTIONS, maxDocumentFrequency: 3 });
    const footerPrint = fingerprints(wordTokens(footer), index.options).hashes[0];
    for (let i = 0; i < 4; i++) index.set(`d${i}`, wordTokens(`${text(200, 100000)}\n${footer}`));
    assert.equal(index.isCommon(footerPrint), true);
    assert.deepEqual(index.candidates('d0'), [], 'common fingerprints make no candidates');
    index.delete('d3');
    assert.equal(index.isCommon(footerPrint), false);
    assert.deepEqual(index.candidates('d0').map((c) => c.id).sort(), ['d1', 'd2'], 'three documents are under the cutoff again');
    assert.equal(index.isCommon(12345), false);
  });

  it('orders candidates by shared fingerprints, then by id', () => {
    const text = texts(11);
    const base = text(400, 100000).split(' ');
    const index = new FingerprintIndex();
    index.set('base', wordTokens(base.join(' ')));
    // Longer shared stretches share more fingerprints.
    index.set('z-small', wordTokens(`${text(100, 100000)} ${base.slice(0, 60).join(' ')}`));
    index.set('a-small', wordTokens(`${text(100, 100000)} ${base.slice(0, 60).join(' ')} ${text(10, 100000)}`));
    index.set('m-large', wordTokens(`${base.slice(100, 300).join(' ')} ${text(100, 100000)}`));
    const c = index.candidates('base');
    assert.deepEqual(c.map((x) => x.id), ['m-large', 'a-small', 'z-small']);
    assert.ok(c[0].shared > c[1].shared && c[1].shared === c[2].shared);
    assert.equal(index.candidates('base', c[0].shared + 1, Infinity).length, 0);
    // Fingerprints found in no third document make a candidate whatever the count: m-large's; a-small and z-small
    // hold the same words of base, so theirs are in three documents.
    assert.deepEqual(index.candidates('base', c[0].shared + 1).map((x) => x.id), ['m-large']);
    index.set('third', wordTokens(base.slice(100, 300).join(' ')));
    assert.deepEqual(index.candidates('base', c[0].shared + 1).map((x) => x.id), []);
  });

  it('agrees with a plain Map-of-Sets index over random sets and deletes (table growth, collisions, removals), from tokens or text', () => {
    const text = texts(42);
    const index = new FingerprintIndex({ ...DEFAULT_DUPLICATE_OPTIONS, maxDocumentFrequency: 6 });
    const fromText = new FingerprintIndex({ ...DEFAULT_DUPLICATE_OPTIONS, maxDocumentFrequency: 6 });
    const reference = new ReferenceIndex(6);
    let state = 9;
    const rnd = (n: number) => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) % n;
    const seen = new Set<number>();
    for (let step = 0; step < 1500; step++) {
      const id = `doc${rnd(300)}`;
      if (rnd(4) === 0) {
        index.delete(id);
        fromText.delete(id);
        reference.delete(id);
      } else {
        // Small vocabularies share many fingerprints; large ones make many distinct ones (and grow the table).
        const t = text(step % 100 === 0 ? 3000 : 20 + rnd(200), [20, 60, 100000][rnd(3)]); // some outgrow the scratch buffers
        index.set(id, wordTokens(t));
        fromText.setText(id, t);
        reference.set(id, t);
        for (const h of reference.docs.get(id)!) seen.add(h);
      }
    }
    assert.deepEqual([...index.ids()], [...reference.docs.keys()]);
    assert.deepEqual([...fromText.ids()], [...reference.docs.keys()]);
    for (const id of reference.docs.keys()) {
      assert.deepEqual(index.candidates(id, 1), reference.candidates(id, 1), id);
      assert.deepEqual(fromText.candidates(id, 1), reference.candidates(id, 1), id);
    }
    for (const h of seen) {
      assert.equal(index.isCommon(h), reference.isCommon(h));
      assert.equal(fromText.isCommon(h), reference.isCommon(h));
    }
    assert.ok(index.stats().fingerprints === reference.postings.size && index.stats().fingerprints > 2000);
  });
});

describe('duplicates: List Duplicates (core list, CLI command)', () => {
  const folder = join(process.cwd(), 'test/fixtures/workspace');
  const docs = ['002_2222222222222222.txt', '003_3333333333333333.txt', '004_4444444444444444.txt'].map((id) => ({ id, text: readFileSync(join(folder, id), 'utf8') }));

  it('lists a repeat inside an article once, pointing at the earlier copy, and a repeat across two articles once', () => {
    const list = listDuplicates(docs);
    const inside = list.filter((d) => d.path === d.other.path);
    const across = list.filter((d) => d.path !== d.other.path);
    assert.equal(inside.length, 1);
    assert.equal(inside[0].path, '004_4444444444444444.txt');
    assert.ok(inside[0].other.endLine < inside[0].line, 'the earlier copy ends before the later one');
    assert.deepEqual(across.map((d) => [d.path, d.other.path]), [['002_2222222222222222.txt', '003_3333333333333333.txt']]);
    // The lines are those of the passages: the words of one copy are in the other.
    const lines = (id: string, from: number, to: number) => docs.find((d) => d.id === id)!.text.split(/\r\n|\r|\n/).slice(from - 1, to).join(' ');
    const [a] = across;
    const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu));
    const here = words(lines(a.path, a.line, a.endLine));
    const there = [...words(lines(a.other.path, a.other.line, a.other.endLine))];
    assert.ok(there.filter((w) => here.has(w)).length > 0.8 * there.length);
    // Each article's repeats across come from both sides; the list keeps one per pair.
    assert.equal(listDuplicates([...docs].reverse()).filter((d) => d.path !== d.other.path).length, 1);
  });

  it('prints the same list from the command line', () => {
    const cli = spawnSync(process.execPath, [join(process.cwd(), 'dist/cli.js'), 'duplicates', '--format', 'json', ...docs.map((d) => d.id)], { cwd: folder, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual((JSON.parse(cli.stdout) as { duplicates: unknown }).duplicates, listDuplicates(docs));
    const text = spawnSync(process.execPath, [join(process.cwd(), 'dist/cli.js'), 'duplicates', ...docs.map((d) => d.id)], { cwd: folder, encoding: 'utf8' });
    assert.match(text.stdout, /^002_2222222222222222\.txt:\d+-\d+ also in 003_3333333333333333\.txt, lines \d+–\d+ \(\d+ words, \d+% the same\)$/m);
  });
});
