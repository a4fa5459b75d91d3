// Tracking an annotation's range across edits of the article.

/**
 * Where `offset` lands after `change` replaced [start, end) with newLength code units. Offsets before the change stay,
 * offsets after it move by the change in length. An offset at the start of a replaced range stays there and one at
 * its end follows the new text's end; an offset strictly inside a replaced range, or exactly at an insertion point,
 * goes to the start of the new text with affinity 'start' and to its end with affinity 'end'.
 */
export function mapOffsetThroughChange(offset: number, change: { start: number; end: number; newLength: number }, affinity: 'start' | 'end'): number {
  const { start, end, newLength } = change;
  if (offset < start) return offset;
  if (offset > end) return offset + newLength - (end - start);
  if (start === end) return affinity === 'start' ? start : start + newLength;
  if (offset === start) return start;
  if (offset === end) return start + newLength;
  return affinity === 'start' ? start : start + newLength;
}

/**
 * The range after the change: text typed at its start or end stays outside it, text typed inside it is part of it.
 * Undefined when the change replaced all of the range's text (the caller anchors the annotation again).
 */
export function mapRangeThroughChange(range: { start: number; end: number }, change: { start: number; end: number; newLength: number }): { start: number; end: number } | undefined {
  const { start, end } = range;
  if (change.end > change.start && change.start <= start && change.end >= end) return undefined;
  const s = mapOffsetThroughChange(start, change, 'end');
  const e = mapOffsetThroughChange(end, change, 'start');
  return { start: s, end: Math.max(s, e) };
}
