import type { FixData, Paragraph, Quote, SeverityOrOff } from '../types';

export interface RuleContext {
  text: string;
  paragraphs: Paragraph[];
  quotes: Quote[];
  /** Quote marks that never closed or never opened. */
  strayMarks: Array<{ offset: number; kind: 'unclosed' | 'unopened' }>;
}

export interface RuleFinding {
  start: number;
  end: number;
  message: string;
  fixes?: FixData[];
  data?: Record<string, unknown>;
}

/** A rule is a small module: an id, a description, a default severity, docs, and one function that reports. */
export interface Rule {
  id: string;
  description: string;
  defaultSeverity: SeverityOrOff;
  /** Longer explanation shown in the docs and in hovers. */
  docs: string;
  check(context: RuleContext): RuleFinding[];
}

/** First words of a quote, for messages. */
export function preview(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}
