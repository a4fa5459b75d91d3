// List Duplicates: every repeated passage of a set of articles, inside one article (each later copy, pointing at the
// earlier one) and across articles (once per pair). The editor's List Duplicates and the CLI's `duplicates` both
// build it here, from the same repeats the analysis reports (findRepeatsWithin, and the records of repeats across).
import { DEFAULT_DUPLICATE_OPTIONS, findRepeatsWithin, type DuplicateOptions } from './duplicates';
import { findCorpusRepeats, type CorpusDocument } from './corpus';
import { LineIndex } from './text';
import type { DuplicateRecord } from './types';

/** One repeated passage: where it is (1-based lines), where its other copy is, and how alike they are. */
export interface ListedDuplicate {
  path: string;
  line: number;
  endLine: number;
  /** The other copy: the earlier one in the same article, or the copy in another article. */
  other: { path: string; line: number; endLine: number };
  words: number;
  similarity: number;
}

export class DuplicateList {
  readonly entries: ListedDuplicate[] = [];
  /** Pairs across articles already listed (each is found from both sides). */
  private readonly pairs = new Set<string>();

  constructor(private readonly options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS) {}

  /**
   * Adds an article's repeats: those inside its text (found with `options`: its own folder's settings in a multi-root
   * workspace), and `across`, its records of repeats in other articles.
   */
  add(path: string, text: string, across: readonly DuplicateRecord[], options = this.options): void {
    const lines = LineIndex.ofText(text);
    const lineOf = (offset: number) => lines.lineOf(offset) + 1;
    for (const m of findRepeatsWithin(text, options)) {
      const other = { path, line: lineOf(m.otherStart), endLine: lineOf(Math.max(m.otherStart, m.otherEnd - 1)) };
      this.entries.push({ path, line: lineOf(m.start), endLine: lineOf(Math.max(m.start, m.end - 1)), other, words: m.words, similarity: m.similarity });
    }
    for (const r of across) {
      const otherPath = r.of.path ?? path;
      const pair = `${[path, otherPath].sort().join('\u0000')}:${Math.min(r.start, r.of.start)}`;
      if (this.pairs.has(pair)) continue;
      this.pairs.add(pair);
      this.entries.push({ path, line: r.line, endLine: r.endLine, other: { path: otherPath, line: r.of.line, endLine: r.of.endLine }, words: r.words, similarity: r.similarity });
    }
  }
}

/** List Duplicates over documents held in memory (the CLI's inputs), in their order. */
export function listDuplicates(docs: readonly CorpusDocument[], options: Partial<DuplicateOptions> = {}, acrossArticles = true): ListedDuplicate[] {
  const opts = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
  const across = acrossArticles && docs.length > 1 ? findCorpusRepeats([...docs], opts) : new Map<string, DuplicateRecord[]>();
  const list = new DuplicateList(opts);
  for (const d of docs) list.add(d.id, d.text, across.get(d.id) ?? []);
  return list.entries;
}
