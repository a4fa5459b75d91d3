// What the Sources view says above its list when there is something to say: the workspace has no article, or some
// files could not be read (binary, too large). No `vscode` import, so unit tests read it.
import { skippedReason, type ArticleDigest } from '../../core';

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/** The view's message, or undefined when the list speaks for itself. */
export function sourcesViewMessage(digests: readonly ArticleDigest[], ready: boolean): string | undefined {
  if (!ready) return undefined;
  if (!digests.length) return 'There are no seed articles in this workspace: files named like “000_9cf2cc5815d08829.txt”, “*.seed.txt” or “*.seed”, matched by the include and exclude of .seed-annotator.json.';
  const skipped = digests.filter((d) => skippedReason(d) !== undefined);
  if (!skipped.length) return undefined;
  const binary = skipped.filter((d) => /binary/i.test(skippedReason(d)!)).length;
  const why = binary === skipped.length ? (binary === 1 ? 'it looks binary' : 'they look binary') : `${binary} look${binary === 1 ? 's' : ''} binary, ${skipped.length - binary} could not be read or ${skipped.length - binary === 1 ? 'is' : 'are'} over 5 MB`;
  if (skipped.length === digests.length) return `None of the ${files(digests.length)} could be read for sources: ${why}.`;
  return `${files(skipped.length)} of ${digests.length} left out: ${why}.`;
}
