// Bundles and runs the benchmarks (TypeScript through esbuild, like the tests).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
for (const name of ['analyze']) {
  await build({ entryPoints: [`bench/${name}.ts`], bundle: true, platform: 'node', format: 'cjs', outfile: `out/bench/${name}.js`, mainFields: ['module', 'main'], logLevel: 'warning' });
  const r = spawnSync(process.execPath, [`out/bench/${name}.js`], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
