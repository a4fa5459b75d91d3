// An annotation's bodies (note, tags, verdict, replies): reading them, and new annotations with them changed.
import { selectorsFor } from './anchoring';
import type { SeedAnnotation, TextualBody, Verdict } from './types';

/** The motivation bodies imply: assessing with a verdict, else commenting with a note, else tagging. */
export function motivationOf(body: TextualBody[]): SeedAnnotation['motivation'] {
  if (body.some((b) => b.purpose === 'assessing')) return 'assessing';
  if (body.some((b) => b.purpose === 'commenting')) return 'commenting';
  if (body.some((b) => b.purpose === 'tagging')) return 'tagging';
  return 'commenting';
}

const PURPOSE_ORDER: Record<TextualBody['purpose'], number> = { commenting: 0, tagging: 1, assessing: 2, replying: 3 };

/** Bodies in a stable order: the note, the tags, the verdict, then the replies (each group in its own order). */
export function ordered(body: TextualBody[]): TextualBody[] {
  return body.map((b, i) => ({ b, i })).sort((x, y) => PURPOSE_ORDER[x.b.purpose] - PURPOSE_ORDER[y.b.purpose] || x.i - y.i).map((x) => x.b);
}

function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim();
    if (tag && !seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  }
  return out;
}

function isVerdict(v: unknown): v is Verdict {
  return v === 'verified' || v === 'disputed' || v === 'needs-source';
}

export function createAnnotation(input: {
  text: string;
  start: number;
  end: number;
  source: string;
  id: string;
  now: string;
  note?: string;
  tags?: string[];
  verdict?: Verdict;
  claimId?: string;
  creator?: string;
}): SeedAnnotation {
  const body: TextualBody[] = [];
  if (input.note !== undefined && input.note.trim()) body.push({ type: 'TextualBody', value: input.note, purpose: 'commenting', format: 'text/plain' });
  for (const tag of normaliseTags(input.tags ?? [])) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  if (input.verdict) body.push({ type: 'TextualBody', value: input.verdict, purpose: 'assessing' });
  const annotation: SeedAnnotation = {
    id: input.id,
    type: 'Annotation',
    created: input.now,
    modified: input.now,
    ...(input.creator ? { creator: input.creator } : {}),
    motivation: motivationOf(body),
    body,
    target: { source: input.source, selector: selectorsFor(input.text, input.start, input.end) },
    ...(input.claimId ? { claimId: input.claimId } : {}),
  };
  return annotation;
}

export function noteOf(a: SeedAnnotation): string | undefined {
  return a.body.find((b) => b.purpose === 'commenting')?.value;
}

export function tagsOf(a: SeedAnnotation): string[] {
  return a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}

export function verdictOf(a: SeedAnnotation): Verdict | undefined {
  const v = a.body.find((b) => b.purpose === 'assessing')?.value;
  return isVerdict(v) ? v : undefined;
}

export function repliesOf(a: SeedAnnotation): TextualBody[] {
  return a.body.filter((b) => b.purpose === 'replying');
}

function withBody(a: SeedAnnotation, body: TextualBody[], now: string): SeedAnnotation {
  const sorted = ordered(body);
  return { ...a, body: sorted, motivation: motivationOf(sorted), modified: now };
}

/** The annotation with this note (an empty or blank note removes it). */
export function withNote(a: SeedAnnotation, note: string | undefined, now: string): SeedAnnotation {
  const rest = a.body.filter((b) => b.purpose !== 'commenting');
  const old = a.body.find((b) => b.purpose === 'commenting');
  if (note === undefined || !note.trim()) return withBody(a, rest, now);
  return withBody(a, [{ ...(old ?? {}), type: 'TextualBody', value: note, purpose: 'commenting', format: 'text/plain' }, ...rest], now);
}

/** The annotation with these tags (trimmed, blank and repeated ones dropped), in this order. */
export function withTags(a: SeedAnnotation, tags: readonly string[], now: string): SeedAnnotation {
  const rest = a.body.filter((b) => b.purpose !== 'tagging');
  return withBody(a, [...rest, ...normaliseTags(tags).map((value): TextualBody => ({ type: 'TextualBody', value, purpose: 'tagging' }))], now);
}

/** The annotation with this verdict (undefined removes it). */
export function withVerdict(a: SeedAnnotation, verdict: Verdict | undefined, now: string): SeedAnnotation {
  const rest = a.body.filter((b) => b.purpose !== 'assessing');
  return withBody(a, verdict ? [...rest, { type: 'TextualBody', value: verdict, purpose: 'assessing' }] : rest, now);
}

/** The annotation with a reply added at the end. */
export function withReply(a: SeedAnnotation, reply: { value: string; creator?: string }, now: string): SeedAnnotation {
  const body: TextualBody = { type: 'TextualBody', value: reply.value, purpose: 'replying', format: 'text/plain', created: now, ...(reply.creator ? { creator: reply.creator } : {}) };
  return withBody(a, [...a.body, body], now);
}

/** The annotation without its `index`-th reply (as repliesOf lists them); unchanged when there is no such reply. */
export function withoutReply(a: SeedAnnotation, index: number, now: string): SeedAnnotation {
  const replies = repliesOf(a);
  if (index < 0 || index >= replies.length) return a;
  const gone = replies[index];
  return withBody(a, a.body.filter((b) => b !== gone), now);
}

/** The annotation with selectors for a new range of `text` (`modified` is updated only when `now` is given). */
export function reanchored(annotation: SeedAnnotation, text: string, start: number, end: number, now?: string): SeedAnnotation {
  return {
    ...annotation,
    ...(now !== undefined ? { modified: now } : {}),
    target: { ...annotation.target, selector: selectorsFor(text, start, end) },
  };
}
