// Word k-grams and their winnowed fingerprints (Schleimer, Wilkerson & Aiken 2003), and boilerplate: runs of
// fingerprints that many documents share.
import type { DuplicateOptions } from './options';
import { scanWords, type WordTokens } from './words';

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
export function kgramsInto(words: Int32Array, count: number, k: number, out: Int32Array): number {
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
export function winnowInto(grams: Int32Array, n: number, w: number, deque: Int32Array, out: Int32Array): number {
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

