import type { FixData, Quote } from '../types';
import { preview, type Rule } from './rule';

/** Snippet edit that adds ", speaker said" after the quote, fixing up the punctuation inside the marks. */
export function attributionFix(text: string, quote: Quote): FixData {
  const closeMark = quote.closed ? quote.end - 1 : quote.end;
  const inner = quote.text.trimEnd();
  const last = inner.slice(-1);
  const lastAt = quote.start + 1 + inner.length - 1;
  const close = quote.closed ? text[closeMark] : '';
  let edit;
  if (last === ',') edit = { start: quote.end, end: quote.end, newText: ' ${1:speaker} said' };
  else if (last === '.' && quote.closed) edit = { start: lastAt, end: quote.end, newText: `,${close} \${1:speaker} said.` };
  else if (last === '?' || last === '!') edit = { start: quote.end, end: quote.end, newText: ' ${1:speaker} said' };
  else edit = { start: quote.end, end: quote.end, newText: ', ${1:speaker} said' };
  return { title: 'Add attribution', edits: [edit], snippet: true, preferred: true };
}

export const unattributedQuote: Rule = {
  id: 'unattributed-quote',
  description: 'A direct quote with no speaker.',
  defaultSeverity: 'warning',
  docs:
    'A quoted statement should say who said it. The rule looks for a reporting verb and a speaker next to the quote ' +
    '(“…,” she said / he said: “…” / according to …), for an earlier quote it continues, and for a pronoun it can ' +
    'resolve. Short quoted terms (scare quotes) are left to the scare-quote rule.',
  check({ text, quotes }) {
    return quotes
      .filter((q) => !q.nested && q.kind !== 'scare' && !q.speaker)
      .map((q) => ({
        start: q.start,
        end: q.end,
        message: `Quote has no speaker: “${preview(q.text)}”`,
        fixes: [attributionFix(text, q)],
        data: { quoteStart: q.start },
      }));
  },
};
