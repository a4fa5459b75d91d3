// The Node side of sidecar writing (src/extension/platform/nodeFiles.ts): the flushed write renamed over the target,
// and the lock the windows of one machine take turns with; then several writers merging into one sidecar at once,
// as two VS Code windows do (src/extension/annotations/sync.ts runs these steps), keep every annotation.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockSidecar, replaceFile, sidecarLockPath } from '../../src/extension/platform/nodeFiles';
import { createAnnotation, mergeAnnotations, newAnnotationId, parseSidecar, serializeSidecar, type SeedAnnotation } from '../../src/core';

describe('sidecar files with Node', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'seed-nodefiles-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaceFile writes the whole text and leaves no temporary file; a refusal leaves the target as it was', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    assert.equal(await replaceFile(path, 'one\n'), true);
    assert.equal(readFileSync(path, 'utf8'), 'one\n');
    assert.equal(await replaceFile(path, 'two\n', async () => false), false);
    assert.equal(readFileSync(path, 'utf8'), 'one\n');
    assert.equal(await replaceFile(path, 'three\n', async () => true), true);
    assert.equal(readFileSync(path, 'utf8'), 'three\n');
    assert.deepEqual(readdirSync(dir), ['a.txt.annotations.json']);
  });

  it('the lock lets one writer in at a time, and is gone once released', async () => {
    const path = join(dir, 'b.txt.annotations.json');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { release, timedOut } = await lockSidecar(path);
        assert.equal(timedOut, false);
        inside++;
        most = Math.max(most, inside);
        await new Promise((resolve) => setImmediate(resolve));
        inside--;
        await release();
      }),
    );
    assert.equal(most, 1);
    assert.equal(existsSync(sidecarLockPath(path)), false);
  });

  it('a lock left by a process that is gone is taken over at once; a live holder makes a writer wait, then give up', async () => {
    const path = join(dir, 'c.txt.annotations.json');
    const lockPath = sidecarLockPath(path);
    let dead = 4_000_000;
    for (; ; dead++) {
      try {
        process.kill(dead, 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') break;
      }
    }
    const held = await lockSidecar(path);
    await held.release();
    writeFileSync(lockPath, `${dead}\n${path}\n`);
    const started = Date.now();
    const taken = await lockSidecar(path, 5_000);
    assert.equal(taken.timedOut, false);
    assert.ok(Date.now() - started < 2_000, 'at once');
    // Held by this (live) process: another writer waits, then gives up after its wait.
    const other = await lockSidecar(path, 100);
    assert.equal(other.timedOut, true);
    await taken.release();
    assert.equal(existsSync(lockPath), false);
  });

  it('writers merging into one sidecar at the same time, under the lock, keep every annotation', async () => {
    const path = join(dir, 'd.txt.annotations.json');
    const text = 'The harbour board approved the ferry timetable on Tuesday.';
    /** One window: its own memory and base, adding annotations one at a time, each written as the extension does. */
    async function window(name: string, count: number): Promise<string[]> {
      let base: SeedAnnotation[] = [];
      let memory: SeedAnnotation[] = [];
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const a = createAnnotation({ text, start: i % 20, end: (i % 20) + 5, source: 'd.txt', id: newAnnotationId(), now: new Date().toISOString(), note: `${name} ${i}` });
        ids.push(a.id);
        memory = [...memory, a];
        const { release } = await lockSidecar(path);
        try {
          const disk = existsSync(path) ? parseSidecar(readFileSync(path, 'utf8')).annotations : [];
          memory = mergeAnnotations(base, disk, memory, { newId: () => newAnnotationId() }).annotations;
          await new Promise((resolve) => setImmediate(resolve)); // another writer would get in here without the lock
          await replaceFile(path, serializeSidecar(memory, 'd.txt'));
          base = memory;
        } finally {
          await release();
        }
      }
      return ids;
    }
    const all = (await Promise.all([window('one', 20), window('two', 20), window('three', 20), window('four', 20)])).flat();
    const onDisk = parseSidecar(readFileSync(path, 'utf8')).annotations.map((a) => a.id);
    assert.deepEqual([...onDisk].sort(), [...all].sort());
  });
});
