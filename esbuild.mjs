// Bundles the extension (for Node: dist/extension.js + dist/worker.js; for the web worker extension host of VS Code
// for the Web: dist/web/extension.js + dist/web/worker.js), the CLI and the test entries. `--production` minifies and
// drops source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // The walkthrough's sample article is bundled as a string (it opens the same way on the desktop and the web).
  loader: { '.txt': 'text' },
};

// The browser build: the same sources, with src/extension/platform/node.ts swapped for platform/web.ts (Web Worker
// instead of worker_threads). Any Node built-in left in the graph fails the build (esbuild cannot resolve it for
// platform 'browser'), so nothing Node-only reaches the web bundle unnoticed.
const webPlatform = {
  name: 'seed-web-platform',
  setup(build) {
    const platformDir = resolve('src/extension/platform');
    build.onResolve({ filter: /^\.\/node$/ }, (args) =>
      dirname(args.importer) === platformDir ? { path: join(platformDir, 'web.ts') } : undefined,
    );
  },
};
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  // Both targets are Web Workers (no DOM): packages' "worker" exports come before their "browser" ones
  // (decode-named-character-reference's browser build decodes entities through `document`).
  conditions: ['worker'],
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  // csv-stringify's Node build uses the Buffer global at load; its browser build carries its own.
  alias: { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' },
};

function testEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/extension/platform/nodeWorkerMain.ts'], outfile: 'dist/worker.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...web, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'], plugins: [webPlatform] },
  { ...web, entryPoints: ['src/extension/platform/webWorkerMain.ts'], outfile: 'dist/web/worker.js', format: 'iife' },
];
if (!production) {
  builds.push({ ...common, entryPoints: ['src/train/main.ts'], outfile: 'out/train/main.js' });
  const unit = testEntries('test/unit').filter((f) => f.endsWith('.test.ts'));
  if (unit.length) builds.push({ ...common, entryPoints: unit, outdir: 'out/test/unit', external: ['mocha', 'playwright-core'] });
  const integration = testEntries('test/integration/suite');
  if (integration.length) {
    builds.push({ ...common, entryPoints: integration, outdir: 'out/test/integration/suite', external: ['vscode', 'mocha'] });
  }
  // The web suite runs in the web worker extension host, which loads one CommonJS file with `vscode` as its only module.
  if (existsSync('test/integration/suite-web/index.ts')) {
    builds.push({ ...web, entryPoints: ['test/integration/suite-web/index.ts'], outfile: 'out/test/integration/suite-web/index.js', external: ['vscode'] });
  }
}

if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
