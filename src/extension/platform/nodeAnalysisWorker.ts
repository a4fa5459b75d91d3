// The Node side of the analysis pool: workers are worker threads running dist/worker.js (nodeWorkerMain.ts). No
// `vscode` import, so the stall the pool leaves on the main thread can be measured in a plain Node test and bench.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalysisResult, AnalyzeOptions } from '../../core';
import { AnalysisPool, poolSize, type SpawnWorker } from './analysisPool';
import type { WorkerMessage } from './analysisService';
import { CancelledError } from './types';

export { CancelledError };

/** Starts worker threads running `scriptPath`. */
export function nodeWorkerSpawner(scriptPath: string): SpawnWorker {
  return (onMessage, onError) => {
    const worker = new Worker(scriptPath);
    worker.on('message', (message: WorkerMessage) => onMessage(message));
    worker.on('error', onError);
    worker.unref();
    return { post: (message) => worker.postMessage(message), terminate: () => void worker.terminate() };
  };
}

export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** The pool of the Node extension host: one worker thread per spare core. */
export function createNodeAnalysisPool(scriptPath: string, size = poolSize(availableParallelism())): AnalysisPool {
  return new AnalysisPool(nodeWorkerSpawner(scriptPath), size, yieldToEventLoop);
}

/** One article analysed in a pool of one worker thread (the worker test and the stall benchmark). */
export class AnalysisWorker {
  private readonly pool: AnalysisPool;

  constructor(scriptPath: string) {
    this.pool = createNodeAnalysisPool(scriptPath, 1);
  }

  /** Analyses `text` in the worker; rejects with CancelledError when a newer request arrives first. */
  run(text: string, options: AnalyzeOptions): Promise<AnalysisResult> {
    return this.pool.run({ key: 'article', text, options, priority: 'open' });
  }

  dispose(): void {
    this.pool.dispose();
  }
}
