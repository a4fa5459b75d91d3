// Bundles and runs the benchmarks (TypeScript through esbuild, like the tests).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
const benchStarted = performance.now();
const common = { bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], logLevel: 'warning' };
// The CLI, built from the current sources for the duplicates benchmark (a private copy: dist/ may be stale).
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'out/bench/seed-annotator.js', target: 'node20' });
await build({ ...common, entryPoints: ['src/extension/platform/nodeWorkerMain.ts'], outfile: 'out/bench/worker.js', target: 'node20' });
for (const name of ['analyze', 'duplicates', 'stall', 'workspace', 'cli', 'sources']) {
  await build({ ...common, entryPoints: [`bench/${name}.ts`], outfile: `out/bench/${name}.js` });
  const r = spawnSync(process.execPath, ['--expose-gc', `out/bench/${name}.js`, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const summary = spawnSync(process.execPath, ['bench/summary.mjs'], { stdio: 'inherit' });
console.log(`npm run bench took ${((performance.now() - benchStarted) / 60000).toFixed(1)} min`);
process.exit(summary.status ?? 1);
