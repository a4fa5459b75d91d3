// Analysis in a worker thread, for articles too large to analyse on the extension host's event loop.
// A newer request cancels the one running (the worker is terminated and started afresh). No `vscode` import,
// so the stall it leaves on the main thread can be measured in a plain Node test.
import { Worker } from 'node:worker_threads';
import type { AnalysisResult, AnalyzeOptions } from '../../core';
import { CancelledError, type AnalysisRunner } from './types';

export { CancelledError };

/** The Node AnalysisRunner (platform/node.ts); the web one is in platform/web.ts. */
export class AnalysisWorker implements AnalysisRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending: { id: number; resolve: (r: AnalysisResult) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly scriptPath: string) {}

  /** Analyses `text` in the worker; rejects with CancelledError when a newer request arrives first. */
  run(text: string, options: AnalyzeOptions): Promise<AnalysisResult> {
    if (this.pending) this.cancel();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject };
      worker.postMessage({ id, text, options });
    });
  }

  /** Stops the running analysis, if any. */
  cancel(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (this.worker) {
      void this.worker.terminate();
      this.worker = undefined;
    }
    pending?.reject(new CancelledError());
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    worker.on('message', (message: { id: number; result: AnalysisResult }) => {
      if (this.pending?.id !== message.id) return; // a cancelled run's late answer
      const { resolve } = this.pending;
      this.pending = undefined;
      resolve(message.result);
    });
    worker.on('error', (error) => {
      const pending = this.pending;
      this.pending = undefined;
      this.worker = undefined;
      pending?.reject(error);
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    this.cancel();
  }
}
