// The extension host's longest stall while a folder is opened: the duplicates index built (files decoded and
// fingerprinted in slices, yielding after ~20 ms of work, as duplicates/workspaceIndex.ts does with slices.ts) and the
// claims pass done (claims/pass.ts: every file in the analysis pool; each article's claims added to the same-claim
// index in slices, as claims/store.ts does). Two folders: 20 articles beside a 1.5 MB one, and 10,000 articles. After
// each: RSS, and the heap used with both indexes still held (after a full collection, with --expose-gc): what every
// full collection of the host must mark, so what the longest pauses grow with.
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FingerprintIndex, LineIndex, SameClaimIndex } from '../src/core';
import { decodeInSlices, indexInSlices } from '../src/extension/duplicates/slices';
import { claimsOfText, hashText } from '../src/extension/claims/pass';
import { createNodeAnalysisPool, yieldToEventLoop } from '../src/extension/platform/nodeAnalysisWorker';
import { article, busiest, describeStalls, heldMs, longestStall } from '../test/stallProbe';
import { machine } from './common';
import { generateCorpus, writeCorpus } from './corpus';

/** What opening the folder costs the extension host: the index build, then the claims pass. */
async function openFolder(dir: string, pool: ReturnType<typeof createNodeAnalysisPool>) {
  const files = (await readdir(dir)).filter((f) => /^\d{3,}_.*\.txt$/.test(f)).sort();
  const index = new FingerprintIndex();
  const same = new SameClaimIndex();
  let claims = 0;
  // With busy times: a gap the host thread spent waiting for a core (two cores, the worker and the collector's
  // threads busy) is told apart from one it spent running.
  const stall = await longestStall(async () => {
    let sliceStart = performance.now();
    for (const f of files) {
      const text = await decodeInSlices(await readFile(join(dir, f)), yieldToEventLoop);
      await indexInSlices(index, f, text, yieldToEventLoop, () => true);
      if (performance.now() - sliceStart > 20) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    for (const f of files) {
      // Read again, as the claims store does (WorkspaceIndex.textOf): the host does not keep every article's text.
      const text = await decodeInSlices(await readFile(join(dir, f)), yieldToEventLoop);
      hashText(text);
      const found = await claimsOfText(f, text, (request) => pool.run(request));
      if (found) {
        const lines = LineIndex.ofText(text);
        const entries = found.map((claim) => ({ claim, line: lines.lineOf(claim.start) + 1 }));
        claims += entries.length;
        await same.setInSlices(f, entries.map((e) => e.claim), yieldToEventLoop);
      }
      await yieldToEventLoop();
    }
  }, 'workspace', { busy: true });
  const held = busiest(stall.stalls);
  const heapUsedMB = heapUsedAfterGc(index, same);
  console.log(`${files.length} articles: longest host stalls ${describeStalls(stall.stalls, 5)}`);
  return { articles: files.length, claims, longestStallMs: Math.round(stall.stallMs), runningInItMs: Math.round(heldMs(stall.stalls[0])), longestRunningStallMs: Math.round(heldMs(held)), totalMs: Math.round(stall.totalMs), heapUsedMB, rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024), load1: +loadavg()[0].toFixed(1) };
}

/**
 * Writes a generated corpus to `dir` (a new temporary one when absent). Not inline in main(): its async frame kept the
 * corpus (every article's text, ~90 MB for 10,000) through the awaits that follow, in the heap that is measured.
 */
function writeFolder(articles: number, seed: number, dir?: string): string {
  return writeCorpus(generateCorpus({ articles, seed }), dir);
}

/** MB of heap in use after a full collection (undefined without --expose-gc), with `held` alive through it. */
function heapUsedAfterGc(...held: unknown[]): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  // Twice: the first collection's sweeping may still count dead objects as used.
  gc();
  gc();
  const mb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  held.length = 0; // a use after the collection: what the caller measures is not collected first
  return mb;
}

async function main() {
  const pool = createNodeAnalysisPool(join(process.cwd(), 'out/bench/worker.js'));
  const rows: Array<Record<string, unknown>> = [];
  const small = mkdtempSync(join(tmpdir(), 'seed-bench-claims-'));
  try {
    writeFolder(20, 7, small);
    mkdirSync(small, { recursive: true });
    writeFileSync(join(small, '900_1500000000000000.txt'), article(1_500_000));
    rows.push({ folder: '20 articles and a 1.5 MB one', ...(await openFolder(small, pool)) });
  } finally {
    rmSync(small, { recursive: true, force: true });
  }
  const many = Number(process.env.SEED_BENCH_FOLDER_ARTICLES) || 10_000; // fewer for a quick look
  const large = writeFolder(many, 11);
  try {
    rows.push({ folder: `${many.toLocaleString('en')} articles`, ...(await openFolder(large, pool)) });
  } finally {
    rmSync(large, { recursive: true, force: true });
  }
  pool.dispose();
  console.table(rows);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/workspace.json', JSON.stringify({ ...machine(), poolSize: pool.size, rows }, null, 2));
  console.log('wrote bench/results/workspace.json');
}
void main();
