// seed-annotator: the command line over the analysis core.
import { relative, isAbsolute } from 'node:path';
import { analyze, claimsToCsv, claimsToJson, findCorpusRepeats, LineIndex, RULES, splitLines, type AnalysisResult, type ClaimRow, type DuplicateRecord } from '../core';
import { expandPaths, findConfig, loadConfig, readArticle, type LoadedConfig } from './files';
import { version } from '../../package.json';

const USAGE = `Usage: seed-annotator analyze [--format text|json] [--config FILE] PATH...
       seed-annotator claims [--format csv|json] [--config FILE] PATH...
       seed-annotator rules
       seed-annotator --version

Analyses news articles (files, or directories walked for *.txt, *.seed and *.md) for unattributed quotes,
anonymous sources, scare quotes and boilerplate.

Options:
  --format text|json   analyze: text (default), one line per finding, path:line:col severity rule message;
                       json, the stable JSON described in the README
  --format csv|json    claims: one CSV row per claim with every field (default), or JSON
  --config FILE        use this config file instead of the nearest .seed-annotator.json

Exit status: 0 no warnings or errors, 1 warnings or errors found, 2 usage or I/O error.`;

class UsageError extends Error {}

/** Files larger than this get progress lines on stderr (their analysis takes seconds). */
const LARGE_FILE = 5 * 1024 * 1024;

interface Options {
  command: string;
  format: 'text' | 'json' | 'csv';
  config?: string;
  paths: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { command: '', format: 'text', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json' && v !== 'csv') throw new UsageError(`--format must be text, json or csv (got ${v ?? 'nothing'})`);
      options.format = v;
    } else if (a === '--config' || a.startsWith('--config=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v) throw new UsageError('--config needs a file');
      options.config = v;
    } else if (a === '--help' || a === '-h') {
      options.command = 'help';
    } else if (a === '--version' || a === '-v') {
      options.command = 'version';
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}`);
    } else if (!options.command) {
      options.command = a;
    } else {
      options.paths.push(a);
    }
  }
  return options;
}

function displayPath(p: string): string {
  return isAbsolute(p) ? p : relative(process.cwd(), p) || p;
}

function fileJson(path: string, result: AnalysisResult) {
  return {
    path,
    quotes: result.quotes.map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      kind: q.kind,
      speaker: q.speaker ? { start: q.speaker.start, end: q.speaker.end, text: q.speaker.text, via: q.speaker.via, ...(q.speaker.mention ? { mention: q.speaker.mention } : {}) } : null,
      cue: q.cue,
      anonymous: q.anonymous,
      ...(q.nested ? { nested: true } : {}),
      ...(q.closed ? {} : { closed: false }),
      ...(q.note ? { note: q.note } : {}),
    })),
    findings: result.findings.map(({ data: _data, ...f }) => f),
    claims: result.claims,
    duplicates: result.duplicates.map((d) => ({ start: d.start, end: d.end, line: d.line, endLine: d.endLine, similarity: d.similarity, words: d.words, of: { path: d.of.path ?? path, start: d.of.start, end: d.of.end, line: d.of.line, endLine: d.of.endLine } })),
    ...(result.notices.length ? { notices: result.notices } : {}),
  };
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
function readInputs(files: string[]): { inputs: Array<{ file: string; path: string; text: string }>; unreadable: boolean } {
  const inputs: Array<{ file: string; path: string; text: string }> = [];
  let unreadable = false;
  for (const file of files) {
    const read = readArticle(file);
    if (read.kind === 'error') {
      process.stderr.write(`seed-annotator: ${file}: cannot read: ${read.message}\n`);
      unreadable = true;
    } else if (read.kind === 'binary') {
      process.stderr.write(`seed-annotator: ${file}: skipped, looks like a binary file\n`);
    } else {
      inputs.push({ file, path: displayPath(file), text: read.text });
    }
  }
  return { inputs, unreadable };
}

function runAnalyze(options: Options): number {
  if (!options.paths.length) throw new UsageError('analyze needs at least one file or directory');
  if (options.format === 'csv') throw new UsageError('analyze writes text or json; use `seed-annotator claims --format csv` for CSV');
  const loaded = configFor(options);
  if (!loaded) return 2;
  reportConfigProblems(loaded);
  const { files, missing } = expandPaths(options.paths, loaded.config);
  let ioError = missing.length > 0;
  for (const m of missing) process.stderr.write(`seed-annotator: ${m}: no such file or directory\n`);
  let failing = false;
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  const out = process.stdout;
  if (options.format === 'json') out.write('{"version":1,"files":[');
  let first = true;
  const started = Date.now();
  // Read every input first: repeats across files need all of them.
  const { inputs, unreadable } = readInputs(files);
  if (unreadable) ioError = true;
  const rules = loaded.config.rules;
  const cross: Map<string, DuplicateRecord[]> =
    inputs.length > 1 && rules['cross-document-duplicate'] !== 'off'
      ? findCorpusRepeats(inputs.map((i) => ({ id: i.path, text: i.text })), loaded.config.duplicates)
      : new Map();
  for (let i = 0; i < inputs.length; i++) {
    const { path, text } = inputs[i];
    const large = text.length > LARGE_FILE;
    const fileStarted = Date.now();
    if (large) process.stderr.write(`seed-annotator: ${path}: analysing ${(text.length / 1024 / 1024).toFixed(1)} MB…\n`);
    const result = analyze(text, { rules, duplicates: loaded.config.duplicates, crossDocument: cross.get(path) });
    if (large) process.stderr.write(`seed-annotator: ${path}: done in ${((Date.now() - fileStarted) / 1000).toFixed(1)} s\n`);
    for (const n of result.notices) process.stderr.write(`seed-annotator: ${path}: ${n}\n`);
    for (const f of result.findings) {
      counts[f.severity]++;
      if (f.severity === 'error' || f.severity === 'warning') failing = true;
    }
    if (options.format === 'json') {
      out.write((first ? '' : ',') + JSON.stringify(fileJson(path, result)));
      first = false;
    } else {
      for (const f of result.findings) out.write(`${path}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`);
    }
    if (inputs.length > 200 && (i + 1) % 500 === 0) process.stderr.write(`seed-annotator: ${i + 1}/${inputs.length} files (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  if (options.format === 'json') out.write(']}\n');
  else {
    const total = counts.error + counts.warning + counts.information + counts.hint;
    const skipped = files.length - inputs.length;
    process.stderr.write(`${inputs.length} file(s)${skipped ? ` (${skipped} skipped)` : ''}: ${total} finding(s) (${counts.error} errors, ${counts.warning} warnings, ${counts.information} information, ${counts.hint} hints)\n`);
  }
  if (ioError) return 2;
  return failing ? 1 : 0;
}

function runClaims(options: Options): number {
  if (!options.paths.length) throw new UsageError('claims needs at least one file or directory');
  if (options.format === 'text') options.format = 'csv';
  const loaded = configFor(options);
  if (!loaded) return 2;
  reportConfigProblems(loaded);
  const { files, missing } = expandPaths(options.paths, loaded.config);
  for (const m of missing) process.stderr.write(`seed-annotator: ${m}: no such file or directory\n`);
  const { inputs, unreadable } = readInputs(files);
  const ioError = missing.length > 0 || unreadable;
  const rows: ClaimRow[] = [];
  for (const { path, text } of inputs) {
    const result = analyze(text, { rules: loaded.config.rules, duplicates: loaded.config.duplicates });
    const lines = new LineIndex(splitLines(text));
    for (const claim of result.claims) rows.push({ path, line: lines.lineOf(claim.start) + 1, claim });
  }
  process.stdout.write(options.format === 'json' ? claimsToJson(rows) : claimsToCsv(rows));
  process.stderr.write(`${rows.length} claim(s) in ${inputs.length} file(s)${files.length > inputs.length ? ` (${files.length - inputs.length} skipped)` : ''}\n`);
  return ioError ? 2 : 0;
}

export function main(argv: string[]): number {
  try {
    const options = parseArgs(argv);
    switch (options.command) {
      case 'analyze':
        return runAnalyze(options);
      case 'claims':
        return runClaims(options);
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
    if (error instanceof UsageError) {
      process.stderr.write(`seed-annotator: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`seed-annotator: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

// Let stdout drain before exiting (large JSON output through a pipe).
const code = main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
