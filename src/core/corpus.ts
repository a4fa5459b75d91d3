// Repeats across a set of documents (the CLI's inputs, a benchmark corpus): one fingerprint index, then each
// candidate pair aligned from its texts. findCorpusRepeats does every document at once (the CLI); repeatsOf does one
// document against an index whose other texts are read as needed (the extension's workspace index). Both take every
// candidate and align each pair through pairRepeats, so they give the same passages.
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
      for (const m of pairRepeats({ id: d.id, tokens: tokens.get(d.id)!, mask: maskOf(d.id) }, { id: c.id, tokens: tokens.get(c.id)!, mask: maskOf(c.id) }, opts)) {
        out.get(d.id)!.push(toRecord(m, lines(d.id), lines(c.id), c.id));
        out.get(c.id)!.push(toRecord(swap(m), lines(c.id), lines(d.id), d.id));
      }
    }
  }
  for (const records of out.values()) records.sort((a, b) => a.start - b.start);
  return out;
}

/** One document of a pair: its id, words and boilerplate mask (boilerplateMask; undefined: nothing masked). */
export interface PairSide {
  id: string;
  tokens: WordTokens;
  mask: Uint8Array | undefined;
}

/**
 * The passages `here` shares with `there`, seen from `here`. The alignment is greedy, so a pair is always aligned in
 * id order and the other side's view is its mirror: each document of a pair gets the same passages, whichever asks.
 */
export function pairRepeats(here: PairSide, there: PairSide, options: DuplicateOptions): PassageMatch[] {
  if (here.id < there.id) return alignMasked(here.tokens, there.tokens, options, here.mask, there.mask);
  return alignMasked(there.tokens, here.tokens, options, there.mask, here.mask).map(swap);
}

/**
 * The passages of the indexed document `id` (its text `text`) that repeat in the other documents of `index`: what
 * findCorpusRepeats gives for it, with the others' texts read as needed (undefined: gone or unreadable, skipped).
 * `options` are the document's duplicate settings on the index's fingerprints; `stop` ends early with nothing.
 * `pause` is awaited after every `sliceMs` of work: an article repeated in hundreds of others (a roundup) is aligned
 * with each of them, and texts already read arrive without a turn of the event loop.
 */
export async function repeatsOf(
  index: FingerprintIndex,
  id: string,
  text: string,
  textOf: (id: string) => Promise<string | undefined>,
  options: DuplicateOptions = index.options,
  stop: () => boolean = () => false,
  pause?: () => Promise<void>,
  sliceMs = 16,
): Promise<DuplicateRecord[]> {
  const isCommon = (hash: number) => index.documentFrequency(hash) > options.maxDocumentFrequency;
  const tokens = wordTokens(text);
  const here: PairSide = { id, tokens, mask: boilerplateMask(tokens, options, isCommon) };
  const lines = new LineIndex(splitLines(text));
  const records: DuplicateRecord[] = [];
  let sliceStart = Date.now();
  for (const candidate of index.candidates(id)) {
    if (pause && Date.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = Date.now();
    }
    if (stop()) return [];
    const other = await textOf(candidate.id);
    if (other === undefined) continue;
    const otherTokens = wordTokens(other);
    const matches = pairRepeats(here, { id: candidate.id, tokens: otherTokens, mask: boilerplateMask(otherTokens, options, isCommon) }, options);
    if (!matches.length) continue;
    const there = new LineIndex(splitLines(other));
    for (const m of matches) records.push(toRecord(m, lines, there, candidate.id));
  }
  return records.sort((a, b) => a.start - b.start);
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
