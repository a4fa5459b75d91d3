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

/** True when the lock file at `lockPath` was left by a process that is gone, or is too old to be trusted. */
async function stale(lockPath: string): Promise<boolean> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    const pid = Number(text.split('\n')[0]);
    return Date.now() - stat.mtimeMs > STALE_MS || (text.trim() !== '' && !alive(pid));
  } catch (error) {
    return errorCode(error) === 'ENOENT';
  }
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
    if (await stale(lockPath)) {
      await fs.unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() - started > waitMs) return { timedOut: true, release: () => Promise.resolve() };
    // Another window is writing this sidecar (a few milliseconds): try again shortly.
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, 5 + round * 5)));
  }
}


