// Annotations as comment threads (the Comments API): one thread per anchored annotation of an open article, its
// note as the first comment and its replies after it. VS Code does not move threads when the text changes, so each
// thread's range is set from the store's own tracked range after every edit.
import * as vscode from 'vscode';
import { noteOf, repliesOf, tagsOf, verdictOf, VERDICTS, type SeedAnnotation, type Verdict } from '../../core';
import { AnalysisController } from '../analysis/controller';
import type { AnnotationEntry, AnnotationStore, ArticleChange, OffsetRange } from './store';

export const COMMENT_CONTROLLER_ID = 'seed-annotations';

export const VERDICT_MARK: Record<Verdict, string> = { verified: '✓', disputed: '✗', 'needs-source': '?' };

export function verdictLabel(verdict: Verdict): string {
  return `${VERDICT_MARK[verdict]} ${(VERDICTS.find((v) => v.verdict === verdict)?.label ?? verdict).toLowerCase()}`;
}

/** "✓ verified · #needs source · #wire copy": the verdict and tags of an annotation, or ''. */
export function marksOf(annotation: SeedAnnotation): string {
  const verdict = verdictOf(annotation);
  return [...(verdict ? [verdictLabel(verdict)] : []), ...tagsOf(annotation).map((t) => `#${t}`)].join(' · ');
}

/** A comment of a thread: the annotation's note (replyIndex -1) or one of its replies. */
export class AnnotationComment implements vscode.Comment {
  body: string | vscode.MarkdownString;
  mode = vscode.CommentMode.Preview;
  author: vscode.CommentAuthorInformation;
  contextValue: string;
  label: string | undefined;
  timestamp: Date | undefined;
  /** The reply's `created` and `creator` as stored (with `text`, how the reply is found again in the annotation). */
  readonly created: string | undefined;
  readonly creator: string | undefined;

  constructor(
    readonly thread: vscode.CommentThread,
    readonly uri: vscode.Uri,
    readonly annotationId: string,
    readonly replyIndex: number,
    /** The text the comment was made with (what editing starts from). */
    readonly text: string,
    /** What the comment shows when not being edited (and again after Cancel). */
    readonly shown: string | vscode.MarkdownString,
    author: string | undefined,
    created: string | undefined,
    readOnly: boolean,
    /** Who the comment says it is from when nobody signed it: what the first comment holds ("Note", "Verdict", "Tags"). */
    unsigned = replyIndex < 0 ? 'Note' : 'Reply',
  ) {
    this.body = shown;
    this.created = created;
    this.creator = author;
    this.author = { name: author || unsigned };
    this.contextValue = `${replyIndex < 0 ? 'note' : 'reply'}${readOnly ? '.readonly' : ''}`;
    const time = created ? new Date(created) : undefined;
    this.timestamp = time && !Number.isNaN(time.getTime()) ? time : undefined;
  }
}

interface ThreadRecord {
  thread: vscode.CommentThread;
  /** What the comments were made from: they are rebuilt only when it changes. */
  contentKey: string;
  range: OffsetRange;
}

export class AnnotationComments implements vscode.Disposable {
  readonly controller = vscode.comments.createCommentController(COMMENT_CONTROLLER_ID, 'Seed Annotator annotations');
  /** document uri → annotation id → thread */
  private readonly threads = new Map<string, Map<string, ThreadRecord>>();
  private readonly disposables: vscode.Disposable[] = [this.controller];
  /** Threads to show expanded when they are created (a note just written). */
  private readonly expand = new Set<string>();

  constructor(
    private readonly store: AnnotationStore,
  ) {
    this.controller.options = { placeHolder: 'A note on these words, or a reply…', prompt: 'Reply…' };
    this.disposables.push(
      store.onDidChange(this.onStoreChanged),
      vscode.workspace.onDidCloseTextDocument(this.onDidClose),
      vscode.window.onDidChangeVisibleTextEditors(this.onVisibleEditors),
    );
    this.onVisibleEditors(vscode.window.visibleTextEditors);
  }

  /**
   * The commenting range provider is set only while an article is visible. VS Code asks every comment controller
   * with a provider about each document it loads (settings files included), and opens that document in the extension
   * host first, which keeps it loaded for a while; without an article on screen there is nothing to ask about.
   */
  private readonly onVisibleEditors = (editors: readonly vscode.TextEditor[]): void => {
    const wanted = editors.some((e) => AnalysisController.isSeed(e.document));
    if (wanted === !!this.controller.commentingRangeProvider) return;
    this.controller.commentingRangeProvider = wanted ? { provideCommentingRanges: this.provideCommentingRanges } : undefined;
  };

  /** Every line with text in a seed article can take a new note. */
  private readonly provideCommentingRanges = (document: vscode.TextDocument): vscode.Range[] => {
    if (!AnalysisController.isSeed(document)) return [];
    if (document.lineCount === 0) return [];
    return [new vscode.Range(0, 0, document.lineCount - 1, document.lineAt(document.lineCount - 1).text.length)];
  };

  private readonly onStoreChanged = (e: ArticleChange): void => {
    this.sync(e.uri, e.rangesOnly);
  };

  private readonly onDidClose = (document: vscode.TextDocument): void => {
    this.disposeThreads(document.uri.toString());
  };

  /** The threads on a document (for tests and commands). */
  threadsOf(uri: vscode.Uri): vscode.CommentThread[] {
    return [...(this.threads.get(uri.toString())?.values() ?? [])].map((r) => r.thread);
  }

  /** The annotation id of a thread this controller made. */
  annotationOf(thread: vscode.CommentThread): string | undefined {
    for (const [id, record] of this.threads.get(thread.uri.toString()) ?? []) if (record.thread === thread) return id;
    return undefined;
  }

  /** Show the thread of this annotation expanded once it exists. */
  expandWhenShown(id: string): void {
    this.expand.add(id);
    for (const records of this.threads.values()) {
      const record = records.get(id);
      if (record) {
        record.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
        this.expand.delete(id);
      }
    }
  }

  /** Brings the threads of one document in line with the store. */
  sync(uri: vscode.Uri, rangesOnly = false): void {
    const key = uri.toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
    const article = this.store.get(uri);
    if (!document || !article?.loaded || article.trackedVersion === undefined) {
      this.disposeThreads(key);
      return;
    }
    let records = this.threads.get(key);
    if (!records) this.threads.set(key, (records = new Map<string, ThreadRecord>()));
    const length = AnalysisController.lengthOf(document);
    const live = new Set<string>();
    for (const entry of article.entries()) {
      const range = entry.range;
      if (!range || range.end > length) continue;
      live.add(entry.annotation.id);
      const record = records.get(entry.annotation.id);
      const vsRange = new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
      if (!record) {
        const thread = this.controller.createCommentThread(uri, vsRange, []);
        const created: ThreadRecord = { thread, contentKey: '', range: { ...range } };
        records.set(entry.annotation.id, created);
        this.fill(created, entry);
        const expanded = this.expand.delete(entry.annotation.id);
        thread.collapsibleState = expanded ? vscode.CommentThreadCollapsibleState.Expanded : vscode.CommentThreadCollapsibleState.Collapsed;
        continue;
      }
      if (record.range.start !== range.start || record.range.end !== range.end) {
        record.thread.range = vsRange;
        record.range = { ...range };
      }
      if (!rangesOnly) this.fill(record, entry);
    }
    for (const [id, record] of records) {
      if (live.has(id)) continue;
      record.thread.dispose();
      records.delete(id);
    }
  }

  /** Sets a thread's comments, label and context from its annotation (only when they changed). */
  private fill(record: ThreadRecord, entry: AnnotationEntry): void {
    const a = entry.annotation;
    const contentKey = JSON.stringify([a.modified, a.body, a.creator, entry.readOnly]);
    if (contentKey === record.contentKey) return;
    record.contentKey = contentKey;
    const { thread } = record;
    const note = noteOf(a);
    const marks = marksOf(a);
    // Without a note, the first comment shows what the annotation is: its verdict, or its tags. Plain text, as
    // markdown would make "#needs source" a heading.
    const shown = note ?? (marks || '(no note)');
    const unsigned = note !== undefined ? 'Note' : verdictOf(a) ? 'Verdict' : tagsOf(a).length ? 'Tags' : 'Note';
    const comments = [new AnnotationComment(thread, thread.uri, a.id, -1, note ?? '', shown, a.creator, a.created, entry.readOnly, unsigned)];
    repliesOf(a).forEach((r, i) => comments.push(new AnnotationComment(thread, thread.uri, a.id, i, r.value, r.value, r.creator, r.created, entry.readOnly)));
    thread.comments = comments;
    thread.label = marks || 'Note';
    thread.contextValue = entry.readOnly ? 'annotation.readonly' : 'annotation';
    thread.canReply = !entry.readOnly;
  }

  /** Rebuilds a thread's comments with one of them in editing mode (or none). */
  setEditing(comment: AnnotationComment, editing: boolean): void {
    const thread = comment.thread;
    thread.comments = thread.comments.map((c) => {
      if (c !== comment) return c;
      const ac = c as AnnotationComment;
      ac.mode = editing ? vscode.CommentMode.Editing : vscode.CommentMode.Preview;
      ac.body = editing ? ac.text : ac.shown;
      return ac;
    });
  }

  /** Forgets the cached content of an annotation's thread, so the next sync rebuilds its comments. */
  refreshThread(uri: vscode.Uri, id: string): void {
    const record = this.threads.get(uri.toString())?.get(id);
    if (record) record.contentKey = '';
    this.sync(uri);
  }

  private disposeThreads(key: string): void {
    const records = this.threads.get(key);
    if (!records) return;
    for (const record of records.values()) record.thread.dispose();
    this.threads.delete(key);
  }

  dispose(): void {
    for (const key of [...this.threads.keys()]) this.disposeThreads(key);
    for (const d of this.disposables) d.dispose();
  }
}
