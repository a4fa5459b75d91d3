// `--baseline FILE` / `--update-baseline`: known findings, recorded so that only new ones fail a CI run.
//
// A finding is keyed by what it is about, never by where it is: its rule, its file (relative to the baseline file's
// folder, forward slashes), the normalised text it covers (lowercased, whitespace collapsed, curly and straight quotes
// alike), for a very short range also the normalised line around it, and for a duplicate the other copy's file. So
// inserting or editing a paragraph elsewhere in the article, or re-wrapping lines, leaves the key as it was; editing
// the quoted words themselves makes it a new finding. Identical findings in one file share a key and are counted.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';

export const BASELINE_VERSION = 1;

/** Covered text shorter than this (normalised) is keyed together with its line. */
const SHORT_TEXT = 12;
/** Normalised text longer than this is stored as its first TEXT_HEAD characters and a digest of the whole. */
const LONG_TEXT = 160;
const TEXT_HEAD = 100;

/** What identifies a finding across edits. */
export interface FindingKey {
  /** Path of the article, relative to the baseline's folder, with forward slashes. */
  file: string;
  rule: string;
  /** The normalised text the finding covers (its head, for long passages). */
  text: string;
  /** SHA-256 (first 16 hex digits) of the whole normalised text, when `text` is only its head. */
  sha256?: string;
  /** The normalised line around a very short finding (a lone quote mark, a one-word scare quote). */
  context?: string;
  /** A duplicate's other copy: its file, relative like `file`. */
  other?: string;
}

export interface BaselineEntry extends FindingKey {
  /** How many findings in the file have this key. */
  count: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u301D\u301E\u301F\uFF02]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2039\u203A\u2032\u0060\u00B4\uFF07]/g;

/** Lowercased, whitespace collapsed and trimmed, every kind of double and single quote mark made straight. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'").toLowerCase().replace(/\s+/g, ' ').trim();
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A path as the baseline stores it: relative to `root`, with forward slashes. */
export function keyPath(root: string, path: string): string {
  return relative(root, resolve(path)).split(sep).join('/') || basename(path);
}

/** The line (between line breaks) around `offset`. */
function lineAround(text: string, offset: number): string {
  let from = offset;
  while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
  let to = offset;
  while (to < text.length && text[to] !== '\n' && text[to] !== '\r') to++;
  return text.slice(from, to);
}

/**
 * The key of a finding covering text[start, end) of `file` (already relative, see {@link keyPath}); `other` is a
 * duplicate's other copy, relative the same way.
 */
export function findingKey(rule: string, file: string, text: string, start: number, end: number, other?: string): FindingKey {
  const covered = normaliseText(text.slice(start, end));
  const key: FindingKey = { file, rule, text: covered };
  if (covered.length > LONG_TEXT) {
    key.text = covered.slice(0, TEXT_HEAD).trimEnd() + '…';
    key.sha256 = sha256(covered).slice(0, 16);
  } else if (covered.length < SHORT_TEXT) {
    key.context = normaliseText(lineAround(text, start));
  }
  if (other !== undefined) key.other = other;
  return key;
}

/** One string per key: equal keys, equal strings. */
export function keyString(k: FindingKey): string {
  return JSON.stringify([k.file, k.rule, k.text, k.sha256 ?? '', k.context ?? '', k.other ?? '']);
}

/** A stable short hash of a key (SARIF partialFingerprints). */
export function keyHash(k: FindingKey): string {
  return sha256(keyString(k)).slice(0, 32);
}

/** Consumes baseline entries: each entry covers at most `count` findings. */
export class BaselineMatcher {
  private readonly left = new Map<string, number>();
  constructor(entries: readonly BaselineEntry[]) {
    for (const e of entries) {
      const k = keyString(e);
      this.left.set(k, (this.left.get(k) ?? 0) + e.count);
    }
  }
  /** True (and one use of the entry consumed) when the baseline still covers a finding with this key. */
  take(key: FindingKey): boolean {
    const k = keyString(key);
    const n = this.left.get(k);
    if (!n) return false;
    this.left.set(k, n - 1);
    return true;
  }
  /** Findings the baseline records that were not found (fixed, edited or moved to another file). */
  unused(): number {
    let n = 0;
    for (const v of this.left.values()) n += v;
    return n;
  }
}

export type BaselineRead = { kind: 'ok'; baseline: Baseline } | { kind: 'missing' } | { kind: 'invalid'; message: string };

export function readBaseline(path: string): BaselineRead {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', message: (error as Error).message };
  }
  if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return { kind: 'invalid', message: `not valid JSON (${(error as Error).message})` };
  }
  const problem = baselineProblem(data);
  return problem ? { kind: 'invalid', message: problem } : { kind: 'ok', baseline: data as Baseline };
}

const OPTIONAL_FIELDS = ['sha256', 'context', 'other'] as const;

/** Why `data` is not a baseline, or undefined when it is one. */
export function baselineProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a JSON object';
  const d = data as Record<string, unknown>;
  if (d.version !== BASELINE_VERSION) return `"version" must be ${BASELINE_VERSION} (got ${JSON.stringify(d.version) ?? 'nothing'})`;
  if (!Array.isArray(d.entries)) return '"entries" must be an array';
  for (let i = 0; i < d.entries.length; i++) {
    const e = d.entries[i] as Record<string, unknown>;
    const where = `entry ${i + 1}`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return `${where} is not an object`;
    for (const f of ['file', 'rule', 'text'] as const) if (typeof e[f] !== 'string') return `${where}: "${f}" must be a string`;
    for (const f of OPTIONAL_FIELDS) if (f in e && typeof e[f] !== 'string') return `${where}: "${f}" must be a string`;
    if (!Number.isInteger(e.count) || (e.count as number) < 1) return `${where}: "count" must be a whole number from 1`;
  }
  return undefined;
}

/** The baseline recording these findings' keys: one entry per key with its count, in a stable order. */
export function baselineOf(keys: readonly FindingKey[]): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const k of keys) {
    const s = keyString(k);
    const e = byKey.get(s);
    if (e) e.count++;
    else {
      // Fixed field order, optional fields only when present.
      const entry = { file: k.file, rule: k.rule, text: k.text } as BaselineEntry;
      for (const f of OPTIONAL_FIELDS) if (k[f] !== undefined) entry[f] = k[f];
      entry.count = 1;
      byKey.set(s, entry);
    }
  }
  const entries = [...byKey.entries()].sort((a, b) => compare(a[1].file, b[1].file) || compare(a[1].rule, b[1].rule) || compare(a[0], b[0])).map((e) => e[1]);
  return { version: BASELINE_VERSION, entries };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serialiseBaseline(baseline: Baseline): string {
  const lines = baseline.entries.map((e) => '    ' + JSON.stringify(e));
  return `{\n  "version": ${baseline.version},\n  "entries": [${lines.length ? '\n' + lines.join(',\n') + '\n  ' : ''}]\n}\n`;
}

