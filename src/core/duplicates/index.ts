// Duplicate passages: winnowing (Schleimer, Wilkerson & Aiken 2003) over normalised word tokens finds candidate
// documents; a pair is then aligned on all its word k-grams, seeds are chained along near-diagonals (so a changed
// word, re-punctuation or re-wrapping does not break a passage), extended at both ends across changed, added or
// dropped words while the words match more than they differ (so a short copy edited near its ends keeps its
// length), and scored by the longest common subsequence of words. Offsets always point back into the original text
// (UTF-16 code units).
//
// options.ts (settings and thresholds), words.ts (tokens), fingerprints.ts (k-grams, winnowing, boilerplate),
// align.ts (one pair, and repeats inside one text), postings.ts and fingerprintIndex.ts (candidates across many).
export * from './options';
export { wordHashes, wordTokens, wordTokensOfArticle, type WordTokens } from './words';
export { BOILERPLATE_RUN, boilerplateMask, fingerprints, kgramHashes, kgramHashesInSlices, winnow } from './fingerprints';
export { alignMasked, alignPair, findRepeatsWithin, similarity, type PassageMatch } from './align';
export { FingerprintIndex } from './fingerprintIndex';
export { appendInts } from './postings';
