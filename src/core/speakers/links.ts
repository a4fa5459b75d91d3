// How a mention is tied to a reporting cue of its sentence, over asides and inversions. Shared by the quote model and
// the reported-speech model (src/core/speakers).

import { SKIPPABLE, type CueHit } from './features';
import type { Mention } from './mentions';
import { lowerAt, type TokenWindow } from './window';
import { isLyAdverb } from '../text';

const CLOSERS = new Set([',', '—', '–', ')', '―']);
const QUOTE_MARKS = new Set(['"', '“', '”', "'", '’', '‘']);

/** The first reporting cue at or after token `from`, over auxiliaries and adverbs ("has repeatedly said"), with the aside before it. */
function cueAt(window: TokenWindow, from: number, aside: number): (CueHit & { aside: number }) | null {
  const { tokens, lower } = window;
  let v = from;
  while (v < tokens.length && (QUOTE_MARKS.has(tokens[v].text) || (tokens[v].type === 'word' && (SKIPPABLE.has(lower[v]) || isLyAdverb(tokens[v].text))))) v++;
  const t = tokens[v];
  if (!t || t.type !== 'word' || window.masked(v)) return null;
  const word = lower[v];
  if (word === 'according' && lowerAt(window, v + 1) === 'to') return null;
  const p = window.cue[v];
  return p >= 0.05 ? { at: v, word, key: window.keys[v].lower, p, aside } : null;
}

/**
 * How a mention is tied to a reporting cue of its sentence, whatever stands between: the subject of a cue after an
 * aside ("Jane Miller, 34, a nurse in Ohio, said", "Smith, who calls the mayor a “liar,” said"), or the subject of
 * an inverted cue ("…, said Tom Reyes, director of …", "…, officials say").
 */
export function cueLinks(window: TokenWindow, m: Mention): { subject: (CueHit & { aside: number }) | null; inverted: CueHit | null } {
  const { tokens, masked } = window;
  let subject = cueAt(window, m.last + 1, 0);
  if (!subject && tokens[m.last + 1] && CLOSERS.has(tokens[m.last + 1].text) && tokens[m.last + 1].text !== ')') {
    // The aside ends at a comma (or dash) that a cue follows; it may hold a quote of its own.
    for (let j = m.last + 2; j < tokens.length && j - m.last <= 40; j++) {
      const t = tokens[j];
      if (t.text === '.' || t.text === ';' || t.text === ':' || t.text === '?') break;
      if (!CLOSERS.has(t.text)) continue;
      subject = cueAt(window, j + 1, j - m.last);
      if (subject) break;
    }
  }
  let inverted: CueHit | null = null;
  let k = m.first - 1;
  while (k >= 0 && tokens[k].type === 'word' && isLyAdverb(tokens[k].text)) k--;
  const before = tokens[k];
  // The mention ends its clause ("…, said Tom Reyes, director of …"): in "said he doesn't" it opens the content.
  const next = tokens[m.last + 1];
  const endsClause = !next || next.type === 'punct' || masked(m.last + 1);
  if (endsClause && before && before.type === 'word' && !masked(k)) {
    const word = window.lower[k];
    const p = window.cue[k];
    const opener = tokens[k - 1];
    // "…, said X", "“…” said X", "Said X": an inverted cue; not "the report said X would" (X opens a clause).
    if (p >= 0.05 && word !== 'to' && (!opener || opener.text === ',' || QUOTE_MARKS.has(opener.text) || masked(k - 1) || CLOSERS.has(opener.text))) inverted = { at: k, word, key: window.keys[k].lower, p };
  }
  return { subject, inverted };
}
