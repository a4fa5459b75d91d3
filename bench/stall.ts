// The longest event-loop stall on the main thread (the extension host's) while a 20 MB article is analysed in
// the analysis pool (its result arriving in parts), next to the time the same analysis blocks the main thread when run there directly.
import { mkdirSync, writeFileSync } from 'node:fs';
import { machine } from './common';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { AnalysisWorker } from '../src/extension/platform/nodeAnalysisWorker';
import { analyze } from '../src/core';
import { article, longestStall } from '../test/stallProbe';

async function main() {
  const text = article(20_000_000);
  const worker = new AnalysisWorker(join(process.cwd(), 'out/bench/worker.js'));
  const inWorker = await longestStall(() => worker.run(text, {}));
  worker.dispose();
  const started = performance.now();
  analyze(text);
  const onMainThread = performance.now() - started;
  const rows = [
    { where: 'analysis pool (the extension)', articleMB: +(text.length / 1024 / 1024).toFixed(1), longestStallMs: Math.round(inWorker.stallMs), load1: +loadavg()[0].toFixed(1) },
    { where: 'main thread (for comparison)', articleMB: +(text.length / 1024 / 1024).toFixed(1), longestStallMs: Math.round(onMainThread) },
  ];
  console.table(rows);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/stall.json', JSON.stringify({ ...machine(), rows }, null, 2));
  console.log('wrote bench/results/stall.json');
}
void main();
