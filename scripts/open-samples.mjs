// `npm start`: build the extension and open samples/ in VS Code with it loaded.
//   - a desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> <repo>/samples`;
//   - otherwise: code-server (VS Code 1.100.3 in the browser; installed on first use by scripts/setup-vscode.sh)
//     on 127.0.0.1, with a URL that loads the extension. Open it in your browser; Ctrl+C stops the server.
// Env: SEED_PORT (default 8080, or any free port when 8080 is taken), SEED_NO_DESKTOP=1 (use code-server even
// when `code` is on PATH).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureCodeServer, ensureSamples, repoRoot, startCodeServer } from '../test/integration/code-server.mjs';

const samples = join(repoRoot, 'samples');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  return r.status === 0;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

console.log('start: building the extension (node esbuild.mjs)');
if (!run(process.execPath, ['esbuild.mjs'])) {
  console.error('start: the build failed (see above)');
  process.exit(1);
}
const articles = ensureSamples(samples);
console.log(`start: samples/ has ${articles.length} article(s)`);

const hasDesktopCode = !process.env.SEED_NO_DESKTOP && spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode) {
  console.log(`start: opening samples/ in your VS Code: code --extensionDevelopmentPath=${repoRoot} ${samples}`);
  const child = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, samples], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('start: no desktop `code` on PATH, using code-server (VS Code 1.100.3 in the browser)');
  ensureCodeServer();
  const wanted = Number(process.env.SEED_PORT) || 8080;
  const port = (await portIsFree(wanted)) ? wanted : 0;
  const vs = await startCodeServer({ browser: false, port });
  const url = vs.url(samples, { extensionDevelopmentPath: repoRoot });
  const line = '-'.repeat(72);
  console.log(`\n${line}\nSeed Annotator is running in VS Code at:\n\n  ${url}\n\nOpen that address in a browser on this machine (it listens on 127.0.0.1:${vs.port} only;`);
  console.log(`over SSH: ssh -L ${vs.port}:127.0.0.1:${vs.port} <host>, then open the same URL locally).`);
  console.log(`Open an article from samples/ to see its annotations. Press Ctrl+C to stop.\n${line}`);
  vs.exited.then(async (code) => {
    if (vs.isClosing()) return; // Ctrl+C: the helper is stopping it
    console.error(`start: code-server exited (code ${code})`);
    await vs.close();
    process.exit(code || 1);
  });
}
