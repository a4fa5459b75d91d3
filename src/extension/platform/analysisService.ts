// The analysis workers' side of the pool protocol (analysisPool.ts), shared by the Node worker thread
// (nodeWorkerMain.ts), the Web Worker (webWorkerMain.ts) and the in-thread fallback. A result goes back in parts of a
// few thousand items, one part per request of the host: the host deserialises each part in its own turn of the event
// loop, so a 20 MB article's result (a million objects) never arrives as one structured clone that stalls it.
// No `vscode` and no Node import.
import { analyze, digestArticle, DocumentAnalyzer, packClaim, type AnalysisResult, type AnalyzeOptions, type ArticleDigest } from '../../core';

/** The result arrays that can travel in parts. */
export const RESULT_FIELDS = ['paragraphs', 'quotes', 'findings', 'claims', 'duplicates', 'tokens'] as const;
export type ResultField = (typeof RESULT_FIELDS)[number];

/** Items per part: a few milliseconds of deserialisation on the host, on a busy machine too. */
export const PART_ITEMS = 2000;
/**
 * Claims per part: a claim is the heaviest item (~20 objects: speaker, cue, entities, reasons…); the stall probe
 * profiled 40–50 ms of deserialisation for a part of 2,000 on a loaded machine.
 */
export const CLAIM_PART_ITEMS = 250;

/**
 * Asks the worker for the article's digest (core/sources/digest.ts) as well: made there, so a large article's
 * thousands of quotes never reach the host. `path` is the article's; `paths` names the other articles of its
 * repeats (URI → workspace path), as the report pairs them by path.
 */
export interface DigestRequest {
  path: string;
  paths: Record<string, string>;
}

/** A result with the digest asked for. */
export type AnalysisWithDigest = AnalysisResult & { digest?: ArticleDigest };

/**
 * Characters of an article's text per message: posting a string copies it on the posting thread (about 150 ms for a
 * 20 MB article on a busy machine), so a large text goes in parts, one per turn of the host's event loop.
 */
export const TEXT_PART_CHARS = 1 << 18;

export type HostMessage =
  | { type: 'text'; id: number; part: string }
  | {
      type: 'analyze';
      id: number;
      key: string;
      /** The text, or what follows the parts already sent as `text` messages for this id. */
      text: string;
      options: AnalyzeOptions;
      /** The fields to send back (all when absent); the others come back empty. */
      fields?: ResultField[];
      /** Keep this key's incremental analyser for its next version (open articles), or analyse once (background). */
      keep: boolean;
      digest?: DigestRequest;
      /** Send the claims as PackedClaim (AnalysisRequest.packClaims). */
      packClaims?: boolean;
    }
  | { type: 'next'; id: number }
  | { type: 'drop'; id: number }
  | { type: 'forget'; key: string };

export type WorkerMessage =
  | { type: 'part'; id: number; head?: Pick<AnalysisWithDigest, 'version' | 'length' | 'notices' | 'digest'>; field?: ResultField; items?: unknown[]; last: boolean }
  | { type: 'error'; id: number; message: string };

/** A message of one run: a part of its text, or its request. */
type RunMessage = Extract<HostMessage, { type: 'text' | 'analyze' }>;

/**
 * The messages of the run a worker was last given: its text parts and its request, in order. A worker that fails is
 * replaced by one on the host's thread, which is given them again (the request alone would carry only the text's end).
 */
export class LastRun {
  private messages: RunMessage[] = [];

  note(message: HostMessage): void {
    if (message.type !== 'text' && message.type !== 'analyze') return;
    if (this.messages[0]?.id !== message.id) this.messages = [];
    this.messages.push(message);
  }

  get all(): readonly RunMessage[] {
    return this.messages;
  }
}

/** Incremental analysers kept per worker (each holds its article's paragraphs' results). */
const KEPT_ANALYSERS = 4;

/** Returns the worker's message handler; `post` sends a message to the host. */
export function serveAnalysis(post: (message: WorkerMessage) => void): (message: HostMessage) => void {
  const analysers = new Map<string, DocumentAnalyzer>();
  const queued = new Map<number, WorkerMessage[]>();
  const textParts = new Map<number, string[]>();
  const analyserFor = (key: string): DocumentAnalyzer => {
    let analyser = analysers.get(key);
    if (analyser) analysers.delete(key); // re-inserted below: the map's order is least recently used first
    else analyser = new DocumentAnalyzer();
    analysers.set(key, analyser);
    while (analysers.size > KEPT_ANALYSERS) analysers.delete(analysers.keys().next().value as string);
    return analyser;
  };
  return (message) => {
    switch (message.type) {
      case 'text': {
        let sent = textParts.get(message.id);
        if (!sent) textParts.set(message.id, (sent = []));
        sent.push(message.part);
        return;
      }
      case 'analyze': {
        let parts: WorkerMessage[];
        const sent = textParts.get(message.id);
        textParts.delete(message.id);
        const text = sent ? sent.join('') + message.text : message.text;
        try {
          const result = message.keep ? analyserFor(message.key).analyze(text, message.options) : analyze(text, message.options);
          const digest = message.digest ? digestOfResult(message.digest, text, result) : undefined;
          // Packed claims travel in the claims' place; the pool unpacks each part into StoredClaims.
          const outgoing = message.packClaims ? { ...result, claims: result.claims.map(packClaim) as unknown as AnalysisResult['claims'] } : result;
          parts = resultParts(message.id, outgoing, message.fields, digest);
        } catch (error) {
          post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
          return;
        }
        const first = parts.shift()!;
        if (parts.length) queued.set(message.id, parts);
        post(first);
        return;
      }
      case 'next': {
        const parts = queued.get(message.id);
        const part = parts?.shift();
        if (!parts?.length) queued.delete(message.id);
        if (part) post(part);
        return;
      }
      case 'drop':
        queued.delete(message.id);
        textParts.delete(message.id);
        return;
      case 'forget':
        analysers.delete(message.key);
        return;
    }
  };
}

/** The digest of an analysis whose repeats name other articles by URI, with those articles' paths. */
export function digestOfResult(request: DigestRequest, text: string, result: AnalysisResult): ArticleDigest {
  const duplicates = result.duplicates.map((d) => (d.of.path === undefined ? d : { ...d, of: { ...d.of, path: request.paths[d.of.path] ?? d.of.label ?? d.of.path } }));
  return digestArticle(request.path, text, { ...result, duplicates });
}

function resultParts(id: number, result: AnalysisResult, fields: readonly ResultField[] = RESULT_FIELDS, digest?: ArticleDigest): WorkerMessage[] {
  const parts: WorkerMessage[] = [{ type: 'part', id, head: { version: result.version, length: result.length, notices: result.notices, ...(digest ? { digest } : {}) }, last: false }];
  for (const field of fields) {
    const items = result[field] as unknown[];
    const size = field === 'claims' ? CLAIM_PART_ITEMS : PART_ITEMS;
    for (let i = 0; i < items.length; i += size) parts.push({ type: 'part', id, field, items: items.slice(i, i + size), last: false });
  }
  if (parts.length > 1) {
    const [head, first] = parts.splice(0, 2) as Array<Extract<WorkerMessage, { type: 'part' }>>;
    parts.unshift({ ...first, head: head.head });
  }
  (parts[parts.length - 1] as { last: boolean }).last = true;
  return parts;
}
