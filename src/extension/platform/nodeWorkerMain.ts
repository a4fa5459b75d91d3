// Worker-thread entry (dist/worker.js): one of the analysis pool's workers (analysisPool.ts), off the extension
// host's event loop. It keeps the incremental analysers of the open articles it last analysed.
import { parentPort } from 'node:worker_threads';
import { serveAnalysis, type HostMessage } from './analysisService';

const handle = serveAnalysis((message) => parentPort?.postMessage(message));
parentPort?.on('message', (message: HostMessage) => handle(message));
