// The duplicate detector's options and the thresholds its candidate search uses.

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
