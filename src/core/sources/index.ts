// Sources across articles: who is quoted or cited, how often, named or anonymous, and the same quote given to
// different speakers. Pure, like the rest of the core: the CLI, the report and the extension share it.
export { digestArticle, shortClaimText, CLAIM_TEXT_MAX, SCORE_BINS, type ArticleDigest, type ArticleSource, type DigestClaim, type DigestQuote, type QuoteStatus, type SourceKind } from './digest';
export { buildSources, compareSources, type Source, type SourceClaim, type SourceQuote, type SourcesData } from './build';
export { findSameQuotes, SAME_QUOTE, type SameQuote, type QuoteSide } from './sameQuotes';
export { parseSpeaker, nameKey, descriptionKey, fullNameIn, type SpeakerRef } from './names';
export { sourcesJsonChunks, sourcesToCsv, sourcesToJson, SOURCE_CSV_COLUMNS } from './export';
