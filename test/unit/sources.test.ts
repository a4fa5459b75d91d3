import assert from 'node:assert/strict';
import { analyze, buildSources, CLAIM_TEXT_MAX, descriptionKey, digestArticle, nameKey, parseSpeaker, shortClaimText, sourcesJsonChunks, sourcesToCsv, sourcesToJson, SOURCE_CSV_COLUMNS, type SourcesData } from '../../src/core';
import { oneEditApart } from '../../src/core/sources/build';
import { fullNameIn } from '../../src/core/sources/names';

// Our own articles: one person written three ways, anonymous sources in two articles, two people sharing a surname,
// and quotes given to different speakers in different articles.
const KREMLIN = [
  'Kremlin rejects ceasefire plan',
  '',
  'Russian President Vladimir Putin on Tuesday rejected the ceasefire plan put forward by European governments.',
  '',
  '“We will not accept terms written in Brussels for the people of Donbas,” Putin said at a news conference in Moscow.',
  '',
  '"This is about our very survival and nothing less," said a Kremlin security adviser, who spoke on condition of anonymity.',
  '',
  'Senior officials said the plan was still on the table.',
].join('\n');
const GENEVA = [
  'Talks stall in Geneva',
  '',
  'Negotiators left Geneva on Wednesday without an agreement.',
  '',
  '"We will not accept terms written in Brussels for the people of Donbas," Putin told reporters.',
  '',
  '"The door to talks remains open for anyone who respects our borders," said Dmitry Peskov, the Kremlin spokesman.',
].join('\n');
const ALLIANCE = [
  'Alliance answers Moscow',
  '',
  'NATO ministers met in Brussels on Thursday.',
  '',
  '"This is about our very survival and nothing less," said Dmitry Peskov, speaking to state television.',
  '',
  // One word changed: the same quote in other words.
  '"The door to talks remains open for anyone who respects the borders," a NATO official said.',
  '',
  '"The dinner was about family and nothing else," said Joe Biden.',
  '',
  '"I had the fish and it was very good indeed," said Hunter Biden.',
].join('\n');
const DINNER = [
  'Dinner in Washington',
  '',
  '"It was a long evening of good conversation," Biden said.',
  '',
  '"We talked about the campaign and the weather all night," said a Kremlin security adviser.',
  '',
  // Short: anyone can say it, so it never counts as the same quote.
  '"Not today," said Serena Marsh. "Not today," said Ivo Brandt.',
].join('\n');

const ARTICLES: Record<string, string> = { 'kremlin.txt': KREMLIN, 'geneva.txt': GENEVA, 'alliance.txt': ALLIANCE, 'dinner.txt': DINNER };

function sourcesOf(articles: Record<string, string>): SourcesData {
  return buildSources(Object.entries(articles).map(([path, text]) => digestArticle(path, text, analyze(text))));
}

describe('sources across articles', () => {
  const data = sourcesOf(ARTICLES);
  const byLabel = (label: string) => data.sources.find((s) => s.label === label);

  it('makes one source of a full name, a surname and a name with its title, keeping the title as a description', () => {
    const putin = byLabel('Vladimir Putin');
    assert.ok(putin, JSON.stringify(data.sources.map((s) => s.label)));
    assert.equal(putin.kind, 'named');
    assert.deepEqual(putin.descriptions, ['Russian President']);
    // Quoted as "Putin" in both articles; in GENEVA the surname is all there is, and the corpus resolves it.
    assert.deepEqual(putin.articles, ['kremlin.txt', 'geneva.txt']);
    assert.equal(putin.quotes.length, 2);
    assert.ok(putin.claims >= 2);
    assert.equal(data.sources.filter((s) => /putin/i.test(s.label)).length, 1);
  });

  it('points each quote at its article with UTF-16 offsets that include the marks', () => {
    for (const s of data.sources) {
      for (const q of s.quotes) {
        const text = ARTICLES[q.path];
        const slice = text.slice(q.start, q.end);
        assert.match(slice, /^["“]/);
        assert.ok(slice.includes(q.text), `${slice} / ${q.text}`);
        const lineStart = text.lastIndexOf('\n', q.start - 1) + 1;
        assert.equal(q.column, q.start - lineStart + 1);
        assert.equal(q.line, text.slice(0, q.start).split('\n').length);
      }
    }
  });

  it('lists anonymous sources by their description, merged across articles', () => {
    const adviser = data.sources.find((s) => s.id === 'anonymous:kremlin security adviser');
    assert.ok(adviser, JSON.stringify(data.sources.map((s) => s.id)));
    assert.equal(adviser.label, 'a Kremlin security adviser');
    assert.deepEqual(adviser.articles, ['kremlin.txt', 'dinner.txt']);
    assert.equal(adviser.quotes.length, 2);
    for (const s of data.sources) if (s.kind === 'anonymous') assert.ok(!/putin|peskov/i.test(s.label));
  });

  it('carries where each claim a source asserts is, for a source that is never quoted too', () => {
    const officials = data.sources.find((s) => s.id === 'anonymous:senior officials');
    assert.ok(officials, JSON.stringify(data.sources.map((s) => s.id)));
    assert.equal(officials.quotes.length, 0);
    assert.deepEqual(
      officials.claimPlaces.map((c) => [c.path, c.line, c.text]),
      [['kremlin.txt', 9, 'Senior officials said the plan was still on the table.']],
    );
    for (const s of data.sources) {
      assert.equal(s.claims, s.claimPlaces.length, s.id);
      for (const c of s.claimPlaces) {
        const text = ARTICLES[c.path];
        assert.equal(shortClaimText(text.slice(c.start, c.end)), c.text, `${s.id} ${c.path}:${c.line}`);
        assert.ok(c.text.length <= CLAIM_TEXT_MAX);
        assert.equal(c.line, text.slice(0, c.start).split('\n').length);
        assert.equal(c.column, c.start - (text.lastIndexOf('\n', c.start - 1) + 1) + 1);
      }
    }
  });

  it('keeps a short text of a long claim, with the offsets of the whole sentence', () => {
    const sentence = `Harbour officials said the new cranes, ${'ordered from three suppliers in two countries and delivered in parts, '.repeat(3)}would double the port's capacity by 2027.`;
    const text = `Cranes arrive\n\n${sentence}\n`;
    const [officials] = sourcesOf({ 'cranes.txt': text }).sources;
    assert.ok(officials, 'a source');
    const [claim] = officials.claimPlaces;
    assert.ok(claim, JSON.stringify(officials));
    assert.equal(text.slice(claim.start, claim.end), sentence);
    assert.equal(claim.text.length, CLAIM_TEXT_MAX);
    assert.ok(claim.text.endsWith('…') && sentence.startsWith(claim.text.slice(0, -1)), claim.text);
  });

  it('leaves a surname alone when two people in the folder share it', () => {
    assert.ok(byLabel('Joe Biden'));
    assert.ok(byLabel('Hunter Biden'));
    assert.equal(byLabel('Biden')?.articles.join(), 'dinner.txt');
  });

  it('finds the same quote given to different speakers in different articles, exact or in other words', () => {
    const pairs = data.sameQuotes.map((p) => [p.a.path, p.a.speaker, p.b.path, p.b.speaker, p.similarity < 1 ? 'edited' : 'same']);
    assert.deepEqual(pairs, [
      ['kremlin.txt', 'a Kremlin security adviser', 'alliance.txt', 'Dmitry Peskov', 'same'],
      ['geneva.txt', 'Dmitry Peskov', 'alliance.txt', 'a NATO official', 'edited'],
    ]);
    // Putin's quote is in two articles with the same speaker: not listed. Each side points at its quote.
    for (const p of data.sameQuotes) for (const side of [p.a, p.b]) assert.ok(ARTICLES[side.path].slice(side.start, side.end).includes(side.text));
    const peskov = data.sources.find((s) => s.label === 'Dmitry Peskov')!;
    assert.equal(peskov.quotes.filter((q) => q.sameQuote !== undefined).length, 2);
  });

  it('does not count the same short quote, nor the same quote in one article', () => {
    assert.ok(!data.sameQuotes.some((p) => /Not today/.test(p.a.text)));
    const one = sourcesOf({ 'one.txt': '"We will not accept terms written in Brussels today," said Ann Lee.\n\n"We will not accept terms written in Brussels today," said Bo Kim.' });
    assert.equal(one.sameQuotes.length, 0);
  });

  it('is the same whatever the order of the articles, up to the order of articles', () => {
    const reversed = sourcesOf(Object.fromEntries(Object.entries(ARTICLES).reverse()));
    const summary = (d: SourcesData) => d.sources.map((s) => `${s.id} ${s.quotes.length} ${s.claims} ${[...s.articles].sort().join('|')}`).sort();
    assert.deepEqual(summary(reversed), summary(data));
    assert.equal(reversed.sameQuotes.length, data.sameQuotes.length);
  });

  it('gives a clear empty result for no articles and for a binary file', () => {
    assert.deepEqual(sourcesOf({}), { version: 1, articles: 0, sources: [], sameQuotes: [] });
    const binary = sourcesOf({ 'x.bin': 'PK\u0003\u0004\u0000\u0000binary' });
    assert.equal(binary.sources.length, 0);
    assert.equal(binary.articles, 1);
  });
});

describe('speaker phrases', () => {
  it('splits a title from a name', () => {
    assert.deepEqual(parseSpeaker('Russian President Vladimir Putin'), [{ name: 'Vladimir Putin', description: 'Russian President' }]);
    assert.deepEqual(parseSpeaker('the urban planner Lia Moreno'), [{ name: 'Lia Moreno', description: 'urban planner' }]);
    assert.deepEqual(parseSpeaker('Councillor Rhea Falk'), [{ name: 'Rhea Falk', description: 'Councillor' }]);
    assert.deepEqual(parseSpeaker('European Commission President Ursula von der Leyen'), [{ name: 'Ursula von der Leyen', description: 'European Commission President' }]);
  });

  it('splits two named speakers', () => {
    assert.deepEqual(parseSpeaker('U.S. Secretary of State James Baker and Soviet leader Mikhail Gorbachev'), [
      { name: 'James Baker', description: 'U.S. Secretary of State' },
      { name: 'Mikhail Gorbachev', description: 'Soviet leader' },
    ]);
  });

  it('keeps descriptions as descriptions', () => {
    assert.deepEqual(parseSpeaker('a Kremlin security adviser'), [{ description: 'a Kremlin security adviser' }]);
    assert.deepEqual(parseSpeaker('officials in Kyiv'), [{ description: 'officials in Kyiv' }]);
    assert.deepEqual(parseSpeaker('they'), []);
    // A lone capitalised word opening a sentence is a name only when the article capitalises it elsewhere.
    assert.deepEqual(parseSpeaker('Opponents', true), [{ description: 'Opponents' }]);
    assert.deepEqual(parseSpeaker('Kremlin', true, (w) => w === 'Kremlin'), [{ name: 'Kremlin' }]);
  });

  it('takes a first name from the text before a surname, but not a preposition that opens the sentence', () => {
    assert.deepEqual(fullNameIn('Anna Shvets, a scholar in Kyiv, spoke first.\n\nShvets said the talks would fail.', 'Shvets'), { name: 'Anna Shvets' });
    assert.equal(fullNameIn('Inside Russia, the mood has darkened.\n\nRussia says the talks have failed.', 'Russia'), undefined);
    assert.equal(fullNameIn('Across Europe, markets fell. Despite Rubio, the vote passed.', 'Rubio'), undefined);
  });
  it('keys names and descriptions so that spellings meet', () => {
    assert.equal(nameKey('Vladimir V. Putin'), nameKey('vladimir putin'));
    assert.equal(nameKey('José Martí'), nameKey('Jose Marti'));
    assert.equal(descriptionKey('Several senior officials'), descriptionKey('senior officials'));
    assert.equal(descriptionKey('a Kremlin security adviser'), 'kremlin security adviser');
    assert.ok(oneEditApart('zelenskyy', 'zelenskiy'));
    assert.ok(oneEditApart('zelensky', 'zelenskyy'));
    assert.ok(!oneEditApart('zelensky', 'zelensky'));
    assert.ok(!oneEditApart('putin', 'patine'));
  });
});

describe('sources export', () => {
  const data = sourcesOf({ 'a,b.txt': '"Prices will rise by 4 percent next year," said Dana "Dee" O’Hara, a trader.\n' });

  it('writes CSV with the shared escaping and a header', () => {
    const csv = sourcesToCsv(data);
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    assert.equal(header, SOURCE_CSV_COLUMNS.join(','));
    assert.equal(rows.length, data.sources.length);
    assert.ok(rows.every((r) => r.includes('"a,b.txt"')), csv);
  });

  it('writes JSON that reads back to the same data, in chunks that join to JSON.stringify\'s text', () => {
    assert.deepEqual(JSON.parse(sourcesToJson(data)), JSON.parse(JSON.stringify(data)));
    assert.equal(sourcesToJson(data), `${JSON.stringify(data, null, 2)}\n`);
    // Enough sources for several chunks, and the empty lists and plain values between them.
    const many: SourcesData = { ...data, sources: Array.from({ length: 400 }, (_, i) => ({ ...data.sources[i % data.sources.length], id: `s${i}`, label: `Source “${i}”\nline` })), sameQuotes: [] };
    const chunks = [...sourcesJsonChunks(many)];
    assert.ok(chunks.length > 1, `${chunks.length} chunk(s)`);
    assert.equal(chunks.join(''), `${JSON.stringify(many, null, 2)}\n`);
  });
});
