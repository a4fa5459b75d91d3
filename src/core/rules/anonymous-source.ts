import { ANONYMITY_PHRASES, ROLE_NOUNS } from '../lexicon';
import { preview, quotedWords, type Rule, type RuleFinding } from './rule';
import { paragraphText } from '../structure';

/** The reporting verbs of VAGUE_SOURCE. */
const REPORTING_VERBS = 'said|say|says|told|tell|added|noted|warned|argued|insisted|stated|confirmed|suggested|claimed|believe|believed|acknowledged';
// Reported speech from unnamed sources, without quote marks: "Several senior officials said that …".
const VAGUE_SOURCE = new RegExp(
  String.raw`(?:^|[,;]\s+|\b(?:and|but|while)\s+)((?:(?:a|an|one|two|three|four|several|some|many|other|senior|top|unnamed|anonymous)\s+)+(?:[\p{L}-]+\s+){0,3}?(?:${[...ROLE_NOUNS].join('|')})|(?:officials|sources|diplomats|insiders|aides))\s+(?:${REPORTING_VERBS})\b`,
  'giu',
);

/**
 * The reporting verbs VAGUE_SOURCE ends with, alone and with its flags: every match of it holds one, and most
 * paragraphs hold none, where this simpler pattern answers sooner.
 */
const REPORTING_VERB = new RegExp(`(?:${REPORTING_VERBS})`, 'iu');

/** Unnamed-source phrases in a paragraph: offset (relative) and text of each. */
function vagueSources(para: string): Array<{ at: number; phrase: string }> {
  const out: Array<{ at: number; phrase: string }> = [];
  if (!REPORTING_VERB.test(para)) return out;
  VAGUE_SOURCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VAGUE_SOURCE.exec(para))) out.push({ at: m.index + m[0].indexOf(m[1]), phrase: m[1] });
  return out;
}

/** The first match of each anonymity phrase in a paragraph, in the phrases' order. */
function anonymityPhrases(para: string): Array<{ at: number; phrase: string }> {
  const out: Array<{ at: number; phrase: string }> = [];
  for (const phrase of ANONYMITY_PHRASES) {
    const m = phrase.exec(para);
    if (m) out.push({ at: m.index, phrase: m[0] });
  }
  return out;
}

export const anonymousSource: Rule = {
  id: 'anonymous-source',
  description: 'A quote or statement attributed to an unnamed source.',
  defaultSeverity: 'information',
  docs:
    'Unnamed sources (“a senior official”, “officials said”, “on condition of anonymity”) are sometimes necessary, ' +
    'but readers cannot weigh them. The rule marks them so an editor can check each one is justified.',
  check({ text, paragraphs, quotes, memo }) {
    const findings: RuleFinding[] = [];
    const covered: Array<[number, number]> = [];
    for (const q of quotes) {
      if (!q.anonymous || !q.speaker || q.nested) continue;
      findings.push({
        start: q.start,
        end: q.end,
        message: `Quote from an unnamed source (${q.speaker.text}): “${preview(quotedWords(q.text), 32)}”`,
        data: { quoteStart: q.start },
      });
      covered.push([q.speaker.start, q.speaker.end]);
    }
    for (const p of paragraphs) {
      if (p.role !== 'paragraph') continue;
      const para = paragraphText(text, p);
      // The pattern is costly and depends on the paragraph's text alone: remembered per paragraph.
      const matches = memo('anonymous-source', para, () => vagueSources(para));
      for (const m of matches) {
        const start = p.start + m.at;
        const end = start + m.phrase.length;
        if (covered.some(([a, b]) => a < end && start < b)) continue;
        if (quotes.some((q) => q.start <= start && end <= q.end)) continue;
        if (/^\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(m.phrase)) continue;
        findings.push({ start, end, message: `Statement attributed to an unnamed source: “${m.phrase}”` });
      }
      for (const pm of memo('anonymity-phrases', para, () => anonymityPhrases(para))) {
        const start = p.start + pm.at;
        const end = start + pm.phrase.length;
        if (findings.some((f) => f.start <= end && start <= f.end + 200 && f.start >= p.start)) continue;
        findings.push({ start, end, message: `Source granted anonymity: “${pm.phrase}”` });
      }
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
