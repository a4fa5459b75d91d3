// One article's annotations as the store holds them (store.ts): the annotations, their live ranges, and
// what the sidecar held when this window last read or wrote it (the base of the merge before each write).
import * as vscode from 'vscode';
import { sidecarNameFor, type SeedAnnotation } from '../../core';

export const SIDECAR_SUFFIX = '.annotations.json';

export interface OffsetRange {
  start: number;
  end: number;
}

/** Why a sidecar could not be read (1-based line and column), while it is still on disk as it was. */
export interface SidecarCorruption {
  message: string;
  line?: number;
  column?: number;
}

/** One annotation with where it is now: `range` in the article's current text, or undefined when orphaned. */
export interface AnnotationEntry {
  article: ArticleAnnotations;
  annotation: SeedAnnotation;
  range: OffsetRange | undefined;
  /** From a sidecar that could not be read fully: shown, not edited, until the file is replaced. */
  readOnly: boolean;
}

/** Why the sidecar is synchronised: the user changed something ('edit'), or the file changed on disk ('disk'). */
export type SyncReason = 'edit' | 'disk';

/** The annotations of one article and their live ranges. */
export class ArticleAnnotations {
  annotations: SeedAnnotation[] = [];
  /** Anchored annotations: id → offsets in the text the store tracks (the open document's, or the file's). */
  readonly ranges = new Map<string, OffsetRange>();
  corrupt: SidecarCorruption | undefined;
  /** The sidecar's text as last read or written by the store (undefined: there is no sidecar). */
  diskText: string | undefined;
  /**
   * What the sidecar held when this window last read it or wrote it (what could be read of it): the base of the
   * three-way merge before each write. An annotation missing from the disk file is deleted only when it is unchanged
   * from this version.
   */
  base: SeedAnnotation[] = [];
  /** The document version the ranges follow, or undefined when they are offsets into the file on disk. */
  trackedVersion: number | undefined;
  loaded = false;
  /** Line starts of the file's text the ranges were anchored in, while the article is not open. */
  lineStarts: number[] = [0];
  loading: Promise<void> | undefined;
  /** The sidecar's syncs run one after another: the last one started (never rejects). */
  writing: Promise<unknown> = Promise.resolve();
  /** The sync waiting behind the running one: later requests join it (it writes whatever memory holds then). */
  queued: { reason: SyncReason; run: Promise<boolean> } | undefined;
  readonly sidecar: vscode.Uri;

  constructor(readonly uri: vscode.Uri) {
    const slash = uri.path.lastIndexOf('/');
    this.sidecar = uri.with({ path: `${uri.path.slice(0, slash + 1)}${sidecarNameFor(uri.path.slice(slash + 1))}` });
  }

  get fileName(): string {
    return this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
  }

  get label(): string {
    return vscode.workspace.asRelativePath(this.uri, false);
  }

  get readOnly(): boolean {
    return this.corrupt !== undefined;
  }

  /** The 1-based line of an offset in the text the ranges follow. */
  lineOf(offset: number): number {
    if (this.trackedVersion !== undefined) {
      const key = this.uri.toString();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
      if (document) return document.positionAt(offset).line + 1;
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  find(id: string): SeedAnnotation | undefined {
    return this.annotations.find((a) => a.id === id);
  }

  entries(): AnnotationEntry[] {
    return this.annotations.map((annotation) => ({ article: this, annotation, range: this.ranges.get(annotation.id), readOnly: this.readOnly }));
  }
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The article a sidecar belongs to ('x.txt.annotations.json' → 'x.txt'), or undefined for another file. */
export function articleOfSidecar(sidecar: vscode.Uri): vscode.Uri | undefined {
  if (!sidecar.path.endsWith(SIDECAR_SUFFIX)) return undefined;
  const path = sidecar.path.slice(0, -SIDECAR_SUFFIX.length);
  return path.endsWith('/') ? undefined : sidecar.with({ path });
}
