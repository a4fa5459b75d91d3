// What differs between the desktop/remote extension host (Node) and the web worker extension host (VS Code for the
// Web): how a large article is analysed off the extension host's thread, and how to yield to the event loop.
// extension.ts and analysis/controller.ts import `./platform` (the Node implementation); the browser build (esbuild.mjs)
// resolves that import to ./web.ts instead. Neither file imports the other, so a Node module can never reach the
// web bundle (esbuild fails the browser build on any `node:` import).
import type * as vscode from 'vscode';
import type { AnalysisResult, AnalyzeOptions } from '../../core';
import type { SidecarFiles } from '../annotations/files';

export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled by a newer request');
  }
}

/** Analyses one document's text off the extension host's thread (or, failing that, on it). */
export interface AnalysisRunner {
  /** Analyses `text`; rejects with CancelledError when a newer request arrives first. */
  run(text: string, options: AnalyzeOptions): Promise<AnalysisResult>;
  /** Stops the running analysis, if any. */
  cancel(): void;
  dispose(): void;
}

/** Where large articles are analysed: a Node worker thread, a Web Worker, or the extension host's own thread. */
export type LargeArticleAnalysis = 'worker-thread' | 'web-worker' | 'extension-host';

export interface Platform {
  /** 'node': desktop or remote extension host; 'web': the web worker extension host of VS Code for the Web. */
  readonly runtime: 'node' | 'web';
  /** One runner per large open article (each keeps that article's incremental analyser). */
  createAnalysisRunner(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): AnalysisRunner;
  /** How the runners created so far analyse (the latest one's choice; undefined before any was needed). */
  largeArticleAnalysis(): LargeArticleAnalysis | undefined;
  /** Resolves on a later turn of the event loop, so long background work lets the extension host breathe. */
  yieldToEventLoop(): Promise<void>;
  /** Annotation sidecars with `file:` URIs through the host's own file system (Node); absent: VS Code's file service. */
  readonly sidecarFiles?: SidecarFiles;
}
