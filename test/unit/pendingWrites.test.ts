// The annotation writes deactivate() waits for (src/extension/annotations/pendingWrites.ts): one object per
// activation, not module state, and it waits for writes counted while it waits (a queued sync starts after the
// running one) and for failed writes too.
import * as assert from 'node:assert/strict';
import { PendingWrites } from '../../src/extension/annotations/pendingWrites';

describe('pending annotation writes', () => {
  it('settles after every write, including one counted while it waits and one that fails', async () => {
    const writes = new PendingWrites();
    const done: string[] = [];
    const later = (name: string, ms: number, fail = false) =>
      new Promise<string>((resolve, reject) =>
        setTimeout(() => {
          done.push(name);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms),
      );
    void writes.track(later('first', 10)).then(() => void writes.track(later('queued behind it', 30)));
    writes.track(later('failing', 5, true)).catch(() => undefined);
    assert.equal(writes.size, 2);
    await writes.settled();
    assert.deepEqual(done, ['failing', 'first', 'queued behind it']);
    assert.equal(writes.size, 0);
  });

  it('belongs to its activation: another one does not wait for these writes', async () => {
    const first = new PendingWrites();
    const second = new PendingWrites();
    let finished = false;
    first.track(new Promise<void>((resolve) => setTimeout(resolve, 50))).then(() => (finished = true), () => undefined);
    await second.settled();
    assert.equal(finished, false);
    await first.settled();
    assert.equal(finished, true);
  });
});
