// The annotation data model: W3C Web Annotation (JSON-LD) as the sidecar files store it.

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export type Verdict = 'verified' | 'disputed' | 'needs-source';

export const VERDICTS: ReadonlyArray<{ verdict: Verdict; label: string }> = [
  { verdict: 'verified', label: 'Verified' },
  { verdict: 'disputed', label: 'Disputed' },
  { verdict: 'needs-source', label: 'Needs source' },
];

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging' | 'assessing' | 'replying';
  format?: 'text/plain';
  created?: string;
  creator?: string;
}

export interface SeedAnnotation {
  /** 'urn:uuid:…' */
  id: string;
  type: 'Annotation';
  /** ISO 8601. */
  created: string;
  modified: string;
  creator?: string;
  motivation: 'commenting' | 'tagging' | 'assessing';
  /** The note (purpose commenting), each tag (tagging), the verdict (assessing, value = Verdict), replies (replying). */
  body: TextualBody[];
  /** source: the article's file name, relative (e.g. '003_….txt'). */
  target: { source: string; selector: [TextQuoteSelector, TextPositionSelector] };
  /** When the annotation is a verdict on a claim: the claim's id (from analyze().claims). */
  claimId?: string;
}

export interface SidecarDocument {
  '@context': string;
  type: 'AnnotationCollection';
  label?: string;
  generator?: string;
  total: number;
  items: SeedAnnotation[];
}

export type Anchor = { start: number; end: number; method: 'position' | 'quote' | 'fuzzy'; score: number } | { orphaned: true };

export interface SidecarProblem {
  message: string;
  /** 1-based. */
  line?: number;
  /** 1-based, in UTF-16 code units. */
  column?: number;
}

