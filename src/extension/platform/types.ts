// What differs between the desktop/remote extension host (Node) and the web worker extension host (VS Code for the
// Web): how a large article is analysed off the extension host's thread, and how to yield to the event loop.
// extension.ts and analysis/controller.ts import `./platform` (the Node implementation); the browser build (esbuild.mjs)
// resolves that import to ./web.ts instead. Neither file imports the other, so a Node module can never reach the
// web bundle (esbuild fails the browser build on any `node:` import).
import type * as vscode from 'vscode';
import type { SidecarFiles } from '../annotations/files';
import type { AnalysisPool } from './analysisPool';

export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled by a newer request');
  }
}

/** Where large articles are analysed: a Node worker thread, a Web Worker, or the extension host's own thread. */
export type LargeArticleAnalysis = 'worker-thread' | 'web-worker' | 'extension-host';

/** An analysis pool and where its workers analyse: the controller that made it owns both. */
export interface AnalysisWorkers {
  readonly pool: AnalysisPool;
  /** How the pool's workers analyse (the latest one's choice; undefined before any was needed). */
  largeArticleAnalysis(): LargeArticleAnalysis | undefined;
}

export interface Platform {
  /** 'node': desktop or remote extension host; 'web': the web worker extension host of VS Code for the Web. */
  readonly runtime: 'node' | 'web';
  /** The workers shared by every article (analysisPool.ts): one per spare core. */
  createAnalysisPool(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): AnalysisWorkers;
  /** Resolves on a later turn of the event loop, so long background work lets the extension host breathe. */
  yieldToEventLoop(): Promise<void>;
  /** Annotation sidecars with `file:` URIs through the host's own file system (Node); absent: VS Code's file service. */
  readonly sidecarFiles?: SidecarFiles;
}
