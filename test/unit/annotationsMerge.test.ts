// The three-way merge of an article's annotations (src/core/annotationsMerge.ts) and the annotation ids
// (src/core/ids.ts): what was last read (base), what is on disk now, what the editor holds; added, deleted, changed
// on one side or both, conflicts kept as two versions, a corrupt disk file; and a property: whatever both sides do,
// nothing either side added or changed is lost.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  OTHER_VERSION_TAG,
  createAnnotation,
  mergeAnnotations,
  newAnnotationId,
  noteOf,
  parseSidecar,
  randomUuid,
  repliesOf,
  sameAnnotation,
  serializeSidecar,
  tagsOf,
  verdictOf,
  withNote,
  withReply,
  withTags,
  withVerdict,
  reanchored,
  type SeedAnnotation,
} from '../../src/core';

const T0 = '2026-11-23T10:00:00.000Z';
const T1 = '2026-11-23T11:00:00.000Z';
const T2 = '2026-11-23T12:00:00.000Z';
const SOURCE = '040_merge.txt';
const TEXT = 'The council approved the budget on Monday. Critics said the figures were wrong. The mayor declined to comment.';

function make(n: number, words: string, extra: Partial<Parameters<typeof createAnnotation>[0]> = {}): SeedAnnotation {
  const start = TEXT.indexOf(words);
  assert.ok(start >= 0, words);
  return createAnnotation({ text: TEXT, start, end: start + words.length, source: SOURCE, id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, now: T0, ...extra });
}

const A = make(1, 'approved the budget', { note: 'Which budget?' });
const B = make(2, 'the figures were wrong', { tags: ['needs source'] });
const C = make(3, 'declined to comment', { verdict: 'verified', claimId: 'c1' });

let counter = 0;
const newId = () => `urn:uuid:ffffffff-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const merge = (base: SeedAnnotation[], disk: SeedAnnotation[], memory: SeedAnnotation[], diskIncomplete = false) => mergeAnnotations(base, disk, memory, { newId, diskIncomplete });
const ids = (list: SeedAnnotation[]) => list.map((a) => a.id).sort();
const byId = (list: SeedAnnotation[], id: string) => list.find((a) => a.id === id);

describe('annotations merge: one side changed', () => {
  it('nothing changed: the same annotations, nothing to write', () => {
    const r = merge([A, B], [A, B], [A, B]);
    assert.deepEqual(ids(r.annotations), ids([A, B]));
    assert.equal(r.memoryChanged, false);
    assert.equal(r.diskChanged, false);
    assert.deepEqual(r.conflicts, []);
  });

  it('added on both sides: both kept (the fault: a note from elsewhere, then a verdict here)', () => {
    const r = merge([A], [A, B], [A, C]);
    assert.deepEqual(ids(r.annotations), ids([A, B, C]));
    assert.equal(r.memoryChanged, true, 'the editor takes the note from elsewhere');
    assert.equal(r.diskChanged, true, 'the file takes the verdict');
    assert.deepEqual(r.conflicts, []);
  });

  it('added on disk only, or in memory only: kept', () => {
    assert.deepEqual(ids(merge([], [B], []).annotations), [B.id]);
    assert.deepEqual(ids(merge([], [], [B]).annotations), [B.id]);
    // The file was not there before (base empty) and is not there now.
    assert.deepEqual(ids(merge([], [], [A, B]).annotations), ids([A, B]));
  });

  it('deleted on one side, unchanged on the other: the deletion wins', () => {
    const onDisk = merge([A, B], [A], [A, B]);
    assert.deepEqual(ids(onDisk.annotations), [A.id]);
    assert.equal(onDisk.memoryChanged, true);
    assert.equal(onDisk.diskChanged, false);
    const inMemory = merge([A, B], [A, B], [B]);
    assert.deepEqual(ids(inMemory.annotations), [B.id]);
    assert.equal(inMemory.diskChanged, true);
    assert.deepEqual(merge([A, B], [B], [B]).annotations.map((a) => a.id), [B.id], 'deleted on both sides');
  });

  it('the whole file deleted on disk: unchanged annotations go, changed ones stay', () => {
    const noted = withNote(B, 'Figures from the 2025 report.', T1);
    const r = merge([A, B], [], [A, noted]);
    assert.deepEqual(r.annotations, [noted]);
    assert.deepEqual(r.keptOverDeletion, [{ id: B.id, deletedOn: 'disk' }]);
  });

  it('deleted on one side, changed on the other: the changed version is kept', () => {
    const replied = withReply(A, { value: 'The 2027 budget.', creator: 'tove' }, T1);
    const deletedOnDisk = merge([A, B], [B], [replied, B]);
    assert.deepEqual(byId(deletedOnDisk.annotations, A.id), replied);
    assert.deepEqual(deletedOnDisk.keptOverDeletion, [{ id: A.id, deletedOn: 'disk' }]);
    const deletedHere = merge([A, B], [replied, B], [B]);
    assert.deepEqual(byId(deletedHere.annotations, A.id), replied);
    assert.deepEqual(deletedHere.keptOverDeletion, [{ id: A.id, deletedOn: 'memory' }]);
    assert.equal(deletedHere.memoryChanged, true);
  });

  it('changed on one side only: that side’s version', () => {
    const verified = withVerdict(B, 'verified', T1);
    assert.deepEqual(byId(merge([A, B], [A, verified], [A, B]).annotations, B.id), verified);
    assert.deepEqual(byId(merge([A, B], [A, B], [A, verified]).annotations, B.id), verified);
  });
});

describe('annotations merge: both sides changed the same annotation', () => {
  it('identically: one copy, no conflict', () => {
    const here = withTags(B, ['needs source', 'wire copy'], T1);
    const there = withTags(B, ['needs source', 'wire copy'], T2);
    const r = merge([B], [there], [here]);
    assert.equal(r.annotations.length, 1);
    assert.deepEqual(tagsOf(r.annotations[0]), ['needs source', 'wire copy']);
    assert.deepEqual(r.conflicts, []);
  });

  it('different parts: merged (a reply there, a new note here; tags added on both sides)', () => {
    const there = withTags(withReply(A, { value: 'Checked the minutes.', creator: 'ana' }, T1), ['wire copy'], T1);
    const here = withTags(withNote(A, 'Which budget: 2026 or 2027?', T2), ['needs source'], T2);
    const r = merge([A], [there], [here]);
    assert.deepEqual(r.conflicts, []);
    const merged = r.annotations[0];
    assert.equal(r.annotations.length, 1);
    assert.equal(noteOf(merged), 'Which budget: 2026 or 2027?');
    assert.deepEqual(repliesOf(merged).map((x) => x.value), ['Checked the minutes.']);
    assert.deepEqual(tagsOf(merged).sort(), ['needs source', 'wire copy']);
    assert.equal(merged.modified, T2, 'modified is the later of the two');
    assert.equal(merged.motivation, 'commenting');
  });

  it('a tag removed on one side stays removed; replies added on both sides are both kept, in time order', () => {
    const base = withReply(withTags(B, ['needs source', 'check figure'], T0), { value: 'first', creator: 'a' }, T0);
    const there = withReply(withTags(base, ['needs source'], T1), { value: 'from there', creator: 'b' }, T1);
    const here = withReply(base, { value: 'from here', creator: 'a' }, T2);
    const r = merge([base], [there], [here]);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(tagsOf(r.annotations[0]), ['needs source']);
    assert.deepEqual(repliesOf(r.annotations[0]).map((x) => x.value), ['first', 'from there', 'from here']);
  });

  it('a reply deleted on one side and left alone on the other is deleted; edited on one side, edited', () => {
    const base = withReply(withReply(A, { value: 'one' }, T0), { value: 'two' }, '2026-11-23T10:00:00.001Z');
    const [one, two] = repliesOf(base);
    const there: SeedAnnotation = { ...base, modified: T1, body: base.body.filter((x) => x !== one) };
    const here: SeedAnnotation = { ...base, modified: T2, body: base.body.map((x) => (x === two ? { ...x, value: 'two (edited)' } : x)) };
    const r = merge([base], [there], [here]);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(repliesOf(r.annotations[0]).map((x) => x.value), ['two (edited)']);
  });

  it('moved on both sides (selectors rewritten by two saves): memory’s position, no conflict', () => {
    const text2 = `UPDATED\n${TEXT}`;
    const text3 = `Corrected: ${TEXT}`;
    const start = TEXT.indexOf('approved the budget');
    const here = reanchored(A, text2, start + 8, start + 8 + 19);
    const there = withReply(reanchored(A, text3, start + 11, start + 11 + 19), { value: 'ok' }, T1);
    const r = merge([A], [there], [here]);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.positionsKept, [A.id]);
    assert.deepEqual(r.annotations[0].target, here.target);
    assert.deepEqual(repliesOf(r.annotations[0]).map((x) => x.value), ['ok']);
  });

  it('conflicting changes (the note edited differently): both versions kept, disk’s as a tagged copy', () => {
    const there = withReply(withNote(A, 'Budget of 2026.', T1), { value: 'see p. 4' }, T1);
    const here = withNote(A, 'Budget of 2027.', T2);
    const r = merge([A, B], [there, B], [here, B]);
    assert.equal(r.conflicts.length, 1);
    const [conflict] = r.conflicts;
    assert.equal(conflict.id, A.id);
    assert.deepEqual(conflict.parts, ['note']);
    assert.equal(r.annotations.length, 3);
    const mine = byId(r.annotations, A.id)!;
    assert.equal(noteOf(mine), 'Budget of 2027.', 'memory’s note stays under the id');
    assert.deepEqual(repliesOf(mine).map((x) => x.value), ['see p. 4'], 'with disk’s other changes merged in');
    const copy = byId(r.annotations, conflict.copyId)!;
    assert.ok(copy, 'disk’s version is kept');
    assert.notEqual(copy.id, A.id);
    assert.equal(noteOf(copy), 'Budget of 2026.');
    assert.ok(tagsOf(copy).includes(OTHER_VERSION_TAG));
    assert.equal((copy as unknown as { otherVersionOf: string }).otherVersionOf, A.id);
    assert.deepEqual(copy.target, there.target);
    // The copy survives a round trip through the sidecar.
    const reread = parseSidecar(serializeSidecar(r.annotations, SOURCE));
    assert.equal(reread.problem, undefined);
    assert.ok(sameAnnotation(byId(reread.annotations, copy.id), copy));
  });

  it('conflicting verdicts, and the same id added on both sides with different content: conflicts', () => {
    const r = merge([C], [withVerdict(C, 'disputed', T1)], [withVerdict(C, 'needs-source', T2)]);
    assert.deepEqual(r.conflicts.map((c) => c.parts), [['verdict']]);
    assert.equal(verdictOf(byId(r.annotations, C.id)!), 'needs-source');
    assert.equal(verdictOf(byId(r.annotations, r.conflicts[0].copyId)!), 'disputed');
    const both = merge([], [withNote(B, 'there', T1)], [withNote(B, 'here', T1)]);
    assert.deepEqual(both.conflicts.map((c) => c.parts), [['note']]);
    assert.equal(both.annotations.length, 2);
  });

  it('merging again after writing the result changes nothing', () => {
    const there = withNote(A, 'Budget of 2026.', T1);
    const here = withNote(A, 'Budget of 2027.', T2);
    const first = merge([A], [there], [here]);
    const again = merge(first.annotations, first.annotations, first.annotations);
    assert.equal(again.memoryChanged, false);
    assert.equal(again.diskChanged, false);
    assert.deepEqual(again.conflicts, []);
  });
});

describe('annotations merge: a corrupt disk file', () => {
  it('what could not be read is not a deletion: memory’s annotations are kept, disk’s readable changes taken', () => {
    const { annotations, problem } = parseSidecar(`{"items": [${JSON.stringify(withReply(A, { value: 'from there' }, T1))}, {"id": "urn:uuid:broken"}]}`);
    assert.ok(problem, 'the file is corrupt');
    const r = merge([A, B, C], annotations, [A, B, withVerdict(C, 'disputed', T2)], true);
    assert.deepEqual(ids(r.annotations), ids([A, B, C]));
    assert.deepEqual(repliesOf(byId(r.annotations, A.id)!).map((x) => x.value), ['from there']);
    assert.equal(verdictOf(byId(r.annotations, C.id)!), 'disputed');
    // Without the flag the same lists would delete B and C's unchanged versions.
    assert.deepEqual(ids(merge([A, B], annotations, [A, B]).annotations), [A.id]);
  });

  it('an empty or unreadable file: everything in memory is kept', () => {
    const { annotations, problem } = parseSidecar('{"items": [ {');
    assert.ok(problem);
    assert.deepEqual(ids(merge([A, B], annotations, [A, B], true).annotations), ids([A, B]));
  });
});

describe('annotations merge: nothing is lost (property)', () => {
  type Kind = 'add' | 'delete' | 'note' | 'tag' | 'reply' | 'verdict';
  type Op = { kind: Kind; target: number; value: string };
  const op: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom<Kind>('add', 'delete', 'note', 'tag', 'reply', 'verdict'), target: fc.nat(20), value: fc.constantFrom('a', 'b', 'c', 'needs source', 'wire copy') });

  /** One side's edits: its list, and what it did to each id (kinds of change, deleted or added). */
  function edit(ops: Op[], side: 'disk' | 'memory', first: number) {
    let list = [A, B, C];
    const did = new Map<string, Set<Kind>>();
    ops.forEach((o, k) => {
      const n = first + k;
      const now = `2026-11-24T00:00:${String(n).padStart(2, '0')}.000Z`;
      if (o.kind === 'add' || !list.length) {
        const added = make(100 + n, 'the budget', { id: `urn:uuid:${side}-${n}`, note: `${side} ${o.value}`, now });
        list = [...list, added];
        did.set(added.id, new Set(['add']));
        return;
      }
      const i = o.target % list.length;
      const a = list[i];
      if (o.kind === 'delete') {
        list = list.filter((_, j) => j !== i);
        did.delete(a.id);
        return;
      }
      const next =
        o.kind === 'note' ? withNote(a, `${side}: ${o.value} ${n}`, now)
        : o.kind === 'tag' ? withTags(a, [...tagsOf(a), `${side} ${o.value}`], now)
        : o.kind === 'reply' ? withReply(a, { value: `${side} ${o.value} ${n}`, creator: side }, now)
        : withVerdict(a, (['verified', 'disputed', 'needs-source'] as const)[n % 3], now);
      list = list.map((x, j) => (j === i ? next : x));
      if (sameAnnotation(a, next)) return; // the same verdict again: no change
      if (!did.has(a.id)) did.set(a.id, new Set());
      did.get(a.id)!.add(o.kind);
    });
    // Changed and changed back (a verdict set twice) is no change: the other side may delete it.
    for (const a of [A, B, C]) {
      const now = list.find((x) => x.id === a.id);
      if (now && sameAnnotation(now, a)) did.delete(a.id);
    }
    return { list, did };
  }

  it('whatever each side adds or changes is in the result (under the id, or in the copy of the other version)', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), fc.array(op, { maxLength: 6 }), (diskOps, memoryOps) => {
        const disk = edit(diskOps, 'disk', 0);
        const memory = edit(memoryOps, 'memory', 30);
        const result = mergeAnnotations([A, B, C], disk.list, memory.list, { newId: newAnnotationId });
        const out = new Map(result.annotations.map((a) => [a.id, a]));
        for (const side of [disk, memory]) {
          for (const a of side.list) {
            const did = side.did.get(a.id);
            if (!did) continue; // left as it was in base: the other side may delete it
            const kept = out.get(a.id);
            assert.ok(kept, `${a.id} is kept`);
            const versions = [kept, ...result.annotations.filter((x) => (x as unknown as { otherVersionOf?: string }).otherVersionOf === a.id)];
            if (did.has('note') || did.has('add')) assert.ok(versions.some((x) => noteOf(x) === noteOf(a)), `the note ${noteOf(a)} of ${a.id}`);
            // A verdict changed and changed back to the base's is no change to it: the other side's verdict may win.
            const base = [A, B, C].find((x) => x.id === a.id);
            const verdictChanged = did.has('verdict') && (!base || verdictOf(base) !== verdictOf(a));
            if (verdictChanged) assert.ok(versions.some((x) => verdictOf(x) === verdictOf(a)), `the verdict of ${a.id}`);
            for (const t of tagsOf(a)) if (did.has('tag')) assert.ok(versions.some((x) => tagsOf(x).includes(t)), `the tag ${t} of ${a.id}`);
            for (const r of repliesOf(a)) assert.ok(versions.some((x) => repliesOf(x).some((y) => y.value === r.value)), `the reply ${r.value} of ${a.id}`);
          }
        }
        // Ids are unique; merging the result with itself changes nothing.
        assert.equal(out.size, result.annotations.length);
        const again = mergeAnnotations(result.annotations, result.annotations, result.annotations, { newId: newAnnotationId });
        assert.equal(again.diskChanged || again.memoryChanged, false);
      }),
      { numRuns: 300 },
    );
  });

  it('what neither side touched and one side deleted is gone', () => {
    fc.assert(
      fc.property(fc.subarray([A, B, C]), (kept) => {
        const result = mergeAnnotations([A, B, C], kept, [A, B, C], { newId: newAnnotationId });
        assert.deepEqual(ids(result.annotations), ids(kept));
      }),
    );
  });
});

describe('annotation ids in every host', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('uses crypto.randomUUID when the host has it', () => {
    assert.equal(randomUuid({ randomUUID: () => '0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F1' }), '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1');
    assert.match(newAnnotationId(), new RegExp(`^urn:uuid:${V4.source.slice(1)}`));
  });

  it('without randomUUID (VS Code for the Web over plain http): a v4 UUID from getRandomValues', () => {
    const source = { getRandomValues: <T extends Uint8Array>(a: T): T => (a.fill(0xff), a) };
    assert.equal(randomUuid(source), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
    const real = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) as <T extends Uint8Array>(a: T) => T };
    const many = new Set(Array.from({ length: 200 }, () => randomUuid(real)));
    assert.equal(many.size, 200);
    for (const id of many) assert.match(id, V4);
  });

  it('a randomUUID that throws (some hosts outside a secure context) falls back too', () => {
    const source = { randomUUID: () => { throw new Error('insecure context'); }, getRandomValues: <T extends Uint8Array>(a: T): T => (a.fill(0), a) };
    assert.equal(randomUuid(source), '00000000-0000-4000-8000-000000000000');
  });

  it('no Web Crypto at all: Math.random (or the given generator)', () => {
    assert.match(randomUuid(null), V4);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const a = randomUuid(null, random);
    assert.match(a, V4);
    assert.notEqual(randomUuid(null, random), a);
    assert.match(newAnnotationId(null), /^urn:uuid:/);
  });
});
