// Finding quoted passages: curly and straight double quotes, curly single quotes, guillemets, nested quotes,
// quotes that run over several paragraphs, and marks that never close (kept, and reported once).

import type { Paragraph } from './types';
import { isWordChar } from './words';

export interface QuoteSpan {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just past the closing mark, or the end of the last paragraph when unclosed. */
  end: number;
  /** Inner text range (without marks). */
  innerStart: number;
  innerEnd: number;
  mark: 'double' | 'single';
  closed: boolean;
  depth: number;
  /** Index into `paragraphs` of the first and last paragraph the quote covers. */
  firstParagraph: number;
  lastParagraph: number;
}

export interface StrayMark {
  offset: number;
  kind: 'unclosed' | 'unopened';
}

const isSpace = (ch: string | undefined) => ch === undefined || /[\s\uFEFF]/.test(ch);
const OPENERS_BEFORE = /[\s\uFEFF([{\u2014\u2013\-/“"‘'«:]/;

interface Open {
  offset: number;
  char: string;
  mark: 'double' | 'single';
  paragraph: number;
}

/** Each mark findQuotes() acts on: “ « „ ” » " ‘ ’ and ' (global: searched from a position). */
const QUOTE_MARK = /[“«„”»"‘’']/g;

/**
 * Scans the paragraphs (in order) for quotes. Linear in the text length.
 * `paragraphs` must be sorted by offset and not overlap.
 */
export function findQuotes(text: string, paragraphs: Paragraph[]): { quotes: QuoteSpan[]; stray: StrayMark[] } {
  const quotes: QuoteSpan[] = [];
  const stray: StrayMark[] = [];
  /** An unclosed top-level double quote carried into the next paragraph (a continuation quote). */
  let carried: Open | null = null;
  // Most characters are no quote mark, and nothing below happens for them: the engine's search finds the next one.
  // `markAt` is the first mark at or after the last search's start (the text's length for none), so also the first
  // at or after any later offset up to it: each stretch without marks is searched once.
  let markAt = -1;
  const nextMark = (from: number): number => {
    if (markAt < from) {
      QUOTE_MARK.lastIndex = from;
      markAt = QUOTE_MARK.test(text) ? QUOTE_MARK.lastIndex - 1 : text.length;
    }
    return markAt;
  };

  for (let p = 0; p < paragraphs.length; p++) {
    const { start, end } = paragraphs[p];
    const stack: Open[] = [];
    let i = start;
    if (carried) {
      // The paragraph opens with a mark: the carried quote continues; skip that mark.
      stack.push(carried);
      carried = null;
      i = skipOpeningMark(text, i, end);
    }
    for (i = nextMark(i); i < end; i = nextMark(i + 1)) {
      const ch = text[i];
      const prev = i > start ? text[i - 1] : undefined;
      const next = i + 1 < end ? text[i + 1] : undefined;
      switch (ch) {
        case '“':
        case '«':
        case '„': {
          const top = topDouble(stack);
          if (top && top.char === ch && top.paragraph === p && ch === '“') {
            // A second opening mark while one is open in the same paragraph: the first never closed.
            closeAsUnclosed(stack, top, i, text, quotes, stray, p);
          }
          stack.push({ offset: i, char: ch, mark: 'double', paragraph: p });
          break;
        }
        case '”':
        case '»': {
          const top = topDouble(stack);
          if (top) closeQuote(stack, top, i, quotes, p);
          else stray.push({ offset: i, kind: 'unopened' });
          break;
        }
        case '"': {
          const top = topDouble(stack);
          const closesHere = prev !== undefined && !isSpace(prev) && (isSpace(next) || /[,.;:!?)\]—–-]/.test(next!));
          if (top && (top.char === '"' || closesHere)) closeQuote(stack, top, i, quotes, p);
          else if (!isSpace(next)) stack.push({ offset: i, char: ch, mark: 'double', paragraph: p });
          else stray.push({ offset: i, kind: 'unopened' });
          break;
        }
        case '‘': {
          if (prev === undefined || OPENERS_BEFORE.test(prev)) stack.push({ offset: i, char: ch, mark: 'single', paragraph: p });
          break;
        }
        case '’':
        case "'": {
          const top = stack[stack.length - 1];
          if (top && top.mark === 'single' && !isWordChar(next)) {
            closeQuote(stack, top, i, quotes, p);
          } else if (ch === "'" && (prev === undefined || OPENERS_BEFORE.test(prev)) && isWordChar(next)) {
            stack.push({ offset: i, char: ch, mark: 'single', paragraph: p });
          }
          break;
        }
      }
    }
    // End of paragraph: single quotes that never closed were apostrophes or primes; drop them.
    const doubles = stack.filter((o) => o.mark === 'double');
    if (!doubles.length) continue;
    const outer = doubles[0];
    const nextPara = paragraphs[p + 1];
    const continues = doubles.length === 1 && nextPara !== undefined && startsWithOpeningMark(text, nextPara.start, nextPara.end, outer.char);
    if (continues && opensTranscriptTurn(text, nextPara.start, nextPara.end)) {
      // An interview transcript: every turn opens with a mark and a speaker label ("WALLACE: ...") and, by the
      // multi-paragraph convention, leaves its paragraph open. Each turn is its own quote, and no mark is stray.
      endOpenTurn(stack, outer, end, text, quotes, p);
    } else if (continues) {
      carried = outer;
    } else {
      for (const o of doubles) {
        closeAsUnclosed(stack, o, end, text, quotes, stray, p);
      }
    }
  }
  quotes.sort((a, b) => a.start - b.start || b.end - a.end);
  // Depth: how many earlier quotes contain this one.
  const openStack: QuoteSpan[] = [];
  for (const q of quotes) {
    while (openStack.length && openStack[openStack.length - 1].end <= q.start) openStack.pop();
    q.depth = openStack.length;
    openStack.push(q);
  }
  stray.sort((a, b) => a.offset - b.offset);
  return { quotes, stray };
}

function topDouble(stack: Open[]): Open | undefined {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].mark === 'double') return stack[k];
  return undefined;
}

function closeQuote(stack: Open[], open: Open, closeAt: number, quotes: QuoteSpan[], paragraph: number): void {
  const idx = stack.lastIndexOf(open);
  // Inner single quotes left open inside a closing double were apostrophes: drop them.
  stack.splice(idx);
  quotes.push({
    start: open.offset,
    end: closeAt + 1,
    innerStart: open.offset + 1,
    innerEnd: closeAt,
    mark: open.mark,
    closed: true,
    depth: 0,
    firstParagraph: open.paragraph,
    lastParagraph: paragraph,
  });
}

/** An opening mark never closed: the quote runs to the end of its paragraph, and the mark is reported. */
function closeAsUnclosed(stack: Open[], open: Open, at: number, text: string, quotes: QuoteSpan[], stray: StrayMark[], paragraph: number): void {
  stray.push({ offset: open.offset, kind: 'unclosed' });
  endOpenTurn(stack, open, at, text, quotes, paragraph);
}

/** The paragraph opens with a quote mark and an all-capitals speaker label: "PENCE: Well, look, ...". */
function opensTranscriptTurn(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && /[\s\uFEFF]/.test(text[i])) i++;
  const head = text.slice(i + 1, Math.min(end, i + 50));
  const m = /^(\p{Lu}[\p{Lu}.’'-]*(?: \p{Lu}[\p{Lu}.’'-]*){0,3}):\s/u.exec(head);
  return !!m && m[1].replace(/[^\p{Lu}]/gu, '').length >= 2;
}

/** Ends an open quote at `at` (trailing space trimmed), without reporting its mark. */
function endOpenTurn(stack: Open[], open: Open, at: number, text: string, quotes: QuoteSpan[], paragraph: number): void {
  const idx = stack.lastIndexOf(open);
  if (idx >= 0) stack.splice(idx);
  let end = at;
  while (end > open.offset + 1 && /\s/.test(text[end - 1])) end--;
  quotes.push({
    start: open.offset,
    end,
    innerStart: open.offset + 1,
    innerEnd: end,
    mark: open.mark,
    closed: false,
    depth: 0,
    firstParagraph: open.paragraph,
    lastParagraph: paragraph,
  });
}

/**
 * Whether a paragraph opens with the mark that continues a quote opened with `opener` (a multi-paragraph quote
 * reopens each paragraph with the same mark: a straight mark after a curly one starts a quote of its own).
 */
function startsWithOpeningMark(text: string, start: number, end: number, opener: string): boolean {
  let i = start;
  while (i < end && /[\s\uFEFF]/.test(text[i])) i++;
  if (opener === '"') return text[i] === '"' && i + 1 < end && !/\s/.test(text[i + 1]);
  return text[i] === opener;
}

function skipOpeningMark(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && /[\s\uFEFF]/.test(text[i])) i++;
  return i + 1;
}
