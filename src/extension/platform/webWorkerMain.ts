// Web Worker entry (dist/web/worker.js), the browser counterpart of nodeWorkerMain.ts: one of the analysis pool's
// workers, off the web worker extension host's thread.
import { serveAnalysis, type HostMessage } from './analysisService';

interface WorkerScope {
  onmessage: ((event: { data: HostMessage }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
const handle = serveAnalysis((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
