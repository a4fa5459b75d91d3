// The article model: which line is the headline, a heading, a byline, boilerplate, the source line or body text.
// remark-parse reads the block structure (Markdown headings and breaks in .md articles); the seed layout then
// decides the rest, because in seed files every line is its own paragraph and remark would merge them.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { LineRole, Paragraph } from './types';
import { splitLines, countWords, type LineSpan } from './text';
import { splitSentences } from './sentences';
import { AI_BYLINE, BOILERPLATE_LINES, BYLINE, PROMPT_MARKERS } from './lexicon';

const markdown = unified().use(remarkParse);

/** Above this size remark is skipped: the seed layout alone decides (remark holds the whole tree in memory). */
const REMARK_LIMIT = 2_000_000;

interface BlockInfo {
  /** Lines that Markdown makes headings (ATX "# Title" or setext underlined). */
  headingLines: Set<number>;
  /** Lines that are Markdown furniture (setext underlines, thematic breaks). */
  furnitureLines: Set<number>;
}

function markdownBlocks(text: string, lines: LineSpan[]): BlockInfo {
  const info: BlockInfo = { headingLines: new Set(), furnitureLines: new Set() };
  if (text.length > REMARK_LIMIT) return info;
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
      info.headingLines.add(first);
      for (let l = first + 1; l <= last; l++) info.furnitureLines.add(l); // setext underline
    } else if (node.type === 'thematicBreak') {
      for (let l = first; l <= last && l < lines.length; l++) info.furnitureLines.add(l);
    }
  }
  return info;
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
  const words = countWords(line);
  if (words === 0 || words > 14 || line.length > 110) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(line)) return false;
  if (CLOSING_PUNCTUATION.test(line)) return false;
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

/** Builds the article model. Never throws; works on any string. */
export function buildStructure(text: string): ArticleStructure {
  const lines = splitLines(text);
  const blocks = markdownBlocks(text, lines);
  const roles: Array<{ role: LineRole; reason?: string }> = [];
  let sawText = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = text.slice(lines[i].start, lines[i].end);
    const line = raw.replace(/^[\s\uFEFF]+|\s+$/g, '');
    if (!line || blocks.furnitureLines.has(i)) {
      roles.push({ role: 'blank' });
      continue;
    }
    const first = !sawText;
    sawText = true;
    const boiler = boilerplateReason(line);
    if (boiler) roles.push({ role: 'boilerplate', reason: boiler });
    else if (SOURCE_LINE.test(line) && line.length < 320) roles.push({ role: 'source', reason: 'source line' });
    else if (BYLINE.test(line)) roles.push({ role: 'byline', reason: 'byline' });
    else if (first && (blocks.headingLines.has(i) || (countWords(line) <= 30 && line.length <= 250 && splitSentences(line, 0, line.length).length <= 1)))
      roles.push({ role: 'headline', reason: 'first line of the article' });
    else if (blocks.headingLines.has(i) || looksLikeHeading(line)) roles.push({ role: 'heading', reason: 'short line with no closing punctuation' });
    else roles.push({ role: 'paragraph' });
  }
  fillBoilerplateGaps(text, lines, roles);

  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { role, reason } = roles[i];
    if (role === 'blank') continue;
    let { start, end } = lines[i];
    while (start < end && /[\s\uFEFF]/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    const sentences = role === 'paragraph' || role === 'boilerplate' ? splitSentences(text, start, end) : [{ start, end }];
    paragraphs.push({ line: i, start, end, role, reason, sentences });
  }
  return { lines, paragraphs };
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
