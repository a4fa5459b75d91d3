// The sourcing report: one self-contained HTML page (no network, no external file, charts as inline SVG) for a
// folder of articles, readable in light and dark (prefers-color-scheme) and, in a webview, in the VS Code theme's
// colours. Every name and text from the articles is escaped. Links to articles, quotes and sources carry data
// attributes (data-path, data-start, data-end, data-source) so a webview can ask the editor to reveal them.
import type { ArticleDigest } from '../sources/digest';
import type { Source, SourcesData } from '../sources/build';
import { escapeHtml as h } from './escape';
import { articleWeight, folderStats, type ArticleRow, type FolderStats } from './stats';
import { barChart, histogram, percent, shareBar, shorten } from './svg';
import { REPORT_CSS, WEBVIEW_SCRIPT } from './style';

export interface ReportOptions {
  title?: string;
  /** A line under the title: what was read ("articles/, 3 paths"). */
  subtitle?: string;
  /** When the report was made, as text (left out by default so the same folder gives the same bytes). */
  generated?: string;
  /** Articles that get their own section (the most quoted and claimed first; the rest are rows of the table). */
  maxSections?: number;
  /** Rows of the article table; more articles are counted in a note. */
  maxTableRows?: number;
  /** Rows of the sources table. */
  maxSources?: number;
  /** For a webview: the Content-Security-Policy and the nonce of the page's style and script (the script posts clicks). */
  webview?: { csp: string; nonce: string };
}

export const REPORT_LIMITS = { maxSections: 200, maxTableRows: 12000, maxSources: 300, topSources: 15, duplicatePairs: 100, sameQuotes: 200, quotesPerSection: 60 } as const;

const TONE = { named: 'tone-named', anonymous: 'tone-anonymous', described: 'tone-described' } as const;
const KIND_LABEL = { named: 'named', anonymous: 'anonymous', described: 'described, not named' } as const;

const n = (x: number) => x.toLocaleString('en-US');
/** "1 quote", "3 quotes" (and "1 passage", "2 passages"). */
const count = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

function articleLink(path: string, anchor: string | undefined, text = path): string {
  return `<a${anchor ? ` href="#${anchor}"` : ''} class="article-link" data-path="${h(path)}">${h(text)}</a>`;
}

function quoteLink(path: string, start: number, end: number, anchor: string, text: string): string {
  return `<a href="#${anchor}" class="quote-link" data-path="${h(path)}" data-start="${start}" data-end="${end}">${h(text)}</a>`;
}

function sourceLink(s: Source, anchors: Map<string, string>): string {
  const anchor = anchors.get(s.id);
  return `<a${anchor ? ` href="#${anchor}"` : ''} class="source-link" data-source="${h(s.id)}">${h(s.label)}</a>`;
}

/** The whole page. */
export function buildReportHtml(digests: readonly ArticleDigest[], sources: SourcesData, options: ReportOptions = {}): string {
  const limits = { ...REPORT_LIMITS, ...stripUndefined({ maxSections: options.maxSections, maxTableRows: options.maxTableRows, maxSources: options.maxSources }) };
  const title = options.title ?? 'Sourcing report';
  const stats = folderStats(digests, sources);
  const body: string[] = [];
  body.push(`<header><h1>${h(title)}</h1>${options.subtitle ? `<p class="muted">${h(options.subtitle)}</p>` : ''}${options.generated ? `<p class="muted">Made ${h(options.generated)}</p>` : ''}</header>`);
  if (!digests.length) {
    body.push('<p class="empty" id="empty">No articles found: the folder has no <code>.txt</code>, <code>.seed</code> or <code>.md</code> files (or the configuration excludes them).</p>');
    return page(title, body.join(''), options);
  }
  if (stats.skipped === stats.articles) {
    body.push(`<p class="empty" id="empty">None of the ${count(stats.articles, 'file')} could be analysed: ${stats.articles === 1 ? 'it looks' : 'they look'} binary or unreadable.</p>`);
    body.push(articleTable(stats.rows, new Map(), limits.maxTableRows));
    return page(title, body.join(''), options);
  }

  // Which articles get a section: the heaviest, up to the limit, shown in input order.
  const withSection = new Set(
    [...stats.rows]
      .filter((r) => !r.skipped)
      .sort((a, b) => articleWeight(b) - articleWeight(a) || a.index - b.index)
      .slice(0, limits.maxSections)
      .map((r) => r.index),
  );
  const articleAnchors = new Map<number, string>([...withSection].map((i) => [i, `article-${i}`]));
  const shownSources = sources.sources.slice(0, limits.maxSources);
  const sourceAnchors = new Map(shownSources.map((s, i) => [s.id, `source-${i}`]));

  body.push('<nav class="toc"><a href="#folder">Folder</a> · <a href="#sources">Sources</a> · <a href="#same-quotes">Same quote, other speaker</a> · <a href="#duplicates">Duplicate passages</a> · <a href="#articles">Articles</a></nav>');
  body.push(folderSection(stats, sources, sourceAnchors));
  body.push(sourcesSection(sources, shownSources, sourceAnchors));
  body.push(sameQuotesSection(sources, digests, articleAnchors));
  body.push(duplicatesSection(stats, digests, articleAnchors));
  body.push(`<section id="articles"><h2>Articles</h2>${articleTable(stats.rows, articleAnchors, limits.maxTableRows)}`);
  const rest = stats.rows.filter((r) => !r.skipped).length - withSection.size;
  if (rest > 0) body.push(`<p class="note">${n(withSection.size)} articles with the most quotes, claims and problems have a section below; the other ${n(rest)} are in the table only (run the report on a smaller folder for theirs).</p>`);
  const bySource = sourcesByArticleQuote(sources);
  for (const r of stats.rows) if (withSection.has(r.index)) body.push(articleSection(digests[r.index], r, bySource, sourceAnchors));
  body.push('</section>');
  return page(title, body.join(''), options);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function figure(label: string, value: string): string {
  return `<div class="figure"><div class="figure-value">${value}</div><div class="figure-label">${h(label)}</div></div>`;
}

function folderSection(stats: FolderStats, sources: SourcesData, anchors: Map<string, string>): string {
  const out: string[] = ['<section id="folder"><h2>Folder</h2><div class="figures">'];
  out.push(figure('articles', n(stats.articles - stats.skipped)));
  if (stats.skipped) out.push(figure('files skipped', n(stats.skipped)));
  out.push(figure('quotes', n(stats.quotes)));
  out.push(figure('attributed', percent(stats.attributed, stats.quotes)));
  out.push(figure('anonymous', percent(stats.anonymous, stats.quotes)));
  out.push(figure('unattributed', percent(stats.unattributed, stats.quotes)));
  out.push(figure('sources', n(sources.sources.length)));
  out.push(figure('claims', n(stats.claims)));
  out.push(figure('same quote, other speaker', n(sources.sameQuotes.length)));
  // Two figures, not one: a passage copied inside one article is a different defect from one shared by two articles.
  out.push(figure('passages repeated across articles', n(stats.duplicatePairs.length)));
  out.push(figure('passages repeated inside an article', n(stats.repeatsInside)));
  out.push('</div>');
  out.push('<h3>Quotes by attribution</h3>');
  out.push(
    shareBar('Quotes by attribution', [
      { label: 'attributed', value: stats.attributed, tone: 'tone-named' },
      { label: 'anonymous', value: stats.anonymous, tone: 'tone-anonymous' },
      { label: 'unattributed', value: stats.unattributed, tone: 'tone-unattributed' },
    ]),
  );
  out.push(`<p class="muted">${count(stats.scareQuotes, 'scare quote')} ${stats.scareQuotes === 1 ? 'is' : 'are'} not counted as quotes. Sources: ${n(stats.sources.named)} named, ${n(stats.sources.anonymous)} anonymous, ${n(stats.sources.described)} described but not named.</p>`);
  const top = sources.sources.slice(0, REPORT_LIMITS.topSources);
  out.push('<h3>Top sources (quotes and claims)</h3>');
  out.push(
    top.length
      ? barChart(
          'Top sources by quotes and claims',
          top.map((s) => ({ label: s.label, value: s.quotes.length + s.claims, tone: TONE[s.kind], href: anchors.has(s.id) ? `#${anchors.get(s.id)}` : undefined, data: { source: s.id } })),
        )
      : '<p class="muted">No quoted or cited source.</p>',
  );
  out.push('<p class="legend"><span class="swatch tone-named"></span>named <span class="swatch tone-anonymous"></span>anonymous <span class="swatch tone-described"></span>described, not named</p>');
  out.push('<h3>Claims by type</h3>');
  out.push(barChart('Claims by type', stats.claimsByType.map((c) => ({ label: c.type, value: c.count, tone: 'tone-a' })), { labelWidth: 120 }));
  out.push(`<p class="muted">A claim can have several types. ${n(stats.ownClaims)} of ${n(stats.claims)} claims are the articles' own assertions (no speaker).</p>`);
  out.push('<h3>Check-worthiness scores</h3>');
  const labels = stats.scoreHistogram.map((_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`);
  out.push(histogram('Claims by check-worthiness score', stats.scoreHistogram, labels));
  out.push('</section>');
  return out.join('');
}

function sourcesSection(sources: SourcesData, shown: readonly Source[], anchors: Map<string, string>): string {
  const out: string[] = ['<section id="sources"><h2>Sources</h2>'];
  if (!shown.length) return out.join('') + '<p class="muted">No article quotes or cites a source.</p></section>';
  out.push('<table><thead><tr><th>Source</th><th>Kind</th><th class="num">Quotes</th><th class="num">Claims</th><th class="num">Articles</th><th>Described as</th></tr></thead><tbody>');
  for (const s of shown) {
    const flagged = s.quotes.some((q) => q.sameQuote !== undefined) ? ' <span class="mark" title="The same quote is given to another speaker elsewhere">same quote elsewhere</span>' : '';
    out.push(`<tr id="${anchors.get(s.id)}"><td>${sourceLink(s, anchors)}${flagged}</td><td><span class="swatch ${TONE[s.kind]}"></span>${KIND_LABEL[s.kind]}</td><td class="num">${s.quotes.length}</td><td class="num">${s.claims}</td><td class="num">${s.articles.length}</td><td>${h(s.descriptions.join('; '))}</td></tr>`);
  }
  out.push('</tbody></table>');
  if (sources.sources.length > shown.length) out.push(`<p class="note">The ${n(shown.length)} sources quoted or cited most are listed; ${n(sources.sources.length - shown.length)} more are in <code>seed-annotator sources</code>.</p>`);
  out.push('</section>');
  return out.join('');
}

function sameQuotesSection(sources: SourcesData, digests: readonly ArticleDigest[], anchors: Map<number, string>): string {
  const out: string[] = ['<section id="same-quotes"><h2>The same quote, another speaker</h2>'];
  if (!sources.sameQuotes.length) return out.join('') + '<p class="muted">No quote is given to different speakers in different articles.</p></section>';
  const indexOf = new Map(digests.map((d, i) => [d.path, i]));
  const side = (s: SourcesData['sameQuotes'][number]['a']) => {
    const i = indexOf.get(s.path) ?? -1;
    return `${quoteLink(s.path, s.start, s.end, anchors.get(i) ?? 'same-quotes', `“${shorten(s.text, 140)}”`)}<br><span class="muted">${h(s.speaker)}, ${articleLink(s.path, anchors.get(i), `${s.path}:${s.line}`)}</span>`;
  };
  out.push('<table><thead><tr><th>Quote</th><th>Also given as</th><th class="num">Similarity</th></tr></thead><tbody>');
  for (const p of sources.sameQuotes.slice(0, REPORT_LIMITS.sameQuotes)) out.push(`<tr><td>${side(p.a)}</td><td>${side(p.b)}</td><td class="num">${Math.round(p.similarity * 100)}%</td></tr>`);
  out.push('</tbody></table>');
  if (sources.sameQuotes.length > REPORT_LIMITS.sameQuotes) out.push(`<p class="note">${n(sources.sameQuotes.length - REPORT_LIMITS.sameQuotes)} more in <code>seed-annotator sources --format json</code>.</p>`);
  return out.join('') + '</section>';
}

function duplicatesSection(stats: FolderStats, digests: readonly ArticleDigest[], anchors: Map<number, string>): string {
  const out: string[] = ['<section id="duplicates"><h2>Duplicate passages across articles</h2>'];
  const inside = `<p class="muted">${stats.repeatsInside === 1 ? '1 passage is' : `${n(stats.repeatsInside)} passages are`} repeated inside an article (each later copy counted once); List Duplicate Passages and <code>seed-annotator duplicates</code> list them.</p>`;
  if (!stats.duplicatePairs.length) return out.join('') + '<p class="muted">No passage of 40 words or more appears in two articles.</p>' + inside + '</section>';
  const indexOf = new Map(digests.map((d, i) => [d.path, i]));
  const end = (e: { path: string; start: number; end: number; line: number }) => {
    const i = indexOf.get(e.path) ?? -1;
    return `<a${anchors.has(i) ? ` href="#${anchors.get(i)}"` : ''} class="quote-link" data-path="${h(e.path)}" data-start="${e.start}" data-end="${e.end}">${h(e.path)}:${e.line}</a>`;
  };
  out.push('<table><thead><tr><th>Passage</th><th>Also in</th><th class="num">Words</th><th class="num">Similarity</th></tr></thead><tbody>');
  for (const p of stats.duplicatePairs.slice(0, REPORT_LIMITS.duplicatePairs)) out.push(`<tr><td>${end(p.a)}</td><td>${end(p.b)}</td><td class="num">${p.words}</td><td class="num">${Math.round(p.similarity * 100)}%</td></tr>`);
  out.push('</tbody></table>');
  if (stats.duplicatePairs.length > REPORT_LIMITS.duplicatePairs) out.push(`<p class="note">The ${REPORT_LIMITS.duplicatePairs} longest are listed; ${n(stats.duplicatePairs.length - REPORT_LIMITS.duplicatePairs)} more in <code>seed-annotator analyze --format json</code>.</p>`);
  return out.join('') + inside + '</section>';
}

function articleTable(rows: readonly ArticleRow[], anchors: Map<number, string>, maxRows: number): string {
  const out: string[] = ['<table class="articles"><thead><tr><th>Article</th><th class="num">Quotes</th><th class="num">Attributed</th><th class="num">Anonymous</th><th class="num">Unattributed</th><th class="num">Sources</th><th class="num">Claims</th><th class="num">Problems</th><th class="num">Repeated across</th><th class="num">Repeated inside</th></tr></thead><tbody>'];
  for (const r of rows.slice(0, maxRows)) {
    if (r.skipped) {
      out.push(`<tr><td>${articleLink(r.path, undefined)}</td><td colspan="9" class="muted">${h(r.skipped)}</td></tr>`);
      continue;
    }
    // The largest part of a big report: numeric cells are right-aligned by the table's CSS, not a class each.
    out.push(`<tr><td>${articleLink(r.path, anchors.get(r.index))}</td><td>${r.quotes}</td><td>${r.attributed}</td><td>${r.anonymous}</td><td>${r.unattributed}</td><td>${r.sources}</td><td>${r.claims}</td><td>${r.problems}</td><td>${r.duplicates}</td><td>${r.repeatsInside}</td></tr>`);
  }
  out.push('</tbody></table>');
  if (rows.length > maxRows) out.push(`<p class="note">The first ${n(maxRows)} of ${n(rows.length)} articles are listed.</p>`);
  return out.join('');
}

/** For each article path and quote start, the corpus source (to link an article's quotes to the sources table). */
function sourcesByArticleQuote(sources: SourcesData): Map<string, Source> {
  const out = new Map<string, Source>();
  for (const s of sources.sources) for (const q of s.quotes) if (!out.has(`${q.path}\u0000${q.start}`)) out.set(`${q.path}\u0000${q.start}`, s);
  return out;
}

function articleSection(d: ArticleDigest, r: ArticleRow, bySource: Map<string, Source>, anchors: Map<string, string>): string {
  const anchor = `article-${r.index}`;
  const out: string[] = [`<article id="${anchor}"><h3>${articleLink(d.path, anchor)}</h3>`];
  out.push(`<p class="row-figures">${count(r.quotes, 'quote')}: ${r.attributed} attributed, ${r.anonymous} anonymous, ${r.unattributed} unattributed · ${count(r.sources, 'source')} · ${count(r.claims, 'claim')} · ${count(r.problems, 'problem')} · ${count(r.duplicates, 'passage')} repeated in other articles · ${count(r.repeatsInside, 'passage')} repeated inside</p>`);
  if (d.quotes.length) {
    out.push('<ol class="quotes">');
    for (const q of d.quotes.slice(0, REPORT_LIMITS.quotesPerSection)) {
      const s = bySource.get(`${d.path}\u0000${q.start}`);
      const who = q.status === 'unattributed' ? '<span class="status-unattributed">no speaker</span>' : s ? sourceLink(s, anchors) : h(q.speaker ?? '');
      out.push(`<li>${quoteLink(d.path, q.start, q.end, anchor, `“${shorten(q.text, 200)}”`)} <span class="muted">line ${q.line}</span> — ${who}${q.status === 'anonymous' ? ' <span class="tag">anonymous</span>' : ''}</li>`);
    }
    out.push('</ol>');
    if (d.quotes.length > REPORT_LIMITS.quotesPerSection) out.push(`<p class="note">${count(d.quotes.length - REPORT_LIMITS.quotesPerSection, 'more quote')} in this article.</p>`);
  }
  out.push('</article>');
  return out.join('');
}

function page(title: string, body: string, options: ReportOptions): string {
  const w = options.webview;
  const nonce = w ? ` nonce="${h(w.nonce)}"` : '';
  const csp = w ? w.csp : "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${h(title)}</title>`,
    `<style${nonce}>${REPORT_CSS}</style>`,
    `</head><body${w ? ' class="webview"' : ''}>`,
    body,
    w ? `<script${nonce}>${WEBVIEW_SCRIPT}</script>` : '',
    '</body></html>\n',
  ].join('');
}
