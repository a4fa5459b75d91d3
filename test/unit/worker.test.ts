// Analysis of a large article in a worker thread leaves the main thread (the extension host's event loop)
// responsive: the longest stall is measured while a 20 MB article is analysed. The bound is generous on purpose
// (machines are noisy); the benchmark reports the figure.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AnalysisWorker, CancelledError } from '../../src/extension/platform/nodeAnalysisWorker';
import { analyze } from '../../src/core';
import { article, longestStall } from '../stallProbe';

describe('analysis worker', function () {
  this.timeout(180_000);
  const script = join(process.cwd(), 'dist/worker.js');

  it('gives the same result as analyze() on the main thread', async () => {
    const worker = new AnalysisWorker(script);
    try {
      const text = article(20_000);
      assert.deepEqual(await worker.run(text, {}), analyze(text));
    } finally {
      worker.dispose();
    }
  });

  it('cancels a stale run when a newer one arrives', async () => {
    const worker = new AnalysisWorker(script);
    try {
      const stale = worker.run(article(3_000_000), {});
      const fresh = worker.run(article(5_000), {});
      await assert.rejects(stale, CancelledError);
      assert.ok((await fresh).quotes.length > 10);
    } finally {
      worker.dispose();
    }
  });

  it('keeps the event loop responsive while a 20 MB article is analysed', async () => {
    const worker = new AnalysisWorker(script);
    try {
      const text = article(20_000_000);
      const { value, stallMs } = await longestStall(() => worker.run(text, { rules: { 'duplicate-passage': 'off' } }));
      console.log(`      longest event-loop stall during a 20 MB analysis in the worker: ${stallMs.toFixed(0)} ms`);
      assert.ok(value.quotes.length > 100_000);
      assert.ok(stallMs < 3000, `stall ${stallMs.toFixed(0)} ms`);
    } finally {
      worker.dispose();
    }
  });
});
