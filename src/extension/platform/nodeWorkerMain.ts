// Worker-thread entry (dist/worker.js): runs the analysis off the extension host's event loop. Each worker serves
// one document, so it keeps that document's DocumentAnalyzer and re-analysis reuses unchanged paragraphs.
import { parentPort } from 'node:worker_threads';
import { DocumentAnalyzer, type AnalyzeOptions } from '../../core';

const analyzer = new DocumentAnalyzer();

parentPort?.on('message', (message: { id: number; text: string; options: AnalyzeOptions }) => {
  const result = analyzer.analyze(message.text, message.options);
  parentPort?.postMessage({ id: message.id, result });
});
