// seed-annotator: the command line over the analysis core.
import { availableParallelism } from 'node:os';
import { relative, isAbsolute } from 'node:path';
import { claimsJsonChunks, claimsToCsv, findCorpusRepeats, RULES, withSameClaims, type ClaimRow, type DuplicateRecord } from '../core';
import { configFolder, expandPaths, findConfig, loadConfig, readArticle, type LoadedConfig } from './files';
import { isCliWorker, runOrdered, serveWorker, WorkerPool } from './parallel';
import { analyzeFile, fileClaims, type AnalysisSettings, type FileOutput } from './render';
import { CiReport, loadBaseline, needsCiReport, saveBaseline } from './ci';
import type { SarifNotification } from './sarif';
import { parseCommand, UsageError as FolderUsageError } from './digests';
import { runReport } from './report';
import { runSources } from './sources';
import { runDuplicates } from './duplicates';
import { version } from '../../package.json';

const USAGE = `Usage: seed-annotator analyze [--format text|json|sarif] [--config FILE] [--jobs N]
                               [--baseline FILE [--update-baseline]] [--max-warnings N] PATH...
       seed-annotator claims [--format csv|json] [--config FILE] [--jobs N] PATH...
       seed-annotator sources [--format json|csv] [--config FILE] [--jobs N] PATH...
       seed-annotator duplicates [--format text|json] [--config FILE] PATH...
       seed-annotator report [--output FILE] [--title TEXT] [--config FILE] [--jobs N] PATH...
       seed-annotator rules
       seed-annotator --version

Analyses news articles (files, or directories walked for *.txt, *.seed and *.md) for unattributed quotes,
anonymous sources, scare quotes and boilerplate.

sources lists every source quoted or cited (one entry per person or description, with quotes, claims and articles,
and the same quote given to different speakers); report writes a self-contained HTML sourcing report;
duplicates lists every repeated passage, inside one article and across articles (the editor's List Duplicates).

Options:
  --format text|json   analyze: text (default), one line per finding, path:line:col severity rule message;
                       json, the stable JSON described in the README; sarif, a SARIF 2.1.0 log (CI, code scanning)
  --format csv|json    claims: one CSV row per claim with every field (default), or JSON
  --config FILE        use this config file instead of the nearest .seed-annotator.json
  --jobs N             analyse files in N worker processes (default: one per core, or none for small inputs);
                       1 analyses them in this process. The output is the same for every N.
  --baseline FILE      analyze: findings recorded in FILE are known: left out of the text and SARIF output
                       (marked "baseline": true in JSON) and never fail the run; only new findings count
  --update-baseline    analyze: record the current findings in the --baseline FILE (written atomically), exit 0
  --max-warnings N     analyze: fail only when more than N warnings (not in the baseline) are found; errors
                       always fail (default 0)

Exit status: 0 no warnings or errors (beyond the baseline and --max-warnings; always 0 with --update-baseline),
1 warnings or errors found, 2 usage or I/O error (also a missing or broken baseline file).`;

class UsageError extends Error {}

/** Files larger than this get progress lines on stderr (their analysis takes seconds). */
const LARGE_FILE = 5 * 1024 * 1024;
/** Larger files are not analysed before the cross-document pass ends (see ./parallel): a wasted run would cost too much. */
const SPECULATE_MAX = 1024 * 1024;
/**
 * Without --jobs, inputs smaller than this (characters) are analysed in-process: starting and warming up workers (each
 * compiles the analysis anew, about a second of CPU) would cost more than it saves.
 */
const SMALL_INPUT = 512 * 1024;

interface Options {
  command: string;
  format: 'text' | 'json' | 'csv' | 'sarif';
  config?: string;
  jobs?: number;
  baseline?: string;
  updateBaseline?: boolean;
  maxWarnings?: number;
  paths: string[];
}

/** The options of `analyze` and `claims` (node:util parseArgs, through the folder commands' parseCommand). */
function parseArgs(argv: string[]): Options {
  const { values, common } = parseCommand(argv, {
    format: { type: 'string' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean' },
    'max-warnings': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  const [command = '', ...paths] = common.paths;
  const options: Options = { command, format: 'text', jobs: common.jobs, paths };
  const format = values.format as string | undefined;
  if (format !== undefined) {
    if (format !== 'text' && format !== 'json' && format !== 'csv' && format !== 'sarif') throw new UsageError(`--format must be text, json or csv, or sarif for analyze (got ${format || 'nothing'})`);
    options.format = format;
  }
  if (common.config !== undefined) {
    if (!common.config) throw new UsageError('--config needs a file');
    options.config = common.config;
  }
  const baseline = values.baseline as string | undefined;
  if (baseline !== undefined) {
    if (!baseline) throw new UsageError('--baseline needs a file');
    options.baseline = baseline;
  }
  if (values['update-baseline']) options.updateBaseline = true;
  const maxWarnings = values['max-warnings'] as string | undefined;
  if (maxWarnings !== undefined) {
    if (!/^(0|[1-9][0-9]*)$/.test(maxWarnings)) throw new UsageError(`--max-warnings must be a whole number from 0 (got ${maxWarnings || 'nothing'})`);
    options.maxWarnings = Number(maxWarnings);
  }
  if (values.help) options.command = 'help';
  else if (values.version) options.command = 'version';
  return options;
}

function displayPath(p: string): string {
  return isAbsolute(p) ? p : relative(process.cwd(), p) || p;
}

function reportConfigProblems(loaded: LoadedConfig): void {
  for (const p of loaded.problems) process.stderr.write(`${loaded.path}:${p.line}:${p.column} ${p.severity} config ${p.message}\n`);
}

/** The config named by --config (undefined, after a message, when it cannot be read), else the nearest one. */
function configFor(options: Options): LoadedConfig | undefined {
  if (!options.config) return loadConfig(findConfig(process.cwd()));
  const r = readArticle(options.config);
  if (r.kind === 'error') {
    process.stderr.write(`seed-annotator: cannot read config ${options.config}: ${r.message}\n`);
    return undefined;
  }
  return loadConfig(options.config);
}

/** Reads the files as text; unreadable and binary ones are reported on stderr and left out. */
function readInputs(files: string[]): { inputs: Array<{ file: string; path: string; text: string }>; unreadable: boolean; skipped: SarifNotification[] } {
  const inputs: Array<{ file: string; path: string; text: string }> = [];
  const skipped: SarifNotification[] = [];
  let unreadable = false;
  for (const file of files) {
    const read = readArticle(file);
    if (read.kind === 'error') {
      process.stderr.write(`seed-annotator: ${file}: cannot read: ${read.message}\n`);
      skipped.push({ level: 'error', message: `cannot read: ${read.message}`, path: file });
      unreadable = true;
    } else if (read.kind === 'binary') {
      process.stderr.write(`seed-annotator: ${file}: skipped, looks like a binary file\n`);
      skipped.push({ level: 'warning', message: 'skipped, looks like a binary file', path: file });
    } else {
      inputs.push({ file, path: displayPath(file), text: read.text });
    }
  }
  return { inputs, unreadable, skipped };
}

/** Worker processes to use for these inputs: --jobs (1 = none), else one per core unless the inputs are small. */
function workerCount(options: Options, inputs: Array<{ text: string }>): number {
  let jobs = options.jobs;
  if (jobs === undefined) {
    let size = 0;
    for (const i of inputs) size += i.text.length;
    jobs = size < SMALL_INPUT ? 1 : availableParallelism();
  }
  return Math.min(jobs, inputs.length);
}

async function runAnalyze(options: Options): Promise<number> {
  if (!options.paths.length) throw new UsageError('analyze needs at least one file or directory');
  if (options.format === 'csv') throw new UsageError('analyze writes text, json or sarif; use `seed-annotator claims --format csv` for CSV');
  if (options.updateBaseline && options.baseline === undefined) throw new UsageError('--update-baseline needs --baseline FILE');
  const output = options.format;
  const loaded = configFor(options);
  if (!loaded) return 2;
  reportConfigProblems(loaded);
  // A missing or broken baseline stops the run before any output (it is never overwritten without --update-baseline).
  const baseline = options.baseline !== undefined && !options.updateBaseline ? loadBaseline(options.baseline) : undefined;
  if (options.baseline !== undefined && !options.updateBaseline && !baseline) return 2;
  const { files, missing } = expandPaths(options.paths, loaded.config, configFolder(loaded));
  let ioError = missing.length > 0;
  for (const m of missing) process.stderr.write(`seed-annotator: ${m}: no such file or directory\n`);
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  const out = process.stdout;
  if (output === 'json') out.write('{"version":1,"files":[');
  const started = Date.now();
  // Read every input first: repeats across files need all of them.
  const { inputs, unreadable, skipped } = readInputs(files);
  if (unreadable) ioError = true;
  // Baseline and SARIF work on each file's JSON; the files are rendered as text only for plain text output.
  const ci = needsCiReport({ output, baselinePath: options.baseline }) ? new CiReport({ output, cwd: process.cwd(), baselinePath: options.baseline, baseline, updateBaseline: !!options.updateBaseline }, inputs) : undefined;
  const format: 'json' | 'text' = ci || output === 'json' ? 'json' : 'text';
  const notices: SarifNotification[] = [];
  const settings: AnalysisSettings = { rules: loaded.config.rules, duplicates: loaded.config.duplicates };
  const crossNeeded = inputs.length > 1 && settings.rules['cross-document-duplicate'] !== 'off';
  const large = (i: number) => inputs[i].text.length > LARGE_FILE;
  const announce = (i: number) => {
    const { path, text } = inputs[i];
    if (large(i)) process.stderr.write(`seed-annotator: ${path}: analysing ${(text.length / 1024 / 1024).toFixed(1)} MB…\n`);
  };
  /** Writes file `i`'s output; called in input order. */
  const emit = (i: number, rendered: FileOutput) => {
    const { path } = inputs[i];
    const result = ci ? { ...rendered, ...ci.file(i, rendered.chunk) } : rendered;
    if (large(i)) process.stderr.write(`seed-annotator: ${path}: done in ${(result.ms / 1000).toFixed(1)} s\n`);
    for (const n of result.notices) process.stderr.write(`seed-annotator: ${path}: ${n}\n`);
    if (ci) for (const n of result.notices) notices.push({ level: 'note', message: n, path });
    counts.error += result.counts.error;
    counts.warning += result.counts.warning;
    counts.information += result.counts.information;
    counts.hint += result.counts.hint;
    if (output === 'json') out.write(i === 0 ? result.chunk : ',' + result.chunk);
    else if (result.chunk) out.write(result.chunk);
    if (inputs.length > 200 && (i + 1) % 500 === 0) process.stderr.write(`seed-annotator: ${i + 1}/${inputs.length} files (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  };
  const workers = workerCount(options, inputs);
  if (workers <= 1) {
    const cross: Map<string, DuplicateRecord[]> = crossNeeded ? findCorpusRepeats(inputs.map((i) => ({ id: i.path, text: i.text })), settings.duplicates) : new Map<string, DuplicateRecord[]>();
    for (let i = 0; i < inputs.length; i++) {
      announce(i);
      emit(i, analyzeFile(inputs[i].path, inputs[i].text, settings, format, cross.get(inputs[i].path)));
    }
  } else {
    const pool = new WorkerPool(workers, settings, format);
    try {
      await runOrdered<FileOutput>(pool, {
        count: inputs.length,
        task: (batch) => ({ type: 'analyze', files: batch.map(({ index, cross }) => ({ path: inputs[index].path, text: inputs[index].text, cross })) }),
        weight: (i) => inputs[i].text.length,
        corpus: crossNeeded
          ? { task: () => ({ type: 'corpus', docs: inputs.map((i) => ({ id: i.path, text: i.text })) }), key: (i) => inputs[i].path, speculate: (i) => inputs[i].text.length <= SPECULATE_MAX }
          : undefined,
        size: (r) => r.chunk.length,
        onDispatch: announce,
        onResult: emit,
      });
    } finally {
      await pool.close();
    }
  }
  if (output === 'json') out.write(']}\n');
  else {
    const total = counts.error + counts.warning + counts.information + counts.hint;
    const skipped = files.length - inputs.length;
    process.stderr.write(`${inputs.length} file(s)${skipped ? ` (${skipped} skipped)` : ''}: ${total} finding(s) (${counts.error} errors, ${counts.warning} warnings, ${counts.information} information, ${counts.hint} hints)\n`);
    if (ci?.known) process.stderr.write(`${ci.known} finding(s) in the baseline (not shown)\n`);
  }
  // Errors always fail; warnings when there are more than --max-warnings (default 0).
  const failing = counts.error > 0 || counts.warning > (options.maxWarnings ?? 0);
  let code = ioError ? 2 : failing && !options.updateBaseline ? 1 : 0;
  if (ci) {
    const unused = ci.unusedBaseline();
    if (unused) process.stderr.write(`seed-annotator: ${unused} finding(s) in the baseline ${options.baseline} no longer found; --update-baseline drops them\n`);
    if (options.updateBaseline) {
      // An incomplete run would drop the findings of the files it could not read.
      if (ioError) process.stderr.write(`seed-annotator: baseline ${options.baseline} not updated: some inputs could not be read\n`);
      else if (!(await saveBaseline(options.baseline!, ci))) code = 2;
    }
    if (output === 'sarif') {
      const baselineNotes: SarifNotification[] = [];
      if (ci.known) baselineNotes.push({ level: 'note', message: `${ci.known} finding(s) in the baseline are not reported.`, path: options.baseline });
      if (unused) baselineNotes.push({ level: 'note', message: `${unused} finding(s) in the baseline were not found.`, path: options.baseline });
      out.write(
        ci.sarif({
          version,
          notifications: [...missing.map((m) => ({ level: 'error' as const, message: 'no such file or directory', path: m })), ...skipped, ...notices, ...baselineNotes],
          configNotifications: loaded.path ? loaded.problems.map((p) => ({ level: p.severity === 'error' ? ('error' as const) : ('warning' as const), message: p.message, path: loaded.path, line: p.line, column: p.column })) : [],
          exitCode: code,
          executionSuccessful: code !== 2,
        }),
      );
    }
  }
  return code;
}

async function runClaims(options: Options): Promise<number> {
  if (!options.paths.length) throw new UsageError('claims needs at least one file or directory');
  if (options.format === 'sarif') throw new UsageError('claims writes csv or json; sarif is for analyze');
  if (options.baseline !== undefined || options.updateBaseline || options.maxWarnings !== undefined) throw new UsageError('--baseline, --update-baseline and --max-warnings are for analyze');
  if (options.format === 'text') options.format = 'csv';
  const loaded = configFor(options);
  if (!loaded) return 2;
  reportConfigProblems(loaded);
  const { files, missing } = expandPaths(options.paths, loaded.config, configFolder(loaded));
  for (const m of missing) process.stderr.write(`seed-annotator: ${m}: no such file or directory\n`);
  const { inputs, unreadable } = readInputs(files);
  const ioError = missing.length > 0 || unreadable;
  const settings: AnalysisSettings = { rules: loaded.config.rules, duplicates: loaded.config.duplicates };
  const rows: ClaimRow[] = [];
  const workers = workerCount(options, inputs);
  if (workers <= 1) {
    for (const { path, text } of inputs) rows.push(...fileClaims(path, text, settings));
  } else {
    const pool = new WorkerPool(workers, settings, 'json');
    try {
      await runOrdered<ClaimRow[]>(pool, {
        count: inputs.length,
        task: (batch) => ({ type: 'claims', files: batch.map(({ index }) => ({ path: inputs[index].path, text: inputs[index].text })) }),
        weight: (i) => inputs[i].text.length,
        size: (r) => r.length * 512,
        onResult: (_i, r) => rows.push(...r),
      });
    } finally {
      await pool.close();
    }
  }
  // The same claim in other inputs: the same matching as the extension's Claims view (core/sameClaims.ts).
  const out = withSameClaims(rows);
  if (options.format === 'json') for (const chunk of claimsJsonChunks(out)) process.stdout.write(chunk);
  else process.stdout.write(claimsToCsv(out));
  process.stderr.write(`${rows.length} claim(s) in ${inputs.length} file(s)${files.length > inputs.length ? ` (${files.length - inputs.length} skipped)` : ''}\n`);
  return ioError ? 2 : 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    // These commands parse their own options (src/cli/sources.ts, src/cli/report.ts, src/cli/duplicates.ts).
    if (argv[0] === 'sources') return await runSources(argv.slice(1));
    if (argv[0] === 'report') return await runReport(argv.slice(1));
    if (argv[0] === 'duplicates') return runDuplicates(argv.slice(1));
    const options = parseArgs(argv);
    switch (options.command) {
      case 'analyze':
        return await runAnalyze(options);
      case 'claims':
        return await runClaims(options);
      case 'rules':
        for (const r of RULES) process.stdout.write(`${r.id.padEnd(20)} ${r.defaultSeverity.padEnd(12)} ${r.description}\n`);
        return 0;
      case 'version':
        process.stdout.write(`${version}\n`);
        return 0;
      case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      case '':
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command "${options.command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof FolderUsageError) {
      process.stderr.write(`seed-annotator: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`seed-annotator: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (isCliWorker()) {
  serveWorker();
} else {
  // `seed-annotator analyze … | head`: the reader went away, so there is no one left to write to. Stop quietly, as
  // Unix tools do, instead of dying on an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`seed-annotator: cannot write the output: ${error.message}\n`);
    process.exit(2);
  });
  void main(process.argv.slice(2)).then((code) => {
    // Let stdout drain before exiting (large JSON output through a pipe).
    process.stdout.write('', () => process.exit(code));
  });
}
