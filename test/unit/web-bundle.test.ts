// The web build (esbuild.mjs → dist/web/): the extension bundle needs nothing but `vscode` and no Node or DOM global,
// and the Web Worker script answers the protocol platform/web.ts speaks. The real proof, the extension running in
// VS Code for the Web's web worker extension host, is the `web` step of `npm test` (test/integration/launch-web.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { analyze } from '../../src/core';
import type { HostMessage, WorkerMessage } from '../../src/extension/platform/analysisService';

const extension = readFileSync('dist/web/extension.js', 'utf8');
const worker = readFileSync('dist/web/worker.js', 'utf8');

describe('web build', () => {
  it('requires only vscode', () => {
    const required = new Set([...extension.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['vscode']);
    assert.doesNotMatch(worker, /\brequire\(["']/);
  });

  it('uses no Node-only or DOM-only global', () => {
    // (A name at the start of a string is not a use: csv-stringify's browser build, with its own Buffer, has one in a message.)
    for (const [name, code] of [['extension', extension], ['worker', worker]] as const) {
      for (const pattern of [/(?<![\w.])setImmediate\(/, /(?<![\w."'])Buffer\./, /(?<![\w.])__dirname\b/, /(?<![\w.])document\.(?:createElement|body)/]) {
        assert.doesNotMatch(code, pattern, `${name}: ${pattern}`);
      }
    }
  });

  it('runs the worker script where only Web Worker globals exist, with the same results as analyze()', () => {
    const posted: WorkerMessage[] = [];
    const scope: Record<string, unknown> = { postMessage: (m: WorkerMessage) => posted.push(m) };
    // A fresh context: no require, no process, no Buffer; the script sees `globalThis` and sets `onmessage` on it.
    runInNewContext(worker, Object.assign(scope, { TextEncoder, TextDecoder, Intl, performance, console }), { filename: 'dist/web/worker.js' });
    const onmessage = scope.onmessage as (event: { data: HostMessage }) => void;
    assert.equal(typeof onmessage, 'function');
    const text = 'Harbour vote\n\nThe council met on Friday. “We are ready,” Ana Ortiz said.\n“Nobody asked us.”\n';
    onmessage({ data: { type: 'analyze', id: 7, key: 'article', text, options: {}, keep: true } });
    // The result in parts, each sent when the host asks for the next one (as the pool does).
    const result: Record<string, unknown> = {};
    for (;;) {
      const part = posted.at(-1)!;
      assert.equal(part.type, 'part');
      assert.equal(part.id, 7);
      if (part.type !== 'part') break;
      Object.assign(result, part.head);
      if (part.field) result[part.field] = [...((result[part.field] as unknown[]) ?? []), ...(part.items ?? [])];
      if (part.last) break;
      onmessage({ data: { type: 'next', id: 7 } });
    }
    const expected = JSON.parse(JSON.stringify(analyze(text))) as Record<string, unknown>;
    for (const [field, value] of Object.entries(expected)) assert.deepEqual(JSON.parse(JSON.stringify(result[field] ?? [])), value, field);
  });
});
