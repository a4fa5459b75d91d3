// UI tour in a real VS Code (code-server 4.100.3 = VS Code 1.100.3, headless Chromium 1400x900):
// opens samples/ with the extension loaded, opens the first samples/*.txt with Quick Open, waits for the
// extension's squiggles, hovers one, opens the Problems panel and saves media/screenshot-diagnostics.png; then opens
// the Claims view from the activity bar, hovers a claim's sentence and saves media/screenshot-claims.png.
//   npm run tour            (builds first)
// Env: SEED_TOUR_SCREENSHOT, SEED_TOUR_CLAIMS_SCREENSHOT (output paths), SEED_EXTENSION_DEV_PATH (extension folder, default the repo),
//      SEED_TOUR_STEP_TIMEOUT_MS (per step, default 45000), SEED_VSCODE_VERBOSE=1 (server + browser logs).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ensureSamples, repoRoot, startCodeServer, withTimeout } from '../test/integration/code-server.mjs';

const extensionDevelopmentPath = resolve(process.env.SEED_EXTENSION_DEV_PATH || repoRoot);
const samples = join(repoRoot, 'samples');
const screenshot = resolve(process.env.SEED_TOUR_SCREENSHOT || join(repoRoot, 'media/screenshot-diagnostics.png'));
const claimsScreenshot = resolve(process.env.SEED_TOUR_CLAIMS_SCREENSHOT || join(repoRoot, 'media/screenshot-claims.png'));
/** The claim the tour hovers: a high-scoring sentence near the top of the first sample (any claim will do). */
const CLAIM_WORDS = ['vote.', 'council of Vessmark approved', 'engineering is sound', 'We have waited'];
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

  // ---- claims ----
  await step('close the panel and open the Claims view from the activity bar', async () => {
    await page.mouse.move(10, 10);
    await page.keyboard.press('Escape');
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    await page.locator('.part.activitybar [aria-label^="Seed Annotator"]').first().click();
    await page.locator('.part.sidebar .monaco-list-row').first().waitFor({ state: 'visible' });
  });
  await step('drag the side bar wider for the claims', async () => {
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (!sidebar) throw new Error('the side bar has no box on screen');
    // The vertical sash on the side bar's right edge.
    const sash = await page.evaluate((edge) => {
      for (const el of document.querySelectorAll('.monaco-sash.vertical')) {
        const r = el.getBoundingClientRect();
        if (r.height > 200 && Math.abs(r.x + r.width / 2 - edge) < 6) return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return undefined;
    }, sidebar.x + sidebar.width);
    if (!sash) throw new Error('no sash on the side bar’s edge');
    await page.mouse.move(sash.x, sash.y);
    await page.mouse.down();
    await page.mouse.move(sash.x + 120, sash.y, { steps: 10 });
    await page.mouse.move(sidebar.x + 560, sash.y, { steps: 10 });
    await page.mouse.up();
    const wider = await page.locator('.part.sidebar').boundingBox();
    console.log(`tour: side bar ${Math.round(sidebar.width)} → ${Math.round(wider?.width ?? 0)} px`);
  });
  const rows = await step('wait for the claims of the workspace', async () => {
    const claimRow = page.locator('.part.sidebar .monaco-list-row[aria-level="2"]');
    await failOnErrorToast(page, claimRow.first().waitFor({ state: 'visible' }));
    return page.locator('.part.sidebar .monaco-list-row').count();
  });
  console.log(`tour: the Claims view shows ${rows} row(s)`);

  const hoverClaim = async () => {
    const point = await page.evaluate((candidates) => {
      for (const words of candidates) {
        for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = (n.textContent ?? '').replace(/\u00a0/g, ' ').indexOf(words);
            if (i < 0) continue;
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + Math.min(words.length, 6));
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2, words };
          }
        }
      }
      return undefined;
    }, CLAIM_WORDS);
    if (!point) throw new Error(`none of ${JSON.stringify(CLAIM_WORDS)} is on screen`);
    await page.mouse.move(10, 10);
    await page.mouse.move(point.x, point.y, { steps: 5 });
    const card = page.locator('.monaco-hover:not(.hidden)', { hasText: 'check-worthiness' }).first();
    await card.waitFor({ state: 'visible' });
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Checking for quick fixes' }).waitFor({ state: 'detached' });
    // The hover fades in: wait until its animations are over, or the picture catches it half transparent.
    await card.evaluate((el) => Promise.all(el.closest('.monaco-editor')?.getAnimations({ subtree: true }).map((a) => a.finished) ?? []));
    await page.waitForFunction((el) => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].every((h) => { for (let e = h; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) return false; return true; }), undefined);
    return point.words;
  };
  const hovered = await step('hover a claim in the article', hoverClaim);
  console.log(`tour: the claim hover is over “${hovered}”`);

  await step(`save ${claimsScreenshot}`, async () => {
    mkdirSync(dirname(claimsScreenshot), { recursive: true });
    await page.screenshot({ path: claimsScreenshot });
  });
}

let code = 0;
try {
  await main();
  console.log(`tour: done in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots: ${screenshot}, ${claimsScreenshot}`);
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
