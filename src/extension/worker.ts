// Worker-thread entry (dist/worker.js): runs analyze() off the extension host's event loop.
import { parentPort } from 'node:worker_threads';
import { analyze, type AnalyzeOptions } from '../core';

parentPort?.on('message', (message: { id: number; text: string; options: AnalyzeOptions }) => {
  const result = analyze(message.text, message.options);
  parentPort?.postMessage({ id: message.id, result });
});
