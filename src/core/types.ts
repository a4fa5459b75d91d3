import type { Claim } from './claims';

// Plain, serialisable shapes shared by the core, the CLI and the extension.
// Every offset is a UTF-16 code unit index into the analysed text (the unit TextDocument.offsetAt uses); `end` is exclusive.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeverityOrOff = Severity | 'off';

export interface Span {
  start: number;
  end: number;
  text: string;
}

export type LineRole = 'blank' | 'headline' | 'heading' | 'byline' | 'boilerplate' | 'source' | 'paragraph';

export interface Paragraph {
  /** Index of the line (0-based). In the seed format every non-blank line is a paragraph. */
  line: number;
  start: number;
  end: number;
  role: LineRole;
  /** Why the line has its role, in plain words (e.g. "known audio widget text"). */
  reason?: string;
  sentences: Array<{ start: number; end: number }>;
}

export type QuoteKind = 'direct' | 'partial' | 'scare';

export interface Speaker extends Span {
  /** How the speaker was found. */
  via: 'after-quote' | 'before-quote' | 'according-to' | 'clause-subject' | 'continuation' | 'pronoun' | 'context';
  /** The attribution model's probability that this is the speaker (0–1). */
  confidence?: number;
  /** For a pronoun, the pronoun itself (the speaker span is then the named antecedent). */
  mention?: Span;
}

export interface Quote {
  /** Includes the quote marks. For an unclosed quote, ends where its paragraph ends. */
  start: number;
  end: number;
  /** The quoted words, without the marks. */
  text: string;
  kind: QuoteKind;
  speaker: Speaker | null;
  cue: Span | null;
  anonymous: boolean;
  /** Why the speaker is anonymous, or why no speaker was found, in plain words. */
  note?: string;
  /** Set when the quote sits inside another quote (its words are the outer speaker's). */
  nested?: boolean;
  /** False when a closing mark was never found. */
  closed: boolean;
  /** Number of paragraphs the quote runs over (continuation quotes). */
  paragraphs: number;
  /** With no speaker: the attribution model's probability that no one is named (0–1). */
  confidence?: number;
}

export interface TextEditData {
  start: number;
  end: number;
  /** Replacement text. When `snippet` is true on the fix, a VS Code snippet string. */
  newText: string;
}

export interface FixData {
  title: string;
  edits: TextEditData[];
  snippet?: boolean;
  /** Marks the fix as the preferred one for its finding. */
  preferred?: boolean;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** 1-based, filled in by analyze(). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes?: FixData[];
  /** Other places the finding concerns (the other copy of a duplicate passage). */
  related?: RelatedLocation[];
  /** Plain data about the finding for hovers (e.g. the quote it concerns). */
  data?: Record<string, unknown>;
}

export interface RelatedLocation {
  /** Path or URI of the other document, as the caller named it; absent for the same document. */
  path?: string;
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** A repeated passage: this copy and the copy it repeats. */
export interface DuplicateRecord {
  start: number;
  end: number;
  /** 1-based lines of this copy. */
  line: number;
  endLine: number;
  /** Word-level similarity of the two copies, 0–1. */
  similarity: number;
  words: number;
  of: { path?: string; /** How to name the other document in messages (defaults to path). */ label?: string; start: number; end: number; line: number; endLine: number };
}

export interface AnalysisResult {
  version: 1;
  /** Length of the analysed text, in UTF-16 code units. */
  length: number;
  paragraphs: Paragraph[];
  quotes: Quote[];
  findings: Finding[];
  /** Sentences that assert something checkable, with their metadata (see claims.ts). */
  claims: Claim[];
  /** Repeated passages: inside this article, and (when the caller passed them) of other documents. */
  duplicates: DuplicateRecord[];
  /** Semantic regions (headline, speaker, cue…) for highlighting. */
  tokens: SemanticRegion[];
  /** Non-fatal notes about the input (e.g. "looks binary"). */
  notices: string[];
}

export type SemanticKind = 'headline' | 'heading' | 'byline' | 'boilerplate' | 'source' | 'speaker' | 'cue' | 'quote';

export interface SemanticRegion {
  start: number;
  end: number;
  kind: SemanticKind;
}
