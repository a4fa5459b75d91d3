// The one atomic write with Node's fs, for the CLI (baseline) and the extension's Node host (sidecars and exports on
// `file:` URIs; src/extension/annotations/files.ts picks it): the text goes to a temporary file beside the target,
// flushed to disk, then renamed over it, so the target is never seen half-written.
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to a flushed temporary file beside `path`, then renames it over `path` unless `beforeReplace` says no.
 * `text` may come in chunks (an export of a large folder is more than one string can hold).
 */
export async function replaceFile(path: string, text: string | Iterable<string>, beforeReplace?: () => Promise<boolean>): Promise<boolean> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      if (typeof text === 'string') await handle.writeFile(text, 'utf8');
      else for (const chunk of text) await handle.write(chunk, null, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (beforeReplace && !(await beforeReplace())) {
      await fs.unlink(temp).catch(() => undefined);
      return false;
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename is durable once the folder is flushed (not possible on every platform).
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a folder; the rename is still atomic.
  }
  return true;
}
