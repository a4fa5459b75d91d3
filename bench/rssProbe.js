// Preloaded (node --require) into a CLI command by bench/sources.ts: at exit, writes to stderr
//   seed-bench-maxrss PEAK_KB END_BYTES
// PEAK_KB is the process's peak RSS (not its worker processes'). END_BYTES is what the command holds when done: RSS
// after a full collection, once the collector has handed the freed pages back. V8 unmaps them on a background thread
// after the collection, so RSS read right after gc() still counts them (a report read 275 MB there, 190 MB two
// seconds later, with 19 MB of heap in use): the probe waits until RSS stops falling (at most 3 s).
'use strict';
const { isMainThread } = require('node:worker_threads');

process.on('exit', () => {
  if (!isMainThread) return;
  global.gc?.();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let rss = process.memoryUsage.rss();
  for (let waited = 0; waited < 3000; waited += 200) {
    Atomics.wait(sleeper, 0, 0, 200);
    const now = process.memoryUsage.rss();
    if (now > rss - 1024 * 1024) break;
    rss = now;
  }
  process.stderr.write(`\nseed-bench-maxrss ${process.resourceUsage().maxRSS} ${Math.min(rss, process.memoryUsage.rss())}\n`);
});
