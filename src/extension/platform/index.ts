// The platform layer the extension uses. This file re-exports the Node implementation; the browser build
// (esbuild.mjs, dist/web/extension.js) replaces `./node` with `./web`.
export { platform } from './node';
export { CancelledError, type AnalysisWorkers, type LargeArticleAnalysis, type Platform } from './types';
export { AnalysisPool, type AnalysisRequest } from './analysisPool';
