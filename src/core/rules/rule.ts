import type { DuplicateRecord, FixData, Paragraph, Quote, RelatedLocation, SeverityOrOff } from '../types';

export interface RuleContext {
  text: string;
  paragraphs: Paragraph[];
  quotes: Quote[];
  /** Quote marks that never closed or never opened. */
  strayMarks: Array<{ offset: number; kind: 'unclosed' | 'unopened' }>;
  /** Repeats inside this article (later copy first). */
  repeats: DuplicateRecord[];
  /** Repeats of other documents, found by the caller's workspace or corpus index. */
  crossDocument: DuplicateRecord[];
  /**
   * Remembers a pure function of its key across runs on one document (re-analysis after an edit); without a
   * document cache it simply computes. `key` (with the rule's `scope`) must determine the value.
   */
  memo: <T>(scope: string, key: string, compute: () => T) => T;
}

export interface RuleFinding {
  start: number;
  end: number;
  message: string;
  fixes?: FixData[];
  related?: RelatedLocation[];
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

/**
 * Quoted words without the punctuation of the sentence around them, which English puts inside the marks
 * (“possibility,” → possibility); the full stop of an abbreviation (“U.S.”) stays.
 */
export function quotedWords(text: string): string {
  const words = text.trim().replace(/(?:[,;:]|(?<!(?:^|[\s.])\p{L})\.)+$/u, '').trimEnd();
  return words || text;
}

/** An edit deleting [start, end), widened to whole lines (with their line break) when nothing else is on them. */
export function deletePassage(text: string, start: number, end: number) {
  let from = start;
  while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r' && /[\s\p{P}]/u.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && text[to] !== '\n' && text[to] !== '\r' && /[\s\p{P}]/u.test(text[to])) to++;
  const wholeLines = (from === 0 || text[from - 1] === '\n' || text[from - 1] === '\r') && (to === text.length || text[to] === '\n' || text[to] === '\r');
  if (!wholeLines) return { start, end, newText: '' };
  if (text[to] === '\r') to++;
  if (text[to] === '\n') to++;
  return { start: from, end: to, newText: '' };
}

export function percent(similarity: number): string {
  return `${Math.round(similarity * 100)}%`;
}

/** "line 4" or "lines 3–7". */
export function lineRange(first: number, last: number): string {
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}
