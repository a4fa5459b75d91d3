// The workspace's and the corpus's index of fingerprints, for candidate pairs of documents across many.
import { DEFAULT_DUPLICATE_OPTIONS, MIN_SHARED_FINGERPRINTS, MIN_SHARED_RARE_FINGERPRINTS, type DuplicateOptions } from './options';
import { scanWords, type WordTokens } from './words';
import { fingerprints, kgramHashes, kgramsInto, winnowInto } from './fingerprints';
import { BlockPool, PostingTable, slotHash } from './postings';

/**
 * Postings are split over this many tables by fingerprint, so that a table's growth (a rehash of all it holds) stays
 * short: one table for a 10,000-article folder's claims held the extension host for seconds when it grew.
 */
const POSTING_TABLES = 64;
/** Pools holding the documents' fingerprints (see docPools). */
const DOC_POOLS = 16;

/**
 * A fingerprint index over many documents, for cross-document repeats. Holds winnowed fingerprints only (no text),
 * so it stays small: documents are numbered internally, their distinct fingerprints kept in one block pool, and
 * the postings in typed-array hash tables (see PostingTable); no object per document or per fingerprint. Pairs
 * it proposes are aligned from their texts by the caller (see `alignPair`).
 */
export class FingerprintIndex {
  /** Document id → its number, in insertion order (a replaced document moves to the end). */
  private readonly numbers = new Map<string, number>();
  private names: string[] = [];
  /**
   * Per document number: its distinct fingerprints, sorted; document n's block is block n / DOC_POOLS of pool
   * n % DOC_POOLS. Several pools, so that a pool growing (one copy of all it holds) stays short: a same-claim index
   * of half a million claims in one pool held the extension host 40 ms and more each time it grew.
   */
  private readonly docPools = Array.from({ length: DOC_POOLS }, () => new BlockPool());
  private freeNumbers: number[] = [];
  private nextNumber = 0;
  /** Per document number: how many fingerprints its block holds. */
  private lengths = new Int32Array(64);
  /** Made when first needed (an index made only for its options holds none). */
  private readonly postings: Array<PostingTable | undefined> = new Array<PostingTable | undefined>(POSTING_TABLES);
  /** Scratch for candidates(): shared fingerprints per document number, and those in no third document. */
  private shared = new Int32Array(0);
  private rare = new Int32Array(0);

  constructor(readonly options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS) {}

  get size(): number {
    return this.numbers.size;
  }

  ids(): IterableIterator<string> {
    return this.numbers.keys();
  }

  has(id: string): boolean {
    return this.numbers.has(id);
  }

  /** Distinct fingerprints in the index, and the bytes its typed arrays hold (for benchmarks). */
  stats(): { fingerprints: number; bytes: number } {
    let fingerprints = 0;
    let bytes = 0;
    for (const pool of this.docPools) bytes += pool.bytes;
    for (const table of this.postings) {
      fingerprints += table?.size ?? 0;
      bytes += table?.bytes ?? 0;
    }
    return { fingerprints, bytes };
  }

  /** Adds or replaces a document. */
  set(id: string, tokens: WordTokens): void {
    this.add(id, kgramHashes(tokens, this.options.k), Math.max(0, tokens.count - this.options.k + 1));
  }

  /**
   * Adds or replaces a document from its text: the same as `set(id, wordTokens(text))`, but without the word
   * offsets and caches that alignment needs, in reused buffers (so indexing many files allocates little).
   */
  setText(id: string, text: string): void {
    const words = scanWords(text, false);
    const n = Math.max(0, words.count - this.options.k + 1);
    if (this.grams.length < n) this.grams = new Int32Array(Math.max(n, 2 * this.grams.length));
    this.add(id, this.grams, kgramsInto(words.hashes, words.count, this.options.k, this.grams));
  }

  /** Adds or replaces a document from its k-gram hashes (see `kgramHashesInSlices`). */
  setGrams(id: string, grams: Int32Array): void {
    this.add(id, grams, grams.length);
  }

  /** Scratch for setText and add. */
  private grams = new Int32Array(1024);
  private deque = new Int32Array(1024);
  private selected = new Int32Array(1024);

  /** Indexes `grams[0..n)` (which may be a scratch buffer) as document `id`. */
  private add(id: string, grams: Int32Array, n: number): void {
    this.delete(id);
    const num = this.addGrams(grams, n);
    this.numbers.set(id, num);
    this.names[num] = id;
  }

  /**
   * Adds a document known by the number returned, not by an id (see deleteDocument, documentCandidates): for
   * documents too many for a key string and a map entry each (the same-claim index's half a million claims). It has
   * no id: `size`, `ids` and the id methods do not see it.
   */
  addDocument(tokens: WordTokens): number {
    return this.addGrams(kgramHashes(tokens, this.options.k), Math.max(0, tokens.count - this.options.k + 1));
  }

  /** Indexes `grams[0..n)` as a new document; returns its number. */
  private addGrams(grams: Int32Array, n: number): number {
    if (this.deque.length < n) {
      this.deque = new Int32Array(Math.max(n, 2 * this.deque.length));
      this.selected = new Int32Array(this.deque.length);
    }
    const selected = this.selected;
    const count = n ? winnowInto(grams, n, this.options.window, this.deque, selected) : 0;
    // The selected fingerprints, sorted and distinct.
    for (let x = 0; x < count; x++) selected[x] = grams[selected[x]];
    const sorted = selected.subarray(0, count).sort();
    let unique = 0;
    for (let x = 0; x < count; x++) if (x === 0 || sorted[x] !== sorted[x - 1]) sorted[unique++] = sorted[x];
    const num = this.freeNumbers.length ? this.freeNumbers.pop()! : this.nextNumber++;
    const pool = this.docPools[num % DOC_POOLS];
    const at = pool.alloc(Math.floor(num / DOC_POOLS), unique); // may move the pool's data: read it after
    pool.data.set(sorted.subarray(0, unique), at);
    if (num >= this.lengths.length) {
      const more = new Int32Array(2 * this.lengths.length);
      more.set(this.lengths);
      this.lengths = more;
    }
    this.lengths[num] = unique;
    for (let x = 0; x < unique; x++) {
      const h = sorted[x];
      const i = tableOf(h);
      (this.postings[i] ??= new PostingTable()).add(h, num);
    }
    return num;
  }

  delete(id: string): void {
    const num = this.numbers.get(id);
    if (num === undefined) return;
    this.deleteDocument(num);
    this.numbers.delete(id);
    this.names[num] = '';
  }

  /** Removes a document added by addDocument (its number may then be given to another). */
  deleteDocument(num: number): void {
    const pool = this.docPools[num % DOC_POOLS];
    const data = pool.data;
    const from = pool.offsets[Math.floor(num / DOC_POOLS)];
    const n = this.lengths[num];
    for (let x = from; x < from + n; x++) this.postings[tableOf(data[x])]?.remove(data[x], num);
    pool.free(Math.floor(num / DOC_POOLS));
    this.lengths[num] = 0;
    this.freeNumbers.push(num);
  }

  /** In how many documents a fingerprint is. */
  documentFrequency(hash: number): number {
    return this.postings[tableOf(hash)]?.count(hash) ?? 0;
  }

  /** True for boilerplate: a fingerprint in more documents than the cutoff. */
  isCommon = (hash: number): boolean => this.documentFrequency(hash) > this.options.maxDocumentFrequency;

  /**
   * Other documents sharing at least `minShared` non-boilerplate fingerprints with `id`, or `minRare` found in no
   * third document, most shared first.
   */
  candidates(id: string, minShared = MIN_SHARED_FINGERPRINTS, minRare = MIN_SHARED_RARE_FINGERPRINTS): Array<{ id: string; shared: number }> {
    const num = this.numbers.get(id);
    if (num === undefined) return [];
    return this.named(this.documentCandidates(num, minShared, minRare));
  }

  /** `candidates` of a document added by addDocument: other documents by number, unsorted. */
  documentCandidates(num: number, minShared = MIN_SHARED_FINGERPRINTS, minRare = MIN_SHARED_RARE_FINGERPRINTS): Array<{ document: number; shared: number }> {
    const pool = this.docPools[num % DOC_POOLS];
    const from = pool.offsets[Math.floor(num / DOC_POOLS)];
    return this.tally(pool.data, from, from + this.lengths[num], num, minShared, minRare);
  }

  /**
   * The documents that `candidates` would give for a text that is not in the index (its tokens): those sharing at
   * least `minShared` non-boilerplate fingerprints with it, or `minRare` held by no other document.
   */
  candidatesFor(tokens: WordTokens, minShared = MIN_SHARED_FINGERPRINTS, minRare = MIN_SHARED_RARE_FINGERPRINTS): Array<{ id: string; shared: number }> {
    return this.named(this.documentCandidatesFor(tokens, minShared, minRare));
  }

  /** `candidatesFor`, by document number, unsorted. */
  documentCandidatesFor(tokens: WordTokens, minShared = MIN_SHARED_FINGERPRINTS, minRare = MIN_SHARED_RARE_FINGERPRINTS): Array<{ document: number; shared: number }> {
    const distinct = fingerprints(tokens, this.options).hashes.slice().sort();
    let unique = 0;
    for (let x = 0; x < distinct.length; x++) if (x === 0 || distinct[x] !== distinct[x - 1]) distinct[unique++] = distinct[x];
    return this.tally(distinct, 0, unique, -1, minShared, minRare);
  }

  /** Candidates by id, most shared first. */
  private named(found: Array<{ document: number; shared: number }>): Array<{ id: string; shared: number }> {
    return found.map((c) => ({ id: this.names[c.document], shared: c.shared })).sort((x, y) => y.shared - x.shared || (x.id < y.id ? -1 : 1));
  }

  /** Counts, per other document, the fingerprints `fps[from..to)` (of document `self`, or −1 for none) it shares. */
  private tally(fps: Int32Array, from: number, to: number, self: number, minShared: number, minRare: number): Array<{ document: number; shared: number }> {
    if (this.shared.length < this.nextNumber) {
      this.shared = new Int32Array(Math.max(this.nextNumber, 2 * this.shared.length));
      this.rare = new Int32Array(this.shared.length);
    }
    const shared = this.shared;
    const rare = this.rare;
    const touched: number[] = [];
    const maxDf = this.options.maxDocumentFrequency;
    // A fingerprint held by the pair alone: two documents, or one besides a text outside the index.
    const pairOnly = self >= 0 ? 2 : 1;
    for (let x = from; x < to; x++) {
      const postings = this.postings[tableOf(fps[x])];
      if (!postings) continue;
      const v = postings.value(fps[x]);
      if (v === 0) continue;
      if (v > 0) {
        // In one document only: this one, or (for a text outside the index) the other one.
        const other = v - 1;
        if (other === self) continue;
        if (shared[other]++ === 0) touched.push(other);
        rare[other]++;
        continue;
      }
      const li = -v - 1;
      const n = postings.listLengths[li];
      if (n > maxDf) continue;
      const lists = postings.lists;
      const at = lists.offsets[li];
      for (let y = at; y < at + n; y++) {
        const other = lists.data[y];
        if (other === self) continue;
        if (shared[other]++ === 0) touched.push(other);
        if (n === pairOnly) rare[other]++;
      }
    }
    const out: Array<{ document: number; shared: number }> = [];
    for (const other of touched) {
      if (shared[other] >= minShared || rare[other] >= minRare) out.push({ document: other, shared: shared[other] });
      shared[other] = 0;
      rare[other] = 0;
    }
    return out;
  }
}

/** The posting table of a fingerprint (low bits of its mixed hash: a table places entries by the high ones). */
function tableOf(h: number): number {
  return slotHash(h) & (POSTING_TABLES - 1);
}
