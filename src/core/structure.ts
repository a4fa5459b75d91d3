// The article model: which line is the headline, a heading, a byline, boilerplate, the source line or body text.
// remark-parse reads the block structure (Markdown headings and breaks in .md articles); the seed layout then
// decides the rest, because in seed files every line is its own paragraph and remark would merge them.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { LineRole, Paragraph } from './types';
import { splitLines, countWords, isWhitespaceCode, RunCache, type LineSpan } from './text';
import { splitSentences } from './sentences';
import { AI_BYLINE, BOILERPLATE_LINES, BYLINE, PROMPT_MARKERS } from './lexicon';

const markdown = unified().use(remarkParse);

/** Above this size remark is skipped: the seed layout alone decides (remark holds the whole tree in memory). */
const REMARK_LIMIT = 5_000_000;

interface BlockInfo {
  /** Lines that Markdown makes headings (ATX "# Title" or setext underlined). */
  headingLines: Set<number>;
  /** Lines that are Markdown furniture (setext underlines, thematic breaks). */
  furnitureLines: Set<number>;
}

/**
 * A line that could be part of a top-level heading or thematic break: its first character (after spaces, tabs or a
 * byte-order mark) is one of `#`, `=`, `-`, `*`, `_`. Every ATX heading, setext underline and break starts so; the
 * `m` flag's line starts include \r, which Markdown also ends lines with. Most articles have no such line, and then
 * the parse (as long as remark-parse alone) cannot find anything.
 */
const BLOCK_MARK = /^[\uFEFF \t]*[#=*_-]/m;
/** BLOCK_MARK at line start `i`. */
function blockMarkAt(text: string, i: number): boolean {
  let c = text.charCodeAt(i);
  while (c === 0xfeff || c === 0x20 || c === 0x09) c = text.charCodeAt(++i);
  return c === 0x23 || c === 0x3d || c === 0x2a || c === 0x5f || c === 0x2d;
}

/**
 * Whether `startsAt` accepts some line start of `text` (every offset where an `m`-flag `^` matches), or undefined
 * when the text has a \r, \u2028 or \u2029: then the caller's regex decides. Otherwise lines end only at \n, which
 * the engine's own search finds faster than a regex tries every offset (these tests run on every analysis).
 */
function someLineStart(text: string, startsAt: (text: string, i: number) => boolean): boolean | undefined {
  if (text.indexOf('\r') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) return undefined;
  for (let start = 0; ; ) {
    if (startsAt(text, start)) return true;
    const lineBreak = text.indexOf('\n', start);
    if (lineBreak < 0) return false;
    start = lineBreak + 1;
  }
}

function markdownBlocks(text: string, lines: LineSpan[]): BlockInfo {
  const info: BlockInfo = { headingLines: new Set(), furnitureLines: new Set() };
  if (text.length > REMARK_LIMIT || !(someLineStart(text, blockMarkAt) ?? BLOCK_MARK.test(text))) return info;
  let tree;
  try {
    tree = markdown.parse(text);
  } catch {
    return info;
  }
  for (const node of tree.children) {
    const pos = node.position;
    if (!pos) continue;
    const first = pos.start.line - 1;
    const last = pos.end.line - 1;
    if (node.type === 'heading') {
      // A setext heading's underline is its last line; the lines before it are the heading's text.
      for (let l = first; l < last || l === first; l++) info.headingLines.add(l);
      if (last > first) info.furnitureLines.add(last);
    } else if (node.type === 'thematicBreak') {
      for (let l = first; l <= last && l < lines.length; l++) info.furnitureLines.add(l);
    }
  }
  return info;
}

/** What re-analysis keeps from the previous version of a document (see buildStructure). */
export class StructureCache {
  /** The previous text's lines and their Markdown block info, to shift instead of re-parsing. */
  previous: { lineTexts: string[]; blocks: BlockInfo; risky: boolean } | undefined;
  /**
   * Per trimmed line text: how it looks on its own (roles also depend on position and Markdown), and the line's text
   * as the previous run sliced it. Paragraphs carry that same string object, so that every later cache keyed by a
   * paragraph's text finds its entry by identity instead of comparing the whole text again.
   */
  readonly lineShapes = new RunCache<{ text: string; shape: LineShape }>();
  /** Per paragraph text: its sentence ranges, relative to the paragraph's start. */
  readonly sentences = new RunCache<Array<{ start: number; end: number }>>();
  endRun(): void {
    this.lineShapes.endRun();
    this.sentences.endRun();
  }
}

/**
 * Markdown that can make an edit of a plain line change blocks further away: fences, HTML blocks, and containers
 * (lists, block quotes), which a blank line can end.
 */
const RISKY_MARKDOWN = /^ {0,3}(?:```|~~~|<|>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/m;
/** RISKY_MARKDOWN at line start `i`. */
function riskyMarkdownAt(text: string, i: number): boolean {
  // Up to three spaces: a fourth is no marker, nor is any of them after fewer.
  for (let spaces = 0; spaces < 3 && text.charCodeAt(i) === 0x20; spaces++) i++;
  const c = text.charCodeAt(i);
  if (c === 0x3c || c === 0x3e) return true; // < >
  if (c === 0x60) return text.startsWith('```', i);
  if (c === 0x7e) return text.startsWith('~~~', i);
  if (c === 0x2d || c === 0x2a || c === 0x2b) return spaceOrLineEnd(text, i + 1); // - * +
  if (c >= 0x30 && c <= 0x39) {
    // \d{1,9}: a longer run of digits cannot be followed by the mark at any of its first nine.
    let j = i + 1;
    while (j - i <= 9 && isAsciiDigit(text.charCodeAt(j))) j++;
    if (j - i > 9) return false;
    const mark = text.charCodeAt(j);
    return (mark === 0x2e || mark === 0x29) && spaceOrLineEnd(text, j + 1); // . )
  }
  return false;
}
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** `(?:[ \t]|$)` with the m flag at `i`: a space or tab, a line terminator, or the end. */
function spaceOrLineEnd(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}
/** A line that cannot start or end a Markdown heading, break or container: text starting with a letter, digit or quote. */
const PLAIN_LINE = /^ {0,3}(?:[\p{L}"“‘'(]|\d(?!\d*[.)]))/u;
const isPlain = (line: string | undefined) => line === undefined || PLAIN_LINE.test(line);

/**
 * Markdown block info for `text`, reusing the previous version's when the edit only touched plain lines (and the
 * line after them is plain): then no heading, underline or break can have appeared or gone, and the old info only
 * shifts by the change in line count. Anything else re-parses.
 */
function markdownBlocksReusing(text: string, lines: LineSpan[], cache: StructureCache): BlockInfo {
  const lineTexts = lines.map((l) => text.slice(l.start, l.end));
  const risky = someLineStart(text, riskyMarkdownAt) ?? RISKY_MARKDOWN.test(text);
  const before = cache.previous;
  let blocks: BlockInfo | undefined;
  if (before && !before.risky && !risky && text.length <= REMARK_LIMIT) {
    const old = before.lineTexts;
    let prefix = 0;
    while (prefix < old.length && prefix < lineTexts.length && old[prefix] === lineTexts[prefix]) prefix++;
    let suffix = 0;
    while (suffix < old.length - prefix && suffix < lineTexts.length - prefix && old[old.length - 1 - suffix] === lineTexts[lineTexts.length - 1 - suffix]) suffix++;
    const changedOld = old.slice(prefix, old.length - suffix);
    const changedNew = lineTexts.slice(prefix, lineTexts.length - suffix);
    const after = lineTexts[lineTexts.length - suffix];
    const plainLines = (xs: string[]) => xs.every((x) => !x.trim() || isPlain(x));
    // A heading's lines are one contiguous run, so an edit can only join, split or change one through a changed
    // line or a line touching the change.
    const { headingLines, furnitureLines } = before.blocks;
    let touchesBlock = false;
    for (let l = prefix - 1; l <= old.length - suffix && !touchesBlock; l++) touchesBlock = headingLines.has(l) || furnitureLines.has(l);
    if (!touchesBlock && plainLines(changedOld) && plainLines(changedNew) && (after === undefined || !after.trim() || isPlain(after))) {
      const delta = lineTexts.length - old.length;
      const shift = (set: Set<number>) => {
        const out = new Set<number>();
        for (const l of set) {
          if (l < prefix) out.add(l);
          else if (l >= old.length - suffix) out.add(l + delta);
          // Lines inside the changed region carried no block info (checked above).
        }
        return out;
      };
      blocks = { headingLines: shift(before.blocks.headingLines), furnitureLines: shift(before.blocks.furnitureLines) };
    }
  }
  blocks ??= markdownBlocks(text, lines);
  cache.previous = { lineTexts, blocks, risky };
  return blocks;
}

/** What a line is on its own, whatever its position (tests in order of precedence; later ones only when needed). */
type LineShape = { kind: 'boilerplate'; reason: string } | { kind: 'source' } | { kind: 'byline' } | { kind: 'text'; heading: boolean };

function lineShape(line: string): LineShape {
  const boilerplate = boilerplateReason(line);
  if (boilerplate) return { kind: 'boilerplate', reason: boilerplate };
  if (SOURCE_LINE.test(line) && line.length < 320) return { kind: 'source' };
  if (BYLINE.test(line)) return { kind: 'byline' };
  return { kind: 'text', heading: looksLikeHeading(line) };
}

/** Short enough, and one sentence: the first line of an article with this shape is its headline. */
function headlineShape(line: string): boolean {
  return countWords(line) <= 30 && line.length <= 250 && splitSentences(line, 0, line.length).length <= 1;
}

const SOURCE_LINE = /^\(?\s*source\s*:\s*\S.{0,300}?\)?\s*$/i;
const CLOSING_PUNCTUATION = /[.,;:!"“”’')\]…]$/;

function titleCaseRatio(line: string): number {
  const words = line.match(/[\p{L}][\p{L}’'-]*/gu) ?? [];
  const significant = words.filter((w) => w.length > 3);
  if (!significant.length) return 1;
  return significant.filter((w) => /^\p{Lu}/u.test(w)).length / significant.length;
}

function looksLikeHeading(line: string): boolean {
  // The length first: most lines are body paragraphs, too long to count their words.
  if (line.length > 110) return false;
  const words = countWords(line);
  if (words === 0 || words > 14) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(line)) return false;
  if (CLOSING_PUNCTUATION.test(line)) return false;
  // A question or exclamation in sentence case is a sentence ("It was a mistake, wasn't it?"); a subhead that asks
  // is short or in title case ("What Happens Next?").
  if (/[?!]$/.test(line) && words > 3 && titleCaseRatio(line) < 0.5) return false;
  if (/[“"]/.test(line) && !/[”"]\s*\S/.test(line)) return false;
  return words <= 6 || titleCaseRatio(line) >= 0.5;
}

function boilerplateReason(line: string): string | undefined {
  for (const { pattern, reason } of BOILERPLATE_LINES) if (pattern.test(line)) return reason;
  if (AI_BYLINE.test(line)) return 'AI-journalist byline';
  if (PROMPT_MARKERS.some((p) => p.test(line))) return 'instructions written to an AI model';
  return undefined;
}

export interface ArticleStructure {
  lines: LineSpan[];
  paragraphs: Paragraph[];
}

/**
 * Builds the article model. Never throws; works on any string. With a cache (one per document), unchanged lines
 * and paragraphs reuse the previous run's work; the result is the same as without.
 */
export function buildStructure(text: string, cache?: StructureCache): ArticleStructure {
  const lines = splitLines(text);
  const blocks = cache ? markdownBlocksReusing(text, lines, cache) : markdownBlocks(text, lines);
  const roles: Array<{ role: LineRole; reason?: string }> = [];
  let sawText = false;
  // Each line trimmed once; the same string object then keys every cache (V8 hashes a string only once).
  const trimmed: Array<{ start: number; end: number; text: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    let { start, end } = lines[i];
    while (start < end && isWhitespaceCode(text.charCodeAt(start))) start++;
    while (end > start && isWhitespaceCode(text.charCodeAt(end - 1))) end--;
    const sliced = text.slice(start, end);
    if (!sliced || blocks.furnitureLines.has(i)) {
      trimmed.push({ start, end, text: sliced });
      roles.push({ role: 'blank' });
      continue;
    }
    const first = !sawText;
    sawText = true;
    let line = sliced;
    let shape: LineShape;
    if (cache) ({ text: line, shape } = cache.lineShapes.get(sliced, () => ({ text: ownCopy(sliced), shape: lineShape(sliced) })));
    else shape = lineShape(line);
    trimmed.push({ start, end, text: line });
    if (shape.kind === 'boilerplate') roles.push({ role: 'boilerplate', reason: shape.reason });
    else if (shape.kind === 'source') roles.push({ role: 'source', reason: 'source line' });
    else if (shape.kind === 'byline') roles.push({ role: 'byline', reason: 'byline' });
    else if (first && (blocks.headingLines.has(i) || headlineShape(line))) roles.push({ role: 'headline', reason: 'first line of the article' });
    else if (blocks.headingLines.has(i) || shape.heading) roles.push({ role: 'heading', reason: 'short line with no closing punctuation' });
    else roles.push({ role: 'paragraph' });
  }
  fillBoilerplateGaps(text, lines, roles);

  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { role, reason } = roles[i];
    if (role === 'blank') continue;
    const { start, end, text: line } = trimmed[i];
    const sentences = role === 'paragraph' || role === 'boilerplate' ? sentencesOf(text, start, end, line, cache) : [{ start, end }];
    const paragraph: Paragraph = { line: i, start, end, role, reason, sentences };
    PARAGRAPH_TEXT.set(paragraph, line);
    paragraphs.push(paragraph);
  }
  return { lines, paragraphs };
}

/**
 * The string's text in a string of its own. A slice of the article keeps the whole article alive; a line's text kept
 * across many runs would keep one old version of the document per line.
 */
function ownCopy(slice: string): string {
  return ` ${slice}`.slice(1);
}

/** A paragraph's text, as buildStructure sliced it (one string per paragraph, so caches hash it once). */
const PARAGRAPH_TEXT = new WeakMap<Paragraph, string>();

export function paragraphText(text: string, paragraph: Paragraph): string {
  return PARAGRAPH_TEXT.get(paragraph) ?? text.slice(paragraph.start, paragraph.end);
}

function sentencesOf(text: string, start: number, end: number, slice: string, cache: StructureCache | undefined): Array<{ start: number; end: number }> {
  if (!cache) return splitSentences(text, start, end);
  const relative = cache.sentences.get(slice, () => splitSentences(slice, 0, slice.length));
  return relative.map((r) => ({ start: start + r.start, end: start + r.end }));
}

/** A short line between two boilerplate lines (an author bio inside an author box) is boilerplate too. */
function fillBoilerplateGaps(text: string, lines: LineSpan[], roles: Array<{ role: LineRole; reason?: string }>): void {
  const isBoiler = (i: number) => roles[i]?.role === 'boilerplate';
  for (let i = 0; i < roles.length; i++) {
    if (!isBoiler(i)) continue;
    // Look ahead for up to two non-boilerplate lines followed by boilerplate.
    let j = i + 1;
    const gap: number[] = [];
    while (j < roles.length && !isBoiler(j) && gap.length <= 2) {
      if (roles[j].role !== 'blank') gap.push(j);
      j++;
    }
    if (j < roles.length && isBoiler(j) && gap.length > 0 && gap.length <= 2) {
      const short = gap.every((g) => countWords(text.slice(lines[g].start, lines[g].end)) <= 40);
      if (short) for (const g of gap) roles[g] = { role: 'boilerplate', reason: 'inside an author box' };
    }
  }
}
