// The Sources data as the command line writes it: JSON (every field) and CSV (one row per source).
import { jsonChunks, toCsv } from '../export';
import type { SourcesData } from './build';

export const SOURCE_CSV_COLUMNS = ['id', 'kind', 'label', 'descriptions', 'quotes', 'claims', 'articles', 'paths', 'sameQuoteElsewhere'] as const;

export function sourcesToJson(data: SourcesData): string {
  return [...sourcesJsonChunks(data)].join('');
}

/** sourcesToJson's text in chunks (see jsonChunks): the folder's whole JSON is 41 MB for 10,000 articles. */
export function sourcesJsonChunks(data: SourcesData): Generator<string> {
  return jsonChunks({ ...data });
}

/**
 * One row per source. `paths`: its articles, separated by `;`. `sameQuoteElsewhere`: for each of its quotes also given
 * to another source, `path:line=other speaker@other path:line`, separated by `;`.
 */
export function sourcesToCsv(data: SourcesData): string {
  const rows: Array<Array<string | number>> = [[...SOURCE_CSV_COLUMNS]];
  for (const s of data.sources) {
    const same: string[] = [];
    for (const q of s.quotes) {
      if (q.sameQuote === undefined) continue;
      const pair = data.sameQuotes[q.sameQuote];
      const other = pair.a.path === q.path && pair.a.start === q.start ? pair.b : pair.a;
      same.push(`${q.path}:${q.line}=${other.speaker}@${other.path}:${other.line}`);
    }
    rows.push([s.id, s.kind, s.label, s.descriptions.join(';'), s.quotes.length, s.claims, s.articles.length, s.articles.join(';'), same.join(';')]);
  }
  return toCsv(rows);
}
