// Text as the views, hovers and messages show it: shortened lines, quoted words, dates and claim types. Plain
// functions, without the vscode API, so unit tests can check them.
import { CLAIM_TYPES, type ClaimType } from '../core';

/** The text on one line, cut at a word boundary with an ellipsis when it is longer than max. */
export function shorten(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** The closing mark of each opening quote mark an article's words may start with. */
const CLOSING: Record<string, string> = { '“': '”', '„': '”', '‟': '”', '"': '"', '«': '»', '‘': '’', '‚': '’' };

/** How many of a mark are in the text; a ’ between letters is an apostrophe, not a closing mark. */
function countOf(text: string, mark: string): number {
  if (mark === '’') return [...text.matchAll(/’(?!\p{L})/gu)].length;
  return text.split(mark).length - 1;
}

/**
 * Words in one pair of quote marks, on one line, at most max characters: “Market Square”. Words that already
 * open with a quote mark (a quoted sentence) keep theirs instead of getting a second one, and a closing mark
 * that shortening cut off is put back: “The engineering is sound and…”.
 */
export function quoted(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const open = CLOSING[flat[0]] !== undefined ? flat[0] : undefined;
  if (!open) return `“${shorten(flat, max - 2)}”`;
  const close = CLOSING[open];
  const body = shorten(flat, max - 1);
  const unclosed = open === close ? countOf(body, open) % 2 === 1 : countOf(body, open) > countOf(body, close);
  return unclosed ? `${body}${close}` : body;
}

/** A stored ISO time as a reader reads it: "3 December 2026, 16:52" (the order follows the locale). */
export function dateTimeText(iso: string, locale?: string, timeZone?: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return time.toLocaleString(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
}

/** "statement — a reported statement (“X said that …”) or another factual assertion": the type and what it means. */
export function claimTypeText(type: ClaimType): string {
  const description = CLAIM_TYPES.find((t) => t.type === type)?.description;
  if (!description) return type;
  // The first clause says what the type is; the rest (after ":" or the full stop) is advice for the checker.
  const clause = description.replace(/(?::|\.(?=\s|$)).*$/, '').trim();
  // Only the first letter is lowered, so a capital inside ("X said") stays; an acronym ("EU rules") stays whole.
  const lowered = /^\p{Lu}[\p{Lu}\d]/u.test(clause) ? clause : clause[0].toLowerCase() + clause.slice(1);
  return `${type} — ${lowered}`;
}
