// UI tour in a real VS Code (code-server 4.100.3 = VS Code 1.100.3, headless Chromium 1400x900):
// opens samples/ with the extension loaded, opens the first samples/*.txt with Quick Open, waits for the
// extension's squiggles, hovers one, opens the Problems panel and saves media/screenshot-diagnostics.png.
//   npm run tour            (builds first)
// Env: SEED_TOUR_SCREENSHOT (output path), SEED_EXTENSION_DEV_PATH (extension folder, default the repo),
//      SEED_TOUR_STEP_TIMEOUT_MS (per step, default 45000), SEED_VSCODE_VERBOSE=1 (server + browser logs).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ensureSamples, repoRoot, startCodeServer, withTimeout } from '../test/integration/code-server.mjs';

const extensionDevelopmentPath = resolve(process.env.SEED_EXTENSION_DEV_PATH || repoRoot);
const samples = join(repoRoot, 'samples');
const screenshot = resolve(process.env.SEED_TOUR_SCREENSHOT || join(repoRoot, 'media/screenshot-diagnostics.png'));
const stepMs = Number(process.env.SEED_TOUR_STEP_TIMEOUT_MS) || 45_000;
const SQUIGGLE = '.squiggly-warning, .squiggly-info, .squiggly-error';
const started = Date.now();

let vs;

/** Awaits `promise`, but fails at once with its text when VS Code shows an error notification instead. */
async function failOnErrorToast(page, promise) {
  const toast = page.locator('.notification-toast').filter({ has: page.locator('.codicon-error') }).first();
  let settled = false;
  const error = toast.waitFor({ state: 'visible', timeout: 0 }).then(
    async () => {
      if (settled) return;
      const text = (await toast.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
      throw new Error(`VS Code shows an error notification: ${text}`);
    },
    () => {},
  );
  try {
    return await Promise.race([promise, error.then(() => new Promise(() => {}))]);
  } finally {
    settled = true;
  }
}
async function step(name, fn, ms = stepMs) {
  const t0 = Date.now();
  try {
    const r = await withTimeout(fn(), ms, name);
    console.log(`tour: ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return r;
  } catch (err) {
    throw new Error(`step "${name}" failed: ${err.message.split('\n')[0]}`);
  }
}

async function main() {
  if (!existsSync(join(extensionDevelopmentPath, 'dist/extension.js')) && extensionDevelopmentPath === repoRoot) {
    throw new Error('dist/extension.js is missing: run `node esbuild.mjs` first (npm run tour does)');
  }
  const [article] = ensureSamples(samples);
  if (!article) throw new Error('samples/ has no *.txt article');

  vs = await step('start code-server and Chromium', () => startCodeServer({ viewport: { width: 1400, height: 900 } }), 90_000);
  const { page } = vs;
  page.setDefaultTimeout(stepMs);

  await step(`open samples/ with the extension loaded (${vs.baseUrl})`, async () => {
    await page.goto(vs.url(samples, { extensionDevelopmentPath }), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    // The explorer lists the folder once the remote file system is up.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible' });
  });

  await step(`Quick Open ${article}`, async () => {
    const input = page.locator('.quick-input-widget input');
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {}); // focus the workbench
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(article);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: article }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: article }).waitFor({ state: 'visible' });
  });

  const count = await step('wait for the squiggles', async () => {
    await failOnErrorToast(page, page.locator(SQUIGGLE).first().waitFor({ state: 'attached' }));
    return page.locator(SQUIGGLE).count();
  });
  console.log(`tour: ${count} squiggle(s) drawn in the visible part of ${article}`);

  // The first warning (an unattributed quote, say) when there is one, else the first squiggle of any kind.
  const target = (await page.locator('.squiggly-warning').count()) ? '.squiggly-warning' : SQUIGGLE;
  const hoverSquiggle = async () => {
    const box = await page.locator(target).first().boundingBox();
    if (!box) throw new Error('the first squiggle has no box on screen');
    await page.mouse.move(10, 10);
    await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2, { steps: 5 });
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /\S/ }).first();
    await hover.waitFor({ state: 'visible' });
    // Its status bar says "Checking for quick fixes..." until the code actions arrive.
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Checking for quick fixes' }).waitFor({ state: 'detached' });
    return (await hover.innerText()).split('\n').filter(Boolean)[0].slice(0, 100);
  };
  const hoverText = await step('hover the first squiggle', hoverSquiggle);
  console.log(`tour: hover says: ${hoverText}`);

  await step('open the Problems panel (Ctrl+Shift+M)', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible' });
  });
  const problems = await page.locator('.markers-panel .monaco-list-row').count();
  console.log(`tour: the Problems panel lists ${problems} row(s) (file + its problems, as far as visible)`);

  // Opening the panel moved focus and closed the hover: show it again for the picture.
  await step('hover the squiggle again', hoverSquiggle);

  await step(`save ${screenshot}`, async () => {
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
  });
}

let code = 0;
try {
  await main();
  console.log(`tour: done in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshot: ${screenshot}`);
} catch (err) {
  code = 1;
  console.error(`tour: ${err.message}`);
  if (vs?.page) {
    const failShot = join(repoRoot, 'out/tour-failure.png');
    mkdirSync(dirname(failShot), { recursive: true });
    await vs.page.screenshot({ path: failShot }).then(
      () => console.error(`tour: the page at the time of failure: ${failShot}`),
      () => {},
    );
  }
} finally {
  await vs?.close();
}
process.exit(code);
