// What `analyze` needs for CI on top of the plain text and JSON output: the baseline (known findings are left out of
// the text and SARIF output, marked `"baseline": true` in JSON, and do not count towards the exit status), the
// baseline update, and the SARIF log written once every file is done.
//
// It works on the files' JSON (./render's fileJson, from the main thread or a worker), so the output is the same for
// every --jobs N.
import { replaceFile } from '../node/replaceFile';
import { dirname, resolve } from 'node:path';
import { baselineOf, BaselineMatcher, findingKey, keyHash, keyPath, keyString, readBaseline, serialiseBaseline, type Baseline, type FindingKey } from './baseline';
import { findingLine, type SeverityCounts } from './render';
import { buildSarif, type CliFinding, type SarifNotification } from './sarif';

export interface CiSettings {
  output: 'text' | 'json' | 'sarif';
  cwd: string;
  /** --baseline FILE. */
  baselinePath?: string;
  /** The baseline read from it (not with --update-baseline). */
  baseline?: Baseline;
  /** --update-baseline: record every finding. */
  updateBaseline: boolean;
}

/** True when `analyze` needs a {@link CiReport} (otherwise the files' output is written as rendered). */
export function needsCiReport(s: { output: string; baselinePath?: string }): boolean {
  return s.output === 'sarif' || s.baselinePath !== undefined;
}

export class CiReport {
  /** Findings left out as known (in the baseline). */
  known = 0;
  private readonly matcher?: BaselineMatcher;
  private readonly baselineRoot: string;
  private readonly recorded: FindingKey[] = [];
  private readonly sarifResults: Array<{ file: number; finding: CliFinding; fingerprint: string }> = [];
  /** Occurrences of each fingerprint key so far, so identical findings get distinct fingerprints. */
  private readonly occurrences = new Map<string, number>();

  constructor(
    private readonly settings: CiSettings,
    private readonly files: ReadonlyArray<{ path: string; text: string }>,
  ) {
    if (settings.baseline && !settings.updateBaseline) this.matcher = new BaselineMatcher(settings.baseline.entries);
    this.baselineRoot = settings.baselinePath ? dirname(resolve(settings.cwd, settings.baselinePath)) : settings.cwd;
  }

  /**
   * Takes file `i`'s JSON (one object, as rendered) and returns what to write for it and the counts of its findings
   * that are not in the baseline.
   */
  file(i: number, json: string): { chunk: string; counts: SeverityCounts } {
    const { path, text } = this.files[i];
    const data = JSON.parse(json) as { findings: Array<CliFinding & { baseline?: boolean }>; annotations?: Array<{ orphaned?: boolean }> };
    const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
    const absolute = resolve(this.settings.cwd, path);
    let lines = '';
    let marked = false;
    for (const f of data.findings) {
      const other = f.related?.length ? resolve(this.settings.cwd, f.related[0].path ?? path) : undefined;
      let known = false;
      if (this.settings.baselinePath !== undefined) {
        const key = findingKey(f.rule, keyPath(this.baselineRoot, absolute), text, f.start, f.end, other === undefined ? undefined : keyPath(this.baselineRoot, other));
        if (this.settings.updateBaseline) this.recorded.push(key);
        else if (this.matcher?.take(key)) known = true;
      }
      if (known) {
        this.known++;
        if (this.settings.output === 'json') f.baseline = marked = true;
        continue;
      }
      counts[f.severity]++;
      if (this.settings.output === 'text') lines += findingLine(path, f);
      else if (this.settings.output === 'sarif') {
        // Fingerprints: the key relative to the working directory (what the SARIF locations are relative to).
        const key = findingKey(f.rule, keyPath(this.settings.cwd, absolute), text, f.start, f.end, other === undefined ? undefined : keyPath(this.settings.cwd, other));
        const s = keyString(key);
        const n = (this.occurrences.get(s) ?? 0) + 1;
        this.occurrences.set(s, n);
        this.sarifResults.push({ file: i, finding: f, fingerprint: `${keyHash(key)}:${n}` });
      }
    }
    if (this.settings.output === 'text') lines += annotationsLine(path, data.annotations);
    const chunk = this.settings.output === 'json' ? (marked ? JSON.stringify(data) : json) : lines;
    return { chunk, counts };
  }

  /** Baseline entries (counted) that matched no finding. */
  unusedBaseline(): number {
    return this.matcher?.unused() ?? 0;
  }

  /** The baseline recording every finding seen (--update-baseline). */
  newBaseline(): Baseline {
    return baselineOf(this.recorded);
  }

  /** The SARIF log of the findings reported. */
  sarif(run: { version: string; notifications: SarifNotification[]; configNotifications: SarifNotification[]; exitCode: number; executionSuccessful: boolean }): string {
    return JSON.stringify(buildSarif({ cwd: this.settings.cwd, files: this.files as Array<{ path: string; text: string }>, results: this.sarifResults, ...run }), null, 2) + '\n';
  }
}

/** The text output's line about an article's annotations (as ./render writes it for text): `path: 3 annotations, 1 orphaned`. */
function annotationsLine(path: string, annotations: Array<{ orphaned?: boolean }> | undefined): string {
  const total = annotations?.length ?? 0;
  if (!total) return '';
  const orphaned = annotations!.filter((a) => a.orphaned).length;
  return `${path}: ${total} annotation${total === 1 ? '' : 's'}${orphaned ? `, ${orphaned} orphaned` : ''}\n`;
}

/** Reads --baseline FILE; undefined (after a message on stderr) when it is missing or not a baseline. */
export function loadBaseline(path: string): Baseline | undefined {
  const read = readBaseline(path);
  if (read.kind === 'ok') return read.baseline;
  if (read.kind === 'missing') process.stderr.write(`seed-annotator: baseline ${path} not found; create it with --update-baseline\n`);
  else process.stderr.write(`seed-annotator: baseline ${path} cannot be used: ${read.message}; fix it, or replace it with --update-baseline\n`);
  return undefined;
}

/** --update-baseline: writes the findings seen to FILE atomically; false (after a message) when it cannot. */
export async function saveBaseline(path: string, report: CiReport): Promise<boolean> {
  const baseline = report.newBaseline();
  try {
    await replaceFile(path, serialiseBaseline(baseline));
  } catch (error) {
    process.stderr.write(`seed-annotator: cannot write baseline ${path}: ${(error as Error).message}\n`);
    return false;
  }
  const findings = baseline.entries.reduce((n, e) => n + e.count, 0);
  process.stderr.write(`seed-annotator: baseline ${path} updated: ${findings} finding(s) in ${baseline.entries.length} entr${baseline.entries.length === 1 ? 'y' : 'ies'}\n`);
  return true;
}
