// Shared helper: a real VS Code (code-server 4.100.3 = VS Code 1.100.3, installed by scripts/setup-vscode.sh)
// on a free loopback port with a throw-away profile, and Debian's Chromium driven by playwright-core.
//
//   const vs = await startCodeServer({ viewport: { width: 1400, height: 900 } });
//   await vs.page.goto(vs.url(folder, { extensionDevelopmentPath: root, extensionTestsPath }));
//   ...
//   await vs.close();
//
// The server's whole process group and the browser are killed on close(), on process exit and on
// SIGINT/SIGTERM/SIGHUP. Every wait has a timeout with a message saying what was awaited.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const codeServerBin = join(repoRoot, '.vscode-test/cs/node_modules/.bin/code-server');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const verbose = !!process.env.SEED_VSCODE_VERBOSE;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Only loopback resolves: nothing in the workbench can reach outside hosts.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'npm.fetchOnlinePackageInfo': false,
  'security.workspace.trust.enabled': false,
  // code-server's extension host looks for ports to forward by spawning `ls -l /proc/*/fd/*` every few seconds; on a
  // busy machine each spawn holds that host (ours too) for ~100 ms, which the stall tests would blame on the extension.
  // Desktop VS Code runs no such scan. (code-server has a tunnel provider, so the source must say 'output' as well.)
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

/** Runs scripts/setup-vscode.sh when code-server is not installed yet (it is idempotent). */
export function ensureCodeServer() {
  if (existsSync(codeServerBin)) return;
  console.log('code-server is not installed yet: running scripts/setup-vscode.sh');
  const r = spawnSync('bash', [join(repoRoot, 'scripts/setup-vscode.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !existsSync(codeServerBin)) {
    throw new Error('scripts/setup-vscode.sh failed; code-server is not installed');
  }
}

/**
 * Makes sure `samples/` holds at least one article: when it has no *.txt yet, copies the integration
 * fixture article into it. Returns the sorted *.txt names in it.
 */
export function ensureSamples(dir = join(repoRoot, 'samples')) {
  mkdirSync(dir, { recursive: true });
  const articles = () => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (articles().length === 0) {
    const fixture = join(repoRoot, 'test/fixtures/workspace/000_0000000000000000.txt');
    if (existsSync(fixture)) copyFileSync(fixture, join(dir, '000_0000000000000000.txt'));
  }
  return articles();
}

/** Rejects with `message` after `ms` unless `promise` settles first. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s: ${message}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts code-server (and, unless `browser: false`, Chromium).
 * @param {object} [options]
 * @param {{width:number,height:number}} [options.viewport]
 * @param {boolean} [options.browser=true]  false: server only (a person opens the URL).
 * @param {number} [options.port=0]          0: any free loopback port.
 * @param {string} [options.host='127.0.0.1']
 * @param {number} [options.startTimeoutMs=60000]
 * @param {object} [options.settings]            user settings added to the throw-away profile's defaults.
 * @returns {Promise<{page: import('playwright-core').Page|undefined, browser: import('playwright-core').Browser|undefined,
 *   port: number, baseUrl: string, url: (folder: string, payload?: object|Array<[string,string]>) => string,
 *   serverLog: () => string, exited: Promise<number|null>, close: () => Promise<void>, isClosing: () => boolean}>}
 */
export async function startCodeServer(options = {}) {
  const { viewport, browser: wantBrowser = true, host = '127.0.0.1', startTimeoutMs = 60_000 } = options;
  ensureCodeServer();

  const tmp = mkdtempSync(join(tmpdir(), 'seed-vscode-'));
  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({ ...SETTINGS, ...options.settings }, null, 2));
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');

  let server;
  let browser;
  let closed = false;
  const logLines = [];
  const remember = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      logLines.push(line);
      if (logLines.length > 400) logLines.shift();
      if (verbose) console.log(`[code-server] ${line}`);
    }
  };

  const killGroupSync = () => {
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  };
  const onExit = () => {
    killGroupSync();
    try { rmSync(tmp, { recursive: true, force: true }); } catch { /* best effort */ }
  };
  const onSignal = (signal) => {
    console.error(`\n${signal}: stopping code-server and the browser`);
    close().finally(() => process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 1)));
  };
  process.on('exit', onExit);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);

  async function close() {
    if (closed) return;
    closed = true;
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, onSignal);
    if (browser) await withTimeout(browser.close(), 10_000, 'closing Chromium').catch(() => {});
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      const gone = new Promise((r) => server.once('exit', r));
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
      await withTimeout(gone, 5_000, 'code-server exit').catch(() => killGroupSync());
    }
    onExit();
    process.off('exit', onExit);
  }

  try {
    server = spawn(
      process.execPath,
      [
        codeServerBin,
        '--config', join(tmp, 'config.yaml'),
        '--auth', 'none',
        '--bind-addr', `${host}:${options.port ?? 0}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        '--user-data-dir', userData,
        '--extensions-dir', join(tmp, 'extensions'),
      ],
      {
        detached: true, // own process group: close() kills code-server and every child it started
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp, EXTENSIONS_GALLERY: '{}' },
      },
    );
    server.stdout.on('data', remember);
    server.stderr.on('data', remember);
    const exited = new Promise((r) => server.once('exit', (code) => r(code)));

    // "HTTP server listening on http://127.0.0.1:PORT/"
    const listening = new Promise((resolveListen, rejectListen) => {
      const onData = (chunk) => {
        const m = /HTTP server listening on (https?:\/\/\S+)/.exec(chunk.toString());
        if (m) {
          server.stdout.off('data', onData);
          server.stderr.off('data', onData);
          resolveListen(m[1].replace(/\/$/, ''));
        }
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.once('error', rejectListen);
      exited.then((code) => rejectListen(new Error(`code-server exited (code ${code}) before listening`)));
    });
    const baseUrl = await withTimeout(listening, startTimeoutMs, 'code-server to print "HTTP server listening"');
    const port = Number(new URL(baseUrl).port);
    const origin = `${host}:${port}`;

    let page;
    if (wantBrowser) {
      let chromium;
      try {
        ({ chromium } = await import('playwright-core'));
      } catch {
        throw new Error('playwright-core is not installed: run npm ci');
      }
      if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: run scripts/setup-vscode.sh`);
      browser = await withTimeout(
        chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS }),
        30_000,
        `launching ${chromiumPath}`,
      );
      const context = await browser.newContext({ viewport: viewport ?? { width: 1280, height: 800 } });
      page = await context.newPage();
      if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    }

    /** Workbench URL opening `folder`; `payload` is {extensionDevelopmentPath?, extensionTestsPath?} or raw pairs. */
    const url = (folder, payload = {}) => {
      const pairs = Array.isArray(payload)
        ? payload
        : [
            ...(payload.extensionDevelopmentPath
              ? [['extensionDevelopmentPath', `vscode-remote://${origin}${resolve(payload.extensionDevelopmentPath)}`]]
              : []),
            ...(payload.extensionTestsPath
              ? [['extensionTestsPath', `vscode-remote://${origin}${resolve(payload.extensionTestsPath)}`]]
              : []),
            ['skipWelcome', 'true'],
            ['skipReleaseNotes', 'true'],
          ];
      const params = new URLSearchParams();
      if (folder) params.set('folder', resolve(folder));
      if (pairs.length) params.set('payload', JSON.stringify(pairs));
      return `${baseUrl}/?${params.toString()}`;
    };

    return { page, browser, port, baseUrl, url, serverLog: () => logLines.join('\n'), exited, close, isClosing: () => closed };
  } catch (err) {
    if (logLines.length) console.error(`--- last code-server output ---\n${logLines.slice(-40).join('\n')}\n---`);
    await close();
    throw err;
  }
}

// The workbench's own start-up chatter, relayed through the same channel as the suite's output.
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore:)/;

/**
 * A handler for the page's `codeAutomationLog` (one line of the extension host's output, as VS Code relays it): the
 * suite's `marker` line goes to `onResult` as parsed JSON (not printed: the closing line reports it); other lines
 * are printed, without the workbench's chatter unless SEED_VSCODE_VERBOSE is set.
 */
export function automationLogRelay({ marker, label, onResult }) {
  const verbose = !!process.env.SEED_VSCODE_VERBOSE;
  return (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    const i = text.indexOf(marker);
    if (i >= 0) {
      const json = text.slice(i + marker.length).trim();
      try {
        onResult(JSON.parse(json.slice(0, json.lastIndexOf('}') + 1)));
      } catch (err) {
        console.error(`${label}: could not parse ${marker} line: ${err.message}`);
      }
      return;
    }
    if (type !== 'error' && !verbose && WORKBENCH_NOISE.test(text)) return;
    (type === 'error' ? console.error : console.log)(text);
  };
}
