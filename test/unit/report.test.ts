import assert from 'node:assert/strict';
import { analyze, buildReportHtml, buildSources, digestArticle, escapeHtml, folderStats, type ArticleDigest } from '../../src/core';

const HOSTILE = 'Dana <img src=x onerror=alert(1)> "Dee" O’Hara & Sons';

/** A digest as digestArticle makes it, for articles too many to analyse in a unit test. */
function syntheticDigest(i: number, speakers: string[]): ArticleDigest {
  const quotes = speakers.map((speaker, q) => ({
    start: q * 100,
    end: q * 100 + 60,
    line: q + 3,
    column: 1,
    text: `Quote number ${q} of article ${i}, with words enough to count`,
    kind: 'direct' as const,
    status: q % 5 === 4 ? ('unattributed' as const) : ('attributed' as const),
    ...(q % 5 === 4 ? {} : { speaker }),
    sources: q % 5 === 4 ? [] : [q],
  }));
  return {
    path: `corpus/${String(i).padStart(5, '0')}_article.txt`,
    length: 5000,
    notices: [],
    quotes,
    scareQuotes: 1,
    sources: speakers.map((label, q) => ({ kind: 'named' as const, key: label.toLowerCase(), label, descriptions: ['Minister'], surnameOnly: false, quotes: q % 5 === 4 ? [] : [q], claims: 2, claimPlaces: [2 * q, 2 * q + 1] })),
    reportedClaims: speakers.flatMap((_, q) => [0, 1].map((k) => ({ start: 2000 + q * 100 + k * 50, end: 2040 + q * 100 + k * 50, line: 20 + q * 2 + k, column: 1, text: `Claim ${k} of speaker ${q}` }))),
    claims: { total: 30, byType: { statement: 20, statistic: 6, opinion: 4 }, scoreHistogram: [5, 5, 4, 4, 3, 3, 2, 2, 1, 1], own: 12 },
    findings: { error: 0, warning: 2, information: 3, hint: 1 },
    findingsByRule: { 'unattributed-quote': 2 },
    repeatsInside: i % 10 === 5 ? 1 : 0,
    duplicates: i % 10 === 0 ? [{ start: 0, end: 400, line: 3, words: 60, similarity: 0.95, other: { path: `corpus/${String(i + 1).padStart(5, '0')}_article.txt`, start: 10, end: 410, line: 4 } }] : [],
  };
}

describe('sourcing report', () => {
  it('escapes names, paths and quotes from the articles everywhere', () => {
    const digest = syntheticDigest(0, [HOSTILE, 'Ann <Lee>', 'Bo & Co']);
    digest.path = 'news/<b>"bold"&\'.txt';
    const html = buildReportHtml([digest], buildSources([digest]));
    assert.ok(!html.includes('<img'), 'a raw <img> tag');
    assert.ok(!html.includes('<b>"bold"'));
    assert.ok(!html.includes('<Lee>'));
    assert.ok(html.includes(escapeHtml(HOSTILE)));
    assert.ok(html.includes('news/&lt;b&gt;&quot;bold&quot;&amp;&#39;.txt'));
    // The only tags are the report's own.
    const tags = new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase()));
    for (const t of tags) assert.ok(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'nav', 'a', 'section', 'div', 'svg', 'rect', 'text', 'line', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'code', 'br', 'article', 'ol', 'li'].includes(t), `unexpected <${t}>`);
  });

  it('is self-contained: no script, no external resource, a CSP that forbids the network', () => {
    const digest = syntheticDigest(1, ['Ann Lee', 'Bo Kim']);
    const html = buildReportHtml([digest], buildSources([digest]));
    assert.ok(!/<script/i.test(html));
    assert.ok(!/(?:src|href)="(?:https?:)?\/\//i.test(html));
    assert.match(html, /http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.match(html, /prefers-color-scheme: dark/);
    assert.match(html, /var\(--vscode-editor-background/);
  });

  it('in a webview, carries the CSP and nonce it is given and a script that posts clicks', () => {
    const digest = syntheticDigest(1, ['Ann Lee']);
    const html = buildReportHtml([digest], buildSources([digest]), { webview: { csp: "default-src 'none'; script-src 'nonce-abc'", nonce: 'abc' } });
    assert.match(html, /<script nonce="abc">[^<]*acquireVsCodeApi/);
    assert.match(html, /<style nonce="abc">/);
    assert.match(html, /data-path="corpus\/00001_article.txt" data-start="0" data-end="60"/);
    assert.match(html, /data-source="named:ann lee"/);
  });

  it('draws the folder figures from real analyses: quote shares, top sources, claims by type, scores, a row per article', () => {
    const texts: Record<string, string> = {
      'a.txt': 'Port reopens\n\nBy Maren Solberg\n“Nobody asked the people who work on the docks before the ships came back.”\n"The port will reopen on Monday for all ships," said harbour master Ines Vidal.\n"Nobody told us anything at all," a dock worker said, speaking on condition of anonymity.\n',
      'b.txt': 'Ships return\n\n"Traffic is back to 80 percent of normal," Vidal said on Tuesday.\n',
    };
    const digests = Object.entries(texts).map(([p, t]) => digestArticle(p, t, analyze(t)));
    const sources = buildSources(digests);
    const stats = folderStats(digests, sources);
    assert.deepEqual([stats.quotes, stats.attributed, stats.anonymous, stats.unattributed], [4, 2, 1, 1]);
    const html = buildReportHtml(digests, sources);
    assert.match(html, /<svg[^>]*aria-label="Quotes by attribution"/);
    assert.match(html, /<svg[^>]*aria-label="Top sources by quotes and claims"/);
    assert.match(html, /<svg[^>]*aria-label="Claims by type"/);
    assert.match(html, /<svg[^>]*aria-label="Claims by check-worthiness score"/);
    // Ines Vidal is one source across both articles, first in the chart.
    assert.match(html, /data-source="named:ines vidal">Ines Vidal</);
    assert.equal(sources.sources[0].label, 'Ines Vidal');
    assert.equal(sources.sources[0].articles.length, 2);
    for (const p of Object.keys(texts)) assert.match(html, new RegExp(`<a href="#article-\\d" class="article-link" data-path="${p}">${p}</a></td>`));
  });

  it('counts a passage repeated inside an article apart from those repeated across articles, and says which is which', () => {
    const passage =
      'The harbour board met behind closed doors on Friday and agreed to lease the old grain silos to a start-up that ' +
      'wants to turn them into a vertical farm, with lettuce and herbs grown under lamps for the restaurants along the ' +
      'quay, a plan that several members had opposed for months because of the noise from the cooling fans.';
    const texts: Record<string, string> = {
      'repeat.txt': ['Silos leased', passage, 'Ferry tickets will cost four percent more this summer, the operator announced.', passage].join('\n'),
      'other.txt': 'Beach cleaned\n\nVolunteers collected forty bags of plastic on Sunday, most of it fishing line.\n',
    };
    const digests = Object.entries(texts).map(([p, t]) => digestArticle(p, t, analyze(t)));
    const stats = folderStats(digests, buildSources(digests));
    assert.equal(stats.repeatsInside, 1);
    assert.equal(stats.duplicatePairs.length, 0);
    assert.deepEqual(stats.rows.map((r) => [r.path, r.duplicates, r.repeatsInside]), [['repeat.txt', 0, 1], ['other.txt', 0, 0]]);
    const html = buildReportHtml(digests, buildSources(digests));
    const figure = (label: string) => new RegExp(`<div class="figure-value">([^<]*)</div><div class="figure-label">${label}</div>`).exec(html)?.[1];
    assert.equal(figure('passages repeated across articles'), '0');
    assert.equal(figure('passages repeated inside an article'), '1');
    assert.match(html, /1 passage is repeated inside an article/);
    assert.ok(!html.includes('>duplicate passages<'), 'a figure that does not say what it counts');
  });

  it('says so for an empty folder and for a folder of binary files', () => {
    assert.match(buildReportHtml([], buildSources([])), /No articles found/);
    const binary = digestArticle('x.txt', '', { version: 1, length: 0, paragraphs: [], quotes: [], findings: [], claims: [], duplicates: [], tokens: [], notices: ['skipped: looks like a binary file'] });
    const html = buildReportHtml([binary], buildSources([binary]));
    assert.match(html, /None of the 1 file could be analysed: it looks binary/);
    assert.match(html, /data-path="x.txt">x.txt<\/a><\/td><td colspan="9" class="muted">skipped: looks like a binary file/);
  });

  it('stays under 5 MB for 10,000 articles: a row for each, sections for the top ones and a note about the rest', function () {
    this.timeout(60000);
    const digests: ArticleDigest[] = [];
    for (let i = 0; i < 10000; i++) digests.push(syntheticDigest(i, Array.from({ length: 12 }, (_, q) => `Speaker ${(i * 7 + q) % 3000} Surname${q}`)));
    const html = buildReportHtml(digests, buildSources(digests));
    const bytes = Buffer.byteLength(html);
    assert.ok(bytes < 5 * 1024 * 1024, `${(bytes / 1e6).toFixed(2)} MB`);
    assert.equal((html.match(/class="article-link"/g) ?? []).length >= 10000, true);
    assert.equal((html.match(/<article id=/g) ?? []).length, 200);
    assert.match(html, /the other 9,800 are in the table only/);
  });
});
