// Claims as CSV (RFC 4180, one row per claim, every field) and JSON, for the CLI and the extension's export.
import { stringify } from 'csv-stringify/sync';
import { plainClaim } from './packedClaims';
import type { Claim } from './claims';

export const CLAIM_CSV_COLUMNS = ['path', 'id', 'line', 'start', 'end', 'text', 'speaker', 'speakerKind', 'cue', 'types', 'score', 'reasons', 'hedges', 'numbers', 'dates', 'entities', 'elsewhere'] as const;

/**
 * Rows as RFC 4180 CSV (fields quoted when they need it, CRLF line ends), through csv-stringify: every CSV export
 * goes through here. A text cell beginning with =, +, -, @, a tab or a carriage return gets a leading ' (an
 * article's words must not run as a spreadsheet formula when the export is opened); numbers are left as they are.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return stringify(rows as Array<Array<string | number>>, { record_delimiter: 'windows', quoted_match: /[\r\n]/, escape_formulas: true });
}

/** The same claim in another article (see sameClaims.ts). */
export interface ClaimElsewhere {
  path: string;
  line: number;
  id: string;
  similarity: number;
}

export interface ClaimRow {
  path: string;
  line: number;
  claim: Claim;
  /** The same claim in other articles, when known (at most MAX_ELSEWHERE of them, the first by path). */
  elsewhere?: ClaimElsewhere[];
  /** How many other articles have the same claim, when that is more than `elsewhere` lists. */
  elsewhereCount?: number;
}

export function claimsToCsv(rows: ClaimRow[]): string {
  const lines: Array<Array<string | number>> = [[...CLAIM_CSV_COLUMNS]];
  for (const { path, line, claim: c, elsewhere, elsewhereCount } of rows) {
    lines.push([
      path,
      c.id,
      line,
      c.start,
      c.end,
      c.text,
      c.speaker.text,
      c.speaker.kind,
      c.cue?.text ?? '',
      c.types.join(';'),
      c.score,
      c.reasons.join('; '),
      c.hedges.map((h) => h.text).join(';'),
      c.numbers.map((n) => `${n.text}=${n.value}${n.unit ? ' ' + n.unit : ''}`).join(';'),
      c.dates.map((d) => (d.value ? `${d.text}=${d.value}` : d.text)).join(';'),
      c.entities.map((e) => `${e.text} (${e.kind})`).join(';'),
      [...(elsewhere ?? []).map((e) => `${e.path}:${e.line}`), ...(elsewhereCount ? [`+${elsewhereCount - (elsewhere?.length ?? 0)} more`] : [])].join(';'),
    ]);
  }
  return toCsv(lines);
}

export function claimsToJson(rows: ClaimRow[]): string {
  return [...claimsJsonChunks(rows)].join('');
}

/** claimsToJson's text in chunks (see jsonChunks): 10,000 articles have about half a million claims. */
export function claimsJsonChunks(rows: readonly ClaimRow[]): Generator<string> {
  return jsonChunks({ version: 1, claims: rows }, ({ path, line, claim, elsewhere, elsewhereCount }: ClaimRow) => ({ path, line, ...plainClaim(claim), ...(elsewhere ? { elsewhere } : {}), ...(elsewhereCount ? { elsewhereCount } : {}) }));
}

/** Text of about this many characters per chunk. */
const CHUNK_CHARS = 64 * 1024;

/**
 * JSON.stringify(value, null, 2) and a newline, in chunks of about 64 K characters, with each item of the object's
 * arrays mapped by `item` first. A folder's export is tens or hundreds of megabytes: held as one string, then as
 * the bytes written, it set the command's peak (and past about 512 MB, V8 cannot make the string at all).
 */
export function* jsonChunks<T>(value: Record<string, unknown>, item: (x: T) => unknown = (x) => x): Generator<string> {
  let chunk = '{';
  let first = true;
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || typeof field === 'function') continue;
    chunk += `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!Array.isArray(field) || !field.length) {
      chunk += JSON.stringify(field, null, 2).replace(/\n/g, '\n  ');
      continue;
    }
    chunk += '[';
    for (let i = 0; i < field.length; i++) {
      // Strings in JSON escape their newlines, so every raw newline is indentation's, one level deeper here.
      chunk += `${i ? ',' : ''}\n    ${(JSON.stringify(item(field[i] as T), null, 2) ?? 'null').replace(/\n/g, '\n    ')}`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += '\n  ]';
  }
  yield `${chunk}\n}\n`;
}
