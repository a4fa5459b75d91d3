// The Node implementation of the platform layer (desktop and remote extension hosts): large articles go to a pool
// of worker threads running dist/worker.js; annotation sidecars on disk are written with Node's fs (nodeSidecarFiles.ts).
import * as vscode from 'vscode';
import { createNodeAnalysisPool, yieldToEventLoop } from './nodeAnalysisWorker';
import { nodeSidecarFiles } from './nodeSidecarFiles';
import type { Platform } from './types';

export const platform: Platform = {
  runtime: 'node',
  createAnalysisPool: (extensionUri: vscode.Uri) => ({ pool: createNodeAnalysisPool(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath), largeArticleAnalysis: () => 'worker-thread' }),
  yieldToEventLoop,
  sidecarFiles: nodeSidecarFiles,
};
