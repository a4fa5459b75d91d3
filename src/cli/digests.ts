// What `sources` and `report` share: read the inputs as `analyze` does (config, include/exclude, binary files
// skipped), analyse them with their repeats across the inputs (in worker processes for large inputs), and keep each
// article's digest only, so 10,000 articles fit in little memory.
import { availableParallelism } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { findCorpusRepeats, type ArticleDigest, type DuplicateRecord } from '../core';
import { digestArticle, emptyResult } from '../core';
import { configFolder, expandPaths, findConfig, loadConfig, readArticle, readText, type LoadedConfig } from './files';
import { runOrdered, WorkerPool } from './parallel';
import { fileDigest, type AnalysisSettings } from './render';

/** Inputs smaller than this (characters) are analysed in-process (as `analyze` does; see main.ts). */
const SMALL_INPUT = 512 * 1024;

export class UsageError extends Error {}

export interface CommonOptions {
  config?: string;
  jobs?: number;
  paths: string[];
}

/** The options every folder command takes (`--config`, `--jobs`), with the command's own. */
export function parseCommand(argv: string[], own: Record<string, { type: 'string' | 'boolean'; short?: string }>): { values: Record<string, string | boolean | undefined>; common: CommonOptions } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { config: { type: 'string' }, jobs: { type: 'string' }, ...own };
  // "--jobs -1" means "--jobs=-1", as it always did here (parseArgs alone calls a value that begins with "-"
  // ambiguous), so a bad value gets the option's own message.
  const takesValue = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== 'string') continue;
    takesValue.set(`--${name}`, name);
    if (o.short) takesValue.set(`-${o.short}`, name);
  }
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = takesValue.get(argv[i]);
    if (argv[i] === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (name !== undefined && i + 1 < argv.length) args.push(`--${name}=${argv[++i]}`);
    else args.push(argv[i]);
  }
  try {
    const parsed = parseArgs({ args, allowPositionals: true, strict: true, options });
    const values = parsed.values as Record<string, string | boolean | undefined>;
    const jobs = values.jobs as string | undefined;
    if (jobs !== undefined && !/^[1-9][0-9]*$/.test(jobs)) throw new UsageError(`--jobs must be a whole number from 1 (got ${jobs})`);
    return { values, common: { config: values.config as string | undefined, jobs: jobs === undefined ? undefined : Number(jobs), paths: parsed.positionals } };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error));
  }
}

/**
 * The digest with its repeated strings (kinds, speakers, source keys and labels, other articles' paths) shared with
 * the digests before it: each one a worker sends arrives as a copy of its own, and 10,000 articles' copies are tens
 * of megabytes.
 */
function interned(d: ArticleDigest, strings: Map<string, string>): ArticleDigest {
  const one = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  for (const q of d.quotes) {
    q.kind = one(q.kind) as typeof q.kind;
    q.status = one(q.status) as typeof q.status;
    if (q.speaker !== undefined) q.speaker = one(q.speaker);
  }
  for (const s of d.sources) {
    s.kind = one(s.kind) as typeof s.kind;
    s.key = one(s.key);
    s.label = one(s.label);
    s.descriptions = s.descriptions.map(one);
  }
  for (const x of d.duplicates) x.other.path = one(x.other.path);
  return d;
}

function displayPath(p: string): string {
  return isAbsolute(p) ? p : relative(process.cwd(), p) || p;
}

export interface Collected {
  digests: ArticleDigest[];
  /** True when a path was missing or a file unreadable (exit status 2; the rest is still reported). */
  ioError: boolean;
}

/** Reads, analyses and digests the inputs; problems go to stderr. Undefined when the config given cannot be read. */
export async function collectDigests(command: string, options: CommonOptions): Promise<Collected | undefined> {
  if (!options.paths.length) throw new UsageError(`${command} needs at least one file or directory`);
  let loaded: LoadedConfig;
  if (options.config) {
    const r = readArticle(options.config);
    if (r.kind === 'error') {
      process.stderr.write(`seed-annotator: cannot read config ${options.config}: ${r.message}\n`);
      return undefined;
    }
    loaded = loadConfig(options.config);
  } else {
    loaded = loadConfig(findConfig(process.cwd()));
  }
  for (const p of loaded.problems) process.stderr.write(`${loaded.path}:${p.line}:${p.column} ${p.severity} config ${p.message}\n`);
  const { files, missing } = expandPaths(options.paths, loaded.config, configFolder(loaded));
  let ioError = missing.length > 0;
  for (const m of missing) process.stderr.write(`seed-annotator: ${m}: no such file or directory\n`);
  // Binary files keep their place in the input order as digests that say why they were skipped. Texts are kept only
  // while the inputs may yet be small enough to analyse here: worker processes read their files themselves, so that
  // this process never holds every text (10,000 articles are a hundred megabytes or more, and a process's memory,
  // once grown, stays grown).
  const slots: Array<ArticleDigest | { path: string; file: string; length: number; text?: string }> = [];
  let size = 0;
  let keepTexts = options.jobs !== undefined ? options.jobs === 1 : true;
  for (const file of files) {
    const path = displayPath(file);
    const read = readArticle(file);
    if (read.kind === 'error') {
      process.stderr.write(`seed-annotator: ${file}: cannot read: ${read.message}\n`);
      ioError = true;
    } else if (read.kind === 'binary') {
      process.stderr.write(`seed-annotator: ${file}: skipped, looks like a binary file\n`);
      slots.push(digestArticle(path, '', emptyResult(0, ['skipped: looks like a binary file'])));
    } else {
      size += read.text.length;
      if (keepTexts && options.jobs === undefined && size >= SMALL_INPUT) {
        keepTexts = false;
        for (const s of slots) if ('file' in s) delete s.text;
      }
      slots.push({ path, file, length: read.text.length, ...(keepTexts ? { text: read.text } : {}) });
    }
  }
  const inputs = slots.flatMap((s, slot) => ('file' in s ? [{ ...s, slot }] : []));
  const settings: AnalysisSettings = { rules: loaded.config.rules, duplicates: loaded.config.duplicates };
  const crossNeeded = inputs.length > 1 && settings.rules['cross-document-duplicate'] !== 'off';
  const workers = keepTexts ? 1 : Math.min(options.jobs ?? availableParallelism(), inputs.length);
  const digests: ArticleDigest[] = slots.map((s) => ('file' in s ? (undefined as unknown as ArticleDigest) : s));
  const started = Date.now();
  const progress = (done: number) => {
    if (inputs.length > 200 && done % 1000 === 0) process.stderr.write(`seed-annotator: ${done}/${inputs.length} files (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  };
  if (workers <= 1) {
    // Read again when kept texts were dropped (one input, or --jobs larger than the inputs).
    const textOf = (input: (typeof inputs)[number]) => input.text ?? readText(input.file);
    const cross: Map<string, DuplicateRecord[]> = crossNeeded ? findCorpusRepeats(inputs.map((i) => ({ id: i.path, text: textOf(i) })), settings.duplicates) : new Map<string, DuplicateRecord[]>();
    inputs.forEach((input, i) => {
      digests[input.slot] = fileDigest(input.path, textOf(input), settings, cross.get(input.path));
      progress(i + 1);
    });
  } else {
    const pool = new WorkerPool(workers, settings, 'json');
    const strings = new Map<string, string>();
    try {
      await runOrdered<ArticleDigest>(pool, {
        count: inputs.length,
        task: (batch) => ({ type: 'digest', files: batch.map(({ index, cross }) => ({ path: inputs[index].path, file: inputs[index].file, cross })) }),
        weight: (i) => inputs[i].length,
        corpus: crossNeeded ? { task: () => ({ type: 'corpus', docs: inputs.map((i) => ({ id: i.path, file: i.file })) }), key: (i) => inputs[i].path, speculate: (i) => inputs[i].length <= 1024 * 1024 } : undefined,
        size: (d) => 256 + d.quotes.length * 160,
        onResult: (i, d) => {
          digests[inputs[i].slot] = interned(d, strings);
          progress(i + 1);
        },
      });
    } finally {
      await pool.close();
    }
  }
  return { digests, ioError };
}
