// What Analyze Workspace says when it ends, from the counts of its pass. No `vscode` import, so unit tests read it.

import { plural } from '../../core';

export interface WorkspacePassSummary {
  /** Articles the pass was to read (the config's include and exclude applied). */
  articles: number;
  /** Articles read so far: analysed, or open (their editor's live analysis stands). */
  done: number;
  /** Articles skipped as binary, or as too large for a workspace pass. */
  binary: number;
  tooLarge: number;
  /** Problems the Problems panel lists (hints are not), and the articles that have any (open articles' included). */
  problems: number;
  withProblems: number;
  cancelled: boolean;
}

export const emptySummary = (): WorkspacePassSummary => ({ articles: 0, done: 0, binary: 0, tooLarge: 0, problems: 0, withProblems: 0, cancelled: false });


/** The message shown when the pass ends (without the "Seed Annotator:" prefix). */
export function describeWorkspacePass(s: WorkspacePassSummary): string {
  if (s.articles === 0) {
    return 'there are no seed articles to analyse in this workspace. Articles are files named like “000_9cf2cc5815d08829.txt”, “*.seed.txt” or “*.seed”, matched by the include and exclude of .seed-annotator.json.';
  }
  const skipped: string[] = [];
  if (s.binary) skipped.push(`${plural(s.binary, 'file')} that look${s.binary === 1 ? 's' : ''} binary`);
  if (s.tooLarge) skipped.push(`${plural(s.tooLarge, 'file')} over 5 MB`);
  const skippedText = skipped.length ? ` Skipped ${skipped.join(' and ')}.` : '';
  if (s.cancelled) {
    return `Analyze Workspace stopped after ${s.done} of ${plural(s.articles, 'article')}: ${plural(s.problems, 'problem')} so far, in the Problems panel.${skippedText}`;
  }
  const readable = s.articles - s.binary - s.tooLarge;
  if (readable === 0) {
    const they = s.articles === 1 ? 'it' : 'they';
    const why = !s.tooLarge ? `${they} look${s.articles === 1 ? 's' : ''} binary` : !s.binary ? `${they} ${s.articles === 1 ? 'is' : 'are'} over 5 MB` : `${s.binary} look${s.binary === 1 ? 's' : ''} binary, ${s.tooLarge} ${s.tooLarge === 1 ? 'is' : 'are'} over 5 MB`;
    return `none of the ${plural(s.articles, 'file')} could be analysed: ${why}.`;
  }
  const found = s.problems === 0 ? 'no problems' : `${plural(s.problems, 'problem')} in ${plural(s.withProblems, 'article')}`;
  return `analysed ${plural(readable, 'article')}: ${found}.${skippedText}`;
}
