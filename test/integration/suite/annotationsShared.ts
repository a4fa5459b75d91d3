// What annotations.test.ts (before the window reload) and annotations.after-reload.test.ts (after it) share: the
// article, the words annotated, and the hand-off file the first phase leaves for the second. Not a test file.
import * as vscode from 'vscode';
import type { AnnotationStore } from '../../../src/extension/annotations/store';
import { until, workspaceUri } from './helpers';

export const DIR = 'tmp-annotations';
export const ARTICLE = '030_a1b2c3d4e5f60718.txt';
export const WORDS = 'a renovation that cost 14 million euros';
export const NOTE = 'Check the cost against the council’s budget papers.';
export const GONE = 'twice as many as before the works began';
export const INSERTED = 'UPDATED Monday 10:15 — opening hours corrected\n';

/** What the first phase leaves for the second (tmp-annotations/handoff.json). */
export interface Handoff {
  /** The first extension host's process id. */
  pid: number;
  /** The annotation on WORDS, and its start in the saved file. */
  id: string;
  start: number;
  /** The orphaned annotation, as the sidecar held it after its words were deleted. */
  orphanId: string;
  orphanJson: string;
}

export interface SidecarItem {
  id: string;
  body: Array<{ value: string; purpose: string }>;
  claimId?: string;
  target: { source: string; selector: [{ exact: string; prefix: string; suffix: string }, { start: number; end: number }] };
}

/** The sidecar of an article, as text and as its items. */
export async function readSidecar(uri: vscode.Uri): Promise<{ text: string; items: SidecarItem[] }> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri.with({ path: `${uri.path}.annotations.json` })));
  return { text, items: JSON.parse(text).items };
}

// ---- the fault tests (annotations.faults.test.ts, annotations.second-window.test.ts, the after-reload check) ----

/** Where the fault tests work; the after-reload test removes it. */
export const FAULTS_DIR = 'tmp-annotation-faults';
/** The article whose writes are still pending when the window reloads, and the hand-off naming them. */
export const PENDING_ARTICLE = '051_a1b2c3d4e5f60718.txt';
export const PENDING_HANDOFF = 'pending.json';
/** The article two windows annotate at once, and the files the windows leave each other. */
export const TWO_WINDOWS_ARTICLE = '052_a1b2c3d4e5f60718.txt';
export const TWO_WINDOWS_READY = 'second-window-ready.json';
export const TWO_WINDOWS_GO = 'go.json';
export const twoWindowsDone = (window: 1 | 2) => `done-${window}.json`;
/** Written by the launcher once the second window has closed (launch-code-server.mjs). */
export const SECOND_WINDOW_CLOSED = 'second-window-closed.json';
/** Logged by the first window's test: the code-server launcher then opens a second window on the folder. */
export const OPEN_SECOND_WINDOW = 'SEED_OPEN_SECOND_WINDOW';

/** What the first phase leaves for the after-reload check of the pending writes. */
export interface PendingHandoff {
  pid: number;
  ids: string[];
}

/** A short article with many distinct phrases to annotate. */
export const FAULTS_TEXT = [
  'Harbour board approves ferry timetable',
  '',
  'The harbour board approved the new ferry timetable on Tuesday.',
  'The first ferry will leave the northern pier at 6 a.m. from March.',
  'Tickets will cost 4 euros, up from 3.50 euros last year.',
  'The board said the change would cut waiting times by a third.',
  'Several members had asked for a late ferry on Fridays.',
  'A spokesperson for the operator declined to comment.',
  'The city council will review the timetable in September.',
  '',
].join('\n');

/** Phrases of FAULTS_TEXT, each found once in it. */
export const FAULTS_PHRASES = [
  'harbour board approved',
  'new ferry timetable',
  'on Tuesday',
  'first ferry',
  'northern pier',
  '6 a.m.',
  'from March',
  'Tickets will cost 4 euros',
  '3.50 euros last year',
  'cut waiting times',
  'by a third',
  'Several members',
  'late ferry on Fridays',
  'A spokesperson for the operator',
  'declined to comment',
  'city council',
  'review the timetable',
  'in September',
];

/**
 * Resolves with the text of `uri` once `predicate` holds for it, checking now and on every change a file system
 * watcher reports (no sleeps): files written by another window or process.
 */
export function whenFile(uri: vscode.Uri, predicate: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  // Any change in the folder is a reason to look (a file written by another process may be reported as a change of
  // the folder's other files first, or as a create followed by a change).
  const folder = uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf('/')) });
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*'));
  let last = '(no file)';
  return new Promise<string>((resolve, reject) => {
    let done = false;
    const finish = (error: Error | undefined, text?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      watcher.dispose();
      if (error) reject(error);
      else resolve(text!);
    };
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}; the file now: ${last.slice(0, 2000)}`)), timeoutMs);
    const check = async () => {
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        last = text;
        if (predicate(text)) finish(undefined, text);
      } catch {
        // not there yet
      }
    };
    watcher.onDidCreate(check);
    watcher.onDidChange(check);
    watcher.onDidDelete(check);
    void check();
  });
}

/** The ids in a sidecar's text (none when it cannot be parsed). */
export function sidecarIds(text: string): string[] {
  try {
    return (JSON.parse(text).items as SidecarItem[]).map((i) => i.id);
  } catch {
    return [];
  }
}

/**
 * Removes a test folder left by an earlier run (one that was stopped before it cleaned up) and waits until the store,
 * which may have read its sidecars at start-up, has dropped their annotations (the deletion reaches it as a file
 * event). Without the wait, a test could see the old run's annotations.
 */
export async function removeTestFolder(store: AnnotationStore, dir: string): Promise<void> {
  await Promise.resolve(vscode.workspace.fs.delete(workspaceUri(dir), { recursive: true, useTrash: false })).catch(() => undefined);
  const inside = `${workspaceUri(dir).path}/`;
  const left = () => store.all().filter((a) => a.uri.path.startsWith(inside));
  await until(store.onDidChange, () => left().length === 0, `the annotations of an earlier run in ${dir} to be dropped`, 15_000, () => left().map((a) => a.label).join(', '));
}
