// A small pool of analysis workers shared by every article: one worker per spare core, not one per document.
// Open articles' runs go before the background passes' (the claims of files on disk). A newer run of the same
// article replaces a queued one and stops a running one (its worker is terminated and started afresh). Results come
// back in parts (analysisService.ts), each asked for after a turn of the host's event loop. No `vscode` and no Node
// import: the Node and web platforms supply how a worker is started.
import { StoredClaim, type AnalyzeOptions, type PackedClaim } from '../../core';
import { TEXT_PART_CHARS, type AnalysisWithDigest, type DigestRequest, type HostMessage, type ResultField, type WorkerMessage } from './analysisService';
import { CancelledError } from './types';

/** A started worker, as the pool sees it. */
export interface WorkerPort {
  post(message: HostMessage): void;
  terminate(): void;
}

/** Starts a worker whose messages and failure go to the callbacks. */
export type SpawnWorker = (onMessage: (message: WorkerMessage) => void, onError: (error: Error) => void) => WorkerPort;

export interface AnalysisRequest {
  /** The article (its URI): a newer request with the same key supersedes an older one. */
  key: string;
  text: string;
  options: AnalyzeOptions;
  /** The result arrays wanted (others come back empty); all when absent. */
  fields?: ResultField[];
  /** An open article (first in the queue, its incremental analyser kept) or a background pass's file. */
  priority: 'open' | 'background';
  /** The article's digest too, made in the worker (see DigestRequest). */
  digest?: DigestRequest;
  /**
   * Claims packed in the worker and kept packed (StoredClaim: texts and details as bytes), for articles that are not open:
   * a folder's half a million claims in full would make every full garbage collection of the host a long pause.
   */
  packClaims?: boolean;
}

interface Job {
  request: AnalysisRequest;
  id: number;
  resolve: (result: AnalysisWithDigest) => void;
  reject: (error: Error) => void;
  result?: AnalysisWithDigest;
}

interface Slot {
  port?: WorkerPort;
  job?: Job;
  /** Keys whose incremental analysers this worker holds. */
  keys: Set<string>;
}

export class AnalysisPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly spawn: SpawnWorker,
    size: number,
    private readonly yieldToEventLoop: () => Promise<void>,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ keys: new Set<string>() }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Runs waiting or running now. */
  get busy(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  /** Analyses off the host's thread; rejects with CancelledError when a newer request for the key arrives first. */
  run(request: AnalysisRequest): Promise<AnalysisWithDigest> {
    if (this.disposed) return Promise.reject(new CancelledError());
    this.cancel(request.key);
    return new Promise<AnalysisWithDigest>((resolve, reject) => {
      const job: Job = { request, id: this.nextId++, resolve, reject };
      if (request.priority === 'open') {
        const firstBackground = this.queue.findIndex((j) => j.request.priority === 'background');
        this.queue.splice(firstBackground < 0 ? this.queue.length : firstBackground, 0, job);
      } else {
        this.queue.push(job);
      }
      this.pump();
    });
  }

  /** Stops the key's queued or running analysis, if any. */
  cancel(key: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].request.key === key) this.queue.splice(i, 1)[0].reject(new CancelledError());
    }
    for (const slot of this.slots) {
      if (slot.job?.request.key === key) this.restart(slot, new CancelledError());
    }
  }

  /** The article was closed: its worker may drop its incremental analyser. */
  forget(key: string): void {
    this.cancel(key);
    for (const slot of this.slots) {
      if (slot.keys.delete(key)) slot.port?.post({ type: 'forget', key });
    }
  }

  private restart(slot: Slot, error: Error): void {
    const job = slot.job;
    slot.job = undefined;
    slot.port?.terminate();
    slot.port = undefined;
    slot.keys.clear();
    job?.reject(error);
    this.pump();
  }

  private pump(): void {
    while (!this.disposed && this.queue.length) {
      const job = this.queue[0];
      const idle = this.slots.filter((s) => !s.job);
      if (!idle.length) return;
      // The worker already holding this article's analyser, else one that was started, else a new one.
      const slot = idle.find((s) => s.keys.has(job.request.key)) ?? idle.find((s) => s.port) ?? idle[0];
      this.queue.shift();
      this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    try {
      slot.port ??= this.spawn(
        (message) => this.onMessage(slot, message),
        (error) => this.restart(slot, error),
      );
    } catch (error) {
      slot.job = undefined;
      job.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const keep = job.request.priority === 'open';
    if (keep) slot.keys.add(job.request.key);
    void this.send(slot, job, keep);
  }

  /** Posts the request: a large text first in parts, one per turn of the event loop, while the job still runs. */
  private async send(slot: Slot, job: Job, keep: boolean): Promise<void> {
    const { key, text, options, fields, digest, packClaims } = job.request;
    let from = 0;
    for (; text.length - from > TEXT_PART_CHARS; from += TEXT_PART_CHARS) {
      slot.port?.post({ type: 'text', id: job.id, part: text.slice(from, from + TEXT_PART_CHARS) });
      await this.yieldToEventLoop();
      if (slot.job !== job) return; // cancelled: its worker was stopped
    }
    slot.port?.post({ type: 'analyze', id: job.id, key, text: from ? text.slice(from) : text, options, fields, keep, ...(digest ? { digest } : {}), ...(packClaims ? { packClaims } : {}) });
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    const job = slot.job;
    if (!job || job.id !== message.id) return; // a stopped run's late answer
    if (message.type === 'error') {
      slot.job = undefined;
      job.reject(new Error(message.message));
      this.pump();
      return;
    }
    job.result ??= { version: 1, length: 0, notices: [], paragraphs: [], quotes: [], findings: [], claims: [], duplicates: [], tokens: [] };
    if (message.head) Object.assign(job.result, message.head);
    if (message.field && message.items) {
      const into = job.result[message.field] as unknown[];
      if (message.field === 'claims' && job.request.packClaims) for (const claim of StoredClaim.fromPacked(message.items as PackedClaim[])) into.push(claim);
      else for (const item of message.items) into.push(item);
    }
    if (message.last) {
      slot.job = undefined;
      job.resolve(job.result);
      this.pump();
      return;
    }
    // The next part after a turn of the event loop, so the host handles its own events between parts.
    void this.yieldToEventLoop().then(() => {
      if (slot.job === job) slot.port?.post({ type: 'next', id: job.id });
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new CancelledError());
    for (const slot of this.slots) this.restart(slot, new CancelledError());
  }
}

/** One worker per spare core (at least one, at most four): the host keeps a core, other extensions share the rest. */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(4, (cores ?? 2) - 1));
}

/**
 * A worker on the host's own thread (where no worker can be started): the same protocol, each message handled after
 * a turn of the event loop, so a burst of edits collapses into one run.
 */
export function inThreadWorker(serve: (post: (message: WorkerMessage) => void) => (message: HostMessage) => void, yieldToEventLoop: () => Promise<void>): SpawnWorker {
  return (onMessage) => {
    let stopped = false;
    const handle = serve((message) => {
      if (!stopped) onMessage(message);
    });
    return {
      post: (message) => {
        void yieldToEventLoop().then(() => {
          if (!stopped) handle(message);
        });
      },
      terminate: () => {
        stopped = true;
      },
    };
  };
}
