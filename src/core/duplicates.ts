// Duplicate passages: winnowing (Schleimer, Wilkerson & Aiken 2003) over normalised word tokens finds candidate
// documents; a pair is then aligned on all its word k-grams, seeds are chained along near-diagonals (so a changed
// word, re-punctuation or re-wrapping does not break a passage), extended at both ends across changed, added or
// dropped words while the words match more than they differ (so a short copy edited near its ends keeps its
// length), and scored by the longest common subsequence of words. Offsets always point back into the original text
// (UTF-16 code units).

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
/**
 * …or this many fingerprints found in no other document: a short copy with a word in ten changed may keep only
 * two fingerprints, while two of the stock phrases and templates unrelated articles share are rarely unique to them.
 */
export const MIN_SHARED_RARE_FINGERPRINTS = 2;

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
/** Per ASCII code: the lower-case code of a letter or digit, 0 for anything else. */
const ASCII_FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  WORD_CLASS[c] = word ? 2 : 1;
  ASCII_FOLD[c] = word ? (c >= 65 && c <= 90 ? c + 32 : c) : 0;
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
  return scanWords(text, true);
}

/** Reused by `scanWords(text, false)`: word hashes only, for indexing (see FingerprintIndex.setText). */
let scratchHashes = new Int32Array(1024);

/**
 * The tokenizer. With `full` false it keeps only the hashes, in `scratchHashes` (valid until the next call), and
 * allocates nothing.
 */
function scanWords(text: string, full: boolean): WordTokens {
  const n = text.length;
  let cap = Math.max(16, Math.ceil(n / 5));
  if (!full && scratchHashes.length < cap) scratchHashes = new Int32Array(cap);
  if (!full) cap = scratchHashes.length;
  let hashes = full ? new Int32Array(cap) : scratchHashes;
  let starts = full ? new Int32Array(cap) : EMPTY_INT32;
  let ends = full ? new Int32Array(cap) : EMPTY_INT32;
  let lineStarts = full ? new Uint8Array(cap) : EMPTY_UINT8;
  let count = 0;
  let i = 0;
  let sawBreak = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_FOLD[c] === 0) {
        if (c === 10 || c === 13) sawBreak = true;
        i++;
        continue;
      }
    } else if (c >= 0xd800 && c <= 0xdbff ? !astralWordWidth(text, i) : !isWordCode(c)) {
      i++;
      continue;
    }
    const start = i;
    let h = 0x811c9dc5;
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (ch < 128) {
        const folded = ASCII_FOLD[ch];
        if (folded !== 0) {
          h = Math.imul(h ^ folded, 0x01000193);
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
      if (full) {
        starts = grow(starts);
        ends = grow(ends);
        const more = new Uint8Array(cap);
        more.set(lineStarts);
        lineStarts = more;
      } else scratchHashes = hashes;
    }
    hashes[count] = h;
    if (full) {
      lineStarts[count] = sawBreak ? 1 : 0;
      starts[count] = start;
      ends[count] = i;
    }
    sawBreak = false;
    count++;
  }
  return { hashes, starts, ends, lineStarts, count };
}

/**
 * The k-gram hashes of a text's words, the same as `FingerprintIndex.setText` computes, with the words scanned in
 * slices of about `sliceChars` code units (cut after a line break, which no word spans) and `pause()` awaited
 * between them: a large article is fingerprinted without holding the thread for long.
 */
export async function kgramHashesInSlices(text: string, k: number, pause: () => Promise<void>, sliceChars = 128 * 1024): Promise<Int32Array> {
  let words = new Int32Array(Math.max(16, Math.ceil(text.length / 5)));
  let count = 0;
  for (let from = 0; from < text.length; ) {
    let to = from + sliceChars >= text.length ? text.length : text.indexOf('\n', from + sliceChars) + 1;
    if (to <= 0) to = text.length;
    const slice = scanWords(text.slice(from, to), false);
    if (count + slice.count > words.length) {
      const more = new Int32Array(Math.max(count + slice.count, 2 * words.length));
      more.set(words.subarray(0, count));
      words = more;
    }
    words.set(slice.hashes.subarray(0, slice.count), count);
    count += slice.count;
    from = to;
    if (from < text.length) await pause();
  }
  const grams = new Int32Array(Math.max(0, count - k + 1));
  kgramsInto(words, count, k, grams);
  return grams;
}

const EMPTY_INT32 = new Int32Array(0);
const EMPTY_UINT8 = new Uint8Array(0);

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
  kgramsInto(tokens.hashes, tokens.count, k, out);
  return out;
}

/** Writes the hashes of the k-grams of `words[0..count)` to `out`; returns how many (count − k + 1, or 0). */
function kgramsInto(words: Int32Array, count: number, k: number, out: Int32Array): number {
  const n = count - k + 1;
  if (n <= 0) return 0;
  let pow = 1;
  for (let i = 1; i < k; i++) pow = Math.imul(pow, BASE);
  let h = 0;
  for (let i = 0; i < k; i++) h = (Math.imul(h, BASE) + words[i]) | 0;
  out[0] = h;
  for (let i = 1; i < n; i++) {
    h = (Math.imul(h - Math.imul(words[i - 1], pow), BASE) + words[i + k - 1]) | 0;
    out[i] = h;
  }
  return n;
}

/** Winnowing: the minimum hash of each window of w k-grams (rightmost on ties), each selected position once. */
export function winnow(grams: Int32Array, w: number): { hashes: Int32Array; positions: Int32Array } {
  const n = grams.length;
  if (n === 0) return { hashes: new Int32Array(0), positions: new Int32Array(0) };
  // At most one selection per k-gram position.
  const selected = new Int32Array(n);
  const count = winnowInto(grams, n, w, new Int32Array(n), selected);
  const positions = selected.slice(0, count);
  const hashes = new Int32Array(count);
  for (let x = 0; x < count; x++) hashes[x] = grams[positions[x]];
  return { hashes, positions };
}

/** Winnows `grams[0..n)` (n ≥ 1) with `deque` as scratch; writes the selected positions to `out`, returns how many. */
function winnowInto(grams: Int32Array, n: number, w: number, deque: Int32Array, out: Int32Array): number {
  const width = Math.min(w, n);
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
        out[selected++] = m;
        last = m;
      }
    }
  }
  return selected;
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
/**
 * Extending a passage past words added or dropped: the words skipped in (a, b), tried in this order (one word
 * dropped or added, two words for one…), and how many words must match exactly beyond them.
 */
const EXTEND_SKIPS = [1, 0, 0, 1, 2, 1, 1, 2, 2, 0, 0, 2];
const EXTEND_MATCH = 3;
/** X-drop extension: a matching word scores 1, a changed one −XDROP_MISMATCH; it stops XDROP below its best. */
const XDROP_MISMATCH = 1;
const XDROP = 4;

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
  // Chain seeds along near-diagonals (seeds come sorted by i). Gaps are counted in unmasked words, on the side
  // where fewer are unmasked, so a passage stays one passage across boilerplate that the mask took out of it, even
  // out of one copy only (an edited copy's text may no longer be common); the similarity check below still judges
  // the whole span.
  const unmaskedA = prefixUnmasked(maskA, a.count);
  const unmaskedB = self ? unmaskedA : prefixUnmasked(maskB, b.count);
  const chains: Array<{ last: Seed; seeds: Seed[] }> = [];
  let active: typeof chains = [];
  for (const s of seeds) {
    active = active.filter((c) => s.i - c.last.i <= 4 * MAX_GAP || unmaskedA(c.last.i, s.i) <= MAX_GAP);
    let best: (typeof chains)[number] | undefined;
    let bestGap = Infinity;
    for (const c of active) {
      const di = s.i - c.last.i;
      const dj = s.j - c.last.j;
      if (di <= 0 || dj <= 0 || Math.min(unmaskedA(c.last.i, s.i), unmaskedB(c.last.j, s.j)) > MAX_GAP) continue;
      if (Math.abs(s.i - s.j - (c.last.i - c.last.j)) > MAX_DRIFT) continue;
      if (di + dj < bestGap) {
        bestGap = di + dj;
        best = c;
      }
    }
    if (best) {
      best.last = s;
      best.seeds.push(s);
    } else {
      const c = { last: s, seeds: [s] };
      chains.push(c);
      active.push(c);
    }
  }
  const matches: PassageMatch[] = [];
  // A chain that is not similar enough may have picked up a stray seed at one end (a stock phrase a few words
  // from the copy): it is split at its weakest link (the longest jump, a change of diagonal counting extra) and
  // each part tried again, a few times at most.
  for (const c of chains) {
    const pending: Array<[number, number]> = [[0, c.seeds.length - 1]];
    let splits = 0;
    while (pending.length) {
      const [from, to] = pending.pop()!;
      const found = passage(c.seeds[from], c.seeds[to]);
      if (typeof found === 'object') matches.push(found);
      else if (found === DISSIMILAR && to > from && splits < MAX_SPLITS) {
        let at = from;
        let worst = -1;
        for (let x = from; x < to; x++) {
          const p = c.seeds[x];
          const q = c.seeds[x + 1];
          const cost = Math.max(q.i - p.i, q.j - p.j) + 4 * Math.abs(q.i - q.j - (p.i - p.j));
          if (cost > worst) [worst, at] = [cost, x];
        }
        splits++;
        pending.push([from, at], [at + 1, to]);
      }
    }
  }
  return mergeOverlapping(matches, self);

  /** The passage from seed `first` to seed `last`, extended, or why there is none. */
  function passage(first: Seed, last: Seed): PassageMatch | typeof SHORT | typeof DISSIMILAR {
    let ai = first.i;
    let bj = first.j;
    let aEnd = last.i + k; // exclusive, in words
    let bEnd = last.j + k;
    // Extend on both sides over matching words, across changed words as long as matches outweigh them (an X-drop
    // extension along the diagonal), and across a word or two added or dropped wherever EXTEND_MATCH words match
    // beyond it: an edit near either end of a copy leaves no seed there, and in a short copy the words lost at its
    // ends would leave it under the minimum length.
    const ha = a.hashes;
    const hb = b.hashes;
    const leftOk = (x: number, y: number) => (!maskA || !maskA[x]) && (!maskB || !maskB[y]) && (!self || bEnd <= x);
    for (;;) {
      let score = 0;
      let best = 0;
      let length = 0;
      for (let t = 1; t <= ai && t <= bj && leftOk(ai - t, bj - t); t++) {
        score += ha[ai - t] === hb[bj - t] ? 1 : -XDROP_MISMATCH;
        if (score > best) [best, length] = [score, t];
        else if (score < best - XDROP) break;
      }
      ai -= length;
      bj -= length;
      let moved = false;
      for (let s = 0; s < EXTEND_SKIPS.length && !moved; s += 2) {
        const x = ai - EXTEND_SKIPS[s];
        const y = bj - EXTEND_SKIPS[s + 1];
        if (x < EXTEND_MATCH || y < EXTEND_MATCH) continue;
        let ok = true;
        for (let t = x - EXTEND_MATCH; t < ai && ok; t++) if ((maskA && maskA[t]) || (self && t < bEnd)) ok = false;
        for (let t = y - EXTEND_MATCH; t < bj && ok; t++) if (maskB && maskB[t]) ok = false;
        for (let t = 1; t <= EXTEND_MATCH && ok; t++) if (ha[x - t] !== hb[y - t]) ok = false;
        if (ok) {
          ai = x - EXTEND_MATCH;
          bj = y - EXTEND_MATCH;
          moved = true;
        }
      }
      if (!moved) break;
    }
    const rightOk = (x: number, y: number) => (!maskA || !maskA[x]) && (!maskB || !maskB[y]) && (!self || y < ai);
    for (;;) {
      let score = 0;
      let best = 0;
      let length = 0;
      for (let t = 0; aEnd + t < a.count && bEnd + t < b.count && rightOk(aEnd + t, bEnd + t); t++) {
        score += ha[aEnd + t] === hb[bEnd + t] ? 1 : -XDROP_MISMATCH;
        if (score > best) [best, length] = [score, t + 1];
        else if (score < best - XDROP) break;
      }
      aEnd += length;
      bEnd += length;
      let moved = false;
      for (let s = 0; s < EXTEND_SKIPS.length && !moved; s += 2) {
        const x = aEnd + EXTEND_SKIPS[s];
        const y = bEnd + EXTEND_SKIPS[s + 1];
        if (x + EXTEND_MATCH > a.count || y + EXTEND_MATCH > b.count) continue;
        let ok = true;
        for (let t = aEnd; t < x + EXTEND_MATCH && ok; t++) if (maskA && maskA[t]) ok = false;
        for (let t = bEnd; t < y + EXTEND_MATCH && ok; t++) if ((maskB && maskB[t]) || (self && t >= ai)) ok = false;
        for (let t = 0; t < EXTEND_MATCH && ok; t++) if (ha[x + t] !== hb[y + t]) ok = false;
        if (ok) {
          aEnd = x + EXTEND_MATCH;
          bEnd = y + EXTEND_MATCH;
          moved = true;
        }
      }
      if (!moved) break;
    }
    // Periodic text ("X X X"): one chain can run over both copies; cut it to one period so they do not overlap.
    if (self && bEnd > ai) {
      const period = ai - bj;
      bEnd = bj + period;
      aEnd = Math.min(aEnd, ai + period);
    }
    if (Math.min(aEnd - ai, bEnd - bj) < options.minWords) return SHORT;
    let sim = similarity(a.hashes.subarray(ai, aEnd), b.hashes.subarray(bj, bEnd), options.minSimilarity);
    if (sim < options.minSimilarity) return DISSIMILAR;
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
    return { start: a.starts[ai], end: a.ends[aEnd - 1], otherStart: b.starts[bj], otherEnd: b.ends[bEnd - 1], similarity: Math.round(sim * 1000) / 1000, words: wordsA, otherWords: bEnd - bj };
  }
}

const SHORT = 0;
const DISSIMILAR = 1;
/** How many times one chain may be split when it is not similar enough as a whole. */
const MAX_SPLITS = 4;

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
 * Boilerplate is a run of at least this many winnowed fingerprints in a row, all common (a footer, a standard
 * disclaimer). Fewer are a stock phrase ("did not immediately respond to a request for comment", "said in a
 * statement on"): masking those would cut a short copied passage below the minimum length.
 */
export const BOILERPLATE_RUN = 6;

/**
 * Words covered by boilerplate: for each run of at least BOILERPLATE_RUN consecutive winnowed fingerprints that
 * are all common and at most `window` apart (p … q), the words from p − (k − 1) to q + 2(k − 1), i.e. every k-gram
 * that could overlap the common text. Undefined when there is none.
 */
export function boilerplateMask(t: WordTokens, options: DuplicateOptions, isCommon: (hash: number) => boolean): Uint8Array | undefined {
  const { hashes, positions } = fingerprints(t, options);
  let mask: Uint8Array | undefined;
  const k = options.k;
  let runStart = -1;
  let runEnd = -1;
  let runLength = 0;
  const flush = () => {
    if (runStart < 0) return;
    if (runLength < BOILERPLATE_RUN) {
      runStart = runEnd = -1;
      return;
    }
    mask ??= new Uint8Array(t.count);
    const from = Math.max(0, runStart - (k - 1));
    const to = Math.min(t.count, runEnd + 2 * (k - 1) + 1);
    for (let x = from; x < to; x++) mask[x] = 1;
    runStart = runEnd = -1;
  };
  for (let i = 0; i < positions.length; i++) {
    if (!isCommon(hashes[i])) {
      flush();
      continue;
    }
    const p = positions[i];
    if (runStart >= 0 && p - runEnd <= options.window) {
      runEnd = p;
      runLength++;
    } else {
      flush();
      runStart = runEnd = p;
      runLength = 1;
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
 * Numbered blocks of Int32s in one growing array (no allocation per block). A freed block stays as garbage until
 * the array is full and garbage makes up a third of it; then the live blocks are copied together into a new
 * array. Offsets change on every `alloc`, so read them (and `data`) afresh after one.
 */
class BlockPool {
  data = new Int32Array(1024);
  /** Per block number: offset and size (0 = no block). */
  offsets = new Int32Array(64);
  sizes = new Int32Array(64);
  private end = 0;
  private garbage = 0;

  /** Bytes held. */
  get bytes(): number {
    return this.data.byteLength + this.offsets.byteLength + this.sizes.byteLength;
  }

  /** A block of `size` Int32s for block number `id` (which must hold none); returns its offset. */
  alloc(id: number, size: number): number {
    if (id >= this.offsets.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(Math.max(id + 1, 2 * a.length));
        b.set(a);
        return b;
      };
      this.offsets = grow(this.offsets);
      this.sizes = grow(this.sizes);
    }
    if (this.end + size > this.data.length) this.makeRoom(size);
    const offset = this.end;
    this.end += size;
    this.offsets[id] = offset;
    this.sizes[id] = size;
    return offset;
  }

  free(id: number): void {
    this.garbage += this.sizes[id];
    this.sizes[id] = 0;
  }

  private makeRoom(size: number): void {
    const live = this.end - this.garbage;
    const length = Math.max(1024, Math.ceil((live + size) * 1.5));
    if (3 * this.garbage < this.end) {
      // Mostly live: grow in place.
      const data = new Int32Array(Math.max(length, Math.ceil(this.data.length * 1.5)));
      data.set(this.data.subarray(0, this.end));
      this.data = data;
      return;
    }
    const data = new Int32Array(length);
    let end = 0;
    for (let id = 0; id < this.sizes.length; id++) {
      const n = this.sizes[id];
      if (!n) continue;
      data.set(this.data.subarray(this.offsets[id], this.offsets[id] + n), end);
      this.offsets[id] = end;
      end += n;
    }
    this.data = data;
    this.end = end;
    this.garbage = 0;
  }
}

/**
 * Fingerprint → documents, in one open-addressing table (linear probing, backward-shift deletion, so no
 * tombstones) of interleaved Int32 key/value pairs: no object per fingerprint. A value is 0 for an empty slot,
 * doc + 1 for a fingerprint seen in one document (most of them), and −(list + 1) for one shared by several, whose
 * documents are then kept in a block of `lists` (capacity a power of two, `listLengths` used).
 */
class PostingTable {
  private table = new Int32Array(2 * 1024);
  /** Slots (any number: a slot is found by scaling a mixed hash, not by masking). */
  private capacity = 1024;
  private used = 0;
  readonly lists = new BlockPool();
  listLengths = new Int32Array(64);
  private freeLists: number[] = [];
  private listCount = 0;

  /** Distinct fingerprints held. */
  get size(): number {
    return this.used;
  }

  get bytes(): number {
    return this.table.byteLength + this.lists.bytes + this.listLengths.byteLength;
  }

  private home(h: number): number {
    return Math.floor(((slotHash(h) >>> 0) * this.capacity) / 4294967296);
  }

  /** The slot holding `h`, or the empty slot where it would go. */
  private find(h: number): number {
    const t = this.table;
    const capacity = this.capacity;
    let s = this.home(h);
    while (t[2 * s + 1] !== 0 && t[2 * s] !== h) if (++s === capacity) s = 0;
    return s;
  }

  /** Documents holding `h`. */
  count(h: number): number {
    const v = this.table[2 * this.find(h) + 1];
    return v === 0 ? 0 : v > 0 ? 1 : this.listLengths[-v - 1];
  }

  /** The raw value for `h` (see the class comment). */
  value(h: number): number {
    return this.table[2 * this.find(h) + 1];
  }

  add(h: number, doc: number): void {
    // At most 80% full: linear probing stays short, and growing by half keeps the table 53–80% full.
    if ((this.used + 1) * 5 > this.capacity * 4) this.rehash(Math.ceil(this.capacity * 1.5));
    const s = this.find(h);
    const t = this.table;
    const v = t[2 * s + 1];
    if (v === 0) {
      t[2 * s] = h;
      t[2 * s + 1] = doc + 1;
      this.used++;
    } else if (v > 0) {
      const li = this.freeLists.length ? this.freeLists.pop()! : this.listCount++;
      if (li >= this.listLengths.length) {
        const more = new Int32Array(2 * this.listLengths.length);
        more.set(this.listLengths);
        this.listLengths = more;
      }
      const at = this.lists.alloc(li, 2);
      this.lists.data[at] = v - 1;
      this.lists.data[at + 1] = doc;
      this.listLengths[li] = 2;
      t[2 * s + 1] = -(li + 1);
    } else {
      const li = -v - 1;
      const n = this.listLengths[li];
      if (n === this.lists.sizes[li]) this.resizeList(li, 2 * n);
      this.lists.data[this.lists.offsets[li] + n] = doc;
      this.listLengths[li] = n + 1;
    }
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
    const data = this.lists.data;
    const from = this.lists.offsets[li];
    const n = this.listLengths[li];
    let at = from;
    while (at < from + n && data[at] !== doc) at++;
    if (at === from + n) return;
    data[at] = data[from + n - 1];
    this.listLengths[li] = n - 1;
    if (n - 1 === 1) {
      t[2 * s + 1] = data[from] + 1;
      this.lists.free(li);
      this.freeLists.push(li);
    } else if (n - 1 <= this.lists.sizes[li] / 4) this.resizeList(li, this.lists.sizes[li] / 2);
  }

  /** Moves list `li` to a block of `size` entries. */
  private resizeList(li: number, size: number): void {
    const n = this.listLengths[li];
    const entries = this.lists.data.slice(this.lists.offsets[li], this.lists.offsets[li] + n);
    this.lists.free(li);
    const at = this.lists.alloc(li, size); // may move the pool's data: read it after
    this.lists.data.set(entries, at);
  }

  /** Empties slot `s`, shifting later entries of its probe run back (so no tombstones are needed). */
  private clear(s: number): void {
    const t = this.table;
    const capacity = this.capacity;
    let hole = s;
    let j = s;
    for (;;) {
      if (++j === capacity) j = 0;
      if (t[2 * j + 1] === 0) break;
      const home = this.home(t[2 * j]);
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

  private rehash(capacity: number): void {
    const old = this.table;
    this.table = new Int32Array(2 * capacity);
    this.capacity = capacity;
    const t = this.table;
    for (let x = 0; x < old.length; x += 2) {
      if (old[x + 1] === 0) continue;
      let s = this.home(old[x]);
      while (t[2 * s + 1] !== 0) if (++s === capacity) s = 0;
      t[2 * s] = old[x];
      t[2 * s + 1] = old[x + 1];
    }
  }
}

/**
 * A fingerprint index over many documents, for cross-document repeats. Holds winnowed fingerprints only (no text),
 * so it stays small: documents are numbered internally, their distinct fingerprints kept in one block pool, and
 * the postings in one typed-array hash table (see PostingTable); no object per document or per fingerprint. Pairs
 * it proposes are aligned from their texts by the caller (see `alignPair`).
 */
export class FingerprintIndex {
  /** Document id → its number, in insertion order (a replaced document moves to the end). */
  private readonly numbers = new Map<string, number>();
  private names: string[] = [];
  /** Per document number: its distinct fingerprints, sorted. */
  private readonly docs = new BlockPool();
  private freeNumbers: number[] = [];
  private nextNumber = 0;
  /** Per document number: how many fingerprints its block holds. */
  private lengths = new Int32Array(64);
  private readonly postings = new PostingTable();
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
    return { fingerprints: this.postings.size, bytes: this.postings.bytes + this.docs.bytes };
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
    this.numbers.set(id, num);
    this.names[num] = id;
    const at = this.docs.alloc(num, unique); // may move the pool's data: read it after
    this.docs.data.set(sorted.subarray(0, unique), at);
    if (num >= this.lengths.length) {
      const more = new Int32Array(2 * this.lengths.length);
      more.set(this.lengths);
      this.lengths = more;
    }
    this.lengths[num] = unique;
    for (let x = 0; x < unique; x++) this.postings.add(sorted[x], num);
  }

  delete(id: string): void {
    const num = this.numbers.get(id);
    if (num === undefined) return;
    const data = this.docs.data;
    const from = this.docs.offsets[num];
    const n = this.lengths[num];
    for (let x = from; x < from + n; x++) this.postings.remove(data[x], num);
    this.docs.free(num);
    this.lengths[num] = 0;
    this.numbers.delete(id);
    this.names[num] = '';
    this.freeNumbers.push(num);
  }

  /** True for boilerplate: a fingerprint in more documents than the cutoff. */
  isCommon = (hash: number): boolean => this.postings.count(hash) > this.options.maxDocumentFrequency;

  /**
   * Other documents sharing at least `minShared` non-boilerplate fingerprints with `id`, or `minRare` found in no
   * third document, most shared first.
   */
  candidates(id: string, minShared = MIN_SHARED_FINGERPRINTS, minRare = MIN_SHARED_RARE_FINGERPRINTS): Array<{ id: string; shared: number }> {
    const num = this.numbers.get(id);
    if (num === undefined) return [];
    const from = this.docs.offsets[num];
    return this.tally(this.docs.data, from, from + this.lengths[num], num, minShared, minRare);
  }

  /**
   * The documents that `candidates` would give for a text that is not in the index (its tokens): those sharing at
   * least `minShared` non-boilerplate fingerprints with it, or `minRare` held by no other document.
   */
  candidatesFor(tokens: WordTokens, minShared = MIN_SHARED_FINGERPRINTS, minRare = MIN_SHARED_RARE_FINGERPRINTS): Array<{ id: string; shared: number }> {
    const distinct = fingerprints(tokens, this.options).hashes.slice().sort();
    let unique = 0;
    for (let x = 0; x < distinct.length; x++) if (x === 0 || distinct[x] !== distinct[x - 1]) distinct[unique++] = distinct[x];
    return this.tally(distinct, 0, unique, -1, minShared, minRare);
  }

  /** Counts, per other document, the fingerprints `fps[from..to)` (of document `self`, or −1 for none) it shares. */
  private tally(fps: Int32Array, from: number, to: number, self: number, minShared: number, minRare: number): Array<{ id: string; shared: number }> {
    if (this.shared.length < this.nextNumber) {
      this.shared = new Int32Array(Math.max(this.nextNumber, 2 * this.shared.length));
      this.rare = new Int32Array(this.shared.length);
    }
    const shared = this.shared;
    const rare = this.rare;
    const touched: number[] = [];
    const maxDf = this.options.maxDocumentFrequency;
    const postings = this.postings;
    const lists = postings.lists;
    // A fingerprint held by the pair alone: two documents, or one besides a text outside the index.
    const pairOnly = self >= 0 ? 2 : 1;
    for (let x = from; x < to; x++) {
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
      const at = lists.offsets[li];
      for (let y = at; y < at + n; y++) {
        const other = lists.data[y];
        if (other === self) continue;
        if (shared[other]++ === 0) touched.push(other);
        if (n === pairOnly) rare[other]++;
      }
    }
    const out: Array<{ id: string; shared: number }> = [];
    for (const other of touched) {
      if (shared[other] >= minShared || rare[other] >= minRare) out.push({ id: this.names[other], shared: shared[other] });
      shared[other] = 0;
      rare[other] = 0;
    }
    return out.sort((x, y) => y.shared - x.shared || (x.id < y.id ? -1 : 1));
  }
}
