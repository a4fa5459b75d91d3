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
  /** The same claim in other articles, when known. */
  elsewhere?: ClaimElsewhere[];
}

export function claimsToCsv(rows: ClaimRow[]): string {
  const lines: Array<Array<string | number>> = [[...CLAIM_CSV_COLUMNS]];
  for (const { path, line, claim: c, elsewhere } of rows) {
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
      (elsewhere ?? []).map((e) => `${e.path}:${e.line}`).join(';'),
    ]);
  }
  return toCsv(lines);
}

export function claimsToJson(rows: ClaimRow[]): string {
  return JSON.stringify({ version: 1, claims: rows.map(({ path, line, claim, elsewhere }) => ({ path, line, ...plainClaim(claim), ...(elsewhere ? { elsewhere } : {}) })) }, null, 2) + '\n';
}
