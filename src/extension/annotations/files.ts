// How the annotation store reads and replaces sidecar files. Two implementations:
//  - Node's fs (platform/nodeSidecarFiles.ts) for `file:` URIs in a desktop or remote extension host: flushed writes,
//    a lock shared by every window on the machine, and it still works while the extension host shuts down (VS Code's
//    file service needs the connection to the window, which is closed before `deactivate()` runs);
//  - VS Code's file service (below) everywhere else: VS Code for the Web, virtual file systems. No lock.
import * as vscode from 'vscode';
import { platform } from '../platform';

export interface SidecarFiles {
  /** The file's text; undefined when there is no such file. Rejects on any other error. */
  read(uri: vscode.Uri): Promise<string | undefined>;
  /**
   * Writes `text` to a temporary file beside `uri`, then renames it over `uri`, so the file is never seen
   * half-written. `beforeReplace` runs between the two; when it resolves false the temporary file is removed and
   * `uri` is left as it is (the result is then false). `text` may come in chunks (a large export).
   */
  replace(uri: vscode.Uri, text: string | Iterable<string>, beforeReplace?: () => Promise<boolean>): Promise<boolean>;
  /** Copies `uri` to `<uri>.corrupt-<timestamp>` (never over an existing file) and returns the copy. */
  keepAside(uri: vscode.Uri): Promise<vscode.Uri>;
  /**
   * Waits until no other writer on this machine is writing `uri` (other VS Code windows on the same folder), and
   * resolves with the function that lets the next one go. Where there is no lock, resolves at once.
   */
  lock(uri: vscode.Uri): Promise<() => Promise<void>>;
}

/** `2026-11-23T15:14:42.123Z` → `2026-11-23T151442.123Z` (colons are not allowed in Windows file names). */
export function fileTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/:/g, '');
}

function isNotFound(error: unknown): boolean {
  return (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') || /ENOENT|EntryNotFound|FileNotFound/i.test(error instanceof Error ? error.message : String(error));
}

/** UTF-8 bytes of the text, or of its chunks joined (as bytes: the joined text may be more than a string can hold). */
function encodeText(text: string | Iterable<string>): Uint8Array {
  const encoder = new TextEncoder();
  if (typeof text === 'string') return encoder.encode(text);
  const parts = Array.from(text, (chunk) => encoder.encode(chunk));
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** Through VS Code's file service (any file system VS Code can write). */
export const vscodeSidecarFiles: SidecarFiles = {
  async read(uri) {
    try {
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
  async replace(uri, text, beforeReplace) {
    const temp = uri.with({ path: `${uri.path}.tmp-${Math.random().toString(36).slice(2, 10)}` });
    try {
      await vscode.workspace.fs.writeFile(temp, encodeText(text));
      if (beforeReplace && !(await beforeReplace())) {
        await vscode.workspace.fs.delete(temp);
        return false;
      }
      await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
      return true;
    } catch (error) {
      await Promise.resolve(vscode.workspace.fs.delete(temp)).catch(() => undefined);
      throw error;
    }
  },
  async keepAside(uri) {
    const base = `${uri.path}.corrupt-${fileTimestamp()}`;
    for (let n = 0; ; n++) {
      const aside = uri.with({ path: n ? `${base}-${n}` : base });
      try {
        await vscode.workspace.fs.copy(uri, aside, { overwrite: false });
        return aside;
      } catch (error) {
        if (n < 20 && error instanceof vscode.FileSystemError && error.code === 'FileExists') continue;
        throw error;
      }
    }
  },
  lock: () => Promise.resolve(() => Promise.resolve()),
};

/** The implementation for this sidecar: Node's fs for a `file:` URI where the host has it, else VS Code's. */
export function sidecarFilesFor(uri: vscode.Uri): SidecarFiles {
  return (uri.scheme === 'file' && platform.sidecarFiles) || vscodeSidecarFiles;
}

/**
 * The one way the extension replaces a file whole (sidecars, and the claims and annotations exports): Node's flushed
 * temporary file renamed over it (src/node/replaceFile.ts) for a `file:` URI where the host has Node, else the same
 * steps through VS Code's file service. Rejects when the file cannot be written.
 */
export async function replaceFileAt(uri: vscode.Uri, text: string | Iterable<string>): Promise<void> {
  await sidecarFilesFor(uri).replace(uri, text);
}
