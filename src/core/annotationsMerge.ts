// Three-way merge of an article's annotations, by id: what the sidecar held when it was last read or written (base),
// what it holds now (disk: another window, a `git pull`, a sync tool) and what the editor holds (memory). The
// extension runs it before every write, so nothing written elsewhere is overwritten.
//
// - An annotation added on either side is kept.
// - A deletion wins only over the version that was deleted: one side deleted it and the other left it as it was in
//   base. Deleted on one side and changed on the other: the changed one is kept.
// - Changed on both sides: merged part by part. The note, the verdict, the position and the other properties each
//   come from the side that changed them; tags are merged as a set (added on either side kept, removed on either side
//   removed); replies as a list (each reply by its time and author). When both sides changed the same part
//   differently (the note, the verdict, the same reply, other properties), that is a conflict: memory's version stays
//   under the id, and disk's is kept as a copy with a new id, tagged OTHER_VERSION_TAG and pointing to the original
//   with `otherVersionOf`. Both sides moving it (the position) is not a conflict: memory's position is kept, as it
//   was found in the text the editor has.
// - A disk file that is corrupt is read as far as it can be (`diskIncomplete`): an annotation missing from it may be
//   in the part that could not be read, so its absence is never taken for a deletion.
//
// Pure: no `vscode`, no Node built-ins.
import { motivationOf, type SeedAnnotation, type TextualBody } from './annotations';

/** The tag on the copy of disk's version of an annotation changed on both sides. */
export const OTHER_VERSION_TAG = 'other version';

/** A part of an annotation that both sides changed differently. */
export type ConflictPart = 'note' | 'verdict' | 'replies' | 'properties';

export interface MergeConflict {
  /** The annotation's id: memory's version (merged with disk's other changes) stays under it. */
  id: string;
  /** The id of the copy holding disk's version. */
  copyId: string;
  parts: ConflictPart[];
}

export interface MergeResult {
  annotations: SeedAnnotation[];
  conflicts: MergeConflict[];
  /** Deleted on one side but changed on the other since base: kept (the changed version). */
  keptOverDeletion: Array<{ id: string; deletedOn: 'disk' | 'memory' }>;
  /** Both sides moved it to different words: memory's position was kept. */
  positionsKept: string[];
  /** True when the result differs from memory (the editor must take it). */
  memoryChanged: boolean;
  /** True when the result differs from disk (the file must be written). */
  diskChanged: boolean;
}

export interface MergeOptions {
  /** Ids for the copies of conflicting versions. */
  newId: () => string;
  /** Disk's list is what could be read of a corrupt file: what is missing from it was not deleted. */
  diskIncomplete?: boolean;
}

/** JSON with object keys sorted, so equal values give equal strings whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Same content: every property the same but `modified` (and `motivation`, which follows from the bodies). */
export function sameAnnotation(a: SeedAnnotation | undefined, b: SeedAnnotation | undefined): boolean {
  if (!a || !b) return a === b;
  return canonicalJson(contentOf(a)) === canonicalJson(contentOf(b));
}

function contentOf(a: SeedAnnotation): Record<string, unknown> {
  const { modified: _modified, motivation: _motivation, ...rest } = a;
  return rest;
}

const eq = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** The three-way choice for one part: the side that changed it, or memory's with a conflict when both did. */
function choose<T>(base: T | undefined, hasBase: boolean, mine: T, theirs: T): { value: T; conflict: boolean } {
  if (eq(mine, theirs)) return { value: mine, conflict: false };
  if (hasBase && eq(base, mine)) return { value: theirs, conflict: false };
  if (hasBase && eq(base, theirs)) return { value: mine, conflict: false };
  return { value: mine, conflict: true };
}

interface Parts {
  note: TextualBody[];
  tags: TextualBody[];
  verdict: TextualBody[];
  replies: TextualBody[];
  target: SeedAnnotation['target'];
  properties: Record<string, unknown>;
}

function partsOf(a: SeedAnnotation): Parts {
  const { id: _id, modified: _modified, motivation: _motivation, body, target, ...properties } = a;
  return {
    note: body.filter((b) => b.purpose === 'commenting'),
    tags: body.filter((b) => b.purpose === 'tagging'),
    verdict: body.filter((b) => b.purpose === 'assessing'),
    replies: body.filter((b) => b.purpose === 'replying'),
    target,
    properties,
  };
}

/** Tags as a set: kept when on both sides, or added on one (not in base); removed on either side, removed. */
function mergeTags(base: TextualBody[] | undefined, mine: TextualBody[], theirs: TextualBody[]): TextualBody[] {
  const inBase = new Set((base ?? []).map((t) => t.value));
  const inMine = new Set(mine.map((t) => t.value));
  const inTheirs = new Set(theirs.map((t) => t.value));
  const out: TextualBody[] = [];
  const seen = new Set<string>();
  for (const t of [...mine, ...theirs]) {
    if (seen.has(t.value)) continue;
    const keep = (inMine.has(t.value) && inTheirs.has(t.value)) || ((inMine.has(t.value) || inTheirs.has(t.value)) && !inBase.has(t.value));
    if (!keep) continue;
    seen.add(t.value);
    out.push(t);
  }
  return out;
}

/** Replies keyed by time and author (by text when they have no time), the nth of a repeated key numbered. */
function keyedReplies(replies: TextualBody[]): Map<string, TextualBody> {
  const out = new Map<string, TextualBody>();
  const counts = new Map<string, number>();
  for (const r of replies) {
    const key = r.created !== undefined ? `t\u0000${r.created}\u0000${r.creator ?? ''}` : `v\u0000${r.value}\u0000${r.creator ?? ''}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    out.set(`${key}\u0000${n}`, r);
  }
  return out;
}

/** Replies as a list: added on either side kept, deleted unchanged on the other removed, edited taken. */
function mergeReplies(base: TextualBody[] | undefined, mine: TextualBody[], theirs: TextualBody[]): { value: TextualBody[]; conflict: boolean } {
  const b = keyedReplies(base ?? []);
  const m = keyedReplies(mine);
  const t = keyedReplies(theirs);
  const out: TextualBody[] = [];
  let conflict = false;
  for (const key of new Set([...m.keys(), ...t.keys()])) {
    const bv = b.get(key);
    const mv = m.get(key);
    const tv = t.get(key);
    if (mv && tv) {
      const c = choose(bv, bv !== undefined, mv, tv);
      conflict ||= c.conflict;
      out.push(c.value);
    } else if (mv) {
      // Not on disk: added in memory, or deleted on disk (kept only if memory changed it).
      if (!bv || !eq(bv, mv)) out.push(mv);
    } else if (tv) {
      if (!bv || !eq(bv, tv)) out.push(tv);
    }
  }
  // In time order when every reply has its time (a stable sort keeps the rest as they were).
  if (out.every((r) => r.created !== undefined)) out.sort((x, y) => (x.created! < y.created! ? -1 : x.created! > y.created! ? 1 : 0));
  return { value: out, conflict };
}

const later = (a: string, b: string) => (a >= b ? a : b);

/**
 * Merges one annotation changed on both sides (base undefined: added on both sides with the same id). Returns the
 * merged annotation (memory's choice for each conflicting part) and the parts in conflict.
 */
export function mergeAnnotation(base: SeedAnnotation | undefined, mine: SeedAnnotation, theirs: SeedAnnotation): { annotation: SeedAnnotation; conflicts: ConflictPart[]; positionKept: boolean } {
  if (sameAnnotation(mine, theirs)) return { annotation: mine.modified >= theirs.modified ? mine : theirs, conflicts: [], positionKept: false };
  const hasBase = base !== undefined;
  const b = base ? partsOf(base) : undefined;
  const m = partsOf(mine);
  const t = partsOf(theirs);
  const conflicts: ConflictPart[] = [];
  const pick = <K extends 'note' | 'verdict' | 'properties'>(part: K): Parts[K] => {
    const c = choose(b?.[part], hasBase, m[part], t[part]);
    if (c.conflict) conflicts.push(part);
    return c.value;
  };
  const note = pick('note');
  const verdict = pick('verdict');
  const properties = pick('properties');
  const tags = mergeTags(b?.tags, m.tags, t.tags);
  const replies = mergeReplies(b?.replies, m.replies, t.replies);
  if (replies.conflict) conflicts.push('replies');
  const target = choose(b?.target, hasBase, m.target, t.target);
  const body = [...note, ...tags, ...verdict, ...replies.value];
  const annotation = {
    ...properties,
    id: mine.id,
    modified: later(mine.modified, theirs.modified),
    motivation: eq(body, mine.body) ? mine.motivation : eq(body, theirs.body) ? theirs.motivation : motivationOf(body),
    body,
    target: target.value,
  } as SeedAnnotation;
  return { annotation, conflicts, positionKept: target.conflict };
}

/** Disk's version of an annotation both sides changed, kept beside memory's: a new id, tagged, pointing back. */
export function otherVersionOf(theirs: SeedAnnotation, copyId: string): SeedAnnotation {
  const p = partsOf(theirs);
  const tags = p.tags.some((t) => t.value === OTHER_VERSION_TAG) ? p.tags : [...p.tags, { type: 'TextualBody' as const, value: OTHER_VERSION_TAG, purpose: 'tagging' as const }];
  const body = [...p.note, ...tags, ...p.verdict, ...p.replies];
  return { ...theirs, id: copyId, otherVersionOf: theirs.id, body, motivation: motivationOf(body) } as SeedAnnotation;
}

/** Three-way merge of an article's annotations by id (see the top of this file). */
export function mergeAnnotations(base: readonly SeedAnnotation[], disk: readonly SeedAnnotation[], memory: readonly SeedAnnotation[], options: MergeOptions): MergeResult {
  const byId = (list: readonly SeedAnnotation[]) => new Map(list.map((a) => [a.id, a]));
  const b = byId(base);
  const d = byId(disk);
  const m = byId(memory);
  const out: SeedAnnotation[] = [];
  const conflicts: MergeConflict[] = [];
  const keptOverDeletion: MergeResult['keptOverDeletion'] = [];
  const positionsKept: string[] = [];
  const ids = [...m.keys(), ...[...d.keys()].filter((id) => !m.has(id))];
  for (const id of ids) {
    const bv = b.get(id);
    const mv = m.get(id);
    const dv = d.get(id);
    if (mv && dv) {
      if (sameAnnotation(mv, dv)) {
        out.push(mv.modified >= dv.modified ? mv : dv);
        continue;
      }
      const merged = mergeAnnotation(bv, mv, dv);
      out.push(merged.annotation);
      if (merged.positionKept) positionsKept.push(id);
      if (merged.conflicts.length) {
        const copyId = options.newId();
        out.push(otherVersionOf(dv, copyId));
        conflicts.push({ id, copyId, parts: merged.conflicts });
      }
    } else if (mv) {
      // Not on disk: added in memory, deleted on disk, or in the unreadable part of a corrupt file.
      if (!bv || options.diskIncomplete) out.push(mv);
      else if (!sameAnnotation(bv, mv)) {
        out.push(mv);
        keptOverDeletion.push({ id, deletedOn: 'disk' });
      }
    } else if (dv) {
      if (!bv) out.push(dv);
      else if (!sameAnnotation(bv, dv)) {
        out.push(dv);
        keptOverDeletion.push({ id, deletedOn: 'memory' });
      }
    }
  }
  const sameList = (x: readonly SeedAnnotation[], y: readonly SeedAnnotation[]) => x.length === y.length && x.every((a, i) => a.id === y[i]?.id && eq(a, y[i]));
  const sorted = (x: readonly SeedAnnotation[]) => [...x].sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  return {
    annotations: out,
    conflicts,
    keptOverDeletion,
    positionsKept,
    memoryChanged: !sameList(sorted(out), sorted(memory)),
    diskChanged: !sameList(sorted(out), sorted(disk)),
  };
}
