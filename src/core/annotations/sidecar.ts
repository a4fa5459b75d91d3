// Sidecar files: `<article>.annotations.json` read (with every problem's line and column) and written.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { motivationOf, ordered } from './bodies';
import { ANNOTATION_CONTEXT, type SeedAnnotation, type SidecarProblem, type TextPositionSelector, type TextQuoteSelector, type TextualBody } from './types';

/** '003_x.txt' → '003_x.txt.annotations.json' (also for a path). */
export function sidecarNameFor(articleFileName: string): string {
  return `${articleFileName}.annotations.json`;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Invalid {
  constructor(
    readonly message: string,
    readonly path: JSONPath,
  ) {}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN_ANNOTATION_KEYS = ['id', 'type', 'created', 'modified', 'creator', 'motivation', 'claimId', 'body', 'target'];
const KNOWN_BODY_KEYS = ['type', 'value', 'purpose', 'format', 'created', 'creator'];

function extras(v: Record<string, unknown>, known: readonly string[], skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort()) if (!known.includes(key) && !skip.includes(key)) out[key] = v[key];
  return out;
}

function validateBody(v: unknown, path: JSONPath): TextualBody | Invalid {
  if (!isObject(v)) return new Invalid('a body must be an object', path);
  if (typeof v.value !== 'string') return new Invalid('a body needs a string "value"', path);
  if (v.type !== undefined && v.type !== 'TextualBody') return new Invalid(`body type ${JSON.stringify(v.type)} is not supported (only TextualBody)`, [...path, 'type']);
  const purpose = v.purpose ?? 'commenting';
  if (purpose !== 'commenting' && purpose !== 'tagging' && purpose !== 'assessing' && purpose !== 'replying') return new Invalid(`body purpose "${String(v.purpose)}" is not supported (commenting, tagging, assessing or replying)`, [...path, 'purpose']);
  for (const key of ['format', 'created', 'creator'] as const) if (v[key] !== undefined && typeof v[key] !== 'string') return new Invalid(`body "${key}" must be a string`, [...path, key]);
  return {
    type: 'TextualBody',
    value: v.value,
    purpose,
    ...(v.format !== undefined ? { format: v.format as 'text/plain' } : {}),
    ...(v.created !== undefined ? { created: v.created as string } : {}),
    ...(v.creator !== undefined ? { creator: v.creator as string } : {}),
    ...extras(v, KNOWN_BODY_KEYS),
  };
}

function validateAnnotation(v: unknown, path: JSONPath): SeedAnnotation | Invalid {
  if (!isObject(v)) return new Invalid('an annotation must be an object', path);
  if (typeof v.id !== 'string' || !v.id) return new Invalid('an annotation needs a string "id"', v.id === undefined ? path : [...path, 'id']);
  if (v.type !== 'Annotation') return new Invalid(`annotation ${v.id}: "type" must be "Annotation"`, v.type === undefined ? path : [...path, 'type']);
  for (const key of ['created', 'modified', 'creator', 'claimId'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') return new Invalid(`annotation ${v.id}: "${key}" must be a string`, [...path, key]);
  }
  if (v.motivation !== undefined && typeof v.motivation !== 'string') return new Invalid(`annotation ${v.id}: "motivation" must be a string`, [...path, 'motivation']);
  // Bodies: an array, one object, or the bodyValue shorthand.
  const body: TextualBody[] = [];
  if (v.body !== undefined) {
    const list = Array.isArray(v.body) ? v.body : [v.body];
    for (let i = 0; i < list.length; i++) {
      const b = validateBody(list[i], Array.isArray(v.body) ? [...path, 'body', i] : [...path, 'body']);
      if (b instanceof Invalid) return new Invalid(`annotation ${v.id}: ${b.message}`, b.path);
      body.push(b);
    }
  }
  if (v.bodyValue !== undefined) {
    if (typeof v.bodyValue !== 'string') return new Invalid(`annotation ${v.id}: "bodyValue" must be a string`, [...path, 'bodyValue']);
    body.unshift({ type: 'TextualBody', value: v.bodyValue, purpose: 'commenting', format: 'text/plain' });
  }
  const target = v.target;
  if (!isObject(target)) return new Invalid(`annotation ${v.id}: "target" must be an object with a TextQuoteSelector`, v.target === undefined ? path : [...path, 'target']);
  if (target.source !== undefined && typeof target.source !== 'string') return new Invalid(`annotation ${v.id}: "target.source" must be a string`, [...path, 'target', 'source']);
  const rawSelectors: unknown[] = Array.isArray(target.selector) ? target.selector : target.selector === undefined ? [] : [target.selector];
  const selPath = (i: number): JSONPath => (Array.isArray(target.selector) ? [...path, 'target', 'selector', i] : [...path, 'target', 'selector']);
  let quote: TextQuoteSelector | undefined;
  let position: TextPositionSelector | undefined;
  for (let i = 0; i < rawSelectors.length; i++) {
    const s = rawSelectors[i];
    if (!isObject(s)) return new Invalid(`annotation ${v.id}: a selector must be an object`, selPath(i));
    if (s.type === 'TextQuoteSelector') {
      if (typeof s.exact !== 'string') return new Invalid(`annotation ${v.id}: the TextQuoteSelector needs a string "exact"`, selPath(i));
      for (const key of ['prefix', 'suffix'] as const) if (s[key] !== undefined && typeof s[key] !== 'string') return new Invalid(`annotation ${v.id}: the TextQuoteSelector's "${key}" must be a string`, [...selPath(i), key]);
      quote = { type: 'TextQuoteSelector', exact: s.exact, prefix: (s.prefix as string | undefined) ?? '', suffix: (s.suffix as string | undefined) ?? '' };
    } else if (s.type === 'TextPositionSelector') {
      const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
      if (!ok(s.start) || !ok(s.end) || (s.end as number) < (s.start as number)) return new Invalid(`annotation ${v.id}: the TextPositionSelector needs whole numbers "start" ≤ "end"`, selPath(i));
      position = { type: 'TextPositionSelector', start: s.start as number, end: s.end as number };
    }
  }
  if (!quote) return new Invalid(`annotation ${v.id}: the target has no TextQuoteSelector`, [...path, 'target']);
  const motivation = v.motivation === 'commenting' || v.motivation === 'tagging' || v.motivation === 'assessing' ? v.motivation : motivationOf(body);
  const created = (v.created as string | undefined) ?? (v.modified as string | undefined) ?? '';
  return {
    id: v.id,
    type: 'Annotation',
    created,
    modified: (v.modified as string | undefined) ?? created,
    ...(v.creator !== undefined ? { creator: v.creator as string } : {}),
    motivation,
    body,
    target: { ...extras(target, ['source', 'selector']), source: target.source ?? '', selector: [quote, position ?? { type: 'TextPositionSelector', start: 0, end: 0 }] },
    ...(v.claimId !== undefined ? { claimId: v.claimId as string } : {}),
    ...extras(v, KNOWN_ANNOTATION_KEYS, ['bodyValue']),
  };
}

/**
 * Reads a sidecar's text (comments and trailing commas allowed). Accepts the AnnotationCollection serializeSidecar
 * writes, a bare array of annotations, or a single annotation. Any problem (bad JSON, an invalid annotation, a repeated
 * id) is reported with its line and column, and means the file is corrupt: show the valid annotations, never
 * overwrite the file. An empty file holds no annotations.
 */
export function parseSidecar(json: string): { annotations: SeedAnnotation[]; problem?: SidecarProblem } {
  const text = json.charCodeAt(0) === 0xfeff ? json.slice(1) : json;
  if (!text.trim()) return { annotations: [] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  let problem: SidecarProblem | undefined;
  const report = (message: string, offset: number) => {
    if (!problem) problem = { message, ...positionOf(text, offset) };
  };
  if (errors.length) report(`not valid JSON: ${printParseErrorCode(errors[0].error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`, errors[0].offset);
  const annotations: SeedAnnotation[] = [];
  if (!root) {
    if (!problem) report('not valid JSON', 0);
    return { annotations, problem };
  }
  let items: Node | undefined;
  let single = false;
  if (root.type === 'array') items = root;
  else if (root.type === 'object') {
    items = findNodeAtLocation(root, ['items']);
    if (!items) {
      const type = findNodeAtLocation(root, ['type']);
      if (type && getNodeValue(type) === 'Annotation') single = true;
      else report('not an annotation collection: no "items" array', root.offset);
    } else if (items.type !== 'array') {
      report('"items" must be an array of annotations', items.offset);
      items = undefined;
    }
  } else {
    report('not an annotation collection: expected a JSON object', root.offset);
  }
  const nodes = single ? [root] : (items?.children ?? []);
  const seen = new Set<string>();
  for (const node of nodes) {
    const result = validateAnnotation(getNodeValue(node), []);
    if (result instanceof Invalid) {
      const at = findNodeAtLocation(node, result.path) ?? node;
      report(result.message, at.offset);
      continue;
    }
    if (seen.has(result.id)) {
      report(`annotation id ${result.id} appears more than once`, (findNodeAtLocation(node, ['id']) ?? node).offset);
      continue;
    }
    seen.add(result.id);
    annotations.push(result);
  }
  return problem ? { annotations, problem } : { annotations };
}

function orderedKeys(v: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (v[key] !== undefined) out[key] = v[key];
  for (const key of Object.keys(v).sort()) if (!order.includes(key) && v[key] !== undefined) out[key] = v[key];
  return out;
}

function serializable(a: SeedAnnotation): Record<string, unknown> {
  const [quote, position] = a.target.selector;
  const target = orderedKeys(
    {
      ...a.target,
      selector: [orderedKeys({ ...quote }, ['type', 'exact', 'prefix', 'suffix']), orderedKeys({ ...position }, ['type', 'start', 'end'])],
    },
    ['source', 'selector'],
  );
  return orderedKeys({ ...a, body: ordered(a.body).map((b) => orderedKeys({ ...b }, KNOWN_BODY_KEYS)), target }, KNOWN_ANNOTATION_KEYS);
}

/** The sidecar's text: an AnnotationCollection, keys in a stable order, 2-space JSON, items by start then id. */
export function serializeSidecar(annotations: SeedAnnotation[], source: string): string {
  const startOf = (a: SeedAnnotation) => a.target.selector[1]?.start ?? 0;
  const items = [...annotations].sort((x, y) => startOf(x) - startOf(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).map(serializable);
  const doc = { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', label: `Annotations on ${source}`, total: items.length, items };
  return JSON.stringify(doc, null, 2) + '\n';
}
