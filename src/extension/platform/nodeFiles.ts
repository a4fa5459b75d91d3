// Writing files with Node's fs for the annotation sidecars (nodeSidecarFiles.ts), without `vscode` so unit tests run
// it: a flushed temporary file renamed over the target (replaceFile, src/node/replaceFile.ts), and a lock per file that
// every window on the machine honours.
//
// The lock is a file in the temporary folder, `seed-annotator-locks/<sha1 of the sidecar's path>.lock`, created with
// O_EXCL and holding the owner's process id. A lock whose owner is gone (the process no longer exists), or that is
// older than STALE_MS, is taken over; a writer waits at most WAIT_MS for it, then writes anyway and says so.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
export { replaceFile } from '../../node/replaceFile';

const STALE_MS = 30_000;
export const WAIT_MS = 10_000;

/** As ../annotations/files.ts names the copies (colons are not allowed in Windows file names). */
export const fileTimestamp = () => new Date().toISOString().replace(/:/g, '');

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Where the lock for `path` lives (the same in every extension host of this user on this machine). */
export function sidecarLockPath(path: string): string {
  return join(tmpdir(), 'seed-annotator-locks', `${createHash('sha1').update(path).digest('hex')}.lock`);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * What stands at `lockPath`: no lock any more ('gone'), a lock left by a process that is gone or too old to be trusted
 * ('stale', with the file's identity), or a live one ('held').
 */
async function lockState(lockPath: string): Promise<{ state: 'gone' | 'held' } | { state: 'stale'; ino: number; mtimeMs: number }> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    const pid = Number(text.split('\n')[0]);
    const stale = Date.now() - stat.mtimeMs > STALE_MS || (text.trim() !== '' && !alive(pid));
    return stale ? { state: 'stale', ino: stat.ino, mtimeMs: stat.mtimeMs } : { state: 'held' };
  } catch (error) {
    // Unreadable for another reason: treat it as held, and wait (at most WAIT_MS).
    return { state: errorCode(error) === 'ENOENT' ? 'gone' : 'held' };
  }
}

/**
 * Removes the stale lock judged, unless another writer has replaced it meanwhile: a lock released and taken again
 * between the look and the removal is someone's live lock (removing it let two writers in at once, and an
 * annotation was lost).
 */
async function removeStale(lockPath: string, judged: { ino: number; mtimeMs: number }): Promise<void> {
  const now = await fs.stat(lockPath).catch(() => undefined);
  if (now && now.ino === judged.ino && now.mtimeMs === judged.mtimeMs) await fs.unlink(lockPath).catch(() => undefined);
}

/**
 * Takes the lock for `path` (waiting while another writer holds it) and resolves with its release. After WAIT_MS
 * without it, resolves anyway with `waited: true` (the caller logs that it wrote without the lock).
 */
export async function lockSidecar(path: string, waitMs = WAIT_MS): Promise<{ release: () => Promise<void>; timedOut: boolean }> {
  const lockPath = sidecarLockPath(path);
  await fs.mkdir(dirname(lockPath), { recursive: true });
  const started = Date.now();
  for (let round = 0; ; round++) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n${path}\n`);
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        timedOut: false,
        release: async () => {
          if (released) return;
          released = true;
          await fs.unlink(lockPath).catch(() => undefined);
        },
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const found = await lockState(lockPath);
    // Released meanwhile: try again at once (never remove a lock on the strength of that look: another writer may
    // have taken it since).
    if (found.state === 'gone') continue;
    if (found.state === 'stale') {
      await removeStale(lockPath, found);
      continue;
    }
    if (Date.now() - started > waitMs) return { timedOut: true, release: () => Promise.resolve() };
    // Another window is writing this sidecar (a few milliseconds): try again shortly.
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, 5 + round * 5)));
  }
}


