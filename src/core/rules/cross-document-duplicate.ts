import { lineRange, percent, type Rule } from './rule';

export const crossDocumentDuplicate: Rule = {
  id: 'cross-document-duplicate',
  description: 'A passage that also appears in another article of the workspace, exactly or lightly edited.',
  defaultSeverity: 'information',
  docs:
    'Wire copy reused across outlets, or one story saved twice under two names. The workspace index keeps word ' +
    'fingerprints of every seed article and compares the articles that share enough of them; text found in many ' +
    'articles (over the document-frequency cutoff) is boilerplate and never reported here.',
  check({ crossDocument }) {
    return crossDocument.map((d) => ({
      start: d.start,
      end: d.end,
      message: `${capitalize(lineRange(d.line, d.endLine))} also appear${d.line === d.endLine ? 's' : ''} in ${d.of.label ?? d.of.path ?? 'another article'} (${lineRange(d.of.line, d.of.endLine)}, ${percent(d.similarity)} the same).`,
      related: [{ path: d.of.path, start: d.of.start, end: d.of.end, line: d.of.line, column: 1, endLine: d.of.endLine, endColumn: 1, message: 'The other copy' }],
      data: { duplicate: d },
    }));
  },
};

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);
