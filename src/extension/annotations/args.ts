// What the annotations commands are given (tree items, comment replies, options from tests) and the small helpers
// they share: type guards, the current time, ids, ranges.
import * as vscode from 'vscode';
import { newAnnotationId, repliesOf, type SeedAnnotation, type TextualBody } from '../../core';
import type { ClaimNode } from '../claims/view';
import type { AnnotationComment } from './comments';
import type { OffsetRange } from './store';

/** The optional argument of Annotate Selection… (no input boxes are shown when it is given). */
export interface AnnotateOptions {
  note?: string;
  tags?: string[];
}

export const say = (message: string) => void vscode.window.showInformationMessage(`Seed Annotator: ${message}`);

export function isClaimNode(x: unknown): x is ClaimNode {
  return !!x && typeof x === 'object' && (x as ClaimNode).kind === 'claim' && !!(x as ClaimNode).entry?.claim;
}

export function isAnnotateOptions(x: unknown): x is AnnotateOptions {
  if (!x || typeof x !== 'object' || x instanceof vscode.Uri) return false;
  const o = x as AnnotateOptions;
  return (o.note === undefined || typeof o.note === 'string') && (o.tags === undefined || Array.isArray(o.tags)) && (o.note !== undefined || o.tags !== undefined);
}

export function isCommentThread(x: unknown): x is vscode.CommentThread {
  return !!x && typeof x === 'object' && (x as vscode.CommentThread).uri instanceof vscode.Uri && Array.isArray((x as vscode.CommentThread).comments);
}

export function isCommentReply(x: unknown): x is vscode.CommentReply {
  return !!x && typeof x === 'object' && isCommentThread((x as vscode.CommentReply).thread) && typeof (x as vscode.CommentReply).text === 'string';
}

export function bodyText(body: string | vscode.MarkdownString): string {
  return typeof body === 'string' ? body : body.value;
}

/**
 * The reply a comment shows, in the annotation as it is now: by its time and text (replies may have been added or
 * deleted since the thread was drawn), else at its index if that one still has its text. Undefined when it is gone
 * or was changed elsewhere: then an edit adds the user's version beside it, and a delete leaves the other version.
 */
export function replyOf(current: SeedAnnotation, comment: AnnotationComment): TextualBody | undefined {
  const replies = repliesOf(current);
  return replies.find((r) => r.created === comment.created && r.value === comment.text) ?? (replies[comment.replyIndex]?.value === comment.text ? replies[comment.replyIndex] : undefined);
}

/** Ids from the core's one function: randomUUID where the host has it (not over plain http), else getRandomValues. */
export const newId = () => newAnnotationId();

export const now = () => new Date().toISOString();

export function fileNameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** A range without the white space at its edges. */
export function trimmed(text: string, start: number, end: number): OffsetRange {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** Why a command changed nothing: the article's sidecar could not be read in full (store.ts keeps it read-only). */
export function sayReadOnly(label: string): void {
  say(`the annotations of ${label} are read-only: their file could not be read in full (see the log). Add an annotation to replace it (the old file is kept aside), or fix the file.`);
}
