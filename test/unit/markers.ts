// Fixtures carry their expectations as marker lines starting with "%%" under the article line they describe.
// The markers are removed before analysis, so offsets in the analysed text are those of the clean article.
import { readFileSync } from 'node:fs';

export interface Expectation {
  /** 1-based line in the clean article. */
  line: number;
  kind: 'role' | 'quote' | 'finding' | 'sentences';
  args: string;
  /** Line in the fixture file, for messages. */
  fixtureLine: number;
}

export function loadFixture(path: string): { text: string; expectations: Expectation[] } {
  const raw = readFileSync(path, 'utf8');
  const lines = raw.split('\n');
  const clean: string[] = [];
  const expectations: Expectation[] = [];
  lines.forEach((l, i) => {
    const m = /^%%\s+(role|quote|finding|sentences)\s*(.*)$/.exec(l);
    if (m) expectations.push({ line: clean.length, kind: m[1] as Expectation['kind'], args: m[2].trim(), fixtureLine: i + 1 });
    else if (l.startsWith('%%')) throw new Error(`${path}:${i + 1}: unknown marker ${l}`);
    else clean.push(l);
  });
  return { text: clean.join('\n'), expectations };
}

/** Parses `"starts" kind speaker~Name words anonymous` into parts. */
export function parseQuoteMarker(args: string): { starts: string; kind: string; speaker?: string; anonymous: boolean } {
  const m = /^"([^"]+)"\s+(\w+)(?:\s+speaker~(.+?))?(\s+anonymous)?$/.exec(args);
  if (!m) throw new Error(`bad quote marker: ${args}`);
  return { starts: m[1], kind: m[2], speaker: m[3], anonymous: !!m[4] };
}
