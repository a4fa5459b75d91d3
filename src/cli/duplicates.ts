// `seed-annotator duplicates [--format text|json] PATH...`: every repeated passage of the inputs, inside one article
// and across articles: the editor's List Duplicates, from the same core list (core/duplicateList.ts).
import { isAbsolute, relative } from 'node:path';
import { listDuplicates, type CorpusDocument } from '../core';
import { parseCommand, UsageError } from './digests';
import { configFolder, expandPaths, findConfig, loadConfig, readArticle } from './files';

export function runDuplicates(argv: string[]): number {
  const { values, common } = parseCommand(argv, { format: { type: 'string' } });
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'json' && format !== 'text') throw new UsageError(`duplicates: --format must be text or json (got ${format})`);
  if (!common.paths.length) throw new UsageError('duplicates needs at least one file or directory');
  if (common.config && readArticle(common.config).kind === 'error') {
    process.stderr.write(`seed-annotator: cannot read config ${common.config}\n`);
    return 2;
  }
  const loaded = loadConfig(common.config ?? findConfig(process.cwd()));
  for (const p of loaded.problems) process.stderr.write(`${loaded.path}:${p.line}:${p.column} ${p.severity} config ${p.message}\n`);
  const { files, missing } = expandPaths(common.paths, loaded.config, configFolder(loaded));
  let ioError = missing.length > 0;
  for (const m of missing) process.stderr.write(`seed-annotator: ${m}: no such file or directory\n`);
  const docs: CorpusDocument[] = [];
  for (const file of files) {
    const read = readArticle(file);
    if (read.kind === 'text') docs.push({ id: isAbsolute(file) ? file : relative(process.cwd(), file) || file, text: read.text });
    else if (read.kind === 'binary') process.stderr.write(`seed-annotator: ${file}: skipped, looks like a binary file\n`);
    else {
      process.stderr.write(`seed-annotator: ${file}: cannot read: ${read.message}\n`);
      ioError = true;
    }
  }
  const duplicates = listDuplicates(docs, loaded.config.duplicates);
  if (format === 'json') process.stdout.write(`${JSON.stringify({ duplicates }, null, 2)}\n`);
  else {
    for (const d of duplicates) {
      const where = d.other.path === d.path ? `repeats lines ${d.other.line}–${d.other.endLine} of the same article` : `also in ${d.other.path}, lines ${d.other.line}–${d.other.endLine}`;
      process.stdout.write(`${d.path}:${d.line}-${d.endLine} ${where} (${d.words} words, ${Math.round(d.similarity * 100)}% the same)\n`);
    }
  }
  process.stderr.write(`${duplicates.length} duplicate passage(s) in ${docs.length} file(s)\n`);
  return ioError ? 2 : 0;
}
