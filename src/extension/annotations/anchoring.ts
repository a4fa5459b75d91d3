// Where an article's annotations are in a text, and how their ranges follow the text as it changes: the store
// (store.ts) calls these with the text it tracks (the open document's, or the file's). Nothing here reads files or
// fires events; each function changes `article.ranges` (and, on save, the annotations' selectors) only.
import { anchorAll, anchorAnnotation, mapRangeThroughChange, reanchored } from '../../core';
import { lineStartsOf, type ArticleAnnotations, type OffsetRange } from './article';

/** One edit of a document, as VS Code reports it (TextDocumentContentChangeEvent's offsets). */
export interface TextEdit {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** Anchors every annotation in `text`; `version` is the open document's (undefined: the file's text). */
export function anchorIn(article: ArticleAnnotations, text: string, version: number | undefined): void {
  article.ranges.clear();
  for (const { annotation, anchor } of anchorAll(text, article.annotations)) {
    if (!('orphaned' in anchor)) article.ranges.set(annotation.id, { start: anchor.start, end: anchor.end });
  }
  article.trackedVersion = version;
  // The document answers line questions while it is open; the file's text is kept as its line starts.
  article.lineStarts = version === undefined ? lineStartsOf(text) : [0];
  article.loaded = true;
}

/** Anchors the article's orphaned annotations in `text` where they can be found; true when any was. */
export function placeOrphans(article: ArticleAnnotations, text: string): boolean {
  let placed = false;
  for (const annotation of article.annotations) {
    if (article.ranges.has(annotation.id)) continue;
    const anchor = anchorAnnotation(text, annotation);
    if ('orphaned' in anchor) continue;
    article.ranges.set(annotation.id, { start: anchor.start, end: anchor.end });
    placed = true;
  }
  return placed;
}

/** Finds these annotations again in `text` (they came from disk or moved there); the ones not found are orphaned. */
export function placeIn(article: ArticleAnnotations, text: string, ids: ReadonlySet<string>): void {
  for (const annotation of article.annotations) {
    if (!ids.has(annotation.id)) continue;
    const anchor = anchorAnnotation(text, annotation);
    if ('orphaned' in anchor) article.ranges.delete(annotation.id);
    else article.ranges.set(annotation.id, { start: anchor.start, end: anchor.end });
  }
}

/** Moves the ranges through a document's edits; true when an annotation lost all its words (it is orphaned now). */
export function followEdits(article: ArticleAnnotations, edits: readonly TextEdit[]): boolean {
  let lost = false;
  for (const [id, range] of article.ranges) {
    let current: OffsetRange | undefined = range;
    for (const change of edits) {
      current = mapRangeThroughChange(current, { start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, newLength: change.text.length });
      if (!current) break;
    }
    if (current && current.end > current.start) article.ranges.set(id, current);
    else {
      article.ranges.delete(id);
      lost = true;
    }
  }
  return lost;
}

/** Rewrites the anchored annotations' selectors to match the saved `text`; true when any changed. */
export function reanchorForSave(article: ArticleAnnotations, text: string): boolean {
  let changed = false;
  article.annotations = article.annotations.map((annotation) => {
    const range = article.ranges.get(annotation.id);
    if (!range) return annotation;
    const fresh = reanchored(annotation, text, range.start, range.end);
    if (JSON.stringify(fresh.target.selector) === JSON.stringify(annotation.target.selector)) return annotation;
    changed = true;
    return fresh;
  });
  return changed;
}
