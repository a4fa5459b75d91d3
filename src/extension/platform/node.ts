// The Node implementation of the platform layer (desktop and remote extension hosts): large articles go to a
// worker thread running dist/worker.js; annotation sidecars on disk are written with Node's fs (nodeSidecarFiles.ts).
import * as vscode from 'vscode';
import { AnalysisWorker } from './nodeAnalysisWorker';
import { nodeSidecarFiles } from './nodeSidecarFiles';
import type { AnalysisRunner, Platform } from './types';

export const platform: Platform = {
  runtime: 'node',
  createAnalysisRunner(extensionUri: vscode.Uri): AnalysisRunner {
    return new AnalysisWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath);
  },
  largeArticleAnalysis: () => 'worker-thread',
  yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
  sidecarFiles: nodeSidecarFiles,
};
