// `--jobs N`: the CLI's files analysed by a pool of worker processes running this same bundle (dist/cli.js started
// with an environment variable marking it a worker), so there is no second entry point to ship. Processes, not
// threads: a thread's heap, once freed, stays in the process (a 10,000-article report left 770 MB of RSS behind,
// of which its own heap was 90 MB), while a process gives all of its memory back when it exits.
//
// Output is unchanged by the job count: every file goes through the same render function (./render), results are
// emitted strictly in input order, and a file's analysis depends only on its text, the config and its repeats across
// the inputs. Those repeats need every input (findCorpusRepeats), so one worker runs that pass while the others
// analyse files speculatively without cross-document records; once the pass is done, a speculative result is kept
// when the file has no repeat across files (analyze() with no records and with an empty list are the same call) and
// the file is analysed again otherwise.
//
// Files go to the workers in batches of consecutive files (fewer messages, so fewer thread wake-ups), smaller towards
// the end so the workers finish together.
import { fork, type ChildProcess } from 'node:child_process';
import { findCorpusRepeats, type CorpusDocument, type DuplicateRecord } from '../core';
import { analyzeFile, fileClaims, fileDigest, type AnalysisSettings } from './render';
import { readText } from './files';

/** Set (to the WorkerSetup as JSON) in the environment of a worker process. */
const WORKER_ENV = 'SEED_ANNOTATOR_CLI_WORKER';

interface WorkerSetup {
  settings: AnalysisSettings;
  format: 'json' | 'text';
}

export interface FileTask {
  path: string;
  /** The text, or `file`: the worker reads it (so that the main process need not hold every text). */
  text?: string;
  file?: string;
  /** Repeats across the inputs; undefined when there are none, when there is no such pass, or for a speculative run. */
  cross?: DuplicateRecord[];
}

/** A worker's task; `analyze`, `claims` and `digest` answer with one result per file, `corpus` with findCorpusRepeats' map. */
export type Task = { type: 'analyze'; files: FileTask[] } | { type: 'claims'; files: FileTask[] } | { type: 'digest'; files: FileTask[] } | { type: 'corpus'; docs: Array<CorpusDocument | { id: string; file: string }> };

/** A task's text: given, or read from its file. */
const textOf = (task: { text?: string; file?: string }): string => task.text ?? (task.file !== undefined ? readText(task.file) : '');

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** True in a process started by {@link WorkerPool}. */
export function isCliWorker(): boolean {
  return process.env[WORKER_ENV] !== undefined && typeof process.send === 'function';
}

/** The worker side: answers tasks one at a time, in the order they arrive; exits when the pool lets go of it. */
export function serveWorker(): void {
  const setup = JSON.parse(process.env[WORKER_ENV]!) as WorkerSetup;
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: Task & { id: number }) => {
    let reply: Reply;
    try {
      // Outputs go back as strings: cloning one costs less than encoding it to UTF-8 and moving the bytes.
      const value =
        message.type === 'analyze'
          ? message.files.map((f) => analyzeFile(f.path, textOf(f), setup.settings, setup.format, f.cross))
          : message.type === 'claims'
            ? message.files.map((f) => fileClaims(f.path, textOf(f), setup.settings))
            : message.type === 'digest'
              ? message.files.map((f) => fileDigest(f.path, textOf(f), setup.settings, f.cross))
              : findCorpusRepeats(message.docs.map((d) => ({ id: d.id, text: textOf(d) })), setup.settings.duplicates);
      reply = { id: message.id, ok: true, value };
    } catch (error) {
      reply = { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    // The CLI may be gone (its reader closed the pipe: `| head`): the send fails, and this worker just ends, quietly.
    process.send!(reply, undefined, undefined, (error) => {
      if (error) process.exit(0);
    });
  });
}

interface Slot {
  worker: ChildProcess;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

/** What {@link runOrdered} needs of a pool (tests give it a fake one). */
export interface TaskRunner {
  readonly size: number;
  inFlight(i: number): number;
  run<T>(i: number, task: Task): Promise<T>;
}

export class WorkerPool implements TaskRunner {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closing = false;

  constructor(size: number, settings: AnalysisSettings, format: 'json' | 'text', script: string = __filename) {
    const setup: WorkerSetup = { settings, format };
    for (let i = 0; i < size; i++) {
      // Messages are structured clones (`advanced`), as between threads; stderr is shared, stdout is the parent's alone.
      const worker = fork(script, [], { serialization: 'advanced', execArgv: [], env: { ...process.env, [WORKER_ENV]: JSON.stringify(setup) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      const slot: Slot = { worker, pending: new Map() };
      const failAll = (error: Error) => {
        for (const p of slot.pending.values()) p.reject(error);
        slot.pending.clear();
      };
      worker.on('message', (reply: Reply) => {
        const p = slot.pending.get(reply.id);
        if (!p) return;
        slot.pending.delete(reply.id);
        if (reply.ok) p.resolve(reply.value);
        else p.reject(new Error(reply.message));
      });
      worker.on('error', failAll);
      worker.on('exit', (code, signal) => {
        if (!this.closing) failAll(new Error(`a worker process stopped (${signal ?? `exit code ${code}`})`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Tasks sent to worker `i` and not answered yet. */
  inFlight(i: number): number {
    return this.slots[i].pending.size;
  }

  run<T>(i: number, task: Task): Promise<T> {
    const slot = this.slots[i];
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.send({ ...task, id });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.slots.map(
        ({ worker }) =>
          new Promise<void>((resolve) => {
            if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
            worker.once('exit', () => resolve());
            worker.kill();
          }),
      ),
    );
  }
}

/** Batches kept queued per worker, so a worker never waits for the main thread between batches. */
const PER_WORKER = 2;
/** A batch holds at most this many files and, beyond its first file, this much text (characters). */
const BATCH_FILES = 16;
const BATCH_CHARS = 128 * 1024;
/** Output held for files not yet written (waiting for an earlier file) before dispatching pauses, in `size` units. */
const BUFFER_BUDGET = 64 * 1024 * 1024;

export interface OrderedRun<T> {
  count: number;
  /** The task for a batch of files; `cross` is undefined for a speculative run or when there is no cross-document pass. */
  task(files: Array<{ index: number; cross: DuplicateRecord[] | undefined }>): Task;
  /** Characters of file `i`, for batching. */
  weight(i: number): number;
  /**
   * The cross-document pass (run on worker 0 while the others analyse the files `speculate` allows without records),
   * its map keyed by `key`.
   */
  corpus?: { task(): Task; key(i: number): string; speculate(i: number): boolean };
  /** Size of a result, for the output buffer budget. */
  size(value: T): number;
  /** Called once per file when its final (non-speculative) run is sent to a worker. */
  onDispatch?(i: number): void;
  /** Called once per file, in input order. */
  onResult(i: number, value: T): void;
}

const PENDING = 0;
const SPECULATING = 1;
const SPECULATED = 2;
const RUNNING = 3;
const DONE = 4;

/** Runs the files on the pool (tasks answering one result per file) and hands the results over in input order. */
export function runOrdered<T>(pool: TaskRunner, job: OrderedRun<T>): Promise<void> {
  const n = job.count;
  const state = new Uint8Array(n);
  const results = new Array<T | undefined>(n);
  let pending = n; // files in state PENDING
  let buffered = 0;
  let written = 0;
  let lowPending = 0; // no PENDING file below this index
  let nextSpeculative = 0;
  let cross: Map<string, DuplicateRecord[]> | undefined;
  const corpus = job.corpus;
  let corpusDone = !corpus;
  const crossOf = (i: number) => (cross && corpus ? cross.get(corpus.key(i)) : undefined);
  const needsCross = (i: number) => (crossOf(i)?.length ?? 0) > 0;

  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };

    const flush = () => {
      while (written < n && state[written] === DONE) {
        const value = results[written] as T;
        results[written] = undefined;
        buffered -= job.size(value);
        job.onResult(written, value);
        written++;
      }
      if (written === n) resolve();
    };

    const keep = (i: number, value: T) => {
      results[i] = value;
      buffered += job.size(value);
    };

    const redo = (i: number) => {
      state[i] = PENDING;
      pending++;
      lowPending = Math.min(lowPending, i);
    };

    const settle = (i: number, value: T, speculative: boolean) => {
      if (!speculative) {
        state[i] = DONE;
        keep(i, value);
      } else if (!corpusDone) {
        state[i] = SPECULATED;
        keep(i, value);
      } else if (needsCross(i)) {
        redo(i);
      } else {
        state[i] = DONE;
        keep(i, value);
      }
    };

    const dispatch = (slot: number, batch: number[], speculative: boolean) => {
      if (!speculative) for (const i of batch) job.onDispatch?.(i);
      const task = job.task(batch.map((index) => ({ index, cross: speculative ? undefined : crossOf(index) })));
      pool
        .run<T[]>(slot, task)
        .then((values) => {
          if (failed) return;
          batch.forEach((i, k) => settle(i, values[k], speculative));
          flush();
          pump();
        })
        .catch(fail);
    };

    const nextFile = (): number => {
      if (corpusDone) {
        while (lowPending < n && state[lowPending] !== PENDING) lowPending++;
        return lowPending < n ? lowPending : -1;
      }
      while (nextSpeculative < n && (state[nextSpeculative] !== PENDING || !corpus!.speculate(nextSpeculative))) nextSpeculative++;
      return nextSpeculative < n ? nextSpeculative : -1;
    };

    const pump = () => {
      if (failed) return;
      for (;;) {
        let slot = -1;
        for (let s = corpusDone ? 0 : 1; s < pool.size; s++) {
          if (pool.inFlight(s) < PER_WORKER && (slot < 0 || pool.inFlight(s) < pool.inFlight(slot))) slot = s;
        }
        if (slot < 0) return;
        // Smaller batches as the work runs out, so that every worker gets a share.
        const limit = Math.max(1, Math.min(BATCH_FILES, Math.floor(pending / (pool.size * PER_WORKER * 2))));
        const speculative = !corpusDone;
        const batch: number[] = [];
        let chars = 0;
        while (batch.length < limit) {
          const i = nextFile();
          if (i < 0 || (buffered >= BUFFER_BUDGET && i !== written)) break;
          if (batch.length && chars + job.weight(i) > BATCH_CHARS) break;
          state[i] = speculative ? SPECULATING : RUNNING;
          pending--;
          batch.push(i);
          chars += job.weight(i);
        }
        if (!batch.length) return;
        dispatch(slot, batch, speculative);
      }
    };

    if (n === 0) return resolve();
    if (corpus) {
      pool
        // Made when sent, and not kept: it holds every input's text.
        .run<Map<string, DuplicateRecord[]>>(0, corpus.task())
        .then((map) => {
          if (failed) return;
          cross = map;
          corpusDone = true;
          for (let i = 0; i < n; i++) {
            if (state[i] !== SPECULATED) continue;
            if (needsCross(i)) {
              buffered -= job.size(results[i] as T);
              results[i] = undefined;
              redo(i);
            } else {
              state[i] = DONE;
            }
          }
          lowPending = 0;
          flush();
          pump();
        })
        .catch(fail);
    }
    pump();
  });
}
