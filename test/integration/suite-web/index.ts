// Entry of the web integration suite, run INSIDE the web worker extension host of VS Code for the Web (code-server
// 4.100.3 = VS Code 1.100.3 in headless Chromium; test/integration/launch-web.mjs forces the extension into that host).
// Bundled for the browser by esbuild to out/test/integration/suite-web/index.js: one CommonJS file whose only import
// is `vscode` (the web worker host's loader offers nothing else). VS Code calls `run()` (the @vscode/test-electron
// contract) and reports its end to the page; the launcher parses the line
//   SEED_WEB_SUITE_RESULT {"passed":n,"failed":m,"failures":[…],"host":{…}}
import { runAll } from './runner';
import { hostFacts } from './web.test';

export const RESULT_MARKER = 'SEED_WEB_SUITE_RESULT';

export async function run(): Promise<void> {
  console.log('web suite: running in the web worker extension host');
  const result = await runAll((line) => console.log(line));
  console.log(`${RESULT_MARKER} ${JSON.stringify({ ...result, host: hostFacts() })}`);
  if (result.failed > 0) throw new Error(`${result.failed} web integration test(s) failed`);
  if (result.passed === 0) throw new Error('no web integration test ran');
}
