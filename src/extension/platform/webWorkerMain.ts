// Web Worker entry (dist/web/worker.js), the browser counterpart of ../worker.ts: runs the analysis off the web
// worker extension host's thread. Each worker serves one document and keeps its DocumentAnalyzer, so re-analysis
// reuses unchanged paragraphs.
import { DocumentAnalyzer, type AnalyzeOptions } from '../../core';

interface WorkerScope {
  onmessage: ((event: { data: { id: number; text: string; options: AnalyzeOptions } }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
const analyzer = new DocumentAnalyzer();

scope.onmessage = (event) => {
  const { id, text, options } = event.data;
  try {
    scope.postMessage({ id, result: analyzer.analyze(text, options) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
