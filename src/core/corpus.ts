// Repeats across a set of documents (the CLI's inputs, a benchmark corpus): one fingerprint index, then each
// candidate pair aligned from its texts.
import { alignMasked, boilerplateMask, DEFAULT_DUPLICATE_OPTIONS, FingerprintIndex, wordTokens, type DuplicateOptions, type PassageMatch, type WordTokens } from './duplicates';
import { LineIndex, splitLines } from './text';
import type { DuplicateRecord } from './types';

export interface CorpusDocument {
  id: string;
  text: string;
}

/** For each document id, the passages of it that also appear in other documents (`of.path` = the other id). */
export function findCorpusRepeats(docs: CorpusDocument[], options: Partial<DuplicateOptions> = {}): Map<string, DuplicateRecord[]> {
  const opts = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
  const index = new FingerprintIndex(opts);
  const tokens = new Map<string, WordTokens>();
  const texts = new Map<string, string>();
  for (const d of docs) {
    const t = wordTokens(d.text);
    tokens.set(d.id, t);
    texts.set(d.id, d.text);
    index.set(d.id, t);
  }
  const lineIndexes = new Map<string, LineIndex>();
  const lines = (id: string) => {
    let li = lineIndexes.get(id);
    if (!li) lineIndexes.set(id, (li = new LineIndex(splitLines(texts.get(id)!))));
    return li;
  };
  // Boilerplate masks depend only on the finished index: one per document, computed when first needed.
  const masks = new Map<string, Uint8Array | undefined>();
  const maskOf = (id: string) => {
    if (!masks.has(id)) masks.set(id, boilerplateMask(tokens.get(id)!, opts, index.isCommon));
    return masks.get(id);
  };
  const out = new Map<string, DuplicateRecord[]>(docs.map((d) => [d.id, []]));
  // Each candidate pair is aligned once; the match gives a record for both documents.
  for (const d of docs) {
    for (const c of index.candidates(d.id)) {
      if (c.id <= d.id) continue;
      for (const m of alignMasked(tokens.get(d.id)!, tokens.get(c.id)!, opts, maskOf(d.id), maskOf(c.id))) {
        out.get(d.id)!.push(toRecord(m, lines(d.id), lines(c.id), c.id));
        out.get(c.id)!.push(toRecord(swap(m), lines(c.id), lines(d.id), d.id));
      }
    }
  }
  for (const records of out.values()) records.sort((a, b) => a.start - b.start);
  return out;
}

/** The same match seen from the other document. */
export function swap(m: PassageMatch): PassageMatch {
  return { start: m.otherStart, end: m.otherEnd, otherStart: m.start, otherEnd: m.end, similarity: m.similarity, words: m.otherWords, otherWords: m.words };
}

export function toRecord(
  m: { start: number; end: number; otherStart: number; otherEnd: number; similarity: number; words: number },
  here: LineIndex,
  there: LineIndex,
  otherPath?: string,
): DuplicateRecord {
  return {
    start: m.start,
    end: m.end,
    line: here.lineOf(m.start) + 1,
    endLine: here.lineOf(Math.max(m.start, m.end - 1)) + 1,
    similarity: m.similarity,
    words: m.words,
    of: { ...(otherPath !== undefined ? { path: otherPath } : {}), start: m.otherStart, end: m.otherEnd, line: there.lineOf(m.otherStart) + 1, endLine: there.lineOf(Math.max(m.otherStart, m.otherEnd - 1)) + 1 },
  };
}
