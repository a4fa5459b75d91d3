// A minimal test runner for the web worker extension host, where mocha's Node entry cannot load (no Node, no fs to
// list test files) and only `vscode` can be required: `describe`/`it`/`before`/`after`, run in order, async, each
// with a timeout, and a few assertions. Its results are reported by index.ts.

type Fn = () => unknown; // or a promise of it
interface Test {
  title: string;
  fn: Fn;
  timeoutMs: number;
}
interface Suite {
  title: string;
  tests: Test[];
  before: Fn[];
  after: Fn[];
}

const suites: Suite[] = [];
let current: Suite | undefined;

export function describe(title: string, body: () => void): void {
  const suite: Suite = { title, tests: [], before: [], after: [] };
  suites.push(suite);
  const outer = current;
  current = suite;
  try {
    body();
  } finally {
    current = outer;
  }
}

export function it(title: string, fn: Fn, timeoutMs = 30_000): void {
  if (!current) throw new Error(`it("${title}") outside describe()`);
  current.tests.push({ title, fn, timeoutMs });
}

export function before(fn: Fn): void {
  current?.before.push(fn);
}

export function after(fn: Fn): void {
  current?.after.push(fn);
}

function withTimeout(fn: Fn, ms: number, what: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    Promise.resolve().then(fn),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

export interface RunResult {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.message}\n${(error.stack ?? '').split('\n').slice(1, 5).join('\n')}` : String(error));

/** Runs every suite in order; a failing `before` fails the suite's tests. Logs one line per test. */
export async function runAll(log: (line: string) => void): Promise<RunResult> {
  const result: RunResult = { passed: 0, failed: 0, failures: [] };
  for (const suite of suites) {
    log(`  ${suite.title}`);
    let setupError: unknown;
    for (const fn of suite.before) {
      try {
        await withTimeout(fn, 60_000, `"before all" of ${suite.title}`);
      } catch (error) {
        setupError = error;
        break;
      }
    }
    for (const test of suite.tests) {
      const title = `${suite.title} ${test.title}`;
      const started = Date.now();
      try {
        if (setupError !== undefined) throw setupError instanceof Error ? setupError : new Error(JSON.stringify(setupError));
        await withTimeout(test.fn, test.timeoutMs, title);
        result.passed++;
        log(`    ✔ ${test.title} (${Date.now() - started} ms)`);
      } catch (error) {
        result.failed++;
        result.failures.push({ title, error: describeError(error) });
        log(`    ✖ ${test.title}\n      ${describeError(error).replace(/\n/g, '\n      ')}`);
      }
    }
    for (const fn of suite.after) {
      try {
        await withTimeout(fn, 30_000, `"after all" of ${suite.title}`);
      } catch (error) {
        result.failed++;
        result.failures.push({ title: `${suite.title} "after all"`, error: describeError(error) });
      }
    }
  }
  return result;
}

interface Assert {
  ok(value: unknown, message?: string): asserts value;
  equal<T>(actual: T, expected: T, message?: string): void;
}

export const assert: Assert = {
  ok(value: unknown, message?: string): asserts value {
    if (!value) throw new Error(message ?? `expected a truthy value, got ${String(value)}`);
  },
  equal<T>(actual: T, expected: T, message?: string): void {
    if (actual !== expected) throw new Error(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  },
};
