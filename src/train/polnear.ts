// Reading PolNeAR (brat standoff: Source, Cue and Content spans joined by E lines), with offsets converted from
// code points (as brat and Python count) to UTF-16 code units (as the core counts). Only the first annotator's file
// of each article is read, as the shared scorers do.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Segment {
  start: number;
  end: number;
}

export interface Attribution {
  source: Segment[];
  cue: Segment[];
  content: Segment[];
}

export interface Article {
  name: string;
  text: string;
  attributions: Attribution[];
}

/** code point index → UTF-16 offset */
function codePointMap(text: string): number[] {
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return map;
}

export function readSplit(dir: string): Article[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  const anns = new Map<string, string>();
  for (const a of readdirSync(annDir).sort()) {
    const stem = a.slice(0, a.lastIndexOf('_'));
    if (!anns.has(stem)) anns.set(stem, a);
  }
  const out: Article[] = [];
  for (const name of readdirSync(textDir).sort()) {
    const stem = name.replace(/\.txt$/, '');
    const ann = anns.get(stem);
    if (!ann) continue;
    let text = readFileSync(join(textDir, name), 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    out.push({ name, text, attributions: parseAnn(readFileSync(join(annDir, ann), 'utf8'), codePointMap(text)) });
  }
  return out;
}

function parseAnn(ann: string, map: number[]): Attribution[] {
  const spans = new Map<string, { label: string; segs: Segment[] }>();
  const events: Array<Record<string, string[]>> = [];
  for (const line of ann.split('\n')) {
    if (line.startsWith('T')) {
      const [id, mid] = line.split('\t');
      if (!mid) continue;
      const space = mid.indexOf(' ');
      const label = mid.slice(0, space);
      const segs: Segment[] = [];
      let ok = true;
      for (const seg of mid.slice(space + 1).split(';')) {
        const [a, b] = seg.trim().split(/\s+/).map(Number);
        if (!Number.isInteger(a) || !Number.isInteger(b) || a >= map.length || b >= map.length) ok = false;
        else segs.push({ start: map[a], end: map[b] });
      }
      if (ok) spans.set(id, { label, segs });
    } else if (line.startsWith('E')) {
      const roles: Record<string, string[]> = {};
      for (const part of (line.split('\t')[1] ?? '').split(/\s+/).filter(Boolean)) {
        const [role, id] = part.split(':');
        (roles[role] ??= []).push(id);
      }
      events.push(roles);
    }
  }
  const segsOf = (ids: string[] | undefined) => (ids ?? []).flatMap((id) => spans.get(id)?.segs ?? []);
  return events.map((e) => ({ source: segsOf(e.Source), cue: segsOf(e.Cue), content: segsOf(e.Content) }));
}
