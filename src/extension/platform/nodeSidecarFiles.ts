// Sidecar files through Node's fs (desktop and remote extension hosts, `file:` URIs only; see ../annotations/files.ts):
// a flushed temporary file renamed over the sidecar (replaceFile), and a lock per sidecar that every window on the
// machine honours (lockSidecar), both in nodeFiles.ts.
import { constants, promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { SidecarFiles } from '../annotations/files';
import { errorCode, fileTimestamp, lockSidecar, replaceFile, WAIT_MS } from './nodeFiles';

export const nodeSidecarFiles: SidecarFiles = {
  async read(uri) {
    try {
      return await fs.readFile(uri.fsPath, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
      throw error;
    }
  },
  replace: (uri, text, beforeReplace) => replaceFile(uri.fsPath, text, beforeReplace),
  async keepAside(uri) {
    const base = `${uri.fsPath}.corrupt-${fileTimestamp()}`;
    for (let n = 0; ; n++) {
      const aside = n ? `${base}-${n}` : base;
      try {
        await fs.copyFile(uri.fsPath, aside, constants.COPYFILE_EXCL);
        return vscode.Uri.file(aside);
      } catch (error) {
        if (n < 20 && errorCode(error) === 'EEXIST') continue;
        throw error;
      }
    }
  },
  async lock(uri) {
    const { release, timedOut } = await lockSidecar(uri.fsPath);
    if (timedOut) throw Object.assign(new Error(`another window held the lock on ${uri.fsPath} for ${WAIT_MS / 1000} s`), { code: 'ELOCKED' });
    return release;
  },
};
