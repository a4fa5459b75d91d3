// `seed-annotator report [--output FILE] PATH...`: the sourcing report, one self-contained HTML page (core/report),
// written atomically to FILE (or to stdout).
import { buildReportHtml, buildSources, plural } from '../core';
import { replaceFile } from '../node/replaceFile';
import { collectDigests, parseCommand } from './digests';

export async function runReport(argv: string[]): Promise<number> {
  const { values, common } = parseCommand(argv, { output: { type: 'string', short: 'o' }, title: { type: 'string' } });
  const collected = await collectDigests('report', common);
  if (!collected) return 2;
  const { digests } = collected;
  const sources = buildSources(digests);
  const title = (values.title as string | undefined) ?? 'Sourcing report';
  const html = buildReportHtml(digests, sources, { title, subtitle: `${common.paths.join(', ')}: ${plural(digests.length, 'file')}` });
  const output = values.output as string | undefined;
  if (output) {
    try {
      await replaceFile(output, html);
    } catch (error) {
      process.stderr.write(`seed-annotator: cannot write ${output}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    process.stderr.write(`wrote ${output} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB): ${plural(digests.length, 'file')}, ${plural(sources.sources.length, 'source')}\n`);
  } else {
    process.stdout.write(html);
  }
  if (!digests.length) process.stderr.write("seed-annotator: no articles found in the given paths (the config's include and exclude apply); the report says so\n");
  return collected.ioError ? 2 : 0;
}
