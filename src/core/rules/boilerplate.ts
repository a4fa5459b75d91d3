import type { Rule, RuleFinding } from './rule';

export const boilerplate: Rule = {
  id: 'boilerplate',
  description: 'Lines that are page furniture, not article text (audio widgets, AI bylines, prompts).',
  defaultSeverity: 'hint',
  docs:
    'Scraped articles carry text that is not part of the story: “Listen to Article”, “Click play to generate audio”, ' +
    'author boxes, AI-journalist bylines and the prompt that generated the text. Consecutive lines are reported as one block.',
  check({ text, paragraphs }) {
    const findings: RuleFinding[] = [];
    let block: { start: number; end: number; reasons: Set<string>; lines: number } | null = null;
    let lastLine = -2;
    const flush = () => {
      if (!block) return;
      const what = [...block.reasons].join(', ');
      findings.push({
        start: block.start,
        end: block.end,
        message: block.lines === 1 ? `Not article text (${what}).` : `Not article text: ${block.lines} lines (${what}).`,
        fixes: [{ title: block.lines === 1 ? 'Delete this boilerplate line' : `Delete these ${block.lines} boilerplate lines`, edits: [wholeLines(text, block.start, block.end)] }],
        data: { lines: block.lines },
      });
      block = null;
    };
    for (const p of paragraphs) {
      if (p.role !== 'boilerplate') continue;
      if (block && p.line === lastLine + 1) {
        block.end = p.end;
        block.lines++;
        block.reasons.add(p.reason ?? 'boilerplate');
      } else {
        flush();
        block = { start: p.start, end: p.end, reasons: new Set([p.reason ?? 'boilerplate']), lines: 1 };
      }
      lastLine = p.line;
    }
    flush();
    return findings;
  },
};

/** An edit deleting the whole lines from `start` to `end`, line breaks included. */
function wholeLines(text: string, start: number, end: number) {
  let from = start;
  while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
  let to = end;
  while (to < text.length && text[to] !== '\n' && text[to] !== '\r') to++;
  if (text[to] === '\r') to++;
  if (text[to] === '\n') to++;
  return { start: from, end: to, newText: '' };
}
