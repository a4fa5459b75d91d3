// The analysis core. Pure TypeScript: never imports `vscode` or Node built-ins, so the extension host, the CLI
// and a web worker can all run it.
export { analyze, analysisFailure, ANALYSIS_FAILED, DocumentAnalyzer, looksBinary, emptyResult, type AnalyzeOptions } from './analyze';
export { RULES, ruleById, type Rule } from './rules';
export { parseConfig, newConfigText, withRuleSeverity, defaultConfig, createFileFilter, createExcludeFilter, configForPath, CONFIG_FILE_NAME, type FolderConfig, type SeedConfig, type ConfigProblem } from './config';
export { LineIndex, plural, splitLines } from './text';
export * from './types';
export { findCorpusRepeats, pairRepeats, repeatsOf, toRecord, type CorpusDocument, type PairSide } from './corpus';
export { DuplicateList, listDuplicates, type ListedDuplicate } from './duplicateList';
export { FingerprintIndex, kgramHashesInSlices, alignPair, wordTokens, findRepeatsWithin, DEFAULT_DUPLICATE_OPTIONS, type DuplicateOptions, type PassageMatch, type WordTokens } from './duplicates';
export { extractClaims, normaliseClaimText, CLAIM_TYPES, type Claim, type ClaimType, type ClaimSpeaker } from './claims';
export { packClaim, plainClaim, StoredClaim, type PackedClaim } from './packedClaims';
export { claimsJsonChunks, claimsToCsv, claimsToJson, jsonChunks, toCsv, CLAIM_CSV_COLUMNS, type ClaimRow, type ClaimElsewhere } from './export';
export { SameClaimIndex, withSameClaims, baseClaimId, MAX_ELSEWHERE, SAME_CLAIM, type SameClaimMatch } from './sameClaims';
export {
  ANNOTATION_CONTEXT,
  VERDICTS,
  CONTEXT_LENGTH,
  FUZZY_ERROR_RATIO,
  MAX_FUZZY_ERRORS,
  SHORT_QUOTE,
  createAnnotation,
  motivationOf,
  selectorsFor,
  anchorAnnotation,
  anchorAll,
  reanchored,
  noteOf,
  tagsOf,
  verdictOf,
  repliesOf,
  withNote,
  withTags,
  withVerdict,
  withReply,
  withoutReply,
  parseSidecar,
  serializeSidecar,
  sidecarNameFor,
  mapOffsetThroughChange,
  mapRangeThroughChange,
  type Verdict,
  type TextQuoteSelector,
  type TextPositionSelector,
  type TextualBody,
  type SeedAnnotation,
  type SidecarDocument,
  type SidecarProblem,
  type Anchor,
} from './annotations';
export { newAnnotationId, randomUuid, type RandomSource } from './ids';
export {
  mergeAnnotations,
  mergeAnnotation,
  otherVersionOf,
  sameAnnotation,
  canonicalJson,
  OTHER_VERSION_TAG,
  type MergeConflict,
  type MergeResult,
  type MergeOptions,
  type ConflictPart,
} from './annotationsMerge';
export * from './sources';
export * from './report';
