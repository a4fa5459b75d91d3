import { deletePassage, lineRange, percent, type Rule } from './rule';

export const duplicatePassage: Rule = {
  id: 'duplicate-passage',
  description: 'A passage that repeats an earlier passage of the same article, exactly or lightly edited.',
  defaultSeverity: 'warning',
  docs:
    'Scrapers sometimes append an article to itself, and editors paste a paragraph twice. The rule compares word ' +
    'fingerprints (winnowing), so a changed word, new punctuation or re-wrapped lines still match; a passage needs at ' +
    'least 40 words and 80% of its words in common with the earlier copy. The quick fix removes the later copy.',
  check({ text, repeats }) {
    return repeats.map((d) => ({
      start: d.start,
      end: d.end,
      message: `${capitalize(lineRange(d.line, d.endLine))} repeat${d.line === d.endLine ? 's' : ''} ${lineRange(d.of.line, d.of.endLine)} of this article (${d.words} words, ${percent(d.similarity)} the same).`,
      related: [{ start: d.of.start, end: d.of.end, line: d.of.line, column: 1, endLine: d.of.endLine, endColumn: 1, message: 'The earlier copy' }],
      fixes: [{ title: 'Remove this duplicate passage', edits: [deletePassage(text, d.start, d.end)], preferred: true }],
      data: { duplicate: d },
    }));
  },
};

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);
