// The web implementation of the platform layer (VS Code for the Web: the extension runs in the web worker extension
// host, where there is no Node, no worker_threads and no setImmediate). Large articles go to a Web Worker running
// dist/web/worker.js; when Web Workers cannot be started there, they are analysed on the extension host's thread,
// after yielding once, and the log says so.
import * as vscode from 'vscode';
import { DocumentAnalyzer, type AnalysisResult, type AnalyzeOptions } from '../../core';
import { CancelledError, type AnalysisRunner, type LargeArticleAnalysis, type Platform } from './types';

/** The part of the DOM Worker API used here (the project's TypeScript lib has no DOM types). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => WebWorker;

const WorkerClass = (globalThis as { Worker?: WorkerConstructor }).Worker;

let scriptUrl: Promise<string> | undefined;
let lastKind: LargeArticleAnalysis | undefined;
let saidInline = false;

/**
 * A blob: URL holding dist/web/worker.js. The extension's own URI may be vscode-remote:, file: or https: (a web
 * worker extension host does not start workers from a remote extension's URI), so the script is read once and
 * handed to the Worker as a same-origin blob.
 */
function workerScriptUrl(extensionUri: vscode.Uri): Promise<string> {
  scriptUrl ??= (async () => {
    const uri = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'worker.js');
    let source: string;
    try {
      // The web worker extension host's fetch maps file: and vscode-remote: URIs to URLs the browser can load.
      const response = await fetch(uri.toString(true));
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      source = await response.text();
    } catch {
      source = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    }
    return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  })();
  return scriptUrl;
}

function sayInline(log: vscode.LogOutputChannel, why: string): void {
  lastKind = 'extension-host';
  if (saidInline) return;
  saidInline = true;
  log.warn(`Web Workers are not available here (${why}): articles over 64 KB are analysed on the extension host's thread, which may pause the extension while they are analysed.`);
}

/** Analysis on the extension host's own thread, after one yield (so a burst of edits collapses into one run). */
class InlineRunner implements AnalysisRunner {
  private readonly analyzer = new DocumentAnalyzer();
  private generation = 0;

  async run(text: string, options: AnalyzeOptions): Promise<AnalysisResult> {
    const mine = ++this.generation;
    await yieldToEventLoop();
    if (mine !== this.generation) throw new CancelledError();
    return this.analyzer.analyze(text, options);
  }

  cancel(): void {
    this.generation++;
  }

  dispose(): void {
    this.cancel();
  }
}

/** One Web Worker per document; a newer request terminates the worker running a stale one (as in the Node host). */
class WebWorkerRunner implements AnalysisRunner {
  private worker: WebWorker | undefined;
  private nextId = 1;
  private pending: { id: number; text: string; options: AnalyzeOptions; resolve: (r: AnalysisResult) => void; reject: (e: Error) => void } | undefined;
  private inline: InlineRunner | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(text: string, options: AnalyzeOptions): Promise<AnalysisResult> {
    if (this.pending) this.cancel();
    if (this.inline) return this.inline.run(text, options);
    const id = this.nextId++;
    const result = new Promise<AnalysisResult>((resolve, reject) => (this.pending = { id, text, options, resolve, reject }));
    let worker: WebWorker;
    try {
      worker = await this.ensureWorker();
    } catch (error) {
      if (this.pending?.id === id) this.fallBack(error instanceof Error ? error.message : String(error));
      return result;
    }
    // A newer request while the script was being fetched has already rejected `result` with CancelledError.
    if (this.pending?.id === id) {
      lastKind = 'web-worker';
      worker.postMessage({ id, text, options });
    }
    return result;
  }

  /** Web Workers failed here: the pending run and every later one go to the extension host's thread. */
  private fallBack(why: string): void {
    sayInline(this.log, why);
    this.inline = new InlineRunner();
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.inline.run(pending.text, pending.options).then(pending.resolve, pending.reject);
  }

  cancel(): void {
    this.inline?.cancel();
    const pending = this.pending;
    this.pending = undefined;
    if (this.worker) {
      this.worker.terminate();
      this.worker = undefined;
    }
    pending?.reject(new CancelledError());
  }

  private async ensureWorker(): Promise<WebWorker> {
    if (this.worker) return this.worker;
    const url = await workerScriptUrl(this.extensionUri);
    if (this.worker) return this.worker;
    const worker = new WorkerClass!(url, { name: 'seed-annotator-analysis' });
    worker.onmessage = (event) => {
      const message = event.data as { id: number; result?: AnalysisResult; error?: string };
      if (this.pending?.id !== message.id) return; // a cancelled run's late answer
      const { resolve, reject } = this.pending;
      this.pending = undefined;
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.result!);
    };
    worker.onerror = (event) => {
      if (this.worker === worker) this.worker = undefined;
      worker.terminate();
      this.fallBack(`the analysis worker failed: ${event.message ?? 'it could not be started'}`);
    };
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    this.cancel();
  }
}

/** A macrotask without setTimeout's clamping (MessageChannel), or setTimeout(0) where there is none. */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      // The DOM's MessagePort (the project's TypeScript lib types Node's, which has no onmessage).
      (channel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}

export const platform: Platform = {
  runtime: 'web',
  createAnalysisRunner(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): AnalysisRunner {
    if (!WorkerClass) {
      sayInline(log, 'no Worker in this extension host');
      return new InlineRunner();
    }
    return new WebWorkerRunner(extensionUri, log);
  },
  largeArticleAnalysis: () => lastKind,
  yieldToEventLoop,
};
