// Tagged passages and verdicts in the editor: a dotted underline in the theme's colour, the verdict and tags after
// the passage, and a mark in the overview ruler. Notes without tags show as comment threads only.
import * as vscode from 'vscode';
import { tagsOf, verdictOf, type Verdict } from '../../core';
import { marksOf } from './comments';
import type { AnnotationStore, ArticleChange } from './store';

type Style = Verdict | 'tagged';

const COLOR: Record<Style, string> = {
  verified: 'seedAnnotator.annotation.verifiedForeground',
  disputed: 'seedAnnotator.annotation.disputedForeground',
  'needs-source': 'seedAnnotator.annotation.needsSourceForeground',
  tagged: 'seedAnnotator.annotation.taggedForeground',
};

export class AnnotationDecorations implements vscode.Disposable {
  private readonly types = new Map<Style, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly store: AnnotationStore) {
    for (const style of Object.keys(COLOR) as Style[]) {
      const color = new vscode.ThemeColor(COLOR[style]);
      const type = vscode.window.createTextEditorDecorationType({
        borderStyle: 'none none dotted none',
        borderWidth: '0 0 1px 0',
        borderColor: color,
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        after: { color, margin: '0 0 0 0.4em', fontStyle: 'italic' },
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.types.set(style, type);
      this.disposables.push(type);
    }
    this.disposables.push(store.onDidChange(this.onStoreChanged), vscode.window.onDidChangeVisibleTextEditors(this.onVisibleEditors));
    this.onVisibleEditors(vscode.window.visibleTextEditors);
  }

  private readonly onStoreChanged = (e: ArticleChange): void => {
    // While typing, the ranges move every keystroke: decorations follow once per frame's worth of changes.
    this.pending.add(e.uri.toString());
    if (!e.rangesOnly) return this.flush();
    if (!this.timer) this.timer = setTimeout(() => this.flush(), 50);
  };

  private readonly onVisibleEditors = (editors: readonly vscode.TextEditor[]): void => {
    for (const editor of editors) this.decorate(editor);
  };

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const keys = new Set(this.pending);
    this.pending.clear();
    for (const editor of vscode.window.visibleTextEditors) if (keys.has(editor.document.uri.toString())) this.decorate(editor);
  }

  private decorate(editor: vscode.TextEditor): void {
    const article = this.store.get(editor.document.uri);
    const byStyle = new Map<Style, vscode.DecorationOptions[]>();
    if (article?.loaded && article.trackedVersion === editor.document.version) {
      for (const entry of article.entries()) {
        if (!entry.range) continue;
        const verdict = verdictOf(entry.annotation);
        const style: Style | undefined = verdict ?? (tagsOf(entry.annotation).length ? 'tagged' : undefined);
        if (!style) continue;
        const range = new vscode.Range(editor.document.positionAt(entry.range.start), editor.document.positionAt(entry.range.end));
        const list = byStyle.get(style) ?? [];
        list.push({ range, renderOptions: { after: { contentText: ` ${marksOf(entry.annotation)}` } } });
        byStyle.set(style, list);
      }
    }
    for (const [style, type] of this.types) editor.setDecorations(type, byStyle.get(style) ?? []);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
