// What an annotations command is about: the claim a verdict goes on (a Claims view item, or the claim at the cursor)
// and the annotation a command changes (a tree item, comment thread, comment or id; else the one at the cursor). The
// commands (feature.ts) ask the user through these when the argument does not say.
import * as vscode from 'vscode';
import { noteOf, tagsOf, verdictOf, type Claim } from '../../core';
import { AnalysisController } from '../analysis/controller';
import { quoted, shorten } from '../displayText';
import { isClaimNode, isCommentThread, say, trimmed } from './args';
import { AnnotationComment, verdictLabel, type AnnotationComments } from './comments';
import type { AnnotationEntry, AnnotationStore, OffsetRange } from './store';
import { isAnnotationNode, quoteOf } from './view';

/** A claim to put a verdict on, with the range of its words in the document's current text. */
export interface ClaimTarget {
  document: vscode.TextDocument;
  claim: Claim;
  range: OffsetRange;
}

/** The claim a verdict command is about: the Claims view item it was run on, or the claim at the cursor. */
export async function claimTarget(controller: AnalysisController, node: unknown): Promise<ClaimTarget | undefined> {
  let document: vscode.TextDocument | undefined;
  let claim: Claim | undefined;
  if (isClaimNode(node)) {
    try {
      document = await vscode.workspace.openTextDocument(node.entry.uri);
    } catch {
      say(`${vscode.workspace.asRelativePath(node.entry.uri)} could not be opened; it may have been deleted.`);
      return undefined;
    }
    const doc = document;
    const fresh = AnalysisController.isSeed(doc) ? controller.safely(() => controller.resultFor(doc))?.claims : undefined;
    claim = fresh?.find((c) => c.id === node.entry.claim.id) ?? node.entry.claim;
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !AnalysisController.isSeed(editor.document)) return undefined;
    const doc = (document = editor.document);
    const claims = controller.safely(() => controller.resultFor(doc))?.claims ?? [];
    const offset = doc.offsetAt(editor.selection.active);
    claim = claims.find((c) => c.start <= offset && offset < c.end) ?? claims.find((c) => c.start <= offset && offset <= c.end);
  }
  if (!document || !claim) return undefined;
  const text = document.getText();
  let range: OffsetRange = { start: claim.start, end: claim.end };
  if (text.slice(claim.start, claim.end) !== claim.text) {
    // The article changed since the claim was read: find its words again.
    const at = text.indexOf(claim.text);
    if (at < 0) {
      say('the claim’s sentence is no longer in the article; refresh the Claims view and try again.');
      return undefined;
    }
    range = { start: at, end: at + claim.text.length };
  }
  return { document, claim, range: trimmed(text, range.start, range.end) };
}

/** The annotation a command is about: its tree item, comment thread, comment or id; else the one at the cursor. */
export async function annotationTarget(store: AnnotationStore, comments: AnnotationComments, arg: unknown, what: string, filter: (e: AnnotationEntry) => boolean = () => true): Promise<AnnotationEntry | undefined> {
  let id: string | undefined;
  if (isAnnotationNode(arg)) id = arg.entry.annotation.id;
  else if (arg instanceof AnnotationComment) id = arg.annotationId;
  else if (isCommentThread(arg)) id = comments.annotationOf(arg);
  else if (typeof arg === 'string') id = arg;
  if (id) {
    const entry = store.entryById(id);
    if (!entry) say('that annotation no longer exists.');
    return entry;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || !AnalysisController.isSeed(editor.document)) {
    say(`open an article and put the cursor in an annotated passage, or pick an annotation in the Annotations view, to ${what}.`);
    return undefined;
  }
  const document = editor.document;
  await store.load(document.uri);
  const offset = document.offsetAt(editor.selection.active);
  const all = store.entries(document.uri).filter(filter);
  const candidates = all.filter((e) => e.range && e.range.start <= offset && offset <= e.range.end);
  if (!candidates.length) {
    say(all.length ? `there is no annotation under the cursor; put it in an annotated passage to ${what}.` : `this article has no annotations to ${what.replace(/ (it|them)$/, '')}.`);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const pick = await vscode.window.showQuickPick(
    candidates.map((entry) => ({ label: noteOf(entry.annotation) !== undefined ? shorten(noteOf(entry.annotation)!, 70) : quoted(quoteOf(entry), 70), description: [verdictOf(entry.annotation) ? verdictLabel(verdictOf(entry.annotation)!) : '', ...tagsOf(entry.annotation).map((t) => `#${t}`)].filter(Boolean).join(' '), detail: shorten(quoteOf(entry), 100), entry })),
    { title: `Which annotation? (${what})` },
  );
  return pick?.entry;
}
