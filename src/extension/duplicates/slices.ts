// Reading and fingerprinting a large article on the extension host in slices, with a turn of the event loop between
// them, so that neither holds the host for long. No `vscode`: the workspace index uses it, and the bench measures it.
import { kgramHashesInSlices, type FingerprintIndex } from '../../core';

/**
 * Files larger than this (bytes, or UTF-16 code units) are decoded and fingerprinted in slices of about this size: a
 * few milliseconds of the host's time each.
 */
export const SLICE = 128 * 1024;

/** UTF-8 bytes as text, decoded in slices of SLICE bytes with `pause()` between them. */
export async function decodeInSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<string> {
  if (bytes.length <= SLICE) return new TextDecoder().decode(bytes);
  const decoder = new TextDecoder();
  let text = '';
  for (let at = 0; at < bytes.length; at += SLICE) {
    if (at) await pause();
    text += decoder.decode(bytes.subarray(at, at + SLICE), { stream: at + SLICE < bytes.length });
  }
  return text;
}

/**
 * Indexes an article's text: at once when small, else fingerprinted in slices and added at the end, unless
 * `stillWanted()` then says another change overtook this one (the index is left as that change made it).
 */
export async function indexInSlices(index: FingerprintIndex, id: string, text: string, pause: () => Promise<void>, stillWanted: () => boolean): Promise<void> {
  if (text.length <= SLICE) {
    index.setText(id, text);
    return;
  }
  const grams = await kgramHashesInSlices(text, index.options.k, pause, SLICE);
  if (stillWanted()) index.setGrams(id, grams);
}
