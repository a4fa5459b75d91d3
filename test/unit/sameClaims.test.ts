import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, claimsJsonChunks, claimsToCsv, claimsToJson, MAX_ELSEWHERE, SameClaimIndex, withSameClaims, type Claim } from '../../src/core';

const CLI = join(process.cwd(), 'dist/cli.js');

// Our own articles: the same claims in other words, and claims that only look alike.
const WIND = [
  'Wind farm approved',
  '',
  'The regional planning board approved the offshore wind farm near Selby Island on Wednesday, ending a dispute that lasted four years.',
  'The farm will cost 310 million euros, according to the developer’s filing with the board.',
  'The turbines will supply 38 percent of the island’s electricity by 2030, the energy minister said.',
  'The harbour master said the ferry timetable would not change during the construction work.',
].join('\n');
const FLEET = [
  'Ferry fleet to be renewed',
  '',
  // One word changed, one dropped, one added: "wind park", "row that had lasted".
  'The regional planning board approved the offshore wind park near Selby Island on Wednesday, ending a row that had lasted four years.',
  // The same words, other quote marks and punctuation: the same id.
  'The farm will cost 310 million euros, according to the developer\'s filing with the board!',
  // Another figure: another claim.
  'The turbines will supply 36 percent of the island’s electricity by 2030, the energy minister said.',
  // A negation added: another claim.
  'The harbour master said the ferry timetable would change during the construction work, and not for the better.',
].join('\n');
const OTHER = ['Library reopens', '', 'The town library reopened on Monday after a two-year renovation that cost 4 million euros.'].join('\n');

const claimsOf = (text: string) => analyze(text).claims;
const find = (claims: Claim[], fragment: string) => claims.find((c) => c.text.includes(fragment))!;

describe('same claim in other articles', () => {
  const wind = claimsOf(WIND);
  const fleet = claimsOf(FLEET);
  const other = claimsOf(OTHER);
  const index = new SameClaimIndex();
  index.set('wind.txt', wind);
  index.set('fleet.txt', fleet);
  index.set('other.txt', other);

  it('finds a slightly reworded claim by alignment (a word changed, one dropped, one added)', () => {
    const board = find(wind, 'regional planning board');
    const [m] = index.find('wind.txt', board);
    assert.ok(m, 'found');
    assert.equal(m.article, 'fleet.txt');
    assert.equal(m.via, 'aligned');
    assert.match(m.claim.text, /a row that had lasted four years/);
    assert.ok(m.similarity >= 0.85 && m.similarity < 1, String(m.similarity));
    assert.notEqual(m.claim.id, board.id, 'a different id: only alignment finds it');
    // And the other way round.
    assert.deepEqual(index.find('fleet.txt', m.claim).map((x) => x.claim), [board]);
  });

  it('finds the same words by id, whatever the quote marks and punctuation', () => {
    const cost = find(wind, '310 million');
    const [m] = index.find('wind.txt', cost);
    assert.equal(m.via, 'id');
    assert.equal(m.similarity, 1);
    assert.equal(m.claim, find(fleet, '310 million'));
  });

  it('does not take another figure, an added negation or another claim for the same claim', () => {
    assert.deepEqual(index.find('wind.txt', find(wind, '38 percent')), [], 'another percentage');
    assert.deepEqual(index.find('wind.txt', find(wind, 'harbour master')), [], 'a negation added');
    assert.deepEqual(index.find('other.txt', other[0]), []);
  });

  it('matches a claim given by its text, not in the index (a newer analysis of the article)', () => {
    const edited = claimsOf(WIND.replace('on Wednesday', 'on Wednesday evening'));
    const board = find(edited, 'regional planning board');
    assert.deepEqual(index.find('wind.txt', board).map((m) => m.article), ['fleet.txt']);
  });

  it('follows articles being replaced and deleted, and answers like the batch over the same articles', () => {
    const live = new SameClaimIndex();
    live.set('wind.txt', claimsOf('Old headline\n\nNothing in common here at all, not one claim.'));
    live.set('fleet.txt', fleet);
    live.set('gone.txt', wind);
    live.set('other.txt', other);
    live.set('wind.txt', wind);
    live.delete('gone.txt');
    // The batch: one index built over the same articles at once, as the command line builds it.
    const articles = [
      { article: 'wind.txt', claims: wind },
      { article: 'fleet.txt', claims: fleet },
      { article: 'other.txt', claims: other },
    ];
    const whole = new SameClaimIndex();
    for (const a of articles) whole.set(a.article, a.claims);
    const batch = new Map(articles.map((a) => [a.article, a.claims.map((c) => whole.find(a.article, c))]));
    for (const [article, claims] of [['wind.txt', wind], ['fleet.txt', fleet], ['other.txt', other]] as const) {
      claims.forEach((c, i) => assert.deepEqual(live.find(article, c), batch.get(article)![i], `${article} claim ${i}`));
    }
    assert.ok(batch.get('wind.txt')!.some((m) => m.length), 'some matches to compare');
  });

  it('gives a deleted article’s places in the fingerprint index to the next claims, and answers as a fresh index', () => {
    const live = new SameClaimIndex();
    live.set('gone.txt', wind);
    live.set('fleet.txt', fleet);
    live.delete('gone.txt');
    live.set('other.txt', other);
    live.set('wind.txt', wind);
    const fresh = new SameClaimIndex();
    fresh.set('fleet.txt', fleet);
    fresh.set('other.txt', other);
    fresh.set('wind.txt', wind);
    for (const [article, claims] of [['wind.txt', wind], ['fleet.txt', fleet], ['other.txt', other]] as const) {
      claims.forEach((c, i) => assert.deepEqual(live.find(article, c), fresh.find(article, c), `${article} claim ${i}`));
    }
    assert.ok(wind.some((c) => live.find('wind.txt', c).some((m) => m.article === 'fleet.txt' && m.via === 'aligned')), 'an aligned match to compare');
  });

  it('finds every article holding an id through many articles set, replaced and deleted, whatever form the ids take', () => {
    // Short claims (matched only by id), ids from a small set so that many articles share each; some ids not of
    // analyze()'s form. What the index answers is compared with the articles themselves.
    const idOf = (n: number) => (n % 7 === 0 ? `other id ${n % 5}` : `c${((n * 2654435761) >>> 0).toString(16).padStart(8, '0')}`);
    const claimOf = (n: number, repeat: number): Claim => ({ ...other[0], id: `${idOf(n)}${repeat > 1 ? `-${repeat}` : ''}`, text: `Claim ${n}.` });
    const articles = new Map<string, Claim[]>();
    const index = new SameClaimIndex();
    let seed = 12345;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let step = 0; step < 3000; step++) {
      const name = `a${random(300)}.txt`;
      if (random(4) === 0) {
        index.delete(name);
        articles.delete(name);
      } else {
        const claims = Array.from({ length: 1 + random(6) }, () => random(120)).map((n, i, all) => claimOf(n, all.slice(0, i + 1).filter((m) => m === n).length));
        index.set(name, claims);
        articles.set(name, claims);
      }
    }
    const baseOf = (id: string) => id.replace(/-\d+$/, '');
    let matches = 0;
    for (const [name, claims] of articles) {
      for (const claim of claims) {
        const expected = [...articles]
          .filter(([other, theirs]) => other !== name && theirs.some((c) => baseOf(c.id) === baseOf(claim.id)))
          .map(([other, theirs]) => ({ article: other, index: theirs.findIndex((c) => baseOf(c.id) === baseOf(claim.id)) }))
          .sort((x, y) => (x.article < y.article ? -1 : 1));
        const found = index.find(name, claim);
        assert.deepEqual(found.map((m) => ({ article: m.article, index: m.index })), expected, `${name} ${claim.id}`);
        assert.ok(found.every((m) => m.via === 'id' && m.claim === articles.get(m.article)![m.index]));
        matches += found.length;
      }
    }
    assert.ok(matches > 1000, `many matches to compare (${matches})`);
  });

  it('reports the same matches from the command line as from the core API (what the extension calls)', function () {
    this.timeout(20000);
    assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
    const dir = mkdtempSync(join(tmpdir(), 'seed-same-claims-'));
    try {
      mkdirSync(join(dir, 'articles'));
      const files = { 'articles/010_wind.txt': WIND, 'articles/011_fleet.txt': FLEET, 'articles/012_other.txt': OTHER };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      // The core API over the same texts, as the extension's Claims view asks it (SameClaimIndex.find).
      const core = new SameClaimIndex();
      const analysed = Object.entries(files).map(([path, text]) => ({ path, text, claims: claimsOf(text) }));
      for (const a of analysed) core.set(a.path, a.claims);
      const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
      const expected = analysed.flatMap((a) =>
        a.claims.map((c) => ({
          path: a.path,
          id: c.id,
          elsewhere: core.find(a.path, c).map((m) => ({ path: m.article, line: lineOf(files[m.article as keyof typeof files], m.claim.start), id: m.claim.id, similarity: m.similarity })),
        })),
      );
      assert.ok(expected.filter((e) => e.elsewhere.length).length >= 4, 'the fixture has matches both ways');
      for (const jobs of ['1', '2']) {
        const r = spawnSync(process.execPath, [CLI, 'claims', '--format', 'json', '--jobs', jobs, 'articles'], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        const rows = JSON.parse(r.stdout).claims as Array<{ path: string; id: string; elsewhere: unknown[] }>;
        assert.deepEqual(rows.map((row) => ({ path: row.path, id: row.id, elsewhere: row.elsewhere })), expected, `--jobs ${jobs}`);
      }
      // CSV: the other copies as path:line.
      const csv = spawnSync(process.execPath, [CLI, 'claims', 'articles'], { cwd: dir, encoding: 'utf8' }).stdout;
      assert.match(csv.split('\r\n')[0], /,entities,elsewhere$/);
      assert.ok(csv.includes('articles/011_fleet.txt:3'), csv);
      assert.equal(readFileSync(join(dir, 'articles/010_wind.txt'), 'utf8'), WIND);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('withSameClaims fills in every row, pointing at the other rows', () => {
    const rows = [...wind.map((claim, i) => ({ path: 'w', line: i + 3, claim })), ...fleet.map((claim, i) => ({ path: 'f', line: i + 3, claim }))];
    const out = withSameClaims(rows);
    assert.equal(out.length, rows.length);
    const board = out.find((r) => r.claim === find(wind, 'regional planning board'))!;
    assert.deepEqual(board.elsewhere!.map((e) => [e.path, e.line]), [['f', 3]]);
    assert.ok(out.every((r) => Array.isArray(r.elsewhere)));
  });

  it('lists at most MAX_ELSEWHERE other articles per claim, the first by path, and counts the rest', () => {
    // The same stock sentence in 30 articles: each copy has 29 others.
    const rows = Array.from({ length: 30 }, (_, i) => ({ path: `a${String(i).padStart(2, '0')}`, line: 3, claim: wind[0] }));
    const out = withSameClaims(rows);
    assert.equal(MAX_ELSEWHERE, 20);
    for (const [k, r] of out.entries()) {
      assert.equal(r.elsewhere!.length, MAX_ELSEWHERE);
      assert.equal(r.elsewhereCount, 29);
      assert.deepEqual(r.elsewhere!.map((e) => e.path), rows.map((x) => x.path).filter((_, i) => i !== k).slice(0, MAX_ELSEWHERE));
    }
    const few = withSameClaims(rows.slice(0, 3));
    assert.ok(few.every((r) => r.elsewhere!.length === 2 && r.elsewhereCount === undefined));
    const csv = claimsToCsv(out);
    assert.match(csv.split('\r\n')[1], /;a20:3;\+9 more$/);
    const json = claimsToJson(out);
    assert.equal(JSON.parse(json).claims[0].elsewhereCount, 29);
    // Written in chunks, laid out exactly as JSON.stringify(…, null, 2) lays it out.
    assert.equal(json, `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    assert.ok([...claimsJsonChunks(out)].length > 1);
  });
});
