import type { Rule } from './rule';

/** More than this many stray marks in one article are summarised in one finding. */
const MAX_REPORTED = 50;

export const unbalancedQuote: Rule = {
  id: 'unbalanced-quote',
  description: 'A quote mark that never closes, or a closing mark with no opening one.',
  defaultSeverity: 'information',
  docs:
    'An opening mark with no closing mark by the end of its paragraph (and no continuation in the next paragraph), ' +
    'or a closing mark with nothing to close. The quote is still analysed up to the end of its paragraph.',
  check({ strayMarks }) {
    const shown = strayMarks.slice(0, MAX_REPORTED).map((s) => ({
      start: s.offset,
      end: s.offset + 1,
      message: s.kind === 'unclosed' ? 'This quote mark is never closed.' : 'This closing quote mark has no opening mark.',
    }));
    if (strayMarks.length > MAX_REPORTED) {
      const rest = strayMarks[MAX_REPORTED];
      shown.push({ start: rest.offset, end: rest.offset + 1, message: `${strayMarks.length - MAX_REPORTED} more unbalanced quote marks in this article are not listed.` });
    }
    return shown;
  },
};
