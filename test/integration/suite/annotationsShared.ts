// What annotations.test.ts (before the window reload) and annotations.after-reload.test.ts (after it) share: the
// article, the words annotated, and the hand-off file the first phase leaves for the second. Not a test file.
import * as vscode from 'vscode';

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
