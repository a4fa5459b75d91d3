// The Sources data as the command line writes it: JSON (every field) and CSV (one row per source).
import { toCsv } from '../export';
import type { SourcesData } from './build';

export const SOURCE_CSV_COLUMNS = ['id', 'kind', 'label', 'descriptions', 'quotes', 'claims', 'articles', 'paths', 'sameQuoteElsewhere'] as const;

export function sourcesToJson(data: SourcesData): string {
  return [...sourcesJsonChunks(data)].join('');
}

/** Text of about this many characters per chunk. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The same text as sourcesToJson (JSON.stringify(data, null, 2) and a newline), in chunks of about 64 K characters:
 * the folder's whole JSON is tens of megabytes (41 MB for 10,000 articles), and held as one string, then as the
 * bytes written, it raised the command's peak by more than it holds for everything else.
 */
export function* sourcesJsonChunks(data: SourcesData): Generator<string> {
  let chunk = '{';
  let first = true;
  for (const [key, value] of Object.entries(data) as Array<[string, unknown]>) {
    if (value === undefined || typeof value === 'function') continue;
    chunk += `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!Array.isArray(value) || !value.length) {
      chunk += JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
      continue;
    }
    chunk += '[';
    for (let i = 0; i < value.length; i++) {
      // Strings in JSON escape their newlines, so every raw newline is indentation's, one level deeper here.
      chunk += `${i ? ',' : ''}\n    ${(JSON.stringify(value[i], null, 2) ?? 'null').replace(/\n/g, '\n    ')}`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += '\n  ]';
  }
  yield `${chunk}\n}\n`;
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
