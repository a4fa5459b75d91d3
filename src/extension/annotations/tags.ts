// Tags: the built-in ones, and the quick pick that Annotate Selection… and Edit Annotation Tags… show.
import * as vscode from 'vscode';
import { tagsOf } from '../../core';
import type { AnnotationStore } from './store';

/** Tags offered by Annotate Selection… (with the tags already used in the workspace). */
export const BUILT_IN_TAGS = ['needs source', 'verified', 'disputed', 'duplicate of wire copy'];

/** Tags from a list with checkboxes: the built-in ones, those used in the workspace, and new ones typed in. */
export async function pickTags(store: AnnotationStore, current: string[]): Promise<string[] | undefined> {
  const used = new Set<string>([...BUILT_IN_TAGS]);
  for (const article of store.all()) for (const a of article.annotations) for (const t of tagsOf(a)) used.add(t);
  for (const t of current) used.add(t);
  const OTHER = '\u0000other';
  const picks = await vscode.window.showQuickPick(
    [...[...used].map((tag) => ({ label: tag, picked: current.includes(tag), tag, description: BUILT_IN_TAGS.includes(tag) ? undefined : 'used before' })), { label: '$(add) New tag…', tag: OTHER, picked: false, description: 'type one or more, separated by commas' }],
    { canPickMany: true, title: 'Tags (optional)', placeHolder: 'Pick the tags for these words, or none' },
  );
  if (!picks) return undefined;
  const tags = picks.filter((p) => p.tag !== OTHER).map((p) => p.tag);
  if (picks.some((p) => p.tag === OTHER)) {
    const typed = await vscode.window.showInputBox({ title: 'New tags', prompt: 'One or more tags, separated by commas', placeHolder: 'for example: wire copy, check figure' });
    if (typed === undefined) return undefined;
    tags.push(...typed.split(',').map((t) => t.trim()).filter(Boolean));
  }
  return tags;
}
