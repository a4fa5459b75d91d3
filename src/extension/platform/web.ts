// The web implementation of the platform layer (VS Code for the Web: the extension runs in the web worker extension
// host, where there is no Node, no worker_threads and no setImmediate). Large articles go to a Web Worker running
// dist/web/worker.js; when Web Workers cannot be started there, they are analysed on the extension host's thread,
// after yielding once, and the log says so.
import * as vscode from 'vscode';
import { AnalysisPool, inThreadWorker, poolSize, type SpawnWorker } from './analysisPool';
import { LastRun, serveAnalysis, type HostMessage, type WorkerMessage } from './analysisService';
import type { AnalysisWorkers, LargeArticleAnalysis, Platform } from './types';

/** The part of the DOM Worker API used here (the project's TypeScript lib has no DOM types). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => WebWorker;

const WorkerClass = (globalThis as { Worker?: WorkerConstructor }).Worker;

/**
 * The analysis pool of one controller, on Web Workers, with what its workers share: the worker script (read once),
 * where the latest worker analyses, and whether the log already said that they run on the extension host's thread.
 */
class WebAnalysisWorkers implements AnalysisWorkers {
  readonly pool: AnalysisPool;
  private scriptUrl: Promise<string> | undefined;
  private lastKind: LargeArticleAnalysis | undefined;
  private saidInline = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    if (!WorkerClass) {
      this.sayInline('no Worker in this extension host');
      this.pool = new AnalysisPool(inThreadWorker(serveAnalysis, yieldToEventLoop), 1, yieldToEventLoop);
    } else {
      const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
      this.pool = new AnalysisPool(this.webWorker, poolSize(cores), yieldToEventLoop);
    }
  }

  largeArticleAnalysis(): LargeArticleAnalysis | undefined {
    return this.lastKind;
  }

  /**
   * A blob: URL holding dist/web/worker.js. The extension's own URI may be vscode-remote:, file: or https: (a web
   * worker extension host does not start workers from a remote extension's URI), so the script is read once and
   * handed to the Worker as a same-origin blob.
   */
  private workerScriptUrl(): Promise<string> {
    this.scriptUrl ??= (async () => {
      const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'web', 'worker.js');
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
    return this.scriptUrl;
  }

  private sayInline(why: string): void {
    this.lastKind = 'extension-host';
    if (this.saidInline) return;
    this.saidInline = true;
    this.log.warn(`Web Workers are not available here (${why}): articles over 64 KB are analysed on the extension host's thread, which may pause the extension while they are analysed.`);
  }

  /**
   * A pool worker: a Web Worker once its script is loaded (messages wait until then). When Web Workers cannot be
   * started or fail, the same protocol runs on the extension host's thread (the run in progress is sent again).
   */
  private readonly webWorker: SpawnWorker = (onMessage) => {
    let target: { post(message: HostMessage): void; terminate(): void } | undefined;
    let waiting: HostMessage[] = [];
    const lastRun = new LastRun();
    let stopped = false;
    const inThread = (why: string) => {
      this.sayInline(why);
      target = inThreadWorker(serveAnalysis, yieldToEventLoop)(onMessage, () => undefined);
      for (const message of [...lastRun.all.filter((m) => !waiting.includes(m)), ...waiting]) target.post(message);
      waiting = [];
    };
    this.workerScriptUrl().then(
      (url) => {
        if (stopped) return;
        const worker = new WorkerClass!(url, { name: 'seed-annotator-analysis' });
        worker.onmessage = (event) => onMessage(event.data as WorkerMessage);
        worker.onerror = (event) => {
          worker.terminate();
          if (!stopped) inThread(`the analysis worker failed: ${event.message ?? 'it could not be started'}`);
        };
        this.lastKind = 'web-worker';
        target = { post: (message) => worker.postMessage(message), terminate: () => worker.terminate() };
        for (const message of waiting) target.post(message);
        waiting = [];
      },
      (error: unknown) => {
        if (!stopped) inThread(error instanceof Error ? error.message : String(error));
      },
    );
    return {
      post(message) {
        lastRun.note(message);
        if (target) target.post(message);
        else waiting.push(message);
      },
      terminate() {
        stopped = true;
        target?.terminate();
      },
    };
  };
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
  createAnalysisPool: (extensionUri: vscode.Uri, log: vscode.LogOutputChannel): AnalysisWorkers => new WebAnalysisWorkers(extensionUri, log),
  yieldToEventLoop,
};
