// The annotations UI: Annotate Selection…, the verdict commands on claims, Delete / Re-attach / Edit Note, Export
// Annotations…, the comment threads' reply, edit and delete actions, the Annotations view and the editor
// decorations. extension.ts registers the commands; the store (store.ts) reads and writes the sidecars; targets.ts
// finds what a command is about when its argument does not say.
import * as vscode from 'vscode';
import {
  createAnnotation,
  noteOf,
  reanchored,
  repliesOf,
  tagsOf,
  verdictOf,
  withNote,
  withoutReply,
  withReply,
  withTags,
  withVerdict,
  otherVersionOf,
  OTHER_VERSION_TAG,
  type TextualBody,
  type SeedAnnotation,
  type Verdict,
} from '../../core';
import { AnalysisController } from '../analysis/controller';
import { AnnotationComment, AnnotationComments, verdictLabel } from './comments';
import { AnnotationDecorations } from './decorations';
import { AnnotationStore, type AnnotationEntry } from './store';
import { ANNOTATIONS_VIEW_ID, AnnotationsTreeProvider, quoteOf, type AnnotationsNode } from './view';
import { quoted, shorten } from '../displayText';
import { bodyText, fileNameOf, isAnnotateOptions, isCommentReply, newId, now, replyOf, say, sayReadOnly, trimmed } from './args';
import { exportAnnotations } from './export';
import type { PendingWrites } from './pendingWrites';
import { pickTags } from './tags';
import { annotationTarget, claimTarget } from './targets';
export { BUILT_IN_TAGS } from './tags';
export type { AnnotateOptions } from './args';

/** What tests (and other extensions) can see of the annotations. */
export interface AnnotationsApi {
  /** Resolves once every sidecar of the workspace was read. */
  ready(): Promise<void>;
  readonly store: AnnotationStore;
  readonly tree: AnnotationsTreeProvider;
  readonly view: vscode.TreeView<AnnotationsNode>;
  /** The comment threads on an open article. */
  threadsOf(uri: vscode.Uri): vscode.CommentThread[];
  /** Resolves when every sidecar write started so far has finished. */
  flushed(): Promise<void>;
}

export class AnnotationsFeature implements vscode.Disposable {
  readonly store: AnnotationStore;
  readonly comments: AnnotationComments;
  readonly tree: AnnotationsTreeProvider;
  readonly view: vscode.TreeView<AnnotationsNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly controller: AnalysisController,
    private readonly log: vscode.LogOutputChannel,
    writes: PendingWrites,
  ) {
    this.store = new AnnotationStore(log, writes);
    this.comments = new AnnotationComments(this.store);
    this.tree = new AnnotationsTreeProvider(this.store);
    this.view = vscode.window.createTreeView(ANNOTATIONS_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    this.tree.attach(this.view);
    this.disposables.push(this.store, this.comments, this.tree, this.view, new AnnotationDecorations(this.store));
    void this.store.ready().then(undefined, (error) => log.error(`Reading annotations failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  get api(): AnnotationsApi {
    return {
      ready: () => this.store.ready(),
      store: this.store,
      tree: this.tree,
      view: this.view,
      threadsOf: (uri) => this.comments.threadsOf(uri),
      flushed: () => this.store.flushed(),
    };
  }

  /** The verdict shown on a claim in the Claims view and its hover. */
  verdictFor = (uri: vscode.Uri, claimId: string): { verdict: Verdict; label: string; note?: string } | undefined => {
    const found = this.store.verdictFor(uri, claimId);
    return found && { verdict: found.verdict, label: verdictLabel(found.verdict), note: noteOf(found.annotation) };
  };

  private get author(): string | undefined {
    const name = vscode.workspace.getConfiguration('seedAnnotator').get<string>('annotations.author');
    return typeof name === 'string' && name.trim() ? name.trim() : undefined;
  }

  // ---- Annotate Selection… -------------------------------------------------------------------------------------

  /** A note and tags on the selected words: from the argument, or an input box and a quick pick. */
  annotateSelection = async (options?: unknown): Promise<SeedAnnotation | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !AnalysisController.isSeed(editor.document)) {
      say('open a seed article and select the words to annotate.');
      return undefined;
    }
    const document = editor.document;
    if (editor.selection.isEmpty) {
      say('select the words to annotate first.');
      return undefined;
    }
    const version = document.version;
    const range = trimmed(document.getText(), document.offsetAt(editor.selection.start), document.offsetAt(editor.selection.end));
    if (range.start === range.end) {
      say('the selection is only white space; select the words to annotate.');
      return undefined;
    }
    const quote = document.getText().slice(range.start, range.end);
    let note: string | undefined;
    let tags: string[] | undefined;
    if (isAnnotateOptions(options)) {
      note = options.note;
      tags = options.tags?.filter((t): t is string => typeof t === 'string');
    } else {
      note = await vscode.window.showInputBox({
        title: `Annotate ${quoted(quote.replace(/\s+/g, ' '), 52)}`,
        prompt: 'A note on these words (leave it empty to add tags only). Tags come next.',
        placeHolder: 'For example: the figure is from 2019; check the ministry’s latest report',
      });
      if (note === undefined) return undefined;
      tags = await pickTags(this.store, []);
      if (tags === undefined) return undefined;
    }
    if (!note?.trim() && !tags?.length) {
      say('nothing was saved: write a note or pick a tag.');
      return undefined;
    }
    if (document.isClosed || document.version !== version) {
      say('the article changed while you were annotating; select the words again.');
      return undefined;
    }
    const annotation = createAnnotation({ text: document.getText(), ...range, source: fileNameOf(document.uri), id: newId(), now: now(), note, tags, creator: this.author });
    if (noteOf(annotation)) this.comments.expandWhenShown(annotation.id);
    const saved = await this.store.add(document.uri, annotation, range);
    if (saved) vscode.window.setStatusBarMessage(`$(comment) Annotated ${quoted(quote.replace(/\s+/g, ' '), 42)}`, 3000);
    return annotation;
  };

  // ---- verdicts on claims --------------------------------------------------------------------------------------

  /** Mark Claim as Verified / Disputed / Needs Source: the claims tree item it was run on, or the claim at the cursor. */
  markClaim = (verdict: Verdict) => async (node?: unknown): Promise<SeedAnnotation | undefined> => {
    const target = await claimTarget(this.controller, node);
    if (!target) {
      say('put the cursor in a claim’s sentence, or pick a claim in the Claims view, to mark it.');
      return undefined;
    }
    const { document, claim, range } = target;
    const article = await this.store.load(document.uri);
    if (article.readOnly) {
      sayReadOnly(article.label);
      return undefined;
    }
    const existing = this.store.verdictFor(document.uri, claim.id);
    if (existing?.verdict === verdict) {
      say(`this claim is already marked ${verdictLabel(verdict)}.`);
      return existing.annotation;
    }
    let annotation: SeedAnnotation | undefined;
    if (existing) {
      annotation = await this.store.update(document.uri, existing.annotation.id, (current) => withVerdict(current, verdict, now()), { ifGone: existing.annotation });
      if (!annotation) {
        sayReadOnly(article.label);
        return undefined;
      }
    } else {
      annotation = createAnnotation({ text: document.getText(), ...range, source: fileNameOf(document.uri), id: newId(), now: now(), verdict, claimId: claim.id, creator: this.author });
      await this.store.add(document.uri, annotation, range);
    }
    vscode.window.setStatusBarMessage(`Seed Annotator: marked the claim ${verdictLabel(verdict)}: ${shorten(claim.text, 50)}`, 4000);
    return annotation;
  };

  // ---- one annotation ------------------------------------------------------------------------------------------

  /** Deletes an annotation; the message offers Undo. */
  deleteAnnotation = async (arg?: unknown): Promise<SeedAnnotation | undefined> => {
    const entry = await annotationTarget(this.store, this.comments, arg, 'delete it');
    if (!entry) return undefined;
    if (entry.readOnly) {
      sayReadOnly(entry.article.label);
      return undefined;
    }
    const gone = await this.store.remove(entry.article.uri, entry.annotation.id);
    if (!gone) return undefined;
    void vscode.window.showInformationMessage(`Seed Annotator: deleted the annotation on ${quoted(quoteOf(entry), 52)}.`, 'Undo').then(async (choice) => {
      if (choice === 'Undo') await this.store.restore(entry.article.uri, gone);
    });
    return gone;
  };

  /** Moves an annotation (an orphaned one, usually) to the active editor's selection in its article. */
  reattachAnnotation = async (arg?: unknown): Promise<SeedAnnotation | undefined> => {
    let entry: AnnotationEntry | undefined;
    if (arg !== undefined && !(arg instanceof vscode.Uri)) entry = await annotationTarget(this.store, this.comments, arg, 're-attach it');
    else {
      const editor = vscode.window.activeTextEditor;
      const orphans = editor ? (await this.store.load(editor.document.uri), this.store.entries(editor.document.uri).filter((e) => !e.range)) : this.tree.orphans();
      if (!orphans.length) {
        say(editor ? 'this article has no orphaned annotations to re-attach.' : 'there are no orphaned annotations to re-attach.');
        return undefined;
      }
      entry =
        orphans.length === 1
          ? orphans[0]
          : (await vscode.window.showQuickPick(orphans.map((e) => ({ label: quoted(quoteOf(e), 72), description: noteOf(e.annotation) ?? '', entry: e })), { title: 'Re-attach which annotation to the selection?' }))?.entry;
    }
    if (!entry) return undefined;
    if (entry.readOnly) {
      sayReadOnly(entry.article.label);
      return undefined;
    }
    const editor = vscode.window.activeTextEditor;
    const inArticle = editor && editor.document.uri.toString() === entry.article.uri.toString();
    const range = inArticle ? trimmed(editor.document.getText(), editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)) : undefined;
    if (!inArticle || !range || range.start === range.end) {
      if (!inArticle) await vscode.window.showTextDocument(entry.article.uri, { preview: true });
      say(`select the words the annotation belongs to in ${entry.article.label} (it was on ${quoted(quoteOf(entry), 52)}), then choose Re-attach Annotation to Selection again.`);
      return undefined;
    }
    const text = editor.document.getText();
    const updated = await this.store.update(entry.article.uri, entry.annotation.id, (current) => reanchored(current, text, range.start, range.end, now()), { range, ifGone: entry.annotation });
    if (!updated) return undefined;
    vscode.window.setStatusBarMessage(`$(link) Re-attached the annotation to ${quoted(text.slice(range.start, range.end), 42)}`, 3000);
    return updated;
  };

  /** Edit Annotation Note…: an input box with the note (empty removes it). */
  editNote = async (arg?: unknown): Promise<SeedAnnotation | undefined> => {
    const entry = await annotationTarget(this.store, this.comments, arg, 'edit its note');
    if (!entry) return undefined;
    if (entry.readOnly) {
      sayReadOnly(entry.article.label);
      return undefined;
    }
    const note = await vscode.window.showInputBox({ title: `Note on ${quoted(quoteOf(entry), 52)}`, value: noteOf(entry.annotation) ?? '', prompt: 'The note (empty removes it)' });
    if (note === undefined) return undefined;
    return this.setNote(entry, note, noteOf(entry.annotation));
  };

  /** Edit Annotation Tags…: the tag list with checkboxes. */
  editTags = async (arg?: unknown): Promise<SeedAnnotation | undefined> => {
    const entry = await annotationTarget(this.store, this.comments, arg, 'edit its tags');
    if (!entry) return undefined;
    if (entry.readOnly) {
      sayReadOnly(entry.article.label);
      return undefined;
    }
    const shown = tagsOf(entry.annotation);
    const picked = await pickTags(this.store, shown);
    if (picked === undefined) return undefined;
    // What the user changed, applied to the tags as they are now (a reload or another window may have changed them).
    const added = picked.filter((t) => !shown.includes(t));
    const removed = new Set(shown.filter((t) => !picked.includes(t)));
    return this.change(entry, (current) => withTags(current, [...tagsOf(current).filter((t) => !removed.has(t)), ...added], now()));
  };

  private isEmpty(a: SeedAnnotation): boolean {
    return !noteOf(a) && !tagsOf(a).length && !verdictOf(a) && !repliesOf(a).length;
  }

  /**
   * Changes the annotation as it is now (store.update), not the `entry` a command started from: an input box may have
   * been open meanwhile. An annotation left with nothing in it goes (with Undo).
   */
  private async change(entry: AnnotationEntry, edit: (current: SeedAnnotation) => SeedAnnotation | undefined): Promise<SeedAnnotation | undefined> {
    let emptied = false;
    const updated = await this.store.update(
      entry.article.uri,
      entry.annotation.id,
      (current) => {
        const next = edit(current);
        if (next && this.isEmpty(next)) {
          emptied = true;
          return undefined;
        }
        return next;
      },
      { ifGone: entry.annotation },
    );
    if (emptied) {
      await this.deleteAnnotation(entry.annotation.id);
      return undefined;
    }
    if (!updated && this.store.get(entry.article.uri)?.readOnly) sayReadOnly(entry.article.label);
    this.comments.refreshThread(entry.article.uri, entry.annotation.id);
    return updated;
  }

  /**
   * The new note, on the annotation as it is now. `shown` is the note the user started from (the input box's or the
   * comment's). When the note was changed elsewhere meanwhile, the user's note is kept and so is the other one: as the
   * other version of the annotation, tagged as a merge conflict's is (see mergeAnnotations).
   */
  private async setNote(entry: AnnotationEntry, note: string, shown: string | undefined): Promise<SeedAnnotation | undefined> {
    let other: SeedAnnotation | undefined;
    const updated = await this.change(entry, (current) => {
      const theirs = noteOf(current) ?? '';
      if (theirs && theirs !== (shown ?? '') && theirs !== note) other = otherVersionOf(current, newId());
      return withNote(current, note, now());
    });
    if (other && updated) {
      await this.store.add(entry.article.uri, other, this.store.entryById(entry.annotation.id)?.range);
      this.log.warn(`${entry.article.label}: the note of annotation ${entry.annotation.id} was changed elsewhere while you edited it; both notes are kept (the other as ${other.id}, tagged “${OTHER_VERSION_TAG}”)`);
      void vscode.window.showInformationMessage(`Seed Annotator: that note was also changed elsewhere while you edited it. Both are kept; the other one is tagged “${OTHER_VERSION_TAG}”.`);
    }
    return updated;
  }

  /** Opens the annotation's article with its words selected (an orphaned one: the article, and what to do). */
  reveal = async (arg?: unknown): Promise<void> => {
    const entry = await annotationTarget(this.store, this.comments, arg, 'reveal it');
    if (!entry) return;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(entry.article.uri);
    } catch {
      say(`${entry.article.label} could not be opened; it may have been moved or deleted. Its annotations are kept in ${vscode.workspace.asRelativePath(entry.article.sidecar, false)}.`);
      return;
    }
    await this.store.load(document.uri);
    const range = this.store.entryById(entry.annotation.id)?.range;
    if (!range) {
      await vscode.window.showTextDocument(document, { preview: true });
      say(`the words of this annotation (${quoted(quoteOf(entry), 62)}) are no longer in ${entry.article.label}. Select the words it belongs to and choose Re-attach Annotation to Selection, or delete it.`);
      return;
    }
    const selection = new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
    const editor = await vscode.window.showTextDocument(document, { selection, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  // ---- comment threads -----------------------------------------------------------------------------------------

  /** The first note of a new thread (the + in the gutter): a new annotation on the thread's words or line. */
  createNote = async (reply?: unknown): Promise<SeedAnnotation | undefined> => {
    if (!isCommentReply(reply)) {
      say('write a note in a comment thread of an article, or use Annotate Selection….');
      return undefined;
    }
    const id = this.comments.annotationOf(reply.thread);
    if (id) return this.reply(reply);
    if (!reply.text.trim()) {
      say('write the note first.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(reply.thread.uri);
    const text = document.getText();
    const r = reply.thread.range ?? new vscode.Range(0, 0, 0, 0);
    let range = trimmed(text, document.offsetAt(r.start), document.offsetAt(r.end));
    if (range.start === range.end) {
      // A click in the gutter: the whole line (or lines).
      range = trimmed(text, document.offsetAt(document.lineAt(r.start.line).range.start), document.offsetAt(document.lineAt(r.end.line).range.end));
    }
    if (range.start === range.end) {
      say('there are no words on that line to annotate.');
      return undefined;
    }
    const annotation = createAnnotation({ text, ...range, source: fileNameOf(document.uri), id: newId(), now: now(), note: reply.text, creator: this.author });
    reply.thread.dispose();
    this.comments.expandWhenShown(annotation.id);
    await this.store.add(document.uri, annotation, range);
    return annotation;
  };

  reply = async (reply?: unknown): Promise<SeedAnnotation | undefined> => {
    if (!isCommentReply(reply)) return undefined;
    const id = this.comments.annotationOf(reply.thread);
    if (!id) return this.createNote(reply);
    const entry = this.store.entryById(id);
    if (!entry) return undefined;
    if (entry.readOnly) {
      sayReadOnly(entry.article.label);
      return undefined;
    }
    if (!reply.text.trim()) return undefined;
    return this.store.update(entry.article.uri, id, (current) => withReply(current, { value: reply.text, creator: this.author }, now()), { ifGone: entry.annotation });
  };

  editComment = (comment?: unknown): void => {
    if (comment instanceof AnnotationComment) this.comments.setEditing(comment, true);
  };

  cancelEdit = (comment?: unknown): void => {
    if (comment instanceof AnnotationComment) this.comments.setEditing(comment, false);
  };

  saveComment = async (comment?: unknown): Promise<SeedAnnotation | undefined> => {
    if (!(comment instanceof AnnotationComment)) return undefined;
    const entry = this.store.entryById(comment.annotationId);
    if (!entry || entry.readOnly) {
      this.comments.setEditing(comment, false);
      if (entry) sayReadOnly(entry.article.label);
      return undefined;
    }
    const text = bodyText(comment.body);
    if (comment.replyIndex < 0) return this.setNote(entry, text, comment.text);
    if (!text.trim()) return this.deleteComment(comment);
    return this.change(entry, (current) => {
      const reply = replyOf(current, comment);
      // Deleted or changed elsewhere while it was edited: the user's version is added (the other one stays).
      const edited: TextualBody = reply ? { ...reply, value: text } : { type: 'TextualBody', value: text, purpose: 'replying', format: 'text/plain', created: now(), ...(this.author ? { creator: this.author } : {}) };
      return { ...current, modified: now(), body: reply ? current.body.map((b) => (b === reply ? edited : b)) : [...current.body, edited] };
    });
  };

  /** Deletes a reply, or the note (the annotation too when nothing else is left in it). */
  deleteComment = async (comment?: unknown): Promise<SeedAnnotation | undefined> => {
    if (!(comment instanceof AnnotationComment)) return undefined;
    const entry = this.store.entryById(comment.annotationId);
    if (!entry) return undefined;
    if (entry.readOnly) {
      sayReadOnly(entry.article.label);
      return undefined;
    }
    if (comment.replyIndex < 0) return this.setNote(entry, '', comment.text);
    return this.change(entry, (current) => {
      const reply = replyOf(current, comment);
      return reply ? withoutReply(current, repliesOf(current).indexOf(reply), now()) : undefined;
    });
  };

  /** Export Annotations… (export.ts). */
  exportAnnotations = (target?: unknown): Promise<vscode.Uri | undefined> => exportAnnotations(this.store, this.log, target);

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
