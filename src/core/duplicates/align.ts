// Duplicate passages: winnowing (Schleimer, Wilkerson & Aiken 2003) over normalised word tokens finds candidate
// documents; a pair is then aligned on all its word k-grams, seeds are chained along near-diagonals (so a changed
// word, re-punctuation or re-wrapping does not break a passage), extended at both ends across changed, added or
// dropped words while the words match more than they differ (so a short copy edited near its ends keeps its
// length), and scored by the longest common subsequence of words. Offsets always point back into the original text
// (UTF-16 code units).
// This file holds the alignment of one pair of documents and the repeats inside one text.
import { DEFAULT_DUPLICATE_OPTIONS, type DuplicateOptions } from './options';
import { wordTokens, type WordTokens } from './words';
import { boilerplateMask, kgramHashes } from './fingerprints';
import { slotHash } from './postings';

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
  /** The slot of each position's k-gram (so aligning a document with itself looks nothing up twice). */
  slotOf: new Int32Array(0),
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
  if (t.next.length < grams.length) {
    t.next = new Int32Array(Math.max(grams.length, t.next.length * 2));
    t.slotOf = new Int32Array(t.next.length);
  }
  if (++t.generation === 0x7fffffff) {
    t.stamps.fill(0);
    t.generation = 1;
  }
  t.mask = cap - 1;
  const { keys, heads, counts, stamps, next, slotOf, generation, mask } = t;
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
    slotOf[j] = s;
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
  const { heads, counts, next, slotOf } = gramTable;
  const seeds: Seed[] = [];
  for (let i = 0; i < gramsA.length; i++) {
    const slot = self ? slotOf[i] : lookupGram(gramsA[i]);
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
  const active: typeof chains = [];
  for (const s of seeds) {
    // Kept in place, in order (a new array per seed was most of this function's garbage).
    let kept = 0;
    for (const c of active) if (s.i - c.last.i <= 4 * MAX_GAP || unmaskedA(c.last.i, s.i) <= MAX_GAP) active[kept++] = c;
    if (kept < active.length) active.length = kept; // setting the length is a call of its own
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
export function findRepeatsWithin(text: string, options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS, words?: WordTokens): PassageMatch[] {
  const tokens = words ?? wordTokens(text);
  if (tokens.count < options.minWords * 2) return [];
  return alignPair(tokens, tokens, options);
}
