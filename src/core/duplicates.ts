// Duplicate passages: winnowing (Schleimer, Wilkerson & Aiken 2003) over normalised word tokens finds candidate
// documents; a pair is then aligned on all its word k-grams, seeds are chained along near-diagonals (so a changed
// word, re-punctuation or re-wrapping does not break a passage), extended over exact matches, and scored by the
// longest common subsequence of words. Offsets always point back into the original text (UTF-16 code units).

export interface DuplicateOptions {
  /** Words per k-gram. Shared runs shorter than this are never seen. */
  k: number;
  /** Winnowing window (in k-grams). Any shared run of at least w + k - 1 words is guaranteed a shared fingerprint. */
  window: number;
  /** A passage must have at least this many words. */
  minWords: number;
  /** Minimum word-level similarity (2·LCS / (|a| + |b|)) of the two copies, 0–1. */
  minSimilarity: number;
  /** Fingerprints found in more documents than this are boilerplate and ignored. */
  maxDocumentFrequency: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = {
  k: 5,
  window: 6,
  minWords: 40,
  minSimilarity: 0.8,
  maxDocumentFrequency: 20,
};

/** Candidate pairs must share at least this many winnowed fingerprints (the weakest edited copy in the benchmark shares 4). */
export const MIN_SHARED_FINGERPRINTS = 3;

/** Normalised word tokens of a text: a 32-bit hash per word and the word's offsets in the original text. */
export interface WordTokens {
  hashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a line break lies between the previous word and this one (or this is the first word). */
  lineStarts: Uint8Array;
  count: number;
}

/** Per BMP code unit: 0 not classified yet, 1 not a word character, 2 a word character. Filled lazily. */
const WORD_CLASS = new Uint8Array(65536);
/** Per BMP code unit: its lower-case form + 1 (0 = not computed yet). */
const LOWER = new Uint16Array(65536);
for (let c = 0; c < 128; c++) {
  WORD_CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 2 : 1;
}

function classifyWordCode(c: number): boolean {
  if (c === 0x2019 || c === 0x2018 || c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2013 || c === 0xfeff || c === 0xa0) return false;
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation and spaces
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral characters are handled by astralWordWidth
  return /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c));
}

function isWordCode(c: number): boolean {
  let k = WORD_CLASS[c];
  if (k === 0) WORD_CLASS[c] = k = classifyWordCode(c) ? 2 : 1;
  return k === 2;
}

/** Lower case of a non-ASCII BMP code unit (the first unit of its lower-case form). */
function lowerCode(c: number): number {
  let l = LOWER[c];
  if (l === 0) LOWER[c] = l = String.fromCharCode(c).toLowerCase().charCodeAt(0) + 1;
  return l - 1;
}

/** 2 when text[i] starts an astral letter or digit (a surrogate pair), else 0. Emoji are not words. */
function astralWordWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 0;
  const cp = text.codePointAt(i)!;
  return cp > 0xffff && /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/**
 * Words, lower-cased, with apostrophes inside a word folded ("Russia’s" = "russia's" = "russias") and all other
 * punctuation, quote styles and whitespace ignored. Linear in the text length.
 */
export function wordTokens(text: string): WordTokens {
  const n = text.length;
  let cap = Math.max(16, Math.ceil(n / 5));
  let hashes = new Int32Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let lineStarts = new Uint8Array(cap);
  let count = 0;
  let i = 0;
  let sawBreak = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 ? WORD_CLASS[c] !== 2 : c >= 0xd800 && c <= 0xdbff ? !astralWordWidth(text, i) : !isWordCode(c)) {
      if (c === 10 || c === 13) sawBreak = true;
      i++;
      continue;
    }
    const start = i;
    let h = 0x811c9dc5;
    while (i < n) {
      let ch = text.charCodeAt(i);
      if (ch < 128) {
        if (WORD_CLASS[ch] === 2) {
          if (ch <= 90 && ch >= 65) ch += 32;
          h = Math.imul(h ^ ch, 0x01000193);
          i++;
          continue;
        }
      } else {
        const astral = ch >= 0xd800 && ch <= 0xdbff ? astralWordWidth(text, i) : 0;
        if (astral) {
          h = Math.imul(h ^ text.codePointAt(i)!, 0x01000193);
          i += astral;
          continue;
        }
        if (isWordCode(ch)) {
          h = Math.imul(h ^ lowerCode(ch), 0x01000193);
          i++;
          continue;
        }
      }
      if ((ch === 0x2019 || ch === 39 || ch === 45) && i + 1 < n && isWordCode(text.charCodeAt(i + 1)) && i > start) {
        i++; // apostrophes and hyphens inside a word are skipped, not hashed
      } else break;
    }
    if (count === cap) {
      cap *= 2;
      const grow = (a: Int32Array) => {
        const b = new Int32Array(cap);
        b.set(a);
        return b;
      };
      hashes = grow(hashes);
      starts = grow(starts);
      ends = grow(ends);
      const more = new Uint8Array(cap);
      more.set(lineStarts);
      lineStarts = more;
    }
    lineStarts[count] = sawBreak ? 1 : 0;
    sawBreak = false;
    hashes[count] = h;
    starts[count] = start;
    ends[count] = i;
    count++;
  }
  return { hashes, starts, ends, lineStarts, count };
}

const BASE = 0x01000193;

const gramCache = new WeakMap<WordTokens, { k: number; grams: Int32Array }>();

/** Hash of every k-gram of words (index = first word). Cached per token list. */
export function kgramHashes(tokens: WordTokens, k: number): Int32Array {
  const cached = gramCache.get(tokens);
  if (cached && cached.k === k) return cached.grams;
  const grams = computeKgramHashes(tokens, k);
  gramCache.set(tokens, { k, grams });
  return grams;
}

function computeKgramHashes(tokens: WordTokens, k: number): Int32Array {
  const n = tokens.count - k + 1;
  if (n <= 0) return new Int32Array(0);
  const out = new Int32Array(n);
  let pow = 1;
  for (let i = 1; i < k; i++) pow = Math.imul(pow, BASE);
  let h = 0;
  for (let i = 0; i < k; i++) h = (Math.imul(h, BASE) + tokens.hashes[i]) | 0;
  out[0] = h;
  for (let i = 1; i < n; i++) {
    h = (Math.imul(h - Math.imul(tokens.hashes[i - 1], pow), BASE) + tokens.hashes[i + k - 1]) | 0;
    out[i] = h;
  }
  return out;
}

/** Winnowing: the minimum hash of each window of w k-grams (rightmost on ties), each selected position once. */
export function winnow(grams: Int32Array, w: number): { hashes: Int32Array; positions: Int32Array } {
  const n = grams.length;
  if (n === 0) return { hashes: new Int32Array(0), positions: new Int32Array(0) };
  const width = Math.min(w, n);
  const deque = new Int32Array(n);
  // At most one selection per k-gram position.
  const selPositions = new Int32Array(n);
  let selected = 0;
  let head = 0;
  let tail = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const g = grams[i];
    while (tail > head && grams[deque[tail - 1]] >= g) tail--;
    deque[tail++] = i;
    if (deque[head] <= i - width) head++;
    if (i >= width - 1) {
      const m = deque[head];
      if (m !== last) {
        selPositions[selected++] = m;
        last = m;
      }
    }
  }
  const positions = selPositions.slice(0, selected);
  const hashes = new Int32Array(selected);
  for (let x = 0; x < selected; x++) hashes[x] = grams[positions[x]];
  return { hashes, positions };
}

export interface PassageMatch {
  /** The passage (later copy when inside one document), in text offsets. */
  start: number;
  end: number;
  /** The other copy. */
  otherStart: number;
  otherEnd: number;
  /** Word-level similarity, 0–1. */
  similarity: number;
  /** Words in this copy. */
  words: number;
  /** Words in the other copy. */
  otherWords: number;
}

/**
 * Word-level similarity 2·LCS / (|a| + |b|), by Myers' O((N+M)·D) diff; gives up (returning an upper bound below
 * `floor`) once the edit distance shows the similarity cannot reach `floor`.
 */
export function similarity(a: Int32Array, b: Int32Array, floor = 0): number {
  const n = a.length;
  const m = b.length;
  if (n + m === 0) return 1;
  const maxD = Math.min(n + m, Math.ceil((n + m) * (1 - floor)) + 1);
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return (n + m - d) / (n + m); // 2·LCS = N + M − D
    }
  }
  return Math.max(0, (n + m - maxD) / (n + m) - 1e-9);
}

interface Seed {
  i: number;
  j: number;
}

/** Maximum gap (in words) between seeds of one passage, and the drift of the diagonal it tolerates. */
const MAX_GAP = 30;
const MAX_DRIFT = 12;
/** A k-gram occurring more often than this inside one document is too repetitive to seed a match. */
const MAX_POSTINGS = 8;

/** Mixes a 32-bit hash into a table slot (the k-gram hashes' low bits alone are not well spread). */
function slotHash(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

/**
 * A reusable hash table from the k-grams of one document to their positions (ascending), rebuilt for each pair
 * without allocating: slots are valid only when stamped with the current generation.
 */
const gramTable = {
  keys: new Int32Array(0),
  heads: new Int32Array(0),
  counts: new Int32Array(0),
  stamps: new Int32Array(0),
  next: new Int32Array(0),
  generation: 0,
  mask: 0,
};

function fillGramTable(grams: Int32Array): void {
  const t = gramTable;
  let cap = 64;
  while (cap < grams.length * 2) cap *= 2;
  if (t.keys.length < cap) {
    t.keys = new Int32Array(cap);
    t.heads = new Int32Array(cap);
    t.counts = new Int32Array(cap);
    t.stamps = new Int32Array(cap);
    t.generation = 0;
  }
  if (t.next.length < grams.length) t.next = new Int32Array(Math.max(grams.length, t.next.length * 2));
  if (++t.generation === 0x7fffffff) {
    t.stamps.fill(0);
    t.generation = 1;
  }
  t.mask = cap - 1;
  const { keys, heads, counts, stamps, next, generation, mask } = t;
  for (let j = grams.length - 1; j >= 0; j--) {
    const h = grams[j];
    let s = slotHash(h) & mask;
    while (stamps[s] === generation && keys[s] !== h) s = (s + 1) & mask;
    if (stamps[s] !== generation) {
      stamps[s] = generation;
      keys[s] = h;
      heads[s] = -1;
      counts[s] = 0;
    }
    next[j] = heads[s];
    heads[s] = j;
    counts[s]++;
  }
}

/** The slot of `h` in the gram table, or -1. */
function lookupGram(h: number): number {
  const { keys, stamps, generation, mask } = gramTable;
  let s = slotHash(h) & mask;
  while (stamps[s] === generation) {
    if (keys[s] === h) return s;
    s = (s + 1) & mask;
  }
  return -1;
}

/**
 * Passages of `a` that repeat in `b` (pass the same tokens twice for repeats inside one document: then `a` is the
 * later copy and `b` the earlier one). `isCommon` drops boilerplate fingerprints.
 */
export function alignPair(a: WordTokens, b: WordTokens, options: DuplicateOptions, isCommon?: (hash: number) => boolean): PassageMatch[] {
  const self = a === b;
  // Boilerplate: only winnowed fingerprints know they are common, so mask every word around them (a footer's
  // other k-grams would otherwise seed a match and the exact extension would swallow the whole footer).
  const maskA = isCommon ? boilerplateMask(a, options, isCommon) : undefined;
  const maskB = isCommon ? (self ? maskA : boilerplateMask(b, options, isCommon)) : undefined;
  return alignMasked(a, b, options, maskA, maskB);
}

/**
 * `alignPair` with the boilerplate masks given (from `boilerplateMask`; undefined = nothing masked), so that a
 * caller aligning one document against many computes its mask once.
 */
export function alignMasked(a: WordTokens, b: WordTokens, options: DuplicateOptions, maskA: Uint8Array | undefined, maskB: Uint8Array | undefined): PassageMatch[] {
  const self = a === b;
  const k = options.k;
  const gramsA = kgramHashes(a, k);
  const gramsB = self ? gramsA : kgramHashes(b, k);
  if (!gramsA.length || !gramsB.length) return [];
  const masked = (mask: Uint8Array | undefined, from: number, to: number) => {
    if (!mask) return false;
    for (let x = from; x < to; x++) if (mask[x]) return true;
    return false;
  };
  fillGramTable(gramsB);
  const { heads, counts, next } = gramTable;
  const seeds: Seed[] = [];
  for (let i = 0; i < gramsA.length; i++) {
    const slot = lookupGram(gramsA[i]);
    if (slot < 0 || counts[slot] > MAX_POSTINGS) continue;
    if (maskA && masked(maskA, i, i + k)) continue;
    for (let j = heads[slot]; j >= 0; j = next[j]) {
      if (self && j + k > i) continue; // inside one document: the earlier copy must end before the later begins
      if (maskB && masked(maskB, j, j + k)) continue;
      seeds.push({ i, j });
    }
  }
  if (!seeds.length) return [];
  // Chain seeds along near-diagonals (seeds come sorted by i). Gaps are counted in unmasked words, so a
  // passage stays one passage across a stock phrase that the boilerplate mask took out of it.
  const unmaskedA = prefixUnmasked(maskA, a.count);
  const unmaskedB = self ? unmaskedA : prefixUnmasked(maskB, b.count);
  const chains: Array<{ first: Seed; last: Seed; count: number }> = [];
  let active: typeof chains = [];
  for (const s of seeds) {
    active = active.filter((c) => unmaskedA(c.last.i, s.i) <= MAX_GAP);
    let best: (typeof chains)[number] | undefined;
    let bestGap = Infinity;
    for (const c of active) {
      const di = s.i - c.last.i;
      const dj = s.j - c.last.j;
      if (di <= 0 || dj <= 0 || unmaskedB(c.last.j, s.j) > MAX_GAP) continue;
      if (Math.abs(s.i - s.j - (c.last.i - c.last.j)) > MAX_DRIFT) continue;
      if (di + dj < bestGap) {
        bestGap = di + dj;
        best = c;
      }
    }
    if (best) {
      best.last = s;
      best.count++;
    } else {
      const c = { first: s, last: s, count: 1 };
      chains.push(c);
      active.push(c);
    }
  }
  const matches: PassageMatch[] = [];
  for (const c of chains) {
    let ai = c.first.i;
    let bj = c.first.j;
    let aEnd = c.last.i + k; // exclusive, in words
    let bEnd = c.last.j + k;
    // Extend over exactly matching words on both sides.
    while (ai > 0 && bj > 0 && a.hashes[ai - 1] === b.hashes[bj - 1] && (!self || bEnd <= ai - 1) && !masked(maskA, ai - 1, ai) && !masked(maskB, bj - 1, bj)) {
      ai--;
      bj--;
    }
    while (aEnd < a.count && bEnd < b.count && a.hashes[aEnd] === b.hashes[bEnd] && (!self || bEnd + 1 <= ai) && !masked(maskA, aEnd, aEnd + 1) && !masked(maskB, bEnd, bEnd + 1)) {
      aEnd++;
      bEnd++;
    }
    // Periodic text ("X X X"): one chain can run over both copies; cut it to one period so they do not overlap.
    if (self && bEnd > ai) {
      const period = ai - bj;
      bEnd = bj + period;
      aEnd = Math.min(aEnd, ai + period);
    }
    if (Math.min(aEnd - ai, bEnd - bj) < options.minWords) continue;
    let sim = similarity(a.hashes.subarray(ai, aEnd), b.hashes.subarray(bj, bEnd), options.minSimilarity);
    if (sim < options.minSimilarity) continue;
    // An edited first or last sentence has no exact seed: widen both copies to their line boundaries when the
    // words in between still align well enough.
    const left = [lineStartBefore(a, ai), lineStartBefore(b, bj)];
    if ((left[0] < ai || left[1] < bj) && ai - left[0] <= MAX_GAP && bj - left[1] <= MAX_GAP && (!self || bEnd <= left[0]) && !masked(maskA, left[0], ai) && !masked(maskB, left[1], bj)) {
      const widened = similarity(a.hashes.subarray(left[0], aEnd), b.hashes.subarray(left[1], bEnd), options.minSimilarity);
      if (widened >= options.minSimilarity) [ai, bj, sim] = [left[0], left[1], widened];
    }
    const right = [lineEndAfter(a, aEnd), lineEndAfter(b, bEnd)];
    if ((right[0] > aEnd || right[1] > bEnd) && right[0] - aEnd <= MAX_GAP && right[1] - bEnd <= MAX_GAP && (!self || right[1] <= ai) && !masked(maskA, aEnd, right[0]) && !masked(maskB, bEnd, right[1])) {
      const widened = similarity(a.hashes.subarray(ai, right[0]), b.hashes.subarray(bj, right[1]), options.minSimilarity);
      if (widened >= options.minSimilarity) [aEnd, bEnd, sim] = [right[0], right[1], widened];
    }
    const wordsA = aEnd - ai;
    matches.push({ start: a.starts[ai], end: a.ends[aEnd - 1], otherStart: b.starts[bj], otherEnd: b.ends[bEnd - 1], similarity: Math.round(sim * 1000) / 1000, words: wordsA, otherWords: bEnd - bj });
  }
  return mergeOverlapping(matches, self);
}

/** Counts unmasked words in [from, to): a prefix sum over the mask (plain distance when there is no mask). */
function prefixUnmasked(mask: Uint8Array | undefined, count: number): (from: number, to: number) => number {
  if (!mask) return (from, to) => to - from;
  const prefix = new Int32Array(count + 1);
  for (let x = 0; x < count; x++) prefix[x + 1] = prefix[x] + (mask[x] ? 0 : 1);
  return (from, to) => prefix[Math.min(to, count)] - prefix[Math.max(0, Math.min(from, count))];
}

const winnowCache = new WeakMap<Int32Array, { w: number; result: { hashes: Int32Array; positions: Int32Array } }>();

/** The winnowed fingerprints of a token list (cached per token list, like its k-grams). */
export function fingerprints(tokens: WordTokens, options: DuplicateOptions): { hashes: Int32Array; positions: Int32Array } {
  const grams = kgramHashes(tokens, options.k);
  const cached = winnowCache.get(grams);
  if (cached && cached.w === options.window) return cached.result;
  const result = winnow(grams, options.window);
  winnowCache.set(grams, { w: options.window, result });
  return result;
}

/**
 * Words covered by boilerplate: for each run of common winnowed fingerprints at most `window` apart (p … q), the
 * words from p − (k − 1) to q + 2(k − 1), i.e. every k-gram that could overlap the common text. Undefined when
 * there is none.
 */
export function boilerplateMask(t: WordTokens, options: DuplicateOptions, isCommon: (hash: number) => boolean): Uint8Array | undefined {
  const { hashes, positions } = fingerprints(t, options);
  let mask: Uint8Array | undefined;
  const k = options.k;
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart < 0) return;
    mask ??= new Uint8Array(t.count);
    const from = Math.max(0, runStart - (k - 1));
    const to = Math.min(t.count, runEnd + 2 * (k - 1) + 1);
    for (let x = from; x < to; x++) mask[x] = 1;
    runStart = runEnd = -1;
  };
  for (let i = 0; i < positions.length; i++) {
    if (!isCommon(hashes[i])) continue;
    const p = positions[i];
    if (runStart >= 0 && p - runEnd <= options.window) runEnd = p;
    else {
      flush();
      runStart = runEnd = p;
    }
  }
  flush();
  return mask;
}

/** Index of the first word of the line holding word `i`. */
function lineStartBefore(t: WordTokens, i: number): number {
  while (i > 0 && !t.lineStarts[i]) i--;
  return i;
}

/** Index just past the last word of the line holding word `end - 1`. */
function lineEndAfter(t: WordTokens, end: number): number {
  while (end < t.count && !t.lineStarts[end]) end++;
  return end;
}

/** One passage per repeat: overlapping matches of the same pair are merged. */
function mergeOverlapping(matches: PassageMatch[], self: boolean): PassageMatch[] {
  matches.sort((x, y) => x.start - y.start);
  const out: PassageMatch[] = [];
  for (const m of matches) {
    const prev = out[out.length - 1];
    // Inside one document the earlier copy must end before the later one starts, merged or not.
    const keepsOrder = !self || (prev && Math.max(prev.otherEnd, m.otherEnd) <= Math.min(prev.start, m.start));
    if (prev && keepsOrder && m.start <= prev.end && m.otherStart <= prev.otherEnd && m.otherEnd >= prev.otherStart) {
      prev.end = Math.max(prev.end, m.end);
      prev.otherStart = Math.min(prev.otherStart, m.otherStart);
      prev.otherEnd = Math.max(prev.otherEnd, m.otherEnd);
      prev.similarity = Math.min(prev.similarity, m.similarity);
      prev.words = Math.max(prev.words, m.words);
      prev.otherWords = Math.max(prev.otherWords, m.otherWords);
    } else out.push({ ...m });
  }
  return out;
}

/** Repeated passages inside one text: each later copy, pointing at the earlier one. */
export function findRepeatsWithin(text: string, options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS): PassageMatch[] {
  const tokens = wordTokens(text);
  if (tokens.count < options.minWords * 2) return [];
  return alignPair(tokens, tokens, options);
}

/**
 * Fingerprint → documents, in one open-addressing table (linear probing, backward-shift deletion) of
 * interleaved Int32 key/value pairs: no object per fingerprint. A value is 0 for an empty slot, doc + 1 for a
 * fingerprint seen in one document (most of them), and −(list + 1) for one shared by several, whose documents
 * are then kept in a small array.
 */
class PostingTable {
  private table = new Int32Array(2 * 1024);
  private mask = 1023;
  private used = 0;
  private lists: Array<number[] | undefined> = [];
  private freeLists: number[] = [];

  /** Distinct fingerprints held. */
  get size(): number {
    return this.used;
  }

  /** Bytes held by the table and the shared lists (an estimate for the lists: 8 bytes an entry, 32 an array). */
  get bytes(): number {
    let n = this.table.byteLength;
    for (const l of this.lists) if (l) n += 32 + 8 * l.length;
    return n;
  }

  /** The slot holding `h`, or the empty slot where it would go. */
  private find(h: number): number {
    const t = this.table;
    let s = slotHash(h) & this.mask;
    while (t[2 * s + 1] !== 0 && t[2 * s] !== h) s = (s + 1) & this.mask;
    return s;
  }

  /** Documents holding `h`. */
  count(h: number): number {
    const v = this.table[2 * this.find(h) + 1];
    return v === 0 ? 0 : v > 0 ? 1 : this.lists[-v - 1]!.length;
  }

  /** The raw value for `h` (see the class comment). */
  value(h: number): number {
    return this.table[2 * this.find(h) + 1];
  }

  list(v: number): number[] {
    return this.lists[-v - 1]!;
  }

  add(h: number, doc: number): void {
    if ((this.used + 1) * 10 > (this.mask + 1) * 7) this.grow();
    const s = this.find(h);
    const t = this.table;
    const v = t[2 * s + 1];
    if (v === 0) {
      t[2 * s] = h;
      t[2 * s + 1] = doc + 1;
      this.used++;
    } else if (v > 0) {
      const li = this.freeLists.length ? this.freeLists.pop()! : this.lists.length;
      this.lists[li] = [v - 1, doc];
      t[2 * s + 1] = -(li + 1);
    } else this.lists[-v - 1]!.push(doc);
  }

  remove(h: number, doc: number): void {
    const s = this.find(h);
    const t = this.table;
    const v = t[2 * s + 1];
    if (v === 0) return;
    if (v > 0) {
      if (v - 1 === doc) this.clear(s);
      return;
    }
    const li = -v - 1;
    const list = this.lists[li]!;
    const at = list.indexOf(doc);
    if (at < 0) return;
    list[at] = list[list.length - 1];
    list.pop();
    if (list.length === 1) {
      t[2 * s + 1] = list[0] + 1;
      this.lists[li] = undefined;
      this.freeLists.push(li);
    }
  }

  /** Empties slot `s`, shifting later entries of its probe run back (so no tombstones are needed). */
  private clear(s: number): void {
    const t = this.table;
    const mask = this.mask;
    let hole = s;
    let j = s;
    for (;;) {
      j = (j + 1) & mask;
      if (t[2 * j + 1] === 0) break;
      const home = slotHash(t[2 * j]) & mask;
      // The entry at j may move back to the hole unless its home lies cyclically in (hole, j].
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      t[2 * hole] = t[2 * j];
      t[2 * hole + 1] = t[2 * j + 1];
      hole = j;
    }
    t[2 * hole] = 0;
    t[2 * hole + 1] = 0;
    this.used--;
  }

  private grow(): void {
    const old = this.table;
    const cap = 2 * (this.mask + 1);
    this.table = new Int32Array(2 * cap);
    this.mask = cap - 1;
    const t = this.table;
    for (let x = 0; x < old.length; x += 2) {
      if (old[x + 1] === 0) continue;
      let s = slotHash(old[x]) & this.mask;
      while (t[2 * s + 1] !== 0) s = (s + 1) & this.mask;
      t[2 * s] = old[x];
      t[2 * s + 1] = old[x + 1];
    }
  }
}

/**
 * A fingerprint index over many documents, for cross-document repeats. Holds winnowed fingerprints only (no text),
 * so it stays small: documents are numbered internally, each keeps its distinct fingerprints in one Int32Array,
 * and the postings live in one typed-array hash table (see PostingTable). Pairs it proposes are aligned from their
 * texts by the caller (see `alignPair`).
 */
export class FingerprintIndex {
  /** Document id → its number, in insertion order (a replaced document moves to the end). */
  private readonly numbers = new Map<string, number>();
  private names: string[] = [];
  /** Per document number: its distinct fingerprints, sorted. */
  private docs: Array<Int32Array | undefined> = [];
  private freeNumbers: number[] = [];
  private readonly postings = new PostingTable();
  /** Scratch for candidates(): shared fingerprints per document number. */
  private shared = new Int32Array(0);

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

  /** Distinct fingerprints in the index, and an estimate of the bytes its arrays hold (for benchmarks). */
  stats(): { fingerprints: number; bytes: number } {
    let bytes = this.postings.bytes;
    for (const d of this.docs) if (d) bytes += d.byteLength;
    return { fingerprints: this.postings.size, bytes };
  }

  /** Adds or replaces a document. */
  set(id: string, tokens: WordTokens): void {
    this.delete(id);
    const sorted = fingerprints(tokens, this.options).hashes.slice().sort();
    let n = 0;
    for (let x = 0; x < sorted.length; x++) if (x === 0 || sorted[x] !== sorted[x - 1]) sorted[n++] = sorted[x];
    const unique = n === sorted.length ? sorted : sorted.slice(0, n);
    const num = this.freeNumbers.length ? this.freeNumbers.pop()! : this.docs.length;
    this.numbers.set(id, num);
    this.names[num] = id;
    this.docs[num] = unique;
    for (let x = 0; x < unique.length; x++) this.postings.add(unique[x], num);
  }

  delete(id: string): void {
    const num = this.numbers.get(id);
    if (num === undefined) return;
    const old = this.docs[num]!;
    for (let x = 0; x < old.length; x++) this.postings.remove(old[x], num);
    this.numbers.delete(id);
    this.docs[num] = undefined;
    this.names[num] = '';
    this.freeNumbers.push(num);
  }

  /** True for boilerplate: a fingerprint in more documents than the cutoff. */
  isCommon = (hash: number): boolean => this.postings.count(hash) > this.options.maxDocumentFrequency;

  /** Other documents sharing at least `minShared` non-boilerplate fingerprints with `id`, most shared first. */
  candidates(id: string, minShared = MIN_SHARED_FINGERPRINTS): Array<{ id: string; shared: number }> {
    const num = this.numbers.get(id);
    if (num === undefined) return [];
    const fps = this.docs[num]!;
    if (this.shared.length < this.docs.length) this.shared = new Int32Array(Math.max(this.docs.length, 2 * this.shared.length));
    const shared = this.shared;
    const touched: number[] = [];
    const maxDf = this.options.maxDocumentFrequency;
    for (let x = 0; x < fps.length; x++) {
      const v = this.postings.value(fps[x]);
      if (v >= 0) continue; // in this document only
      const list = this.postings.list(v);
      if (list.length > maxDf) continue;
      for (let y = 0; y < list.length; y++) {
        const other = list[y];
        if (other === num) continue;
        if (shared[other]++ === 0) touched.push(other);
      }
    }
    const out: Array<{ id: string; shared: number }> = [];
    for (const other of touched) {
      if (shared[other] >= minShared) out.push({ id: this.names[other], shared: shared[other] });
      shared[other] = 0;
    }
    return out.sort((x, y) => y.shared - x.shared || (x.id < y.id ? -1 : 1));
  }
}
