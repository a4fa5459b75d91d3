import { preview, quotedWords, type Rule } from './rule';

export const scareQuote: Rule = {
  id: 'scare-quote',
  description: 'A short quoted term that nobody is said to have used (a scare quote).',
  defaultSeverity: 'hint',
  docs:
    'Quote marks around a word or two, with no speaker, tell the reader the writer keeps a distance from the term ' +
    'without saying who uses it. Say whose word it is, or drop the marks.',
  check({ quotes }) {
    return quotes
      .filter((q) => !q.nested && q.kind === 'scare')
      .map((q) => ({ start: q.start, end: q.end, message: `Scare quote “${preview(quotedWords(q.text), 32)}”: whose word is it?`, data: { quoteStart: q.start } }));
  },
};
