// `seed-annotator sources [--format json|csv] PATH...`: every source quoted or cited in the inputs, one entry each,
// with its quotes, claims and articles, and the same quote given to different speakers (core/sources).
import { buildSources, sourcesJsonChunks, sourcesToCsv } from '../core';
import { collectDigests, parseCommand, UsageError } from './digests';

export async function runSources(argv: string[]): Promise<number> {
  const { values, common } = parseCommand(argv, { format: { type: 'string' } });
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`sources: --format must be json or csv (got ${format})`);
  const collected = await collectDigests('sources', common);
  if (!collected) return 2;
  const data = buildSources(collected.digests);
  if (format === 'csv') process.stdout.write(sourcesToCsv(data));
  else for (const chunk of sourcesJsonChunks(data)) process.stdout.write(chunk);
  const articles = collected.digests.length;
  if (!articles) process.stderr.write('seed-annotator: no articles found in the given paths (the config\'s include and exclude apply)\n');
  else process.stderr.write(`${data.sources.length} source(s) in ${articles} file(s); the same quote given to different speakers: ${data.sameQuotes.length}\n`);
  return collected.ioError ? 2 : 0;
}
